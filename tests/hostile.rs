//! Hostile and malformed input: never a panic, bounded work, a report that stays consistent.
//! Random cases come from a fixed-seed generator, so a failure reproduces exactly.

use policylens::read::html::page_from_html;
use policylens::read::markdown::page_from_markdown;
use policylens::read::text::page_from_text;
use policylens::{analyze, Block, Page, Report};

/// Pieces hostile pages are made of: markup, policy words, odd characters.
const FRAGMENTS: &[&str] = &[
    "<p>",
    "</p>",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<h2>",
    "</h2>",
    "<div>",
    "</div>",
    "<br>",
    "<br/>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<td>",
    "<table>",
    "<",
    ">",
    "&",
    "&#",
    "&#x",
    "&#1114112;",
    "&#xD800;",
    "&amp;",
    "&nbsp;",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "\t",
    "\0",
    "Privacy Policy",
    "We collect your email address",
    "We do not sell",
    "we may share with advertisers",
    "for 3 years",
    "under 13",
    "Last updated 03/01/2023",
    "privacy@example.test",
    "Google Analytics",
    "opt out",
    "cookies",
    "GDPR",
    "do not track",
    ".",
    ";",
    ":",
    "\u{202E}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}",
    "\u{1F600}",
    "e\u{0301}",
    "\u{FFFD}",
    "#",
    "- ",
    "1. ",
    "|",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_document(rng: &mut Rng) -> String {
    let pieces = 1 + rng.below(400);
    (0..pieces)
        .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
        .collect()
}

/// Everything a report refers to exists, and the schema's value sets hold.
fn assert_consistent(page: &Page, report: &Report) {
    let json = serde_json::to_value(report).expect("report serialises");
    assert_eq!(json["schema"], 1);
    let clauses = report.clauses.len();
    for (i, clause) in report.clauses.iter().enumerate() {
        assert_eq!(clause.index, i);
        assert!(
            clause.block < page.blocks.len().max(1),
            "clause {i} points past the blocks"
        );
        // A page in a language policylens cannot read gets no category verdicts.
        assert_eq!(
            clause.categories.is_empty(),
            !report.language.supported,
            "clause {i}: categories {:?} in language {:?}",
            clause.categories,
            report.language
        );
    }
    for category in &report.categories {
        assert!(
            category.clauses.iter().all(|&c| c < clauses),
            "category {} points past the clauses",
            category.id
        );
    }
    for reason in &report.grade_reasons {
        assert!(
            reason.clauses.iter().all(|&c| c < clauses),
            "rule {} points past the clauses",
            reason.rule
        );
    }
    for retention in &report.facts.retention {
        assert!(retention.clause < clauses);
    }
    for source in &report.facts.evidence {
        assert!(
            source.clauses.iter().all(|&c| c < clauses),
            "fact {} points past the clauses",
            source.fact
        );
    }
    assert!(report.summary.len() <= 6);
    assert_eq!(report.summary.len(), report.summary_clauses.len());
    assert_eq!(report.summary.len(), report.summary_messages.len());
    assert!(report
        .summary_clauses
        .iter()
        .flatten()
        .all(|&c| c < clauses));
    assert_eq!(
        report.grade.is_some(),
        report.detection.is_policy && report.language.supported
    );
    assert!((0.0..=1.0).contains(&report.detection.score));
}

#[test]
fn random_documents_never_panic_and_give_consistent_reports() {
    let mut rng = Rng(0x5EED_2026);
    for case in 0..1500 {
        let document = random_document(&mut rng);
        let readers: [fn(&str, &str) -> Page; 3] =
            [page_from_html, page_from_markdown, page_from_text];
        let page = readers[case % 3](&document, "https://example.test/privacy");
        let report = analyze(&page);
        assert_consistent(&page, &report);
    }
}

#[test]
fn random_page_structures_never_panic() {
    let mut rng = Rng(42);
    let tags = [
        "h1", "h2", "h6", "p", "li", "td", "div", "", "H2", "h9", "script",
    ];
    for _ in 0..600 {
        let blocks = (0..rng.below(60))
            .map(|_| Block {
                text: random_document(&mut rng),
                tag: tags[rng.below(tags.len())].to_string(),
                level: rng.below(256) as u8,
            })
            .collect();
        let page = Page {
            url: random_document(&mut rng),
            title: random_document(&mut rng),
            lang: "xx".into(),
            blocks,
        };
        assert_consistent(&page, &analyze(&page));
    }
}

#[test]
fn oversized_page_is_cut_and_says_so() {
    let paragraph = "We collect your email address and share it with service providers who help us run the site. ";
    let block_text = paragraph.repeat(100); // ~9 KB
    let blocks: Vec<Block> = (0..2500)
        .map(|_| Block::new("p", 0, block_text.clone()))
        .collect(); // ~23 MB
    let page = Page {
        url: "https://example.test/privacy".into(),
        title: "Privacy Policy".into(),
        lang: "en".into(),
        blocks,
    };
    let report = analyze(&page);
    assert!(report.truncated);
    let read: usize = report.clauses.iter().map(|c| c.text.len()).sum();
    assert!(
        read <= policylens::page::MAX_TEXT_BYTES,
        "read {read} bytes"
    );
    assert_consistent(&page, &report);
}

#[test]
fn one_huge_line_and_deep_nesting_finish() {
    let line = "we collect data ".repeat(320_000); // ~5 MB, no sentence ends
    let page = page_from_text(&line, "");
    assert_consistent(&page, &analyze(&page));

    let nested = format!(
        "{}Privacy policy text{}",
        "<div><li><p><span>".repeat(50_000),
        "</span></p></li></div>".repeat(50_000)
    );
    let page = page_from_html(&nested, "");
    assert_consistent(&page, &analyze(&page));
}

#[test]
fn policy_repeated_a_hundred_times_is_still_one_policy() {
    let section = "<h2>Information we collect</h2><p>We collect your name, email address and IP address when you use the service.</p><h2>Sharing</h2><p>We do not sell your personal information. We share it with service providers.</p>";
    let html = format!("<html><head><title>Privacy Policy</title></head><body><h1>Privacy Policy</h1>{}</body></html>", section.repeat(100));
    let page = page_from_html(&html, "https://example.test/privacy");
    let report = analyze(&page);
    assert_consistent(&page, &report);
    assert_eq!(report.facts.sells_data, policylens::Answer::No);
    let contacts_unique = report.facts.contacts.len()
        == report
            .facts
            .contacts
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len();
    assert!(contacts_unique);
}
