//! Arbitrary `Page` structures (as the content script could send them), analysed directly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policylens::{Block, Page};

const TAGS: [&str; 8] = ["h1", "h2", "h6", "p", "li", "td", "div", "x"];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}');
    let url = parts.next().unwrap_or_default().to_string();
    let title = parts.next().unwrap_or_default().to_string();
    let blocks = parts
        .map(|part| {
            let first = part.bytes().next().unwrap_or(0);
            Block { text: part.to_string(), tag: TAGS[usize::from(first) % TAGS.len()].to_string(), level: first }
        })
        .collect();
    let page = Page { url, title, lang: String::new(), blocks };
    let report = policylens::analyze(&page);
    let clauses = report.clauses.len();
    assert!(report.categories.iter().all(|c| c.clauses.iter().all(|&i| i < clauses)));
    assert!(report.facts.evidence.iter().all(|e| e.clauses.iter().all(|&i| i < clauses)));
});
