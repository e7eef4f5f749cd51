//! Disclosure to law enforcement: a legal demand or authority, in a sentence that gives
//! data out.

use super::negation::Negation;
use super::table::Table;
use super::{Cue, PassBuilder, Scan, Sentence};

pub struct Law {
    gate: u32,
    law: Cue,
    disclose: Cue,
}

impl Law {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Law, String> {
        Ok(Law {
            gate: pass.bit("law")?,
            law: pass.cue(table.pattern("law")?)?,
            disclose: pass.cue(table.pattern("disclose")?)?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        // The verb may be in the list lead-in ("We may disclose information when:").
        if s.topics & self.gate == 0
            || !(self.disclose.is_match(s, s.lower) || self.disclose.pattern().is_match(s.context))
        {
            return;
        }
        if let Some(yes) = negation.affirmed_in(&self.law, s) {
            scan.law.add(yes, s.clause);
        }
    }
}
