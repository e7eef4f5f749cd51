//! `policylens::keywords` reports what the `aho-corasick` crate reports for the same keywords:
//! overlapping matches, leftmost-longest matches and `is_match`, with and without ASCII case
//! folding, on the shipped lexicons over the fixture pages and on generated keyword sets.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use policylens::keywords::Keywords;
use policylens::lexicon::Compiled;

type Found = Vec<(usize, usize, usize)>;

fn reference(keywords: &[String], fold: bool, kind: MatchKind) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(fold)
        .match_kind(kind)
        .build(keywords)
        .unwrap()
}

fn overlapping_of(automaton: &Keywords, text: &str) -> Found {
    let mut found: Found = automaton
        .find_overlapping_iter(text)
        .map(|m| (m.pattern(), m.start(), m.end()))
        .collect();
    found.sort_unstable();
    found
}

fn assert_agree(keywords: &[String], fold: bool, texts: &[&str]) {
    let ours = Keywords::new(keywords, fold).unwrap();
    let standard = reference(keywords, fold, MatchKind::Standard);
    let longest = reference(keywords, fold, MatchKind::LeftmostLongest);
    for text in texts {
        let mut expected: Found = standard
            .find_overlapping_iter(*text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        expected.sort_unstable();
        assert_eq!(
            overlapping_of(&ours, text),
            expected,
            "overlapping, fold {fold}, {keywords:?} in {text:?}"
        );
        let expected: Found = longest
            .find_iter(*text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        let found: Found = ours
            .find_iter(text)
            .map(|m| (m.pattern(), m.start(), m.end()))
            .collect();
        assert_eq!(
            found, expected,
            "leftmost-longest, fold {fold}, {keywords:?} in {text:?}"
        );
        assert_eq!(ours.is_match(text), standard.is_match(*text));
    }
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn string(&mut self, alphabet: &[&str], max_len: usize) -> String {
        let len = 1 + self.below(max_len);
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

#[test]
fn generated_keyword_sets_agree_with_aho_corasick() {
    // Few symbols, so keywords share prefixes and suffixes and repeat; mixed case and a
    // two-byte letter test folding.
    let alphabet = ["a", "b", "A", "B", " ", "é"];
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for _ in 0..400 {
        let keywords: Vec<String> = (0..1 + random.below(12))
            .map(|_| random.string(&alphabet, 5))
            .collect();
        let texts: Vec<String> = (0..6).map(|_| random.string(&alphabet, 40)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_agree(&keywords, false, &texts);
        assert_agree(&keywords, true, &texts);
    }
}

#[test]
fn long_keywords_sharing_their_first_bytes_agree_with_aho_corasick() {
    // Keywords longer than the bytes the builder sorts by at once, many sharing those (9 to
    // 15 bytes of stem), with zero bytes (what the builder pads short keywords with).
    let alphabet = ["ab", "a", "b", "\0"];
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    for _ in 0..200 {
        let stems = ["", "ab\0ab\0ab\0", "ab\0ab\0ab\0ab", "ab\0ab\0ab\0ab\0"];
        let keywords: Vec<String> = (0..1 + random.below(30))
            .map(|_| stems[random.below(stems.len())].to_string() + &random.string(&alphabet, 6))
            .collect();
        // Texts of keywords and symbols, so that long keywords occur.
        let texts: Vec<String> = (0..4)
            .map(|_| {
                (0..1 + random.below(8))
                    .map(|_| match random.below(2) {
                        0 => keywords[random.below(keywords.len())].clone(),
                        _ => random.string(&alphabet, 3),
                    })
                    .collect()
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_agree(&keywords, false, &texts);
    }
}

#[test]
fn shipped_lexicons_agree_with_aho_corasick_on_the_fixture_pages() {
    let pages: Vec<String> = std::fs::read_dir("tests/fixtures/pages")
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    let folded: Vec<String> = pages
        .iter()
        .map(|page| {
            format!(
                " {} ",
                page.to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        })
        .collect();
    let mut texts: Vec<&str> = pages.iter().map(String::as_str).collect();
    texts.extend(folded.iter().map(String::as_str));
    for lang in ["en", "de"] {
        let lexicon = Compiled::shipped(lang).unwrap();
        let phrases: Vec<String> = (0..lexicon.len())
            .map(|p| lexicon.phrase(p).to_string())
            .collect();
        assert!(phrases.len() > 100);
        let ours = Keywords::new(&phrases, false).unwrap();
        assert!(
            texts
                .iter()
                .map(|t| ours.find_overlapping_iter(t).count())
                .sum::<usize>()
                > 100,
            "the fixtures hold {lang} lexicon phrases"
        );
        assert_agree(&phrases, false, &texts);
        assert_agree(&phrases, true, &texts);
    }
}
