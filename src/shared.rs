//! The constants the extension's JavaScript needs as well as the core, defined once here:
//! `policylens shared-js` (run by `./build.sh`) writes them to `extension/generated/shared.js`,
//! and a test fails when that file is stale.

use serde_json::{json, Map, Value};

use crate::page::{MAX_BLOCKS, MAX_TEXT_BYTES};
use crate::{precheck, read};

/// Badge, panel and toolbar colours per grade: (grade, background, text).
pub const GRADE_COLOURS: &[(char, &str, &str)] = &[
    ('A', "#1a7f37", "#ffffff"),
    ('B', "#2f7d14", "#ffffff"),
    ('C', "#f2c94c", "#1b1f24"),
    ('D', "#c2410c", "#ffffff"),
    ('E', "#b42318", "#ffffff"),
];

/// The colours of `grade`: (background, text).
pub fn grade_colours(grade: char) -> Option<(&'static str, &'static str)> {
    GRADE_COLOURS
        .iter()
        .find(|(g, _, _)| *g == grade)
        .map(|&(_, background, text)| (background, text))
}

/// Longest text of one block the service worker passes on, in UTF-16 code units.
pub const MAX_BLOCK_TEXT: usize = 200_000;
/// Longest title or other short field the service worker passes on.
pub const MAX_FIELD: usize = 4096;
/// Per-site summaries kept for change alerts; the oldest go first.
pub const MAX_SITES: usize = 300;

/// The contents of `extension/generated/shared.js`.
pub fn javascript() -> String {
    let colours: Map<String, Value> = GRADE_COLOURS
        .iter()
        .map(|(grade, background, text)| {
            (
                grade.to_string(),
                json!({ "background": background, "text": text }),
            )
        })
        .collect();
    let shared = json!({
        "maxBlocks": MAX_BLOCKS,
        "maxExtractedText": read::MAX_EXTRACTED_TEXT,
        "maxTextBytes": MAX_TEXT_BYTES,
        "maxBlockText": MAX_BLOCK_TEXT,
        "maxField": MAX_FIELD,
        "maxSites": MAX_SITES,
        "skippedElements": read::SKIPPED_ELEMENTS,
        "namedBlocks": read::NAMED_BLOCKS,
        "containerBlocks": read::CONTAINER_BLOCKS,
        "gradeColours": colours,
        "settingsDefaults": { "autoBadge": true, "quietSites": [], "corner": "bottom-right" },
        "precheck": {
            "urlWords": precheck::URL_WORDS,
            "nameWords": precheck::NAME_WORDS,
            "sectionWords": precheck::SECTION_WORDS,
            "maxHeadings": precheck::MAX_HEADINGS,
            "nameHeadings": precheck::NAME_HEADINGS,
            "maxChars": precheck::MAX_CHARS,
            "minSections": precheck::MIN_SECTIONS,
        },
    });
    let body = serde_json::to_string_pretty(&shared).expect("plain JSON values");
    format!(
        "// Generated from the Rust core (src/shared.rs) by `policylens shared-js`, which\n\
         // ./build.sh runs; edit the Rust, not this file.\n\
         globalThis.policylensShared = {body};\n"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_javascript_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/generated/shared.js");
        let written = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            written == super::javascript(),
            "extension/generated/shared.js is stale: run ./build.sh (or `policylens shared-js \
             > extension/generated/shared.js`)"
        );
    }

    #[test]
    fn every_grade_has_colours() {
        for grade in ['A', 'B', 'C', 'D', 'E'] {
            let (background, text) = super::grade_colours(grade).expect("colours");
            assert!(background.starts_with('#') && text.starts_with('#'));
        }
        assert_eq!(super::grade_colours('F'), None);
    }
}
