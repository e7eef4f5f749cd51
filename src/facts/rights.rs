//! User rights (DESIGN.md ids): a right is read only where the user is the one acting ("you
//! may ask us to delete ...", "to delete your account, click ..."), not negated; complaint
//! and non-discrimination are read wherever they are stated.

use super::negation::Negation;
use super::table::Table;
use super::{floor_boundary, note, Cue, PassBuilder, Scan, Sentence};

pub struct Rights {
    /// Each right: its id, gate bit, cue and the look-alikes near a cue (`not_<id>`).
    cues: Vec<(&'static str, u32, Cue, Option<Cue>)>,
    /// Look-alikes of every right (`not_any`).
    not_any: Cue,
    /// Gate bits of all rights together.
    gates: u32,
    subject: Cue,
    modal: Cue,
    imperative: Cue,
    access_exclude: Cue,
}

/// Keys of rights.tsv that are not rights.
const CONTEXT_KEYS: [&str; 4] = ["subject", "modal", "imperative", "access_exclude"];

impl Rights {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Rights, String> {
        let mut cues = Vec::new();
        let keys = table.keys();
        for id in &keys {
            if !CONTEXT_KEYS.contains(id) && !id.starts_with("not_") {
                let not = format!("not_{id}");
                let exclude = keys
                    .contains(&not.as_str())
                    .then(|| pass.cue(table.pattern(&not)?))
                    .transpose()?;
                cues.push((*id, pass.bit(id)?, pass.cue(table.pattern(id)?)?, exclude));
            }
        }
        Ok(Rights {
            gates: cues.iter().fold(0, |bits, c| bits | c.1),
            cues,
            not_any: pass.cue(table.pattern("not_any")?)?,
            subject: pass.cue(table.words("subject")?)?,
            modal: pass.cue(table.words("modal")?)?,
            imperative: pass.cue(table.pattern("imperative")?)?,
            access_exclude: pass.cue(table.pattern("access_exclude")?)?,
        })
    }

    pub fn scan(&self, s: &Sentence, negation: &Negation, scan: &mut Scan) {
        let lower = &s.lower;
        if s.topics & self.gates == 0 {
            return;
        }
        // Whether the user is the one acting, worked out for the first right that needs it.
        let mut user_context = None;
        for (id, bit, cue, exclude) in &self.cues {
            if s.topics & bit == 0 || !cue.may_match(s) {
                continue;
            }
            let always = matches!(*id, "non_discrimination" | "complaint");
            if !always && !*user_context.get_or_insert_with(|| self.user_context(s))
                || *id == "access" && self.access_exclude.is_match(s, lower)
            {
                continue;
            }
            let stated = cue.find_iter(s, lower).any(|m| {
                let near = &lower[floor_boundary(lower, m.start().saturating_sub(50))
                    ..floor_boundary(lower, (m.end() + 60).min(lower.len()))];
                (always || !negation.negated(lower, m.start()))
                    && !self.not_any.is_match(s, near)
                    && !exclude.as_ref().is_some_and(|e| e.is_match(s, near))
            });
            if stated {
                note(&mut scan.rights, *id, s.clause);
            }
        }
    }

    /// The user is named and may act (in the sentence or its heading and lead-in), or is
    /// told how to act.
    fn user_context(&self, s: &Sentence) -> bool {
        let lower = &s.lower;
        (self.subject.is_match(s, lower) || self.subject.pattern().is_match(s.context))
            && (self.modal.is_match(s, lower) || self.modal.pattern().is_match(s.context))
            || self.imperative.is_match(s, lower)
    }
}
