//! Decision thresholds: per category, the score threshold that maximises F1 on scores the
//! model did not see (out-of-fold); `other` last, with the classifier's fallback.

use super::metrics::prf;
use super::N;
use crate::category::Category;
use crate::classify::assign;

use super::fit::round;

/// The threshold on `scores` that maximises F1 for one category (midpoints between scores);
/// without positives, infinity (the category is never assigned).
fn best_threshold(scores: &[f32], gold: &[bool]) -> f32 {
    let positives = gold.iter().filter(|g| **g).count();
    if positives == 0 {
        return f32::INFINITY;
    }
    let mut pairs: Vec<(f32, bool)> = scores.iter().copied().zip(gold.iter().copied()).collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut tp, mut fp) = (0usize, 0usize);
    let (mut best_f1, mut best) = (-1.0, f32::INFINITY);
    for i in 0..pairs.len() {
        if pairs[i].1 {
            tp += 1;
        } else {
            fp += 1;
        }
        let next = pairs.get(i + 1).map(|p| p.0);
        if next == Some(pairs[i].0) {
            continue;
        }
        let f1 = prf(tp, fp, positives - tp).2;
        if f1 > best_f1 {
            best_f1 = f1;
            best = match next {
                Some(n) => round((pairs[i].0 + n) / 2.0),
                None => pairs[i].0 - 1.0,
            };
        }
    }
    best
}

/// Per-category thresholds tuned on (scores, gold) over the rows labelled for each category
/// (none: the category is never assigned by score); `other` is tuned last, with the fallback
/// of `classify::assign` (a clause with no category is `other`).
pub fn tune(scores: &[[f32; N]], gold: &[[bool; N]], labelled: &[[bool; N]]) -> [f32; N] {
    let rows = |c: usize| (0..scores.len()).filter(move |&i| labelled[i][c]);
    let mut threshold = [0.0; N];
    for c in 0..N {
        let s: Vec<f32> = rows(c).map(|i| scores[i][c]).collect();
        let g: Vec<bool> = rows(c).map(|i| gold[i][c]).collect();
        threshold[c] = best_threshold(&s, &g);
    }
    let other = Category::Other.index();
    let mut candidates: Vec<f32> = rows(other).map(|i| round(scores[i][other])).collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup();
    let mut best = (-1.0, threshold[other]);
    for t in candidates {
        threshold[other] = t;
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (s, g) in rows(other).map(|i| (&scores[i], &gold[i])) {
            match (g[other], assign(s, &threshold)[other]) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
        }
        let f1 = prf(tp, fp, fn_).2;
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    threshold[other] = best.1;
    threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_separates_at_the_midpoint() {
        // Positives score 2 and 3, negatives 0 and 1: F1 is 1 between 1 and 2.
        let t = best_threshold(&[3.0, 0.0, 2.0, 1.0], &[true, false, true, false]);
        assert_eq!(t, 1.5);
    }

    #[test]
    fn threshold_trades_precision_for_recall() {
        // Taking the positive at 0.5 costs two false positives above it: F1 with all three
        // (tp 3, fp 2) is 6/8 = 0.75; with the top two only (tp 2, fn 1) it is 4/5 = 0.8.
        let scores = [4.0, 3.0, 2.0, 1.0, 0.5];
        let gold = [true, true, false, false, true];
        assert_eq!(best_threshold(&scores, &gold), 2.5);
    }

    #[test]
    fn other_is_tuned_with_the_fallback() {
        // Category 0 separates cleanly; `other` is gold exactly where category 0 is absent.
        // Alone, `other`'s best threshold would be 0.25 (below the gold row at 1.0, above the
        // non-gold rows); the gold row at -3.0 is caught by the fallback anyway, so with the
        // fallback the best threshold is 1.0, and every row is right.
        let other = Category::Other.index();
        let row = |s0: f32, so: f32| {
            let mut s = [-9.0; N];
            s[0] = s0;
            s[other] = so;
            s
        };
        let gold = |g0: bool| {
            let mut g = [false; N];
            g[0] = g0;
            g[other] = !g0;
            g
        };
        let scores = [
            row(2.0, -1.0),
            row(-2.0, -3.0),
            row(3.0, -0.5),
            row(-1.0, 1.0),
        ];
        let golds = [gold(true), gold(false), gold(true), gold(false)];
        let alone = scores.map(|s| s[other]);
        assert_eq!(best_threshold(&alone, &golds.map(|g| g[other])), 0.25);
        let t = tune(&scores, &golds, &[[true; N]; 4]);
        let unlabelled = tune(&scores, &golds, &[[false; N]; 4]);
        assert!(unlabelled.iter().all(|t| t.is_infinite()));
        assert_eq!((t[0], t[other]), (0.5, 1.0));
        let predicted: Vec<bool> = scores.iter().map(|s| assign(s, &t)[other]).collect();
        assert_eq!(predicted, [false, true, false, true]);
    }
}
