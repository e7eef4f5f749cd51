//! Arbitrary bytes read as HTML, Markdown or text, then analysed: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policylens::read::html::page_from_html;
use policylens::read::markdown::page_from_markdown;
use policylens::read::text::page_from_text;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let page = match choice % 3 {
        0 => page_from_html(&text, "https://example.test/privacy"),
        1 => page_from_markdown(&text, ""),
        _ => page_from_text(&text, ""),
    };
    let report = policylens::analyze(&page);
    assert!(report.clauses.iter().all(|c| c.block < page.blocks.len()));
    assert_eq!(report.grade.is_some(), report.detection.is_policy);
});
