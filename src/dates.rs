//! Dates a policy states about itself ("Last updated 01 March 2023"), as ISO YYYY-MM-DD.

use crate::pattern::Pattern;
use crate::substring::contains;

/// Which component comes first in an all-numeric date such as 03/01/2023.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    MonthFirst,
    DayFirst,
}

/// The order a page's language implies: US English (and plain "en") put the month first.
pub fn order_for_lang(lang: &str) -> Order {
    let lang = lang.trim().to_ascii_lowercase();
    if lang.is_empty() || lang == "en" || lang.starts_with("en-us") || lang.starts_with("en_us") {
        Order::MonthFirst
    } else {
        Order::DayFirst
    }
}

/// A valid calendar date found after a cue word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Found {
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub struct DateFinder {
    /// A cue ("Effective", "Last updated") followed closely by a date.
    cued: Pattern,
    /// Any all-numeric date, for learning the page's day/month order.
    numeric: Pattern,
}

/// Every cue of `DateFinder::cued` holds one of these ("as" only before a space: "as of").
const CUE_WORDS: [&str; 16] = [
    "effective",
    "stand",
    "zuletzt",
    "aktualisiert",
    "last",
    "updated",
    "revised",
    "modified",
    "amended",
    "date",
    "as ",
    "as\t",
    "as\n",
    "as\r",
    "as\x0B",
    "as\x0C",
];

/// `CUE_WORDS` for normalized text (`text::normalize`), whose only space is a single ' ':
/// there "as" counts only in "as of". With "gültig", every cue holds one, in any text.
pub const NORMALIZED_CUE_WORDS: [&str; 12] = [
    "effective",
    "stand",
    "zuletzt",
    "aktualisiert",
    "last",
    "updated",
    "revised",
    "modified",
    "amended",
    "date",
    "as of",
    "gültig",
];

/// How each month's name starts, in English and German (ASCII-lowered: "März" -> "mär").
const MONTHS: [&[&str]; 12] = [
    &["jan"],
    &["feb"],
    &["mar", "mär"],
    &["apr"],
    &["may", "mai"],
    &["jun"],
    &["jul"],
    &["aug"],
    &["sep"],
    &["oct", "okt"],
    &["nov"],
    &["dec", "dez"],
];

/// `word` matched as `(?i)` would match it in Unicode mode, without the case-folding tables:
/// each ASCII letter becomes a class of its simple case variants (`s` also matches U+017F
/// LONG S, `k` U+212A KELVIN SIGN); spaces become `\s+`.
fn any_case(word: &str) -> String {
    let mut out = String::with_capacity(8 * word.len());
    push_any_case(&mut out, word);
    out
}

/// Appends `any_case(word)` to `out`.
fn push_any_case(out: &mut String, word: &str) {
    for c in word.chars() {
        match c {
            ' ' => out.push_str(r"\s+"),
            's' => out.push_str("[sS\u{17F}]"),
            'k' => out.push_str("[kK\u{212A}]"),
            c if c.is_ascii_lowercase() => {
                out.push('[');
                out.push(c);
                out.push(c.to_ascii_uppercase());
                out.push(']');
            }
            c => out.push(c),
        }
    }
}

/// `(?:a|b|...)` of `words`, each in any case.
fn any_case_of(words: &[&str]) -> String {
    let mut out = String::with_capacity(8 * words.iter().map(|w| w.len() + 1).sum::<usize>());
    out.push_str("(?:");
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        push_any_case(&mut out, word);
    }
    out.push(')');
    out
}

/// True when `text` holds one of `CUE_WORDS`, ASCII case ignored.
fn holds_cue_word(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    CUE_WORDS.iter().any(|w| contains(&lower, w))
}

/// True when `text` holds two digits in a row (`\d` is ASCII in src/pattern.rs).
fn may_hold_digits(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_digit())
}

/// True when `text` holds a digit then `/`, `.` or `-`, as every numeric date does: one of
/// `NUMERIC_DATE_MARKS`.
fn may_hold_numeric_date(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], b'/' | b'.' | b'-'))
}

/// Each digit followed by `/`, `.` or `-`: a text without one holds no numeric date.
pub const NUMERIC_DATE_MARKS: [&str; 30] = [
    "0/", "0.", "0-", "1/", "1.", "1-", "2/", "2.", "2-", "3/", "3.", "3-", "4/", "4.", "4-", "5/",
    "5.", "5-", "6/", "6.", "6-", "7/", "7.", "7-", "8/", "8.", "8-", "9/", "9.", "9-",
];

/// Any all-numeric date: day, month and year in some order.
const NUMERIC_DATE: &str = r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b";

/// A cue, up to two leads ("on", "as of") and a date in one of four forms, in named groups.
fn cued_pattern() -> String {
    // Case-insensitive by explicit classes: the matches `(?i)` would give (src/pattern.rs
    // does not fold case).
    let month = format!(
        r"{}\.?",
        any_case_of(&[
            "jan(?:uary|uar)?",
            "feb(?:ruary|ruar)?",
            "mar(?:ch)?",
            "märz",
            "apr(?:il)?",
            "may",
            "mai",
            "jun[ei]?",
            "jul[yi]?",
            "aug(?:ust)?",
            "sept?(?:ember)?",
            "oct(?:ober)?",
            "okt(?:ober)?",
            "nov(?:ember)?",
            "dec(?:ember)?",
            "dez(?:ember)?",
        ])
    );
    // "1st", and German "1." ("Stand: 1. März 2023").
    let ordinal = format!("(?:{}|\\.)", any_case_of(&["st", "nd", "rd", "th"]));
    let of = any_case("of");
    let date = format!(
        r"(?P<date>(?P<m1>{month})\s+(?P<d1>\d{{1,2}}){ordinal}?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}}){ordinal}?(?:\s+{of})?\s+(?P<m2>{month}),?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<a3>\d{{1,2}})-(?P<b3>\d{{1,2}})|(?P<a4>\d{{1,2}})[/.-](?P<b4>\d{{1,2}})[/.-](?P<y4>\d{{4}}|\d{{2}}))\b"
    );
    let cue = any_case_of(&[
        "effective",
        "last (?:updated|modified|revised|amended|reviewed|changed)",
        "updated",
        "revised",
        "modified",
        "amended",
        "dated",
        "version date",
        "as of",
        "date of last revision",
        "stand",
        "zuletzt (?:aktualisiert|geändert)",
        "aktualisiert",
        "gültig (?:ab|seit)",
    ]);
    let lead = any_case_of(&[
        "on",
        "as of",
        "date",
        "from",
        "since",
        "in effect",
        "am",
        "vom",
        "ab",
        "seit",
    ]);
    // `[^0-9a-z]` under `(?i)`: neither case, nor the two letters that fold to ASCII.
    let other = "[^0-9A-Za-z\u{17F}\u{212A}]";
    format!(r"(?-u:\b){cue}(?-u:\b){other}{{0,12}}(?:{lead}{other}{{1,6}}){{0,2}}{date}")
}

impl DateFinder {
    pub fn new() -> DateFinder {
        DateFinder {
            cued: Pattern::new(&cued_pattern()).expect("date pattern"),
            numeric: Pattern::new(NUMERIC_DATE).expect("numeric date pattern"),
        }
    }

    /// The order the page's own numeric dates prove (a component above 12 settles it).
    pub fn order_from_text<'t>(&self, texts: impl Iterator<Item = &'t str>) -> Option<Order> {
        let (mut day_first, mut month_first) = (0, 0);
        for text in texts.filter(|t| may_hold_numeric_date(t)) {
            for c in self.numeric.captures_iter(text) {
                let a: u32 = c[1].parse().unwrap_or(0);
                let b: u32 = c[2].parse().unwrap_or(0);
                if a > 12 && b <= 12 {
                    day_first += 1;
                } else if b > 12 && a <= 12 {
                    month_first += 1;
                }
            }
        }
        match (day_first, month_first) {
            (0, 0) => None,
            (d, m) if d > m => Some(Order::DayFirst),
            (d, m) if m > d => Some(Order::MonthFirst),
            _ => None,
        }
    }

    /// Valid dates that follow a cue in `text`, in order.
    pub fn cued_dates(&self, text: &str, order: Order) -> Vec<Found> {
        // Every date holds two digits in a row and follows a cue: most text is skipped
        // without the regex. In ASCII text `(?i)` folds only ASCII letters, so the cue words
        // are exact there.
        if !may_hold_digits(text) || text.is_ascii() && !holds_cue_word(text) {
            return Vec::new();
        }
        self.dates_after_cues(text, order)
    }

    /// False when `cued_dates` finds nothing in a normalized text (`text::normalize`), told
    /// whether it holds one of `NORMALIZED_CUE_WORDS` (ASCII case ignored): `cue_word`.
    pub fn may_have_cued_dates(text: &str, cue_word: bool) -> bool {
        // A cue is read in ASCII letters (and its own `ü`), or in the two letters `(?i)`
        // folds to ASCII ones: without those the cue words are exact in any text.
        (cue_word || !text.is_ascii() && (contains(text, "\u{17F}") || contains(text, "\u{212A}")))
            && may_hold_digits(text)
    }

    /// `cued_dates` without its checks: for a text `may_have_cued_dates` lets through.
    pub fn dates_after_cues(&self, text: &str, order: Order) -> Vec<Found> {
        let mut out = Vec::new();
        for c in self.cued.captures_iter(text) {
            let n = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let month_name = |name: &str| {
                c.name(name).and_then(|m| {
                    let lower = m.as_str().to_ascii_lowercase();
                    MONTHS
                        .iter()
                        .position(|names| names.iter().any(|p| lower.starts_with(p)))
                        .map(|i| i as u32 + 1)
                })
            };
            let parts = if c.name("m1").is_some() {
                (n("y1"), month_name("m1"), n("d1"))
            } else if c.name("m2").is_some() {
                (n("y2"), month_name("m2"), n("d2"))
            } else if c.name("y3").is_some() {
                (n("y3"), n("a3"), n("b3"))
            } else {
                let (a, b) = (n("a4"), n("b4"));
                let year = n("y4").map(|y| if y < 100 { 2000 + y } else { y });
                match order {
                    Order::MonthFirst => (year, a, b),
                    Order::DayFirst => (year, b, a),
                }
            };
            if let (Some(year), Some(month), Some(day)) = parts {
                if valid(year, month, day) {
                    out.push(Found { year, month, day });
                }
            }
        }
        out
    }
}

impl Default for DateFinder {
    fn default() -> Self {
        DateFinder::new()
    }
}

/// A real calendar date between 1990 and 2099.
fn valid(year: u32, month: u32, day: u32) -> bool {
    if !(1990..=2099).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn patterns_agree_with_regex() {
        use crate::pattern::agreement::assert_agrees;
        for pattern in [cued_pattern(), NUMERIC_DATE.to_string()] {
            let ours = Pattern::new(&pattern).unwrap();
            assert_agrees(&ours, &regex::Regex::new(&pattern).unwrap(), &pattern);
        }
    }

    fn iso(text: &str, order: Order) -> Vec<String> {
        DateFinder::new()
            .cued_dates(text, order)
            .iter()
            .map(Found::iso)
            .collect()
    }

    #[test]
    fn formats() {
        let m = Order::MonthFirst;
        assert_eq!(iso("Effective December 28, 2016", m), ["2016-12-28"]);
        assert_eq!(iso("Last updated 01 March 2023", m), ["2023-03-01"]);
        assert_eq!(iso("Effective date: Sept 1, 2021", m), ["2021-09-01"]);
        assert_eq!(iso("Last modified 03/01/2023", m), ["2023-03-01"]);
        assert_eq!(
            iso("Last modified 03/01/2023", Order::DayFirst),
            ["2023-01-03"]
        );
        assert_eq!(iso("Updated on 2022-7-4.", m), ["2022-07-04"]);
        assert_eq!(iso("Last Updated: 3rd of May, 2020", m), ["2020-05-03"]);
        assert_eq!(iso("Effective as of Feb. 29, 2024", m), ["2024-02-29"]);
    }

    #[test]
    fn german_dates() {
        let d = Order::DayFirst;
        assert_eq!(iso("Stand: 1. März 2023", d), ["2023-03-01"]);
        assert_eq!(iso("Stand: 01.03.2023", d), ["2023-03-01"]);
        assert_eq!(
            iso("Zuletzt aktualisiert am 15. Dezember 2022", d),
            ["2022-12-15"]
        );
        assert_eq!(iso("Gültig ab 3. Mai 2021", d), ["2021-05-03"]);
        assert_eq!(
            iso("Stand: Oktober 2020, Version 2", d),
            Vec::<String>::new()
        );
    }

    #[test]
    fn invalid_dates_are_skipped() {
        assert!(iso("Effective February 30, 2021", Order::MonthFirst).is_empty());
        assert!(iso("Last updated 13/13/2020", Order::MonthFirst).is_empty());
        assert!(iso("Effective Feb 29, 2023", Order::MonthFirst).is_empty());
    }

    /// The checks before the regex skip only texts where it finds nothing.
    #[test]
    fn skipped_texts_hold_no_cued_date() {
        let f = DateFinder::new();
        for text in [
            "Effective as of 1 May 2020, this policy replaces the old one.",
            "This notice is current as of 03/04/2021.",
            "Version date: 2022-07-04. We review it yearly.",
            "Laſt updated 01/02/2020",
            "Zuletzt geändert am 15. Dezember 2022.",
            "Gültig ab 3. Mai 2021.",
            "Die Datenschutzerklärung gilt ab 01.06.2021.",
            "We were founded in 1999 and employ 250 people.",
            "Call 555-0100 between 9 and 17 o'clock, as we answer then.",
            "Our standards were revised in 2019: see section 4.2.",
        ] {
            let lower = text.to_ascii_lowercase();
            let cue_word = NORMALIZED_CUE_WORDS.iter().any(|w| lower.contains(w));
            let found = f.cued_dates(text, Order::MonthFirst);
            if DateFinder::may_have_cued_dates(text, cue_word) {
                assert_eq!(f.dates_after_cues(text, Order::MonthFirst), found, "{text}");
            } else {
                assert!(found.is_empty(), "{text}");
            }
            let numeric = NUMERIC_DATE_MARKS.iter().any(|m| text.contains(m));
            assert_eq!(numeric, may_hold_numeric_date(text), "{text}");
        }
        for d in '0'..='9' {
            for s in ['/', '.', '-'] {
                assert!(NUMERIC_DATE_MARKS.contains(&format!("{d}{s}").as_str()));
            }
        }
        // The long s folds to "s": "Laſt" is a cue that no cue word names.
        assert_eq!(
            iso("Laſt updated 01/02/2020", Order::MonthFirst),
            ["2020-01-02"]
        );
        assert!(DateFinder::may_have_cued_dates(
            "Laſt updated 01/02/2020",
            false
        ));
        assert!(!DateFinder::may_have_cued_dates(
            "Gültig ab 3. Mai 2021.",
            false
        ));
    }

    #[test]
    fn order_from_lang_and_text() {
        assert_eq!(order_for_lang("en-US"), Order::MonthFirst);
        assert_eq!(order_for_lang("en-GB"), Order::DayFirst);
        assert_eq!(order_for_lang("de"), Order::DayFirst);
        let f = DateFinder::new();
        assert_eq!(
            f.order_from_text(["Updated 25/12/2020", "and 01/02/2021"].into_iter()),
            Some(Order::DayFirst)
        );
        assert_eq!(f.order_from_text(["01/02/2021"].into_iter()), None);
    }
}
