//! How people are told about changes to the policy: in advance, by a personal notice
//! (email), by posting the new version, or not at all. The strongest method stated wins.

use regex::Regex;

use super::negation::Negation;
use super::table::Table;
use super::{Gates, Scan, Sentence, MAX_EVIDENCE};
use crate::report::ChangeNotice;

pub struct Change {
    gate: u32,
    change: Regex,
    change_heading: Regex,
    policy_word: Regex,
    notice_none: Regex,
    notice_advance: Regex,
    notice_email: Regex,
    notice_posted: Regex,
}

fn rank(notice: ChangeNotice) -> u8 {
    match notice {
        ChangeNotice::NotMentioned => 0,
        ChangeNotice::None => 1,
        ChangeNotice::Posted => 2,
        ChangeNotice::Email => 3,
        ChangeNotice::Advance => 4,
    }
}

impl Change {
    pub fn new(table: &Table<'static>, gates: &Gates) -> Result<Change, String> {
        Ok(Change {
            gate: gates.bit("change")?,
            change: table.words("change")?,
            change_heading: table.regex("change_heading")?,
            policy_word: table.words("policy_word")?,
            notice_none: table.regex("notice_none")?,
            notice_advance: table.regex("notice_advance")?,
            notice_email: table.regex("notice_email")?,
            notice_posted: table.regex("notice_posted")?,
        })
    }

    pub fn scan(
        &self,
        s: &Sentence,
        heading: &Option<String>,
        negation: &Negation,
        scan: &mut Scan,
    ) {
        let lower = &s.lower;
        let about_changes = s.topics & self.gate != 0
            && self.change.is_match(lower)
            && (self.policy_word.is_match(lower)
                || heading
                    .as_deref()
                    .is_some_and(|h| self.change_heading.is_match(&h.to_ascii_lowercase())));
        if !about_changes {
            return;
        }
        let stated = |cue: &Regex| {
            cue.find(lower)
                .is_some_and(|m| !negation.negated(lower, m.start()))
        };
        let notice = if stated(&self.notice_advance) {
            ChangeNotice::Advance
        } else if stated(&self.notice_email) {
            ChangeNotice::Email
        } else if self.notice_posted.is_match(lower) {
            ChangeNotice::Posted
        } else if self.notice_none.is_match(lower) {
            ChangeNotice::None
        } else {
            return;
        };
        match &mut scan.notice {
            Some((best, clauses)) if *best == notice => {
                if !clauses.contains(&s.clause) && clauses.len() < MAX_EVIDENCE {
                    clauses.push(s.clause);
                }
            }
            Some((best, _)) if rank(*best) > rank(notice) => {}
            _ => scan.notice = Some((notice, vec![s.clause])),
        }
    }
}
