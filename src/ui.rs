//! The details panel, rendered with web-sys. Shared by the in-page panel, the popup and the
//! playground. Page text is only ever set as text, never parsed as markup.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::report::Report;

pub fn render(
    root: &Element,
    report: &Report,
    on_show_clause: Option<js_sys::Function>,
    on_close: Option<js_sys::Function>,
) -> Result<(), JsValue> {
    let doc = root.owner_document().ok_or("root is not in a document")?;
    root.set_text_content(None);
    root.class_list().add_1("pl-panel")?;

    let header = el(&doc, "header", "pl-header")?;
    let grade = el(&doc, "span", "pl-grade")?;
    let letter = report.grade.map(String::from).unwrap_or_else(|| "–".into());
    grade.set_text_content(Some(&letter));
    grade.set_attribute("data-grade", &letter)?;
    header.append_child(&grade)?;
    let title = el(&doc, "h1", "pl-headline")?;
    title.set_text_content(Some(if report.headline.is_empty() {
        "Not a privacy policy"
    } else {
        &report.headline
    }));
    header.append_child(&title)?;
    if let Some(on_close) = on_close {
        let close = el(&doc, "button", "pl-close")?;
        close.set_text_content(Some("×"));
        close.set_attribute("aria-label", "Close")?;
        let callback = Closure::<dyn Fn()>::new(move || {
            let _ = on_close.call0(&JsValue::NULL);
        });
        close.add_event_listener_with_callback("click", callback.as_ref().unchecked_ref())?;
        callback.forget();
        header.append_child(&close)?;
    }
    root.append_child(&header)?;

    let list = el(&doc, "ul", "pl-summary")?;
    for (line, clause) in report.summary.iter().zip(&report.summary_clauses) {
        let item = el(&doc, "li", "")?;
        item.set_text_content(Some(line));
        if let (Some(index), Some(callback)) = (clause, &on_show_clause) {
            let button = show_button(&doc, *index, callback)?;
            item.append_child(&button)?;
        }
        list.append_child(&item)?;
    }
    root.append_child(&list)?;

    for category in report.categories.iter().filter(|c| !c.clauses.is_empty()) {
        let section = el(&doc, "details", "pl-category")?;
        let summary = el(&doc, "summary", "")?;
        summary.set_text_content(Some(&format!("{}: {}", category.label, category.summary)));
        section.append_child(&summary)?;
        for &index in &category.clauses {
            let Some(clause) = report.clauses.get(index) else {
                continue;
            };
            let quote = el(&doc, "blockquote", "pl-clause")?;
            quote.set_text_content(Some(&clause.text));
            if let Some(callback) = &on_show_clause {
                let button = show_button(&doc, index, callback)?;
                quote.append_child(&button)?;
            }
            section.append_child(&quote)?;
        }
        root.append_child(&section)?;
    }
    Ok(())
}

fn show_button(
    doc: &Document,
    index: usize,
    callback: &js_sys::Function,
) -> Result<Element, JsValue> {
    let button = el(doc, "button", "pl-show")?;
    button.set_text_content(Some("Show in page"));
    let callback = callback.clone();
    let handler = Closure::<dyn Fn()>::new(move || {
        let _ = callback.call1(&JsValue::NULL, &JsValue::from(index as u32));
    });
    button.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref())?;
    handler.forget();
    Ok(button)
}

fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let element = doc.create_element(tag)?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Ok(element)
}
