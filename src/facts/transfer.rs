//! International transfer: data moved to, or kept in, another country.

use super::negation::Negation;
use super::table::Table;
use super::{Cue, PassBuilder, Scan, Sentence};

pub struct Transfer {
    gate: u32,
    transfer: Cue,
    transfer_local: Cue,
}

impl Transfer {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Transfer, String> {
        Ok(Transfer {
            gate: pass.bit("transfer")?,
            transfer: pass.cue(table.pattern("transfer")?)?,
            transfer_local: pass.cue(table.pattern("transfer_local")?)?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        if s.topics & self.gate == 0 {
            return;
        }
        if self.transfer_local.is_match(s, s.lower) {
            scan.transfer.add(false, s.clause);
        } else if let Some(yes) = negation.affirmed_in(&self.transfer, s) {
            scan.transfer.add(yes, s.clause);
        }
    }
}
