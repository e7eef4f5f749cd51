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
    // Most phrases are found once: 1 + ln 1 is exactly 1.
    if count <= 1 {
        return 1.0;
    }
    1.0 + (count as f32).ln()
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

/// A phrase found in a clause's text: its pattern, `term_value` of its count, and a bit per
/// category (`1 << index`) in which it has a weight above 0.
#[derive(Clone, Copy)]
struct Term {
    at: u32,
    value: f32,
    up: u16,
}

/// A clause's own score per category, its `length_scale`, and where its terms and its other
/// moves (lead-in and heading) are in the page's `Scratch`.
struct Scored {
    scores: [f32; 10],
    scale: f32,
    terms: std::ops::Range<usize>,
    moves: std::ops::Range<usize>,
}

/// Buffers reused from clause to clause: the folded clause and the patterns found in it; and
/// for every clause of the page, its terms and its lead-in and heading moves up (positive).
/// The moves of the terms are worked out again, for the assigned categories only, by `decide`.
struct Scratch {
    folded: String,
    found: Found,
    terms: Vec<Term>,
    moves: Vec<Move>,
}

impl Scratch {
    fn new(patterns: usize) -> Scratch {
        Scratch {
            folded: String::new(),
            found: Found::new(patterns),
            terms: Vec::new(),
            moves: Vec::new(),
        }
    }
}

/// The patterns found in one text, counted as they come: a count per pattern, and a bit per
/// pattern found with a summary bit per word of bits, so the patterns come out in order
/// without a sort.
struct Found {
    counts: Box<[u32]>,
    bits: Box<[u64]>,
    summary: Box<[u64]>,
}

impl Found {
    fn new(patterns: usize) -> Found {
        let words = patterns.div_ceil(64);
        Found {
            counts: vec![0; patterns].into_boxed_slice(),
            bits: vec![0; words].into_boxed_slice(),
            summary: vec![0; words.div_ceil(64)].into_boxed_slice(),
        }
    }

    fn add(&mut self, pattern: usize) {
        let count = &mut self.counts[pattern];
        if *count == 0 {
            let word = pattern / 64;
            self.bits[word] |= 1 << (pattern % 64);
            self.summary[word / 64] |= 1 << (word % 64);
        }
        *count += 1;
    }

    /// Calls `each` with every pattern found and its count, in pattern order, and forgets
    /// them.
    fn drain(&mut self, mut each: impl FnMut(usize, usize)) {
        for (at, summary) in self.summary.iter_mut().enumerate() {
            for word in set_bits(std::mem::take(summary)).map(|bit| at * 64 + bit) {
                for pattern in set_bits(std::mem::take(&mut self.bits[word])) {
                    let pattern = word * 64 + pattern;
                    each(pattern, std::mem::take(&mut self.counts[pattern]) as usize);
                }
            }
        }
    }
}

/// The positions of the bits set in `bits`, lowest first.
fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let bit = bits.trailing_zeros() as usize;
        bits &= bits.wrapping_sub(1);
        (bit < 64).then_some(bit)
    })
}

/// The strongest moves up of one category, strongest first: the higher weight, then the
/// lower pattern (moves equal in both are the same move). Each is kept as one number that
/// orders them so: the weight's bits (for positive weights, in the order of the weights),
/// then the pattern's complement.
#[derive(Clone, Copy, Default)]
struct Strongest {
    keys: [u64; MAX_EVIDENCE],
    len: usize,
}

impl Strongest {
    /// Keeps the move of pattern `at` by `weight` (positive) if it is among the
    /// `MAX_EVIDENCE` strongest.
    fn offer(&mut self, at: usize, weight: f32) {
        let key = u64::from(weight.to_bits()) << 32 | u64::from(!(at as u32));
        let end = if self.len < MAX_EVIDENCE {
            self.len
        } else if key > self.keys[MAX_EVIDENCE - 1] {
            MAX_EVIDENCE - 1
        } else {
            return;
        };
        let place = self.keys[..end]
            .iter()
            .position(|&kept| key > kept)
            .unwrap_or(end);
        self.keys.copy_within(place..end, place + 1);
        self.keys[place] = key;
        self.len = end + 1;
    }

    /// The moves kept as (pattern, weight), strongest first.
    fn moves(&self) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.keys[..self.len]
            .iter()
            .map(|&key| (!(key as u32) as usize, f32::from_bits((key >> 32) as u32)))
    }
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
        let automaton = Keywords::of_concatenated(needles.into_bytes(), &ends, false)
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

    /// Appends the distinct patterns found in a folded text to `terms`, in pattern order
    /// (`found` is scratch space).
    fn find_terms(&self, folded: &str, found: &mut Found, terms: &mut Vec<Term>) {
        self.automaton
            .for_each_overlapping(folded, |m| found.add(m.pattern()));
        found.drain(|pattern, count| {
            terms.push(Term {
                at: pattern as u32,
                value: term_value(count),
                up: 0,
            })
        });
    }

    /// Distinct patterns found in a folded text, in pattern order.
    fn matches(&self, folded: &str) -> Vec<usize> {
        let mut found = Vec::new();
        self.automaton
            .for_each_overlapping(folded, |m| found.push(m.pattern()));
        crate::sort::sort(&mut found);
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
        let mut scratch = Scratch::new(self.phrase_count());
        let scored = self.score(segment, &mut SharedMatches::default(), &mut scratch);
        self.decide(&scored, [0.0; 10], &scratch)
    }

    /// Classifies the clauses of one page, in document order: each decision adds, per
    /// category, the context weights times the evidence of the neighbouring clauses.
    pub fn classify_page(&self, segments: &[Segment]) -> Vec<Labels> {
        let mut shared = SharedMatches::default();
        let mut scratch = Scratch::new(self.phrase_count());
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
                self.decide(scored, context, &scratch)
            })
            .collect()
    }

    /// The own scores of clauses (bias and phrases, no context), as the trainer fits them.
    #[cfg(all(feature = "train", not(target_arch = "wasm32")))]
    pub(crate) fn own_scores(&self, segments: &[Segment]) -> Vec<[f32; 10]> {
        let mut shared = SharedMatches::default();
        let mut scratch = Scratch::new(self.phrase_count());
        segments
            .iter()
            .map(|s| {
                scratch.terms.clear();
                scratch.moves.clear();
                self.score(s, &mut shared, &mut scratch).scores
            })
            .collect()
    }

    /// The own score of one clause and the phrases behind it: per category, the bias plus the
    /// fixed contributions (curated phrases, lead-in, heading) plus the clause's learned
    /// weights, each times `term_value` of its count, times `length_scale`.
    /// The terms are appended to `scratch.terms`, the lead-in and heading moves up to
    /// `scratch.moves`.
    fn score(
        &self,
        segment: &Segment,
        shared: &mut SharedMatches,
        scratch: &mut Scratch,
    ) -> Scored {
        let Scratch {
            folded,
            found,
            terms,
            moves,
        } = scratch;
        let first_term = terms.len();
        let first_move = moves.len();
        let mut learned = [0.0f32; 10];
        let mut fixed = [0.0f32; 10];
        let words = fold_stemmed_into(&segment.text, folded);
        let scale = scale_for_words(words);
        let contribution =
            |weight: f32, curated: bool| if curated { weight } else { weight * scale };
        self.find_terms(folded, found, terms);
        for term in &mut terms[first_term..] {
            let mut up = 0;
            for &(category, weight, curated) in self.lexicon.text_weights(term.at as usize) {
                if curated {
                    fixed[category.index()] += weight;
                } else {
                    learned[category.index()] += weight * term.value;
                }
                up |= u16::from(weight > 0.0) << category.index();
            }
            term.up = up;
        }
        let found = &terms[first_term..];
        // Lead-in and heading moves are stored, only those up: the others are never evidence.
        if let Some(lead_in) = &segment.lead_in {
            for &at in self.matches_cached(lead_in, &mut shared.lead_in) {
                if found
                    .binary_search_by_key(&(at as u32), |term| term.at)
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
                    if weight > 0.0 {
                        moves.push((category, at, weight));
                    }
                    fixed[category.index()] += weight;
                }
            }
        }
        let scores =
            std::array::from_fn(|c| self.lexicon.bias[c] + (fixed[c] + learned[c] * scale));
        Scored {
            scores,
            scale,
            terms: first_term..terms.len(),
            moves: first_move..moves.len(),
        }
    }

    /// Categories and evidence of a clause from its own score plus its neighbour context.
    fn decide(&self, scored: &Scored, context: [f32; 10], scratch: &Scratch) -> Labels {
        let mut scores = scored.scores;
        for c in 0..10 {
            scores[c] += context[c];
        }
        let assigned = assign(&scores, &self.lexicon.threshold);
        let categories: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| assigned[c.index()])
            .collect();
        // Evidence: the strongest phrases for each assigned category, in category order, kept
        // in one pass over the clause's terms and one over its lead-in and heading moves.
        let mut strongest = [Strongest::default(); 10];
        let assigned_bits = (0..10).fold(0u16, |bits, c| bits | u16::from(assigned[c]) << c);
        for term in &scratch.terms[scored.terms.clone()] {
            if term.up & assigned_bits == 0 {
                continue;
            }
            for &(category, weight, curated) in self.lexicon.text_weights(term.at as usize) {
                if assigned[category.index()] {
                    // As `score` weighs them.
                    let moved = if curated {
                        weight
                    } else {
                        weight * term.value * scored.scale
                    };
                    if moved > 0.0 {
                        strongest[category.index()].offer(term.at as usize, moved);
                    }
                }
            }
        }
        for &(category, at, weight) in &scratch.moves[scored.moves.clone()] {
            if assigned[category.index()] && weight > 0.0 {
                strongest[category.index()].offer(at, weight);
            }
        }
        let mut evidence: Vec<Evidence> =
            Vec::with_capacity(categories.iter().map(|c| strongest[c.index()].len).sum());
        for &category in &categories {
            evidence.extend(
                strongest[category.index()]
                    .moves()
                    .map(|(at, weight)| Evidence {
                        phrase: self.lexicon.phrase(at).to_string(),
                        category: category.id().to_string(),
                        weight,
                    }),
            );
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
    let mut counted: Vec<(T, usize)> = Vec::new();
    for value in values {
        match counted.last_mut() {
            Some((last, n)) if *last == value => *n += 1,
            _ => counted.push((value, 1)),
        }
    }
    counted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_patterns_come_out_in_order_with_their_counts_and_are_forgotten() {
        // Over 4096 patterns: more than one summary word.
        let mut found = Found::new(9000);
        let mut counted = Vec::new();
        for pattern in [8999, 5, 4096, 63, 64, 5, 0, 4095, 8999, 5, 8191, 8192] {
            found.add(pattern);
        }
        found.drain(|pattern, count| counted.push((pattern, count)));
        assert_eq!(
            counted,
            [
                (0, 1),
                (5, 3),
                (63, 1),
                (64, 1),
                (4095, 1),
                (4096, 1),
                (8191, 1),
                (8192, 1),
                (8999, 2)
            ]
        );
        counted.clear();
        found.drain(|pattern, count| counted.push((pattern, count)));
        assert!(counted.is_empty());
        found.add(7);
        found.drain(|pattern, count| counted.push((pattern, count)));
        assert_eq!(counted, [(7, 1)]);
    }

    #[test]
    fn the_strongest_moves_are_the_first_of_a_sort_by_weight_then_pattern() {
        let mut state = 0x9e37_79b9_u32;
        let mut next = move |below: u32| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state % below
        };
        for round in 0..300 {
            // Few distinct weights and patterns, so ties in weight and repeated moves occur.
            let moves: Vec<(usize, f32)> = (0..next(20))
                .map(|_| {
                    (
                        next(12) as usize,
                        [0.25, 0.5, 1.5, 3.0e-5, 7.0][next(5) as usize],
                    )
                })
                .collect();
            let mut strongest = Strongest::default();
            for &(at, weight) in &moves {
                strongest.offer(at, weight);
            }
            let mut sorted = moves.clone();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            sorted.truncate(MAX_EVIDENCE);
            assert_eq!(
                strongest.moves().collect::<Vec<_>>(),
                sorted,
                "round {round}"
            );
        }
    }

    #[test]
    fn a_term_found_once_counts_exactly_once() {
        assert_eq!(term_value(1).to_bits(), 1.0f32.to_bits());
        assert_eq!(term_value(0).to_bits(), 1.0f32.to_bits());
        assert_eq!(term_value(3), 1.0 + 3.0f32.ln());
    }
}
