//! Word stems as features, for German: inflection spreads one meaning over many word forms
//! ("Dritte", "Dritten", "Dritter"; "übermitteln", "übermittelt"). Besides the word n-grams,
//! the trainer then learns part-of-word phrases (`lexicon::PART_OF_WORD`) `stem*`: any word
//! starting with the stem of a training word. A phrase is present in a clause exactly when the
//! classifier's automaton finds its needle there, so what is learned is what is matched.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::category::Category;
use crate::classify::count_sorted;
use crate::lexicon::{needle, PART_OF_WORD};

/// Which stem phrases are learned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WordParts {
    /// Stems shorter than this many letters are not learned.
    pub min_letters: usize,
    /// The categories stems are learned for.
    pub categories: &'static [Category],
}

/// The stem of a folded German word, after CISTEM's suffix rules (Weissweiler and Fraser
/// 2017): while longer than 3 letters and not ending in a double letter, `-em`, `-er` or `-nd`
/// is cut from words longer than 5, else one final `-t`, `-e`, `-s` or `-n`. "dritte",
/// "dritten", "dritter" -> "dritt"; "übermitteln", "übermittelt" -> "übermittel".
pub fn stem(word: &str) -> &str {
    let mut stem = word;
    loop {
        let letters = stem.chars().count();
        let mut last = stem.chars().rev();
        if letters <= 3 || last.next() == last.next() {
            return stem;
        }
        if letters > 5 && ["em", "er", "nd"].iter().any(|e| stem.ends_with(e)) {
            stem = &stem[..stem.len() - 2];
        } else if ["t", "e", "s", "n"].iter().any(|e| stem.ends_with(e)) {
            stem = &stem[..stem.len() - 1];
        } else {
            return stem;
        }
    }
}

/// The stem phrases (`stem*`) of the words of folded texts (`" word word "`), and for each
/// text the indices (into that list) of those the automaton finds in it, sorted, with how
/// many times it finds each (the classifier counts matches the same way).
pub fn features(folded: &[String], parts: WordParts) -> (Vec<String>, Vec<Vec<(u32, usize)>>) {
    let phrases: Vec<String> = folded
        .iter()
        .flat_map(|text| text.split_whitespace())
        .map(stem)
        .filter(|stem| stem.chars().count() >= parts.min_letters)
        .map(|stem| format!("{stem}{PART_OF_WORD}"))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    if phrases.is_empty() {
        return (phrases, vec![Vec::new(); folded.len()]);
    }
    let automaton: AhoCorasick = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(phrases.iter().map(|p| needle(p)))
        .expect("stem needles build an automaton");
    let found = folded
        .iter()
        .map(|text| {
            count_sorted(
                automaton
                    .find_overlapping_iter(text)
                    .map(|m| m.pattern().as_u32())
                    .collect(),
            )
        })
        .collect();
    (phrases, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_share_a_stem() {
        for (words, expected) in [
            (&["dritte", "dritten", "dritter"][..], "dritt"),
            (&["übermitteln", "übermittelt"][..], "übermittel"),
            (&["weitergeben", "weitergebe"][..], "weitergeb"),
            (&["daten"][..], "dat"),
        ] {
            for word in words {
                assert_eq!(stem(word), expected, "{word}");
            }
        }
        // Short words stay as they are.
        assert_eq!(stem("wir"), "wir");
    }

    #[test]
    fn a_stem_is_present_where_a_word_starts_with_it() {
        let folded: Vec<String> = [
            " wir übermitteln daten an dritte ",
            " drittanbieter übermittelt ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let parts = WordParts {
            min_letters: 5,
            categories: &Category::ALL,
        };
        let (phrases, found) = features(&folded, parts);
        let has = |text: usize, phrase: &str| {
            let id = phrases.iter().position(|p| p == phrase).unwrap() as u32;
            found[text].iter().any(|&(found, _)| found == id)
        };
        // "übermitteln" and "übermittelt" share the stem "übermittel".
        assert!(has(0, "übermittel*") && has(1, "übermittel*"));
        // "drittanbieter" is stemmed to "drittanbi": found only in clause 1.
        assert!(has(1, "drittanbi*") && !has(0, "drittanbi*"));
        // "dritte" and "drittanbieter" both start with "dritt".
        assert!(has(0, "dritt*") && has(1, "dritt*"));
        // Stems under 5 letters ("dat", "wir") are not phrases.
        assert!(!phrases.iter().any(|p| p == "dat*" || p == "wir*"));
    }
}
