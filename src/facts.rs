//! Facts a person wants answered, each with the clauses it came from.

use regex::Regex;

use crate::page::Page;
use crate::report::{Answer, FactSource, Facts};
use crate::text::Segment;

/// Regexes and gazetteers, built once.
pub struct FactExtractor {
    email: Regex,
    sells: Regex,
    not_sells: Regex,
}

impl FactExtractor {
    pub fn new() -> FactExtractor {
        FactExtractor {
            email: Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").unwrap(),
            sells: Regex::new(r"(?i)\b(sell|sells|selling|sale of)\b").unwrap(),
            not_sells: Regex::new(
                r"(?i)\b(do not|does not|don't|will not|won't|never)\b[^.]{0,40}\bsell",
            )
            .unwrap(),
        }
    }

    pub fn extract(&self, _page: &Page, segments: &[Segment]) -> Facts {
        let mut facts = Facts::default();
        let mut sells_yes = Vec::new();
        let mut sells_no = Vec::new();
        for (i, segment) in segments.iter().enumerate() {
            let text = &segment.text;
            for m in self.email.find_iter(text) {
                let email = m.as_str().trim_end_matches('.').to_string();
                if !facts.contacts.contains(&email) {
                    facts.contacts.push(email);
                    facts.evidence.push(FactSource {
                        fact: "contacts".into(),
                        clauses: vec![i],
                    });
                }
            }
            if self.not_sells.is_match(text) {
                sells_no.push(i);
            } else if self.sells.is_match(text) {
                sells_yes.push(i);
            }
        }
        facts.sells_data = match (sells_yes.is_empty(), sells_no.is_empty()) {
            (true, true) => Answer::NotMentioned,
            (true, false) => Answer::No,
            (false, true) => Answer::Yes,
            (false, false) => Answer::Unclear,
        };
        let clauses: Vec<usize> = sells_no.into_iter().chain(sells_yes).collect();
        if !clauses.is_empty() {
            facts.evidence.push(FactSource {
                fact: "sells_data".into(),
                clauses,
            });
        }
        facts
    }
}

impl Default for FactExtractor {
    fn default() -> Self {
        FactExtractor::new()
    }
}
