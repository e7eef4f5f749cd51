//! The grade: documented, deterministic rules (GRADING.md) that turn facts into points and a
//! letter. Every rule that fires is listed with its points and clauses. Silence costs points:
//! a policy that says little cannot reach a good grade.

use crate::facts::clauses_of;
use crate::report::{Answer, CategorySummary, ChangeNotice, Detection, Facts, GradeReason, Kind};

/// A grade with the rules that fired.
#[derive(Clone, Debug, PartialEq)]
pub struct Graded {
    pub grade: char,
    pub points: i32,
    pub reasons: Vec<GradeReason>,
}

/// More named third parties than this costs points.
pub const MANY_THIRD_PARTIES: usize = 10;

/// The letter for a point total (GRADING.md); a blocker caps the grade at D.
pub fn letter(points: i32, blocker: bool) -> char {
    let grade = match points {
        p if p >= 40 => 'A',
        p if p >= 15 => 'B',
        p if p >= -10 => 'C',
        p if p >= -40 => 'D',
        _ => 'E',
    };
    if blocker {
        grade.max('D')
    } else {
        grade
    }
}

struct Rules<'f> {
    facts: &'f Facts,
    reasons: Vec<GradeReason>,
}

impl Rules<'_> {
    fn fire(&mut self, rule: &str, severity: &str, points: i32, clauses: Vec<usize>) {
        self.reasons.push(GradeReason {
            rule: rule.to_string(),
            points,
            clauses,
            severity: severity.to_string(),
        });
    }

    fn clauses(&self, fact: &str) -> Vec<usize> {
        clauses_of(self.facts, fact).to_vec()
    }

    fn rights(&self, ids: &[&str]) -> Vec<usize> {
        let mut out: Vec<usize> = ids
            .iter()
            .flat_map(|id| {
                clauses_of(self.facts, &format!("user_rights:{id}"))
                    .iter()
                    .copied()
            })
            .collect();
        crate::sort::sort(&mut out);
        out.dedup();
        out
    }

    fn has_right(&self, id: &str) -> bool {
        self.facts.user_rights.iter().any(|r| r == id)
    }

    /// Rules shared by privacy and cookie policies: selling, ads, many recipients.
    fn sharing(&mut self) {
        let sells = self.clauses("sells_data");
        match self.facts.sells_data {
            Answer::Yes => self.fire("sells_data", "blocker", -30, sells),
            Answer::Unclear => self.fire("sale_of_data_unclear", "bad", -10, sells),
            Answer::No => self.fire("does_not_sell_data", "good", 15, sells),
            Answer::NotMentioned => self.fire("sale_of_data_not_mentioned", "bad", -5, sells),
        }
        let ads = self.clauses("targeted_advertising");
        match self.facts.targeted_advertising {
            Answer::Yes => self.fire("targeted_advertising", "bad", -15, ads),
            Answer::Unclear => self.fire("targeted_advertising_unclear", "bad", -5, ads),
            Answer::No => self.fire("no_targeted_advertising", "good", 10, ads),
            Answer::NotMentioned => {}
        }
        if self.facts.third_parties.len() > MANY_THIRD_PARTIES {
            let clauses = self
                .facts
                .third_parties
                .iter()
                .filter_map(|name| {
                    self.clauses(&format!("third_parties:{name}"))
                        .first()
                        .copied()
                })
                .collect();
            self.fire("many_named_third_parties", "bad", -5, clauses);
        }
    }

    fn privacy_policy(&mut self, categories: &[CategorySummary]) {
        let sensitive =
            self.field_clauses("data_collected", &["health", "biometric", "government_id"]);
        if !sensitive.is_empty() {
            self.fire("collects_sensitive_data", "bad", -5, sensitive);
        }
        if self.has_right("deletion") {
            self.fire("can_delete_data", "good", 10, self.rights(&["deletion"]));
        }
        if self.has_right("access") {
            self.fire("can_access_data", "good", 5, self.rights(&["access"]));
        }
        let more = [
            "portability",
            "objection",
            "restriction",
            "withdraw_consent",
        ];
        if more.iter().any(|r| self.has_right(r)) {
            self.fire("further_gdpr_rights", "good", 3, self.rights(&more));
        }
        if !["access", "rectification", "deletion"]
            .iter()
            .any(|r| self.has_right(r))
        {
            self.fire("no_access_or_deletion_rights", "bad", -10, Vec::new());
        }
        let retention = self.clauses("retention");
        if self.facts.retention.iter().any(|r| r.days.is_some()) {
            let periods = self
                .facts
                .retention
                .iter()
                .filter(|r| r.days.is_some())
                .map(|r| r.clause)
                .collect::<Vec<_>>();
            self.fire("retention_periods_stated", "good", 10, dedup(periods));
        } else if !self.facts.retention.is_empty() {
            self.fire("retention_vague", "bad", -3, retention);
        } else {
            self.fire("no_retention_statement", "bad", -10, Vec::new());
        }
        let security = categories
            .iter()
            .find(|c| c.id == "data_security")
            .is_some_and(|c| !c.clauses.is_empty());
        if !security {
            self.fire("no_security_statement", "bad", -5, Vec::new());
        }
        let notice = self.clauses("change_notice");
        match self.facts.change_notice {
            ChangeNotice::Advance | ChangeNotice::Email => {
                self.fire("changes_notified", "good", 5, notice)
            }
            ChangeNotice::Posted => self.fire("changes_posted_only", "neutral", 0, notice),
            ChangeNotice::None => self.fire("changes_without_notice", "bad", -10, notice),
            ChangeNotice::NotMentioned => {}
        }
        if self.facts.contacts.is_empty() {
            self.fire("no_privacy_contact", "bad", -5, Vec::new());
        }
        if self.facts.effective_date.is_none() {
            self.fire("no_effective_date", "bad", -2, Vec::new());
        }
        if self.facts.international_transfer == Answer::Yes {
            let clauses = self.clauses("international_transfer");
            self.fire("international_transfer", "neutral", 0, clauses);
        }
    }

    fn cookie_policy(&mut self) {
        if self.has_right("opt_out") || self.has_right("withdraw_consent") {
            self.fire(
                "cookie_opt_out_explained",
                "good",
                5,
                self.rights(&["opt_out", "withdraw_consent"]),
            );
        } else {
            self.fire("no_cookie_opt_out", "bad", -10, Vec::new());
        }
        if !self.facts.cookie_types.is_empty() {
            let clauses = self.field_clauses(
                "cookie_types",
                &[
                    "essential",
                    "functional",
                    "analytics",
                    "advertising",
                    "social",
                ],
            );
            self.fire("cookie_types_explained", "good", 5, clauses);
        }
        if self.facts.retention.iter().any(|r| r.days.is_some()) {
            self.fire(
                "cookie_lifetimes_stated",
                "good",
                5,
                self.clauses("retention"),
            );
        }
    }

    /// Clauses behind any of `field:id` for the given ids.
    fn field_clauses(&self, field: &str, ids: &[&str]) -> Vec<usize> {
        dedup(
            ids.iter()
                .flat_map(|id| {
                    clauses_of(self.facts, &format!("{field}:{id}"))
                        .iter()
                        .copied()
                })
                .collect(),
        )
    }
}

fn dedup(mut clauses: Vec<usize>) -> Vec<usize> {
    crate::sort::sort(&mut clauses);
    clauses.dedup();
    clauses
}

/// Grades a policy from its facts and category summaries (see GRADING.md).
pub fn grade(detection: &Detection, facts: &Facts, categories: &[CategorySummary]) -> Graded {
    let mut rules = Rules {
        facts,
        reasons: Vec::new(),
    };
    rules.sharing();
    if detection.kind == Kind::CookiePolicy {
        rules.cookie_policy();
    } else {
        rules.privacy_policy(categories);
    }
    let points: i32 = rules.reasons.iter().map(|r| r.points).sum();
    let blocker = rules.reasons.iter().any(|r| r.severity == "blocker");
    Graded {
        grade: letter(points, blocker),
        points,
        reasons: rules.reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_blocker_cap() {
        assert_eq!(letter(40, false), 'A');
        assert_eq!(letter(39, false), 'B');
        assert_eq!(letter(15, false), 'B');
        assert_eq!(letter(-10, false), 'C');
        assert_eq!(letter(-11, false), 'D');
        assert_eq!(letter(-41, false), 'E');
        assert_eq!(letter(60, true), 'D');
        assert_eq!(letter(-60, true), 'E');
    }
}
