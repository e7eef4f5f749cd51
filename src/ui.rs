//! The details panel, rendered with web-sys. Shared by the in-page panel, the popup and the
//! playground. Page text is only ever set as text (`set_text_content`), never parsed as markup.

use crate::substring::replace;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use crate::changes::Change;
use crate::report::{Answer, ChangeNotice, Facts, Message, Report};
use crate::ui_text::{english, is_message, key, word};

/// What the host page does when the person acts in the panel.
pub struct Actions {
    /// Called with a clause index when the person asks to see that clause in the page.
    pub show_clause: Option<js_sys::Function>,
    /// Called when the person closes the panel.
    pub close: Option<js_sys::Function>,
    /// Called with a message key; returns the words in the person's language, or nothing.
    pub translate: Option<js_sys::Function>,
}

/// Replaces the content of `root` with the details of `report` and the `changes` since the
/// person's last visit.
pub fn render(
    root: &Element,
    report: &Report,
    changes: &[Change],
    actions: &Actions,
) -> Result<(), JsValue> {
    let doc = root.owner_document().ok_or("root is not in a document")?;
    let ui = Ui { doc, actions };
    root.set_text_content(None);
    root.class_list().add_1("pl-panel")?;
    root.append_child(&ui.header(report)?.into())?;
    if !report.detection.is_policy {
        let note = ui.text("p", "pl-note", &ui.t("detailsNotPolicyText"))?;
        root.append_child(&note)?;
        root.append_child(&ui.signals(report)?.into())?;
        root.append_child(&ui.footer()?.into())?;
        return Ok(());
    }
    if !changes.is_empty() {
        root.append_child(&ui.changes(changes)?.into())?;
    }
    root.append_child(&ui.summary(report)?.into())?;
    if !report.language.supported {
        // Nothing was read: the summary says so, and there are no verdicts to show.
        root.append_child(&ui.signals(report)?.into())?;
        root.append_child(&ui.footer()?.into())?;
        return Ok(());
    }
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
        if let Some((background, text)) = report.grade.and_then(crate::shared::grade_colours) {
            let style = grade.dyn_ref::<web_sys::HtmlElement>().map(|g| g.style());
            if let Some(style) = style {
                style.set_property("background", background)?;
                style.set_property("color", text)?;
            }
        }
        grade.set_attribute(
            "aria-label",
            &replace(&self.t("detailsGrade"), "{grade}", &letter),
        )?;
        header.append_child(&grade)?;
        let titles = self.el("div", "pl-titles")?;
        let headline = if report.detection.is_policy {
            match &report.headline_message {
                Some(message) => self.word(message),
                None => report.headline.clone(),
            }
        } else {
            self.t("detailsNotPolicyTitle")
        };
        titles.append_child(&self.text("h1", "pl-headline", &headline)?.into())?;
        titles.append_child(&self.text("p", "pl-kind", &self.kind_line(report))?.into())?;
        header.append_child(&titles)?;
        if let Some(close) = &self.actions.close {
            let button = self.text("button", "pl-close", "×")?;
            button.set_attribute("type", "button")?;
            button.set_attribute("aria-label", &self.t("detailsClose"))?;
            let close = close.clone();
            on_click(&button, move || {
                let _ = close.call0(&JsValue::NULL);
            })?;
            header.append_child(&button)?;
        }
        Ok(header)
    }

    fn changes(&self, changes: &[Change]) -> Result<Element, JsValue> {
        let section = self.el("section", "pl-changes")?;
        section.append_child(
            &self
                .text("h2", "", &self.t("changedSinceLastVisit"))?
                .into(),
        )?;
        let list = self.el("ul", "")?;
        for change in changes {
            let words = change.words(&|key| self.t(key));
            list.append_child(&self.text("li", "", &words)?.into())?;
        }
        section.append_child(&list)?;
        Ok(section)
    }

    fn summary(&self, report: &Report) -> Result<Element, JsValue> {
        let section = self.section("detailsWhatItSays")?;
        let list = self.el("ul", "pl-summary")?;
        for (i, line) in report.summary.iter().enumerate() {
            let item = self.el("li", "")?;
            let line = match report.summary_messages.get(i) {
                Some(message) => self.word(message),
                None => line.clone(),
            };
            item.append_child(&self.text("span", "", &line)?.into())?;
            if let Some(Some(clause)) = report.summary_clauses.get(i) {
                item.append_child(&self.show_button(*clause)?.into())?;
            }
            list.append_child(&item)?;
        }
        if report.summary.is_empty() {
            list.append_child(&self.text("li", "", &self.t("detailsSaysLittle"))?.into())?;
        }
        section.append_child(&list)?;
        Ok(section)
    }

    fn reasons(&self, report: &Report) -> Result<Element, JsValue> {
        let section = self.section("detailsWhyThisGrade")?;
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
            item.append_child(
                &self
                    .text("span", "", &self.label("rule", &reason.rule))?
                    .into(),
            )?;
            if let Some(&clause) = reason.clauses.first() {
                item.append_child(&self.show_button(clause)?.into())?;
            }
            list.append_child(&item)?;
        }
        section.append_child(&list)?;
        Ok(section)
    }

    fn facts(&self, report: &Report) -> Result<Element, JsValue> {
        let section = self.section("detailsKeyFacts")?;
        let list = self.el("dl", "pl-facts")?;
        for (name, value) in self.fact_rows(&report.facts) {
            list.append_child(&self.text("dt", "", &self.t(name))?.into())?;
            list.append_child(&self.text("dd", "", &value)?.into())?;
        }
        section.append_child(&list)?;
        Ok(section)
    }

    fn categories(&self, report: &Report) -> Result<Element, JsValue> {
        let section = self.section("detailsByTopic")?;
        for category in report.categories.iter().filter(|c| !c.clauses.is_empty()) {
            let details = self.el("details", "pl-category")?;
            details.set_attribute("data-category", &category.id)?;
            let summary = self.el("summary", "")?;
            let label = self.label("category", &category.id);
            summary.append_child(&self.text("span", "pl-label", &label)?.into())?;
            summary.append_child(
                &self
                    .text("span", "pl-count", &format!("{}", category.clauses.len()))?
                    .into(),
            )?;
            details.append_child(&summary)?;
            let line = if category.summary_message.id.is_empty() {
                category.summary.clone()
            } else {
                self.word(&category.summary_message)
            };
            details.append_child(&self.text("p", "pl-category-summary", &line)?.into())?;
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
                    let because = replace(
                        &self.t("detailsBecauseOf"),
                        "{phrases}",
                        &phrases.join(", "),
                    );
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
                .text("summary", "", &self.t("detailsRecognised"))?
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
        self.text("footer", "pl-footer", &self.t("detailsFooter"))
    }

    fn section(&self, title_key: &str) -> Result<Element, JsValue> {
        let section = self.el("section", "pl-section")?;
        section.append_child(&self.text("h2", "", &self.t(title_key))?.into())?;
        Ok(section)
    }

    fn show_button(&self, clause: usize) -> Result<Element, JsValue> {
        let button = self.text("button", "pl-show", &self.t("detailsShowInPage"))?;
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

impl Ui<'_> {
    /// The words for `key` in the person's language, English when there is no translation.
    fn t(&self, key: &str) -> String {
        translated(self.actions.translate.as_ref(), key)
    }

    /// A message in the person's language.
    fn word(&self, message: &Message) -> String {
        word(message, &|key| self.t(key))
    }

    /// The words for an id under a message prefix (`rule`, `category`, `data`, `right`), or
    /// the id made readable when there are none.
    fn label(&self, prefix: &str, id: &str) -> String {
        let key = key(prefix, id);
        if is_message(&key) {
            self.t(&key)
        } else {
            humanize(id)
        }
    }

    fn kind_line(&self, report: &Report) -> String {
        let kind = match report.detection.kind {
            crate::Kind::PrivacyPolicy => "kindPrivacyPolicy",
            crate::Kind::CookiePolicy => "kindCookiePolicy",
            crate::Kind::Terms => "kindTerms",
            crate::Kind::Other => "kindOther",
        };
        let read = replace(&self.t("detailsClausesRead"), "{kind}", &self.t(kind));
        replace(&read, "{count}", &report.clauses.len().to_string())
    }

    fn answer(&self, value: Answer) -> String {
        self.t(match value {
            Answer::Yes => "answerYes",
            Answer::No => "answerNo",
            Answer::Unclear => "answerUnclear",
            Answer::NotMentioned => "answerNotMentioned",
        })
    }

    /// Ids under a message prefix as plain words, or the words for `empty` when there are none.
    fn ids(&self, prefix: &str, values: &[String], empty: &str) -> String {
        if values.is_empty() {
            return self.t(empty);
        }
        let words: Vec<String> = values.iter().map(|v| self.label(prefix, v)).collect();
        upper_first(&words.join(", "))
    }

    /// Texts as given, or the words for `empty` when there are none.
    fn texts(&self, values: &[String], separator: &str, empty: &str) -> String {
        if values.is_empty() {
            self.t(empty)
        } else {
            values.join(separator)
        }
    }

    /// (message key of the row's name, value) for each key fact.
    fn fact_rows(&self, facts: &Facts) -> Vec<(&'static str, String)> {
        let retention: Vec<String> = facts.retention.iter().map(|r| r.text.clone()).collect();
        let change = match facts.change_notice {
            ChangeNotice::None => "changeNone",
            ChangeNotice::Posted => "changePosted",
            ChangeNotice::Email => "changeEmail",
            ChangeNotice::Advance => "changeAdvance",
            ChangeNotice::NotMentioned => "answerNotMentioned",
        };
        let children = match facts.children_min_age {
            Some(age) => replace(&self.t("factChildrenUnder"), "{age}", &age.to_string()),
            None => self.t("answerNotMentioned"),
        };
        let date = match &facts.effective_date {
            Some(date) => date.clone(),
            None => self.t("valueNotStated"),
        };
        vec![
            ("factSellsData", self.answer(facts.sells_data)),
            ("factTargetedAds", self.answer(facts.targeted_advertising)),
            ("factCookies", self.answer(facts.cookies)),
            (
                "factDataCollected",
                self.ids("data", &facts.data_collected, "answerNotMentioned"),
            ),
            (
                "factThirdParties",
                self.texts(&facts.third_parties, ", ", "valueNoneNamed"),
            ),
            (
                "factRetention",
                self.texts(&retention, "; ", "valueNotStated"),
            ),
            (
                "factRights",
                self.ids("right", &facts.user_rights, "answerNotMentioned"),
            ),
            ("factChildren", children),
            ("factAbroad", self.answer(facts.international_transfer)),
            (
                "factLawEnforcement",
                self.answer(facts.law_enforcement_disclosure),
            ),
            (
                "factFrameworks",
                self.texts(&facts.frameworks, ", ", "valueNoneNamed"),
            ),
            ("factChanges", self.t(change)),
            ("factEffectiveDate", date),
            (
                "factContact",
                self.texts(&facts.contacts, ", ", "valueNoneGiven"),
            ),
        ]
    }
}

/// The words for `key` from `translate(key)`, English when it gives none.
pub fn translated(translate: Option<&js_sys::Function>, key: &str) -> String {
    translate
        .and_then(|translate| {
            translate
                .call1(&JsValue::NULL, &JsValue::from_str(key))
                .ok()
        })
        .and_then(|words| words.as_string())
        .filter(|words| !words.is_empty())
        .unwrap_or_else(|| english(key).to_string())
}

/// `sells_data` -> "Sells data".
fn humanize(id: &str) -> String {
    upper_first(&id.replace(['_', '-'], " "))
}

/// `text` with its first letter in upper case, by the browser's own Unicode case mapping
/// (`String.prototype.toUpperCase`), which keeps Rust's case tables out of the wasm.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => {
            let first = js_sys::JsString::from(first).to_upper_case();
            String::from(first) + chars.as_str()
        }
        None => String::new(),
    }
}
