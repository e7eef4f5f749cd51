//! The grade: documented, deterministic rules that turn facts into points and a letter.

use crate::report::{Answer, CategorySummary, Detection, Facts, GradeReason};

/// A grade with the rules that fired.
#[derive(Clone, Debug, PartialEq)]
pub struct Graded {
    pub grade: char,
    pub points: i32,
    pub reasons: Vec<GradeReason>,
}

/// Grades a policy. Starts from C (a policy that says little stays at C, never A by default).
pub fn grade(_detection: &Detection, facts: &Facts, _categories: &[CategorySummary]) -> Graded {
    let mut reasons = Vec::new();
    let sells_clauses = facts
        .evidence
        .iter()
        .find(|e| e.fact == "sells_data")
        .map(|e| e.clauses.clone())
        .unwrap_or_default();
    match facts.sells_data {
        Answer::Yes => reasons.push(GradeReason {
            rule: "sells_data".into(),
            points: -30,
            clauses: sells_clauses,
        }),
        Answer::No => reasons.push(GradeReason {
            rule: "does_not_sell_data".into(),
            points: 15,
            clauses: sells_clauses,
        }),
        Answer::Unclear => reasons.push(GradeReason {
            rule: "sale_of_data_unclear".into(),
            points: -10,
            clauses: sells_clauses,
        }),
        Answer::NotMentioned => {}
    }
    let points: i32 = reasons.iter().map(|r| r.points).sum();
    let grade = match points {
        p if p >= 40 => 'A',
        p if p >= 15 => 'B',
        p if p > -15 => 'C',
        p if p > -40 => 'D',
        _ => 'E',
    };
    Graded {
        grade,
        points,
        reasons,
    }
}
