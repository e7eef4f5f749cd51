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
    let body = phrase.trim_matches(PART_OF_WORD);
    let before = if phrase.starts_with(PART_OF_WORD) {
        ""
    } else {
        " "
    };
    let after = if phrase.ends_with(PART_OF_WORD) {
        ""
    } else {
        " "
    };
    format!("{before}{body}{after}")
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

/// The files of one language's shipped lexicon (`lexicon/<lang>/`), compiled into the binary.
struct Shipped {
    lang: &'static str,
    categories: [(Category, &'static str); 10],
    bias: &'static str,
    headings: &'static str,
    context: &'static str,
}

/// The files of `lexicon/<lang>/` compiled in, one per category in `Category::ALL` order.
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
const SHIPPED: &[Shipped] = &[shipped!("en"), shipped!("de")];

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
