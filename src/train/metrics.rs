//! Precision, recall and F1 per category, micro and macro, and their mean and spread over
//! cross-validation folds.

use serde::Serialize;
use std::collections::BTreeMap;

use super::N;
use crate::category::Category;

/// Precision, recall and F1; each is 0 when its denominator is 0.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (
        ratio(tp, tp + fp),
        ratio(tp, tp + fn_),
        ratio(2 * tp, 2 * tp + fp + fn_),
    )
}

/// Scores of one category (fields in the JSON's sorted order).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub f1: f64,
    pub p: f64,
    pub r: f64,
    pub support: usize,
}

/// Scores of predictions against gold labels: the `eval segments` JSON (fields in its sorted
/// order).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Mean F1 over the categories scored.
    pub macro_f1: f64,
    pub micro_f1: f64,
    /// By category id, over the categories scored.
    pub per_category: BTreeMap<&'static str, Scores>,
    pub segments: usize,
}

impl Metrics {
    /// Scores over every category.
    pub fn new(gold: &[[bool; N]], predicted: &[[bool; N]]) -> Metrics {
        Metrics::over(gold, predicted, &Category::ALL)
    }

    /// Scores over `categories` only (a corpus labelled for some categories).
    pub fn over(gold: &[[bool; N]], predicted: &[[bool; N]], categories: &[Category]) -> Metrics {
        let mut per_category = BTreeMap::new();
        let (mut tp_all, mut fp_all, mut fn_all) = (0usize, 0usize, 0usize);
        let mut f1_sum = 0.0;
        for category in categories {
            let i = category.index();
            let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
            for (g, p) in gold.iter().zip(predicted) {
                match (g[i], p[i]) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    (false, false) => {}
                }
            }
            let (p, r, f1) = prf(tp, fp, fn_);
            f1_sum += f1;
            tp_all += tp;
            fp_all += fp;
            fn_all += fn_;
            let support = tp + fn_;
            per_category.insert(category.id(), Scores { f1, p, r, support });
        }
        Metrics {
            macro_f1: f1_sum / categories.len().max(1) as f64,
            micro_f1: prf(tp_all, fp_all, fn_all).2,
            per_category,
            segments: gold.len(),
        }
    }
}

/// Mean and sample standard deviation of one number over folds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Spread {
    pub mean: f64,
    pub std: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Spread {
        let n = values.len().max(1) as f64;
        let mean = values.iter().sum::<f64>() / n;
        let var = if values.len() > 1 {
            values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)
        } else {
            0.0
        };
        Spread {
            mean: round4(mean),
            std: round4(var.sqrt()),
        }
    }
}

/// Rounded to 4 decimals, as the JSON reports print.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Per-category and micro/macro scores as mean and spread over folds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FoldSummary {
    pub folds: usize,
    pub per_category: BTreeMap<&'static str, BTreeMap<&'static str, Spread>>,
    pub micro_f1: Spread,
    pub macro_f1: Spread,
}

impl FoldSummary {
    pub fn of(folds: &[Metrics]) -> FoldSummary {
        let spread =
            |get: &dyn Fn(&Metrics) -> f64| Spread::of(&folds.iter().map(get).collect::<Vec<_>>());
        let mut per_category = BTreeMap::new();
        for id in folds
            .first()
            .map(|m| m.per_category.keys())
            .into_iter()
            .flatten()
        {
            let of = |get: fn(&Scores) -> f64| spread(&|m: &Metrics| get(&m.per_category[id]));
            let mut scores = BTreeMap::new();
            scores.insert("p", of(|s| s.p));
            scores.insert("r", of(|s| s.r));
            scores.insert("f1", of(|s| s.f1));
            scores.insert("support", of(|s| s.support as f64));
            per_category.insert(*id, scores);
        }
        FoldSummary {
            folds: folds.len(),
            per_category,
            micro_f1: spread(&|m| m.micro_f1),
            macro_f1: spread(&|m| m.macro_f1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micro_and_macro_from_counts() {
        // Two segments: one with first_party_collection (predicted right) and one with
        // data_retention (predicted as other). tp 1, fp 1, fn 1: micro 2/4; macro: one
        // category at F1 1 of ten.
        let mut g1 = [false; N];
        g1[0] = true;
        let mut g2 = [false; N];
        g2[Category::DataRetention.index()] = true;
        let mut p2 = [false; N];
        p2[Category::Other.index()] = true;
        let m = Metrics::new(&[g1, g2], &[g1, p2]);
        assert_eq!(m.micro_f1, 0.5);
        assert!((m.macro_f1 - 0.1).abs() < 1e-12);
        assert_eq!(m.per_category["data_retention"].support, 1);
        assert_eq!(m.per_category["other"].p, 0.0);
        let two = Metrics::over(&[g1, g2], &[g1, p2], &[Category::FirstPartyCollection]);
        assert_eq!((two.micro_f1, two.macro_f1), (1.0, 1.0));
        assert_eq!(two.per_category.len(), 1);
    }

    #[test]
    fn spread_is_the_sample_deviation() {
        let s = Spread::of(&[0.7, 0.8, 0.9]);
        assert_eq!(s.mean, 0.8);
        assert_eq!(s.std, 0.1);
        assert_eq!(Spread::of(&[0.5]).std, 0.0);
    }
}
