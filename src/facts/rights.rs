//! User rights (DESIGN.md ids): a right is read only where the user is the one acting ("you
//! may ask us to delete ...", "to delete your account, click ..."), not negated; complaint
//! and non-discrimination are read wherever they are stated.

use crate::pattern::Pattern;

use super::negation::Negation;
use super::table::Table;
use super::{floor_boundary, note, Gates, Scan, Sentence};

pub struct Rights {
    /// Each right: its id, gate bit, cue and the look-alikes near a cue (`not_<id>`).
    cues: Vec<(&'static str, u32, Pattern, Option<Pattern>)>,
    /// Look-alikes of every right (`not_any`).
    not_any: Pattern,
    /// Gate bits of all rights together.
    gates: u32,
    subject: Pattern,
    modal: Pattern,
    imperative: Pattern,
    access_exclude: Pattern,
}

/// Keys of rights.tsv that are not rights.
const CONTEXT_KEYS: [&str; 4] = ["subject", "modal", "imperative", "access_exclude"];

impl Rights {
    pub fn new(table: &Table<'static>, gates: &Gates) -> Result<Rights, String> {
        let mut cues = Vec::new();
        let keys = table.keys();
        for id in &keys {
            if !CONTEXT_KEYS.contains(id) && !id.starts_with("not_") {
                let not = format!("not_{id}");
                let exclude = keys
                    .contains(&not.as_str())
                    .then(|| table.pattern(&not))
                    .transpose()?;
                cues.push((*id, gates.bit(id)?, table.pattern(id)?, exclude));
            }
        }
        Ok(Rights {
            gates: cues.iter().fold(0, |bits, c| bits | c.1),
            cues,
            not_any: table.pattern("not_any")?,
            subject: table.words("subject")?,
            modal: table.words("modal")?,
            imperative: table.pattern("imperative")?,
            access_exclude: table.pattern("access_exclude")?,
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
        for (id, bit, cue, exclude) in &self.cues {
            if s.topics & bit == 0 {
                continue;
            }
            let always = matches!(*id, "non_discrimination" | "complaint");
            if !always && !user_context || *id == "access" && self.access_exclude.is_match(lower) {
                continue;
            }
            let stated = cue.find_iter(lower).any(|m| {
                let near = &lower[floor_boundary(lower, m.start().saturating_sub(50))
                    ..floor_boundary(lower, (m.end() + 60).min(lower.len()))];
                (always || !negation.negated(lower, m.start()))
                    && !self.not_any.is_match(near)
                    && !exclude.as_ref().is_some_and(|e| e.is_match(near))
            });
            if stated {
                note(&mut scan.rights, *id, s.clause);
            }
        }
    }
}
