//! HTML, Markdown and plain text turned into a `Page`, the way the content script reads a DOM:
//! block-level elements in document order, scripts, styles, navigation and footers skipped.

use crate::page::{Block, Page};

/// Elements whose content is never page text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
    "select", "button", "textarea", "nav", "footer", "head",
];

/// Elements that end one block and start another.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Tags a block is named after (the innermost open one wins); others give `div`.
const NAMED_BLOCKS: &[&str] = &[
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

/// Reads an HTML document into a `Page`.
pub fn page_from_html(html: &str, url: &str) -> Page {
    let mut reader = HtmlReader::default();
    reader.read(html);
    reader.flush();
    Page {
        url: url.to_string(),
        title: reader.title.trim().to_string(),
        lang: reader.lang,
        blocks: reader.blocks,
    }
}

#[derive(Default)]
struct HtmlReader {
    blocks: Vec<Block>,
    title: String,
    lang: String,
    /// Open named blocks and list nesting, innermost last.
    open: Vec<String>,
    list_depth: u8,
    skip_depth: usize,
    skip_tag: String,
    in_title: bool,
    buffer: String,
}

impl HtmlReader {
    fn read(&mut self, html: &str) {
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            self.text(&rest[..lt]);
            rest = &rest[lt..];
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                continue;
            }
            let Some(gt) = tag_end(rest) else {
                self.text(rest);
                return;
            };
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            self.tag(tag);
            // Raw-text elements: skip straight to their end tag.
            if self.skip_depth > 0
                && matches!(self.skip_tag.as_str(), "script" | "style" | "template")
            {
                let close = format!("</{}", self.skip_tag);
                match find_ignore_case(rest, &close) {
                    Some(at) => rest = &rest[at..],
                    None => return,
                }
            }
        }
        self.text(rest);
    }

    fn tag(&mut self, raw: &str) {
        let closing = raw.starts_with('/');
        let body = raw.trim_start_matches('/');
        let name_end = body
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        if name.is_empty() || name.starts_with('!') || name.starts_with('?') {
            return;
        }
        if self.skip_depth > 0 {
            if name == self.skip_tag {
                if closing {
                    self.skip_depth -= 1;
                } else if !raw.ends_with('/') {
                    self.skip_depth += 1;
                }
            }
            return;
        }
        if name == "html" && !closing {
            if let Some(lang) = attribute(body, "lang") {
                self.lang = lang.to_ascii_lowercase();
            }
        }
        if name == "title" {
            self.in_title = !closing;
            return;
        }
        if SKIPPED.contains(&name.as_str()) && !closing && !raw.ends_with('/') {
            if name == "head" {
                return; // only <title> matters in <head>; its other children are not text
            }
            self.flush();
            self.skip_tag = name;
            self.skip_depth = 1;
            return;
        }
        if name == "br" {
            self.buffer.push('\n');
            return;
        }
        if !BLOCK_TAGS.contains(&name.as_str()) {
            if !self.buffer.ends_with(' ') {
                self.buffer.push(' ');
            }
            return;
        }
        self.flush();
        if matches!(name.as_str(), "ul" | "ol") {
            self.list_depth = if closing {
                self.list_depth.saturating_sub(1)
            } else {
                self.list_depth.saturating_add(1)
            };
        }
        if NAMED_BLOCKS.contains(&name.as_str()) {
            if closing {
                if let Some(at) = self.open.iter().rposition(|t| *t == name) {
                    self.open.truncate(at);
                }
            } else {
                // A new <p> or <li> implicitly closes an unclosed one of the same kind.
                if matches!(name.as_str(), "p" | "li" | "dt" | "dd" | "td" | "th")
                    && self.open.last() == Some(&name)
                {
                    self.open.pop();
                }
                self.open.push(name);
            }
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() || self.skip_depth > 0 {
            return;
        }
        let decoded = decode_entities(raw);
        if self.in_title {
            self.title.push_str(&decoded);
            return;
        }
        for c in decoded.chars() {
            self.buffer.push(if c.is_whitespace() { ' ' } else { c });
        }
    }

    fn flush(&mut self) {
        if self.buffer.trim().is_empty() {
            self.buffer.clear();
            return;
        }
        let tag = self
            .open
            .last()
            .cloned()
            .unwrap_or_else(|| "div".to_string());
        let level = match tag.as_bytes() {
            [b'h', d] if d.is_ascii_digit() => d - b'0',
            _ if tag == "li" => self.list_depth.max(1),
            _ => 0,
        };
        let buffer = std::mem::take(&mut self.buffer);
        // A blank line (two <br>) separates paragraphs inside one element.
        for part in buffer.split("\n \n").flat_map(|p| p.split("\n\n")) {
            let text = part.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                self.blocks.push(Block {
                    text,
                    tag: tag.clone(),
                    level,
                });
            }
        }
    }
}

/// Index of the `>` closing the tag at the start of `s`, respecting quoted attributes.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!(" {name}="))? + name.len() + 2;
    let rest = &tag[at..];
    let value = match rest.as_bytes().first()? {
        q @ (b'"' | b'\'') => rest[1..].split(*q as char).next()?,
        _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
    };
    Some(value.to_string())
}

/// Decodes character references: numeric ones and the named ones policies use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|e| e + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "rsquo" | "lsquo" => Some('\''),
            "ldquo" | "rdquo" => Some('"'),
            "mdash" | "ndash" => Some('-'),
            "hellip" => Some('…'),
            "copy" => Some('©'),
            "reg" => Some('®'),
            "trade" => Some('™'),
            "bull" | "middot" => Some('·'),
            _ => name.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads Markdown: `#` headings, list items, paragraphs separated by blank lines.
pub fn page_from_markdown(md: &str, url: &str) -> Page {
    let mut blocks = Vec::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, blocks: &mut Vec<Block>| {
        if !paragraph.trim().is_empty() {
            blocks.push(Block::new("p", 0, strip_markdown(paragraph.trim())));
        }
        paragraph.clear();
    };
    for line in md.lines() {
        let trimmed = line.trim();
        let indent = line.len() - line.trim_start().len();
        if trimmed.is_empty() || trimmed.starts_with("---") || trimmed.starts_with("|---") {
            flush(&mut paragraph, &mut blocks);
        } else if let Some(level) = heading_level(trimmed) {
            flush(&mut paragraph, &mut blocks);
            let text = trimmed.trim_start_matches('#').trim();
            blocks.push(Block::new(
                &format!("h{level}"),
                level,
                strip_markdown(text),
            ));
        } else if let Some(item) = list_item(trimmed) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::new(
                "li",
                (indent / 2) as u8 + 1,
                strip_markdown(item),
            ));
        } else if trimmed.starts_with('|') {
            flush(&mut paragraph, &mut blocks);
            for cell in trimmed
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                blocks.push(Block::new("td", 0, strip_markdown(cell)));
            }
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(trimmed);
        }
    }
    flush(&mut paragraph, &mut blocks);
    let title = blocks.iter().find(|b| b.is_heading()).cloned();
    titled_page(blocks, title, url)
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

fn heading_level(line: &str) -> Option<u8> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    ((1..=6).contains(&hashes) && line.as_bytes().get(hashes) == Some(&b' '))
        .then_some(hashes as u8)
}

fn list_item(line: &str) -> Option<&str> {
    if let Some(rest) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
    {
        return Some(rest);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        return line[digits..]
            .strip_prefix(". ")
            .or_else(|| line[digits..].strip_prefix(") "));
    }
    None
}

/// Removes emphasis markers and turns `[text](url)` into `text`.
fn strip_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find("](")
            .and_then(|mid| after[mid..].find(')').map(|close| (mid, mid + close)))
        {
            Some((mid, close)) => {
                out.push_str(&after[..mid]);
                rest = &after[close + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").replace('`', "")
}

/// Reads plain text: blank lines separate paragraphs; a file without blank lines is one
/// paragraph per line.
pub fn page_from_text(text: &str, url: &str) -> Page {
    let has_blank_lines = text.lines().any(|l| l.trim().is_empty());
    let parts: Vec<String> = if has_blank_lines {
        text.split("\n\n")
            .flat_map(|p| p.split("\r\n\r\n"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_in_order_without_scripts_or_navigation() {
        let html = r#"<!doctype html><html lang="en-GB"><head><title>Privacy &amp; Cookies</title>
            <script>var x = "<p>not text</p>";</script></head><body>
            <nav><a href="/">Home</a></nav>
            <h1>Privacy Policy</h1><p>We collect your <b>name</b> and e-mail.<p>Second paragraph.
            <ul><li>Item one<li>Item &#8220;two&#8221;<ul><li>Nested</li></ul></li></ul>
            <footer>Copyright</footer></body></html>"#;
        let page = page_from_html(html, "https://example.com/privacy");
        assert_eq!(page.title, "Privacy & Cookies");
        assert_eq!(page.lang, "en-gb");
        let got: Vec<(&str, u8, &str)> = page
            .blocks
            .iter()
            .map(|b| (b.tag.as_str(), b.level, b.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("h1", 1, "Privacy Policy"),
                ("p", 0, "We collect your name and e-mail."),
                ("p", 0, "Second paragraph."),
                ("li", 1, "Item one"),
                ("li", 1, "Item \u{201C}two\u{201D}"),
                ("li", 2, "Nested"),
            ]
        );
    }

    #[test]
    fn double_br_separates_paragraphs() {
        let page = page_from_html(
            "<div>First part.<br><br>Second part.<br>same paragraph</div>",
            "",
        );
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["First part.", "Second part. same paragraph"]);
    }

    #[test]
    fn markdown_headings_lists_tables_and_links() {
        let md = "# Privacy Policy\n\nWe use [cookies](https://x.test/c) and **analytics**.\nSecond line.\n\n## Your rights\n- access\n  - nested\n1. delete\n\n| Cookie | Duration |\n|---|---|\n| _ga | 2 years |\n";
        let page = page_from_markdown(md, "");
        let got: Vec<(&str, &str)> = page
            .blocks
            .iter()
            .map(|b| (b.tag.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("h1", "Privacy Policy"),
                ("p", "We use cookies and analytics. Second line."),
                ("h2", "Your rights"),
                ("li", "access"),
                ("li", "nested"),
                ("li", "delete"),
                ("td", "Cookie"),
                ("td", "Duration"),
                ("td", "_ga"),
                ("td", "2 years"),
            ]
        );
        assert_eq!(page.title, "Privacy Policy");
    }

    #[test]
    fn broken_html_does_not_lose_text() {
        let page = page_from_html("<p>Unclosed <b attr=\"a>b\">bold <p>next <", "");
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Unclosed bold", "next <"]);
    }
}
