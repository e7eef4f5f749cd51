//! policylens reads privacy policies: it recognises a policy page, classifies each clause into
//! the OPP-115 categories with one Aho-Corasick pass over a reviewable lexicon, extracts facts
//! (what is collected, sold, shared, kept, and for how long), and grades the policy A-E with
//! the clauses behind every claim.
//!
//! The library is pure: no DOM, no I/O. The browser extension calls it through `wasm.rs`.
//!
//! ```
//! use policylens::{analyze, Block, Page};
//! let page = Page {
//!     url: "https://example.com/privacy".into(),
//!     title: "Privacy Policy".into(),
//!     lang: "en".into(),
//!     blocks: vec![
//!         Block::new("h1", 1, "Privacy Policy"),
//!         Block::new("p", 0, "We do not sell, rent or lease your personal information to third parties."),
//!     ],
//! };
//! let report = analyze(&page);
//! assert_eq!(report.schema, 1);
//! assert_eq!(report.facts.sells_data, policylens::Answer::No);
//! ```

mod case;
pub mod category;
pub mod changes;
pub mod classify;
mod dates;
pub mod detect;
#[cfg(all(feature = "train", not(target_arch = "wasm32")))]
pub mod eval;
pub mod facts;
mod gazetteer;
pub mod grade;
pub mod keywords;
pub mod lang;
pub mod lexicon;
pub mod page;
pub mod pattern;
mod precheck;
pub mod read;
pub mod report;
pub mod shared;
mod sort;
mod substring;
pub mod summary;
pub mod text;
#[cfg(all(feature = "train", not(target_arch = "wasm32")))]
pub mod train;

#[cfg(target_arch = "wasm32")]
mod ui;
pub mod ui_text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use category::Category;
pub use page::{Block, Page};
pub use report::{Answer, Kind, Report};

use std::sync::OnceLock;

use classify::Classifier;
use report::Clause;

/// What reads the policies of one language: its lexicon's classifier and its fact tables.
struct Reader {
    classifier: Classifier,
    facts: facts::FactExtractor,
}

impl Reader {
    /// The reader of a supported language (`lang::SUPPORTED`; tests check each has both).
    fn for_language(code: &str) -> Option<Reader> {
        let classifier = Classifier::shipped_for(code)?;
        let tables = facts::table::language(code)?;
        Some(Reader {
            classifier,
            facts: facts::FactExtractor::for_language(tables),
        })
    }
}

/// Holds everything built once per process (automata, tables); analyses many pages.
pub struct Analyzer {
    english: Reader,
    /// The other supported languages' readers, each built on the first page in it.
    others: Vec<(&'static str, OnceLock<Option<Reader>>)>,
    detector: detect::Detector,
}

impl Analyzer {
    /// Builds the automata from the shipped English lexicon and gazetteers; other languages'
    /// are built when a page needs them.
    pub fn new() -> Analyzer {
        Analyzer {
            english: Reader {
                classifier: Classifier::shipped(),
                facts: facts::FactExtractor::new(),
            },
            others: lang::SUPPORTED
                .iter()
                .filter(|&&code| code != "en")
                .map(|&code| (code, OnceLock::new()))
                .collect(),
            detector: detect::Detector::new(),
        }
    }

    /// The English classifier.
    pub fn classifier(&self) -> &Classifier {
        &self.english.classifier
    }

    /// The reader of a language, if policylens reads it.
    fn reader(&self, code: &str) -> Option<&Reader> {
        if code == "en" {
            return Some(&self.english);
        }
        let (_, reader) = self.others.iter().find(|(c, _)| *c == code)?;
        reader.get_or_init(|| Reader::for_language(code)).as_ref()
    }

    pub fn detector(&self) -> &detect::Detector {
        &self.detector
    }

    /// Only the detection step of `analyze`, with the same result.
    pub fn detect(&self, page: &Page) -> report::Detection {
        self.measure(page).decide(&detect::WEIGHTS)
    }

    /// What the detection step weighs (`eval pages --cv` chooses the weights from it).
    pub fn measure(&self, page: &Page) -> detect::Measurement {
        let (page, _) = page.bounded();
        self.detector.measure(&page, &text::segment(&page))
    }

    /// Analyses one page. A page in a language policylens cannot read gets its detection and
    /// its clauses, but no grade, no facts claims and no category verdicts.
    pub fn analyze(&self, page: &Page) -> Report {
        let (page, truncated) = page.bounded();
        let segments = text::segment(&page);
        let detection = self.detector.detect(&page, &segments);
        let language = lang::identify(&page.lang, page.blocks.iter().map(|b| b.text.as_str()));
        let Some(reader) = self.reader(&language.code).filter(|_| language.supported) else {
            return unread(detection, &segments, language, truncated);
        };
        let labels = reader.classifier.classify_page(&segments);
        let facts = reader.facts.extract(&page, &segments);
        let clauses: Vec<Clause> = segments
            .into_iter()
            .zip(labels)
            .enumerate()
            .map(|(index, (segment, labels))| Clause {
                index,
                block: segment.block,
                text: segment.text,
                categories: labels
                    .categories
                    .iter()
                    .map(|c| c.id().to_string())
                    .collect(),
                evidence: labels.evidence,
            })
            .collect();
        let categories = summary::categories(&clauses, &facts);
        let graded = grade::grade(&detection, &facts, &categories);
        let lines = summary::lines(&detection, &facts, &graded);
        let (grade, grade_reasons) = if detection.is_policy {
            (Some(graded.grade), graded.reasons)
        } else {
            (None, Vec::new())
        };
        let findings = Findings {
            clauses,
            categories,
            facts,
            grade,
            grade_reasons,
        };
        assemble(detection, findings, lines, truncated, language)
    }
}

/// What a report says about a page's clauses.
struct Findings {
    clauses: Vec<Clause>,
    categories: Vec<report::CategorySummary>,
    facts: report::Facts,
    grade: Option<char>,
    grade_reasons: Vec<report::GradeReason>,
}

fn assemble(
    detection: report::Detection,
    findings: Findings,
    lines: summary::Lines,
    truncated: bool,
    language: lang::Language,
) -> Report {
    Report {
        schema: report::SCHEMA,
        grade: findings.grade,
        grade_reasons: findings.grade_reasons,
        detection,
        categories: findings.categories,
        clauses: findings.clauses,
        facts: findings.facts,
        headline: lines.headline,
        summary: lines.lines.iter().map(|l| l.text.clone()).collect(),
        summary_clauses: lines.lines.iter().map(|l| l.clause).collect(),
        summary_messages: lines.lines.into_iter().map(|l| l.message).collect(),
        headline_message: lines.headline_message,
        truncated,
        language,
    }
}

/// The report on a page in a language policylens cannot read: what the page is and its
/// clauses, without categories, facts or grade.
fn unread(
    detection: report::Detection,
    segments: &[text::Segment],
    language: lang::Language,
    truncated: bool,
) -> Report {
    let lines = summary::unread_lines(&detection, &language);
    let clauses = segments
        .iter()
        .enumerate()
        .map(|(index, segment)| Clause {
            index,
            block: segment.block,
            text: segment.text.clone(),
            categories: Vec::new(),
            evidence: Vec::new(),
        })
        .collect();
    let findings = Findings {
        clauses,
        categories: Vec::new(),
        facts: report::Facts::default(),
        grade: None,
        grade_reasons: Vec::new(),
    };
    assemble(detection, findings, lines, truncated, language)
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

/// The process-wide analyser, built on first use.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

/// Detects the kind of one page with the process-wide analyser (the `detection` of `analyze`).
pub fn detect(page: &Page) -> report::Detection {
    analyzer().detect(page)
}

/// Analyses one page with the process-wide analyser.
pub fn analyze(page: &Page) -> Report {
    analyzer().analyze(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_supported_language_has_a_lexicon_and_fact_tables() {
        for code in lang::SUPPORTED {
            assert!(Reader::for_language(code).is_some(), "{code}");
        }
        assert!(Reader::for_language("pt").is_none());
    }
}
