//! Cookies and similar trackers, and the kinds of cookies a policy describes.

use super::negation::Negation;
use super::table::Table;
use super::{note, Cue, PassBuilder, Scan, Sentence};

/// Cookie type ids, in report order.
const TYPES: [&str; 5] = [
    "essential",
    "functional",
    "analytics",
    "advertising",
    "social",
];

pub struct Cookies {
    gate: u32,
    cookies: Cue,
    cookie_purpose: Cue,
    types: Vec<(&'static str, Cue)>,
}

impl Cookies {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Cookies, String> {
        Ok(Cookies {
            gate: pass.bit("cookies")?,
            cookies: pass.cue(table.pattern("cookies")?)?,
            cookie_purpose: pass.cue(table.pattern("cookie_purpose")?)?,
            types: TYPES
                .iter()
                .map(|id| Ok((*id, pass.cue(table.pattern(id)?)?)))
                .collect::<Result<_, String>>()?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        if s.topics & self.gate == 0 {
            return;
        }
        let lower = &s.lower;
        let Some(yes) = negation.affirmed_in(&self.cookies, s) else {
            return;
        };
        // "We do not use cookies to track you" still says cookies are used.
        let yes = yes || self.cookie_purpose.is_match(s, lower);
        scan.cookies.add(yes, s.clause);
        if yes {
            for (id, cue) in &self.types {
                if cue.is_match(s, lower) {
                    note(&mut scan.cookie_types, *id, s.clause);
                }
            }
        }
    }
}
