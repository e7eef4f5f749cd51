//! Plain-language lines and per-category summaries.

use crate::category::Category;
use crate::grade::Graded;
use crate::report::{Answer, CategorySummary, Clause, Detection, Facts};

/// One summary line and the clause it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    pub clause: Option<usize>,
}

/// Summary lines, most important first, and the badge headline.
#[derive(Clone, Debug, PartialEq)]
pub struct Lines {
    pub lines: Vec<Line>,
    pub headline: String,
}

/// Most summary lines a report carries.
const MAX_LINES: usize = 6;

/// Clauses per category, each with a one-line summary.
pub fn categories(clauses: &[Clause], _facts: &Facts) -> Vec<CategorySummary> {
    Category::ALL
        .iter()
        .map(|&category| {
            let ids: Vec<usize> = clauses
                .iter()
                .filter(|c| c.categories.iter().any(|id| id == category.id()))
                .map(|c| c.index)
                .collect();
            let summary = match ids.len() {
                0 => "Not mentioned.".to_string(),
                1 => "1 clause.".to_string(),
                n => format!("{n} clauses."),
            };
            CategorySummary {
                id: category.id().to_string(),
                label: category.label().to_string(),
                clauses: ids,
                summary,
            }
        })
        .collect()
}

pub fn lines(detection: &Detection, facts: &Facts, _graded: &Graded) -> Lines {
    let mut lines = Vec::new();
    if !detection.is_policy {
        return Lines {
            lines,
            headline: String::new(),
        };
    }
    let sells = facts
        .evidence
        .iter()
        .find(|e| e.fact == "sells_data")
        .and_then(|e| e.clauses.first().copied());
    match facts.sells_data {
        Answer::Yes => lines.push(Line {
            text: "Sells your data: yes".into(),
            clause: sells,
        }),
        Answer::No => lines.push(Line {
            text: "Sells your data: no".into(),
            clause: sells,
        }),
        Answer::Unclear => lines.push(Line {
            text: "Sells your data: unclear".into(),
            clause: sells,
        }),
        Answer::NotMentioned => lines.push(Line {
            text: "Does not say whether it sells your data".into(),
            clause: None,
        }),
    }
    lines.truncate(MAX_LINES);
    let headline = match facts.sells_data {
        Answer::Yes => "Sells your data",
        Answer::No => "Does not sell data",
        _ => "Read the details",
    }
    .to_string();
    Lines { lines, headline }
}
