//! Targeted advertising: ads chosen for the user (interest-based, retargeting, ad networks).
//! Naming an advertising service (third_parties.tsv kind `ads`) also counts; see `mod.rs`.

use crate::pattern::Pattern;

use super::negation::Negation;
use super::table::Table;
use super::{Gates, Scan, Sentence};

pub struct Ads {
    gate: u32,
    ads: Pattern,
    scope_narrow: Pattern,
}

impl Ads {
    pub fn new(table: &Table<'static>, gates: &Gates) -> Result<Ads, String> {
        Ok(Ads {
            gate: gates.bit("ads")?,
            ads: table.pattern("ads")?,
            scope_narrow: table.pattern("scope_narrow")?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        if s.topics & self.gate == 0 {
            return;
        }
        if let Some(yes) = negation.affirmed(&self.ads, &s.lower) {
            if self.scope_narrow.is_match(&s.lower) {
                scan.ads.add_narrowed(s.clause);
            } else {
                scan.ads.add(yes && !s.lead_in_negated, s.clause);
            }
        }
    }
}
