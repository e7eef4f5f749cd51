//! How long data is kept: stated periods ("for 13 months", in days) and vague ones ("as long
//! as necessary"), in sentences about keeping or deleting data.

use super::table::{compile, Table};
use super::{floor_boundary, Cue, PassBuilder, Scan, Sentence};
use crate::report::Retention;
use crate::substring::split_once;

/// Most retention periods kept.
const MAX_RETENTION: usize = 40;

pub struct RetentionPeriods {
    gate: u32,
    period: Cue,
    period_vague: Cue,
    retention_context: Cue,
    retention_exclude: Cue,
    not_after: Vec<&'static str>,
}

impl RetentionPeriods {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<RetentionPeriods, String> {
        table.pattern("period_number")?;
        table.pattern("period_unit")?;
        let number = table.values("period_number")?.join("|");
        let unit = table.values("period_unit")?.join("|");
        Ok(RetentionPeriods {
            gate: pass.bit("retention")?,
            period: pass.cue(compile(&period_pattern(&number, &unit), table.file)?)?,
            period_vague: pass.cue(table.pattern("period_vague")?)?,
            retention_context: pass.cue(table.pattern("retention_context")?)?,
            retention_exclude: pass.cue(table.pattern("retention_exclude")?)?,
            not_after: table.values("not_after")?,
        })
    }

    pub fn scan(&self, s: &Sentence, scan: &mut Scan) {
        let lower = &s.lower;
        // A period in a table cell under a retention heading has its context there.
        if s.topics & self.gate == 0
            || !self.retention_context.is_match(s, lower)
                && !self.retention_context.pattern().is_match(s.context)
        {
            return;
        }
        let mut push = |text: &str, days: Option<u32>| {
            let text = text.trim().to_string();
            if scan.retention.len() < MAX_RETENTION
                && !scan
                    .retention
                    .iter()
                    .any(|r| r.clause == s.clause && r.days == days && r.text == text)
            {
                scan.retention.push(Retention {
                    text,
                    days,
                    clause: s.clause,
                });
            }
        };
        for c in self.period.captures_iter(s, lower) {
            let whole = c.get(0).expect("match");
            let before = lower[..whole.start()].trim_end();
            // A response time, notice period or age near the number is no retention period.
            let near = &lower[floor_boundary(lower, whole.start().saturating_sub(60))
                ..floor_boundary(lower, (whole.end() + 20).min(lower.len()))];
            if self.not_after.iter().any(|w| before.ends_with(w))
                || self.retention_exclude.is_match(s, near)
            {
                continue;
            }
            let count = c
                .name("paren")
                .and_then(|p| p.as_str().parse().ok())
                .or_else(|| parse_count(&c["num"]));
            if let Some(count) = count.filter(|&n| n > 0) {
                push(
                    &s.text[whole.start()..whole.end()],
                    Some(period_days(count, &c["unit"])),
                );
            }
        }
        for m in self.period_vague.find_iter(s, lower) {
            let near = &lower[floor_boundary(lower, m.start().saturating_sub(60))..m.start()];
            if !self.retention_exclude.is_match(s, near) {
                push(&s.text[m.start()..m.end()], None);
            }
        }
    }
}

/// A number, an optional number in brackets, and a unit: "thirty (30) days".
fn period_pattern(number: &str, unit: &str) -> String {
    format!(
        r"\b(?P<num>(?:{number}))(?:\s*\((?P<paren>\d{{1,4}})\))?[\s-]*(?:calendar |business |working )?(?P<unit>{unit})\b"
    )
}

/// Days in a period: months as 365/12 days, hours rounded up to whole days. The unit's first
/// letter says which (English hour/day, German Stunde/Tag, both w and m; else years).
fn period_days(count: u32, unit: &str) -> u32 {
    let count = count.min(10_000);
    match unit.as_bytes().first() {
        Some(b'h' | b's') => count.div_ceil(24),
        Some(b'd' | b't') => count,
        Some(b'w') => count * 7,
        Some(b'm') => (count * 365 + 6) / 12,
        _ => count * 365,
    }
}

/// "three", "twenty-four", "18", "zwölf", "vierundzwanzig" as a number.
fn parse_count(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let mut total = 0;
    for word in text.split(['-', ' ']).filter(|w| !w.is_empty()) {
        if matches!(word, "hundred" | "hundert") {
            total = total.max(1) * 100;
        } else if let Some(n) = number_word(word) {
            total += n;
        } else {
            // German tens take their units in front: "vier" + "und" + "zwanzig".
            let (unit, tens) = split_once(word, "und")?;
            total += number_word(unit)? + number_word(tens).filter(|&n| n >= 20)?;
        }
    }
    Some(total)
}

/// The value of one English or German number word below 100.
fn number_word(word: &str) -> Option<u32> {
    // Each list's words split at spaces (smaller in the wasm than string arrays).
    const UNITS: [&str; 2] = [
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
         fifteen sixteen seventeen eighteen nineteen",
        "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn \
         fünfzehn sechzehn siebzehn achtzehn neunzehn",
    ];
    const TENS: [&str; 2] = [
        "twenty thirty forty fifty sixty seventy eighty ninety",
        "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
    ];
    // The German article as a count: "einen Monat", "nach einem Jahr".
    if matches!(word, "ein" | "eine" | "einen" | "einem" | "einer") {
        return Some(1);
    }
    let position = |lists: [&str; 2]| {
        lists
            .iter()
            .find_map(|list| list.split(' ').position(|w| w == word))
    };
    position(UNITS)
        .map(|n| n as u32)
        .or_else(|| position(TENS).map(|n| 20 + 10 * n as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_days() {
        assert_eq!(parse_count("twenty-four"), Some(24));
        assert_eq!(parse_count("one hundred eighty"), Some(180));
        assert_eq!(parse_count("thirteen"), Some(13));
        assert_eq!(parse_count("zwölf"), Some(12));
        assert_eq!(parse_count("vierundzwanzig"), Some(24));
        assert_eq!(parse_count("einen"), Some(1));
        assert_eq!(parse_count("hundert"), Some(100));
        assert_eq!(parse_count("wunderbar"), None);
        assert_eq!(period_days(13, "months"), 395);
        assert_eq!(period_days(3, "years"), 1095);
        assert_eq!(period_days(6, "months"), 183);
        assert_eq!(period_days(72, "hours"), 3);
        assert_eq!(period_days(2, "weeks"), 14);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn period_agrees_with_regex_in_both_languages() {
        use crate::facts::table::{tests::as_regex, DE, EN};
        use crate::pattern::agreement::assert_agrees;
        for language in [&EN, &DE] {
            let table = language.table("retention").unwrap();
            let number = table.values("period_number").unwrap().join("|");
            let unit = table.values("period_unit").unwrap().join("|");
            let pattern = period_pattern(&number, &unit);
            let ours = compile(&pattern, table.file).unwrap();
            assert_agrees(&ours, &as_regex(&pattern).unwrap(), table.file);
        }
    }
}
