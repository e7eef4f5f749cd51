//! Cookies and similar trackers, and the kinds of cookies a policy describes.

use crate::pattern::Pattern;

use super::negation::Negation;
use super::table::Table;
use super::{note, Gates, Scan, Sentence};

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
    cookies: Pattern,
    cookie_purpose: Pattern,
    types: Vec<(&'static str, Pattern)>,
}

impl Cookies {
    pub fn new(table: &Table<'static>, gates: &Gates) -> Result<Cookies, String> {
        Ok(Cookies {
            gate: gates.bit("cookies")?,
            cookies: table.pattern("cookies")?,
            cookie_purpose: table.pattern("cookie_purpose")?,
            types: TYPES
                .iter()
                .map(|id| Ok((*id, table.pattern(id)?)))
                .collect::<Result<_, String>>()?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        if s.topics & self.gate == 0 {
            return;
        }
        let lower = &s.lower;
        let Some(yes) = negation.affirmed(&self.cookies, lower) else {
            return;
        };
        // "We do not use cookies to track you" still says cookies are used.
        let yes = yes || self.cookie_purpose.is_match(lower);
        scan.cookies.add(yes, s.clause);
        if yes {
            for (id, cue) in &self.types {
                if cue.is_match(lower) {
                    note(&mut scan.cookie_types, *id, s.clause);
                }
            }
        }
    }
}
