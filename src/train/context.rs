//! Neighbour context weights: per category, a logistic regression of the gold label on a
//! clause's out-of-fold score and the out-of-fold evidence of its neighbours at
//! `classify::CONTEXT_OFFSETS`; the neighbour weights divided by the own-score weight are
//! what the classifier adds per unit of neighbour evidence.

use super::fit::round;
use super::N;

/// Newton steps of the regression (it converges in fewer).
const NEWTON_STEPS: usize = 25;

/// The context weights from the examples `rows`: per category, a logistic regression of the
/// gold label on [own score, neighbour evidence at each offset, 1] over the rows labelled for
/// it, L2 `l2` on all but the intercept, fitted by Newton's method; the neighbour weights
/// divided by the own-score weight. A category without labelled rows gets no context.
pub fn fit(
    scores: &[[f32; N]],
    neighbours: &[[[f32; 4]; N]],
    gold: &[[bool; N]],
    labelled: &[[bool; N]],
    rows: &[usize],
    l2: f64,
) -> [[f32; 4]; N] {
    const D: usize = 6;
    let mut context = [[0.0; 4]; N];
    for c in 0..N {
        let rows: Vec<usize> = rows.iter().copied().filter(|&i| labelled[i][c]).collect();
        if rows.is_empty() {
            continue;
        }
        let x: Vec<[f64; D]> = rows
            .iter()
            .map(|&i| {
                let n = neighbours[i][c].map(f64::from);
                [f64::from(scores[i][c]), n[0], n[1], n[2], n[3], 1.0]
            })
            .collect();
        let mut beta = [0.0f64; D];
        for _ in 0..NEWTON_STEPS {
            let mut gradient = [0.0f64; D];
            let mut hessian = [[0.0f64; D]; D];
            for (xi, &i) in x.iter().zip(&rows) {
                let z: f64 = (0..D).map(|j| beta[j] * xi[j]).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let residual = p - if gold[i][c] { 1.0 } else { 0.0 };
                for a in 0..D {
                    gradient[a] += residual * xi[a];
                    for b in 0..D {
                        hessian[a][b] += p * (1.0 - p) * xi[a] * xi[b];
                    }
                }
            }
            for a in 0..D - 1 {
                gradient[a] += l2 * beta[a];
                hessian[a][a] += l2;
            }
            let step = solve(hessian, gradient);
            for a in 0..D {
                beta[a] -= step[a];
            }
        }
        // A non-positive own-score weight would flip the scores; then no context is used.
        if beta[0] > 0.0 {
            for k in 0..4 {
                context[c][k] = round((beta[k + 1] / beta[0]) as f32);
            }
        }
    }
    context
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (`a` is positive definite).
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> [f64; D] {
    for col in 0..D {
        let pivot = (col..D)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..D {
            let factor = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (x, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *x -= factor * p;
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = [0.0; D];
    for row in (0..D).rev() {
        let rest: f64 = (row + 1..D).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_recovers_a_known_solution() {
        let a = [[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]];
        let x = [1.0, -2.0, 0.5];
        let b = std::array::from_fn(|r| (0..3).map(|k| a[r][k] * x[k]).sum());
        for (got, want) in solve(a, b).iter().zip(x) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }

    #[test]
    fn a_clause_after_a_positive_neighbour_leans_positive() {
        // Category 0 is gold mostly when the clause before (offset -1) has evidence; the
        // clause's own score agrees with the gold label two times in three. The fitted weight
        // for offset -1 must be clearly positive and larger than the others.
        let n = 240;
        let mut scores = Vec::new();
        let mut neighbours = Vec::new();
        let mut gold = Vec::new();
        for i in 0..n {
            let before = i % 2 == 0;
            let g0 = before ^ (i % 10 == 1);
            let own = if g0 ^ (i % 3 == 0) { 0.5 } else { -0.5 };
            let mut s = [0.0; N];
            s[0] = own;
            let mut nb = [[0.0; 4]; N];
            nb[0][1] = if before { 2.0 } else { -2.0 };
            let mut g = [false; N];
            g[0] = g0;
            scores.push(s);
            neighbours.push(nb);
            gold.push(g);
        }
        let rows: Vec<usize> = (0..n).collect();
        let labelled = vec![[true; N]; n];
        let context = fit(&scores, &neighbours, &gold, &labelled, &rows, 1.0);
        assert!(context[0][1] > 0.5, "{:?}", context[0]);
        for k in [0, 2, 3] {
            assert!(
                context[0][1] > 5.0 * context[0][k].abs(),
                "{:?}",
                context[0]
            );
        }
    }
}
