//! Policy-level facts scored against gold values, the measure of
//! `../shared/tools/policy_facts.py score`.
//!
//! Gold values: `yes`/`no`/`unsure` for binary facts, an age or `none` for
//! `children_min_age`, `email`/`posted`/`none`/`not_mentioned` for `change_notice`; `unsure`
//! is not scored. A prediction of no, none or not_mentioned is negative; "unclear" counts as
//! positive (the practice was found stated).

use std::collections::BTreeMap;

use crate::report::{Answer, ChangeNotice, Report};

/// How a fact's value is compared with gold.
#[derive(Clone, Copy, PartialEq)]
pub enum Measure {
    Binary,
    Age,
    Notice,
}

/// A scored fact: its gold name, how it is compared, whether it is auxiliary (kept out of the
/// pooled accuracy and the macro average), and how its value is read from a report.
pub struct FactSpec {
    pub name: &'static str,
    pub measure: Measure,
    pub aux: bool,
    pub predict: fn(&Report) -> String,
}

fn yes_no(positive: bool) -> String {
    (if positive { "yes" } else { "no" }).to_string()
}

fn stated(answer: Answer) -> String {
    yes_no(matches!(answer, Answer::Yes | Answer::Unclear))
}

fn listed(list: &[String], ids: &[&str]) -> String {
    yes_no(list.iter().any(|v| ids.contains(&v.as_str())))
}

/// A fact answered yes, no or unclear in the report, of the same name; `aux` as in `FactSpec`.
macro_rules! stated_fact {
    ($field:ident, $aux:literal) => {
        FactSpec {
            name: stringify!($field),
            measure: Measure::Binary,
            aux: $aux,
            predict: |r| stated(r.facts.$field),
        }
    };
}

macro_rules! data_fact {
    ($name:literal, $($id:literal),+) => {
        FactSpec {
            name: concat!("data_collected:", $name),
            measure: Measure::Binary,
            aux: false,
            predict: |r| listed(&r.facts.data_collected, &[$($id),+]),
        }
    };
}

macro_rules! right_fact {
    ($id:literal) => {
        FactSpec {
            name: concat!("user_rights:", $id),
            measure: Measure::Binary,
            aux: false,
            predict: |r| listed(&r.facts.user_rights, &[$id]),
        }
    };
}

/// The facts in the shared scorer's order (its per_fact keys).
pub const FACTS: &[FactSpec] = &[
    stated_fact!(targeted_advertising, false),
    stated_fact!(cookies, false),
    stated_fact!(law_enforcement_disclosure, false),
    stated_fact!(international_transfer, true),
    data_fact!("contact", "name", "email", "phone", "postal_address"),
    data_fact!("location", "location"),
    data_fact!("payment", "payment"),
    data_fact!("health", "health"),
    data_fact!("demographics", "demographics", "professional"),
    data_fact!("ip_device", "ip_address", "device_id"),
    data_fact!("browsing", "browsing"),
    data_fact!("social_profile", "social_profile"),
    right_fact!("access"),
    right_fact!("rectification"),
    right_fact!("deletion"),
    right_fact!("opt_out"),
    FactSpec {
        name: "retention",
        measure: Measure::Binary,
        aux: false,
        predict: |r| yes_no(!r.facts.retention.is_empty()),
    },
    FactSpec {
        name: "retention:days",
        measure: Measure::Binary,
        aux: false,
        predict: |r| yes_no(r.facts.retention.iter().any(|p| p.days.is_some())),
    },
    FactSpec {
        name: "children_min_age",
        measure: Measure::Age,
        aux: false,
        predict: |r| {
            r.facts
                .children_min_age
                .map_or("none".to_string(), |age| age.to_string())
        },
    },
    FactSpec {
        name: "change_notice",
        measure: Measure::Notice,
        aux: false,
        predict: |r| {
            match r.facts.change_notice {
                ChangeNotice::None => "none",
                ChangeNotice::Posted => "posted",
                ChangeNotice::Email => "email",
                ChangeNotice::Advance => "advance",
                ChangeNotice::NotMentioned => "not_mentioned",
            }
            .to_string()
        },
    },
    FactSpec {
        name: "do_not_track",
        measure: Measure::Binary,
        aux: true,
        predict: |r| {
            yes_no(
                r.categories
                    .iter()
                    .any(|c| c.id == "do_not_track" && !c.clauses.is_empty()),
            )
        },
    },
];

pub const NEGATIVE: [&str; 3] = ["no", "none", "not_mentioned"];

/// Rounded to 3 decimals, as the shared scorer prints.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| round3(a as f64 / b as f64))
}

/// Counts of one fact over the policies with a gold value.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub correct: usize,
    pub scored: usize,
    pub excluded_unsure: usize,
    /// Policies with the most common gold value.
    pub majority: usize,
}

/// A wrong prediction: the policy's position among those counted, gold and predicted value.
pub struct Miss<'a> {
    pub at: usize,
    pub gold: &'a str,
    pub predicted: String,
}

impl Counts {
    /// Counts `spec` over `(gold, report)` pairs (no gold: not counted), and the misses.
    pub fn of<'a, 'r>(
        spec: &FactSpec,
        policies: impl Iterator<Item = (Option<&'a str>, &'r Report)>,
    ) -> (Counts, Vec<Miss<'a>>) {
        let mut counts = Counts::default();
        let mut misses = Vec::new();
        let mut golds: BTreeMap<&str, usize> = BTreeMap::new();
        for (at, (gold, report)) in policies.enumerate() {
            let Some(g) = gold else {
                continue;
            };
            if g == "unsure" {
                counts.excluded_unsure += 1;
                continue;
            }
            let p = (spec.predict)(report);
            counts.scored += 1;
            *golds.entry(g).or_default() += 1;
            let ok = agrees(spec.measure, g, &p);
            let (gold_positive, predicted_positive) =
                (!NEGATIVE.contains(&g), !NEGATIVE.contains(&p.as_str()));
            counts.correct += usize::from(ok);
            counts.tp += usize::from(gold_positive && predicted_positive && ok);
            counts.fp += usize::from(predicted_positive && !ok);
            counts.fn_ += usize::from(gold_positive && !ok);
            if !ok {
                misses.push(Miss {
                    at,
                    gold: g,
                    predicted: p,
                });
            }
        }
        counts.majority = golds.values().copied().max().unwrap_or(0);
        (counts, misses)
    }

    /// The scores, rounded to 3 decimals; `None` where a denominator is 0. F1 is computed from
    /// the rounded precision and recall, as the shared scorer does.
    pub fn scores(&self) -> Scores {
        let precision = ratio(self.tp, self.tp + self.fp);
        let recall = ratio(self.tp, self.tp + self.fn_);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p > 0.0 && r > 0.0 => Some(round3(2.0 * p * r / (p + r))),
            (None, None) => None,
            _ => Some(0.0),
        };
        Scores {
            accuracy: ratio(self.correct, self.scored),
            precision,
            recall,
            f1,
            majority_baseline: ratio(self.majority, self.scored),
        }
    }
}

/// Accuracy, precision, recall, F1 and the majority-class accuracy of one fact, or their
/// macro average.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    pub accuracy: Option<f64>,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    pub majority_baseline: Option<f64>,
}

impl Scores {
    /// The mean of each score over the facts that have it, rounded to 3 decimals.
    pub fn macro_average(all: &[Scores]) -> Scores {
        let mean = |get: fn(&Scores) -> Option<f64>| {
            let values: Vec<f64> = all.iter().filter_map(get).collect();
            (!values.is_empty()).then(|| round3(values.iter().sum::<f64>() / values.len() as f64))
        };
        Scores {
            accuracy: mean(|s| s.accuracy),
            precision: mean(|s| s.precision),
            recall: mean(|s| s.recall),
            f1: mean(|s| s.f1),
            majority_baseline: mean(|s| s.majority_baseline),
        }
    }
}

/// Pooled accuracy (rounded to 3 decimals) over the facts that are not auxiliary.
pub fn overall_accuracy(correct: usize, scored: usize) -> Option<f64> {
    ratio(correct, scored)
}

/// Whether a predicted value agrees with gold (`advance` notice is both email and posted).
pub fn agrees(measure: Measure, gold: &str, predicted: &str) -> bool {
    if measure == Measure::Notice && predicted == "advance" {
        return gold == "email" || gold == "posted";
    }
    gold == predicted
}

/// Texts of the clauses a report cites for a fact (its evidence entries).
pub fn cited(spec: &FactSpec, report: &Report) -> Vec<String> {
    let field = spec.name.split(':').next().unwrap_or(spec.name);
    let clauses: Vec<usize> = if spec.name == "do_not_track" {
        report
            .categories
            .iter()
            .filter(|c| c.id == "do_not_track")
            .flat_map(|c| c.clauses.iter().copied())
            .collect()
    } else {
        report
            .facts
            .evidence
            .iter()
            .filter(|e| e.fact == field || e.fact.starts_with(&format!("{field}:")))
            .flat_map(|e| e.clauses.iter().copied())
            .collect()
    };
    let mut seen = Vec::new();
    for i in clauses {
        if !seen.contains(&i) {
            seen.push(i);
        }
    }
    seen.iter()
        .filter_map(|&i| report.clauses.get(i))
        .take(2)
        .map(|c| c.text.chars().take(240).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn always_yes() -> FactSpec {
        FactSpec {
            name: "cookies",
            measure: Measure::Binary,
            aux: false,
            predict: |_| "yes".to_string(),
        }
    }

    #[test]
    fn counts_skip_unsure_and_missing_gold_and_score_the_rest() {
        let page = crate::read::document(
            "<h1>Privacy Policy</h1><p>We use cookies to remember your settings.</p>",
            "policy.html",
            "",
        );
        let report = crate::analyze(&page);
        let golds = [Some("yes"), Some("no"), Some("unsure"), None, Some("yes")];
        let (counts, misses) = Counts::of(&always_yes(), golds.iter().map(|g| (*g, &report)));
        assert_eq!(
            counts,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 0,
                correct: 2,
                scored: 3,
                excluded_unsure: 1,
                majority: 2,
            }
        );
        assert_eq!(misses.len(), 1);
        assert_eq!((misses[0].at, misses[0].gold), (1, "no"));
        assert_eq!(misses[0].predicted, "yes");
        let scores = counts.scores();
        assert_eq!(scores.accuracy, Some(0.667));
        assert_eq!(scores.precision, Some(0.667));
        assert_eq!(scores.recall, Some(1.0));
        // From the rounded precision and recall: 2 * 0.667 / 1.667 = 0.80024.
        assert_eq!(scores.f1, Some(0.8));
        assert_eq!(scores.majority_baseline, Some(0.667));
    }

    #[test]
    fn no_positives_anywhere_leaves_precision_recall_and_f1_unset() {
        let counts = Counts {
            correct: 2,
            scored: 2,
            majority: 2,
            ..Counts::default()
        };
        let scores = counts.scores();
        assert_eq!(
            (scores.precision, scores.recall, scores.f1),
            (None, None, None)
        );
        assert_eq!(scores.accuracy, Some(1.0));
        let missed = Counts {
            fn_: 1,
            scored: 1,
            majority: 1,
            ..Counts::default()
        };
        assert_eq!(missed.scores().f1, Some(0.0));
    }

    #[test]
    fn advance_notice_agrees_with_email_and_posted_only() {
        assert!(agrees(Measure::Notice, "email", "advance"));
        assert!(agrees(Measure::Notice, "posted", "advance"));
        assert!(!agrees(Measure::Notice, "none", "advance"));
        assert!(!agrees(Measure::Binary, "yes", "advance"));
        assert!(agrees(Measure::Age, "13", "13"));
    }

    #[test]
    fn macro_average_skips_unset_scores() {
        let a = Scores {
            accuracy: Some(0.5),
            precision: None,
            recall: Some(1.0),
            f1: None,
            majority_baseline: Some(0.6),
        };
        let b = Scores {
            accuracy: Some(1.0),
            precision: Some(0.25),
            recall: Some(0.5),
            f1: None,
            majority_baseline: Some(0.9),
        };
        let m = Scores::macro_average(&[a, b]);
        assert_eq!(m.accuracy, Some(0.75));
        assert_eq!(m.precision, Some(0.25));
        assert_eq!(m.recall, Some(0.75));
        assert_eq!(m.f1, None);
        assert_eq!(m.majority_baseline, Some(0.75));
    }
}
