//! HTML into a `Page`, parsed by a real HTML5 parser (html5ever, through `scraper`) and read
//! exactly the way the content script reads the browser's DOM (`extension/extract.js`): the
//! same skipped elements, blocks, tag names, levels, paragraph breaks and limits. Native only:
//! in the browser the page already has a DOM.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::{is_block, MAX_EXTRACTED_TEXT, NAMED_BLOCKS, SKIPPED_ELEMENTS};
use crate::page::{Block, Page, MAX_BLOCKS};

/// Reads an HTML document into a `Page`.
pub fn page_from_html(html: &str, url: &str) -> Page {
    let document = Html::parse_document(html);
    let root = document.root_element();
    let lang = root.value().attr("lang").unwrap_or_default().to_lowercase();
    let body = root
        .children()
        .find(|child| element_name(child).is_some_and(|n| n == "body" || n == "frameset"))
        .unwrap_or(*root);
    Page {
        url: url.to_string(),
        title: title(&document),
        lang,
        blocks: blocks(body),
    }
}

/// `document.title`: the first `<title>`'s own text, ASCII whitespace collapsed.
fn title(document: &Html) -> String {
    let Some(title) = document
        .tree
        .root()
        .descendants()
        .find(|node| is_html_element(node, "title"))
    else {
        return String::new();
    };
    let text: String = title
        .children()
        .filter_map(|child| child.value().as_text().map(|t| &**t))
        .collect();
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// The walk of `extension/extract.js`: text nodes in document order, each belonging to its
/// nearest block-element ancestor; a change of block ends a block.
fn blocks(root: NodeRef<Node>) -> Vec<Block> {
    let mut reader = BlockReader::default();
    // Nearest block element (its node and Block shape) for each open element, innermost last.
    let mut open: Vec<Option<(ego_tree::NodeId, &str, u8)>> = Vec::new();
    let mut lists: Vec<u8> = Vec::new();
    let mut skipping = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        let name = element.name();
                        let rejected =
                            SKIPPED_ELEMENTS.contains(&name) || element.attr("hidden").is_some();
                        if rejected && node.id() != root.id() {
                            skipping = Some(node.id());
                            continue;
                        }
                        let depth = lists.last().copied().unwrap_or(0);
                        let in_list = u8::from(matches!(name, "ul" | "ol"));
                        lists.push(depth.saturating_add(in_list));
                        let nearest = if is_block(name) {
                            let (tag, level) = block_shape(name, depth);
                            Some((node.id(), tag, level))
                        } else {
                            open.last().copied().flatten()
                        };
                        open.push(nearest);
                        match name {
                            "br" => reader.line_break(nearest, 1),
                            "hr" => reader.line_break(nearest, 2),
                            _ => {}
                        }
                    }
                    Node::Text(text) => reader.text(open.last().copied().flatten(), text),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none() && node.value().is_element() {
                    open.pop();
                    lists.pop();
                }
            }
        }
    }
    reader.flush();
    reader.blocks
}

/// The tag a block is named by (`div` for generic containers) and its level: the heading
/// level, the number of lists around a list item, else 0.
fn block_shape(name: &str, lists_around: u8) -> (&'static str, u8) {
    let Some(tag) = NAMED_BLOCKS.iter().find(|t| **t == name) else {
        return ("div", 0);
    };
    let level = match tag.as_bytes() {
        [b'h', d] if d.is_ascii_digit() => d - b'0',
        _ if *tag == "li" => lists_around,
        _ => 0,
    };
    (tag, level)
}

/// Collects the text of the current block, split into paragraphs at blank lines.
#[derive(Default)]
struct BlockReader {
    blocks: Vec<Block>,
    current: Option<(ego_tree::NodeId, &'static str, u8)>,
    /// Finished paragraphs of the current block, then the one being read.
    paragraphs: Vec<String>,
    text: String,
    /// Line breaks since the last visible text: two make a blank line.
    breaks: u8,
    /// Text collected so far, in UTF-16 code units (as the content script counts it).
    total: usize,
}

impl BlockReader {
    fn enter(&mut self, block: Option<(ego_tree::NodeId, &'static str, u8)>) {
        let id = |b: Option<(ego_tree::NodeId, &str, u8)>| b.map(|(id, _, _)| id);
        if id(block) != id(self.current) {
            self.flush();
            self.current = block;
        }
    }

    fn line_break(&mut self, block: Option<(ego_tree::NodeId, &'static str, u8)>, count: u8) {
        self.enter(block);
        self.text.push(' ');
        self.breaks = self.breaks.saturating_add(count);
    }

    fn text(&mut self, block: Option<(ego_tree::NodeId, &'static str, u8)>, text: &str) {
        self.enter(block);
        if text.chars().any(|c| !is_js_space(c)) {
            if self.breaks >= 2 && self.text.chars().any(|c| !is_js_space(c)) {
                self.paragraphs.push(std::mem::take(&mut self.text));
            }
            self.breaks = 0;
        }
        self.text.push_str(text);
    }

    fn flush(&mut self) {
        self.paragraphs.push(std::mem::take(&mut self.text));
        self.breaks = 0;
        let Some((_, tag, level)) = self.current else {
            self.paragraphs.clear();
            return;
        };
        for paragraph in std::mem::take(&mut self.paragraphs) {
            let text = collapse_js_space(&paragraph);
            let units: usize = text.chars().map(char::len_utf16).sum();
            if units > 1 && self.blocks.len() < MAX_BLOCKS && self.total < MAX_EXTRACTED_TEXT {
                self.total += units;
                self.blocks.push(Block::new(tag, level, text));
            }
        }
    }
}

/// JavaScript's `\s`: the characters `replace(/\s+/g, ' ')` collapses in the content script.
fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

fn collapse_js_space(text: &str) -> String {
    text.split(is_js_space)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

fn is_html_element(node: &NodeRef<Node>, name: &str) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| e.name() == name && &*e.name.ns == "http://www.w3.org/1999/xhtml")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(page: &Page) -> Vec<(&str, u8, &str)> {
        page.blocks
            .iter()
            .map(|b| (b.tag.as_str(), b.level, b.text.as_str()))
            .collect()
    }

    fn texts(html: &str) -> Vec<String> {
        page_from_html(html, "")
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    #[test]
    fn blocks_in_order_without_scripts_or_navigation() {
        let html = r#"<!doctype html><html lang="en-GB"><head><title>Privacy &amp;
            Cookies</title><script>var x = "<p>not text</p>";</script></head><body>
            <nav><a href="/">Home</a></nav>
            <h1>Privacy Policy</h1><p>We collect your <b>name</b>, e-mail.<p>Second paragraph.
            <ul><li>Item one<li>Item &#8220;two&rdquo;<ul><li>Nested</li></ul></li></ul>
            <p hidden>Hidden text</p><section>Loose text</section>
            <footer>Copyright</footer></body></html>"#;
        let page = page_from_html(html, "https://example.com/privacy");
        assert_eq!(page.title, "Privacy & Cookies");
        assert_eq!(page.lang, "en-gb");
        assert_eq!(
            shapes(&page),
            vec![
                ("h1", 1, "Privacy Policy"),
                ("p", 0, "We collect your name, e-mail."),
                ("p", 0, "Second paragraph."),
                ("li", 1, "Item one"),
                ("li", 1, "Item \u{201C}two\u{201D}"),
                ("li", 2, "Nested"),
                ("div", 0, "Loose text"),
            ]
        );
    }

    #[test]
    fn blank_line_of_br_or_an_hr_separates_paragraphs() {
        assert_eq!(
            texts("<div>First part.<br> <br>Second part.<br>same paragraph<hr>Third.</div>"),
            vec!["First part.", "Second part. same paragraph", "Third."]
        );
    }

    #[test]
    fn malformed_attribute_does_not_turn_markup_into_text() {
        // A stray `"=""` inside a tag once made the reader take the rest of the page as text.
        let html = r#"<html><body><div class="x" "="" id="main"><p>We collect your e-mail
            address.</p><script>var tracking = "<p>not text</p>";</script>
            <p>We never sell it.</p></div></body></html>"#;
        assert_eq!(
            texts(html),
            vec!["We collect your e-mail address.", "We never sell it."]
        );
    }

    #[test]
    fn unclosed_tags_and_stray_quotes_keep_text_and_drop_markup() {
        let html = "<p>Unclosed <b attr=\"a>b\">bold <p>next \" quote ' here <i>open\
                    <table><tr><td>cell one<td>cell two</table><li>item";
        assert_eq!(
            texts(html),
            vec![
                "Unclosed bold",
                "next \" quote ' here open",
                "cell one",
                "cell two",
                "item"
            ]
        );
        let unterminated = texts("<p>Before the tag.</p><p class=\"never closed>Inside.");
        assert_eq!(unterminated, vec!["Before the tag."]);
    }

    #[test]
    fn single_characters_and_empty_documents_give_no_blocks() {
        assert!(texts("<p>×</p><div> </div>").is_empty());
        assert!(texts("").is_empty());
        assert_eq!(page_from_html("<title> A  B </title>", "").title, "A B");
    }
}
