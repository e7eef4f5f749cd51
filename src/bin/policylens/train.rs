//! `policylens train`: learns the lexicon weights from an OPP-115 segments file.
//!
//! Features are the distinct word 1-2-grams of the folded, plural-stripped clause
//! (`text::fold_stemmed`; presence, not counts), as the classifier matches them. One logistic
//! regression per category (L2, AdaGrad SGD, weights averaged over the second half of the
//! epochs, fixed seed and order, so the output is reproducible) is fitted on the train split; the strongest
//! phrases by |weight| are kept and the model is refitted on them alone. Decision thresholds
//! are tuned for F1 on out-of-fold scores (5 folds by policy) within the train split, so the
//! dev split stays clean for reporting. Curated lines of the existing files are kept verbatim
//! and enter training as fixed contributions.
//!
//! Neighbour context: per category, a second logistic regression (L2, Newton's method) of the
//! gold label on a segment's out-of-fold score and the out-of-fold evidence (score minus bias)
//! of the segments at `classify::CONTEXT_OFFSETS` in the same policy. Its neighbour weights,
//! divided by the own-score weight, are the context weights: they add neighbour evidence to a
//! clause's score. The thresholds are tuned on scores with context, each fold's context fitted
//! on the other folds.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use policylens::classify::{context_scores, neighbour_evidence, CONTEXT_OFFSETS};
use policylens::lexicon::Lexicon;
use policylens::text::{fold_stemmed, normalize};
use policylens::Category;

use crate::segments::{self, Row};

/// Training settings; `policylens train` uses `Settings::default()`.
#[derive(Clone, Debug)]
pub struct Settings {
    pub min_df: usize,
    pub keep: usize,
    pub l2: f32,
    pub epochs: usize,
    pub rate: f32,
    pub folds: usize,
    pub df_power: f32,
    /// Weights are the average of the end-of-epoch weights from this share of the epochs on.
    pub average_from: f32,
    /// L2 penalty of the context regression on its weights (not the intercept), against the
    /// log-loss summed over segments.
    pub context_l2: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            min_df: 2,
            keep: 500,
            l2: 1e-3,
            epochs: 20,
            rate: 0.3,
            folds: 5,
            df_power: 1.0,
            average_from: 0.5,
            context_l2: 10.0,
        }
    }
}

const N: usize = 10;
/// Longest phrase learned, in words.
const MAX_N: usize = 2;
const SEED: u64 = 0x5eed_0115;
/// Newton steps of the context regression (it converges in fewer).
const NEWTON_STEPS: usize = 25;

/// Distinct word 1-`MAX_N`-grams of a text, as the classifier sees them.
fn ngrams(text: &str) -> Vec<String> {
    let folded = fold_stemmed(&normalize(text));
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut grams = Vec::new();
    for n in 1..=MAX_N {
        for window in words.windows(n) {
            grams.push(window.join(" "));
        }
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// The encoded corpus: feature ids per segment, gold labels, curated contributions, folds.
struct Corpus {
    features: Vec<String>,
    x: Vec<Vec<u32>>,
    y: Vec<[bool; N]>,
    offset: Vec<[f32; N]>,
    /// Value of each present feature (`classify::length_scale`).
    scale: Vec<f32>,
    fold: Vec<usize>,
}

/// Curated entries per category: (folded phrase, weight).
type Curated = Vec<Vec<(String, f32)>>;

fn encode(
    rows: &[Row],
    features: Vec<String>,
    index: &HashMap<String, u32>,
    curated: &Curated,
    folds: usize,
) -> Corpus {
    let mut policies: Vec<&str> = rows.iter().map(|r| r.policy_id.as_str()).collect();
    policies.sort_unstable();
    policies.dedup();
    let mut corpus = Corpus {
        features,
        x: Vec::new(),
        y: rows.iter().map(|r| r.gold).collect(),
        offset: Vec::new(),
        scale: Vec::new(),
        fold: Vec::new(),
    };
    for row in rows {
        corpus.x.push(
            ngrams(&row.text)
                .iter()
                .filter_map(|gram| index.get(gram).copied())
                .collect(),
        );
        let folded = fold_stemmed(&normalize(&row.text));
        corpus
            .scale
            .push(policylens::classify::length_scale(&folded));
        let mut offset = [0.0; N];
        for (c, entries) in curated.iter().enumerate() {
            for (phrase, weight) in entries {
                if folded.contains(&format!(" {phrase} ")) {
                    offset[c] += weight;
                }
            }
        }
        corpus.offset.push(offset);
        let policy = policies.binary_search(&row.policy_id.as_str()).unwrap_or(0);
        corpus.fold.push(policy % folds.max(1));
    }
    corpus
}

/// Vocabulary of the n-grams in at least `min_df` segments, in sorted order.
fn vocabulary(rows: &[Row], min_df: usize) -> (Vec<String>, HashMap<String, u32>) {
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        for gram in ngrams(&row.text) {
            *df.entry(gram).or_default() += 1;
        }
    }
    let features: Vec<String> = df
        .into_iter()
        .filter(|(_, n)| *n >= min_df)
        .map(|(g, _)| g)
        .collect();
    let index = features
        .iter()
        .enumerate()
        .map(|(i, f)| (f.clone(), i as u32))
        .collect();
    (features, index)
}

/// Weights per feature and category, plus a bias per category.
#[derive(Clone)]
struct Model {
    w: Vec<[f32; N]>,
    b: [f32; N],
}

impl Model {
    fn score(&self, x: &[u32], offset: &[f32; N], scale: f32) -> [f32; N] {
        let mut sum = [0.0f32; N];
        for &f in x {
            let w = &self.w[f as usize];
            for c in 0..N {
                sum[c] += w[c];
            }
        }
        let mut z = self.b;
        for c in 0..N {
            z[c] += offset[c] + sum[c] * scale;
        }
        z
    }
}

/// Deterministic xorshift generator for the visiting order.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Fits all categories at once on the segments in `rows`, using only features where
/// `allowed[f][c]`. AdaGrad SGD on log-loss with L2 applied to the features each step touches.
fn fit(corpus: &Corpus, rows: &[usize], allowed: &[[bool; N]], settings: &Settings) -> Model {
    let n_features = corpus.features.len().max(allowed.len());
    let mut model = Model {
        w: vec![[0.0; N]; n_features],
        b: [0.0; N],
    };
    let mut g2 = vec![[1e-8f32; N]; n_features];
    let mut gb2 = [1e-8f32; N];
    let mut order = rows.to_vec();
    let mut rng = Rng(SEED);
    let avg_from = (settings.epochs as f32 * settings.average_from) as usize;
    let mut sum_w = vec![[0.0f32; N]; n_features];
    let mut sum_b = [0.0f32; N];
    let mut snapshots = 0.0f32;
    for epoch in 0..settings.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &i in &order {
            let (x, scale) = (&corpus.x[i], corpus.scale[i]);
            let mut sum = [0.0f32; N];
            for &f in x {
                let (w, a) = (&model.w[f as usize], &allowed[f as usize]);
                for c in 0..N {
                    if a[c] {
                        sum[c] += w[c];
                    }
                }
            }
            let mut z = model.b;
            for c in 0..N {
                z[c] += corpus.offset[i][c] + sum[c] * scale;
            }
            let mut g = [0.0f32; N];
            for c in 0..N {
                let p = 1.0 / (1.0 + (-z[c]).exp());
                g[c] = p - if corpus.y[i][c] { 1.0 } else { 0.0 };
                gb2[c] += g[c] * g[c];
                model.b[c] -= settings.rate * g[c] / gb2[c].sqrt();
            }
            for &f in x {
                let f = f as usize;
                for c in 0..N {
                    if allowed[f][c] {
                        let grad = g[c] * scale + settings.l2 * model.w[f][c];
                        g2[f][c] += grad * grad;
                        model.w[f][c] -= settings.rate * grad / g2[f][c].sqrt();
                    }
                }
            }
        }
        if epoch >= avg_from {
            snapshots += 1.0;
            for (s, w) in sum_w.iter_mut().zip(&model.w) {
                for c in 0..N {
                    s[c] += w[c];
                }
            }
            for (s, b) in sum_b.iter_mut().zip(&model.b) {
                *s += b;
            }
        }
    }
    if snapshots > 0.0 {
        for (w, s) in model.w.iter_mut().zip(&sum_w) {
            for c in 0..N {
                w[c] = s[c] / snapshots;
            }
        }
        for (b, s) in model.b.iter_mut().zip(&sum_b) {
            *b = s / snapshots;
        }
    }
    model
}

/// Fit on all allowed features, keep the `keep` strongest per category, refit on those.
fn fit_selected(
    corpus: &Corpus,
    rows: &[usize],
    allowed: &[[bool; N]],
    settings: &Settings,
) -> (Model, Vec<[bool; N]>) {
    let full = fit(corpus, rows, allowed, settings);
    // Importance: |weight| times (segments containing the phrase)^df_power.
    let mut df = vec![0u32; allowed.len()];
    for &i in rows {
        for &f in &corpus.x[i] {
            df[f as usize] += 1;
        }
    }
    let importance =
        |f: usize, c: usize| full.w[f][c].abs() * (df[f] as f32).powf(settings.df_power);
    let mut kept = vec![[false; N]; allowed.len()];
    for c in 0..N {
        let mut ranked: Vec<usize> = (0..allowed.len())
            .filter(|&f| allowed[f][c] && full.w[f][c] != 0.0)
            .collect();
        ranked.sort_by(|&a, &b| {
            importance(b, c)
                .total_cmp(&importance(a, c))
                .then(a.cmp(&b))
        });
        for &f in ranked.iter().take(settings.keep) {
            kept[f][c] = true;
        }
    }
    let mut model = fit(corpus, rows, &kept, settings);
    for (w, k) in model.w.iter_mut().zip(&kept) {
        for c in 0..N {
            w[c] = if k[c] { round(w[c]) } else { 0.0 };
        }
    }
    for b in &mut model.b {
        *b = round(*b);
    }
    (model, kept)
}

/// Weights are written with 3 decimals; scores are computed from the written values.
fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// The threshold on `scores` that maximises F1 for one category (midpoints between scores).
fn best_threshold(scores: &[f32], gold: &[bool]) -> f32 {
    let mut pairs: Vec<(f32, bool)> = scores.iter().copied().zip(gold.iter().copied()).collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = gold.iter().filter(|g| **g).count();
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
        let f1 = segments::prf(tp, fp, positives - tp).2;
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

/// Predictions from scores and thresholds, with the `other` fallback of the classifier.
fn decide(scores: &[f32; N], threshold: &[f32; N]) -> [bool; N] {
    let mut p = [false; N];
    for c in 0..N {
        p[c] = scores[c] >= threshold[c];
    }
    if !p.iter().any(|&x| x) {
        p[Category::Other.index()] = true;
    }
    p
}

/// Per-category thresholds tuned on (scores, gold); `other` is tuned last, with the fallback.
fn tune(scores: &[[f32; N]], gold: &[[bool; N]]) -> [f32; N] {
    let mut threshold = [0.0; N];
    for c in 0..N {
        let s: Vec<f32> = scores.iter().map(|s| s[c]).collect();
        let g: Vec<bool> = gold.iter().map(|g| g[c]).collect();
        threshold[c] = best_threshold(&s, &g);
    }
    let other = Category::Other.index();
    let mut candidates: Vec<f32> = scores.iter().map(|s| round(s[other])).collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup();
    let mut best = (-1.0, threshold[other]);
    for t in candidates {
        threshold[other] = t;
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (s, g) in scores.iter().zip(gold) {
            match (g[other], decide(s, &threshold)[other]) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
        }
        let f1 = segments::prf(tp, fp, fn_).2;
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    threshold[other] = best.1;
    threshold
}

/// A trained model with what is needed to write and evaluate it.
pub struct Trained {
    corpus: Corpus,
    index: HashMap<String, u32>,
    curated: Curated,
    model: Model,
    kept: Vec<[bool; N]>,
    threshold: [f32; N],
    context: [[f32; 4]; N],
}

/// Trains on the `split` rows of the segments file; curated lines come from `dir`.
pub fn train(data: &str, split: &str, dir: &Path, settings: &Settings) -> Result<Trained, String> {
    let rows = segments::read(data, Some(split))?;
    let curated = read_curated(dir)?;
    let (features, index) = vocabulary(&rows, settings.min_df);
    let corpus = encode(&rows, features, &index, &curated, settings.folds);
    // A category's curated phrases are not learned again for it.
    let mut allowed = vec![[true; N]; corpus.features.len()];
    for (c, entries) in curated.iter().enumerate() {
        for (phrase, _) in entries {
            if let Some(&f) = index.get(phrase) {
                allowed[f as usize][c] = false;
            }
        }
    }
    // Out-of-fold scores, for the context regression and the thresholds.
    let mut oof = vec![[0.0f32; N]; rows.len()];
    let mut oof_evidence = vec![[0.0f32; N]; rows.len()];
    for k in 0..settings.folds {
        let fit_rows: Vec<usize> = (0..rows.len()).filter(|&i| corpus.fold[i] != k).collect();
        let (model, _) = fit_selected(&corpus, &fit_rows, &allowed, settings);
        for i in (0..rows.len()).filter(|&i| corpus.fold[i] == k) {
            oof[i] = model.score(&corpus.x[i], &corpus.offset[i], corpus.scale[i]);
            oof_evidence[i] = std::array::from_fn(|c| oof[i][c] - model.b[c]);
        }
    }
    let neighbours = neighbours_by_policy(&oof_evidence, &segments::policy_runs(&rows));
    let mut decision = vec![[0.0f32; N]; rows.len()];
    for k in 0..settings.folds {
        let fit_rows: Vec<usize> = (0..rows.len()).filter(|&i| corpus.fold[i] != k).collect();
        let context = fit_context(&oof, &neighbours, &corpus.y, &fit_rows, settings.context_l2);
        for i in (0..rows.len()).filter(|&i| corpus.fold[i] == k) {
            decision[i] = with_context(&oof[i], &context, &neighbours[i]);
        }
    }
    let threshold = tune(&decision, &corpus.y);
    let all: Vec<usize> = (0..rows.len()).collect();
    let context = fit_context(&oof, &neighbours, &corpus.y, &all, settings.context_l2);
    let (model, kept) = fit_selected(&corpus, &all, &allowed, settings);
    Ok(Trained {
        corpus,
        index,
        curated,
        model,
        kept,
        threshold,
        context,
    })
}

/// Neighbour evidence of every segment, within its policy.
fn neighbours_by_policy(
    evidence: &[[f32; N]],
    runs: &[std::ops::Range<usize>],
) -> Vec<[[f32; 4]; N]> {
    runs.iter()
        .flat_map(|run| {
            let policy = &evidence[run.clone()];
            (0..policy.len()).map(move |at| neighbour_evidence(policy, at))
        })
        .collect()
}

/// A segment's decision scores: its own scores plus its neighbour context, as the classifier
/// adds them.
fn with_context(
    scores: &[f32; N],
    context: &[[f32; 4]; N],
    neighbours: &[[f32; 4]; N],
) -> [f32; N] {
    let extra = context_scores(context, neighbours);
    std::array::from_fn(|c| scores[c] + extra[c])
}

/// The context weights from the segments in `rows`: per category, a logistic regression of the
/// gold label on [own score, neighbour evidence at each offset, 1], L2 on all but the
/// intercept, fitted by Newton's method; the neighbour weights divided by the own-score weight.
fn fit_context(
    scores: &[[f32; N]],
    neighbours: &[[[f32; 4]; N]],
    gold: &[[bool; N]],
    rows: &[usize],
    l2: f64,
) -> [[f32; 4]; N] {
    const D: usize = 6;
    let mut context = [[0.0; 4]; N];
    for c in 0..N {
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
            for (xi, &i) in x.iter().zip(rows) {
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

impl Trained {
    /// Decision scores of other segments (e.g. the dev split), with neighbour context.
    fn scores(&self, rows: &[Row]) -> Vec<[f32; N]> {
        let corpus = encode(rows, Vec::new(), &self.index, &self.curated, 1);
        let own: Vec<[f32; N]> = (0..rows.len())
            .map(|i| {
                self.model
                    .score(&corpus.x[i], &corpus.offset[i], corpus.scale[i])
            })
            .collect();
        let evidence: Vec<[f32; N]> = own
            .iter()
            .map(|s| std::array::from_fn(|c| s[c] - self.model.b[c]))
            .collect();
        let neighbours = neighbours_by_policy(&evidence, &segments::policy_runs(rows));
        own.iter()
            .zip(&neighbours)
            .map(|(s, n)| with_context(s, &self.context, n))
            .collect()
    }

    /// Metrics on `rows` with the tuned thresholds, and with thresholds tuned on `rows`
    /// themselves (an optimistic bound, for comparison only).
    pub fn report(&self, rows: &[Row]) -> serde_json::Value {
        let scores = self.scores(rows);
        let gold: Vec<[bool; N]> = rows.iter().map(|r| r.gold).collect();
        let with =
            |t: &[f32; N]| -> Vec<[bool; N]> { scores.iter().map(|s| decide(s, t)).collect() };
        serde_json::json!({
            "thresholds_from_train_folds": segments::metrics(&gold, &with(&self.threshold)),
            "thresholds_tuned_on_these_rows": segments::metrics(&gold, &with(&tune(&scores, &gold))),
        })
    }
}

/// Curated lines of the existing category files: (phrase, weight) per category.
fn read_curated(dir: &Path) -> Result<Curated, String> {
    let mut curated = vec![Vec::new(); N];
    for category in Category::ALL {
        let text = read_optional(&dir.join(format!("{}.tsv", category.id())))?;
        let lexicon = Lexicon::parse(&[(category, &text)], "").map_err(|e| e.to_string())?;
        curated[category.index()] = lexicon
            .entries
            .into_iter()
            .filter(|e| e.curated)
            .map(|e| (e.phrase, e.weight))
            .collect();
    }
    Ok(curated)
}

fn read_optional(path: &Path) -> Result<String, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The category files (curated lines first, verbatim), bias.tsv and context.tsv.
fn render(t: &Trained, dir: &Path, split: &str) -> Result<BTreeMap<String, String>, String> {
    let (corpus, model, kept, threshold) = (&t.corpus, &t.model, &t.kept, &t.threshold);
    let mut files = BTreeMap::new();
    for category in Category::ALL {
        let c = category.index();
        let name = format!("{}.tsv", category.id());
        let old = read_optional(&dir.join(&name))?;
        let mut text = format!(
            "# phrase\tweight\tsource (see CRITERIA.md). Learned lines: `policylens train` on \
             the OPP-115 {split} split; do not edit them by hand, edit or add curated lines.\n"
        );
        for line in old.lines().filter(|l| l.ends_with("\tcurated")) {
            text.push_str(line);
            text.push('\n');
        }
        let mut learned: Vec<(f32, &str)> = (0..corpus.features.len())
            .filter(|&f| kept[f][c] && model.w[f][c] != 0.0)
            .map(|f| (model.w[f][c], corpus.features[f].as_str()))
            .collect();
        learned.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        for (weight, phrase) in learned {
            text.push_str(&format!("{phrase}\t{weight}\tlearned\n"));
        }
        files.insert(name, text);
    }
    let mut bias = String::from("# category\tbias\tthreshold (written by `policylens train`)\n");
    for category in Category::ALL {
        let c = category.index();
        bias.push_str(&format!(
            "{}\t{}\t{}\n",
            category.id(),
            model.b[c],
            threshold[c]
        ));
    }
    files.insert("bias.tsv".to_string(), bias);
    let mut context = String::from(
        "# category\toffset\tweight (written by `policylens train`): the share of the phrase \
         evidence (score minus bias) of the clause at that offset added to a clause's score\n",
    );
    for category in Category::ALL {
        for (k, offset) in CONTEXT_OFFSETS.into_iter().enumerate() {
            context.push_str(&format!(
                "{}\t{offset}\t{}\n",
                category.id(),
                t.context[category.index()][k]
            ));
        }
    }
    files.insert("context.tsv".to_string(), context);
    Ok(files)
}

/// `policylens train --data CSV [--split NAME] [--out DIR] [--check] [--report NAME]`.
pub fn run(
    data: &str,
    split: &str,
    dir: &str,
    check: bool,
    report: Option<&str>,
) -> Result<String, String> {
    let dir = Path::new(dir);
    let trained = train(data, split, dir, &Settings::default())?;
    if let Some(name) = report {
        let rows = segments::read(data, Some(name))?;
        eprintln!(
            "{}",
            serde_json::to_string(&trained.report(&rows)).unwrap_or_default()
        );
    }
    let files = render(&trained, dir, split)?;
    if check {
        let stale: Vec<&str> = files
            .iter()
            .filter(|(name, text)| read_optional(&dir.join(name)).ok().as_ref() != Some(*text))
            .map(|(name, _)| name.as_str())
            .collect();
        return if stale.is_empty() {
            Ok(format!("{}: lexicon is up to date", dir.display()))
        } else {
            Err(format!(
                "{}: lexicon is out of date ({}); run policylens train",
                dir.display(),
                stale.join(", ")
            ))
        };
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, text) in &files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(format!("wrote {} files to {}", files.len(), dir.display()))
}
