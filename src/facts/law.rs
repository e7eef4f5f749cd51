//! Disclosure to law enforcement: a legal demand or authority, in a sentence that gives
//! data out.

use crate::pattern::Pattern;

use super::negation::Negation;
use super::table::Table;
use super::{Gates, Scan, Sentence};

pub struct Law {
    gate: u32,
    law: Pattern,
    disclose: Pattern,
}

impl Law {
    pub fn new(table: &Table<'static>, gates: &Gates) -> Result<Law, String> {
        Ok(Law {
            gate: gates.bit("law")?,
            law: table.pattern("law")?,
            disclose: table.pattern("disclose")?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        // The verb may be in the list lead-in ("We may disclose information when:").
        if s.topics & self.gate == 0
            || !(self.disclose.is_match(&s.lower) || self.disclose.is_match(&s.context))
        {
            return;
        }
        if let Some(yes) = negation.affirmed(&self.law, &s.lower) {
            scan.law.add(yes, s.clause);
        }
    }
}
