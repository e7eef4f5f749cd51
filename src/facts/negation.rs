//! Negation and its scope: a cue counts as "no" when a negation stands before it in the same
//! part of the sentence, unless that negation is conditional ("if you do not want us to
//! sell ..." presupposes the practice).

use crate::pattern::Pattern;

use super::table::Table;
use super::{Cue, Sentence};

/// Bytes before a cue searched for a negation.
const NEGATION_WINDOW: usize = 90;

pub struct Negation {
    negation: Pattern,
    /// A negation after the cue that still negates it (German "wir verkaufen Ihre Daten
    /// nicht"); only in languages whose table has `negation_after` lines.
    negation_after: Option<Pattern>,
    boundary: Pattern,
    conditional: Pattern,
    /// Words after "no" that make it no negation ("no longer").
    no_followers: Vec<&'static str>,
}

impl Negation {
    pub fn new(table: &Table<'static>) -> Result<Negation, String> {
        Ok(Negation {
            negation: table.pattern("negation")?,
            negation_after: table.optional_pattern("negation_after")?,
            boundary: table.pattern("boundary")?,
            conditional: table.words("conditional")?,
            no_followers: table.values("no_followers")?,
        })
    }

    /// True when the cue at `start` in `lower` is negated in its part of the sentence.
    pub fn negated(&self, lower: &str, start: usize) -> bool {
        self.negated_before(lower, start) || self.negated_after(lower, start)
    }

    /// A `negation_after` match after the cue, before the part of the sentence ends.
    fn negated_after(&self, lower: &str, start: usize) -> bool {
        let Some(after) = &self.negation_after else {
            return false;
        };
        let mut end = (start + NEGATION_WINDOW).min(lower.len());
        while !lower.is_char_boundary(end) {
            end -= 1;
        }
        let window = &lower[start..end];
        let window = self
            .boundary
            .find(window)
            .map_or(window, |m| &window[..m.start()]);
        after.is_match(window)
    }

    fn negated_before(&self, lower: &str, start: usize) -> bool {
        let mut from = start.saturating_sub(NEGATION_WINDOW);
        while !lower.is_char_boundary(from) {
            from += 1;
        }
        let window = &lower[from..start];
        let cut = self
            .boundary
            .find_iter(window)
            .last()
            .map_or(0, |m| m.end());
        let window = &window[cut..];
        for m in self.negation.find_iter(window) {
            let rest = &window[m.end()..];
            if m.as_str() == "no"
                && rest
                    .strip_prefix(' ')
                    .is_some_and(|rest| self.no_followers.iter().any(|w| rest.starts_with(w)))
            {
                continue;
            }
            return !self.conditional.is_match(&window[..m.start()]);
        }
        false
    }

    /// True when any match of `cue` in `lower` is affirmative; `None` when no match.
    pub fn affirmed(&self, cue: &Pattern, lower: &str) -> Option<bool> {
        let mut seen = None;
        for m in cue.find_iter(lower) {
            if !self.negated(lower, m.start()) {
                return Some(true);
            }
            seen = Some(false);
        }
        seen
    }

    /// `affirmed` for a cue on the sentence's lower-cased text.
    pub fn affirmed_in(&self, cue: &Cue, s: &Sentence) -> Option<bool> {
        self.affirmed(cue.on(s, s.lower)?, s.lower)
    }
}
