//! Targeted advertising: ads chosen for the user (interest-based, retargeting, ad networks).
//! Naming an advertising service (third_parties.tsv kind `ads`) also counts; see `mod.rs`.

use super::negation::Negation;
use super::table::Table;
use super::{Cue, PassBuilder, Scan, Sentence};

pub struct Ads {
    gate: u32,
    ads: Cue,
    scope_narrow: Cue,
}

impl Ads {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Ads, String> {
        Ok(Ads {
            gate: pass.bit("ads")?,
            ads: pass.cue(table.pattern("ads")?)?,
            scope_narrow: pass.cue(table.pattern("scope_narrow")?)?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        if s.topics & self.gate == 0 {
            return;
        }
        if let Some(yes) = negation.affirmed_in(&self.ads, s) {
            if self.scope_narrow.is_match(s, s.lower) {
                scan.ads.add_narrowed(s.clause);
            } else {
                scan.ads.add(yes && !s.lead_in_negated, s.clause);
            }
        }
    }
}
