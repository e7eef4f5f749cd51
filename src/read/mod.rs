//! Readers: a document (HTML, Markdown or plain text) into a `Page`. The HTML reader is
//! native only; in the browser the content script and the playground read the DOM with
//! `extension/extract.js`, which follows the element lists below (generated into
//! `extension/generated/shared.js`) and is tested equal to `html::page_from_html`.

#[cfg(not(target_arch = "wasm32"))]
pub mod html;
pub mod markdown;
pub mod text;

use crate::page::{Block, Page};
use crate::substring::contains;

/// Elements whose text is never page text (with their whole subtree).
pub const SKIPPED_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "canvas",
    "select",
    "button",
    "textarea",
    "nav",
    "footer",
    "head",
    "policylens-badge",
];

/// Elements that hold a block of text of their own (a text belongs to its nearest block) and
/// whose name the block keeps.
pub const NAMED_BLOCKS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "pre",
    "blockquote",
    "caption",
    "figcaption",
    "summary",
    "address",
];

/// Elements that also hold a block of text of their own, named `div` (generic containers).
pub const CONTAINER_BLOCKS: &[&str] = &[
    "div", "section", "article", "main", "aside", "header", "table", "ul", "ol", "dl", "details",
    "figure", "body",
];

/// Whether an element holds a block of text of its own.
pub fn is_block(name: &str) -> bool {
    NAMED_BLOCKS.contains(&name) || CONTAINER_BLOCKS.contains(&name)
}

/// Most text the extractors collect from one page, in UTF-16 code units (JavaScript's string
/// length); the core then reads at most `page::MAX_TEXT_BYTES` of it.
pub const MAX_EXTRACTED_TEXT: usize = 2 * 1024 * 1024;

/// How a document is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Text,
}

impl Format {
    /// The format by the file name's extension (`.html`, `.htm`, `.md`, `.txt`; compression
    /// already removed) or, without one, by sniffing for HTML.
    pub fn of(text: &str, name: &str) -> Format {
        let name = name.to_ascii_lowercase();
        if name.ends_with(".html") || name.ends_with(".htm") {
            return Format::Html;
        }
        if name.ends_with(".md") {
            return Format::Markdown;
        }
        let start = text.trim_start();
        let head = start.get(..512).unwrap_or(start).to_ascii_lowercase();
        let looks_html = head.starts_with('<')
            && ["<html", "<!doctype", "<body", "<p"]
                .iter()
                .any(|tag| contains(&head, tag));
        if !name.ends_with(".txt") && looks_html {
            Format::Html
        } else {
            Format::Text
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

/// Reads a document into a page with the reader its format needs.
#[cfg(not(target_arch = "wasm32"))]
pub fn document(text: &str, name: &str, url: &str) -> Page {
    match Format::of(text, name) {
        Format::Html => html::page_from_html(text, url),
        Format::Markdown => markdown::page_from_markdown(text, url),
        Format::Text => text::page_from_text(text, url),
    }
}

/// A page without `<title>` or `lang`: `title_block`'s text stands in for the title.
fn titled_page(blocks: Vec<Block>, title_block: Option<Block>, url: &str) -> Page {
    Page {
        url: url.to_string(),
        title: title_block.map(|b| b.text).unwrap_or_default(),
        lang: String::new(),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn format_by_extension_then_by_sniffing() {
        assert_eq!(Format::of("plain words", "policy.HTM"), Format::Html);
        assert_eq!(Format::of("<p>x</p>", "notes.md"), Format::Markdown);
        assert_eq!(Format::of("<p>x</p>", "notes.txt"), Format::Text);
        assert_eq!(Format::of("  <!DOCTYPE html><p>x", ""), Format::Html);
        assert_eq!(Format::of("<Acme> says hello", ""), Format::Text);
    }
}
