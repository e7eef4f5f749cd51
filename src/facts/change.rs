//! How people are told about changes to the policy: in advance, by a personal notice
//! (email), by posting the new version, or not at all. The strongest method stated wins.
//!
//! A sentence is about policy changes when it names a change to the policy
//! (`policy_change`), or when it talks of changes (not the user's changes to their data)
//! under a changes heading or after such a sentence in the same clause, or right follows
//! such a sentence ("We may change this policy. We will email you first."). A personal-notice cue is not one inside "without
//! notice to you", nor when the notice is a posting ("notify you by posting ...").

use crate::pattern::Pattern;

use super::negation::Negation;
use super::table::Table;
use super::{Cue, PassBuilder, Scan, Sentence, MAX_EVIDENCE};
use crate::report::ChangeNotice;

pub struct Change {
    gate: u32,
    change: Cue,
    change_heading: Pattern,
    policy_change: Cue,
    user_change: Cue,
    by_posting: Cue,
    notice_none: Cue,
    notice_advance: Cue,
    notice_email: Cue,
    notice_posted: Cue,
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
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Change, String> {
        Ok(Change {
            gate: pass.bit("change")?,
            change: pass.cue(table.words("change")?)?,
            change_heading: table.pattern("change_heading")?,
            policy_change: pass.cue(table.pattern("policy_change")?)?,
            user_change: pass.cue(table.pattern("user_change")?)?,
            by_posting: pass.cue(table.pattern("by_posting")?)?,
            notice_none: pass.cue(table.pattern("notice_none")?)?,
            notice_advance: pass.cue(table.pattern("notice_advance")?)?,
            notice_email: pass.cue(table.pattern("notice_email")?)?,
            notice_posted: pass.cue(table.pattern("notice_posted")?)?,
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
        let (last_clause, last_sentence) = scan.change_sentence.unwrap_or((usize::MAX, 0));
        let next_sentence = last_clause == s.clause && last_sentence + 1 == scan.sentences;
        let talks_of_changes = s.topics & self.gate != 0 && self.change.is_match(s, lower);
        let about_changes = talks_of_changes && self.policy_change.is_match(s, lower)
            || (next_sentence
                || talks_of_changes
                    && (last_clause == s.clause
                        || heading.as_deref().is_some_and(|h| {
                            self.change_heading.is_match(&h.to_ascii_lowercase())
                        })))
                && !self.user_change.is_match(s, lower);
        if !about_changes {
            return;
        }
        scan.change_sentence = Some((s.clause, scan.sentences));
        let silent: Vec<(usize, usize)> = self
            .notice_none
            .find_iter(s, lower)
            .map(|m| (m.start(), m.end()))
            .collect();
        let (mut personal, mut posting) = (false, false);
        for m in self.notice_email.find_iter(s, lower) {
            if silent.iter().any(|&(a, b)| m.start() >= a && m.start() < b)
                || negation.negated(lower, m.start())
            {
                continue;
            }
            if self.by_posting.is_match(s, &lower[m.end()..]) {
                posting = true;
            } else {
                personal = true;
            }
        }
        let notice = if self
            .notice_advance
            .find(s, lower)
            .is_some_and(|m| !negation.negated(lower, m.start()))
        {
            ChangeNotice::Advance
        } else if personal {
            ChangeNotice::Email
        } else if posting || self.notice_posted.is_match(s, lower) {
            ChangeNotice::Posted
        } else if !silent.is_empty() {
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
