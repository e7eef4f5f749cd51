//! The lexicon trainer (native only, feature `train`): learns the phrase weights, biases,
//! thresholds and neighbour context of `lexicon/<lang>/` from labelled segments, and measures
//! them by cross-validation grouped by policy.
//!
//! Features are the word 1-2-grams of the folded, plural-stripped clause (`text::fold_stemmed`)
//! with value 1 + ln(count), as the classifier matches them; for English's small categories
//! also the 5-character word prefixes (`retai*`), and for German word stems (`word_parts`,
//! `dritt*`), both part-of-word phrases. One logistic
//! regression per category (`fit`) is fitted; the strongest phrases are kept and the model is
//! refitted on them alone. Decision thresholds are tuned for F1 (`thresholds`) on out-of-fold
//! scores (folds by policy, `folds`) within the training examples. Curated lines of the
//! existing files are kept verbatim and enter training as fixed contributions.
//!
//! Every score the trainer decides on comes from `classify::Classifier` over the lexicon of a
//! fold's model, and the decision rule and neighbour context are the classifier's own
//! (`classify::assign`, `classify::context_scores`): what is tuned is what ships.
//!
//! Neighbour context: per category, a second logistic regression (`context`) of the gold label
//! on a segment's out-of-fold score and the out-of-fold evidence (score minus bias) of the
//! segments around it in the same policy. The thresholds are tuned on scores with context,
//! each fold's context fitted on the other folds.

mod context;
mod fit;
pub mod metrics;
mod render;
mod thresholds;
mod word_parts;

use std::ops::Range;

use crate::category::Category;
use crate::classify::{context_scores, neighbour_evidence, Classifier};
use crate::lexicon::{Entry, Lexicon, ParseError, PART_OF_WORD};
use crate::text::{normalize, Segment};
use fit::{fit_selected, Corpus, CuratedWeights, Model};
use metrics::{FoldSummary, Metrics};
pub use word_parts::WordParts;

const N: usize = 10;

/// One labelled segment.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The policy it belongs to; a policy's segments are consecutive, in document order.
    pub policy: String,
    pub text: String,
    /// Gold categories, in `Category::ALL` order.
    pub gold: [bool; N],
    /// The categories the segment is labelled for (all, for OPP-115; MAPP labels two).
    pub labelled: [bool; N],
}

impl Example {
    /// A segment labelled for every category.
    pub fn new(policy: &str, text: &str, categories: &[Category]) -> Example {
        Example::labelled_for(policy, text, categories, &Category::ALL)
    }

    /// A segment labelled only for `labelled`: the others are unknown, not absent.
    pub fn labelled_for(
        policy: &str,
        text: &str,
        categories: &[Category],
        labelled: &[Category],
    ) -> Example {
        let has = |list: &[Category], c: usize| list.iter().any(|x| x.index() == c);
        Example {
            policy: policy.to_string(),
            text: text.to_string(),
            gold: std::array::from_fn(|c| has(categories, c)),
            labelled: std::array::from_fn(|c| has(labelled, c)),
        }
    }

    /// Labelled for every category: such examples decide thresholds and context.
    fn fully_labelled(&self) -> bool {
        self.labelled.iter().all(|&l| l)
    }
}

/// Training settings; `policylens train` uses `Settings::default()`.
#[derive(Clone, Debug)]
pub struct Settings {
    /// A phrase must be in at least this many training segments.
    pub min_df: usize,
    /// Length of the word prefixes learned as part-of-word phrases (`retai*`; 0: none).
    pub prefix_len: usize,
    /// Word prefixes are learned for a category whose positives are fewer than this share of
    /// the training examples labelled for it (the small categories).
    pub prefix_share: f32,
    /// Phrases kept per category.
    pub keep: usize,
    pub l2: f32,
    pub epochs: usize,
    pub rate: f32,
    /// Folds (by policy) of the out-of-fold scores that thresholds and context are tuned on.
    pub folds: usize,
    pub df_power: f32,
    /// Weights are the average of the end-of-epoch weights from this share of the epochs on.
    pub average_from: f32,
    /// L2 penalty of the context regression on its weights (not the intercept), against the
    /// log-loss summed over segments.
    pub context_l2: f64,
    /// Word stems (`stem*`) learned besides the word n-grams, for German inflection
    /// (`word_parts`, `Settings::for_language`).
    pub word_parts: Option<WordParts>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            min_df: 2,
            prefix_len: 5,
            prefix_share: 0.1,
            keep: 1000,
            l2: 1e-3,
            epochs: 40,
            rate: 0.3,
            folds: 5,
            df_power: 1.0,
            average_from: 0.5,
            context_l2: 10.0,
            word_parts: None,
        }
    }
}

impl Settings {
    /// The settings `policylens train` and `eval segments --cv` use for a language: German
    /// learns word stems (`stem*`, 5 letters or more) for third_party_sharing instead of word
    /// prefixes; every other language the defaults. Chosen by `eval segments --cv 5` on the MAPP German train split
    /// (lexicon/README.md).
    pub fn for_language(lang: &str) -> Settings {
        let defaults = Settings::default();
        match lang {
            "de" => Settings {
                prefix_len: 0,
                word_parts: Some(WordParts {
                    min_letters: 5,
                    categories: &[Category::ThirdPartySharing],
                }),
                ..defaults
            },
            _ => defaults,
        }
    }
}

/// The curated lines of the existing category files: kept verbatim, and fixed in training.
#[derive(Clone, Debug)]
pub struct Curated {
    /// The lines as written, per category.
    lines: Vec<Vec<String>>,
    /// (folded phrase, weight) per category.
    weights: CuratedWeights,
}

impl Default for Curated {
    /// No curated lines.
    fn default() -> Curated {
        Curated {
            lines: vec![Vec::new(); N],
            weights: vec![Vec::new(); N],
        }
    }
}

impl Curated {
    /// Reads the curated lines of category files (`(category, file text)`; a category without
    /// a file has none).
    pub fn parse(files: &[(Category, &str)]) -> Result<Curated, ParseError> {
        let mut curated = Curated::default();
        for &(category, text) in files {
            let lexicon = Lexicon::parse(&[(category, text)], "")?;
            curated.weights[category.index()] = lexicon
                .entries
                .into_iter()
                .filter(|e| e.curated)
                .map(|e| (e.phrase, e.weight))
                .collect();
            curated.lines[category.index()] = text
                .lines()
                .filter(|l| l.ends_with("\tcurated"))
                .map(str::to_string)
                .collect();
        }
        Ok(curated)
    }
}

/// The fold of every example: policies in sorted order of their id are dealt to folds in
/// turn (rank mod `folds`), separately for fully and partly labelled examples, so adding a
/// partly labelled corpus does not move a fully labelled policy. `tools/baseline_segments.py`
/// deals the same folds.
pub fn policy_folds(examples: &[Example], folds: usize) -> Vec<usize> {
    let mut fold = vec![0; examples.len()];
    for full in [true, false] {
        let members: Vec<usize> = (0..examples.len())
            .filter(|&i| examples[i].fully_labelled() == full)
            .collect();
        let ids: Vec<&str> = members
            .iter()
            .map(|&i| examples[i].policy.as_str())
            .collect();
        for (i, k) in members.into_iter().zip(deal_folds(&ids, folds).0) {
            fold[i] = k;
        }
    }
    fold
}

/// The fold of each item: the distinct group names in sorted order are dealt to `folds`
/// folds in turn (rank mod `folds`), so no group is in two folds. Also returns the number of
/// groups.
pub fn deal_folds(groups: &[&str], folds: usize) -> (Vec<usize>, usize) {
    let mut sorted = groups.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let fold = groups
        .iter()
        .map(|g| sorted.binary_search(g).unwrap_or(0) % folds.max(1))
        .collect();
    (fold, sorted.len())
}

/// Index ranges of the examples of each policy (consecutive examples with the same policy).
pub fn policy_runs(examples: &[Example]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, example) in examples.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if examples[run.start].policy == example.policy => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// Clauses as the analyzer sees a segment: normalised text, no heading or lead-in.
fn segments(examples: &[Example]) -> Vec<Segment> {
    examples
        .iter()
        .map(|e| Segment {
            block: 0,
            text: normalize(&e.text),
            heading: None,
            lead_in: None,
        })
        .collect()
}

/// Predicted categories of examples, each policy classified as one page, in order.
pub fn predict(classifier: &Classifier, examples: &[Example]) -> Vec<[bool; N]> {
    policy_runs(examples)
        .into_iter()
        .flat_map(|run| classifier.classify_page(&segments(&examples[run])))
        .map(|labels| std::array::from_fn(|c| labels.categories.contains(&Category::ALL[c])))
        .collect()
}

/// A trained lexicon.
pub struct Trained {
    lexicon: Lexicon,
    /// The learned phrases per category as learned (before folding), strongest first.
    learned: Learned,
    curated: Curated,
}

impl Trained {
    /// The learned lexicon (without heading phrases: those are curated in `headings.tsv`).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

/// Learned (phrase, weight) per category, by weight, strongest first.
type Learned = Vec<Vec<(String, f32)>>;

/// The phrases a fitted model keeps (non-zero weights), per category.
fn learned_phrases(corpus: &Corpus, model: &Model) -> Learned {
    (0..N)
        .map(|c| {
            let mut learned: Vec<(String, f32)> = (0..corpus.features.len())
                .filter(|&f| model.w[f][c] != 0.0)
                .map(|f| (corpus.features[f].clone(), model.w[f][c]))
                .collect();
            learned.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            learned
        })
        .collect()
}

/// The lexicon of learned and curated phrases with a bias, as the shipped files load.
fn lexicon_of(learned: &Learned, curated: &CuratedWeights, bias: [f32; N]) -> Lexicon {
    let mut lexicon = Lexicon {
        bias,
        ..Lexicon::default()
    };
    for category in Category::ALL {
        let c = category.index();
        let curated = curated[c].iter().map(|(p, w)| (p, *w, true));
        let learned = learned[c].iter().map(|(p, w)| (p, *w, false));
        for (phrase, weight, is_curated) in curated.chain(learned) {
            lexicon
                .entries
                .push(Entry::new(phrase, category, weight, is_curated));
        }
    }
    lexicon
}

/// Trains on `examples`. Phrase weights are fitted on all of them (each for the categories
/// it is labelled for); thresholds and context on the fully labelled ones, or on all when
/// none is (each category on the examples labelled for it).
/// The threshold of a category that no training example is labelled for: its curated
/// phrases alone decide (bias 0), and a phrase of weight 1 or more is enough.
pub const CURATED_ONLY_THRESHOLD: f32 = 1.0;

pub fn train(examples: &[Example], curated: &Curated, settings: &Settings) -> Trained {
    let corpus = Corpus::new(examples, &curated.weights, settings);
    // A category's curated phrases are not learned again for it.
    let mut allowed = vec![[true; N]; corpus.features.len()];
    // Word stems are learned only for the categories asked.
    if let Some(parts) = settings.word_parts {
        for (f, phrase) in corpus.features.iter().enumerate() {
            if phrase.contains(PART_OF_WORD) {
                for (allowed, category) in allowed[f].iter_mut().zip(Category::ALL) {
                    *allowed &= parts.categories.contains(&category);
                }
            }
        }
    }
    for (c, entries) in curated.weights.iter().enumerate() {
        for (phrase, _) in entries {
            if let Some(f) = corpus.feature(phrase) {
                allowed[f][c] = false;
            }
        }
    }
    // Word prefixes are learned for the small categories only.
    for c in (0..N).filter(|_| settings.prefix_len > 0) {
        let labelled = examples.iter().filter(|e| e.labelled[c]);
        let positives = labelled.clone().filter(|e| e.gold[c]).count();
        if positives as f32 >= settings.prefix_share * labelled.count() as f32 {
            for (f, phrase) in corpus.features.iter().enumerate() {
                if phrase.ends_with(PART_OF_WORD) {
                    allowed[f][c] = false;
                }
            }
        }
    }
    let fold = policy_folds(examples, settings.folds);
    // Thresholds and context are tuned on the fully labelled examples, or on all when none is.
    let any_full = examples.iter().any(Example::fully_labelled);
    let tuning: Vec<usize> = (0..examples.len())
        .filter(|&i| examples[i].fully_labelled() || !any_full)
        .collect();
    let tuning_examples: Vec<Example> = tuning.iter().map(|&i| examples[i].clone()).collect();
    let tuning_segments = segments(&tuning_examples);
    // Out-of-fold own scores and evidence of the tuning examples, from the classifier over
    // each fold's lexicon.
    let mut own = vec![[0.0f32; N]; tuning.len()];
    let mut evidence = vec![[0.0f32; N]; tuning.len()];
    for k in 0..settings.folds {
        let fit_rows: Vec<usize> = (0..examples.len()).filter(|&i| fold[i] != k).collect();
        let model = fit_selected(&corpus, &fit_rows, &allowed, settings);
        let learned = learned_phrases(&corpus, &model);
        let classifier = Classifier::new(&lexicon_of(&learned, &curated.weights, model.b));
        let held_out: Vec<usize> = (0..tuning.len())
            .filter(|&j| fold[tuning[j]] == k)
            .collect();
        let held_segments: Vec<Segment> = held_out
            .iter()
            .map(|&j| tuning_segments[j].clone())
            .collect();
        for (&j, scores) in held_out.iter().zip(classifier.own_scores(&held_segments)) {
            own[j] = scores;
            evidence[j] = std::array::from_fn(|c| scores[c] - model.b[c]);
        }
    }
    let neighbours: Vec<[[f32; 4]; N]> = policy_runs(&tuning_examples)
        .into_iter()
        .flat_map(|run| {
            let policy = &evidence[run.clone()];
            (0..policy.len()).map(move |at| neighbour_evidence(policy, at))
        })
        .collect();
    let gold: Vec<[bool; N]> = tuning_examples.iter().map(|e| e.gold).collect();
    let labelled: Vec<[bool; N]> = tuning_examples.iter().map(|e| e.labelled).collect();
    let l2 = settings.context_l2;
    let mut decision = vec![[0.0f32; N]; tuning.len()];
    for k in 0..settings.folds {
        let in_fold = |j: &usize| fold[tuning[*j]] == k;
        let fit_rows: Vec<usize> = (0..tuning.len()).filter(|j| !in_fold(j)).collect();
        let context = context::fit(&own, &neighbours, &gold, &labelled, &fit_rows, l2);
        for j in (0..tuning.len()).filter(in_fold) {
            let extra = context_scores(&context, &neighbours[j]);
            decision[j] = std::array::from_fn(|c| own[j][c] + extra[c]);
        }
    }
    let threshold = thresholds::tune(&decision, &gold, &labelled);
    let every_tuning: Vec<usize> = (0..tuning.len()).collect();
    let context = context::fit(&own, &neighbours, &gold, &labelled, &every_tuning, l2);
    let all: Vec<usize> = (0..examples.len()).collect();
    let model = fit_selected(&corpus, &all, &allowed, settings);
    let learned = learned_phrases(&corpus, &model);
    let mut lexicon = Lexicon {
        threshold,
        context,
        ..lexicon_of(&learned, &curated.weights, model.b)
    };
    // A category no example is labelled for (MAPP has two) is decided by its curated phrases.
    for c in 0..N {
        if !examples.iter().any(|e| e.labelled[c]) {
            lexicon.bias[c] = 0.0;
            lexicon.threshold[c] = CURATED_ONLY_THRESHOLD;
        }
    }
    Trained {
        lexicon,
        learned,
        curated: curated.clone(),
    }
}

/// Cross-validated scores: per fold, a lexicon trained on the other folds (its thresholds
/// tuned within them) classifies the held-out policies.
#[derive(Debug, serde::Serialize)]
pub struct CrossValidation {
    /// Over the fully labelled examples, every category (absent when there are none).
    #[serde(flatten)]
    pub fully_labelled: Option<FoldSummary>,
    /// Over the partly labelled examples, their labelled categories (absent when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partly_labelled: Option<FoldSummary>,
}

/// `folds`-fold cross-validation grouped by policy (`policy_folds`).
pub fn cross_validate(
    examples: &[Example],
    curated: &Curated,
    settings: &Settings,
    folds: usize,
) -> CrossValidation {
    let fold = policy_folds(examples, folds);
    let partial_categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| {
            examples
                .iter()
                .any(|e| !e.fully_labelled() && e.labelled[c.index()])
        })
        .collect();
    let (mut full, mut partly) = (Vec::new(), Vec::new());
    for k in 0..folds {
        let training: Vec<Example> = (0..examples.len())
            .filter(|&i| fold[i] != k)
            .map(|i| examples[i].clone())
            .collect();
        let classifier = Classifier::new(&train(&training, curated, settings).lexicon);
        let held_out = |fully: bool| -> Vec<Example> {
            (0..examples.len())
                .filter(|&i| fold[i] == k && examples[i].fully_labelled() == fully)
                .map(|i| examples[i].clone())
                .collect()
        };
        let scored = held_out(true);
        if !scored.is_empty() {
            full.push(evaluate(&classifier, &scored, &Category::ALL));
        }
        let scored = held_out(false);
        if !scored.is_empty() {
            partly.push(evaluate(&classifier, &scored, &partial_categories));
        }
    }
    let summary = |folds: Vec<Metrics>| (!folds.is_empty()).then(|| FoldSummary::of(&folds));
    CrossValidation {
        fully_labelled: summary(full),
        partly_labelled: summary(partly),
    }
}

/// Scores of `examples` under a classifier, over `categories` (the labelled ones).
pub fn evaluate(classifier: &Classifier, examples: &[Example], categories: &[Category]) -> Metrics {
    let gold: Vec<[bool; N]> = examples.iter().map(|e| e.gold).collect();
    Metrics::over(&gold, &predict(classifier, examples), categories)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Category::*;

    /// Twelve policies of four clauses each, written so that one phrase decides each clause's
    /// category: "collect" first_party_collection, "share" third_party_sharing, "keep"
    /// data_retention, and a greeting `other`. The words around them vary by policy.
    fn corpus() -> Vec<Example> {
        let things = [
            "email address",
            "postal address",
            "phone number",
            "payment details",
        ];
        let mut examples = Vec::new();
        for p in 0..12 {
            let policy = format!("p{p:02}");
            let thing = things[p % things.len()];
            for (text, category) in [
                (
                    format!("We collect your {thing} when you sign up."),
                    FirstPartyCollection,
                ),
                (
                    format!("We share your {thing} with advertisers."),
                    ThirdPartySharing,
                ),
                (
                    format!("We keep your {thing} for two years."),
                    DataRetention,
                ),
                (format!("Welcome to service number {p}, enjoy."), Other),
            ] {
                examples.push(Example::new(&policy, &text, &[category]));
            }
        }
        examples
    }

    fn weight(lexicon: &Lexicon, phrase: &str, category: Category) -> Option<f32> {
        lexicon
            .entries
            .iter()
            .find(|e| e.phrase == phrase && e.category == category)
            .map(|e| e.weight)
    }

    #[test]
    fn the_deciding_phrase_gets_the_weight_and_the_label() {
        let trained = train(&corpus(), &Curated::default(), &Settings::default());
        let lexicon = trained.lexicon();
        for (phrase, category) in [
            ("collect", FirstPartyCollection),
            ("share", ThirdPartySharing),
            ("keep", DataRetention),
        ] {
            let w = weight(lexicon, phrase, category).unwrap_or(0.0);
            assert!(w > 0.5, "{phrase} for {}: {w}", category.id());
            // The words shared by every category's clauses decide nothing.
            let shared = weight(lexicon, "your", category).unwrap_or(0.0);
            assert!(w > 3.0 * shared.abs(), "{phrase} {w} vs your {shared}");
        }
        let classifier = Classifier::new(lexicon);
        let unseen = [
            ("We collect your device model.", FirstPartyCollection),
            (
                "We share your device model with advertisers.",
                ThirdPartySharing,
            ),
            ("We keep your device model for two years.", DataRetention),
        ];
        for (text, category) in unseen {
            let labels = classifier.classify(&segments(&[Example::new("x", text, &[])])[0]);
            assert_eq!(labels.categories, [category], "{text}");
            assert!(labels.evidence.iter().any(|e| e.category == category.id()));
        }
    }

    #[test]
    fn word_prefixes_are_learned_for_small_categories_only() {
        // Each of the four categories has a quarter of the examples (the six without any are
        // small too, and learn prefixes as evidence against them).
        let prefixes = |prefix_share: f32| {
            let settings = Settings {
                prefix_share,
                ..Settings::default()
            };
            let trained = train(&corpus(), &Curated::default(), &settings);
            trained
                .lexicon()
                .entries
                .iter()
                .filter(|e| e.phrase.ends_with(PART_OF_WORD))
                .map(|e| e.category)
                .collect::<Vec<_>>()
        };
        let (common, small) = (prefixes(0.25), prefixes(0.3));
        for category in [
            FirstPartyCollection,
            ThirdPartySharing,
            DataRetention,
            Other,
        ] {
            assert!(!common.contains(&category), "{}", category.id());
            assert!(small.contains(&category), "{}", category.id());
        }
    }

    #[test]
    fn cross_validation_of_a_separable_corpus_is_perfect() {
        let cv = cross_validate(&corpus(), &Curated::default(), &Settings::default(), 3);
        let summary = cv.fully_labelled.unwrap();
        assert_eq!(summary.folds, 3);
        assert_eq!(summary.micro_f1.mean, 1.0);
        assert_eq!(summary.micro_f1.std, 0.0);
        assert_eq!(summary.per_category["data_retention"]["f1"].mean, 1.0);
        assert!(cv.partly_labelled.is_none());
    }

    #[test]
    fn partly_labelled_examples_teach_only_their_categories() {
        // "zebra" occurs only in segments labelled for first_party_collection alone.
        let mut examples = corpus();
        for p in 0..6 {
            let text = format!("We collect zebra stripes number {p}.");
            examples.push(Example::labelled_for(
                &format!("m{p}"),
                &text,
                &[FirstPartyCollection],
                &[FirstPartyCollection, ThirdPartySharing],
            ));
        }
        let trained = train(&examples, &Curated::default(), &Settings::default());
        let lexicon = trained.lexicon();
        for category in Category::ALL {
            let w = weight(lexicon, "zebra", category);
            match category {
                FirstPartyCollection => assert!(w.is_some_and(|w| w > 0.0), "{w:?}"),
                ThirdPartySharing => assert!(w.is_none_or(|w| w <= 0.0), "{w:?}"),
                _ => assert_eq!(w, None, "{}", category.id()),
            }
        }
        let cv = cross_validate(&examples, &Curated::default(), &Settings::default(), 3);
        let partly = cv.partly_labelled.unwrap();
        assert_eq!(partly.per_category.len(), 2);
        assert_eq!(partly.per_category["first_party_collection"]["r"].mean, 1.0);
    }

    #[test]
    fn curated_lines_are_kept_and_not_learned_again() {
        let curated = Curated::parse(&[(
            DataRetention,
            "# comment\nkeep\t2\tcurated\nfor two years\t1.5\tcurated\n",
        )])
        .unwrap();
        let trained = train(&corpus(), &curated, &Settings::default());
        let files = trained.render("a test corpus");
        let retention = &files["data_retention.tsv"];
        let lines: Vec<&str> = retention.lines().collect();
        assert!(lines[0].contains("on a test corpus;"), "{}", lines[0]);
        assert_eq!(
            lines[1..3],
            ["keep\t2\tcurated", "for two years\t1.5\tcurated"]
        );
        // Learned lines follow, and the curated phrases are not among them.
        for line in &lines[3..] {
            assert!(line.ends_with("\tlearned"), "{line}");
            assert!(!line.starts_with("keep\t") && !line.starts_with("for two years\t"));
        }
        // What is written loads back into the same lexicon.
        let written: Vec<(Category, &str)> = Category::ALL
            .iter()
            .map(|&c| (c, files[&format!("{}.tsv", c.id())].as_str()))
            .collect();
        let loaded = Lexicon::parse(&written, &files["bias.tsv"])
            .and_then(|l| l.with_context(&files["context.tsv"]))
            .unwrap();
        assert_eq!(&loaded, trained.lexicon());
    }

    #[test]
    fn folds_deal_policies_in_id_order_and_corpora_apart() {
        let example = |policy: &str, full: bool| {
            let labelled: &[Category] = if full { &Category::ALL } else { &[Other] };
            Example::labelled_for(policy, "text", &[], labelled)
        };
        let examples = [
            example("b", true),
            example("a", true),
            example("b", true),
            example("c", true),
            example("a", false),
            example("z", false),
        ];
        assert_eq!(policy_folds(&examples, 2), [1, 0, 1, 0, 0, 1]);
        // a -> 0, b -> 1, c -> 0, d -> 1
        assert_eq!(
            deal_folds(&["b", "a", "c", "a", "b", "d"], 2),
            (vec![1, 0, 0, 0, 1, 1], 4)
        );
        let runs = policy_runs(&examples);
        assert_eq!(runs, [0..1, 1..2, 2..3, 3..4, 4..5, 5..6]);
    }
}
