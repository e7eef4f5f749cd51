//! Every word the core and the details panel show, in English, by message key. The same keys
//! and words are in `extension/_locales/en/messages.json` (a test checks it), so translations
//! reach the panel. `{name}` marks a value filled in at run time; translators keep it.
//! `word` turns a `Message` of the Report into words: in English for the Report's own
//! `summary` and `headline`, in the person's language in the panel and the badge.

use crate::report::{ArgValue, Message};

/// One message a line: the key, a space, the English words. One string with its lines' lengths
/// (`LINE_LENGTHS`, worked out at compile time) is smaller in the wasm than an array of pairs.
const MESSAGES: &str = "\
detailsNotPolicyTitle Not a privacy policy
detailsNotPolicyText This page does not read like a privacy or cookie policy, so there is nothing to grade.
detailsGrade Grade {grade}
detailsClose Close details
detailsWhatItSays What it says
detailsSaysLittle It says little about your data.
detailsWhyThisGrade Why this grade
detailsKeyFacts Key facts
detailsByTopic By topic
detailsBecauseOf Because of: {phrases}
detailsShowInPage Show in page
detailsRecognised How this page was recognised
detailsFooter Read on this device by policylens. Nothing on this page was sent anywhere.
detailsClausesRead {kind} · {count} clauses read
kindPrivacyPolicy Privacy policy
kindCookiePolicy Cookie policy
kindTerms Terms of service
kindOther Other page
answerYes Yes
answerNo No
answerUnclear Unclear (it says both)
answerNotMentioned Not mentioned
valueNotStated Not stated
valueNoneNamed None named
valueNoneGiven None given
factSellsData Sells your data
factTargetedAds Targeted advertising
factCookies Cookies
factDataCollected Data collected
factThirdParties Named third parties
factRetention How long it is kept
factRights Your rights
factChildren Children
factChildrenUnder Not for children under {age}
factAbroad Sent abroad
factLawEnforcement Given to law enforcement
factFrameworks Laws named
factChanges Changes announced
factEffectiveDate Effective date
factContact Contact
changeNone No notice promised
changePosted Posted on the page
changeEmail By e-mail
changeAdvance In advance
changedSinceLastVisit Changed since your last visit
changeGrade Grade went from {from} to {to}
changeSellsYes Now says it sells your data
changeSellsNo Now says it does not sell your data
changeAdsYes Now uses your data for targeted ads
changeAdsNo No longer mentions targeted ads
changeAbroadYes Now sends data abroad
changeLawEnforcementYes Now mentions handing data to law enforcement
changeNewData Now collects {data}
changeNewThirdParties Now names {names}
changeRetention Longest stated retention went from {from} to {to}
changeUpdatedOnly Updated on {date}; the summary is the same
unitDay {n} day
unitDays {n} days
unitMonth {n} month
unitMonths {n} months
unitYear {n} year
unitYears {n} years
headlineSellsData Sells your data
headlineSharesForAds Shares for ads
headlineSaleUnclear Sale unclear
headlineUsesCookies Uses cookies
headlineNoSaleCanDelete No sale, can delete
headlineSaysLittle Says little
headlineDoesNotSell Does not sell
headlineReadDetails Read the details
headlineCannotRead Cannot read {language} yet
summaryCannotRead policylens cannot read {language} yet, so there is no grade
summarySellsData Sells your data
summaryDoesNotSell Does not sell your data
summarySaleUnclear Unclear whether it sells your data
summarySaleNotMentioned Does not say whether it sells your data
summaryTargetedAds Uses your data for targeted ads
summaryTargetedAdsBy Uses your data for targeted ads ({names})
summaryNoTargetedAds No targeted ads
summaryAdsUnclear Unclear whether it targets ads
summaryOneCompany Names 1 company it works with: {name}
summaryNamedCompanies Shares with {count} named companies
summaryKeepsUpTo Keeps data up to {period}
summaryKeepsNoPeriod Keeps data as long as it sees fit (no period)
summaryNoRetention Does not say how long it keeps data
summaryCanDelete You can delete your data
summaryCanSee You can see your data
summaryCanOptOut You can opt out of some uses
summaryNoAccessRights No way to see or delete your data stated
summaryCollectsSensitive Collects {data}
summaryChangesWithoutNotice Can change the policy without notice
summaryNotForChildren Not for children under {age}
summaryCookieTypes Cookies: {types}
summaryNoCookies Says it uses no cookies
summaryUsesCookies Uses cookies
summaryThirdPartyCookies Third-party cookies: {names}
summaryExplainsOptOut Explains how to opt out
summaryNoOptOut No way to opt out stated
summaryCookiesLast Cookies last up to {period}
categoryNoClauses Not mentioned.
categoryOneClause 1 clause.
categoryClauses {count} clauses.
categoryCollects Collects {data}.
categoryNoCompanies No companies named; {sale}.
categoryOneCompany Names 1 company ({names}); {sale}.
categoryCompanies Names {count} companies ({names}); {sale}.
saleYes sells data
saleNo does not sell data
saleUnclear sale of data unclear
saleNotMentioned sale of data not mentioned
categoryYouCan You can {rights}.
categoryKeepsUpTo Keeps data up to {period} ({stated}).
periodsStatedOne 1 period stated
periodsStated {count} periods stated
categoryKeepsAsNeeded Keeps data as long as needed; no period stated.
categoryChangesAdvance Changes are announced in advance.
categoryChangesEmail Changes are notified directly (e.g. by email).
categoryChangesPosted Changes are only posted on this page.
categoryChangesWithoutNotice May change without notice.
categoryIgnoresDnt Ignores Do Not Track signals.
categoryHonorsDnt Honors Do Not Track signals.
categoryChildren Not for children under {age}.
categoryLaws Mentions {names}.
categoryChildrenAndLaws Not for children under {age}; mentions {names}.
listMore {list} and {count} more
periodDay 1 day
periodDays {count} days
periodMonth 1 month
periodMonths {count} months
periodYear 1 year
periodYears {count} years
categoryFirstPartyCollection First Party Collection/Use
categoryThirdPartySharing Third Party Sharing/Collection
categoryUserChoice User Choice/Control
categoryUserAccess User Access, Edit and Deletion
categoryDataRetention Data Retention
categoryDataSecurity Data Security
categoryPolicyChange Policy Change
categoryDoNotTrack Do Not Track
categorySpecificAudiences International and Specific Audiences
categoryOther Other
ruleSellsData Sells your data
ruleSaleOfDataUnclear Unclear whether it sells your data
ruleDoesNotSellData Does not sell your data
ruleSaleOfDataNotMentioned Does not say whether it sells your data
ruleTargetedAdvertising Uses your data for targeted ads
ruleTargetedAdvertisingUnclear Unclear whether it targets ads
ruleNoTargetedAdvertising No targeted ads
ruleManyNamedThirdParties Names many companies it shares with
ruleCollectsSensitiveData Collects sensitive data
ruleCanDeleteData You can delete your data
ruleCanAccessData You can see your data
ruleFurtherGdprRights Further rights (export, object, restrict, withdraw consent)
ruleNoAccessOrDeletionRights No way to see, correct or delete your data
ruleRetentionPeriodsStated Says how long data is kept
ruleRetentionVague Vague about how long data is kept
ruleNoRetentionStatement Does not say how long data is kept
ruleNoSecurityStatement Says nothing about security
ruleChangesNotified Tells you about changes
ruleChangesPostedOnly Changes only posted on the page
ruleChangesWithoutNotice Can change without notice
ruleNoPrivacyContact No contact for privacy questions
ruleNoEffectiveDate No date of the current version
ruleInternationalTransfer Sends data abroad
ruleCookieOptOutExplained Explains how to opt out of cookies
ruleNoCookieOptOut No way to opt out of cookies stated
ruleCookieTypesExplained Explains the kinds of cookies
ruleCookieLifetimesStated Says how long cookies last
dataName name
dataEmail email address
dataPhone phone number
dataPostalAddress postal address
dataBirthDate date of birth
dataGovernmentId government ID
dataPayment payment details
dataIpAddress IP address
dataDeviceId device identifiers
dataLocation location
dataBrowsing browsing activity
dataCommunications messages
dataProfessional job details
dataDemographics demographics
dataHealth health data
dataBiometric biometric data
dataMedia photos and recordings
dataSocialProfile social media profile
dataContactsList contact lists
rightAccess access
rightRectification correction
rightDeletion deletion
rightPortability export (portability)
rightObjection objection
rightRestriction restriction
rightOptOut opt out
rightWithdrawConsent withdraw consent
rightNonDiscrimination no discrimination for using rights
rightComplaint complain to a regulator
rightVerbAccess see
rightVerbRectification correct
rightVerbDeletion delete
rightVerbPortability export
rightVerbObjection object
rightVerbRestriction restrict
rightVerbOptOut opt out
rightVerbWithdrawConsent withdraw consent
cookieEssential essential
cookieFunctional functional
cookieAnalytics analytics
cookieAdvertising advertising
cookieSocial social
languageUnd this language
languageEn English
languageDe German
languageFr French
languageEs Spanish
languageIt Italian
languagePt Portuguese
languageNl Dutch
languageSv Swedish
languagePl Polish
languageTr Turkish
languageRu Russian
languageUk Ukrainian
languageBg Bulgarian
languageSr Serbian
languageMk Macedonian
languageBe Belarusian
languageKk Kazakh
languageEl Greek
languageAr Arabic
languageFa Persian
languageUr Urdu
languageHe Hebrew
languageYi Yiddish
languageHi Hindi
languageMr Marathi
languageNe Nepali
languageTh Thai
languageKo Korean
languageJa Japanese
languageZh Chinese
languageCs Czech
languageDa Danish
languageFi Finnish
languageNo Norwegian
languageNb Norwegian
languageHu Hungarian
languageRo Romanian
languageSk Slovak
languageSl Slovenian
languageHr Croatian
languageLt Lithuanian
languageLv Latvian
languageEt Estonian
languageVi Vietnamese
languageId Indonesian
languageCa Catalan
";

/// How many messages there are.
const COUNT: usize = count_lines(MESSAGES);

/// The length of each line of `MESSAGES`, its newline included.
const LINE_LENGTHS: [u8; COUNT] = line_lengths(MESSAGES);

const fn count_lines(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut at) = (0, 0);
    while at < bytes.len() {
        count += (bytes[at] == b'\n') as usize;
        at += 1;
    }
    count
}

const fn line_lengths(text: &str) -> [u8; COUNT] {
    let bytes = text.as_bytes();
    let mut lengths = [0; COUNT];
    let (mut line, mut start, mut at) = (0, 0, 0);
    while at < bytes.len() {
        if bytes[at] == b'\n' {
            assert!(
                at + 1 - start <= u8::MAX as usize,
                "a message line fits a u8 length"
            );
            lengths[line] = (at + 1 - start) as u8;
            line += 1;
            start = at + 1;
        }
        at += 1;
    }
    lengths
}

/// Each message as `(key, English words)`.
pub fn messages() -> impl Iterator<Item = (&'static str, &'static str)> {
    MESSAGES
        .lines()
        .map(|line| line.split_once(' ').expect("a key, a space, the words"))
}

/// The English words of the message `key`, if there is one.
fn find(key: &str) -> Option<&'static str> {
    let mut start = 0;
    for &length in &LINE_LENGTHS {
        let end = start + length as usize - 1;
        let line = &MESSAGES.as_bytes()[start..end];
        // The space after the key first: it rules out most lines in one comparison.
        if line.get(key.len()) == Some(&b' ') && line.starts_with(key.as_bytes()) {
            return Some(&MESSAGES[start + key.len() + 1..end]);
        }
        start = end + 1;
    }
    None
}

/// The English words for `key` (the key itself if it is unknown).
pub fn english(key: &str) -> &str {
    find(key).unwrap_or(key)
}

/// The message key of a value id under a prefix: `("data", "ip_address")` -> `dataIpAddress`.
pub fn key(prefix: &str, id: &str) -> String {
    let mut key = String::with_capacity(prefix.len() + id.len());
    key.push_str(prefix);
    let mut upper = true;
    for c in id.chars() {
        if c == '_' || c == '-' {
            upper = true;
        } else if upper {
            key.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            key.push(c);
        }
    }
    key
}

/// True when `key` is one of the messages.
pub fn is_message(key: &str) -> bool {
    find(key).is_some()
}

/// The words of `message`, with `lookup(key)` giving the words of each key (placeholders
/// `{name}` filled in one pass, so a value that contains braces stays as it is).
pub fn word(message: &Message, lookup: &dyn Fn(&str) -> String) -> String {
    let template = lookup(&message.id);
    let mut out = String::with_capacity(template.len());
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let name = &after[..close];
            let arg = message.args.iter().find(|a| a.name == name)?;
            Some((arg, close))
        });
        match arg {
            Some((arg, close)) => {
                out.push_str(&word_value(&arg.value, lookup));
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn word_value(value: &ArgValue, lookup: &dyn Fn(&str) -> String) -> String {
    match value {
        ArgValue::Text(text) => text.clone(),
        ArgValue::Message(message) => word(message, lookup),
        ArgValue::List { items, more } => {
            let list: Vec<String> = items.iter().map(|i| word_value(i, lookup)).collect();
            let list = list.join(", ");
            if *more == 0 {
                list
            } else {
                let message = Message::new("listMore")
                    .with_text("list", list)
                    .with_text("count", more);
                word(&message, lookup)
            }
        }
    }
}

/// The words of `message` in English.
pub fn in_english(message: &Message) -> String {
    word(message, &|key| english(key).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_panel_message_is_in_the_english_locale_with_the_same_words() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/extension/_locales/en/messages.json"
        );
        let text = std::fs::read_to_string(path).expect("locale file");
        let locale: serde_json::Value = serde_json::from_str(&text).expect("locale is JSON");
        for (key, english) in messages() {
            let entry = &locale[key];
            assert_eq!(entry["message"].as_str(), Some(english), "{key}");
            assert!(
                entry["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{key} needs a description for translators"
            );
        }
    }

    #[test]
    fn every_message_is_found_by_its_key() {
        assert_eq!(messages().count(), COUNT);
        for (key, english) in messages() {
            assert_eq!(find(key), Some(english), "{key}");
        }
        assert_eq!(find("detailsGrad"), None);
        assert_eq!(find(""), None);
    }

    fn locale(code: &str) -> serde_json::Map<String, serde_json::Value> {
        let path = format!(
            "{}/extension/_locales/{code}/messages.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).expect("locale file");
        serde_json::from_str(&text).expect("locale is JSON")
    }

    /// `{name}` and `$NAME$` placeholders of a message, sorted.
    fn placeholders(text: &str) -> Vec<String> {
        let mut found: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_string()))
            .chain(
                text.split('$')
                    .skip(1)
                    .step_by(2)
                    .map(|name| format!("${name}$")),
            )
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_locale_has_every_english_message_with_the_same_placeholders() {
        let english = locale("en");
        let locales = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/extension/_locales"))
            .expect("locales folder");
        let mut checked = 0;
        for dir in locales {
            let code = dir.expect("locale entry").file_name();
            let code = code.to_str().expect("locale name");
            let other = locale(code);
            for (key, entry) in &english {
                let theirs = other[key]["message"].as_str();
                let ours = entry["message"].as_str().expect("english message");
                assert!(
                    theirs.is_some_and(|t| !t.trim().is_empty()),
                    "{code}: {key}"
                );
                assert_eq!(
                    placeholders(theirs.unwrap_or_default()),
                    placeholders(ours),
                    "{code}: {key}"
                );
            }
            assert_eq!(other.len(), english.len(), "{code} has keys English lacks");
            checked += 1;
        }
        assert!(checked >= 2, "en and de at least");
    }

    #[test]
    fn every_grade_rule_has_words() {
        let source = include_str!("grade.rs");
        let mut rules = 0;
        for part in source.split("fire(").skip(1) {
            let Some(rule) = part.trim_start().strip_prefix('"') else {
                continue;
            };
            let rule = &rule[..rule.find('"').expect("closing quote")];
            assert!(is_message(&key("rule", rule)), "{rule} has no message");
            rules += 1;
        }
        assert!(rules >= 20);
    }

    #[test]
    fn keys_from_ids() {
        assert_eq!(key("data", "ip_address"), "dataIpAddress");
        assert_eq!(key("language", "pt"), "languagePt");
        assert_eq!(key("rule", "sells_data"), "ruleSellsData");
    }

    #[test]
    fn messages_are_worded_with_nested_values_and_lists() {
        let period = Message::new("periodYears").with_text("count", 2);
        let line = Message::new("summaryKeepsUpTo").with("period", ArgValue::Message(period));
        assert_eq!(in_english(&line), "Keeps data up to 2 years");
        let names = ArgValue::List {
            items: ["A", "B", "C"].map(|n| ArgValue::Text(n.into())).to_vec(),
            more: 4,
        };
        let line = Message::new("summaryThirdPartyCookies").with("names", names);
        assert_eq!(in_english(&line), "Third-party cookies: A, B, C and 4 more");
        // A value with braces is not filled in again.
        let line = Message::new("summaryOneCompany").with_text("name", "{name} Inc");
        assert_eq!(
            in_english(&line),
            "Names 1 company it works with: {name} Inc"
        );
        let german = |key: &str| match key {
            "summaryKeepsUpTo" => "Speichert Daten höchstens {period} lang".to_string(),
            "periodYears" => "{count} Jahre".to_string(),
            other => english(other).to_string(),
        };
        let period = Message::new("periodYears").with_text("count", 2);
        let line = Message::new("summaryKeepsUpTo").with("period", ArgValue::Message(period));
        assert_eq!(
            word(&line, &german),
            "Speichert Daten höchstens 2 Jahre lang"
        );
    }
}
