//! International transfer: data moved to, or kept in, another country.

use crate::pattern::Pattern;

use super::negation::Negation;
use super::table::Table;
use super::{Gates, Scan, Sentence};

pub struct Transfer {
    gate: u32,
    transfer: Pattern,
    transfer_local: Pattern,
}

impl Transfer {
    pub fn new(table: &Table<'static>, gates: &Gates) -> Result<Transfer, String> {
        Ok(Transfer {
            gate: gates.bit("transfer")?,
            transfer: table.pattern("transfer")?,
            transfer_local: table.pattern("transfer_local")?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        if s.topics & self.gate == 0 {
            return;
        }
        if self.transfer_local.is_match(&s.lower) {
            scan.transfer.add(false, s.clause);
        } else if let Some(yes) = negation.affirmed(&self.transfer, &s.lower) {
            scan.transfer.add(yes, s.clause);
        }
    }
}
