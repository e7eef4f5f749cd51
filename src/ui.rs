//! The details panel, rendered with web-sys. Shared by the in-page panel, the popup and the
//! playground. Page text is only ever set as text (`set_text_content`), never parsed as markup.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::report::{Answer, ChangeNotice, Facts, Report};

/// What the host page does when the person acts in the panel.
pub struct Actions {
    /// Called with a clause index when the person asks to see that clause in the page.
    pub show_clause: Option<js_sys::Function>,
    /// Called when the person closes the panel.
    pub close: Option<js_sys::Function>,
}

/// Replaces the content of `root` with the details of `report`.
pub fn render(root: &Element, report: &Report, actions: &Actions) -> Result<(), JsValue> {
    let doc = root.owner_document().ok_or("root is not in a document")?;
    let ui = Ui { doc, actions };
    root.set_text_content(None);
    root.class_list().add_1("pl-panel")?;
    root.append_child(&ui.header(report)?.into())?;
    if !report.detection.is_policy {
        let note = ui.el("p", "pl-note")?;
        note.set_text_content(Some(
            "This page does not read like a privacy or cookie policy, so there is nothing to grade.",
        ));
        root.append_child(&note)?;
        root.append_child(&ui.signals(report)?.into())?;
        root.append_child(&ui.footer()?.into())?;
        return Ok(());
    }
    root.append_child(&ui.summary(report)?.into())?;
    root.append_child(&ui.reasons(report)?.into())?;
    root.append_child(&ui.facts(report)?.into())?;
    root.append_child(&ui.categories(report)?.into())?;
    root.append_child(&ui.signals(report)?.into())?;
    root.append_child(&ui.footer()?.into())?;
    Ok(())
}

struct Ui<'a> {
    doc: Document,
    actions: &'a Actions,
}

impl Ui<'_> {
    fn header(&self, report: &Report) -> Result<Element, JsValue> {
        let header = self.el("header", "pl-header")?;
        let letter = report.grade.map(String::from).unwrap_or_else(|| "–".into());
        let grade = self.text("span", "pl-grade", &letter)?;
        grade.set_attribute("data-grade", &letter)?;
        grade.set_attribute("aria-label", &format!("Grade {letter}"))?;
        header.append_child(&grade)?;
        let titles = self.el("div", "pl-titles")?;
        let headline = if report.detection.is_policy {
            report.headline.as_str()
        } else {
            "Not a privacy policy"
        };
        titles.append_child(&self.text("h1", "pl-headline", headline)?.into())?;
        titles.append_child(&self.text("p", "pl-kind", &kind_line(report))?.into())?;
        header.append_child(&titles)?;
        if let Some(close) = &self.actions.close {
            let button = self.text("button", "pl-close", "×")?;
            button.set_attribute("type", "button")?;
            button.set_attribute("aria-label", "Close details")?;
            let close = close.clone();
            on_click(&button, move || {
                let _ = close.call0(&JsValue::NULL);
            })?;
            header.append_child(&button)?;
        }
        Ok(header)
    }

    fn summary(&self, report: &Report) -> Result<Element, JsValue> {
        let section = self.section("What it says")?;
        let list = self.el("ul", "pl-summary")?;
        for (i, line) in report.summary.iter().enumerate() {
            let item = self.el("li", "")?;
            item.append_child(&self.text("span", "", line)?.into())?;
            if let Some(Some(clause)) = report.summary_clauses.get(i) {
                item.append_child(&self.show_button(*clause)?.into())?;
            }
            list.append_child(&item)?;
        }
        if report.summary.is_empty() {
            list.append_child(
                &self
                    .text("li", "", "It says little about your data.")?
                    .into(),
            )?;
        }
        section.append_child(&list)?;
        Ok(section)
    }

    fn reasons(&self, report: &Report) -> Result<Element, JsValue> {
        let section = self.section("Why this grade")?;
        let list = self.el("ul", "pl-reasons")?;
        for reason in &report.grade_reasons {
            let class = if reason.points >= 0 {
                "pl-good"
            } else {
                "pl-bad"
            };
            let item = self.el("li", class)?;
            item.append_child(
                &self
                    .text("span", "pl-points", &format!("{:+}", reason.points))?
                    .into(),
            )?;
            item.append_child(&self.text("span", "", &humanize(&reason.rule))?.into())?;
            if let Some(&clause) = reason.clauses.first() {
                item.append_child(&self.show_button(clause)?.into())?;
            }
            list.append_child(&item)?;
        }
        section.append_child(&list)?;
        Ok(section)
    }

    fn facts(&self, report: &Report) -> Result<Element, JsValue> {
        let section = self.section("Key facts")?;
        let list = self.el("dl", "pl-facts")?;
        for (name, value) in fact_rows(&report.facts) {
            list.append_child(&self.text("dt", "", name)?.into())?;
            list.append_child(&self.text("dd", "", &value)?.into())?;
        }
        section.append_child(&list)?;
        Ok(section)
    }

    fn categories(&self, report: &Report) -> Result<Element, JsValue> {
        let section = self.section("By topic")?;
        for category in report.categories.iter().filter(|c| !c.clauses.is_empty()) {
            let details = self.el("details", "pl-category")?;
            details.set_attribute("data-category", &category.id)?;
            let summary = self.el("summary", "")?;
            summary.append_child(&self.text("span", "pl-label", &category.label)?.into())?;
            summary.append_child(
                &self
                    .text("span", "pl-count", &format!("{}", category.clauses.len()))?
                    .into(),
            )?;
            details.append_child(&summary)?;
            details.append_child(
                &self
                    .text("p", "pl-category-summary", &category.summary)?
                    .into(),
            )?;
            for &index in &category.clauses {
                let Some(clause) = report.clauses.get(index) else {
                    continue;
                };
                let quote = self.el("blockquote", "pl-clause")?;
                quote.set_attribute("data-clause", &index.to_string())?;
                quote.append_child(&self.text("p", "", &clause.text)?.into())?;
                let phrases: Vec<&str> = clause
                    .evidence
                    .iter()
                    .filter(|e| e.category == category.id)
                    .map(|e| e.phrase.as_str())
                    .take(4)
                    .collect();
                let foot = self.el("div", "pl-clause-foot")?;
                if !phrases.is_empty() {
                    let because = format!("Because of: {}", phrases.join(", "));
                    foot.append_child(&self.text("span", "pl-evidence", &because)?.into())?;
                }
                foot.append_child(&self.show_button(index)?.into())?;
                quote.append_child(&foot)?;
                details.append_child(&quote)?;
            }
            section.append_child(&details)?;
        }
        Ok(section)
    }

    fn signals(&self, report: &Report) -> Result<Element, JsValue> {
        let details = self.el("details", "pl-signals")?;
        details.append_child(
            &self
                .text("summary", "", "How this page was recognised")?
                .into(),
        )?;
        let list = self.el("ul", "")?;
        for signal in &report.detection.signals {
            list.append_child(&self.text("li", "", signal)?.into())?;
        }
        details.append_child(&list)?;
        Ok(details)
    }

    fn footer(&self) -> Result<Element, JsValue> {
        self.text(
            "footer",
            "pl-footer",
            "Read on this device by policylens. Nothing on this page was sent anywhere.",
        )
    }

    fn section(&self, title: &str) -> Result<Element, JsValue> {
        let section = self.el("section", "pl-section")?;
        section.append_child(&self.text("h2", "", title)?.into())?;
        Ok(section)
    }

    fn show_button(&self, clause: usize) -> Result<Element, JsValue> {
        let button = self.text("button", "pl-show", "Show in page")?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-clause", &clause.to_string())?;
        if let Some(show) = &self.actions.show_clause {
            let show = show.clone();
            on_click(&button, move || {
                let _ = show.call1(&JsValue::NULL, &JsValue::from(clause as u32));
            })?;
        } else {
            button.set_attribute("hidden", "")?;
        }
        Ok(button)
    }

    fn el(&self, tag: &str, class: &str) -> Result<Element, JsValue> {
        let element = self.doc.create_element(tag)?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        Ok(element)
    }

    fn text(&self, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
        let element = self.el(tag, class)?;
        element.set_text_content(Some(text));
        Ok(element)
    }
}

fn on_click(element: &Element, action: impl Fn() + 'static) -> Result<(), JsValue> {
    let callback = Closure::<dyn Fn()>::new(action);
    element.add_event_listener_with_callback("click", callback.as_ref().unchecked_ref())?;
    // The element owns the listener for the rest of the panel's life.
    callback.forget();
    Ok(())
}

fn kind_line(report: &Report) -> String {
    let kind = match report.detection.kind {
        crate::Kind::PrivacyPolicy => "Privacy policy",
        crate::Kind::CookiePolicy => "Cookie policy",
        crate::Kind::Terms => "Terms of service",
        crate::Kind::Other => "Other page",
    };
    let clauses = report.clauses.len();
    let plural = if clauses == 1 { "" } else { "s" };
    format!("{kind} · {clauses} clause{plural} read")
}

/// `sells_data` -> "Sells data".
fn humanize(id: &str) -> String {
    let spaced = id.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Plain words for fact ids whose humanized form reads badly.
fn value_label(id: &str) -> String {
    match id {
        "ip_address" => "IP address".to_string(),
        "device_id" => "Device ID".to_string(),
        "government_id" => "Government ID".to_string(),
        "email" => "E-mail".to_string(),
        "contacts_list" => "Your contacts".to_string(),
        "opt_out" => "Opt out".to_string(),
        "non_discrimination" => "No discrimination for using rights".to_string(),
        "complaint" => "Complain to a regulator".to_string(),
        _ => humanize(id),
    }
}

fn answer(value: Answer) -> String {
    match value {
        Answer::Yes => "Yes",
        Answer::No => "No",
        Answer::Unclear => "Unclear (it says both)",
        Answer::NotMentioned => "Not mentioned",
    }
    .to_string()
}

fn list(values: &[String]) -> String {
    if values.is_empty() {
        "Not mentioned".to_string()
    } else {
        values
            .iter()
            .map(|v| value_label(v))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn fact_rows(facts: &Facts) -> Vec<(&'static str, String)> {
    let retention = if facts.retention.is_empty() {
        "Not stated".to_string()
    } else {
        facts
            .retention
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let change = match facts.change_notice {
        ChangeNotice::None => "No notice promised",
        ChangeNotice::Posted => "Posted on the page",
        ChangeNotice::Email => "By e-mail",
        ChangeNotice::Advance => "In advance",
        ChangeNotice::NotMentioned => "Not mentioned",
    };
    vec![
        ("Sells your data", answer(facts.sells_data)),
        ("Targeted advertising", answer(facts.targeted_advertising)),
        ("Cookies", answer(facts.cookies)),
        ("Data collected", list(&facts.data_collected)),
        (
            "Named third parties",
            if facts.third_parties.is_empty() {
                "None named".to_string()
            } else {
                facts.third_parties.join(", ")
            },
        ),
        ("How long it is kept", retention),
        ("Your rights", list(&facts.user_rights)),
        (
            "Children",
            facts
                .children_min_age
                .map(|age| format!("Not for children under {age}"))
                .unwrap_or_else(|| "Not mentioned".to_string()),
        ),
        ("Sent abroad", answer(facts.international_transfer)),
        (
            "Given to law enforcement",
            answer(facts.law_enforcement_disclosure),
        ),
        (
            "Laws named",
            if facts.frameworks.is_empty() {
                "None named".to_string()
            } else {
                facts.frameworks.join(", ")
            },
        ),
        ("Changes announced", change.to_string()),
        (
            "Effective date",
            facts
                .effective_date
                .clone()
                .unwrap_or_else(|| "Not stated".to_string()),
        ),
        (
            "Contact",
            if facts.contacts.is_empty() {
                "None given".to_string()
            } else {
                facts.contacts.join(", ")
            },
        ),
    ]
}
