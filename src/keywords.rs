//! An Aho-Corasick automaton over byte strings, built for a fast start-up: the trie is laid
//! out breadth first from the sorted keywords in one pass, so each state's children are
//! consecutive states, and no per-state allocation is made. It reports what the
//! `aho-corasick` crate reports for the same keywords: every overlapping match
//! (`MatchKind::Standard`), or leftmost-longest matches; tests compare the two.

/// A keyword found in a text: keyword `pattern` at bytes `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pattern: u32,
    start: usize,
    end: usize,
}

impl Match {
    /// The keyword's index in the list the automaton was built from.
    pub fn pattern(&self) -> usize {
        self.pattern as usize
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }
}

/// The automaton. State 0 is the root.
pub struct Keywords {
    /// Where the root goes on each byte (0: it stays).
    root: Box<[u32; 256]>,
    /// The children of state `s` are the states `first_child[s]..first_child[s + 1]`.
    first_child: Vec<u32>,
    /// The byte that leads into each state; a state's children are in byte order.
    label: Vec<u8>,
    /// The longest proper suffix of each state's string that is also a state.
    fail: Vec<u32>,
    /// The first state on each state's failure chain, itself included, where a keyword ends
    /// (0: none; keywords are not empty, so the root ends none).
    output: Vec<u32>,
    /// The keywords that end at each state, as a range of `by_bytes`.
    ends_here: Vec<(u32, u32)>,
    /// Keyword indices sorted by their (folded) bytes, then by index.
    by_bytes: Vec<u32>,
    lengths: Vec<u32>,
    /// ASCII letters match either case.
    ascii_case_insensitive: bool,
}

impl Keywords {
    /// Builds the automaton; an empty keyword is an error.
    pub fn new<I, P>(keywords: I, ascii_case_insensitive: bool) -> Result<Keywords, String>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        let fold = |b: u8| {
            if ascii_case_insensitive {
                b.to_ascii_lowercase()
            } else {
                b
            }
        };
        let mut bytes = Vec::new();
        let mut spans = Vec::new();
        for keyword in keywords {
            let keyword = keyword.as_ref();
            if keyword.is_empty() {
                return Err(format!("keyword {} is empty", spans.len() + 1));
            }
            let start = bytes.len();
            bytes.extend(keyword.iter().map(|&b| fold(b)));
            spans.push(start..bytes.len());
        }
        let keyword = |k: u32| &bytes[spans[k as usize].clone()];
        let count = u32::try_from(spans.len()).map_err(|_| "too many keywords".to_string())?;
        let mut by_bytes: Vec<u32> = (0..count).collect();
        by_bytes.sort_unstable_by(|&a, &b| keyword(a).cmp(keyword(b)).then(a.cmp(&b)));

        // Breadth first: state `s` stands for the keywords `by_bytes[range[s]]`, which share
        // its first `depth[s]` bytes. Those with no more bytes end at `s`; the others, grouped
        // by their next byte, become its children, appended in byte order.
        let states_at_most = bytes.len() + 1;
        let mut first_child = Vec::with_capacity(states_at_most + 1);
        let mut label = Vec::with_capacity(states_at_most);
        let mut ends_here = Vec::with_capacity(states_at_most);
        let mut range = Vec::with_capacity(states_at_most);
        let mut depth = Vec::with_capacity(states_at_most);
        label.push(0);
        range.push((0, count));
        depth.push(0);
        let mut s = 0;
        while s < label.len() {
            let (start, end) = range[s];
            let d = depth[s];
            let mut at = start;
            while at < end && keyword(by_bytes[at as usize]).len() == d {
                at += 1;
            }
            ends_here.push((start, at));
            first_child.push(label.len() as u32);
            while at < end {
                let byte = keyword(by_bytes[at as usize])[d];
                let group = at;
                while at < end && keyword(by_bytes[at as usize])[d] == byte {
                    at += 1;
                }
                label.push(byte);
                range.push((group, at));
                depth.push(d + 1);
            }
            s += 1;
        }
        first_child.push(label.len() as u32);

        let states = label.len();
        let mut automaton = Keywords {
            root: Box::new([0; 256]),
            first_child,
            label,
            fail: vec![0; states],
            output: vec![0; states],
            ends_here,
            by_bytes,
            lengths: spans.iter().map(|span| span.len() as u32).collect(),
            ascii_case_insensitive,
        };
        for child in automaton.children(0) {
            automaton.root[automaton.label[child as usize] as usize] = child;
        }
        // Parents come before children, so each state's failure is known before its children's.
        for s in 0..states as u32 {
            for child in automaton.children(s) {
                let byte = automaton.label[child as usize];
                let fail = if s == 0 {
                    0
                } else {
                    automaton.next(automaton.fail[s as usize], byte)
                };
                let c = child as usize;
                automaton.fail[c] = fail;
                let (start, end) = automaton.ends_here[c];
                automaton.output[c] = if start < end {
                    child
                } else {
                    automaton.output[fail as usize]
                };
            }
        }
        Ok(automaton)
    }

    fn children(&self, s: u32) -> std::ops::Range<u32> {
        self.first_child[s as usize]..self.first_child[s as usize + 1]
    }

    /// The state after reading `byte` in state `s`.
    #[inline]
    fn next(&self, mut s: u32, byte: u8) -> u32 {
        loop {
            if s == 0 {
                return self.root[byte as usize];
            }
            let children = self.children(s);
            let labels = &self.label[children.start as usize..children.end as usize];
            if let Some(at) = labels.iter().position(|&l| l == byte) {
                return children.start + at as u32;
            }
            s = self.fail[s as usize];
        }
    }

    /// Every match, overlapping ones included, in order of their ends.
    pub fn find_overlapping_iter<'a>(&'a self, text: &'a str) -> Overlapping<'a> {
        Overlapping {
            automaton: self,
            text: text.as_bytes(),
            at: 0,
            state: 0,
            reporting: 0,
            next_keyword: 0,
        }
    }

    /// Whether any keyword occurs in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.find_overlapping_iter(text).next().is_some()
    }

    /// Leftmost-longest matches, left to right: of the matches that start first, the longest
    /// (the lowest index among equal keywords); the search goes on after its end.
    pub fn find_iter(&self, text: &str) -> std::vec::IntoIter<Match> {
        let mut found: Vec<Match> = self.find_overlapping_iter(text).collect();
        found.sort_unstable_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.pattern));
        let mut taken_to = 0;
        found.retain(|m| {
            let take = m.start >= taken_to;
            if take {
                taken_to = m.end;
            }
            take
        });
        found.into_iter()
    }

    /// Heap bytes the automaton holds.
    pub fn memory_usage(&self) -> usize {
        std::mem::size_of::<[u32; 256]>()
            + 4 * (self.first_child.capacity()
                + self.fail.capacity()
                + self.output.capacity()
                + self.by_bytes.capacity()
                + self.lengths.capacity())
            + self.label.capacity()
            + 8 * self.ends_here.capacity()
    }
}

/// The iterator of `Keywords::find_overlapping_iter`.
pub struct Overlapping<'a> {
    automaton: &'a Keywords,
    text: &'a [u8],
    /// Bytes read so far.
    at: usize,
    state: u32,
    /// The state whose keywords are being reported (0: none), and which of them is next.
    reporting: u32,
    next_keyword: u32,
}

impl Iterator for Overlapping<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let automaton = self.automaton;
        loop {
            if self.reporting != 0 {
                let (_, end) = automaton.ends_here[self.reporting as usize];
                if self.next_keyword < end {
                    let pattern = automaton.by_bytes[self.next_keyword as usize];
                    self.next_keyword += 1;
                    return Some(Match {
                        pattern,
                        start: self.at - automaton.lengths[pattern as usize] as usize,
                        end: self.at,
                    });
                }
                let fail = automaton.fail[self.reporting as usize];
                self.reporting = automaton.output[fail as usize];
                self.next_keyword = automaton.ends_here[self.reporting as usize].0;
                continue;
            }
            let &byte = self.text.get(self.at)?;
            let byte = if automaton.ascii_case_insensitive {
                byte.to_ascii_lowercase()
            } else {
                byte
            };
            self.at += 1;
            self.state = automaton.next(self.state, byte);
            self.reporting = automaton.output[self.state as usize];
            self.next_keyword = automaton.ends_here[self.reporting as usize].0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlapping(keywords: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let automaton = Keywords::new(keywords, false).unwrap();
        let mut found: Vec<_> = automaton
            .find_overlapping_iter(text)
            .map(|m| (m.pattern(), m.start(), m.end()))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn overlapping_matches_include_suffixes_and_repeats() {
        let keywords = ["he", "she", "his", "hers", "she"];
        assert_eq!(
            overlapping(&keywords, "ushers"),
            vec![(0, 2, 4), (1, 1, 4), (3, 2, 6), (4, 1, 4)]
        );
        assert_eq!(
            overlapping(&keywords, "hishe"),
            vec![(0, 3, 5), (1, 2, 5), (2, 0, 3), (4, 2, 5)]
        );
        assert!(overlapping(&keywords, "").is_empty());
    }

    #[test]
    fn leftmost_longest_prefers_the_earliest_then_the_longest_match() {
        let automaton =
            Keywords::new(["third party", "third", "party data", "data"], false).unwrap();
        let found: Vec<_> = automaton
            .find_iter("third party data")
            .map(|m| (m.pattern(), m.start(), m.end()))
            .collect();
        assert_eq!(found, vec![(0, 0, 11), (3, 12, 16)]);
    }

    #[test]
    fn case_insensitive_keywords_fold_ascii_letters_only() {
        let automaton = Keywords::new(["Google Analytics", "ÉTÉ"], true).unwrap();
        let found: Vec<_> = automaton
            .find_iter("via GOOGLE analytics, été, ÉTÉ")
            .map(|m| (m.pattern(), m.start()))
            .collect();
        assert_eq!(found, vec![(0, 4), (1, 29)]);
        assert!(!Keywords::new(["abc"], false).unwrap().is_match("ABC"));
    }

    #[test]
    fn an_empty_keyword_is_an_error() {
        assert_eq!(
            Keywords::new(["a", ""], false).err().as_deref(),
            Some("keyword 2 is empty")
        );
    }
}
