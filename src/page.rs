//! The input: a page as block-level text in document order.

use serde::{Deserialize, Serialize};

/// Most text the core reads from one page; the rest is ignored and the report says so.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;
/// Most blocks the core reads from one page.
pub const MAX_BLOCKS: usize = 20_000;

/// A page as the content script (or the CLI) extracts it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One block-level element's text: a heading, paragraph, list item or table cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub text: String,
    /// Lower-case tag name: `h1`..`h6`, `p`, `li`, `td`, `th`, `dt`, `dd`, `pre`, `div`, ...
    #[serde(default)]
    pub tag: String,
    /// Heading level 1-6 for headings, list nesting depth for list items, else 0.
    #[serde(default)]
    pub level: u8,
}

impl Block {
    pub fn new(tag: &str, level: u8, text: impl Into<String>) -> Block {
        Block {
            text: text.into(),
            tag: tag.to_string(),
            level,
        }
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
    }

    pub fn is_list_item(&self) -> bool {
        matches!(self.tag.as_str(), "li" | "dd")
    }
}

impl Page {
    /// Total bytes of block text.
    pub fn text_len(&self) -> usize {
        self.blocks.iter().map(|b| b.text.len()).sum()
    }

    /// The page cut to the core's limits, and whether anything was cut.
    pub fn bounded(&self) -> (std::borrow::Cow<'_, Page>, bool) {
        if self.blocks.len() <= MAX_BLOCKS && self.text_len() <= MAX_TEXT_BYTES {
            return (std::borrow::Cow::Borrowed(self), false);
        }
        let mut budget = MAX_TEXT_BYTES;
        let mut blocks = Vec::new();
        for block in self.blocks.iter().take(MAX_BLOCKS) {
            if budget == 0 {
                break;
            }
            let mut text = block.text.as_str();
            if text.len() > budget {
                let mut end = budget;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text = &text[..end];
            }
            budget -= text.len();
            blocks.push(Block {
                text: text.to_string(),
                tag: block.tag.clone(),
                level: block.level,
            });
        }
        let page = Page {
            url: self.url.clone(),
            title: self.title.clone(),
            lang: self.lang.clone(),
            blocks,
        };
        (std::borrow::Cow::Owned(page), true)
    }
}
