//! The lexicon: phrases with per-category weights, read from the plain files in
//! `lexicon/<lang>/` (one folder per language).
//!
//! Line format (tab-separated; `#` starts a comment line):
//! `phrase<TAB>weight<TAB>source` where source is `learned` or `curated`.
//! `bias.tsv` holds `category<TAB>bias<TAB>threshold` per category.
//! `headings.tsv` holds `phrase<TAB>category<TAB>weight`: added to a clause's score when its
//! section heading contains the phrase.
//! `context.tsv` holds `category<TAB>offset<TAB>weight`: how much of the phrase evidence of the
//! clause at that offset (-2, -1, 1, 2) counts in a clause's decision.
//! `compiled.txt` is generated from the others (`Compiled`): what the classifier is built from
//! at run time; the wasm holds only it.

use crate::category::Category;

/// Positions, relative to a clause, of the neighbours whose evidence counts in its decision
/// (the offsets of `context.tsv`).
pub(crate) const CONTEXT_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// One phrase with its weight for one category.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub phrase: String,
    pub category: Category,
    pub weight: f32,
    pub curated: bool,
}

impl Entry {
    /// An entry for `phrase`, folded as clauses are (`text::fold_stemmed`). A phrase that
    /// starts or ends with `*` is part of a word there (German compounds: `*zweck` matches
    /// "Werbezwecke", `datenschutz*` matches "Datenschutzerklärung"); it is folded without
    /// stemming, since its ends are not whole words.
    pub fn new(phrase: &str, category: Category, weight: f32, curated: bool) -> Entry {
        let body = phrase.trim().trim_matches(PART_OF_WORD);
        let folded = if body.len() == phrase.trim().len() {
            crate::text::fold_stemmed(body)
        } else {
            crate::text::fold(body)
        };
        let mut folded = folded.trim().to_string();
        if !folded.is_empty() {
            if phrase.trim_start().starts_with(PART_OF_WORD) {
                folded.insert(0, PART_OF_WORD);
            }
            if phrase.trim_end().ends_with(PART_OF_WORD) {
                folded.push(PART_OF_WORD);
            }
        }
        Entry {
            phrase: folded,
            category,
            weight,
            curated,
        }
    }
}

/// Marks an end of a phrase that is part of a word.
pub const PART_OF_WORD: char = '*';

/// What the automaton looks for in a folded clause (`" word word "`) for a folded phrase:
/// word boundaries as spaces, except at an end marked part of a word.
pub fn needle(phrase: &str) -> String {
    let mut needle = String::with_capacity(phrase.len() + 2);
    push_needle(&mut needle, phrase);
    needle
}

/// Appends `needle(phrase)` to `out`.
pub(crate) fn push_needle(out: &mut String, phrase: &str) {
    let body = phrase.trim_matches(PART_OF_WORD);
    if !phrase.starts_with(PART_OF_WORD) {
        out.push(' ');
    }
    out.push_str(body);
    if !phrase.ends_with(PART_OF_WORD) {
        out.push(' ');
    }
}

/// The whole lexicon plus per-category bias and decision threshold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    /// Phrases looked up in the clause's heading, not its text (all curated).
    pub headings: Vec<Entry>,
    pub bias: [f32; 10],
    pub threshold: [f32; 10],
    /// Weight per category of the evidence of the neighbours at `classify::CONTEXT_OFFSETS`.
    pub context: [[f32; 4]; 10],
}

/// The files of one language's shipped lexicon (`lexicon/<lang>/`), compiled into native
/// builds (the wasm has only their compiled form, `COMPILED`).
#[cfg(not(target_arch = "wasm32"))]
struct Shipped {
    lang: &'static str,
    categories: [(Category, &'static str); 10],
    bias: &'static str,
    headings: &'static str,
    context: &'static str,
}

/// The files of `lexicon/<lang>/` compiled in, one per category in `Category::ALL` order.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! shipped {
    ($lang:literal) => {
        Shipped {
            lang: $lang,
            categories: [
                (
                    Category::FirstPartyCollection,
                    shipped!($lang, "first_party_collection"),
                ),
                (
                    Category::ThirdPartySharing,
                    shipped!($lang, "third_party_sharing"),
                ),
                (Category::UserChoice, shipped!($lang, "user_choice")),
                (Category::UserAccess, shipped!($lang, "user_access")),
                (Category::DataRetention, shipped!($lang, "data_retention")),
                (Category::DataSecurity, shipped!($lang, "data_security")),
                (Category::PolicyChange, shipped!($lang, "policy_change")),
                (Category::DoNotTrack, shipped!($lang, "do_not_track")),
                (
                    Category::SpecificAudiences,
                    shipped!($lang, "specific_audiences"),
                ),
                (Category::Other, shipped!($lang, "other")),
            ],
            bias: shipped!($lang, "bias"),
            headings: shipped!($lang, "headings"),
            context: shipped!($lang, "context"),
        }
    };
    ($lang:literal, $file:literal) => {
        include_str!(concat!("../lexicon/", $lang, "/", $file, ".tsv"))
    };
}

/// Every shipped language; a language is one folder `lexicon/<lang>/`.
#[cfg(not(target_arch = "wasm32"))]
const SHIPPED: &[Shipped] = &[shipped!("en"), shipped!("de")];

/// The compiled form (`Compiled`) of every shipped language's lexicon, `lexicon/<lang>/compiled.txt`.
const COMPILED: &[(&str, &str)] = &[
    ("en", include_str!("../lexicon/en/compiled.txt")),
    ("de", include_str!("../lexicon/de/compiled.txt")),
];

/// A line of a lexicon file that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

#[cfg(not(target_arch = "wasm32"))]
impl Lexicon {
    /// The English lexicon compiled into the binary.
    pub fn shipped() -> Lexicon {
        Lexicon::shipped_for("en").expect("the English lexicon is shipped")
    }

    /// The lexicon compiled into the binary for a language (`en`), if one is shipped. Its
    /// files are checked by tests, so parsing cannot fail.
    pub fn shipped_for(lang: &str) -> Option<Lexicon> {
        let files = SHIPPED.iter().find(|s| s.lang == lang)?;
        let lexicon = Lexicon::parse(&files.categories, files.bias)
            .and_then(|l| l.with_headings(files.headings))
            .and_then(|l| l.with_context(files.context))
            .expect("shipped lexicon is valid (checked by tests)");
        Some(lexicon)
    }
}

impl Lexicon {
    /// Adds the heading table (`phrase<TAB>category<TAB>weight` lines).
    pub fn with_headings(mut self, text: &str) -> Result<Lexicon, ParseError> {
        for (n, line) in data_lines(text) {
            let err = line_error("headings.tsv", n);
            let [phrase, category, weight] = line.split('\t').collect::<Vec<_>>()[..] else {
                return Err(err("expected phrase<TAB>category<TAB>weight"));
            };
            let entry = Entry::new(
                phrase,
                Category::from_id(category).ok_or_else(|| err("unknown category"))?,
                finite(weight).ok_or_else(|| err("weight is not a number"))?,
                true,
            );
            if entry.phrase.is_empty() {
                return Err(err("empty phrase"));
            }
            self.headings.push(entry);
        }
        Ok(self)
    }

    /// Adds the neighbour context weights (`category<TAB>offset<TAB>weight` lines).
    pub fn with_context(mut self, text: &str) -> Result<Lexicon, ParseError> {
        for (n, line) in data_lines(text) {
            let err = line_error("context.tsv", n);
            let [category, offset, weight] = line.split('\t').collect::<Vec<_>>()[..] else {
                return Err(err("expected category<TAB>offset<TAB>weight"));
            };
            let category = Category::from_id(category).ok_or_else(|| err("unknown category"))?;
            let k = offset
                .parse()
                .ok()
                .and_then(|o: isize| CONTEXT_OFFSETS.iter().position(|&x| x == o))
                .ok_or_else(|| err("offset must be -2, -1, 1 or 2"))?;
            self.context[category.index()][k] =
                finite(weight).ok_or_else(|| err("weight is not a number"))?;
        }
        Ok(self)
    }

    /// Parses per-category files and the bias file.
    pub fn parse(files: &[(Category, &str)], bias: &str) -> Result<Lexicon, ParseError> {
        let mut lexicon = Lexicon::default();
        for &(category, text) in files {
            let file = format!("{}.tsv", category.id());
            for (n, line) in data_lines(text) {
                let err = line_error(&file, n);
                let Some(fields) = three_fields(line) else {
                    return Err(err("expected phrase<TAB>weight<TAB>source"));
                };
                let weight: f32 = finite(fields[1]).ok_or_else(|| err("weight is not a number"))?;
                let curated = match fields[2] {
                    "curated" => true,
                    "learned" => false,
                    _ => return Err(err("source must be `learned` or `curated`")),
                };
                let entry = Entry::new(fields[0], category, weight, curated);
                if entry.phrase.is_empty() {
                    return Err(err("empty phrase"));
                }
                lexicon.entries.push(entry);
            }
        }
        for (n, line) in data_lines(bias) {
            let fields: Vec<&str> = line.split('\t').collect();
            let err = line_error("bias.tsv", n);
            if fields.len() != 3 {
                return Err(err("expected category<TAB>bias<TAB>threshold"));
            }
            let category = Category::from_id(fields[0]).ok_or_else(|| err("unknown category"))?;
            lexicon.bias[category.index()] =
                fields[1].parse().map_err(|_| err("bias is not a number"))?;
            lexicon.threshold[category.index()] = fields[2]
                .parse()
                .map_err(|_| err("threshold is not a number"))?;
        }
        Ok(lexicon)
    }
}

/// A lexicon as the classifier reads it: its distinct phrases (folded, `*` at an end that is
/// part of a word) in the order first seen (text entries, then headings), each with its text
/// and heading weights in lexicon order. `lexicon/<lang>/compiled.txt` holds the shipped
/// lexicons in this form (`Compiled::render`), so a cold start neither folds phrases nor
/// parses ten files; a test checks that it is current.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compiled {
    /// The phrases end to end: phrase `p` ends at `phrase_ends[p]` and starts where `p - 1` ends.
    phrases: String,
    phrase_ends: Vec<u32>,
    /// (category, weight, curated) of each phrase in clause text, grouped by phrase: phrase
    /// `p`'s end at `text_ends[p]`.
    text: Vec<(Category, f32, bool)>,
    text_ends: Vec<u32>,
    /// (category, weight) of each phrase in a heading, grouped the same way.
    heading: Vec<(Category, f32)>,
    heading_ends: Vec<u32>,
    pub bias: [f32; 10],
    pub threshold: [f32; 10],
    pub context: [[f32; 4]; 10],
}

/// Marks the lines of `Compiled::render` that are not phrases (folded phrases have no `@`).
const COMPILED_FIELD: char = '@';

impl Compiled {
    /// The compiled form of a shipped language's lexicon, if one is shipped.
    pub fn shipped(lang: &str) -> Option<Compiled> {
        let (_, text) = COMPILED.iter().find(|(l, _)| *l == lang)?;
        Some(Compiled::parse(text).expect("compiled lexicon is valid (checked by tests)"))
    }

    /// The compiled form of `lexicon`.
    pub fn of(lexicon: &Lexicon) -> Compiled {
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for entry in lexicon.entries.iter().chain(&lexicon.headings) {
            index.entry(&entry.phrase).or_insert_with(|| {
                order.push(&entry.phrase);
                order.len() - 1
            });
        }
        let text: Vec<(usize, (Category, f32, bool))> = lexicon
            .entries
            .iter()
            .map(|e| (index[e.phrase.as_str()], (e.category, e.weight, e.curated)))
            .collect();
        let heading: Vec<(usize, (Category, f32))> = lexicon
            .headings
            .iter()
            .map(|e| (index[e.phrase.as_str()], (e.category, e.weight)))
            .collect();
        let mut compiled = Compiled {
            bias: lexicon.bias,
            threshold: lexicon.threshold,
            context: lexicon.context,
            ..Compiled::default()
        };
        for phrase in &order {
            compiled.push_phrase(phrase);
        }
        (compiled.text, compiled.text_ends) = group(text, order.len());
        (compiled.heading, compiled.heading_ends) = group(heading, order.len());
        compiled
    }

    fn push_phrase(&mut self, phrase: &str) {
        self.phrases.push_str(phrase);
        self.phrase_ends.push(self.phrases.len() as u32);
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.phrase_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrase_ends.is_empty()
    }

    /// Phrase `p`.
    pub fn phrase(&self, p: usize) -> &str {
        &self.phrases[span(&self.phrase_ends, p)]
    }

    /// The text weights of phrase `p`: (category, weight, curated).
    pub fn text_weights(&self, p: usize) -> &[(Category, f32, bool)] {
        &self.text[span(&self.text_ends, p)]
    }

    /// The heading weights of phrase `p`.
    pub fn heading_weights(&self, p: usize) -> &[(Category, f32)] {
        &self.heading[span(&self.heading_ends, p)]
    }

    /// The text form: a header comment, `@bias`, `@threshold` and `@context` lines (values in
    /// `Category::ALL` order, context by category then offset), then one line per phrase:
    /// `phrase<TAB>items`, items separated by spaces, each a category's index in
    /// `Category::ALL`, a kind (`:` learned, `=` curated, `^` heading) and a weight.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# Generated from this folder's .tsv files; do not edit. Rewrite it with \
             `POLICYLENS_WRITE_COMPILED=1 cargo test --release --lib compiled_lexicons_are_current`.\n",
        );
        let numbers = |name: &str, values: &[f32]| {
            let values: Vec<String> = values.iter().map(f32::to_string).collect();
            format!("{COMPILED_FIELD}{name}\t{}\n", values.join(" "))
        };
        out.push_str(&numbers("bias", &self.bias));
        out.push_str(&numbers("threshold", &self.threshold));
        out.push_str(&numbers("context", self.context.as_flattened()));
        for p in 0..self.len() {
            out.push_str(self.phrase(p));
            out.push('\t');
            let text = self.text_weights(p).iter().map(|&(c, w, curated)| {
                let kind = if curated { '=' } else { ':' };
                format!("{}{kind}{w}", c.index())
            });
            let heading =
                (self.heading_weights(p).iter()).map(|&(c, w)| format!("{}^{w}", c.index()));
            let items: Vec<String> = text.chain(heading).collect();
            out.push_str(&items.join(" "));
            out.push('\n');
        }
        out
    }

    /// Reads the text form of `render`.
    pub fn parse(text: &str) -> Result<Compiled, ParseError> {
        // Capacities from the text's size: about 12 bytes per weight and 36 per phrase.
        let mut compiled = Compiled {
            phrases: String::with_capacity(text.len() / 3),
            phrase_ends: Vec::with_capacity(text.len() / 36),
            text: Vec::with_capacity(text.len() / 12),
            text_ends: Vec::with_capacity(text.len() / 36),
            heading_ends: Vec::with_capacity(text.len() / 36),
            ..Compiled::default()
        };
        for (n, line) in data_lines(text) {
            let err = line_error("compiled.txt", n);
            let (name, values) = line.split_once('\t').ok_or_else(|| err("expected a tab"))?;
            if let Some(field) = name.strip_prefix(COMPILED_FIELD) {
                let target = match field {
                    "bias" => &mut compiled.bias[..],
                    "threshold" => &mut compiled.threshold[..],
                    "context" => compiled.context.as_flattened_mut(),
                    _ => return Err(err("unknown field")),
                };
                let mut values = values.split(' ');
                for slot in target.iter_mut() {
                    *slot = values
                        .next()
                        .and_then(decimal)
                        .ok_or_else(|| err("expected a number"))?;
                }
                if values.next().is_some() {
                    return Err(err("too many numbers"));
                }
                continue;
            }
            compiled.push_phrase(name);
            for item in values.split(' ').filter(|i| !i.is_empty()) {
                let bytes = item.as_bytes();
                let category = bytes
                    .first()
                    .filter(|b| b.is_ascii_digit())
                    .map(|b| Category::ALL[usize::from(b - b'0')])
                    .ok_or_else(|| err("expected a category index"))?;
                let weight = item
                    .get(2..)
                    .and_then(decimal)
                    .ok_or_else(|| err("weight is not a number"))?;
                match bytes.get(1) {
                    Some(b':') => compiled.text.push((category, weight, false)),
                    Some(b'=') => compiled.text.push((category, weight, true)),
                    Some(b'^') => compiled.heading.push((category, weight)),
                    _ => return Err(err("kind must be `:`, `=` or `^`")),
                }
            }
            compiled.text_ends.push(compiled.text.len() as u32);
            compiled.heading_ends.push(compiled.heading.len() as u32);
        }
        Ok(compiled)
    }
}

/// The values of (phrase, value) pairs grouped by phrase (`phrases` of them), each group in
/// the pairs' order, with the end of each group.
fn group<T>(mut pairs: Vec<(usize, T)>, phrases: usize) -> (Vec<T>, Vec<u32>) {
    // A stable sort: each group keeps the pairs' order.
    pairs.sort_by_key(|&(p, _)| p);
    let mut ends = Vec::with_capacity(phrases);
    let mut at = 0;
    for p in 0..phrases {
        while pairs.get(at).is_some_and(|&(q, _)| q == p) {
            at += 1;
        }
        ends.push(at as u32);
    }
    (pairs.into_iter().map(|(_, value)| value).collect(), ends)
}

/// Item `p` of a list stored end to end with the end of each item in `ends`.
fn span(ends: &[u32], p: usize) -> std::ops::Range<usize> {
    let start = if p == 0 { 0 } else { ends[p - 1] as usize };
    start..ends[p] as usize
}

/// A number as `Compiled::render` writes it: `-` optional, digits, and `.` and up to 7 digits
/// after it, at most 7 significant digits in all; other numbers are refused. The digits are
/// read as an integer divided by a power of ten: both are exact in `f32`, so the one correctly
/// rounded division gives the value `str::parse` gives, without the code and tables of the
/// general float parser in the wasm.
fn decimal(text: &str) -> Option<f32> {
    const POWERS: [f32; 8] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    let mut mantissa = 0u32;
    // Digits after the point, once there is one.
    let mut fraction: Option<usize> = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u32::from(b - b'0');
                if mantissa >= 10_000_000 {
                    return None;
                }
                if let Some(n) = fraction.as_mut() {
                    *n += 1;
                }
            }
            b'.' if i > 0 && fraction.is_none() => fraction = Some(0),
            _ => return None,
        }
    }
    if digits.is_empty() {
        return None;
    }
    let value = mantissa as f32 / POWERS.get(fraction.unwrap_or(0))?;
    Some(if negative { -value } else { value })
}

/// The error maker for line `line` of `file`.
fn line_error(file: &str, line: usize) -> impl Fn(&str) -> ParseError + '_ {
    move |message| ParseError {
        file: file.to_string(),
        line,
        message: message.to_string(),
    }
}

/// `text` as a finite number.
fn finite(text: &str) -> Option<f32> {
    text.parse().ok().filter(|w: &f32| w.is_finite())
}

/// The three tab-separated fields of `line`, or none when it has another number of fields.
fn three_fields(line: &str) -> Option<[&str; 3]> {
    let mut fields = line.split('\t');
    let three = [fields.next()?, fields.next()?, fields.next()?];
    fields.next().is_none().then_some(three)
}

/// Non-empty, non-comment lines with their 1-based numbers.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_parses() {
        for files in SHIPPED {
            let lexicon = Lexicon::parse(&files.categories, files.bias)
                .and_then(|l| l.with_headings(files.headings))
                .and_then(|l| l.with_context(files.context))
                .unwrap();
            assert!(!lexicon.headings.is_empty(), "{}", files.lang);
            for category in Category::ALL {
                assert!(
                    lexicon.entries.iter().any(|e| e.category == category),
                    "{}: {} has no entries",
                    files.lang,
                    category.id()
                );
            }
        }
        assert!(Lexicon::shipped_for("xx").is_none());
    }

    #[test]
    fn compiled_lexicons_are_current() {
        for files in SHIPPED {
            let lexicon = Lexicon::shipped_for(files.lang).unwrap();
            let compiled = Compiled::of(&lexicon);
            let rendered = compiled.render();
            let path = format!(
                "{}/lexicon/{}/compiled.txt",
                env!("CARGO_MANIFEST_DIR"),
                files.lang
            );
            if std::env::var_os("POLICYLENS_WRITE_COMPILED").is_some() {
                std::fs::write(&path, &rendered).unwrap();
                continue;
            }
            let (_, shipped) = COMPILED.iter().find(|(l, _)| *l == files.lang).unwrap();
            assert!(
                *shipped == rendered,
                "{path} is out of date: rewrite it with POLICYLENS_WRITE_COMPILED=1 cargo test \
                 --release --lib compiled_lexicons_are_current"
            );
            // Rendering writes each weight as the shortest text that reads back as it, so equal
            // text means equal bits; reading it back gives the same lexicon.
            assert_eq!(Compiled::parse(shipped).unwrap(), compiled);
            assert_eq!(compiled.len(), {
                let mut phrases: Vec<&str> = (lexicon.entries.iter().chain(&lexicon.headings))
                    .map(|e| e.phrase.as_str())
                    .collect();
                phrases.sort_unstable();
                phrases.dedup();
                phrases.len()
            });
        }
        assert_eq!(COMPILED.len(), SHIPPED.len());
    }

    #[test]
    fn compiled_form_keeps_phrase_order_and_weights() {
        let lexicon = Lexicon::parse(
            &[
                (
                    Category::DoNotTrack,
                    "do not track\t2\tcurated\ncookies\t0.5\tlearned",
                ),
                (Category::Other, "cookie\t-1.25\tlearned"),
            ],
            "",
        )
        .and_then(|l| l.with_headings("cookies\tother\t1.5\nyour rights\tuser_access\t1"))
        .unwrap();
        let compiled = Compiled::of(&lexicon);
        let text = compiled.render();
        assert!(text.ends_with("do not track\t7=2\ncookie\t7:0.5 9:-1.25 9^1.5\nyour right\t3^1\n"));
        assert_eq!(Compiled::parse(&text).unwrap(), compiled);
        assert_eq!(compiled.phrase(1), "cookie");
        assert_eq!(
            compiled.text_weights(1),
            [
                (Category::DoNotTrack, 0.5, false),
                (Category::Other, -1.25, false)
            ]
        );
        assert_eq!(compiled.heading_weights(2), [(Category::UserAccess, 1.0)]);
        let err = Compiled::parse("cookie\t7:0.5\ntrack\t7?1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "compiled.txt:2: kind must be `:`, `=` or `^`"
        );
    }

    #[test]
    fn decimals_read_as_str_parse_reads_them() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "1e-3",
            "0.1",
            "-6.597",
            "16777217",
            "9999999",
            "0.0000001",
            "1234.567",
            "0.30000001",
            "12345678.9",
            "3.4028236e38",
        ]
        .map(String::from)
        .to_vec();
        for m in (0..10_000_000u32).step_by(7_919) {
            for k in 0..8 {
                let digits = format!("{m:0>8}");
                let (whole, fraction) = digits.split_at(8 - k);
                let whole = match whole.trim_start_matches('0') {
                    "" => "0",
                    trimmed => trimmed,
                };
                texts.push(format!("{whole}.{fraction}"));
                texts.push(format!("-0{whole}.{fraction}"));
            }
        }
        let mut read = 0;
        for text in &texts {
            let parsed: Option<f32> = text.parse().ok().filter(|w: &f32| w.is_finite());
            if let Some(value) = decimal(text) {
                assert_eq!(Some(value.to_bits()), parsed.map(f32::to_bits), "{text}");
                read += 1;
            }
        }
        // Every generated number with up to 7 significant digits is read.
        assert_eq!(read, texts.len() - 5, "{read} of {}", texts.len());
        for text in [
            "1e-3",
            "16777217",
            "0.30000001",
            "12345678.9",
            "3.4028236e38",
            ".5",
            "1.2.3",
        ] {
            assert_eq!(decimal(text), None, "{text}");
        }
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Lexicon::parse(
            &[(Category::DoNotTrack, "# c\ndo not track\tx\tlearned\n")],
            "",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "do_not_track.tsv:2: weight is not a number"
        );
    }

    #[test]
    fn a_phrase_line_needs_exactly_three_fields() {
        for line in ["do not track\t0.5", "do not track\t0.5\tlearned\textra"] {
            let err = Lexicon::parse(&[(Category::DoNotTrack, line)], "").unwrap_err();
            assert_eq!(
                err.to_string(),
                "do_not_track.tsv:1: expected phrase<TAB>weight<TAB>source",
                "{line:?}"
            );
        }
        let lexicon =
            Lexicon::parse(&[(Category::DoNotTrack, "do not track\t0.5\tlearned")], "").unwrap();
        assert_eq!(lexicon.entries.len(), 1);
        assert_eq!(lexicon.entries[0].weight, 0.5);
    }
}
