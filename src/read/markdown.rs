//! Markdown into a `Page`: `#` headings, list items, table cells, paragraphs separated by
//! blank lines.

use super::titled_page;
use crate::page::{Block, Page};
use crate::substring::{find, replace};

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
        match find(after, "](")
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
    replace(&replace(&out, "**", ""), "__", "").replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
