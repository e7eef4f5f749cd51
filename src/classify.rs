//! Clause classification: a linear model per category over word n-grams. One Aho-Corasick
//! automaton holds every lexicon phrase; a clause's score for a category is the bias plus the
//! weights of the phrases found in it (a learned phrase found n times counts 1 + ln n times, as
//! in training), and the category is assigned when the score reaches the category's threshold.
//! On a page, a clause's decision also counts the phrase evidence of its neighbours
//! (`classify_page`).

use crate::keywords::Keywords;

use crate::category::Category;
use crate::lexicon::{push_needle, Compiled, Lexicon, CONTEXT_OFFSETS};
use crate::report::Evidence;
use crate::text::{fold_stemmed as fold, fold_stemmed_into, Segment};

/// Share of a list lead-in's positive weights given to each of its items.
const LEAD_IN_SHARE: f32 = 0.5;
/// Evidence phrases kept per assigned category, strongest first.
const MAX_EVIDENCE: usize = 6;

/// The categories of one clause and the phrases that caused them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    pub categories: Vec<Category>,
    pub evidence: Vec<Evidence>,
    /// Decision score per category (bias, phrases and neighbour context), in `Category::ALL`
    /// order; the category is assigned when it reaches the threshold.
    pub scores: [f32; 10],
}

/// Scale of the learned weights for a clause: 1/sqrt(number of word 1-3-gram positions in
/// the folded text), so long clauses do not win by length alone. Training uses the same.
#[cfg(all(feature = "train", not(target_arch = "wasm32")))]
pub(crate) fn length_scale(folded: &str) -> f32 {
    scale_for_words(folded.split_whitespace().count())
}

/// `length_scale` of a folded text of `words` words.
fn scale_for_words(words: usize) -> f32 {
    let positions = (1..=3)
        .map(|n| (words + 1).saturating_sub(n))
        .sum::<usize>();
    1.0 / (positions.max(1) as f32).sqrt()
}

/// Value of a learned phrase found `count` times in a clause, before `length_scale`:
/// sublinear in the count (1 + ln count), as in training.
pub(crate) fn term_value(count: usize) -> f32 {
    1.0 + (count.max(1) as f32).ln()
}

/// Per category, the sum of context weight times neighbour evidence (both per offset).
pub(crate) fn context_scores(weights: &[[f32; 4]; 10], neighbours: &[[f32; 4]; 10]) -> [f32; 10] {
    std::array::from_fn(|c| (0..4).map(|k| weights[c][k] * neighbours[c][k]).sum())
}

/// The decision rule: a category is assigned when its score reaches its threshold; a clause
/// with none gets `other`.
pub(crate) fn assign(scores: &[f32; 10], threshold: &[f32; 10]) -> [bool; 10] {
    let mut assigned: [bool; 10] = std::array::from_fn(|c| scores[c] >= threshold[c]);
    if !assigned.contains(&true) {
        assigned[Category::Other.index()] = true;
    }
    assigned
}

/// A classifier built once from a lexicon.
pub struct Classifier {
    /// One pattern per phrase of `lexicon`, in its order.
    automaton: Keywords,
    lexicon: Compiled,
}

/// A phrase that moved a clause's score: (category, phrase pattern, contribution).
type Move = (Category, usize, f32);

/// A clause's own score per category and where its moves are in the page's `Moves`.
struct Scored {
    scores: [f32; 10],
    moves: std::ops::Range<usize>,
}

/// Buffers reused from clause to clause: the folded clause, the patterns found in it, the
/// moves of every clause of the page, and the moves kept as evidence of one clause.
#[derive(Default)]
struct Scratch {
    folded: String,
    found: Vec<usize>,
    counted: Vec<(usize, usize)>,
    moves: Vec<Move>,
    kept: Vec<Move>,
}

/// Matches of the last heading and lead-in scored: consecutive clauses mostly share them.
#[derive(Default)]
struct SharedMatches {
    heading: Option<(String, Vec<usize>)>,
    lead_in: Option<(String, Vec<usize>)>,
}

/// Per category, the evidence (score minus bias) of the clauses at `CONTEXT_OFFSETS` from
/// clause `at`; a position outside `evidence` counts 0, like a clause without phrases.
pub(crate) fn neighbour_evidence(evidence: &[[f32; 10]], at: usize) -> [[f32; 4]; 10] {
    let mut found = [[0.0; 4]; 10];
    for (k, offset) in CONTEXT_OFFSETS.into_iter().enumerate() {
        if let Some(e) = at.checked_add_signed(offset).and_then(|i| evidence.get(i)) {
            for c in 0..10 {
                found[c][k] = e[c];
            }
        }
    }
    found
}

impl Classifier {
    /// The classifier over the shipped English lexicon.
    pub fn shipped() -> Classifier {
        Classifier::shipped_for("en").expect("the English lexicon is shipped")
    }

    /// The classifier over the shipped lexicon of a language, if one is shipped.
    pub fn shipped_for(lang: &str) -> Option<Classifier> {
        Some(Classifier::compiled(Compiled::shipped(lang)?))
    }

    pub fn new(lexicon: &Lexicon) -> Classifier {
        Classifier::compiled(Compiled::of(lexicon))
    }

    fn compiled(lexicon: Compiled) -> Classifier {
        let mut needles = String::with_capacity(lexicon.phrase_bytes() + 2 * lexicon.len());
        let mut ends = Vec::with_capacity(lexicon.len());
        for p in 0..lexicon.len() {
            push_needle(&mut needles, lexicon.phrase(p));
            ends.push(needles.len());
        }
        let starts = std::iter::once(0).chain(ends.iter().copied());
        let automaton = Keywords::new(
            starts.zip(&ends).map(|(start, &end)| &needles[start..end]),
            false,
        )
        .expect("lexicon phrases build an automaton");
        Classifier { automaton, lexicon }
    }

    /// Number of distinct phrases in the automaton.
    pub fn phrase_count(&self) -> usize {
        self.lexicon.len()
    }

    /// Heap bytes used by the automaton.
    pub fn automaton_bytes(&self) -> usize {
        self.automaton.memory_usage()
    }

    /// Writes the distinct patterns found in a folded text with their counts, in pattern
    /// order, to `counted` (`found` is scratch space).
    fn count_matches(
        &self,
        folded: &str,
        found: &mut Vec<usize>,
        counted: &mut Vec<(usize, usize)>,
    ) {
        found.clear();
        found.extend(
            self.automaton
                .find_overlapping_iter(folded)
                .map(|m| m.pattern()),
        );
        found.sort_unstable();
        counted.clear();
        count_runs(found.iter().copied(), counted);
    }

    /// Distinct patterns found in a folded text, in pattern order.
    fn matches(&self, folded: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .automaton
            .find_overlapping_iter(folded)
            .map(|m| m.pattern())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Distinct patterns in the folded `text`, reusing `last` when it holds the same text.
    fn matches_cached<'m>(
        &self,
        text: &str,
        last: &'m mut Option<(String, Vec<usize>)>,
    ) -> &'m [usize] {
        if !matches!(last, Some((seen, _)) if seen == text) {
            *last = Some((text.to_string(), self.matches(&fold(text))));
        }
        &last.as_ref().expect("just filled").1
    }

    /// Classifies one clause on its own (no neighbours, so no context).
    pub fn classify(&self, segment: &Segment) -> Labels {
        let mut scratch = Scratch::default();
        let scored = self.score(segment, &mut SharedMatches::default(), &mut scratch);
        self.decide(&scored, [0.0; 10], &mut scratch)
    }

    /// Classifies the clauses of one page, in document order: each decision adds, per
    /// category, the context weights times the evidence of the neighbouring clauses.
    pub fn classify_page(&self, segments: &[Segment]) -> Vec<Labels> {
        let mut shared = SharedMatches::default();
        let mut scratch = Scratch::default();
        let scored: Vec<Scored> = segments
            .iter()
            .map(|s| self.score(s, &mut shared, &mut scratch))
            .collect();
        let evidence: Vec<[f32; 10]> = scored
            .iter()
            .map(|s| std::array::from_fn(|c| s.scores[c] - self.lexicon.bias[c]))
            .collect();
        scored
            .iter()
            .enumerate()
            .map(|(at, scored)| {
                let context =
                    context_scores(&self.lexicon.context, &neighbour_evidence(&evidence, at));
                self.decide(scored, context, &mut scratch)
            })
            .collect()
    }

    /// The own scores of clauses (bias and phrases, no context), as the trainer fits them.
    #[cfg(all(feature = "train", not(target_arch = "wasm32")))]
    pub(crate) fn own_scores(&self, segments: &[Segment]) -> Vec<[f32; 10]> {
        let mut shared = SharedMatches::default();
        let mut scratch = Scratch::default();
        segments
            .iter()
            .map(|s| {
                scratch.moves.clear();
                self.score(s, &mut shared, &mut scratch).scores
            })
            .collect()
    }

    /// The own score of one clause and the phrases behind it: per category, the bias plus the
    /// fixed contributions (curated phrases, lead-in, heading) plus the clause's learned
    /// weights, each times `term_value` of its count, times `length_scale`.
    /// The moves are appended to `scratch.moves`.
    fn score(
        &self,
        segment: &Segment,
        shared: &mut SharedMatches,
        scratch: &mut Scratch,
    ) -> Scored {
        let Scratch {
            folded,
            found,
            counted,
            moves,
            ..
        } = scratch;
        let first_move = moves.len();
        let mut learned = [0.0f32; 10];
        let mut fixed = [0.0f32; 10];
        fold_stemmed_into(&segment.text, folded);
        // A folded text is " word word ... ": one space before each word and one after.
        let words = folded
            .bytes()
            .filter(|&b| b == b' ')
            .count()
            .saturating_sub(1);
        let scale = scale_for_words(words);
        let contribution =
            |weight: f32, curated: bool| if curated { weight } else { weight * scale };
        self.count_matches(folded, found, counted);
        for &(at, count) in counted.iter() {
            let value = term_value(count);
            for &(category, weight, curated) in self.lexicon.text_weights(at) {
                if curated {
                    moves.push((category, at, weight));
                    fixed[category.index()] += weight;
                } else {
                    moves.push((category, at, weight * value * scale));
                    learned[category.index()] += weight * value;
                }
            }
        }
        if let Some(lead_in) = &segment.lead_in {
            for &at in self.matches_cached(lead_in, &mut shared.lead_in) {
                if counted
                    .binary_search_by_key(&at, |&(found, _)| found)
                    .is_err()
                {
                    for &(category, weight, curated) in self.lexicon.text_weights(at) {
                        if weight > 0.0 {
                            let share = contribution(weight, curated) * LEAD_IN_SHARE;
                            moves.push((category, at, share));
                            fixed[category.index()] += share;
                        }
                    }
                }
            }
        }
        if let Some(heading) = &segment.heading {
            for &at in self.matches_cached(heading, &mut shared.heading) {
                for &(category, weight) in self.lexicon.heading_weights(at) {
                    moves.push((category, at, weight));
                    fixed[category.index()] += weight;
                }
            }
        }
        let scores =
            std::array::from_fn(|c| self.lexicon.bias[c] + (fixed[c] + learned[c] * scale));
        Scored {
            scores,
            moves: first_move..moves.len(),
        }
    }

    /// Categories and evidence of a clause from its own score plus its neighbour context.
    fn decide(&self, scored: &Scored, context: [f32; 10], scratch: &mut Scratch) -> Labels {
        let mut scores = scored.scores;
        for c in 0..10 {
            scores[c] += context[c];
        }
        let assigned = assign(&scores, &self.lexicon.threshold);
        let categories: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| assigned[c.index()])
            .collect();
        // Evidence: the strongest phrases for each assigned category, in category order. Moves
        // equal in weight and pattern are the same move, so unstable selection and sorting give
        // the order of a stable sort.
        let strongest = |a: &Move, b: &Move| b.2.total_cmp(&a.2).then(a.1.cmp(&b.1));
        let mut evidence: Vec<Evidence> = Vec::new();
        for &category in &categories {
            let kept = &mut scratch.kept;
            kept.clear();
            kept.extend(
                scratch.moves[scored.moves.clone()]
                    .iter()
                    .filter(|&&(c, _, w)| c == category && w > 0.0),
            );
            if kept.len() > MAX_EVIDENCE {
                kept.select_nth_unstable_by(MAX_EVIDENCE - 1, strongest);
                kept.truncate(MAX_EVIDENCE);
            }
            kept.sort_unstable_by(strongest);
            evidence.extend(kept.iter().map(|&(_, at, weight)| Evidence {
                phrase: self.lexicon.phrase(at).to_string(),
                category: category.id().to_string(),
                weight,
            }));
        }
        Labels {
            categories,
            evidence,
            scores,
        }
    }
}

/// The distinct values of `values` with how often each occurs, in sorted order.
#[cfg(all(feature = "train", not(target_arch = "wasm32")))]
pub(crate) fn count_sorted<T: Ord>(mut values: Vec<T>) -> Vec<(T, usize)> {
    values.sort_unstable();
    let mut counted = Vec::new();
    count_runs(values, &mut counted);
    counted
}

/// Appends each run of equal values of `sorted` to `counted` as (value, length of the run).
fn count_runs<T: PartialEq>(sorted: impl IntoIterator<Item = T>, counted: &mut Vec<(T, usize)>) {
    for value in sorted {
        match counted.last_mut() {
            Some((last, n)) if *last == value => *n += 1,
            _ => counted.push((value, 1)),
        }
    }
}
