//! Children: the ages a policy names in sentences about children or ages (8 to 21).

use super::table::Table;
use super::{Cue, PassBuilder, Scan, Sentence};
use crate::substring::contains;

pub struct Children {
    age: Cue,
    age_context: Cue,
    /// Words after a number that make it a duration, not an age ("13 months").
    time_units: Vec<&'static str>,
    /// Words after "N year(s)" that make it an age ("13 years of age").
    age_units: Vec<&'static str>,
}

impl Children {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Children, String> {
        Ok(Children {
            age: pass.cue(table.pattern("age")?)?,
            age_context: pass.cue(table.pattern("age_context")?)?,
            time_units: table.values("time_unit")?,
            age_units: table.values("age_unit")?,
        })
    }

    pub fn scan(&self, s: &Sentence, scan: &mut Scan) {
        // Cheapest checks first: the cues' literals, a digit, then the context pattern.
        if !self.age.may_match(s)
            || !self.age_context.may_match(s)
            || !s.lower.bytes().any(|b| b.is_ascii_digit())
            || !self.age_context.is_match(s, s.lower)
        {
            return;
        }
        for c in self.age.captures_iter(s, s.lower) {
            let Some(m) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            let rest = s.lower[m.end()..].trim_start_matches(['-', ' ']);
            let time_unit = self.time_units.iter().any(|u| rest.starts_with(u))
                || (rest.starts_with("year")
                    && !self.age_units.iter().any(|u| rest.starts_with(u))
                    && !contains(s.lower, "child"));
            if time_unit {
                continue;
            }
            if let Ok(age) = m.as_str().parse::<u32>() {
                if (8..=21).contains(&age) {
                    scan.ages.push((age, s.clause));
                }
            }
        }
    }
}
