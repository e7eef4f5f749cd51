// The in-page badge: a grade and a few plain words in a corner, inside a closed shadow root so
// the page can neither read nor restyle it. Shared by the content script and the playground.
'use strict';

/* exported policylensBadge */
globalThis.policylensBadge = (() => {
  // Grade colours are the core's (src/shared.rs), through generated/shared.js.
  const GRADE_STYLES = Object.entries(policylensShared.gradeColours)
    .map(([grade, colour]) => `.grade[data-grade="${grade}"] { background: ${colour.background}; color: ${colour.text}; }`)
    .join('\n    ');
  const STYLE = `
    :host { all: initial; }
    .badge {
      display: flex; align-items: stretch; gap: 0;
      font: 500 13px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: #1b1f24; background: #ffffff; border: 1px solid #c9d1d9; border-radius: 999px;
      box-shadow: 0 2px 10px rgba(0, 0, 0, .18); overflow: hidden; max-width: 320px;
    }
    button { all: unset; cursor: pointer; box-sizing: border-box; }
    button:focus-visible { outline: 3px solid #0b57d0; outline-offset: -3px; }
    .open { display: flex; align-items: center; gap: 8px; padding: 5px 12px 5px 5px; min-width: 0; }
    .open:hover { background: #f3f5f7; }
    .grade {
      display: inline-grid; place-items: center; width: 26px; height: 26px; border-radius: 50%;
      font-weight: 700; font-size: 15px; color: #ffffff; background: #57606a; flex: none;
    }
    ${GRADE_STYLES}
    .words { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .changed {
      font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em;
      color: #ffffff; background: #0b57d0; border-radius: 4px; padding: 2px 5px;
    }
    .dismiss { padding: 0 10px; color: #57606a; font-size: 16px; border-left: 1px solid #d8dee4; }
    .dismiss:hover { background: #f3f5f7; color: #1b1f24; }
    @media (prefers-color-scheme: dark) {
      .badge { color: #e6edf3; background: #161b22; border-color: #3d444d; }
      .open:hover, .dismiss:hover { background: #21262d; color: #e6edf3; }
      .dismiss { color: #9198a1; border-left-color: #3d444d; }
    }
    @media (prefers-reduced-motion: no-preference) {
      .badge { animation: pl-in .18s ease-out; }
      @keyframes pl-in { from { opacity: 0; transform: translateY(6px); } }
    }`;

  // Inline !important beats any page rule, even `* { display: none !important }`.
  const CORNERS = {
    'bottom-right': 'bottom: 16px !important; right: 16px !important;',
    'bottom-left': 'bottom: 16px !important; left: 16px !important;',
    'top-right': 'top: 16px !important; right: 16px !important;',
    'top-left': 'top: 16px !important; left: 16px !important;',
  };

  function hostStyle(corner) {
    return 'all: initial !important; display: block !important; position: fixed !important;' +
      ' z-index: 2147483647 !important; visibility: visible !important; opacity: 1 !important;' +
      ' pointer-events: auto !important; ' + (CORNERS[corner] || CORNERS['bottom-right']);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * Builds a `<policylens-badge>` host for `{grade, headline, changed}`. `onOpen()` runs when
   * the person opens the details, `onDismiss()` when they close the badge.
   */
  function create({ grade, headline, changed, corner }, { onOpen, onDismiss, labels = {} }) {
    const host = document.createElement('policylens-badge');
    host.setAttribute('style', hostStyle(corner));
    const root = host.attachShadow({ mode: 'closed' });
    root.appendChild(element('style', '', STYLE));
    const badge = element('div', 'badge');
    badge.setAttribute('role', 'group');
    badge.setAttribute('aria-label', labels.group || 'policylens privacy summary');
    const open = element('button', 'open');
    open.type = 'button';
    const letter = grade || '?';
    const openLabel = labels.open || ((g, words) => `Privacy grade ${g}: ${words}. Open details`);
    open.setAttribute('aria-label', openLabel(letter, headline || ''));
    const circle = element('span', 'grade', letter);
    circle.dataset.grade = letter;
    open.appendChild(circle);
    if (changed) open.appendChild(element('span', 'changed', labels.changed || 'Changed'));
    open.appendChild(element('span', 'words', headline || ''));
    open.addEventListener('click', (event) => { event.stopPropagation(); onOpen(); });
    const dismiss = element('button', 'dismiss', '×');
    dismiss.type = 'button';
    dismiss.setAttribute('aria-label', labels.dismiss || 'Hide the policylens badge');
    dismiss.addEventListener('click', (event) => { event.stopPropagation(); onDismiss(); });
    badge.append(open, dismiss);
    root.appendChild(badge);
    host.addEventListener('click', () => onOpen());
    return host;
  }

  /**
   * Appends `element` to the document and lifts it into the top layer, above any z-index the
   * page uses, where the browser supports popovers.
   */
  function place(element) {
    // A page that hides its root element (`* { display: none !important }`) hides everything
    // in the document, the top layer included; only the root's own inline style outranks that.
    // Its children keep the page's rules, so the page itself stays as hidden as it chose. Read
    // before the element goes in, while the page's style is still up to date: read after, it
    // made the browser recompute the style first.
    const rootHidden = getComputedStyle(document.documentElement).display === 'none';
    element.setAttribute('popover', 'manual');
    document.documentElement.appendChild(element);
    if (typeof element.showPopover === 'function') element.showPopover();
    if (rootHidden) document.documentElement.style.setProperty('display', 'block', 'important');
  }

  return { create, place };
})();

if (typeof module !== 'undefined') module.exports = { policylensBadge: globalThis.policylensBadge };
