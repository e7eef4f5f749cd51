//! User rights (DESIGN.md ids): a right is read only where the user is the one acting ("you
//! may ask us to delete ...", "to delete your account, click ..."), not negated; complaint
//! and non-discrimination are read wherever they are stated.

use regex::Regex;

use super::negation::Negation;
use super::table::Table;
use super::{note, Gates, Scan, Sentence};

pub struct Rights {
    /// Each right: its id, gate bit and cue.
    cues: Vec<(&'static str, u32, Regex)>,
    /// Gate bits of all rights together.
    gates: u32,
    subject: Regex,
    modal: Regex,
    imperative: Regex,
    access_exclude: Regex,
}

/// Keys of rights.tsv that are not rights.
const CONTEXT_KEYS: [&str; 4] = ["subject", "modal", "imperative", "access_exclude"];

impl Rights {
    pub fn new(table: &Table<'static>, gates: &Gates) -> Result<Rights, String> {
        let mut cues = Vec::new();
        for id in table.keys() {
            if !CONTEXT_KEYS.contains(&id) {
                cues.push((id, gates.bit(id)?, table.regex(id)?));
            }
        }
        Ok(Rights {
            gates: cues.iter().fold(0, |bits, c| bits | c.1),
            cues,
            subject: table.words("subject")?,
            modal: table.words("modal")?,
            imperative: table.regex("imperative")?,
            access_exclude: table.regex("access_exclude")?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        let lower = &s.lower;
        if s.topics & self.gates == 0 {
            return;
        }
        let user_context = (self.subject.is_match(lower) || self.subject.is_match(&s.context))
            && (self.modal.is_match(lower) || self.modal.is_match(&s.context))
            || self.imperative.is_match(lower);
        for (id, bit, cue) in &self.cues {
            if s.topics & bit == 0 {
                continue;
            }
            let Some(m) = cue.find(lower) else {
                continue;
            };
            let always = matches!(*id, "non_discrimination" | "complaint");
            if !always && (!user_context || negation.negated(lower, m.start())) {
                continue;
            }
            if *id == "access" && self.access_exclude.is_match(lower) {
                continue;
            }
            note(&mut scan.rights, *id, s.clause);
        }
    }
}
