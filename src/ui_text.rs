//! The details panel's words in English, by message key. The same keys and words are in
//! `extension/_locales/en/messages.json` (a test checks it), so translations reach the panel.
//! `{name}` marks a value filled in at run time; translators keep it.

pub const MESSAGES: &[(&str, &str)] = &[
    ("detailsNotPolicyTitle", "Not a privacy policy"),
    (
        "detailsNotPolicyText",
        "This page does not read like a privacy or cookie policy, so there is nothing to grade.",
    ),
    ("detailsGrade", "Grade {grade}"),
    ("detailsClose", "Close details"),
    ("detailsWhatItSays", "What it says"),
    ("detailsSaysLittle", "It says little about your data."),
    ("detailsWhyThisGrade", "Why this grade"),
    ("detailsKeyFacts", "Key facts"),
    ("detailsByTopic", "By topic"),
    ("detailsBecauseOf", "Because of: {phrases}"),
    ("detailsShowInPage", "Show in page"),
    ("detailsRecognised", "How this page was recognised"),
    (
        "detailsFooter",
        "Read on this device by policylens. Nothing on this page was sent anywhere.",
    ),
    ("detailsClausesRead", "{kind} · {count} clauses read"),
    ("kindPrivacyPolicy", "Privacy policy"),
    ("kindCookiePolicy", "Cookie policy"),
    ("kindTerms", "Terms of service"),
    ("kindOther", "Other page"),
    ("answerYes", "Yes"),
    ("answerNo", "No"),
    ("answerUnclear", "Unclear (it says both)"),
    ("answerNotMentioned", "Not mentioned"),
    ("valueNotStated", "Not stated"),
    ("valueNoneNamed", "None named"),
    ("valueNoneGiven", "None given"),
    ("factSellsData", "Sells your data"),
    ("factTargetedAds", "Targeted advertising"),
    ("factCookies", "Cookies"),
    ("factDataCollected", "Data collected"),
    ("factThirdParties", "Named third parties"),
    ("factRetention", "How long it is kept"),
    ("factRights", "Your rights"),
    ("factChildren", "Children"),
    ("factChildrenUnder", "Not for children under {age}"),
    ("factAbroad", "Sent abroad"),
    ("factLawEnforcement", "Given to law enforcement"),
    ("factFrameworks", "Laws named"),
    ("factChanges", "Changes announced"),
    ("factEffectiveDate", "Effective date"),
    ("factContact", "Contact"),
    ("changeNone", "No notice promised"),
    ("changePosted", "Posted on the page"),
    ("changeEmail", "By e-mail"),
    ("changeAdvance", "In advance"),
    ("changedSinceLastVisit", "Changed since your last visit"),
    ("changeGrade", "Grade went from {from} to {to}"),
    ("changeSellsYes", "Now says it sells your data"),
    ("changeSellsNo", "Now says it does not sell your data"),
    ("changeAdsYes", "Now uses your data for targeted ads"),
    ("changeAdsNo", "No longer mentions targeted ads"),
    ("changeAbroadYes", "Now sends data abroad"),
    (
        "changeLawEnforcementYes",
        "Now mentions handing data to law enforcement",
    ),
    ("changeNewData", "Now collects {data}"),
    ("changeNewThirdParties", "Now names {names}"),
    (
        "changeRetention",
        "Longest stated retention went from {from} to {to}",
    ),
    (
        "changeUpdatedOnly",
        "Updated on {date}; the summary is the same",
    ),
    ("unitDay", "{n} day"),
    ("unitDays", "{n} days"),
    ("unitMonth", "{n} month"),
    ("unitMonths", "{n} months"),
    ("unitYear", "{n} year"),
    ("unitYears", "{n} years"),
];

/// The English words for `key` (the key itself if it is unknown).
pub fn english(key: &str) -> &str {
    MESSAGES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::MESSAGES;

    #[test]
    fn every_panel_message_is_in_the_english_locale_with_the_same_words() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/extension/_locales/en/messages.json"
        );
        let text = std::fs::read_to_string(path).expect("locale file");
        let locale: serde_json::Value = serde_json::from_str(&text).expect("locale is JSON");
        for (key, english) in MESSAGES {
            let entry = &locale[key];
            assert_eq!(entry["message"].as_str(), Some(*english), "{key}");
            assert!(
                entry["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{key} needs a description for translators"
            );
        }
    }
}
