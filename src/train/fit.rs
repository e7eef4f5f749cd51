//! The phrase weights: one L2 logistic regression per category over phrase counts, fitted
//! by AdaGrad SGD with a fixed seed and order, weights averaged over the later epochs.

use std::collections::{BTreeMap, HashMap};

use super::word_parts;
use super::{Example, Settings, N};
use crate::classify::{count_sorted, length_scale, term_value};
use crate::lexicon::{needle, PART_OF_WORD};
use crate::text::{fold_stemmed, normalize};

/// Longest phrase learned, in words.
const MAX_N: usize = 2;
const SEED: u64 = 0x5eed_0115;

/// Distinct word 1-`MAX_N`-grams of a folded text and, when `prefix_len` is not 0, word
/// prefixes (`retai*`: the first `prefix_len` characters of every word at least that long,
/// as the lexicon's part-of-word phrases match), with their counts, as the classifier matches
/// them.
fn ngrams(folded: &str, prefix_len: usize) -> Vec<(String, usize)> {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut grams = Vec::new();
    for n in 1..=MAX_N {
        for window in words.windows(n) {
            grams.push(window.join(" "));
        }
    }
    if prefix_len > 0 {
        for word in &words {
            if word.chars().count() >= prefix_len {
                let prefix: String = word.chars().take(prefix_len).collect();
                grams.push(format!("{prefix}{PART_OF_WORD}"));
            }
        }
    }
    count_sorted(grams)
}

/// The encoded training examples: feature ids, labels, curated contributions, length scale.
pub(super) struct Corpus {
    /// Feature phrases (folded), in sorted order.
    pub features: Vec<String>,
    pub x: Vec<Vec<u32>>,
    /// Value of each feature of `x` before the length scale (`classify::term_value`).
    pub v: Vec<Vec<f32>>,
    pub y: Vec<[bool; N]>,
    /// Which categories each example is labelled for; the others do not enter its loss.
    pub labelled: Vec<[bool; N]>,
    /// Sum of the curated weights found in the example, per category.
    pub offset: Vec<[f32; N]>,
    /// Value of each present feature (`classify::length_scale`).
    pub scale: Vec<f32>,
}

/// Curated entries per category: (folded phrase, weight).
pub(super) type CuratedWeights = Vec<Vec<(String, f32)>>;

impl Corpus {
    /// Encodes `examples` over the phrases (`ngrams`, and word stems when `settings` ask for
    /// them) found in at least `settings.min_df` of them.
    pub fn new(examples: &[Example], curated: &CuratedWeights, settings: &Settings) -> Corpus {
        let folded: Vec<String> = examples
            .iter()
            .map(|e| fold_stemmed(&normalize(&e.text)))
            .collect();
        let mut grams: Vec<Vec<(String, usize)>> = folded
            .iter()
            .map(|f| ngrams(f, settings.prefix_len))
            .collect();
        if let Some(parts) = settings.word_parts {
            let (phrases, found) = word_parts::features(&folded, parts);
            for (grams, found) in grams.iter_mut().zip(found) {
                grams.extend(
                    found
                        .into_iter()
                        .map(|(id, n)| (phrases[id as usize].clone(), n)),
                );
            }
        }
        let min_df = settings.min_df;
        let mut df: BTreeMap<&str, usize> = BTreeMap::new();
        for (gram, _) in grams.iter().flatten() {
            *df.entry(gram).or_default() += 1;
        }
        let features: Vec<String> = df
            .into_iter()
            .filter(|(_, n)| *n >= min_df)
            .map(|(g, _)| g.to_string())
            .collect();
        let index: HashMap<&str, u32> = features
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), i as u32))
            .collect();
        let found: Vec<Vec<(u32, f32)>> = grams
            .iter()
            .map(|g| {
                g.iter()
                    .filter_map(|(g, n)| Some((*index.get(g.as_str())?, term_value(*n))))
                    .collect()
            })
            .collect();
        let x = found
            .iter()
            .map(|f| f.iter().map(|p| p.0).collect())
            .collect();
        let v = found
            .iter()
            .map(|f| f.iter().map(|p| p.1).collect())
            .collect();
        let offset = folded
            .iter()
            .map(|f| {
                std::array::from_fn(|c| {
                    curated[c]
                        .iter()
                        .filter(|(phrase, _)| f.contains(&needle(phrase)))
                        .map(|(_, w)| w)
                        .sum()
                })
            })
            .collect();
        Corpus {
            x,
            v,
            y: examples.iter().map(|e| e.gold).collect(),
            labelled: examples.iter().map(|e| e.labelled).collect(),
            offset,
            scale: folded.iter().map(|f| length_scale(f)).collect(),
            features,
        }
    }

    /// The feature id of a phrase.
    pub fn feature(&self, phrase: &str) -> Option<usize> {
        self.features
            .binary_search_by(|f| f.as_str().cmp(phrase))
            .ok()
    }
}

/// Weights per feature and category, plus a bias per category.
#[derive(Clone)]
pub(super) struct Model {
    pub w: Vec<[f32; N]>,
    pub b: [f32; N],
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

/// Fits all categories at once on the examples `rows`, using only features where
/// `allowed[f][c]`. AdaGrad SGD on log-loss with L2 applied to the features each step touches;
/// a category an example is not labelled for gets no gradient from it.
fn fit(corpus: &Corpus, rows: &[usize], allowed: &[[bool; N]], settings: &Settings) -> Model {
    let n_features = corpus.features.len();
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
            let (x, v) = (&corpus.x[i], &corpus.v[i]);
            let (scale, labelled) = (corpus.scale[i], &corpus.labelled[i]);
            let mut sum = [0.0f32; N];
            for (&f, &value) in x.iter().zip(v) {
                let (w, a) = (&model.w[f as usize], &allowed[f as usize]);
                for c in 0..N {
                    if a[c] {
                        sum[c] += w[c] * value;
                    }
                }
            }
            let mut g = [0.0f32; N];
            for c in (0..N).filter(|&c| labelled[c]) {
                let z = model.b[c] + (corpus.offset[i][c] + sum[c] * scale);
                let p = 1.0 / (1.0 + (-z).exp());
                g[c] = p - if corpus.y[i][c] { 1.0 } else { 0.0 };
                gb2[c] += g[c] * g[c];
                model.b[c] -= settings.rate * g[c] / gb2[c].sqrt();
            }
            for (&f, &value) in x.iter().zip(v) {
                let f = f as usize;
                for c in 0..N {
                    if allowed[f][c] && labelled[c] {
                        let grad = g[c] * scale * value + settings.l2 * model.w[f][c];
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

/// Fits on all allowed features, keeps the `keep` strongest per category (|weight| times
/// document frequency^df_power) and refits on those; weights rounded as they are written.
pub(super) fn fit_selected(
    corpus: &Corpus,
    rows: &[usize],
    allowed: &[[bool; N]],
    settings: &Settings,
) -> Model {
    let full = fit(corpus, rows, allowed, settings);
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
    model
}

/// Weights are written with 3 decimals; scores are computed from the written values.
pub(super) fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngrams_are_counted_and_long_words_give_prefixes() {
        let grams = ngrams(" we retain data we retained ", 5);
        let count = |gram: &str| grams.iter().find(|(g, _)| g == gram).map(|(_, n)| *n);
        assert_eq!(count("we"), Some(2));
        assert_eq!(count("retain data"), Some(1));
        assert_eq!(count("retai*"), Some(2));
        // "data" is shorter than the prefix length: no prefix.
        assert_eq!(count("data*"), None);
        assert!(ngrams(" we retain data ", 0)
            .iter()
            .all(|(g, _)| !g.contains('*')));
    }
}
