//! Plain text into a `Page`.

use super::titled_page;
use crate::page::{Block, Page};
use crate::substring::split;

/// Reads plain text: blank lines separate paragraphs; a file without blank lines is one
/// paragraph per line.
pub fn page_from_text(text: &str, url: &str) -> Page {
    let has_blank_lines = text.lines().any(|l| l.trim().is_empty());
    let parts: Vec<String> = if has_blank_lines {
        split(text, "\n\n")
            .flat_map(|p| split(p, "\r\n\r\n"))
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    } else {
        text.lines().map(|l| l.trim().to_string()).collect()
    };
    let blocks: Vec<Block> = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            let heading = p.len() < 80
                && !p.ends_with(['.', ':', ';', ','])
                && p.split_whitespace().count() <= 8;
            if heading {
                Block::new("h2", 2, p)
            } else {
                Block::new("p", 0, p)
            }
        })
        .collect();
    let title = blocks.first().filter(|b| b.is_heading()).cloned();
    titled_page(blocks, title, url)
}
