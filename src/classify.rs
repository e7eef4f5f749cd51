//! Clause classification: one Aho-Corasick automaton over every lexicon phrase; each clause's
//! matches are summed into per-category scores, and a category is assigned when its score
//! plus bias passes the category's threshold.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::category::Category;
use crate::lexicon::{Entry, Lexicon};
use crate::report::Evidence;
use crate::text::{fold, Segment};

/// The categories of one clause and the phrases that caused them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    pub categories: Vec<Category>,
    pub evidence: Vec<Evidence>,
    /// Score per category (bias included), in `Category::ALL` order.
    pub scores: [f32; 10],
}

/// A classifier built once from a lexicon.
pub struct Classifier {
    automaton: AhoCorasick,
    /// For each automaton pattern: the lexicon entries (one per category) with that phrase.
    patterns: Vec<Vec<Entry>>,
    bias: [f32; 10],
    threshold: [f32; 10],
}

impl Classifier {
    /// The classifier over the shipped lexicon.
    pub fn shipped() -> Classifier {
        Classifier::new(&Lexicon::shipped())
    }

    pub fn new(lexicon: &Lexicon) -> Classifier {
        let mut phrases: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<Entry>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for entry in &lexicon.entries {
            let at = *index.entry(entry.phrase.clone()).or_insert_with(|| {
                phrases.push(format!(" {} ", entry.phrase));
                patterns.push(Vec::new());
                patterns.len() - 1
            });
            patterns[at].push(entry.clone());
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .expect("lexicon phrases build an automaton");
        Classifier {
            automaton,
            patterns,
            bias: lexicon.bias,
            threshold: lexicon.threshold,
        }
    }

    /// Number of distinct phrases in the automaton.
    pub fn phrase_count(&self) -> usize {
        self.patterns.len()
    }

    /// Heap bytes used by the automaton.
    pub fn automaton_bytes(&self) -> usize {
        self.automaton.memory_usage()
    }

    /// Classifies one clause. Every clause gets at least one category.
    pub fn classify(&self, segment: &Segment) -> Labels {
        let folded = fold(&segment.text);
        let mut labels = Labels {
            scores: self.bias,
            ..Labels::default()
        };
        for m in self.automaton.find_overlapping_iter(&folded) {
            for entry in &self.patterns[m.pattern().as_usize()] {
                labels.scores[entry.category.index()] += entry.weight;
                labels.evidence.push(Evidence {
                    phrase: entry.phrase.clone(),
                    category: entry.category.id().to_string(),
                    weight: entry.weight,
                });
            }
        }
        for category in Category::ALL {
            if labels.scores[category.index()] >= self.threshold[category.index()] {
                labels.categories.push(category);
            }
        }
        if labels.categories.is_empty() {
            labels.categories.push(Category::Other);
        }
        labels
            .evidence
            .retain(|e| labels.categories.iter().any(|c| c.id() == e.category) && e.weight > 0.0);
        labels
    }
}
