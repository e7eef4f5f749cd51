//! A small regular-expression matcher for the fact tables and date cues: the part of the
//! `regex` crate's syntax they use, with the same leftmost-first matches, built in
//! microseconds. It keeps a regex compiler out of start-up and out of the wasm.
//!
//! Syntax: literals, `.`, classes (`[a-z_]`, `[^.;]`), `\b`, `\w`, `\d`, `\s`, escaped
//! punctuation, groups (`(…)`, `(?:…)`, `(?P<name>…)`, `(?-u:…)` for ASCII `\b` and `\w`),
//! alternation, `^`, and the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, each greedy
//! or lazy. Differences from `regex`: `\d` is ASCII digits, and a Unicode word character is
//! `char::is_alphanumeric` or `_` (no combining marks).
//!
//! Matching backtracks in priority order and remembers which (branch point, position) pairs
//! already failed, so a search takes at most branch points × text length steps, like
//! regex-automata's bounded backtracker.

use std::cell::RefCell;

/// How `\b`, `\w` and negated classes read letters outside ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Letters {
    /// As the `regex` crate does by default.
    Unicode,
    /// `\b` and `\w` see only ASCII word characters, and a negated class (`[^.;]`) matches
    /// only ASCII characters: a gap ends at the first non-ASCII letter.
    Ascii,
}

/// A compiled pattern.
pub struct Pattern {
    // Boxed slices: indexing them needs no call in the size-optimized wasm (`Vec`'s does).
    program: Box<[Inst]>,
    classes: Box<[Class]>,
    dispatch: Box<[Dispatch]>,
    /// Branch points (splits and dispatches), each remembered per text position.
    branch_points: usize,
    /// Capture groups, not counting the whole match.
    groups: usize,
    names: Vec<(String, usize)>,
    /// What a match can start with: a search skips every other position.
    first: First,
    /// The first bytes of every match, when they are few: a search runs the program only
    /// where one of them begins.
    starts: Option<Starts>,
    /// Byte strings one of which every match holds (see `required_literals`), as
    /// `Prefix::to_bytes` gives them.
    required: Option<Box<[[u8; 8]]>>,
}

/// A match: byte offsets into the searched text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The groups of one match; group 0 is the whole match.
pub struct Captures<'t, 'p> {
    text: &'t str,
    /// Start and end of each group; `usize::MAX` where a group took no part.
    slots: Vec<usize>,
    names: &'p [(String, usize)],
}

impl<'t> Captures<'t, '_> {
    pub fn get(&self, group: usize) -> Option<Match<'t>> {
        let (start, end) = (*self.slots.get(2 * group)?, *self.slots.get(2 * group + 1)?);
        (start != UNSET && end != UNSET).then_some(Match {
            text: self.text,
            start,
            end,
        })
    }

    pub fn name(&self, name: &str) -> Option<Match<'t>> {
        let (_, group) = self.names.iter().find(|(n, _)| n == name)?;
        self.get(*group)
    }
}

impl<'t> std::ops::Index<usize> for Captures<'t, '_> {
    type Output = str;

    /// The text of `group`; panics when it took no part in the match, as `regex` does.
    fn index(&self, group: usize) -> &str {
        self.get(group)
            .unwrap_or_else(|| panic!("group {group} took no part in the match"))
            .as_str()
    }
}

impl<'t> std::ops::Index<&str> for Captures<'t, '_> {
    type Output = str;

    /// The text of the group `name`; panics when it took no part in the match, as `regex` does.
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .unwrap_or_else(|| panic!("group {name:?} took no part in the match"))
            .as_str()
    }
}

const UNSET: usize = usize::MAX;

impl Pattern {
    /// Compiles `pattern` with Unicode `\b`, `\w` and classes, as `regex::Regex::new` does.
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        Pattern::with_letters(pattern, Letters::Unicode)
    }

    pub fn with_letters(pattern: &str, letters: Letters) -> Result<Pattern, String> {
        Pattern::compile(pattern, letters, false)
            .map_err(|e| format!("bad pattern {pattern:?}: {e}"))
    }

    fn compile(pattern: &str, letters: Letters, literals: bool) -> Result<Pattern, String> {
        let mut parser = Parser {
            // As many characters as bytes at most: no growing step by step.
            chars: {
                let mut chars = Vec::with_capacity(pattern.len());
                chars.extend(pattern.chars());
                chars
            },
            at: 0,
            // At most about one node per character: grown once, not step by step.
            nodes: Vec::with_capacity(pattern.len()),
            pending: Vec::with_capacity(pattern.len()),
            classes: Vec::new(),
            groups: 0,
            names: Vec::new(),
        };
        let node = parser.alternation(letters)?;
        if parser.at < parser.chars.len() {
            return Err("unopened group".into());
        }
        let mut compiler = Compiler {
            chars: parser.chars,
            nodes: parser.nodes,
            classes: parser.classes,
            // About one instruction per pattern character, and room for the splits.
            program: Vec::with_capacity(2 * pattern.len()),
            ..Compiler::default()
        };
        compiler.node(node);
        compiler.program.push(Inst::Match);
        Ok(Pattern {
            starts: Starts::of(&compiler),
            first: compiler.first(node),
            required: literals
                .then(|| required_literals(&compiler, node))
                .flatten(),
            program: compiler.program.into_boxed_slice(),
            classes: compiler.classes.into_boxed_slice(),
            dispatch: compiler.dispatch.into_boxed_slice(),
            branch_points: compiler.branch_points,
            groups: parser.groups,
            names: parser.names,
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.search(text, 0, &mut []).is_some()
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.search(text, 0, &mut [])
            .map(|(start, end)| Match { text, start, end })
    }

    /// Successive non-overlapping matches, left to right.
    pub fn find_iter<'t, 'p>(&'p self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'p
    where
        't: 'p,
    {
        self.captures_iter(text)
            .map(|c| c.get(0).expect("group 0 is the whole match"))
    }

    /// The groups of successive non-overlapping matches, left to right.
    pub fn captures_iter<'t, 'p>(
        &'p self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t, 'p>> + 'p
    where
        't: 'p,
    {
        let mut from = 0;
        let mut last_end = None;
        std::iter::from_fn(move || loop {
            if from > text.len() {
                return None;
            }
            let mut slots = vec![UNSET; 2 * (self.groups + 1)];
            let (start, end) = self.search(text, from, &mut slots[2..])?;
            // An empty match right where the last one ended is skipped, as in `regex`.
            if start == end && last_end == Some(end) {
                from = end + char_len(text, end);
                continue;
            }
            from = if start == end {
                end + char_len(text, end)
            } else {
                end
            };
            last_end = Some(end);
            slots[0] = start;
            slots[1] = end;
            return Some(Captures {
                text,
                slots,
                names: &self.names,
            });
        })
    }

    /// The first match at or after `from`, filling `slots` (groups 1.. as start/end pairs)
    /// as far as it has room.
    fn search(&self, text: &str, from: usize, slots: &mut [usize]) -> Option<(usize, usize)> {
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            scratch.memo.reset(self.branch_points * (text.len() + 1));
            let bytes = text.as_bytes();
            let mut at = from;
            while at <= text.len() {
                if let Some(starts) = &self.starts {
                    at = starts.next(bytes, at)?;
                }
                let possible = match bytes.get(at) {
                    Some(&b) => self.first.admits(b),
                    None => self.first.empty,
                };
                if possible {
                    if let Some(end) = self.run(text, at, slots, scratch) {
                        return Some((at, end));
                    }
                }
                at += char_len(text, at);
            }
            None
        })
    }

    /// Runs the program from `start`; the end of the highest-priority match.
    fn run(
        &self,
        text: &str,
        start: usize,
        slots: &mut [usize],
        scratch: &mut Scratch,
    ) -> Option<usize> {
        let stride = text.len() + 1;
        let stack = &mut scratch.stack;
        stack.clear();
        stack.push(Frame::Step(0, start));
        while let Some(frame) = stack.pop() {
            let (mut pc, mut at) = match frame {
                Frame::Step(pc, at) => (pc, at),
                Frame::Restore(slot, value) => {
                    slots[slot] = value;
                    continue;
                }
            };
            loop {
                match &self.program[pc] {
                    Inst::Char(c) => match next_char(text, at) {
                        Some((n, len)) if n == *c => {
                            pc += 1;
                            at += len;
                        }
                        _ => break,
                    },
                    Inst::Class(class) => match next_char(text, at) {
                        Some((n, len)) if self.classes[*class].matches(n) => {
                            pc += 1;
                            at += len;
                        }
                        _ => break,
                    },
                    Inst::Look(look) => {
                        if !look.holds(text, at) {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::Split {
                        first,
                        second,
                        point,
                    } => {
                        if !scratch.memo.first_visit(point * stride + at) {
                            break;
                        }
                        stack.push(Frame::Step(*second, at));
                        pc = *first;
                    }
                    Inst::Dispatch { table, point } => {
                        if !scratch.memo.first_visit(point * stride + at) {
                            break;
                        }
                        let arms = self.dispatch[*table].arms(text.as_bytes().get(at).copied());
                        let Some((&first_arm, rest)) = arms.split_first() else {
                            break;
                        };
                        stack.extend(rest.iter().rev().map(|&arm| Frame::Step(arm, at)));
                        pc = first_arm;
                    }
                    Inst::Jump(to) => pc = *to,
                    Inst::Save(slot) => {
                        if let Some(value) = slots.get_mut(*slot) {
                            stack.push(Frame::Restore(*slot, *value));
                            *value = at;
                        }
                        pc += 1;
                    }
                    Inst::Match => return Some(at),
                }
            }
        }
        None
    }
}

enum Inst {
    Char(char),
    Class(usize),
    Look(Look),
    /// Try `first`, then `second`.
    Split {
        first: usize,
        second: usize,
        point: usize,
    },
    /// An alternation of many arms: only the arms that can start with the next byte, in order.
    Dispatch {
        table: usize,
        point: usize,
    },
    Jump(usize),
    /// Group slots count from group 1's start (slot 0).
    Save(usize),
    Match,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Look {
    Start,
    AsciiWordBoundary,
    WordBoundary,
}

impl Look {
    fn holds(self, text: &str, at: usize) -> bool {
        match self {
            Look::Start => at == 0,
            Look::AsciiWordBoundary => {
                let bytes = text.as_bytes();
                let before = at > 0 && is_ascii_word(bytes[at - 1]);
                let after = bytes.get(at).is_some_and(|&b| is_ascii_word(b));
                before != after
            }
            Look::WordBoundary => {
                let before = text[..at].chars().next_back().is_some_and(is_word);
                let after = text[at..].chars().next().is_some_and(is_word);
                before != after
            }
        }
    }
}

fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A character class, negation applied: a bit per ASCII character, and a rule for the rest.
struct Class {
    ascii: u128,
    beyond_ascii: Beyond,
}

struct Beyond {
    ranges: Vec<(char, char)>,
    word: bool,
    space: bool,
    any: bool,
    negated: bool,
}

impl Beyond {
    fn none() -> Beyond {
        Beyond {
            ranges: Vec::new(),
            word: false,
            space: false,
            any: false,
            negated: false,
        }
    }

    fn can_match(&self) -> bool {
        self.negated || self.any || self.word || self.space || !self.ranges.is_empty()
    }
}

impl Class {
    /// The bytes of a class of a few ASCII characters.
    fn members(&self) -> Option<Vec<u8>> {
        if self.beyond_ascii.can_match() || self.ascii.count_ones() > 8 {
            return None;
        }
        Some((0..128u8).filter(|&b| self.ascii & (1 << b) != 0).collect())
    }

    fn matches(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii & (1 << c as u32) != 0;
        }
        let b = &self.beyond_ascii;
        let inside = b.any
            || b.word && is_word(c)
            || b.space && c.is_whitespace()
            || b.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
        inside != b.negated
    }
}

/// The ASCII bytes of `\w`, `\d`, `\s` and `.`, as bits (worked out at compile time: a
/// 128-bit shift per byte was a noticeable part of start-up in the wasm).
const WORD_BITS: u128 =
    ascii_bits(b'0', b'9') | ascii_bits(b'A', b'Z') | ascii_bits(b'a', b'z') | 1 << b'_';
const DIGIT_BITS: u128 = ascii_bits(b'0', b'9');
const SPACE_BITS: u128 = ascii_bits(b'\t', b'\r') | 1 << b' ';
const DOT_BITS: u128 = !(1 << b'\n');

/// The bits of the bytes `lo..=hi` (ASCII).
const fn ascii_bits(lo: u8, hi: u8) -> u128 {
    (u128::MAX >> (127 - (hi - lo))) << lo
}

/// A parsed pattern's node. Inner nodes are kept in one list (`Parser::nodes`), so a parse
/// makes no allocation per node: `Group` and `Repeat` name their inner node's index there,
/// `Concat` and `Alternation` the range of their items.
#[derive(Clone, Copy)]
enum Node {
    Empty,
    Char(char),
    /// Plain characters `chars[start..end]` of the pattern, matched one after another.
    Literal(u32, u32),
    /// An index into the parser's classes.
    Class(usize),
    Look(Look),
    Group(u32, Option<usize>),
    Concat(u32, u32),
    Alternation(u32, u32),
    Repeat {
        node: u32,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    nodes: Vec<Node>,
    /// The items of the concatenations and alternations being parsed, innermost last.
    pending: Vec<Node>,
    classes: Vec<Class>,
    groups: usize,
    names: Vec<(String, usize)>,
}

/// Counted repetitions above this are refused: each copy is compiled out.
const MAX_REPEAT: u32 = 1000;

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let yes = self.peek() == Some(c);
        self.at += yes as usize;
        yes
    }

    /// Keeps `node` in `nodes`; its index.
    fn keep(&mut self, node: Node) -> u32 {
        self.nodes.push(node);
        self.nodes.len() as u32 - 1
    }

    /// Moves the pending items from `base` on into `nodes`; their range there.
    fn keep_pending(&mut self, base: usize) -> (u32, u32) {
        let start = self.nodes.len() as u32;
        // Copied, then cut: a drain moves them one call at a time in the size-optimized wasm.
        self.nodes.extend_from_slice(&self.pending[base..]);
        self.pending.truncate(base);
        (start, self.nodes.len() as u32)
    }

    fn alternation(&mut self, letters: Letters) -> Result<Node, String> {
        let base = self.pending.len();
        let arm = self.concat(letters)?;
        self.pending.push(arm);
        while self.eat('|') {
            let arm = self.concat(letters)?;
            self.pending.push(arm);
        }
        Ok(if self.pending.len() == base + 1 {
            self.pending.pop().expect("one arm")
        } else {
            let (start, end) = self.keep_pending(base);
            Node::Alternation(start, end)
        })
    }

    fn concat(&mut self, letters: Letters) -> Result<Node, String> {
        let base = self.pending.len();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let item = match self.literal() {
                Some(literal) => literal,
                None => {
                    let atom = self.atom(letters)?;
                    self.quantified(atom)?
                }
            };
            self.pending.push(item);
        }
        Ok(match self.pending.len() - base {
            0 => Node::Empty,
            1 => self.pending.pop().expect("one item"),
            _ => {
                let (start, end) = self.keep_pending(base);
                Node::Concat(start, end)
            }
        })
    }

    /// The plain characters from here on, short of one that a quantifier follows (`users?`
    /// is `user` then `s?`); none when the next character is not plain.
    fn literal(&mut self) -> Option<Node> {
        let start = self.at;
        let mut end = start;
        while self.chars.get(end).is_some_and(|&c| is_plain(c)) {
            end += 1;
        }
        if end > start && self.chars.get(end).is_some_and(|&c| is_quantifier(c)) {
            end -= 1;
        }
        if end <= start {
            return None;
        }
        self.at = end;
        Some(Node::Literal(start as u32, end as u32))
    }

    fn quantified(&mut self, mut node: Node) -> Result<Node, String> {
        loop {
            let (min, max) = match self.peek() {
                Some('?') => (0, Some(1)),
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('{') => {
                    self.at += 1;
                    self.counts()?
                }
                _ => return Ok(node),
            };
            self.at += 1;
            if matches!(node, Node::Look(_) | Node::Empty) {
                return Err("repetition of nothing".into());
            }
            let greedy = !self.eat('?');
            node = Node::Repeat {
                node: self.keep(node),
                min,
                max,
                greedy,
            };
        }
    }

    /// `n}`, `n,}` or `n,m}` after `{`; leaves `at` on the `}`.
    fn counts(&mut self) -> Result<(u32, Option<u32>), String> {
        let min = self.number().ok_or("repetition expects a number")?;
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.number().ok_or("repetition expects a number")?)
            }
        } else {
            Some(min)
        };
        if self.peek() != Some('}') {
            return Err("unclosed repetition".into());
        }
        if max.is_some_and(|max| max < min) || min.max(max.unwrap_or(0)) > MAX_REPEAT {
            return Err("invalid repetition counts".into());
        }
        Ok((min, max))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits = &self.chars[start..self.at];
        if digits.is_empty() {
            return None;
        }
        digits
            .iter()
            .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(c.to_digit(10)?))
    }

    fn atom(&mut self, letters: Letters) -> Result<Node, String> {
        let c = self.peek().ok_or("unexpected end")?;
        self.at += 1;
        Ok(match c {
            '(' => self.group(letters)?,
            '[' => {
                let class = self.class(letters)?;
                self.class_node(class)
            }
            '.' => self.class_node(Class {
                ascii: DOT_BITS,
                beyond_ascii: Beyond {
                    any: true,
                    ..Beyond::none()
                },
            }),
            '^' => Node::Look(Look::Start),
            '\\' => self.escape(letters)?,
            '*' | '+' | '?' | '{' => return Err(format!("{c} repeats nothing")),
            '$' => return Err("`$` is not supported".into()),
            c => Node::Char(c),
        })
    }

    fn class_node(&mut self, class: Class) -> Node {
        self.classes.push(class);
        Node::Class(self.classes.len() - 1)
    }

    fn group(&mut self, letters: Letters) -> Result<Node, String> {
        let (letters, capture) = if self.eat('?') {
            if self.eat(':') {
                (letters, None)
            } else if self.eat('-') && self.eat('u') && self.eat(':') {
                (Letters::Ascii, None)
            } else if self.eat('P') && self.eat('<') {
                let start = self.at;
                while self.peek().is_some_and(|c| c != '>') {
                    self.at += 1;
                }
                let name: String = self.chars[start..self.at].iter().collect();
                if !self.eat('>') || name.is_empty() {
                    return Err("bad group name".into());
                }
                self.groups += 1;
                self.names.push((name, self.groups));
                (letters, Some(self.groups))
            } else {
                return Err("unsupported group flags".into());
            }
        } else {
            self.groups += 1;
            (letters, Some(self.groups))
        };
        let inner = self.alternation(letters)?;
        if !self.eat(')') {
            return Err("unclosed group".into());
        }
        Ok(Node::Group(self.keep(inner), capture))
    }

    fn escape(&mut self, letters: Letters) -> Result<Node, String> {
        let c = self.peek().ok_or("trailing backslash")?;
        self.at += 1;
        Ok(match c {
            'b' => Node::Look(match letters {
                Letters::Unicode => Look::WordBoundary,
                Letters::Ascii => Look::AsciiWordBoundary,
            }),
            'w' | 'd' | 's' => {
                let mut class = ClassBuilder::default();
                class.perl(c, letters);
                self.class_node(class.build(false, letters))
            }
            c => Node::Char(escaped(c)?),
        })
    }

    /// After `[`: items up to the closing `]`.
    fn class(&mut self, letters: Letters) -> Result<Class, String> {
        let negated = self.eat('^');
        Ok(self.class_items(letters)?.build(negated, letters))
    }

    /// The items of a class up to its closing `]`; a nested class (`[[yY][iI]]`) adds its own.
    fn class_items(&mut self, letters: Letters) -> Result<ClassBuilder, String> {
        let mut class = ClassBuilder::default();
        let mut first = true;
        loop {
            let c = self.peek().ok_or("unclosed class")?;
            self.at += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = match c {
                '[' if self.peek() == Some('^') => return Err("negated nested class".into()),
                '[' => {
                    class.union(self.class_items(letters)?);
                    continue;
                }
                '\\' => {
                    let e = self.peek().ok_or("unclosed class")?;
                    self.at += 1;
                    if matches!(e, 'w' | 'd' | 's') {
                        class.perl(e, letters);
                        continue;
                    }
                    escaped(e)?
                }
                c => c,
            };
            let ranged =
                self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']');
            if ranged {
                self.at += 1;
                let mut hi = self.peek().ok_or("unclosed class")?;
                self.at += 1;
                if hi == '\\' {
                    hi = escaped(self.peek().ok_or("unclosed class")?)?;
                    self.at += 1;
                }
                if hi < lo {
                    return Err("class range out of order".into());
                }
                class.range(lo, hi);
            } else {
                class.range(lo, lo);
            }
        }
        Ok(class)
    }
}

/// A character that stands for itself outside a class.
fn is_plain(c: char) -> bool {
    !matches!(
        c,
        '\\' | '(' | ')' | '[' | '{' | '|' | '.' | '^' | '$' | '*' | '+' | '?'
    )
}

fn is_quantifier(c: char) -> bool {
    matches!(c, '?' | '*' | '+' | '{')
}

/// The character an escape like `\.` stands for.
fn escaped(c: char) -> Result<char, String> {
    match c {
        't' => Ok('\t'),
        'n' => Ok('\n'),
        c if c.is_ascii_punctuation() => Ok(c),
        c => Err(format!("unsupported escape \\{c}")),
    }
}

#[derive(Default)]
struct ClassBuilder {
    ascii: u128,
    ranges: Vec<(char, char)>,
    word: bool,
    space: bool,
}

impl ClassBuilder {
    fn range(&mut self, lo: char, hi: char) {
        for b in lo as u32..=(hi as u32).min(127) {
            self.ascii |= 1 << b;
        }
        if hi as u32 > 127 {
            self.ranges.push((lo.max('\u{80}'), hi));
        }
    }

    fn union(&mut self, other: ClassBuilder) {
        self.ascii |= other.ascii;
        self.ranges.extend(other.ranges);
        self.word |= other.word;
        self.space |= other.space;
    }

    /// `\w`, `\d` or `\s`.
    fn perl(&mut self, c: char, letters: Letters) {
        let unicode = letters == Letters::Unicode;
        match c {
            'w' => {
                self.ascii |= WORD_BITS;
                self.word |= unicode;
            }
            'd' => self.ascii |= DIGIT_BITS,
            _ => {
                self.ascii |= SPACE_BITS;
                self.space |= unicode;
            }
        }
    }

    fn build(self, negated: bool, letters: Letters) -> Class {
        let beyond = Beyond {
            ranges: self.ranges,
            word: self.word,
            space: self.space,
            any: false,
            negated,
        };
        Class {
            ascii: if negated { !self.ascii } else { self.ascii },
            beyond_ascii: if negated && letters == Letters::Ascii {
                Beyond::none()
            } else {
                beyond
            },
        }
    }
}

/// The bytes a match can start with.
#[derive(Clone, Copy, Debug, PartialEq)]
struct First {
    ascii: u128,
    beyond_ascii: bool,
    /// The match can be empty (so it can start anywhere, also at the end).
    empty: bool,
}

impl First {
    fn admits(&self, byte: u8) -> bool {
        self.empty
            || if byte < 128 {
                self.ascii & (1 << byte) != 0
            } else {
                self.beyond_ascii
            }
    }

    /// Calls `f` with each dispatch index (ASCII byte, `BEYOND_ASCII`, `END_OF_TEXT`) a
    /// match can start at.
    fn each_index(&self, mut f: impl FnMut(usize)) {
        if self.empty {
            (0..=END_OF_TEXT).for_each(f);
            return;
        }
        let mut ascii = self.ascii;
        while ascii != 0 {
            f(ascii.trailing_zeros() as usize);
            ascii &= ascii - 1;
        }
        if self.beyond_ascii {
            f(BEYOND_ASCII);
        }
    }

    fn union(self, other: First) -> First {
        First {
            ascii: self.ascii | other.ascii,
            beyond_ascii: self.beyond_ascii | other.beyond_ascii,
            empty: self.empty | other.empty,
        }
    }
}

const NOTHING: First = First {
    ascii: 0,
    beyond_ascii: false,
    empty: false,
};

fn first_of_char(c: char) -> First {
    First {
        ascii: if c.is_ascii() { 1 << c as u32 } else { 0 },
        beyond_ascii: !c.is_ascii(),
        empty: false,
    }
}

/// Most start literals a pattern keeps, their length, and the program steps spent finding them.
const MAX_START_LITERALS: usize = 512;
const START_LITERAL_BYTES: usize = 4;
const START_LITERAL_STEPS: usize = 20_000;

/// The first bytes (up to 4) of every match, sorted.
struct Starts {
    /// Each literal as a number (its bytes little-endian, the rest 0) and the mask of its
    /// length, for comparing with a text's first 4 bytes at once.
    heads: Vec<(u32, u32)>,
    /// The first literal that begins with each byte (`NO_LITERAL`: none); the others
    /// follow it.
    first_with: [u16; 256],
}

/// `Starts::first_with` of a byte no literal begins with.
const NO_LITERAL: u16 = u16::MAX;

impl Starts {
    /// Follows every path of the program from its start until it has read 4 bytes; `None`
    /// when a match can be empty or begin with too many different texts.
    fn of(compiler: &Compiler) -> Option<Starts> {
        let program = &compiler.program;
        // Room for what most patterns need: few grow beyond.
        let mut literals = Vec::with_capacity(64);
        let mut paths = Vec::with_capacity(64);
        paths.push((0, [0; START_LITERAL_BYTES], 0));
        let mut steps = 0;
        while let Some((mut pc, mut literal, mut len)) = paths.pop() {
            loop {
                steps += 1;
                if steps > START_LITERAL_STEPS || literals.len() > MAX_START_LITERALS {
                    return None;
                }
                if len == START_LITERAL_BYTES {
                    literals.push((literal, len));
                    break;
                }
                match &program[pc] {
                    Inst::Char(c) => {
                        for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
                            if len < START_LITERAL_BYTES {
                                literal[len] = b;
                                len += 1;
                            }
                        }
                        pc += 1;
                    }
                    Inst::Class(class) => {
                        let members = compiler.classes[*class].members();
                        let Some((&first, rest)) = members.as_deref().and_then(<[u8]>::split_first)
                        else {
                            if len == 0 {
                                return None;
                            }
                            literals.push((literal, len));
                            break;
                        };
                        for &b in rest {
                            let mut other = literal;
                            other[len] = b;
                            paths.push((pc + 1, other, len + 1));
                        }
                        literal[len] = first;
                        len += 1;
                        pc += 1;
                    }
                    Inst::Look(_) | Inst::Save(_) => pc += 1,
                    Inst::Jump(to) => pc = *to,
                    Inst::Split { first, second, .. } => {
                        paths.push((*second, literal, len));
                        pc = *first;
                    }
                    Inst::Dispatch { table, .. } => {
                        let arms = &compiler.dispatch[*table].starting;
                        // No arm can start here: this path matches nothing.
                        let Some((&first, rest)) = arms.split_first() else {
                            break;
                        };
                        paths.extend(rest.iter().map(|&arm| (arm, literal, len)));
                        pc = first;
                    }
                    Inst::Match => {
                        if len == 0 {
                            return None;
                        }
                        literals.push((literal, len));
                        break;
                    }
                }
            }
        }
        // Sorted as integers (the bytes big-endian, then the length): byte order, in less
        // code than sorting the pairs.
        let mut keys: Vec<u64> = literals
            .iter()
            .map(|&(literal, len)| u64::from(u32::from_be_bytes(literal)) << 8 | len as u64)
            .collect();
        crate::sort::sort(&mut keys);
        keys.dedup();
        let heads = keys
            .iter()
            .map(|&key| {
                let (literal, len) = ((key >> 8) as u32, key as u8 as usize);
                let mask = u32::MAX >> (8 * (START_LITERAL_BYTES - len));
                (literal.swap_bytes() & mask, mask)
            })
            .collect();
        let mut first_with = [NO_LITERAL; 256];
        for (at, &key) in keys.iter().enumerate().rev() {
            first_with[(key >> 32) as u8 as usize] = at as u16;
        }
        Some(Starts { heads, first_with })
    }

    /// The first position at or after `from` where a literal begins.
    fn next(&self, text: &[u8], from: usize) -> Option<usize> {
        (from..text.len()).find(|&at| {
            let first = self.first_with[text[at] as usize];
            first != NO_LITERAL && self.begin(&text[at..], first as usize)
        })
    }

    /// True when one of the literals from `heads[first]` on that begin with `text[0]` begins
    /// `text`.
    fn begin(&self, text: &[u8], first: usize) -> bool {
        let (head, text_mask) = match text.first_chunk::<START_LITERAL_BYTES>() {
            Some(&head) => (u32::from_le_bytes(head), u32::MAX),
            None => {
                let mut head = [0; START_LITERAL_BYTES];
                head[..text.len()].copy_from_slice(text);
                // A literal longer than the text does not begin it, even where the padding
                // equals it.
                let text_mask = u32::MAX >> (8 * (START_LITERAL_BYTES - text.len()));
                (u32::from_le_bytes(head), text_mask)
            }
        };
        self.heads[first..]
            .iter()
            .take_while(|&&(value, _)| value as u8 == text[0])
            .any(|&(value, mask)| mask & !text_mask == 0 && head & mask == value)
    }
}

/// For an alternation of many arms: the arms (program counters, in order) that can start with
/// each ASCII byte, with any other byte, and at the end of the text.
struct Dispatch {
    /// The arms for index `i` are `arms[bounds[i]..bounds[i + 1]]`.
    bounds: [usize; END_OF_TEXT + 2],
    arms: Box<[usize]>,
    /// Every arm that some index has, once, in order.
    starting: Vec<usize>,
}

/// Alternations with more arms than this dispatch on the next byte.
const DISPATCH_ARMS: usize = 4;
const BEYOND_ASCII: usize = 128;
const END_OF_TEXT: usize = 129;

impl Dispatch {
    fn arms(&self, next: Option<u8>) -> &[usize] {
        let index = match next {
            Some(b) if b < 128 => b as usize,
            Some(_) => BEYOND_ASCII,
            None => END_OF_TEXT,
        };
        &self.arms[self.bounds[index]..self.bounds[index + 1]]
    }
}

#[derive(Default)]
struct Compiler {
    /// The pattern's characters and inner nodes, which nodes point into.
    chars: Vec<char>,
    nodes: Vec<Node>,
    program: Vec<Inst>,
    classes: Vec<Class>,
    dispatch: Vec<Dispatch>,
    branch_points: usize,
    /// Where the alternations and repetitions being compiled left a `Jump(0)` to fill in
    /// once their end is known, innermost last.
    placeholders: Vec<usize>,
}

impl Compiler {
    fn branch_point(&mut self) -> usize {
        self.branch_points += 1;
        self.branch_points - 1
    }

    fn split(&mut self, first: usize, second: usize) -> Inst {
        Inst::Split {
            first,
            second,
            point: self.branch_point(),
        }
    }

    /// What a match of `node` can start with.
    fn first(&self, node: Node) -> First {
        match node {
            Node::Empty | Node::Look(_) => First {
                empty: true,
                ..NOTHING
            },
            Node::Char(c) => first_of_char(c),
            Node::Literal(start, _) => first_of_char(self.chars[start as usize]),
            Node::Class(class) => First {
                ascii: self.classes[class].ascii,
                beyond_ascii: self.classes[class].beyond_ascii.can_match(),
                empty: false,
            },
            Node::Group(inner, _) => self.first(self.nodes[inner as usize]),
            Node::Concat(start, end) => {
                let mut all = First {
                    empty: true,
                    ..NOTHING
                };
                for &item in &self.nodes[start as usize..end as usize] {
                    let next = self.first(item);
                    all = First {
                        empty: next.empty,
                        ..all.union(next)
                    };
                    if !next.empty {
                        break;
                    }
                }
                all
            }
            Node::Alternation(start, end) => self.nodes[start as usize..end as usize]
                .iter()
                .map(|&arm| self.first(arm))
                .fold(NOTHING, First::union),
            Node::Repeat { node, min, .. } => {
                let inner = self.first(self.nodes[node as usize]);
                First {
                    empty: inner.empty || min == 0,
                    ..inner
                }
            }
        }
    }

    fn node(&mut self, node: Node) {
        match node {
            Node::Empty => {}
            Node::Char(c) => self.program.push(Inst::Char(c)),
            Node::Literal(start, end) => {
                let chars = &self.chars[start as usize..end as usize];
                self.program.extend(chars.iter().map(|&c| Inst::Char(c)));
            }
            Node::Class(class) => self.program.push(Inst::Class(class)),
            Node::Look(look) => self.program.push(Inst::Look(look)),
            Node::Group(inner, None) => self.node(self.nodes[inner as usize]),
            Node::Group(inner, Some(group)) => {
                self.program.push(Inst::Save(2 * (group - 1)));
                self.node(self.nodes[inner as usize]);
                self.program.push(Inst::Save(2 * (group - 1) + 1));
            }
            Node::Concat(start, end) => {
                for item in start..end {
                    self.node(self.nodes[item as usize]);
                }
            }
            Node::Alternation(start, end) if (end - start) as usize > DISPATCH_ARMS => {
                self.dispatch(start..end)
            }
            Node::Alternation(start, end) => self.alternation(start..end),
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => self.repeat(self.nodes[node as usize], min, max, greedy),
        }
    }

    /// A chain of splits: each arm (`nodes[arms]`), then a jump to the end.
    fn alternation(&mut self, arms: std::ops::Range<u32>) {
        let jumps = self.placeholders.len();
        let last_arm = arms.end - 1;
        for arm in arms {
            let last = arm == last_arm;
            let split = self.program.len();
            if !last {
                self.program.push(Inst::Jump(0));
            }
            self.node(self.nodes[arm as usize]);
            if !last {
                self.placeholders.push(self.program.len());
                self.program.push(Inst::Jump(0));
                let next = self.program.len();
                self.program[split] = self.split(split + 1, next);
            }
        }
        self.patch_jumps(jumps);
    }

    fn dispatch(&mut self, arms: std::ops::Range<u32>) {
        let at = self.program.len();
        self.program.push(Inst::Jump(0));
        let mut starts = Vec::with_capacity(arms.len());
        let jumps = self.placeholders.len();
        for arm in arms {
            let arm = self.nodes[arm as usize];
            starts.push((self.program.len(), self.first(arm)));
            self.node(arm);
            self.placeholders.push(self.program.len());
            self.program.push(Inst::Jump(0));
        }
        self.patch_jumps(jumps);
        // Counted first, then filled in: one list for all indices.
        let mut bounds = [0; END_OF_TEXT + 2];
        for (_, f) in &starts {
            f.each_index(|index| bounds[index + 1] += 1);
        }
        for index in 1..bounds.len() {
            bounds[index] += bounds[index - 1];
        }
        let mut next = bounds;
        let mut arms = vec![0; bounds[END_OF_TEXT + 1]];
        let mut starting = Vec::with_capacity(starts.len());
        for &(pc, f) in &starts {
            let mut starts_here = false;
            f.each_index(|index| {
                arms[next[index]] = pc;
                next[index] += 1;
                starts_here = true;
            });
            if starts_here {
                starting.push(pc);
            }
        }
        self.dispatch.push(Dispatch {
            bounds,
            arms: arms.into_boxed_slice(),
            starting,
        });
        self.program[at] = Inst::Dispatch {
            table: self.dispatch.len() - 1,
            point: self.branch_point(),
        };
    }

    /// Points the placeholders from `jumps` on to the end of the program and drops them.
    fn patch_jumps(&mut self, jumps: usize) {
        let end = self.program.len();
        for &jump in &self.placeholders[jumps..] {
            self.program[jump] = Inst::Jump(end);
        }
        self.placeholders.truncate(jumps);
    }

    /// `min` copies, then either a loop or `max - min` nested optional copies
    /// (`x{0,2}` is `(?:x(?:x)?)?`, as `regex` compiles it).
    fn repeat(&mut self, node: Node, min: u32, max: Option<u32>, greedy: bool) {
        for _ in 0..min {
            self.node(node);
        }
        let order = |this: &mut Compiler, take: usize, skip: usize| {
            if greedy {
                this.split(take, skip)
            } else {
                this.split(skip, take)
            }
        };
        match max {
            None => {
                let split = self.program.len();
                self.program.push(Inst::Jump(0));
                self.node(node);
                self.program.push(Inst::Jump(split));
                let end = self.program.len();
                self.program[split] = order(self, split + 1, end);
            }
            Some(max) => {
                let splits = self.placeholders.len();
                for _ in min..max {
                    self.placeholders.push(self.program.len());
                    self.program.push(Inst::Jump(0));
                    self.node(node);
                }
                let end = self.program.len();
                for i in splits..self.placeholders.len() {
                    let split = self.placeholders[i];
                    self.program[split] = order(self, split + 1, end);
                }
                self.placeholders.truncate(splits);
            }
        }
    }
}

// Required literals: what a keyword pass ahead of the searches needs to know of a pattern.

/// Most exact texts a node keeps while literals are worked out.
const MAX_LITERAL_SET: usize = 16;
/// Most required literals a pattern keeps.
const MAX_REQUIRED_LITERALS: usize = 64;
/// Required literals are cut to this many bytes: a match that holds a literal holds its start.
const REQUIRED_LITERAL_BYTES: usize = 6;
/// Shorter required literals occur almost everywhere: such a set is not kept.
const MIN_REQUIRED_LITERAL_BYTES: usize = 3;

impl Pattern {
    /// `with_letters`, and the pattern's `required_literals` worked out.
    pub fn with_required_literals(pattern: &str, letters: Letters) -> Result<Pattern, String> {
        Pattern::compile(pattern, letters, true)
            .map_err(|e| format!("bad pattern {pattern:?}: {e}"))
    }

    /// Byte strings, each at least 3 bytes long, one of which occurs in every match, so in
    /// every text the pattern matches; `None` when no such set was found, or the pattern was
    /// not built by `with_required_literals`. Case counts: a pattern of lower-case letters
    /// has lower-case literals.
    pub fn required_literals(&self) -> Option<impl ExactSizeIterator<Item = &[u8]> + '_> {
        let literals = self.required.as_deref()?;
        Some(literals.iter().map(|bytes| &bytes[..usize::from(bytes[7])]))
    }
}

/// The first `REQUIRED_LITERAL_BYTES` bytes of a text: all a required literal keeps of it.
/// One integer, so that sets of them sort fast and in little code: byte `i` in bits
/// `56 - 8i..64 - 8i`, the length in the low byte. Integer order is byte order (shorter
/// first among equal bytes, as zeros pad a shorter text).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Prefix(u64);

impl Prefix {
    const EMPTY: Prefix = Prefix(0);

    fn len(self) -> usize {
        (self.0 & 0xFF) as usize
    }

    fn byte(self, i: usize) -> u8 {
        (self.0 >> (56 - 8 * i)) as u8
    }

    /// The prefix of this text followed by `tail`.
    fn then(self, tail: Prefix) -> Prefix {
        (0..tail.len()).fold(self, |text, i| text.then_byte(tail.byte(i)))
    }

    fn then_bytes(self, tail: &[u8]) -> Prefix {
        tail.iter().fold(self, |text, &b| text.then_byte(b))
    }

    fn then_byte(self, b: u8) -> Prefix {
        let len = self.len();
        if len == REQUIRED_LITERAL_BYTES {
            return self;
        }
        Prefix((self.0 | u64::from(b) << (56 - 8 * len)) + 1)
    }

    fn of(bytes: &[u8]) -> Prefix {
        Prefix::EMPTY.then_bytes(bytes)
    }

    /// Whether this text starts with `other`.
    fn starts_with(self, other: Prefix) -> bool {
        let kept = 8 * other.len() as u32;
        other.len() <= self.len() && (self.0 ^ other.0).checked_shr(64 - kept).unwrap_or(0) == 0
    }

    /// The bytes, then zeros, then the length in the last byte.
    fn to_bytes(self) -> [u8; 8] {
        self.0.to_be_bytes()
    }
}

/// What is known of the texts a node matches, each by its `Prefix`. Lookarounds count as
/// matching the empty text everywhere, which only adds texts, so what holds for all these
/// holds for the matches.
enum Known {
    /// Every text the node matches is on the stack, from where the stack ended before (at
    /// most `MAX_LITERAL_SET`, maybe repeated).
    Exact,
    /// Sorted literals, one of which every match holds (`None`: unknown); the stack is as
    /// it was before.
    Required(Option<Vec<Prefix>>),
}

fn required_literals(compiled: &Compiler, node: Node) -> Option<Box<[[u8; 8]]>> {
    let mut stack = Vec::with_capacity(4 * MAX_LITERAL_SET);
    let known = literals(compiled, node, &mut stack);
    let required = take_required(known, &mut stack, 0)?;
    if shortest(&required) < MIN_REQUIRED_LITERAL_BYTES {
        return None;
    }
    // A literal that starts with another is not needed: in byte order, it follows the
    // shorter one.
    let mut required = required;
    crate::sort::sort(&mut required);
    let mut kept: Vec<Prefix> = Vec::with_capacity(required.len());
    for literal in required {
        if !kept.last().is_some_and(|&last| literal.starts_with(last)) {
            kept.push(literal);
        }
    }
    Some(kept.into_iter().map(Prefix::to_bytes).collect())
}

/// The required literals of what `literals` found, its texts (from `from`) taken off the stack.
fn take_required(known: Known, stack: &mut Vec<Prefix>, from: usize) -> Option<Vec<Prefix>> {
    match known {
        Known::Exact => {
            let required = required_of(&stack[from..]);
            stack.truncate(from);
            required
        }
        Known::Required(required) => required,
    }
}

/// Works out what `node` matches, its exact texts (if any) pushed on `stack`.
fn literals(compiled: &Compiler, node: Node, stack: &mut Vec<Prefix>) -> Known {
    let base = stack.len();
    let nodes = |start: u32, end: u32| &compiled.nodes[start as usize..end as usize];
    match node {
        Node::Empty | Node::Look(_) => stack.push(Prefix::EMPTY),
        Node::Char(c) => stack.push(Prefix::of(c.encode_utf8(&mut [0; 4]).as_bytes())),
        Node::Class(class) => {
            let class = &compiled.classes[class];
            if class.beyond_ascii.can_match() || class.ascii.count_ones() > 8 {
                return Known::Required(None);
            }
            let mut bits = class.ascii;
            while bits != 0 {
                stack.push(Prefix::of(&[bits.trailing_zeros() as u8]));
                bits &= bits - 1;
            }
        }
        Node::Group(inner, _) => return literals(compiled, compiled.nodes[inner as usize], stack),
        // A run of plain characters: a concatenation of one-character items.
        Node::Literal(start, end) => {
            let chars = compiled.chars[start as usize..end as usize].iter();
            return concat_literals(compiled, chars.map(|&c| Node::Char(c)), stack);
        }
        Node::Concat(start, end) => {
            let items = nodes(start, end).iter().flat_map(|&item| {
                let (run, other) = match item {
                    Node::Literal(start, end) => {
                        (&compiled.chars[start as usize..end as usize], None)
                    }
                    other => (&[][..], Some(other)),
                };
                run.iter().map(|&c| Node::Char(c)).chain(other)
            });
            return concat_literals(compiled, items, stack);
        }
        Node::Alternation(start, end) => {
            // All arms' texts while they are exact and few; then their required literals.
            let mut union: Option<Vec<Prefix>> = None;
            for &arm in nodes(start, end) {
                let known = literals(compiled, arm, stack);
                let exact = matches!(known, Known::Exact);
                if union.is_none() && exact && stack.len() - base <= MAX_LITERAL_SET {
                    continue;
                }
                // The texts on the stack (this arm's, and the earlier arms' if there is no
                // union yet) join the union, with the arm's required literals.
                let required = match known {
                    Known::Exact => Some(Vec::new()),
                    Known::Required(required) => required,
                };
                let texts = &stack[base..];
                let Some(required) = required.filter(|_| texts.iter().all(|t| t.len() > 0)) else {
                    stack.truncate(base);
                    return Known::Required(None);
                };
                let union = union.get_or_insert_with(|| Vec::with_capacity(MAX_REQUIRED_LITERALS));
                union.extend_from_slice(texts);
                union.extend(required);
                stack.truncate(base);
            }
            if let Some(mut union) = union {
                crate::sort::sort(&mut union);
                union.dedup();
                return Known::Required((union.len() <= MAX_REQUIRED_LITERALS).then_some(union));
            }
        }
        Node::Repeat { node, min, max, .. } => {
            let known = literals(compiled, compiled.nodes[node as usize], stack);
            match (known, min, max) {
                (_, _, Some(0)) => {
                    stack.truncate(base);
                    stack.push(Prefix::EMPTY);
                }
                (Known::Exact, 0, Some(1)) if stack.len() - base < MAX_LITERAL_SET => {
                    stack.push(Prefix::EMPTY)
                }
                (known, 1, Some(1)) => return known,
                (known, 1.., _) => return Known::Required(take_required(known, stack, base)),
                _ => {
                    stack.truncate(base);
                    return Known::Required(None);
                }
            }
        }
    }
    Known::Exact
}

/// `literals` of a concatenation of `items`.
fn concat_literals(
    compiled: &Compiler,
    items: impl Iterator<Item = Node>,
    stack: &mut Vec<Prefix>,
) -> Known {
    let base = stack.len();
    // Runs of items with exact texts multiply out into longer literals (the run is
    // on the stack from `base`); the best set of any run or other item holds for
    // the whole.
    let mut best = None;
    let mut whole = true;
    stack.push(Prefix::EMPTY);
    for item in items {
        // A run of texts as long as a literal gets is as good as any later one but
        // a smaller set: the rest is not looked at.
        let run = &mut stack[base..];
        if run.iter().all(|text| text.len() == REQUIRED_LITERAL_BYTES) {
            whole = false;
            break;
        }
        // Most items are single characters: they only lengthen the run.
        if let Node::Char(c) = item {
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            run.iter_mut()
                .for_each(|text| *text = text.then_bytes(bytes));
            continue;
        }
        let from = stack.len();
        match literals(compiled, item, stack) {
            Known::Exact if (from - base) * (stack.len() - from) <= MAX_LITERAL_SET => {
                let end = stack.len();
                for head in base..from {
                    for tail in from..end {
                        let text = stack[head].then(stack[tail]);
                        stack.push(text);
                    }
                }
                stack.drain(base..end);
            }
            Known::Exact => {
                best = better_texts(best, &stack[base..from]);
                stack.drain(base..from);
                whole = false;
            }
            Known::Required(required) => {
                best = better(better_texts(best, &stack[base..]), required);
                stack.truncate(base);
                stack.push(Prefix::EMPTY);
                whole = false;
            }
        }
    }
    if !whole {
        let best = better_texts(best, &stack[base..]);
        stack.truncate(base);
        return Known::Required(best);
    }
    Known::Exact
}

/// The texts sorted and without repeats; `None` when one is empty (every text holds it).
fn required_of(texts: &[Prefix]) -> Option<Vec<Prefix>> {
    if texts.iter().any(|text| text.len() == 0) {
        return None;
    }
    let mut texts = texts.to_vec();
    crate::sort::sort(&mut texts);
    texts.dedup();
    Some(texts)
}

fn shortest(set: &[Prefix]) -> usize {
    set.iter().map(|p| p.len()).min().unwrap_or(0)
}

/// How well a set filters: longer shortest literal first, then fewer literals.
fn score(set: &[Prefix]) -> (usize, std::cmp::Reverse<usize>) {
    (shortest(set), std::cmp::Reverse(set.len()))
}

/// The set that filters better; `best` when they are equal.
fn better(best: Option<Vec<Prefix>>, other: Option<Vec<Prefix>>) -> Option<Vec<Prefix>> {
    match (best, other) {
        (Some(best), Some(other)) if score(&other) <= score(&best) => Some(best),
        (best, other) => other.or(best),
    }
}

/// `better` for exact texts, made a set only when they win.
fn better_texts(best: Option<Vec<Prefix>>, texts: &[Prefix]) -> Option<Vec<Prefix>> {
    if best.as_ref().is_some_and(|b| score(texts) <= score(b)) {
        return best;
    }
    better(best, required_of(texts))
}

/// Bytes of the character at `at` (1 at the end, so a search can step past it).
fn char_len(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at) {
        Some(&b) if b >= 0xF0 => 4,
        Some(&b) if b >= 0xE0 => 3,
        Some(&b) if b >= 0xC0 => 2,
        _ => 1,
    }
}

fn next_char(text: &str, at: usize) -> Option<(char, usize)> {
    let &b = text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

enum Frame {
    Step(usize, usize),
    Restore(usize, usize),
}

/// Reused between searches: the failed (branch point, position) pairs and the work stack.
#[derive(Default)]
struct Scratch {
    memo: Memo,
    stack: Vec<Frame>,
}

/// A bit set that clears only the words it touched.
#[derive(Default)]
struct Memo {
    words: Vec<u64>,
    touched: Vec<usize>,
}

impl Memo {
    fn reset(&mut self, bits: usize) {
        for &word in &self.touched {
            self.words[word] = 0;
        }
        self.touched.clear();
        let words = bits.div_ceil(64);
        if self.words.len() < words {
            self.words.resize(words, 0);
        }
    }

    /// Marks `bit`; false when it was already marked.
    fn first_visit(&mut self, bit: usize) -> bool {
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        let value = &mut self.words[word];
        if *value & mask != 0 {
            return false;
        }
        if *value == 0 {
            self.touched.push(word);
        }
        *value |= mask;
        true
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Checks that a pattern finds what `regex` finds on real text.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod agreement {
    use super::Pattern;
    use std::sync::OnceLock;

    /// Every block of the fixture pages and playground samples, and every line of the facts
    /// tests (real clauses), each as written and lower-cased.
    pub fn texts() -> &'static [String] {
        static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
        TEXTS.get_or_init(|| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut texts = Vec::new();
            for dir in ["tests/fixtures/pages", "www/samples"] {
                for entry in std::fs::read_dir(root.join(dir)).expect("fixture folder") {
                    let path = entry.expect("fixture").path();
                    let name = path.to_string_lossy().to_string();
                    if name.ends_with(".csv") {
                        continue;
                    }
                    let text = std::fs::read_to_string(&path).expect("fixture text");
                    let page = crate::read::document(&text, &name, "");
                    texts.extend(page.blocks.into_iter().map(|b| b.text));
                }
            }
            let facts = std::fs::read_to_string(root.join("tests/facts.rs")).expect("facts tests");
            texts.extend(facts.lines().map(str::to_string));
            let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
            texts.extend(lower);
            texts
        })
    }

    /// Panics with `what` on the first text where matches or groups differ.
    pub fn assert_agrees(ours: &Pattern, theirs: &regex::Regex, what: &str) {
        for text in texts() {
            let our_groups: Vec<Vec<Option<(usize, usize)>>> = ours
                .captures_iter(text)
                .map(|c| {
                    (0..theirs.captures_len())
                        .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                        .collect()
                })
                .collect();
            let their_groups: Vec<Vec<Option<(usize, usize)>>> = theirs
                .captures_iter(text)
                .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                .collect();
            assert_eq!(our_groups, their_groups, "{what} on {text:?}");
            assert_eq!(
                ours.is_match(text),
                theirs.is_match(text),
                "{what} on {text:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(pattern: &str, text: &str) -> Vec<(usize, usize)> {
        Pattern::new(pattern)
            .unwrap()
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn ascii_class_bits_are_the_class_definitions() {
        let bit = |bits: u128, b: u8| bits >> b & 1 == 1;
        for b in 0..128u8 {
            assert_eq!(
                bit(WORD_BITS, b),
                b.is_ascii_alphanumeric() || b == b'_',
                "\\w {b}"
            );
            assert_eq!(bit(DIGIT_BITS, b), b.is_ascii_digit(), "\\d {b}");
            let space = matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
            assert_eq!(bit(SPACE_BITS, b), space, "\\s {b}");
            assert_eq!(bit(DOT_BITS, b), b != b'\n', ". {b}");
        }
    }

    #[test]
    fn leftmost_first_not_longest() {
        assert_eq!(spans("sell|selling", "we are selling"), [(7, 11)]);
        assert_eq!(spans("selling|sell", "we are selling"), [(7, 14)]);
        assert_eq!(spans(r"\bsell\b|selling", "selling"), [(0, 7)]);
    }

    #[test]
    fn a_quantifier_repeats_only_the_last_character_of_a_literal() {
        assert_eq!(spans("users?", "user users"), [(0, 4), (5, 10)]);
        assert_eq!(spans("ab*c", "ac abbc abab"), [(0, 2), (3, 7)]);
        assert_eq!(spans("ab{2}c|xy+", "abbc abc xyyy"), [(0, 4), (9, 13)]);
        assert_eq!(spans(r"a}b]c\.d", "a}b]c.d a}b]cxd"), [(0, 7)]);
        assert_eq!(spans("über|ab", "Über über ab"), [(6, 11), (12, 14)]);
    }

    #[test]
    fn greedy_and_lazy_counted_gaps() {
        let text = "we sell data and more data";
        assert_eq!(spans("sell[^.;]{0,40}data", text), [(3, 26)]);
        assert_eq!(spans("sell[^.;]{0,40}?data", text), [(3, 12)]);
        assert_eq!(spans("sell[^.;]{0,3}data", "we sell all the data"), []);
        assert_eq!(spans(r"(?:\w+ ){0,2}?data", "a b c data"), [(2, 10)]);
        assert_eq!(spans("x{2}", "xxxxx"), [(0, 2), (2, 4)]);
        assert_eq!(spans("x{2,}", "xxxxx"), [(0, 5)]);
    }

    #[test]
    fn ascii_letters_end_gaps_and_words() {
        let ascii = Pattern::with_letters(r"sell[^.;]{0,20}data", Letters::Ascii).unwrap();
        assert!(ascii.is_match("sell all data") && !ascii.is_match("sell épée data"));
        let unicode = Pattern::new(r"sell[^.;]{0,20}data").unwrap();
        assert!(unicode.is_match("sell épée data"));
        let boundary = Pattern::with_letters(r"\bnderungen", Letters::Ascii).unwrap();
        assert!(
            boundary.is_match("Änderungen"),
            "Ä is no ASCII word character"
        );
        assert!(!Pattern::new(r"\bnderungen").unwrap().is_match("Änderungen"));
        assert!(Pattern::new(r"\bÄnderungen\b")
            .unwrap()
            .is_match("über Änderungen."));
        let mixed = Pattern::new(r"(?-u:\b)stand(?-u:\b)").unwrap();
        assert!(mixed.is_match("Stand: stand") && !mixed.is_match("standard"));
    }

    #[test]
    fn captures_and_names() {
        let date = Pattern::new(r"(?P<d>\d{1,2})\.\s+(?P<m>m[aä]rz|mai)(?: (\d{4}))?").unwrap();
        let caps: Vec<_> = date.captures_iter("am 1. märz 2023 und 2. mai").collect();
        assert_eq!(caps.len(), 2);
        assert_eq!(caps[0].name("d").unwrap().as_str(), "1");
        assert_eq!(caps[0].name("m").unwrap().as_str(), "märz");
        assert_eq!(&caps[0][3], "2023");
        assert_eq!(caps[1].get(0).unwrap().as_str(), "2. mai");
        assert!(caps[1].get(3).is_none() && caps[1].name("x").is_none());
    }

    fn start_literals(pattern: &str) -> Option<Vec<String>> {
        let starts = Pattern::new(pattern).expect("pattern").starts?;
        Some(
            starts
                .heads
                .iter()
                .map(|(value, mask)| {
                    let len = mask.count_ones() as usize / 8;
                    String::from_utf8_lossy(&value.to_le_bytes()[..len]).into_owned()
                })
                .collect(),
        )
    }

    #[test]
    fn start_literals_cover_every_way_a_match_begins() {
        assert_eq!(
            start_literals(r"\b(?:we )?(?:sell|sold)\b").unwrap(),
            ["sell", "sold", "we s"]
        );
        assert_eq!(start_literals(r"transferr?(?:ed|s)?").unwrap(), ["tran"]);
        assert_eq!(start_literals(r"[ab]c").unwrap(), ["ac", "bc"]);
        assert_eq!(start_literals(r"ä\w").unwrap(), ["ä"]);
        // Could be empty, or begins with too many characters: every position is tried.
        assert_eq!(start_literals(r"(?:ab)*"), None);
        assert_eq!(start_literals(r"[a-z]+@"), None);
        let words = Pattern::new(r"\b(?:sell|sold)\b").unwrap();
        let text = "they resell nothing; we sold it and sell";
        let found: Vec<usize> = words.find_iter(text).map(|m| m.start()).collect();
        assert_eq!(found, [24, 36]);
    }

    #[test]
    fn many_arms_dispatch_in_order() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let pattern = format!(r"\b(?:{}|w|sell(?:s|ing)?|)\b", words.join("|"));
        assert_eq!(spans(&pattern, "w33 sells"), [(0, 3), (4, 9)]);
        assert_eq!(
            spans(&pattern, "a"),
            [(0, 0), (1, 1)],
            "the empty arm matches at edges"
        );
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn nested_alternations_and_counted_repeats_match_as_regex_does() {
        let texts = [
            "we sell, rent or share it; they shared nothing",
            "xyzzy wxy xz w ww a b ab ba abcabc",
            "sells selling sold sell-side",
        ];
        for pattern in [
            r"(?:a|b|c){0,3}x?",
            r"(?:x(?:y|z){0,2}|w){2}",
            r"\b(?:sell|rent|share|shared|sells?|selling|sold)(?:s|ing|-side)?\b",
            r"(s(?:e|h)(?:ll|are)(?:d|s|ing|,| ){1,2})|(r(?:e|a)nt)",
            r"(?:(?:a|b)(?:b|c|a|x|y|z)|ab){1,3}?",
        ] {
            let ours = Pattern::new(pattern).unwrap();
            let theirs = regex::Regex::new(pattern).unwrap();
            for text in texts {
                let found: Vec<_> = ours.find_iter(text).map(|m| (m.start(), m.end())).collect();
                let expected: Vec<_> = theirs
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(found, expected, "{pattern} on {text:?}");
            }
        }
    }

    #[test]
    fn anchored_classes_and_escapes() {
        assert_eq!(spans(r"^by \w+", "by posting; by email"), [(0, 10)]);
        assert_eq!(
            spans(r"[A-Za-z0-9._%+-]+@[a-z.]+\.[a-z]{2,}", "mail a.b@x.org."),
            [(5, 14)]
        );
        assert_eq!(spans(r#"[^\s<>"')\]]+"#, "a]b c"), [(0, 1), (2, 3), (4, 5)]);
        assert_eq!(spans(r"e-?mails?\.", "emails. e-mail."), [(0, 7), (8, 15)]);
        assert_eq!(spans(r".{2}", "ab\ncd"), [(0, 2), (3, 5)]);
        assert_eq!(spans(r"jul[[yY][iI]]", "july julI jula"), [(0, 4), (5, 9)]);
    }

    #[test]
    fn bad_patterns_are_errors() {
        for bad in [
            "(a", "a)", "[ab", "a{2", "a{3,1}", "[[^a]]", "*a", r"\q", "(?i)a", "a$", "a{99999}",
        ] {
            let error = Pattern::new(bad)
                .err()
                .unwrap_or_else(|| panic!("{bad} compiled"));
            assert!(
                error.starts_with(&format!("bad pattern {bad:?}")),
                "{error}"
            );
        }
    }

    #[test]
    fn backtracking_is_bounded() {
        // Nested ambiguous repetition: exponential without the memo.
        let text = "a".repeat(5000);
        assert!(!Pattern::new("(?:a|aa)*b").unwrap().is_match(&text));
    }

    fn required(pattern: &str) -> Option<Vec<String>> {
        let pattern = Pattern::with_required_literals(pattern, Letters::Unicode).unwrap();
        let literals = pattern.required_literals()?;
        Some(
            literals
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect(),
        )
    }

    #[test]
    fn required_literals_come_from_runs_of_exact_items() {
        // Optional letters and small classes multiply out; literals are cut to 6 bytes, and
        // one that starts with another is dropped.
        assert_eq!(required(r"\bcookies?\b").unwrap(), ["cookie"]);
        assert_eq!(required(r"\b(?:sell|sold)s?\b").unwrap(), ["sell", "sold"]);
        assert_eq!(required(r"opt[- ]in").unwrap(), ["opt in", "opt-in"]);
        assert_eq!(required("personali[sz]ed ads").unwrap(), ["person"]);
        // Each arm of an alternation gives its best set (longer literals first); a gap
        // splits a run.
        assert_eq!(
            required(r"(?:chang|modif)\w* (?:to|of) it|resell").unwrap(),
            [" of it", " to it", "resell"]
        );
        assert_eq!(
            required(r"(?:chang|modif)\w* \w+|resell").unwrap(),
            ["chang", "modif", "resell"]
        );
        assert_eq!(
            required(r"we[^.;]{0,9}(?:data|information)").unwrap(),
            ["data", "inform"]
        );
    }

    #[test]
    fn prefixes_keep_six_bytes_and_sort_in_byte_order() {
        let texts: [&[u8]; 9] = [
            b"",
            b"\0",
            b"a",
            b"a\0",
            b"a\0\0b",
            b"ab",
            b"ab\xff",
            b"b",
            b"\xffzzzzz",
        ];
        for a in texts {
            let bytes = Prefix::of(a).to_bytes();
            assert_eq!((&bytes[..a.len()], usize::from(bytes[7])), (a, a.len()));
            for b in texts {
                assert_eq!(Prefix::of(a).cmp(&Prefix::of(b)), a.cmp(b), "{a:?} {b:?}");
                assert_eq!(Prefix::of(a).starts_with(Prefix::of(b)), a.starts_with(b));
                assert!(Prefix::of(a).then(Prefix::of(b)) == Prefix::of(&[a, b].concat()));
            }
        }
        assert_eq!(Prefix::of(b"personalised").to_bytes(), *b"person\0\x06");
    }

    #[test]
    fn no_required_literals_where_a_match_may_hold_none() {
        // An arm without literals, an optional part, short literals, a class without members.
        assert_eq!(required(r"cookies|\d+ d"), None);
        assert_eq!(required(r"(?:cookies)?\w+"), None);
        assert_eq!(required(r"\b(?:we|us)\b"), None);
        assert_eq!(required(r"[a-z]+@[a-z]+"), None);
        assert_eq!(required(r"x{0}"), None);
    }

    #[test]
    fn every_match_holds_a_required_literal() {
        let cases = [
            (
                r"\b(?:sell|sold|rent)s?\b",
                "we never sold or rent your data, sells",
            ),
            (
                r"notify you\b|e-?mail",
                "we will email or e-mail you, or notify you",
            ),
            (
                r"ads?(?: \w+){0,3} (?:tailored|relevant) to you",
                "ad very relevant to you",
            ),
            (
                r"(?:ab|cd)(?:ef|gh)(?:ij|kl)(?:mn|op)(?:qr|st)(?:uv|wx)(?:yz|12)x",
                "cdghklopstwx12x",
            ),
        ];
        for (pattern, text) in cases {
            let compiled = Pattern::with_required_literals(pattern, Letters::Unicode).unwrap();
            let literals: Vec<&[u8]> = compiled.required_literals().expect(pattern).collect();
            let found: Vec<_> = compiled.find_iter(text).collect();
            assert!(!found.is_empty(), "{pattern}");
            for m in found {
                let held = literals
                    .iter()
                    .any(|l| m.as_str().as_bytes().windows(l.len()).any(|w| w == *l));
                assert!(held, "{pattern} on {:?}", m.as_str());
            }
        }
    }
}
