//! The one wasm boundary: JS shapes in and out, every error turned into a JS `Error`.

use wasm_bindgen::prelude::*;

use crate::page::Page;
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

/// Reads pasted HTML or plain text into a `Page` the way the CLI reads a file.
#[wasm_bindgen(js_name = readDocument)]
pub fn read_document(text: &str, url: &str) -> Result<JsValue, JsError> {
    to_js(&Page::from_document(text, "", url))
}

/// Renders the details panel for a Report into `root`. `on_show_clause(index)` is called
/// when the person asks to see a clause in the page; `on_close()` when they close the panel;
/// `translate(key)` gives the panel's words in the person's language (English without it).
#[wasm_bindgen(js_name = renderDetails)]
pub fn render_details(
    root: &web_sys::Element,
    report: JsValue,
    on_show_clause: Option<js_sys::Function>,
    on_close: Option<js_sys::Function>,
    translate: Option<js_sys::Function>,
) -> Result<(), JsError> {
    let report: Report = serde_wasm_bindgen::from_value(report).map_err(into_error)?;
    let actions = crate::ui::Actions {
        show_clause: on_show_clause,
        close: on_close,
        translate,
    };
    crate::ui::render(root, &report, &actions).map_err(|e| JsError::new(&format!("{e:?}")))
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
