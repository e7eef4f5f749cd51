//! The one wasm boundary: JS shapes in and out, every error turned into a JS `Error`.

use wasm_bindgen::prelude::*;

use crate::changes::{self, Change, StoredSummary};
use crate::page::Page;
use crate::read::Format;
use crate::report::Report;

/// Runs when an instance starts (again after `__wbg_reset_state`): a panic is thrown to the
/// caller as a JS `Error` that names it, where `panic=abort` would only leave a bare trap.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::throw_str(&format!("policylens core failed: {info}"))
    }));
}

/// Builds the automata now, so the first page does not pay for it.
#[wasm_bindgen(js_name = init)]
pub fn init() {
    crate::analyzer();
}

/// Analyses a `Page` object (`{url, title, lang, blocks: [{text, tag, level}]}`) into a Report.
#[wasm_bindgen(js_name = analyze)]
pub fn analyze(page: JsValue) -> Result<JsValue, JsError> {
    let page: Page = serde_wasm_bindgen::from_value(page).map_err(into_error)?;
    #[cfg(feature = "fault-injection")]
    inject_fault(&page.title);
    to_js(&crate::analyze(&page))
}

/// The format of pasted text: `html`, `markdown` or `text` (the CLI's rule without a file
/// name). HTML is read by the browser's own parser and `extract.js`, never by the core.
#[wasm_bindgen(js_name = documentFormat)]
pub fn document_format(text: &str) -> String {
    Format::of(text, "").as_str().to_string()
}

/// Reads pasted plain text into a `Page` the way the CLI reads a `.txt` file.
#[wasm_bindgen(js_name = readText)]
pub fn read_text(text: &str, url: &str) -> Result<JsValue, JsError> {
    to_js(&crate::read::text::page_from_text(text, url))
}

/// The part of a Report kept per site for change alerts (`changes::StoredSummary`).
#[wasm_bindgen(js_name = storedSummary)]
pub fn stored_summary(report: JsValue) -> Result<JsValue, JsError> {
    let report: Report = serde_wasm_bindgen::from_value(report).map_err(into_error)?;
    to_js(&StoredSummary::of(&report))
}

/// What changed from the summary stored at the last visit to this one: a list of changes for
/// `renderDetails`. A stored summary that cannot be read (a damaged entry) compares as
/// nothing changed.
#[wasm_bindgen(js_name = compareSummaries)]
pub fn compare_summaries(before: JsValue, after: JsValue) -> Result<JsValue, JsError> {
    let after: StoredSummary = serde_wasm_bindgen::from_value(after).map_err(into_error)?;
    let changes = match serde_wasm_bindgen::from_value::<StoredSummary>(before) {
        Ok(before) => changes::diff(&before, &after),
        Err(_) => Vec::new(),
    };
    to_js(&changes)
}

/// Renders the details panel for a Report into `root`, with the `changes` since the last
/// visit (from `compareSummaries`; none when absent). `on_show_clause(index)` is called
/// when the person asks to see a clause in the page; `on_close()` when they close the panel;
/// `translate(key)` gives the panel's words in the person's language (English without it).
#[wasm_bindgen(js_name = renderDetails)]
pub fn render_details(
    root: &web_sys::Element,
    report: JsValue,
    changes: JsValue,
    on_show_clause: Option<js_sys::Function>,
    on_close: Option<js_sys::Function>,
    translate: Option<js_sys::Function>,
) -> Result<(), JsError> {
    let report: Report = serde_wasm_bindgen::from_value(report).map_err(into_error)?;
    let changes: Vec<Change> = if changes.is_undefined() || changes.is_null() {
        Vec::new()
    } else {
        serde_wasm_bindgen::from_value(changes).map_err(into_error)?
    };
    let actions = crate::ui::Actions {
        show_clause: on_show_clause,
        close: on_close,
        translate,
    };
    crate::ui::render(root, &report, &changes, &actions)
        .map_err(|e| JsError::new(&format!("{e:?}")))
}

/// Words a message of a Report (`headline_message`, an entry of `summary_messages`) with
/// `translate(key)` giving the words of a key in the person's language (English without it).
#[wasm_bindgen(js_name = wordMessage)]
pub fn word_message(
    message: JsValue,
    translate: Option<js_sys::Function>,
) -> Result<String, JsError> {
    let message: crate::report::Message =
        serde_wasm_bindgen::from_value(message).map_err(into_error)?;
    Ok(crate::ui_text::word(&message, &|key| {
        crate::ui::translated(translate.as_ref(), key)
    }))
}

/// Test builds only (`--features fault-injection`): a page titled `policylens:panic` or
/// `policylens:trap` makes `analyze` fail that way, so the extension's recovery is tested
/// against real failures of the instance.
#[cfg(feature = "fault-injection")]
fn inject_fault(title: &str) {
    match title {
        "policylens:panic" => panic!("injected panic"),
        "policylens:trap" => core::arch::wasm32::unreachable(),
        _ => {}
    }
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(into_error)
}

fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}
