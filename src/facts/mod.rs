//! Facts a person wants answered, each with the clauses it came from.
//!
//! Every clause is cut into sentences (`text::sentences`); each question (one module here)
//! has cue patterns read from the tables under `facts/` (see facts/CRITERIA.md), and a cue
//! counts as "no" when it is negated in its part of the sentence (`negation`). Hedged
//! statements ("we may share") count as yes. Questions ("Do we sell your data?") are not
//! statements and are skipped.

mod ads;
mod change;
mod children;
mod contacts;
mod cookies;
mod data;
mod law;
mod negation;
mod retention;
mod rights;
mod sale;
pub(crate) mod table;
mod transfer;

use crate::keywords::{self, Keywords};
use crate::pattern::{Captures, Match, Pattern};
use crate::substring::{find, split_once};
use std::ops::Range;

use crate::dates::{order_for_lang, DateFinder, NORMALIZED_CUE_WORDS, NUMERIC_DATE_MARKS};
use crate::gazetteer::{Gazetteer, Kind};
use crate::page::Page;
use crate::report::{Answer, ChangeNotice, FactSource, Facts, Retention};
use crate::text::{sentences, Segment};
use negation::Negation;
use table::{Language, Table};

/// Most clauses kept as evidence for one fact.
const MAX_EVIDENCE: usize = 8;

/// yes/no clauses for one question, general or of a narrowed scope ("we do not sell
/// children's data", "we may sell de-identified data").
#[derive(Default)]
struct Votes {
    yes: Vec<usize>,
    no: Vec<usize>,
    narrowed: Vec<usize>,
}

impl Votes {
    fn add(&mut self, yes: bool, clause: usize) {
        let list = if yes { &mut self.yes } else { &mut self.no };
        if !list.contains(&clause) && list.len() < MAX_EVIDENCE {
            list.push(clause);
        }
    }

    /// A statement about part of the data only: it answers nothing about the whole.
    fn add_narrowed(&mut self, clause: usize) {
        if !self.narrowed.contains(&clause) && self.narrowed.len() < MAX_EVIDENCE {
            self.narrowed.push(clause);
        }
    }

    /// Unclear only when general statements say both; the evidence keeps both sides. A
    /// narrowed statement never contradicts a general one and alone is no answer.
    fn answer(&self) -> (Answer, Vec<usize>) {
        match (self.yes.is_empty(), self.no.is_empty()) {
            (true, true) => (Answer::NotMentioned, Vec::new()),
            (false, true) => (Answer::Yes, self.yes.clone()),
            (true, false) => (Answer::No, self.no.clone()),
            (false, false) => (Answer::Unclear, merge(&self.yes, &self.no)),
        }
    }
}

fn merge(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = a.iter().chain(b).copied().collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// A sentence under analysis: its clause, text, ASCII-lowered text (same byte offsets) and
/// the context (heading and list lead-in) lowered.
struct Sentence<'a> {
    clause: usize,
    /// Topic bits whose gate words occur (see `Pass`).
    topics: u32,
    /// Bits of the cues whose literals occur (see `Pass`).
    cues: u128,
    text: &'a str,
    /// The sentence in its clause's lowered text.
    lower: &'a str,
    /// The clause's lowered text and the pass's data-term matches in it.
    clause_lower: &'a str,
    data_terms: &'a [keywords::Match],
    /// Where the sentence is in `clause_lower`.
    span: Range<usize>,
    context: &'a str,
    question: bool,
    /// A list item under a negated lead-in ("We do not:").
    lead_in_negated: bool,
}

/// What a clause takes from the heading and list lead-in above it.
#[derive(Default)]
struct Surroundings {
    /// Heading and lead-in, lowered, each followed by a space.
    context: String,
    /// What a list item inherits from its lead-in or heading (`DataTypes::inherited`).
    inherited: Option<bool>,
    /// A list item under a negated lead-in ("We do not:").
    lead_in_negated: bool,
}

/// Everything gathered while scanning the sentences.
#[derive(Default)]
struct Scan {
    data: Vec<(&'static str, Vec<usize>)>,
    third_parties: Vec<(String, Vec<usize>)>,
    frameworks: Vec<(&'static str, Vec<usize>)>,
    rights: Vec<(&'static str, Vec<usize>)>,
    cookie_types: Vec<(&'static str, Vec<usize>)>,
    contacts: Vec<(String, usize)>,
    sells: Votes,
    do_not_sell_link: Vec<usize>,
    sale_opt_out: Vec<usize>,
    ads: Votes,
    cookies: Votes,
    transfer: Votes,
    law: Votes,
    notice: Option<(ChangeNotice, Vec<usize>)>,
    /// Sentences scanned so far, the current one included.
    sentences: usize,
    /// Clause and number of the last sentence about policy changes.
    change_sentence: Option<(usize, usize)>,
    ages: Vec<(u32, usize)>,
    retention: Vec<Retention>,
}

/// Adds `clause` to the entry for `key`, creating it in order of first mention.
fn note<K: PartialEq>(list: &mut Vec<(K, Vec<usize>)>, key: K, clause: usize) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, clauses)) => {
            if !clauses.contains(&clause) && clauses.len() < MAX_EVIDENCE {
                clauses.push(clause);
            }
        }
        None => list.push((key, vec![clause])),
    }
}

/// The one keyword pass over each clause's lowered text; its matches serve every sentence
/// of the clause. Topic gates: a sentence runs a topic's patterns only when one of the
/// topic's words occurs. Cues: a pattern runs only when one of its required literals occurs
/// (`Pattern::required_literals`). Phrase lists (data terms, frameworks, service names) are
/// read leftmost-longest from the same matches.
struct Pass {
    automaton: Keywords,
    /// What each keyword stands for.
    keywords: Vec<Keyword>,
}

/// What a keyword of the pass stands for.
#[derive(Clone, Copy)]
enum Keyword {
    /// Topic bits and cue bits.
    Marks(u32, u128),
    /// A phrase of a list, and its index there.
    Phrase(Phrases, u32),
}

/// The phrase lists in the pass.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phrases {
    DataTerms,
    Frameworks,
    Services,
}

impl Pass {
    /// Every keyword in a clause's lowered text, overlapping ones included, in order of their
    /// ends (into `found`, emptied first).
    fn scan(&self, lower: &str, found: &mut Vec<keywords::Match>) {
        found.clear();
        self.automaton
            .for_each_overlapping(lower, |m| found.push(m));
    }

    /// Topic bits and cue bits of the keywords inside `span`.
    fn marks_in(&self, found: &[keywords::Match], span: Range<usize>) -> (u32, u128) {
        within(found, span).fold((0, 0), |(topics, cues), m| {
            match self.keywords[m.pattern()] {
                Keyword::Marks(t, c) => (topics | t, cues | c),
                Keyword::Phrase(..) => (topics, cues),
            }
        })
    }

    /// True when `m` is a phrase of `list`.
    fn in_list(&self, m: &keywords::Match, list: Phrases) -> bool {
        matches!(self.keywords[m.pattern()], Keyword::Phrase(l, _) if l == list)
    }

    /// Leftmost-longest matches of one phrase list inside `span`, each with the phrase's
    /// index in its list.
    fn phrases_in(
        &self,
        found: &[keywords::Match],
        span: Range<usize>,
        list: Phrases,
    ) -> Vec<(keywords::Match, usize)> {
        let mut matches: Vec<keywords::Match> = within(found, span)
            .filter(|m| self.in_list(m, list))
            .copied()
            .collect();
        keywords::leftmost_longest(&mut matches);
        matches
            .into_iter()
            .map(|m| match self.keywords[m.pattern()] {
                Keyword::Phrase(_, index) => (m, index as usize),
                Keyword::Marks(..) => unreachable!("only phrases were kept"),
            })
            .collect()
    }

    /// Like `phrases_in`, keeping matches that start and end at word boundaries of
    /// `lower[span]`; each with its start in `lower[span]`.
    fn words_in<'t>(
        &self,
        found: &[keywords::Match],
        lower: &'t str,
        span: Range<usize>,
        list: Phrases,
    ) -> impl Iterator<Item = (usize, usize)> + 't {
        let bytes = &lower.as_bytes()[span.clone()];
        let word = |b: &u8| b.is_ascii_alphanumeric() || *b >= 0x80;
        let start = span.start;
        self.phrases_in(found, span, list)
            .into_iter()
            .filter_map(move |(m, index)| {
                let (from, to) = (m.start() - start, m.end() - start);
                let inside = bytes.get(to).is_some_and(word) || from > 0 && word(&bytes[from - 1]);
                (!inside).then_some((from, index))
            })
    }
}

/// The matches inside `span` (`found` in order of their ends).
fn within(found: &[keywords::Match], span: Range<usize>) -> impl Iterator<Item = &keywords::Match> {
    let first = found.partition_point(|m| m.end() <= span.start);
    let end = found.partition_point(|m| m.end() <= span.end);
    found[first..end.max(first)]
        .iter()
        .filter(move |m| m.start() >= span.start)
}

/// Gathers the gate words and the cues' literals, then builds the `Pass`.
struct PassBuilder {
    file: &'static str,
    /// Topic names; a topic's bit is `1 << position`.
    topics: Vec<&'static str>,
    /// The keywords, one after the other, and where each ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    keywords: Vec<Keyword>,
    /// Cues given a bit so far.
    cues: u32,
}

impl PassBuilder {
    fn new(gates: &Table<'static>) -> Result<PassBuilder, String> {
        let topics = gates.keys();
        if topics.len() > 32 {
            return Err(format!("{}: more than 32 topics", gates.file));
        }
        let mut words: Vec<&str> = Vec::new();
        let mut marks: Vec<(u32, u128)> = Vec::new();
        for line in &gates.lines {
            let bit = 1 << topics.iter().position(|t| *t == line.key).unwrap_or(0);
            match words.iter().position(|w| *w == line.value) {
                Some(at) => marks[at].0 |= bit,
                None => {
                    words.push(line.value);
                    marks.push((bit, 0));
                }
            }
        }
        let mut pass = PassBuilder {
            file: gates.file,
            topics,
            bytes: Vec::new(),
            ends: Vec::new(),
            keywords: Vec::new(),
            cues: 0,
        };
        for (word, (topics, cues)) in words.iter().zip(marks) {
            pass.push(word.as_bytes(), Keyword::Marks(topics, cues));
        }
        Ok(pass)
    }

    fn push(&mut self, keyword: &[u8], meaning: Keyword) {
        self.bytes.extend_from_slice(keyword);
        self.ends.push(self.bytes.len());
        self.keywords.push(meaning);
    }

    /// A new cue bit.
    fn next_cue_bit(&mut self) -> Result<u128, String> {
        if self.cues == u128::BITS {
            return Err(format!("{}: more than 128 cues", self.file));
        }
        self.cues += 1;
        Ok(1 << (self.cues - 1))
    }

    /// A cue bit set in sentences where one of `words` occurs.
    fn any_of(&mut self, words: &[&str]) -> Result<u128, String> {
        let bit = self.next_cue_bit()?;
        for word in words {
            self.push(word.as_bytes(), Keyword::Marks(0, bit));
        }
        Ok(bit)
    }

    /// A phrase list, matched as written or, `ascii_case_insensitive`, in any ASCII case.
    fn phrases<'p>(
        &mut self,
        list: Phrases,
        phrases: impl IntoIterator<Item = &'p str>,
        ascii_case_insensitive: bool,
    ) {
        for (index, phrase) in phrases.into_iter().enumerate() {
            let start = self.bytes.len();
            self.push(phrase.as_bytes(), Keyword::Phrase(list, index as u32));
            if ascii_case_insensitive {
                self.bytes[start..].make_ascii_lowercase();
            }
        }
    }

    /// The bit of `topic`.
    fn bit(&self, topic: &str) -> Result<u32, String> {
        self.topics
            .iter()
            .position(|t| *t == topic)
            .map(|at| 1 << at)
            .ok_or_else(|| format!("gates.tsv: no topic `{topic}`"))
    }

    /// `pattern` behind the pass: its literals get a cue bit; without literals it always runs.
    fn cue(&mut self, pattern: Pattern) -> Result<Cue, String> {
        let Some(literals) = pattern.required_literals() else {
            return Ok(Cue { pattern, bit: 0 });
        };
        let bit = self.next_cue_bit()?;
        for literal in literals {
            self.push(literal, Keyword::Marks(0, bit));
        }
        Ok(Cue { pattern, bit })
    }

    fn build(self) -> Result<Pass, String> {
        let automaton = Keywords::of_concatenated(self.bytes, &self.ends, false)
            .map_err(|e| format!("{}: {e}", self.file))?;
        Ok(Pass {
            automaton,
            keywords: self.keywords,
        })
    }
}

/// A pattern behind the keyword pass: on a sentence, it runs only when one of its required
/// literals occurs there.
pub struct Cue {
    pattern: Pattern,
    /// Its bit in `Sentence::cues`; 0 for a pattern without required literals, which always
    /// runs.
    bit: u128,
}

impl Cue {
    /// The pattern, unless it cannot match in the sentence's lower-cased text. `part` is that
    /// text or a slice of it: a match there holds a required literal of the whole.
    fn on(&self, s: &Sentence, part: &str) -> Option<&Pattern> {
        let (whole, part) = (
            s.lower.as_bytes().as_ptr_range(),
            part.as_bytes().as_ptr_range(),
        );
        debug_assert!(
            whole.start <= part.start && part.end <= whole.end,
            "a cue runs on the sentence's lower-cased text"
        );
        self.may_match(s).then_some(&self.pattern)
    }

    /// False when a required literal is missing from the sentence: the pattern cannot match
    /// there (a cheap check before costlier ones).
    fn may_match(&self, s: &Sentence) -> bool {
        self.bit == 0 || s.cues & self.bit != 0
    }

    fn is_match(&self, s: &Sentence, part: &str) -> bool {
        self.on(s, part).is_some_and(|p| p.is_match(part))
    }

    fn find<'t>(&self, s: &Sentence, part: &'t str) -> Option<Match<'t>> {
        self.on(s, part)?.find(part)
    }

    fn find_iter<'t, 'p>(
        &'p self,
        s: &Sentence,
        part: &'t str,
    ) -> impl Iterator<Item = Match<'t>> + 'p
    where
        't: 'p,
    {
        self.on(s, part).into_iter().flat_map(|p| p.find_iter(part))
    }

    fn captures_iter<'t, 'p>(
        &'p self,
        s: &Sentence,
        part: &'t str,
    ) -> impl Iterator<Item = Captures<'t, 'p>> + 'p
    where
        't: 'p,
    {
        self.on(s, part)
            .into_iter()
            .flat_map(|p| p.captures_iter(part))
    }

    /// The pattern itself, for other texts (a heading, a list lead-in).
    fn pattern(&self) -> &Pattern {
        &self.pattern
    }
}

/// Automata and patterns of every question, built once from the tables.
pub struct FactExtractor {
    gazetteer: &'static Gazetteer,
    dates: DateFinder,
    /// Cue bit of the words every date cue holds (`dates::NORMALIZED_CUE_WORDS`).
    date_cue: u128,
    /// Cue bit of a digit before `/`, `.` or `-` (`dates::NUMERIC_DATE_MARKS`).
    numeric_date: u128,
    pass: Pass,
    negation: Negation,
    data: data::DataTypes,
    contacts: contacts::Contacts,
    sale: sale::Sale,
    ads: ads::Ads,
    cookies: cookies::Cookies,
    transfer: transfer::Transfer,
    law: law::Law,
    change: change::Change,
    children: children::Children,
    retention: retention::RetentionPeriods,
    rights: rights::Rights,
}

impl FactExtractor {
    /// The extractor over the shipped English tables.
    pub fn new() -> FactExtractor {
        FactExtractor::for_language(&table::EN)
    }

    /// The extractor over one language's tables; a bad table line panics, naming it (tests
    /// build every shipped language's).
    pub fn for_language(lang: &Language) -> FactExtractor {
        // Each step ends here on an error, so no exit drops what the steps before it built:
        // in the wasm, where a panic aborts, that saves much start-up code.
        fn built<T>(result: Result<T, String>) -> T {
            result.unwrap_or_else(|e| panic!("fact tables: {e}"))
        }
        let mut pass = built(PassBuilder::new(&built(lang.table("gates"))));
        let p = &mut pass;
        let negation = built(Negation::new(&built(lang.table("negation"))));
        let data = built(data::DataTypes::new(
            &built(lang.table("data_types")),
            &built(lang.table("collection")),
            p,
        ));
        let contacts = built(contacts::Contacts::new(&built(lang.table("contacts")), p));
        let sale = built(sale::Sale::new(&built(lang.table("sale")), p));
        let ads = built(ads::Ads::new(&built(lang.table("ads")), p));
        let cookies = built(cookies::Cookies::new(&built(lang.table("cookies")), p));
        let transfer = built(transfer::Transfer::new(&built(lang.table("transfer")), p));
        let law = built(law::Law::new(&built(lang.table("law")), p));
        let change = built(change::Change::new(&built(lang.table("change")), p));
        let children = built(children::Children::new(&built(lang.table("children")), p));
        let retention = built(retention::RetentionPeriods::new(
            &built(lang.table("retention")),
            p,
        ));
        let rights = built(rights::Rights::new(&built(lang.table("rights")), p));
        let date_cue = built(p.any_of(&NORMALIZED_CUE_WORDS));
        let numeric_date = built(p.any_of(&NUMERIC_DATE_MARKS));
        let gazetteer = Gazetteer::shared();
        p.phrases(Phrases::Services, gazetteer.aliases(), true);
        FactExtractor {
            gazetteer,
            dates: DateFinder::new(),
            date_cue,
            numeric_date,
            negation,
            contacts,
            data,
            sale,
            ads,
            cookies,
            transfer,
            law,
            change,
            children,
            retention,
            rights,
            pass: built(pass.build()),
        }
    }

    /// True when every sentence of `text` naming `name` negates it.
    fn named_negated(&self, text: &str, name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        let mut named = false;
        for sentence in sentences(text) {
            let lower = sentence.to_ascii_lowercase();
            if let Some(at) = find(&lower, &name) {
                if !self.negation.negated(&lower, at) {
                    return false;
                }
                named = true;
            }
        }
        named
    }

    /// What a clause takes from the heading and list lead-in above it.
    fn surroundings(&self, segment: &Segment, list_item: bool) -> Surroundings {
        let mut context = String::new();
        for part in [&segment.heading, &segment.lead_in].into_iter().flatten() {
            context.push_str(&part.to_ascii_lowercase());
            context.push(' ');
        }
        Surroundings {
            context,
            inherited: self.data.inherited(segment, list_item, &self.negation),
            lead_in_negated: segment.lead_in.as_deref().is_some_and(|l| {
                let lower = l.trim_end_matches([':', ' ']).to_ascii_lowercase();
                self.negation.negated(&lower, lower.len())
            }),
        }
    }

    pub fn extract(&self, page: &Page, segments: &[Segment]) -> Facts {
        let mut scan = Scan::default();
        let host = host_of(&page.url);
        // Clauses that may hold a numeric date, and a cued one (read once the order is known).
        let (mut numeric, mut dated) = (Vec::new(), Vec::new());
        let (mut found, mut data_terms) = (Vec::new(), Vec::new());
        let mut around = Surroundings::default();
        let mut around_of = None;
        for (i, segment) in segments.iter().enumerate() {
            let lower = segment.text.to_ascii_lowercase();
            self.pass.scan(&lower, &mut found);
            // Read by every sentence of the clause.
            data_terms.clear();
            data_terms.extend(
                found
                    .iter()
                    .filter(|m| self.pass.in_list(m, Phrases::DataTerms)),
            );
            let tag = page
                .blocks
                .get(segment.block)
                .map_or("", |b| b.tag.as_str());
            let list_item = matches!(tag, "li" | "dd" | "td" | "th");
            let (_, clause_cues) = self.pass.marks_in(&found, 0..lower.len());
            if clause_cues & self.numeric_date != 0 {
                numeric.push(&segment.text);
            }
            if DateFinder::may_have_cued_dates(&segment.text, clause_cues & self.date_cue != 0) {
                dated.push(i);
            }
            let services = self
                .pass
                .phrases_in(&found, 0..lower.len(), Phrases::Services)
                .into_iter()
                .map(|(m, alias)| (alias, m.start(), m.end()));
            for hit in self.gazetteer.hits(&segment.text, services) {
                if own_name(&host, hit.name) {
                    continue;
                }
                note(&mut scan.third_parties, hit.name.to_string(), i);
                // An ads service counts unless only named as not used ("we have not
                // enabled AdSense").
                if hit.kind == Kind::Ads && !self.named_negated(&segment.text, hit.name) {
                    scan.ads.add(true, i);
                }
            }
            let frameworks =
                self.pass
                    .words_in(&found, &lower, 0..lower.len(), Phrases::Frameworks);
            self.contacts
                .scan(&segment.text, &lower, clause_cues, frameworks, i, &mut scan);
            // The items of one list share their heading and lead-in.
            if !around_of.is_some_and(|(other, item): (&Segment, bool)| {
                item == list_item
                    && other.lead_in == segment.lead_in
                    && other.heading == segment.heading
            }) {
                around = self.surroundings(segment, list_item);
                around_of = Some((segment, list_item));
            }
            for text in sentences(&segment.text) {
                scan.sentences += 1;
                let start = text.as_ptr() as usize - segment.text.as_ptr() as usize;
                let span = start..start + text.len();
                let (topics, cues) = self.pass.marks_in(&found, span.clone());
                let sentence = Sentence {
                    clause: i,
                    topics,
                    cues,
                    text,
                    lower: &lower[span.clone()],
                    clause_lower: &lower,
                    data_terms: &data_terms,
                    span,
                    context: &around.context,
                    question: text.ends_with('?'),
                    lead_in_negated: around.lead_in_negated,
                };
                let n = &self.negation;
                self.data
                    .scan(&sentence, &self.pass, around.inherited, n, &mut scan);
                if sentence.question {
                    continue;
                }
                self.sale.scan(&sentence, n, &mut scan);
                self.ads.scan(&sentence, n, &mut scan);
                self.cookies.scan(&sentence, n, &mut scan);
                self.transfer.scan(&sentence, n, &mut scan);
                self.law.scan(&sentence, n, &mut scan);
                self.change.scan(&sentence, &segment.heading, n, &mut scan);
                self.children.scan(&sentence, &mut scan);
                self.retention.scan(&sentence, &mut scan);
                self.rights.scan(&sentence, n, &mut scan);
            }
        }
        let order = self
            .dates
            .order_from_text(numeric.into_iter().map(String::as_str))
            .unwrap_or_else(|| order_for_lang(&page.lang));
        let mut short_dates = Vec::new();
        let mut long_dates = Vec::new();
        let mut next_segment = 0;
        for (b, block) in page.blocks.iter().enumerate() {
            if !block.is_heading() {
                continue;
            }
            while next_segment < segments.len() && segments[next_segment].block < b {
                next_segment += 1;
            }
            if next_segment == segments.len() {
                break;
            }
            for d in self.dates.cued_dates(&block.text, order) {
                short_dates.push((d, next_segment));
            }
        }
        for i in dated {
            let text = &segments[i].text;
            for d in self.dates.dates_after_cues(text, order) {
                if text.len() <= 160 {
                    short_dates.push((d, i));
                } else {
                    long_dates.push((d, i));
                }
            }
        }
        let mut facts = Facts::default();
        let best_date = if short_dates.is_empty() {
            long_dates.into_iter().next()
        } else {
            short_dates
                .into_iter()
                .max_by_key(|(d, _)| (d.year, d.month, d.day))
        };
        if let Some((date, clause)) = best_date {
            facts.effective_date = Some(date.iso());
            evidence(&mut facts, "effective_date".into(), vec![clause]);
        }
        finish(scan, &mut facts);
        facts
    }
}

/// Turns the scan into the Report's facts and their evidence.
fn finish(scan: Scan, facts: &mut Facts) {
    for (contact, clause) in scan.contacts {
        evidence(facts, format!("contacts:{contact}"), vec![clause]);
        facts.contacts.push(contact);
    }
    for (field, list, out) in [
        ("data_collected", scan.data, &mut facts.data_collected),
        ("user_rights", scan.rights, &mut facts.user_rights),
        ("frameworks", scan.frameworks, &mut facts.frameworks),
        ("cookie_types", scan.cookie_types, &mut facts.cookie_types),
    ] {
        for (id, clauses) in list {
            out.push(id.to_string());
            facts.evidence.push(FactSource {
                fact: format!("{field}:{id}"),
                clauses,
            });
        }
    }
    for (name, clauses) in scan.third_parties {
        facts.evidence.push(FactSource {
            fact: format!("third_parties:{name}"),
            clauses,
        });
        facts.third_parties.push(name);
    }
    let (answer, clauses) = sale::answer(scan.sells, &scan.do_not_sell_link, scan.sale_opt_out);
    facts.sells_data = answer;
    evidence(facts, "sells_data".into(), clauses);
    for (field, votes) in [
        ("targeted_advertising", scan.ads),
        ("cookies", scan.cookies),
        ("international_transfer", scan.transfer),
        ("law_enforcement_disclosure", scan.law),
    ] {
        let (answer, clauses) = votes.answer();
        match field {
            "targeted_advertising" => facts.targeted_advertising = answer,
            "cookies" => facts.cookies = answer,
            "international_transfer" => facts.international_transfer = answer,
            _ => facts.law_enforcement_disclosure = answer,
        }
        evidence(facts, field.into(), clauses);
    }
    if let Some((notice, clauses)) = scan.notice {
        facts.change_notice = notice;
        evidence(facts, "change_notice".into(), clauses);
    }
    // The lowest age a policy names for children: the age below which it turns them away.
    if let Some(age) = scan.ages.iter().map(|a| a.0).min() {
        facts.children_min_age = Some(age);
        let clauses: Vec<usize> = scan
            .ages
            .iter()
            .filter(|a| a.0 == age)
            .map(|a| a.1)
            .take(MAX_EVIDENCE)
            .collect();
        evidence(facts, "children_min_age".into(), merge(&clauses, &[]));
    }
    if !scan.retention.is_empty() {
        let clauses = scan.retention.iter().map(|r| r.clause).collect::<Vec<_>>();
        evidence(facts, "retention".into(), merge(&clauses, &[]));
    }
    facts.retention = scan.retention;
}

/// Records the clauses behind a fact (nothing when there are none).
fn evidence(facts: &mut Facts, fact: String, clauses: Vec<usize>) {
    if !clauses.is_empty() {
        facts.evidence.push(FactSource { fact, clauses });
    }
}

/// The lower-case host of a URL ("news.yahoo.com").
fn host_of(url: &str) -> String {
    let rest = split_once(url, "://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// True when a named service is the site itself (Yahoo's policy naming Yahoo).
fn own_name(host: &str, name: &str) -> bool {
    let word: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    !host.is_empty() && !word.is_empty() && host.split('.').any(|label| label == word)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl Default for FactExtractor {
    fn default() -> Self {
        FactExtractor::new()
    }
}

/// The clauses recorded for `fact` (a field name or `field:value`).
pub fn clauses_of<'f>(facts: &'f Facts, fact: &str) -> &'f [usize] {
    facts
        .evidence
        .iter()
        .find(|e| e.fact == fact)
        .map_or(&[], |e| e.clauses.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pass over one topic gate, the data terms `terms` and the frameworks `frameworks`,
    /// with a cue bit for "sale" (returned).
    fn pass(terms: &[&str], frameworks: &[&str]) -> (Pass, u128) {
        let gates = Table::parse("gates.tsv", "ads\tadvert\tcurated\n").unwrap();
        let mut builder = PassBuilder::new(&gates).unwrap();
        let sale = builder.any_of(&["sale"]).unwrap();
        builder.phrases(Phrases::DataTerms, terms.iter().copied(), false);
        builder.phrases(Phrases::Frameworks, frameworks.iter().copied(), true);
        (builder.build().unwrap(), sale)
    }

    /// Where each sentence of `text` is in it.
    fn spans(text: &str) -> Vec<Range<usize>> {
        sentences(text)
            .into_iter()
            .map(|s| {
                let start = s.as_ptr() as usize - text.as_ptr() as usize;
                start..start + s.len()
            })
            .collect()
    }

    #[test]
    fn a_sentence_gets_the_marks_of_its_own_keywords() {
        let (pass, sale) = pass(&["email"], &[]);
        let text = "No advertising here. A sale of data.";
        let lower = text.to_ascii_lowercase();
        let mut found = Vec::new();
        pass.scan(&lower, &mut found);
        let spans = spans(text);
        assert_eq!(pass.marks_in(&found, spans[0].clone()), (1, 0));
        assert_eq!(pass.marks_in(&found, spans[1].clone()), (0, sale));
        assert_eq!(pass.marks_in(&found, 0..lower.len()), (1, sale));
    }

    #[test]
    fn phrases_in_a_sentence_are_what_its_own_search_finds() {
        let terms = [
            "email",
            "email address",
            "address",
            "ip address",
            "kept. address",
        ];
        let (pass, _) = pass(&terms, &["GDPR", "Privacy Shield"]);
        let text = "Your email address is kept. Address book, IP addresses and emails. \
                    Under the GDPR and Privacy Shield.";
        let lower = text.to_ascii_lowercase();
        let mut found = Vec::new();
        pass.scan(&lower, &mut found);
        let alone = Keywords::new(terms, false).unwrap();
        let mut by_sentence = Vec::new();
        for span in spans(text) {
            let text = &lower[span.clone()];
            let ours: Vec<(usize, usize)> = pass
                .words_in(&found, &lower, span, Phrases::DataTerms)
                .collect();
            // The same search on the sentence alone, at word boundaries.
            let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
            let bytes = text.as_bytes();
            let expected: Vec<(usize, usize)> = alone
                .find_iter(text)
                .filter(|m| {
                    !(bytes.get(m.end()).is_some_and(|&b| word(b))
                        || m.start() > 0 && word(bytes[m.start() - 1]))
                })
                .map(|m| (m.start(), m.pattern()))
                .collect();
            assert_eq!(ours, expected, "{text}");
            by_sentence.extend(ours.into_iter().map(|(_, index)| terms[index]));
        }
        // "kept. address" spans two sentences; "ip addresses" and "emails" are no words.
        assert_eq!(by_sentence, ["email address", "address"]);
        let whole: Vec<usize> = pass
            .words_in(&found, &lower, 0..lower.len(), Phrases::Frameworks)
            .map(|(_, index)| index)
            .collect();
        assert_eq!(whole, [0, 1]);
        let terms_in_whole: Vec<&str> = pass
            .words_in(&found, &lower, 0..lower.len(), Phrases::DataTerms)
            .map(|(_, index)| terms[index])
            .collect();
        assert_eq!(terms_in_whole, ["email address", "kept. address"]);
    }
}
