//! An Aho-Corasick automaton over byte strings, built for a fast start-up: the trie is laid
//! out breadth first from the sorted keywords in one pass, so each state's children are
//! consecutive states, and no per-state allocation is made. It reports what the
//! `aho-corasick` crate reports for the same keywords: every overlapping match
//! (`MatchKind::Standard`), or leftmost-longest matches; tests compare the two.
//!
//! Bytes are read as classes (each byte some keyword holds is its own class, ASCII letters of
//! either case one class when case is ignored, every other byte one class). States with
//! many children, and the root, keep a row with their next state for every class, failures
//! already followed; the others list their children and fall back on their failure.

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

/// Keywords are sorted by their first this many bytes at once.
const HEAD: usize = 12;

/// States with at least this many children get a row of next states.
const ROW_CHILDREN: u32 = 3;

/// `State::row` of a state without a row.
const NO_ROW: u32 = u32::MAX;

/// What a search needs of a state.
#[derive(Clone, Copy)]
struct State {
    /// Where the state's row starts in `Keywords::rows`, or `NO_ROW`.
    row: u32,
    /// The children are the states `first_child..end_child`.
    first_child: u32,
    end_child: u32,
    /// The state of the longest proper suffix of this state's string.
    fail: u32,
    /// The first state on the failure chain, this one included, where a keyword ends (0:
    /// none; keywords are not empty, so the root ends none).
    output: u32,
}

/// The automaton. State 0 is the root.
pub struct Keywords {
    /// The class of each byte.
    class: Box<[u8; 256]>,
    classes: usize,
    // Boxed slices, not vectors: indexing them needs no call in the size-optimized wasm,
    // where `Vec`'s `Index` stays a function (one call per byte in a search).
    states: Box<[State]>,
    /// The class of the byte that leads into each state; a state's children are in byte order.
    label: Box<[u8]>,
    /// Rows of `classes` next states each.
    rows: Box<[u32]>,
    /// The keywords that end at each state, as a range of `by_bytes`.
    ends_here: Box<[(u32, u32)]>,
    /// Keyword indices sorted by their (folded) bytes, then by index.
    by_bytes: Box<[u32]>,
    lengths: Box<[u32]>,
}

impl Keywords {
    /// Builds the automaton; an empty keyword is an error.
    pub fn new<I, P>(keywords: I, ascii_case_insensitive: bool) -> Result<Keywords, String>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        let mut bytes = Vec::new();
        let mut ends = Vec::new();
        for keyword in keywords {
            bytes.extend_from_slice(keyword.as_ref());
            ends.push(bytes.len());
        }
        Keywords::of_concatenated(bytes, &ends, ascii_case_insensitive)
    }

    /// Builds the automaton of keywords laid one after the other in `bytes`, keyword `k`
    /// ending at `ends[k]`; an empty keyword is an error.
    pub fn of_concatenated(
        mut bytes: Vec<u8>,
        ends: &[usize],
        ascii_case_insensitive: bool,
    ) -> Result<Keywords, String> {
        if let Some(k) = (0..ends.len()).find(|&k| span(ends, k).is_empty()) {
            return Err(format!("keyword {} is empty", k + 1));
        }
        if ascii_case_insensitive {
            bytes.make_ascii_lowercase();
        }
        let count = u32::try_from(ends.len()).map_err(|_| "too many keywords".to_string())?;
        let mut class = Box::new([0u8; 256]);
        let mut used = [false; 256];
        for &b in &bytes {
            used[b as usize] = true;
        }
        // Class 0 is every byte no keyword holds, unless keywords hold all 256.
        let mut classes = usize::from(used.contains(&false));
        for b in 0..256 {
            if used[b] {
                class[b] = classes as u8;
                classes += 1;
            }
        }
        if ascii_case_insensitive {
            for b in b'A'..=b'Z' {
                class[b as usize] = class[b.to_ascii_lowercase() as usize];
            }
        }
        // Sorted by their first `HEAD` bytes as one number, then by index (one integer each,
        // compared without a call); then each run that shares those bytes by all bytes.
        let mut keys: Vec<u128> = (0..count)
            .map(|k| {
                let keyword = &bytes[span(ends, k as usize)];
                let mut head = [0; 16];
                let len = keyword.len().min(HEAD);
                head[..len].copy_from_slice(&keyword[..len]);
                u128::from_be_bytes(head) | u128::from(k)
            })
            .collect();
        crate::sort::sort(&mut keys);
        let mut sorted: Vec<(&[u8], u32)> = keys
            .iter()
            .map(|&key| (&bytes[span(ends, key as u32 as usize)], key as u32))
            .collect();
        let mut run = 0;
        for at in 1..=keys.len() {
            if at == keys.len() || heads_shared(keys[at - 1], keys[at]) < HEAD {
                if at - run > 1 {
                    crate::sort::sort(&mut sorted[run..at]);
                }
                run = at;
            }
        }
        let keyword = |at: u32| sorted[at as usize].0;
        // How many first bytes each keyword shares with the one before it: as many as their
        // heads share, and if all, as many as the rest share too.
        let shared: Vec<u32> = (0..count as usize)
            .map(|at| {
                if at == 0 {
                    return 0;
                }
                let (a, b) = (keyword(at as u32 - 1), keyword(at as u32));
                let mut common = heads_shared(keys[at - 1], keys[at]);
                if common == HEAD {
                    common +=
                        common_prefix(a.get(HEAD..).unwrap_or(&[]), b.get(HEAD..).unwrap_or(&[]));
                }
                common.min(a.len()).min(b.len()) as u32
            })
            .collect();

        // Breadth first: a keyword makes the states `shared + 1..=len` bytes deep on its path
        // (the keyword before it made the shared ones). States are numbered by depth, and
        // within a depth in keyword order, so each state's children, made by consecutive
        // keywords, are consecutive and in byte order; a state is made by the first keyword
        // through it, so the keywords that end at a state come first among its makers.
        let longest = (0..ends.len())
            .map(|k| span(ends, k).len())
            .max()
            .unwrap_or(0);
        // First how many states each depth gains and loses (differences), then `next_at[d]`:
        // the next free state `d` bytes deep.
        let mut next_at = vec![0u32; longest + 2];
        for at in 0..count {
            let (from, to) = (shared[at as usize] as usize + 1, keyword(at).len() + 1);
            next_at[from] = next_at[from].wrapping_add(1);
            next_at[to] = next_at[to].wrapping_sub(1);
        }
        let mut made = 1;
        let mut deep = 0u32;
        for next in &mut next_at[1..=longest] {
            deep = deep.wrapping_add(*next);
            *next = made;
            made += deep;
        }
        let leaf = State {
            row: NO_ROW,
            first_child: 0,
            end_child: 0,
            fail: 0,
            output: 0,
        };
        let mut states = vec![leaf; made as usize];
        let mut label = vec![0u8; made as usize];
        let mut ends_here = vec![(0u32, 0u32); made as usize];
        // The states on the path of the current keyword, by depth.
        let mut path = vec![0u32; longest + 1];
        // Rows: the root's, and one per other state with `ROW_CHILDREN` children or more.
        let mut with_rows = 1;
        for at in 0..count {
            let keyword = keyword(at);
            for d in shared[at as usize] as usize + 1..=keyword.len() {
                let state = next_at[d];
                next_at[d] += 1;
                path[d] = state;
                let parent = &mut states[path[d - 1] as usize];
                if parent.end_child == 0 {
                    parent.first_child = state;
                }
                parent.end_child = state + 1;
                if parent.end_child - parent.first_child == ROW_CHILDREN && d > 1 {
                    with_rows += 1;
                }
                label[state as usize] = class[keyword[d - 1] as usize];
                ends_here[state as usize] = (at, at);
            }
            ends_here[path[keyword.len()] as usize].1 = at + 1;
        }

        let mut automaton = Keywords {
            class,
            classes,
            states: states.into_boxed_slice(),
            label: label.into_boxed_slice(),
            rows: vec![0; with_rows * classes].into_boxed_slice(),
            ends_here: ends_here.into_boxed_slice(),
            by_bytes: sorted.iter().map(|&(_, k)| k).collect(),
            lengths: (0..ends.len())
                .map(|k| span(ends, k).len() as u32)
                .collect(),
        };
        automaton.link();
        Ok(automaton)
    }

    /// Gives each state its failure, output and (if it has many children) row.
    fn link(&mut self) {
        let automaton = self;
        // Parents come before children, so each state's failure (and its failure's row) is
        // known before its own row and its children's failures.
        let mut rows_made = 0;
        for s in 0..automaton.states.len() {
            let State {
                first_child,
                end_child,
                fail,
                ..
            } = automaton.states[s];
            if s == 0 || end_child - first_child >= ROW_CHILDREN {
                automaton.add_row(s, rows_made * automaton.classes);
                rows_made += 1;
            }
            for child in first_child..end_child {
                let c = child as usize;
                let child_fail = if s == 0 {
                    0
                } else {
                    automaton.next(fail, automaton.label[c])
                };
                let (start, end) = automaton.ends_here[c];
                let output = if start < end {
                    child
                } else {
                    automaton.states[child_fail as usize].output
                };
                let state = &mut automaton.states[c];
                state.fail = child_fail;
                state.output = output;
            }
        }
    }

    /// Gives state `s` the row at `start`: its children, and elsewhere what its failure goes
    /// to (the root's row starts as all zeros).
    fn add_row(&mut self, s: usize, start: usize) {
        if s != 0 {
            self.fill_row_as(self.states[s].fail, start);
        }
        self.put_children(s as u32, start);
        self.states[s].row = start as u32;
    }

    /// Fills the row at `start` with the next states of state `s`: a copy of the row of the
    /// nearest state with one on its failure chain, then the children of the states after it
    /// on the chain, nearest last.
    fn fill_row_as(&mut self, s: u32, start: usize) {
        match self.states[s as usize].row {
            NO_ROW => {
                self.fill_row_as(self.states[s as usize].fail, start);
                self.put_children(s, start);
            }
            row => self
                .rows
                .copy_within(row as usize..row as usize + self.classes, start),
        }
    }

    /// Sets the children of state `s` in the row at `start`.
    fn put_children(&mut self, s: u32, start: usize) {
        let State {
            first_child,
            end_child,
            ..
        } = self.states[s as usize];
        for child in first_child..end_child {
            self.rows[start + self.label[child as usize] as usize] = child;
        }
    }

    /// The state after reading a byte of `class` in state `s`.
    #[inline(always)]
    fn next(&self, mut s: u32, class: u8) -> u32 {
        loop {
            let state = &self.states[s as usize];
            if state.row != NO_ROW {
                return self.rows[state.row as usize + class as usize];
            }
            if let Some(child) = self.child(state, class) {
                return child;
            }
            s = state.fail;
        }
    }

    /// The state after reading a byte of `class` in `state`, which has no row.
    #[inline(always)]
    fn next_of(&self, state: &State, class: u8) -> u32 {
        match self.child(state, class) {
            Some(child) => child,
            None => self.next(state.fail, class),
        }
    }

    /// The child of `state` reached by a byte of `class`, if any: its children's labels are
    /// one slice.
    #[inline(always)]
    fn child(&self, state: &State, class: u8) -> Option<u32> {
        let labels = &self.label[state.first_child as usize..state.end_child as usize];
        labels
            .iter()
            .position(|&label| label == class)
            .map(|at| state.first_child + at as u32)
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

    /// Calls `found` with every match, overlapping ones included, in the order of
    /// `find_overlapping_iter`; cheaper than the iterator, which keeps its place between calls.
    pub fn for_each_overlapping(&self, text: &str, mut found: impl FnMut(Match)) {
        let (mut at, mut state) = (0, 0);
        loop {
            let mut reporting = self.run_to_output(text.as_bytes(), &mut at, &mut state);
            if reporting == 0 {
                return;
            }
            while reporting != 0 {
                let (first, end) = self.ends_here[reporting as usize];
                for &pattern in &self.by_bytes[first as usize..end as usize] {
                    found(self.to_output(pattern, at));
                }
                let fail = self.states[reporting as usize].fail;
                reporting = self.states[fail as usize].output;
            }
        }
    }

    /// Reads `text` from `*at` in `*state` up to the first state where a keyword ends, and
    /// returns its `output`; 0 when the text ends first.
    fn run_to_output(&self, text: &[u8], at: &mut usize, state: &mut u32) -> u32 {
        // The current state is loaded once per byte: its row or children give the next.
        let mut next = *state;
        let mut current = self.states[next as usize];
        let mut read = 0;
        let mut output = 0;
        for &byte in &text[*at..] {
            read += 1;
            let class = self.class[byte as usize];
            next = if current.row != NO_ROW {
                self.rows[current.row as usize + class as usize]
            } else {
                self.next_of(&current, class)
            };
            current = self.states[next as usize];
            if current.output != 0 {
                output = current.output;
                break;
            }
        }
        (*at, *state) = (*at + read, next);
        output
    }

    /// The match of keyword `pattern` ending after `end` bytes.
    #[inline(always)]
    fn to_output(&self, pattern: u32, end: usize) -> Match {
        Match {
            pattern,
            start: end - self.lengths[pattern as usize] as usize,
            end,
        }
    }

    /// Whether any keyword occurs in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.find_overlapping_iter(text).next().is_some()
    }

    /// Leftmost-longest matches, left to right: of the matches that start first, the longest
    /// (the lowest index among equal keywords); the search goes on after its end.
    pub fn find_iter(&self, text: &str) -> std::vec::IntoIter<Match> {
        let mut found = Vec::new();
        self.for_each_overlapping(text, |m| found.push(m));
        leftmost_longest(&mut found);
        found.into_iter()
    }

    /// Heap bytes the automaton holds.
    pub fn memory_usage(&self) -> usize {
        std::mem::size_of::<[u8; 256]>()
            + std::mem::size_of::<State>() * self.states.len()
            + self.label.len()
            + 4 * (self.rows.len() + self.by_bytes.len() + self.lengths.len())
            + 8 * self.ends_here.len()
    }
}

/// Keeps, of overlapping matches, the leftmost-longest ones (see `Keywords::find_iter`), left
/// to right.
pub fn leftmost_longest(found: &mut Vec<Match>) {
    crate::sort::sort_by_key(found, |m| (m.start, std::cmp::Reverse(m.end), m.pattern));
    let mut taken_to = 0;
    found.retain(|m| {
        let take = m.start >= taken_to;
        if take {
            taken_to = m.end;
        }
        take
    });
}

/// The bytes of keyword `k` in the buffer `Keywords::of_concatenated` reads.
#[inline(always)]
fn span(ends: &[usize], k: usize) -> std::ops::Range<usize> {
    match k {
        0 => 0..ends[0],
        _ => ends[k - 1]..ends[k],
    }
}

/// How many first bytes two keywords' sort keys (their first `HEAD` bytes, then their index
/// in the low 32 bits) share.
#[inline(always)]
fn heads_shared(a: u128, b: u128) -> usize {
    ((a ^ b) >> 32).leading_zeros() as usize / 8 - 4
}

/// How many first bytes `a` and `b` share.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
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
                    return Some(automaton.to_output(pattern, self.at));
                }
                let fail = automaton.states[self.reporting as usize].fail;
                self.reporting = automaton.states[fail as usize].output;
                self.next_keyword = automaton.ends_here[self.reporting as usize].0;
                continue;
            }
            self.reporting = automaton.run_to_output(self.text, &mut self.at, &mut self.state);
            if self.reporting == 0 {
                return None;
            }
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
    fn keywords_that_are_prefixes_or_repeats_of_others_all_match() {
        let keywords = ["a", "ab", "a", "abc", "b"];
        assert_eq!(
            overlapping(&keywords, "abcab"),
            vec![
                (0, 0, 1),
                (0, 3, 4),
                (1, 0, 2),
                (1, 3, 5),
                (2, 0, 1),
                (2, 3, 4),
                (3, 0, 3),
                (4, 1, 2),
                (4, 4, 5)
            ]
        );
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
    fn for_each_overlapping_yields_what_the_iterator_yields_in_its_order() {
        let pattern_sets: [(&[&str], bool); 4] = [
            // Nested and overlapping phrases, repeats, a prefix and suffixes of others.
            (
                &[
                    "third party",
                    "third",
                    "party",
                    "third parties",
                    "parties",
                    "part",
                    "art",
                    "third party",
                    "data",
                    "personal data",
                    "sonal",
                    "a",
                ],
                false,
            ),
            // Folded and stemmed phrases, with the spaces that mark whole words.
            (
                &[
                    " we collect ",
                    " collect ",
                    " cookie ",
                    " cookie ",
                    " we ",
                    " e ",
                    " opt out ",
                    " out ",
                    " sell ",
                    " share ",
                    " share",
                ],
                false,
            ),
            // Case ignored; one phrase a suffix chain of another.
            (
                &[
                    "Google Analytics",
                    "analytics",
                    "lytics",
                    "ics",
                    "s",
                    "Google",
                    "OGLE",
                ],
                true,
            ),
            // Many children at the root and below, so rows and child lists both take part.
            (
                &[
                    "ab", "ac", "ad", "ae", "af", "abc", "abd", "abe", "bc", "bcd", "cd", "d", "e",
                ],
                false,
            ),
        ];
        let texts = [
            "",
            "We may share your personal data with third parties, e.g. Google Analytics.",
            " we collect cookie data we share with partners you can opt out we do not sell ",
            "Third-party cookies: a part of the art of the parties' data; GOOGLE ANALYTICS.",
            "abcdeabcbcdacadaeafabdabe dd ee données été 日本語 abc",
        ];
        for (patterns, ignore_case) in pattern_sets {
            let automaton = Keywords::new(patterns, ignore_case).unwrap();
            // Matches that end where another ends: nested or repeated keywords.
            let mut sharing_an_end = 0;
            for text in texts {
                let iterated: Vec<Match> = automaton.find_overlapping_iter(text).collect();
                let mut called = Vec::new();
                automaton.for_each_overlapping(text, |m| called.push(m));
                assert_eq!(called, iterated, "{patterns:?} on {text:?}");
                sharing_an_end += called.windows(2).filter(|w| w[0].end == w[1].end).count();
            }
            assert!(sharing_an_end >= 3, "{patterns:?}");
        }
    }

    #[test]
    fn an_empty_keyword_is_an_error() {
        assert_eq!(
            Keywords::new(["a", ""], false).err().as_deref(),
            Some("keyword 2 is empty")
        );
    }
}
