//! The fact tables under `facts/`: plain lines `key<TAB>value<TAB>source`, `#` comments,
//! blank lines ignored. A bad line is an error naming its file and line.

use crate::pattern::{Letters, Pattern};

/// Where a line comes from: written by a person, or learned from annotated data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Curated,
    Learned,
}

/// One line of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub key: &'a str,
    /// Taken as written: a leading space is part of a gate word.
    pub value: &'a str,
    pub source: Source,
    /// 1-based line number in the file.
    pub number: usize,
}

/// The parts of `text` between bytes `separator` (an ASCII byte), as `str::split` gives them.
fn split_bytes(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        let at = text.bytes().position(|b| b == separator);
        rest = at.map(|at| &text[at + 1..]);
        Some(&text[..at.unwrap_or(text.len())])
    })
}

/// Whether `b` is a whole character (ASCII) and not whitespace: most fields start and end
/// with one, decided without decoding characters (which the wasm does slowly).
fn is_plain(b: u8) -> bool {
    b.is_ascii() && !char::from(b).is_whitespace()
}

/// `text.trim().is_empty()`.
fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(&b) if is_plain(b) => false,
        _ => text.trim().is_empty(),
    }
}

/// `!text.is_empty() && text.trim() == text`.
fn is_trimmed_nonempty(text: &str) -> bool {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(&first), Some(&last)) if is_plain(first) && is_plain(last) => true,
        _ => !text.is_empty() && text.trim() == text,
    }
}

/// A parsed table file.
pub struct Table<'a> {
    pub file: &'a str,
    pub lines: Vec<Line<'a>>,
}

impl<'a> Table<'a> {
    /// Parses `text`; `file` names it in errors ("facts/en/sale.tsv:12: ...").
    pub fn parse(file: &'a str, text: &'a str) -> Result<Table<'a>, String> {
        let mut lines = Vec::new();
        // Lines and fields split by bytes: fact tables are read at every start-up, and a byte
        // loop is cheaper than `lines()` and `split` in the wasm. A last empty part is a
        // blank line.
        for (i, line) in split_bytes(text, b'\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let number = i + 1;
            if line.starts_with('#') || is_blank(line) {
                continue;
            }
            let mut fields = split_bytes(line, b'\t');
            let (Some(key), Some(value), Some(source), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(format!(
                    "{file}:{number}: expected 3 tab-separated columns (key, value, source), found {}",
                    line.split('\t').count()
                ));
            };
            if !is_trimmed_nonempty(key) {
                return Err(format!(
                    "{file}:{number}: empty or space-padded key {key:?}"
                ));
            }
            if is_blank(value) {
                return Err(format!("{file}:{number}: empty value"));
            }
            let source = match source {
                "curated" => Source::Curated,
                "learned" => Source::Learned,
                other => {
                    return Err(format!(
                        "{file}:{number}: source must be curated or learned, not {other:?}"
                    ))
                }
            };
            lines.push(Line {
                key,
                value,
                source,
                number,
            });
        }
        Ok(Table { file, lines })
    }

    /// The values of `key`, in file order; an error when there are none.
    pub fn values(&self, key: &str) -> Result<Vec<&'a str>, String> {
        let values: Vec<&str> = self
            .lines
            .iter()
            .filter(|l| l.key == key)
            .map(|l| l.value)
            .collect();
        if values.is_empty() {
            return Err(format!("{}: no `{key}` lines", self.file));
        }
        Ok(values)
    }

    /// The alternatives of `key` as one pattern; each line must be a valid pattern on its own.
    pub fn pattern(&self, key: &str) -> Result<Pattern, String> {
        compile(&self.values(key)?.join("|"), self.file).map_err(|e| self.bad_line(key, e))
    }

    /// The alternatives of `key` as one pattern, or none when the table has no `key` lines.
    pub fn optional_pattern(&self, key: &str) -> Result<Option<Pattern>, String> {
        if self.lines.iter().any(|l| l.key == key) {
            self.pattern(key).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The words of `key` as one pattern `\b(?:w1|w2|...)\b`.
    pub fn words(&self, key: &str) -> Result<Pattern, String> {
        let words = self.values(key)?.join("|");
        let pattern = [r"\b(?:", &words, r")\b"].concat();
        if words.is_ascii() {
            compile(&pattern, self.file)
        } else {
            // A word that starts or ends with a letter like "ä" needs the Unicode boundary.
            Pattern::with_required_literals(&pattern, Letters::Unicode)
        }
        .map_err(|e| self.bad_line(key, e))
    }

    /// Keys in order of first appearance.
    pub fn keys(&self) -> Vec<&'a str> {
        let mut keys: Vec<&str> = Vec::new();
        for line in &self.lines {
            if !keys.contains(&line.key) {
                keys.push(line.key);
            }
        }
        keys
    }

    /// The error of the first line of `key` that is no pattern on its own (lines are compiled
    /// one by one only after the joined pattern failed), or `error` as it is.
    fn bad_line(&self, key: &str, error: String) -> String {
        self.lines
            .iter()
            .filter(|l| l.key == key)
            .find_map(|line| {
                compile(line.value, self.file)
                    .err()
                    .map(|e| format!("{}:{}: {e}", self.file, line.number))
            })
            .unwrap_or(error)
    }
}

/// Compiles a fact pattern with ASCII `\b`, `\w` and negated classes (`[^.;]`): a gap or a
/// word ends at the first non-ASCII letter (German tables spell `[äöüß]` out where they need it).
/// Its required literals are worked out for the keyword pass (`facts::Cue`).
pub fn compile(pattern: &str, file: &str) -> Result<Pattern, String> {
    Pattern::with_required_literals(pattern, Letters::Ascii).map_err(|e| format!("{file}: {e}"))
}

/// The tables of one language, compiled in.
pub struct Language {
    pub files: &'static [(&'static str, &'static str)],
}

impl Language {
    /// The table `name` (a file stem: "sale" is `facts/<lang>/sale.tsv`), parsed.
    pub fn table(&self, name: &str) -> Result<Table<'static>, String> {
        let (file, text) = self
            .files
            .iter()
            .find(|(file, _)| {
                let stem = file.rsplit('/').next().and_then(|f| f.strip_suffix(".tsv"));
                stem == Some(name)
            })
            .ok_or_else(|| format!("no fact table {name}.tsv"))?;
        Table::parse(file, text)
    }
}

macro_rules! tables {
    ($lang:literal: $($name:literal),+) => {
        Language {
            files: &[$((
                concat!("facts/", $lang, "/", $name, ".tsv"),
                include_str!(concat!(env!("OUT_DIR"), "/facts/", $lang, "/", $name, ".tsv")),
            )),+],
        }
    };
}

/// English.
pub const EN: Language = tables!("en": "negation", "gates", "data_types", "collection", "sale",
    "ads", "cookies", "transfer", "law", "change", "children", "retention", "rights", "contacts");

/// German.
pub const DE: Language = tables!("de": "negation", "gates", "data_types", "collection", "sale",
    "ads", "cookies", "transfer", "law", "change", "children", "retention", "rights", "contacts");

/// The tables of a language, if it has them.
pub fn language(code: &str) -> Option<&'static Language> {
    match code {
        "en" => Some(&EN),
        "de" => Some(&DE),
        _ => None,
    }
}

/// Tables that are the same in every language (proper names).
pub const FRAMEWORKS: (&str, &str) = (
    "facts/frameworks.tsv",
    include_str!(concat!(env!("OUT_DIR"), "/facts/frameworks.tsv")),
);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn blank_and_trimmed_fields_are_what_trim_says() {
        let texts = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\r",
            "\x0ba",
            "a\x0c",
            "\u{a0}",
            "\u{a0}a",
            "a\u{2003}",
            "é",
            "éa",
            "aé",
            "a b",
            "\u{85}",
        ];
        for text in texts {
            assert_eq!(is_blank(text), text.trim().is_empty(), "{text:?}");
            let trimmed = !text.is_empty() && text.trim() == text;
            assert_eq!(is_trimmed_nonempty(text), trimmed, "{text:?}");
        }
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let two = Table::parse("x.tsv", "# c\n\nsell\tsell\tcurated\nsell\tsold\n");
        assert_eq!(
            two.err().unwrap(),
            "x.tsv:4: expected 3 tab-separated columns (key, value, source), found 2"
        );
        let source = Table::parse("x.tsv", "sell\tsell\tguessed\n");
        assert!(source.err().unwrap().starts_with("x.tsv:1: source must be"));
        let table = Table::parse("x.tsv", "a\tok\tcurated\na\t(unclosed\tlearned\n").unwrap();
        assert!(table.pattern("a").err().unwrap().starts_with("x.tsv:2: "));
        assert_eq!(table.values("b").err().unwrap(), "x.tsv: no `b` lines");
    }

    #[test]
    fn lines_and_fields_split_as_str_split_does() {
        for text in ["", "\t", "a", "a\tb", "\ta\t\tb\t", "ä\tö\n\n", "x\n"] {
            for separator in [b'\t', b'\n'] {
                let split: Vec<&str> = text.split(separator as char).collect();
                assert_eq!(split_bytes(text, separator).collect::<Vec<_>>(), split);
            }
        }
        let unix = Table::parse("x.tsv", "# c\na\tsell\tcurated\n\nb\tsold\tlearned\n").unwrap();
        let windows =
            Table::parse("x.tsv", "# c\r\na\tsell\tcurated\r\n\r\nb\tsold\tlearned").unwrap();
        assert_eq!(unix.lines, windows.lines);
        assert_eq!(unix.lines[1].number, 4);
        assert_eq!(
            Table::parse("x.tsv", "a\tsell\tcurated\t\n").err().unwrap(),
            "x.tsv:1: expected 3 tab-separated columns (key, value, source), found 4"
        );
    }

    /// The `regex` pattern that means what `compile` means: `\b`, `\w` and negated classes
    /// made ASCII (`[^.;]` becomes `[\x00-\x7F&&[^.;]]`).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn as_regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
        let mut ascii = String::with_capacity(pattern.len() + 16);
        let (mut in_class, mut negated_class) = (false, false);
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('w') if in_class => ascii.push_str("0-9A-Za-z_"),
                    Some('w') => ascii.push_str(r"(?-u:\w)"),
                    Some('b') if !in_class => ascii.push_str(r"(?-u:\b)"),
                    Some(next) => {
                        ascii.push('\\');
                        ascii.push(next);
                    }
                    None => ascii.push('\\'),
                },
                '[' if !in_class => {
                    in_class = true;
                    if chars.as_str().starts_with('^') {
                        chars.next();
                        negated_class = true;
                        ascii.push_str(r"[\x00-\x7F&&[^");
                    } else {
                        ascii.push(c);
                    }
                }
                ']' if in_class => {
                    in_class = false;
                    ascii.push_str(if negated_class { "]]" } else { "]" });
                    negated_class = false;
                }
                c => ascii.push(c),
            }
        }
        regex::Regex::new(&ascii)
    }

    /// Every key of every shipped table, as alternatives and as words, finds what the `regex`
    /// crate finds on real text; a key `regex` refuses is refused too.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn table_patterns_agree_with_regex() {
        use crate::pattern::agreement::assert_agrees;
        for (file, text) in EN.files.iter().chain(DE.files) {
            let table = Table::parse(file, text).unwrap();
            for key in table.keys() {
                let joined = table.values(key).unwrap().join("|");
                let words = format!(r"\b(?:{joined})\b");
                let words_regex = if joined.is_ascii() {
                    as_regex(&words)
                } else {
                    regex::Regex::new(&words)
                };
                let pairs = [
                    (table.pattern(key), as_regex(&joined), "alternatives"),
                    (table.words(key), words_regex, "words"),
                ];
                for (ours, theirs, form) in pairs {
                    let what = format!("{file} {key} as {form}");
                    match (ours, theirs) {
                        (Ok(ours), Ok(theirs)) => assert_agrees(&ours, &theirs, &what),
                        (Err(_), Err(_)) => {}
                        (ours, theirs) => {
                            panic!("{what}: ours {:?}, regex {:?}", ours.err(), theirs.err())
                        }
                    }
                }
            }
        }
    }

    /// The keyword pass drops no match: on real text, every match of every shipped table key
    /// (as alternatives and as words) holds one of the pattern's required literals.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_match_holds_a_required_literal() {
        use crate::pattern::agreement::texts;
        let mut filtered = 0;
        for (file, text) in EN.files.iter().chain(DE.files) {
            let table = Table::parse(file, text).unwrap();
            for key in table.keys() {
                for pattern in [table.pattern(key), table.words(key)].into_iter().flatten() {
                    let Some(literals) = pattern.required_literals() else {
                        continue;
                    };
                    let literals: Vec<&[u8]> = literals.collect();
                    filtered += 1;
                    for text in texts() {
                        for m in pattern.find_iter(text) {
                            let found = m.as_str().as_bytes();
                            assert!(
                                literals
                                    .iter()
                                    .any(|l| found.windows(l.len()).any(|w| w == *l)),
                                "{file} {key}: {:?} holds none of its literals",
                                m.as_str()
                            );
                        }
                    }
                }
            }
        }
        assert!(filtered > 100, "only {filtered} patterns have literals");
    }

    #[test]
    fn word_classes_are_ascii_inside_and_outside_brackets() {
        let re = compile(r"\bsell (?:[\w-]+ ){0,2}\w+\b", "x.tsv").unwrap();
        assert!(re.is_match("sell e-mail lists"));
        assert!(!re.is_match("resell it"));
        let gap = compile(r"sell[^.;]{0,9}data", "x.tsv").unwrap();
        assert!(gap.is_match("sell all data") && !gap.is_match("sell. data"));
        assert!(
            !gap.is_match("sell épée data"),
            "non-ASCII letters end a gap"
        );
    }

    #[test]
    fn words_and_alternatives_join_lines() {
        let table = Table::parse("x.tsv", "w\tsell\tcurated\nw\tsold\tlearned\n").unwrap();
        let words = table.words("w").unwrap();
        assert!(words.is_match("we sold it") && !words.is_match("unsold"));
        let german = Table::parse("x.tsv", "w\tÄnderungen\tcurated\n").unwrap();
        let german = german.words("w").unwrap();
        assert!(german.is_match("über Änderungen dieser") && !german.is_match("Bauänderungen"));
        assert_eq!(table.lines[1].source, Source::Learned);
    }

    #[test]
    fn shipped_tables_parse() {
        for (file, text) in EN.files.iter().chain(DE.files).chain([&FRAMEWORKS]) {
            Table::parse(file, text).unwrap();
        }
    }
}
