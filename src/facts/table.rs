//! The fact tables under `facts/`: plain lines `key<TAB>value<TAB>source`, `#` comments,
//! blank lines ignored. A bad line is an error naming its file and line.

use regex::Regex;

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

/// A parsed table file.
pub struct Table<'a> {
    pub file: &'a str,
    pub lines: Vec<Line<'a>>,
}

impl<'a> Table<'a> {
    /// Parses `text`; `file` names it in errors ("facts/en/sale.tsv:12: ...").
    pub fn parse(file: &'a str, text: &'a str) -> Result<Table<'a>, String> {
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let number = i + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [key, value, source] = fields.as_slice() else {
                return Err(format!(
                    "{file}:{number}: expected 3 tab-separated columns (key, value, source), found {}",
                    fields.len()
                ));
            };
            if key.trim().is_empty() || key.trim() != *key {
                return Err(format!(
                    "{file}:{number}: empty or space-padded key {key:?}"
                ));
            }
            if value.trim().is_empty() {
                return Err(format!("{file}:{number}: empty value"));
            }
            let source = match *source {
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

    /// The alternatives of `key` as one regex; each line must be a valid regex on its own.
    pub fn regex(&self, key: &str) -> Result<Regex, String> {
        self.check_each(key)?;
        compile(&self.values(key)?.join("|"), self.file)
    }

    /// The words of `key` as one regex `\b(?:w1|w2|...)\b`.
    pub fn words(&self, key: &str) -> Result<Regex, String> {
        self.check_each(key)?;
        compile(
            &format!(r"\b(?:{})\b", self.values(key)?.join("|")),
            self.file,
        )
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

    fn check_each(&self, key: &str) -> Result<(), String> {
        for line in self.lines.iter().filter(|l| l.key == key) {
            compile(line.value, self.file)
                .map_err(|e| format!("{}:{}: {e}", self.file, line.number))?;
        }
        Ok(())
    }
}

/// Compiles a fact pattern; `\b` is the ASCII word boundary, which keeps the fast DFA
/// engines usable on text with non-ASCII letters.
pub fn compile(pattern: &str, file: &str) -> Result<Regex, String> {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
        .map_err(|e| format!("{file}: bad pattern {pattern:?}: {e}"))
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
            .find(|(file, _)| file.rsplit('/').next() == Some(&format!("{name}.tsv")))
            .ok_or_else(|| format!("no fact table {name}.tsv"))?;
        Table::parse(file, text)
    }
}

macro_rules! tables {
    ($lang:literal: $($name:literal),+) => {
        Language {
            files: &[$((
                concat!("facts/", $lang, "/", $name, ".tsv"),
                include_str!(concat!("../../facts/", $lang, "/", $name, ".tsv")),
            )),+],
        }
    };
}

/// English.
pub const EN: Language = tables!("en": "negation", "gates", "data_types", "collection", "sale",
    "ads", "cookies", "transfer", "law", "change", "children", "retention", "rights", "contacts");

/// Tables that are the same in every language (proper names).
pub const FRAMEWORKS: (&str, &str) = (
    "facts/frameworks.tsv",
    include_str!("../../facts/frameworks.tsv"),
);

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(table.regex("a").err().unwrap().starts_with("x.tsv:2: "));
        assert_eq!(table.values("b").err().unwrap(), "x.tsv: no `b` lines");
    }

    #[test]
    fn words_and_alternatives_join_lines() {
        let table = Table::parse("x.tsv", "w\tsell\tcurated\nw\tsold\tlearned\n").unwrap();
        let words = table.words("w").unwrap();
        assert!(words.is_match("we sold it") && !words.is_match("unsold"));
        assert_eq!(table.lines[1].source, Source::Learned);
    }

    #[test]
    fn shipped_tables_parse() {
        for (file, text) in EN.files.iter().chain([&FRAMEWORKS]) {
            Table::parse(file, text).unwrap();
        }
    }
}
