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
//! `compiled.bin` is generated from the others (`Compiled`): what the classifier is built from
//! at run time; the wasm holds only it.

use std::borrow::Cow;

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
/// Byte-wise (the marker is ASCII): the classifier's start-up calls this once per phrase.
pub(crate) fn push_needle(out: &mut String, phrase: &str) {
    const MARK: u8 = PART_OF_WORD as u8;
    let bytes = phrase.as_bytes();
    let start = bytes.iter().take_while(|&&b| b == MARK).count();
    let end = bytes.len()
        - bytes[start..]
            .iter()
            .rev()
            .take_while(|&&b| b == MARK)
            .count();
    if start == 0 {
        out.push(' ');
    }
    out.push_str(&phrase[start..end]);
    if bytes.last() != Some(&MARK) {
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

/// The compiled form (`Compiled::render`) of every shipped language's lexicon,
/// `lexicon/<lang>/compiled.bin`.
const COMPILED: &[(&str, &[u8])] = &[
    ("en", include_bytes!("../lexicon/en/compiled.bin")),
    ("de", include_bytes!("../lexicon/de/compiled.bin")),
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
/// and heading weights in lexicon order. `lexicon/<lang>/compiled.bin` holds the shipped
/// lexicons in this form (`Compiled::render`), so a cold start neither folds phrases nor
/// parses ten files; a test checks that it is current.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compiled {
    /// Each phrase followed by `\n`: phrase `p` ends at `phrase_ends[p]` (its `\n`) and starts
    /// after `p - 1`'s. Borrowed from the shipped file.
    phrases: Cow<'static, str>,
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

/// Item kinds of `Compiled::render`, in the bits `KIND_SHIFT..` of an item byte.
const LEARNED: u8 = 0;
const CURATED: u8 = 1;
const HEADING: u8 = 2;
const KIND_SHIFT: u32 = 4;
/// Set in the item byte of a phrase's last item.
const LAST_ITEM: u8 = 0x80;
/// A weight delta that stands for "the next raw weight".
const RAW_WEIGHT: i16 = i16::MIN;
/// The counts after the header: phrase bytes, phrases, heading items, items per category.
const COUNTS: usize = 13;

/// `t` thousandths as `f32`: both numbers are exact in `f32` for `|t| < 2^24`, so this is the
/// one correctly rounded value, the same as `str::parse` gives for the decimal text.
fn thousandths(t: i32) -> f32 {
    t as f32 / 1000.0
}

/// `weight` as a whole number of thousandths that `thousandths` gives back bit for bit.
fn as_thousandths(weight: f32) -> Option<i32> {
    let t = (f64::from(weight) * 1000.0).round();
    (t.abs() < f64::from(1u32 << 24))
        .then_some(t as i32)
        .filter(|&t| thousandths(t).to_bits() == weight.to_bits())
}

/// Reads `Compiled::render`'s bytes front to back.
struct Reader {
    bytes: &'static [u8],
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&'static [u8], &'static str> {
        if n > self.bytes.len() {
            return Err("the file ends early");
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(taken)
    }

    fn u32(&mut self) -> Result<u32, &'static str> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn f32(&mut self) -> Result<f32, &'static str> {
        self.u32().map(f32::from_bits)
    }
}

impl Compiled {
    /// The compiled form of a shipped language's lexicon, if one is shipped.
    pub fn shipped(lang: &str) -> Option<Compiled> {
        let (_, bytes) = COMPILED.iter().find(|(l, _)| *l == lang)?;
        Some(Compiled::parse(bytes).expect("compiled lexicon is valid (checked by tests)"))
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
        let mut phrases = String::new();
        let mut phrase_ends = Vec::with_capacity(order.len());
        for phrase in &order {
            phrases.push_str(phrase);
            phrase_ends.push(phrases.len() as u32);
            phrases.push('\n');
        }
        let (text, text_ends) = group(text, order.len());
        let (heading, heading_ends) = group(heading, order.len());
        Compiled {
            phrases: Cow::Owned(phrases),
            phrase_ends,
            text,
            text_ends,
            heading,
            heading_ends,
            bias: lexicon.bias,
            threshold: lexicon.threshold,
            context: lexicon.context,
        }
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.phrase_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrase_ends.is_empty()
    }

    /// Phrase `p`.
    /// The bytes of all phrases, one separator each included.
    pub fn phrase_bytes(&self) -> usize {
        self.phrases.len()
    }

    pub fn phrase(&self, p: usize) -> &str {
        let start = if p == 0 {
            0
        } else {
            self.phrase_ends[p - 1] as usize + 1
        };
        &self.phrases[start..self.phrase_ends[p] as usize]
    }

    /// The text weights of phrase `p`: (category, weight, curated).
    pub fn text_weights(&self, p: usize) -> &[(Category, f32, bool)] {
        &self.text[span(&self.text_ends, p)]
    }

    /// The heading weights of phrase `p`.
    pub fn heading_weights(&self, p: usize) -> &[(Category, f32)] {
        &self.heading[span(&self.heading_ends, p)]
    }

    /// Every (phrase, category, kind, weight) in order: phrases in order, each phrase's text
    /// items, then its heading items.
    fn items(&self) -> impl Iterator<Item = (usize, Category, u8, f32)> + '_ {
        (0..self.len()).flat_map(move |p| {
            let text = self
                .text_weights(p)
                .iter()
                .map(move |&(c, w, curated)| (p, c, if curated { CURATED } else { LEARNED }, w));
            let heading = (self.heading_weights(p).iter()).map(move |&(c, w)| (p, c, HEADING, w));
            text.chain(heading)
        })
    }

    /// The binary form, compact in the gzip'd wasm and read without parsing numbers:
    /// - a header line (`#` ... `\n`);
    /// - 13 little-endian `u32`: the bytes of the phrases, the number of phrases, of heading
    ///   items and of items per category (`Category::ALL` order);
    /// - bias, threshold and context (by category, then offset) as little-endian `f32` bits;
    /// - the phrases, each followed by `\n` (readable in a pager);
    /// - one byte per item (a phrase's text items, then its heading items; phrases in order):
    ///   the category's index, the kind (`LEARNED`, `CURATED`, `HEADING`) at `KIND_SHIFT`,
    ///   `LAST_ITEM` on a phrase's last one (every phrase has at least one item);
    /// - per item, grouped by category and in item order within a category, its weight in
    ///   thousandths as an `i16` delta from the category's previous one (from 0): all high
    ///   bytes, then all low bytes. Weights, like the trainer's, with three decimals group
    ///   and delta well, and `thousandths` reads them back bit for bit. A weight without such a
    ///   form is `RAW_WEIGHT`, its bits follow the low bytes as little-endian `f32`s, in item
    ///   order.
    pub fn render(&self) -> Vec<u8> {
        let mut out =
            b"# policylens compiled lexicon: generated from this folder's .tsv files, do \
            not edit. Rewrite it with `POLICYLENS_WRITE_COMPILED=1 cargo test --release --lib \
            compiled_lexicons_are_current`; the format is `Compiled::render` in src/lexicon.rs.\n"
                .to_vec();
        let mut per_category = [0u32; 10];
        let mut headings = 0u32;
        for (_, c, kind, _) in self.items() {
            per_category[c.index()] += 1;
            headings += u32::from(kind == HEADING);
        }
        let counts = [self.phrases.len() as u32, self.len() as u32, headings];
        for n in counts.into_iter().chain(per_category) {
            out.extend(n.to_le_bytes());
        }
        let fields = self.bias.iter().chain(&self.threshold);
        for value in fields.chain(self.context.as_flattened()) {
            out.extend(value.to_bits().to_le_bytes());
        }
        out.extend(self.phrases.as_bytes());
        let mut deltas: [Vec<i16>; 10] = Default::default();
        let mut previous = [0i32; 10];
        let mut raw = Vec::new();
        let mut items = self.items().peekable();
        while let Some((p, c, kind, weight)) = items.next() {
            let last = !items.peek().is_some_and(|&(q, ..)| q == p);
            out.push(c.index() as u8 | kind << KIND_SHIFT | if last { LAST_ITEM } else { 0 });
            let delta = as_thousandths(weight).and_then(|t| {
                let delta = i16::try_from(t - previous[c.index()]).ok()?;
                (delta != RAW_WEIGHT).then(|| {
                    previous[c.index()] = t;
                    delta
                })
            });
            deltas[c.index()].push(delta.unwrap_or_else(|| {
                raw.extend(weight.to_bits().to_le_bytes());
                RAW_WEIGHT
            }));
        }
        let deltas = deltas.concat();
        out.extend(deltas.iter().map(|d| d.to_be_bytes()[0]));
        out.extend(deltas.iter().map(|d| d.to_be_bytes()[1]));
        out.extend(raw);
        out
    }

    /// Reads the binary form of `render`.
    pub fn parse(bytes: &'static [u8]) -> Result<Compiled, &'static str> {
        let header = bytes.iter().position(|&b| b == b'\n');
        let mut reader = Reader {
            bytes: &bytes[header.ok_or("no header line")? + 1..],
        };
        let mut counts = [0usize; COUNTS];
        for n in &mut counts {
            *n = reader.u32()? as usize;
        }
        let [phrase_bytes, phrases, headings, per_category @ ..] = counts;
        let items = (per_category.iter())
            .try_fold(0usize, |sum, &n| sum.checked_add(n))
            .ok_or("too many items")?;
        let mut compiled = Compiled {
            phrase_ends: Vec::with_capacity(phrases),
            text: Vec::with_capacity(items.saturating_sub(headings)),
            text_ends: Vec::with_capacity(phrases),
            heading: Vec::with_capacity(headings),
            heading_ends: Vec::with_capacity(phrases),
            ..Compiled::default()
        };
        let fields = (compiled.bias.iter_mut()).chain(&mut compiled.threshold);
        for value in fields.chain(compiled.context.as_flattened_mut()) {
            *value = reader.f32()?;
        }
        let text = std::str::from_utf8(reader.take(phrase_bytes)?).map_err(|_| "not UTF-8")?;
        if !text.is_empty() && !text.ends_with('\n') {
            return Err("the phrases do not end with a line break");
        }
        compiled.phrases = Cow::Borrowed(text);
        let ends = text.bytes().enumerate().filter(|&(_, b)| b == b'\n');
        compiled.phrase_ends.extend(ends.map(|(i, _)| i as u32));
        if compiled.phrase_ends.len() != phrases {
            return Err("wrong number of phrases");
        }
        let kinds = reader.take(items)?;
        let high = reader.take(items)?;
        let low = reader.take(items)?;
        // Where each category's next delta is, and where its deltas end.
        let mut next = [0usize; 10];
        let mut end = [0usize; 10];
        for c in 0..10 {
            next[c] = if c == 0 { 0 } else { end[c - 1] };
            end[c] = next[c] + per_category[c];
        }
        let mut previous = [0i32; 10];
        let mut kinds = kinds.iter();
        for _ in 0..phrases {
            loop {
                let &item = kinds.next().ok_or("too few items")?;
                let c = usize::from(item & 0x0f);
                let category = *Category::ALL.get(c).ok_or("unknown category")?;
                if next[c] == end[c] {
                    return Err("more items of a category than counted");
                }
                let delta = i16::from_be_bytes([high[next[c]], low[next[c]]]);
                next[c] += 1;
                let weight = if delta == RAW_WEIGHT {
                    reader.f32()?
                } else {
                    previous[c] += i32::from(delta);
                    thousandths(previous[c])
                };
                match (item & !LAST_ITEM) >> KIND_SHIFT {
                    LEARNED => compiled.text.push((category, weight, false)),
                    CURATED => compiled.text.push((category, weight, true)),
                    HEADING => compiled.heading.push((category, weight)),
                    _ => return Err("unknown item kind"),
                }
                if item & LAST_ITEM != 0 {
                    break;
                }
            }
            compiled.text_ends.push(compiled.text.len() as u32);
            compiled.heading_ends.push(compiled.heading.len() as u32);
        }
        if kinds.next().is_some() || compiled.heading.len() != headings {
            return Err("items do not match their counts");
        }
        if !reader.bytes.is_empty() {
            return Err("bytes after the last weight");
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
    fn needles_mark_word_boundaries_with_spaces_except_at_part_of_word_ends() {
        assert_eq!(needle("third party"), " third party ");
        assert_eq!(needle("*cookie"), "cookie ");
        assert_eq!(needle("collect*"), " collect");
        assert_eq!(needle("*teil*"), "teil");
        assert_eq!(needle("**x**"), "x");
        assert_eq!(needle("ü*"), " ü");
        assert_eq!(needle("**"), "");
        let mut two = String::new();
        push_needle(&mut two, "a");
        push_needle(&mut two, "*b");
        assert_eq!(two, " a b ");
    }

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
                "{}/lexicon/{}/compiled.bin",
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
            // Rendering keeps every weight's bits (as thousandths `thousandths` reads back bit
            // for bit, or raw), so rendering what was read back gives the same bytes.
            let read = Compiled::parse(shipped).unwrap();
            assert_eq!(read, compiled);
            assert!(
                read.render() == rendered,
                "{path} reads back with other bits"
            );
            // No weight is stored raw (4 bytes), every one as thousandths.
            assert!(
                (compiled.items()).all(|(.., w)| as_thousandths(w).is_some()),
                "{path}: a weight with more than three decimals is stored raw; round it"
            );
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
                    "do not track\t2\tcurated\ncookies\t0.5\tlearned\ntracking pixel\t-0\tlearned",
                ),
                (
                    Category::Other,
                    "cookie\t-1.25\tlearned\nbeacon\t30\tlearned\npixel\t-30\tlearned\n\
                     web beacon\t0.0001\tlearned\nclear gif\t1e9\tlearned",
                ),
            ],
            "other\t-0.5\t0.25",
        )
        .and_then(|l| l.with_headings("cookies\tother\t1.5\nyour rights\tuser_access\t1"))
        .and_then(|l| l.with_context("other\t-1\t0.125"))
        .unwrap();
        let compiled = Compiled::of(&lexicon);
        let bytes: &'static [u8] = compiled.render().leak();
        // The phrases are readable lines in the file.
        let lines: &[u8] =
            b"do not track\ncookie\ntracking pixel\nbeacon\npixel\nweb beacon\nclear gif\nyour right\n";
        assert!(bytes.windows(lines.len()).any(|w| w == lines));
        let read = Compiled::parse(bytes).unwrap();
        assert_eq!(read, compiled);
        assert!(read.render() == bytes);
        assert_eq!(read.phrase(0), "do not track");
        assert_eq!(read.phrase(1), "cookie");
        assert_eq!(read.phrase(7), "your right");
        assert_eq!(
            read.text_weights(1),
            [
                (Category::DoNotTrack, 0.5, false),
                (Category::Other, -1.25, false)
            ]
        );
        assert_eq!(read.text_weights(0), [(Category::DoNotTrack, 2.0, true)]);
        assert_eq!(read.heading_weights(1), [(Category::Other, 1.5)]);
        assert_eq!(read.heading_weights(7), [(Category::UserAccess, 1.0)]);
        assert!(read.text_weights(7).is_empty());
        // -0 keeps its sign; 0.0001, 1e9 and the step from 30 to -30 are stored raw.
        assert_eq!(read.text_weights(2)[0].1.to_bits(), (-0.0f32).to_bits());
        let weights = |p: usize| read.text_weights(p)[0].1;
        assert_eq!([3, 4, 5, 6].map(weights), [30.0, -30.0, 0.0001, 1e9]);
        assert_eq!(read.bias[Category::Other.index()], -0.5);
        assert_eq!(read.threshold[Category::Other.index()], 0.25);
        assert_eq!(read.context[Category::Other.index()][1], 0.125);
        // Damaged files are refused, not misread.
        assert_eq!(
            Compiled::parse(&bytes[..bytes.len() - 1]),
            Err("the file ends early")
        );
        let longer: &'static [u8] = [bytes, &[0]].concat().leak();
        assert_eq!(Compiled::parse(longer), Err("bytes after the last weight"));
        assert_eq!(Compiled::parse(b"no header"), Err("no header line"));
        assert_eq!(
            Compiled::parse(Compiled::default().render().leak()),
            Ok(Compiled::default())
        );
    }

    #[test]
    fn thousandths_read_as_str_parse_reads_three_decimals() {
        for t in (-40_000i32..=40_000).chain([16_777_215, -16_777_215]) {
            let sign = if t < 0 { "-" } else { "" };
            let text = format!("{sign}{}.{:03}", t.abs() / 1000, t.abs() % 1000);
            let parsed: f32 = text.parse().unwrap();
            assert_eq!(thousandths(t).to_bits(), parsed.to_bits(), "{text}");
            assert_eq!(as_thousandths(parsed), Some(t), "{text}");
        }
        for weight in [-0.0, 0.0001, 0.1234, 1e9, f32::NAN, f32::INFINITY] {
            assert_eq!(as_thousandths(weight), None, "{weight}");
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
