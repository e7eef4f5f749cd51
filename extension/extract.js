// policylens block extraction: a document's text as blocks in document order, the input of the
// core. Used by the content script (the live page) and the playground (pasted HTML parsed by
// DOMParser). The native reader (src/read/html.rs) follows the same rules on html5ever's tree;
// tests/e2e/extraction.test.mjs proves them equal. Element lists and limits come from
// generated/shared.js (written from Rust).
'use strict';

/* exported policylensExtract */
globalThis.policylensExtract = (() => {
  const { skippedElements, namedBlocks, containerBlocks, maxBlocks, maxExtractedText } = policylensShared;
  const SKIPPED = skippedElements.join(', ');
  const BLOCKS = [...namedBlocks, ...containerBlocks].join(', ');
  const NAMED = new Set(namedBlocks);
  const HAS_TEXT = /\S/;

  /** Block text of `doc`: `{ title, lang, blocks: [{text, tag, level}], elements }`, where
   * `elements[i]` is the element `blocks[i]` came from. */
  return function policylensExtract(doc) {
    const blocks = [];
    const elements = [];
    let current = null;
    let paragraphs = [];
    let text = '';
    let breaks = 0;
    let total = 0;
    const flush = () => {
      paragraphs.push(text);
      text = '';
      breaks = 0;
      if (current) {
        const tag = NAMED.has(current.localName) ? current.localName : 'div';
        let level = 0;
        if (/^h[1-6]$/.test(tag)) level = Number(tag[1]);
        else if (tag === 'li') {
          for (let up = current.parentElement; up; up = up.parentElement) {
            if (up.localName === 'ul' || up.localName === 'ol') level++;
          }
        }
        for (const paragraph of paragraphs) {
          const trimmed = paragraph.replace(/\s+/g, ' ').trim();
          if (trimmed.length > 1 && blocks.length < maxBlocks && total < maxExtractedText) {
            blocks.push({ text: trimmed, tag, level: Math.min(level, 255) });
            elements.push(current);
            total += trimmed.length;
          }
        }
      }
      paragraphs = [];
    };
    // The block of each parent element, looked up once: most parents hold several nodes.
    const blockOf = new Map();
    const enter = (node) => {
      const parent = node.parentElement;
      let block = blockOf.get(parent);
      if (block === undefined) {
        block = parent && parent.closest(BLOCKS);
        blockOf.set(parent, block);
      }
      if (block !== current) {
        flush();
        current = block;
      }
    };
    const root = doc.body || doc.documentElement;
    if (!root) return { title: doc.title || '', lang: '', blocks, elements };
    // Text nodes and line breaks in document order, without the subtrees of skipped or hidden
    // elements: what a TreeWalker with a filter gives, without a call into script per element.
    let node = root.firstChild;
    while (node) {
      let inside = false;
      if (node.nodeType === Node.TEXT_NODE) {
        enter(node);
        if (HAS_TEXT.test(node.data)) {
          if (breaks >= 2 && HAS_TEXT.test(text)) {
            paragraphs.push(text);
            text = '';
          }
          breaks = 0;
        }
        text += node.data;
      } else if (node.nodeType === Node.ELEMENT_NODE && !node.matches(SKIPPED) && !node.hasAttribute('hidden')) {
        if (node.localName === 'br' || node.localName === 'hr') {
          enter(node);
          // A line break; two in a row (or a rule) make a blank line, which ends a paragraph.
          text += ' ';
          breaks += node.localName === 'hr' ? 2 : 1;
        }
        inside = true;
      }
      if (inside && node.firstChild) {
        node = node.firstChild;
      } else {
        while (node !== root && !node.nextSibling) node = node.parentNode;
        node = node === root ? null : node.nextSibling;
      }
    }
    flush();
    const lang = (doc.documentElement && doc.documentElement.getAttribute('lang')) || '';
    return { title: doc.title || '', lang: lang.toLowerCase(), blocks, elements };
  };
})();

if (typeof module !== 'undefined') module.exports = { policylensExtract: globalThis.policylensExtract };
