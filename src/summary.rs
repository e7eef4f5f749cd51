//! Plain-language lines and per-category summaries, each tied to the clause behind it. Each
//! is a `Message` of `extension/_locales` (the UI words it in the person's language) and
//! also worded in English for the Report's `summary`, `headline` and category `summary`.

use crate::category::Category;
use crate::facts::clauses_of;
use crate::gazetteer::{Gazetteer, Kind as ServiceKind};
use crate::grade::Graded;
use crate::lang::Language;
use crate::report::{
    Answer, ArgValue, CategorySummary, ChangeNotice, Clause, Detection, Facts, Kind, Message,
};
use crate::substring::contains;
use crate::ui_text::{in_english, is_message, key};

/// One summary line and the clause it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// `message` in English.
    pub text: String,
    pub message: Message,
    pub clause: Option<usize>,
}

impl Line {
    fn new(message: Message, clause: Option<usize>) -> Line {
        Line {
            text: in_english(&message),
            message,
            clause,
        }
    }
}

/// Summary lines, most important first, and the badge headline.
#[derive(Clone, Debug, PartialEq)]
pub struct Lines {
    pub lines: Vec<Line>,
    /// `headline_message` in English (empty when the page is not a policy).
    pub headline: String,
    pub headline_message: Option<Message>,
}

impl Lines {
    fn new(lines: Vec<Line>, headline: Option<Message>) -> Lines {
        Lines {
            lines,
            headline: headline.as_ref().map(in_english).unwrap_or_default(),
            headline_message: headline,
        }
    }
}

/// Most summary lines a report carries.
const MAX_LINES: usize = 6;
/// Most names listed inside one line.
const MAX_NAMES: usize = 3;

fn first(facts: &Facts, fact: &str) -> Option<usize> {
    clauses_of(facts, fact).first().copied()
}

/// "A, B, C" or "A, B, C and 4 more".
fn name_list(names: &[&str]) -> ArgValue {
    ArgValue::List {
        items: names
            .iter()
            .take(MAX_NAMES)
            .map(|n| ArgValue::Text(n.to_string()))
            .collect(),
        more: names.len().saturating_sub(MAX_NAMES),
    }
}

/// The message `prefix` + id (`data` + `ip_address` -> `dataIpAddress`), or the id as it is
/// when there is no such message (an id added to the facts without words yet).
fn label(prefix: &str, id: &str) -> ArgValue {
    let key = key(prefix, id);
    if is_message(&key) {
        ArgValue::Message(Message::new(&key))
    } else {
        ArgValue::Text(id.replace('_', " "))
    }
}

/// Labels of ids, all of them.
fn labels<'a>(prefix: &str, ids: impl IntoIterator<Item = &'a str>) -> ArgValue {
    ArgValue::List {
        items: ids.into_iter().map(|id| label(prefix, id)).collect(),
        more: 0,
    }
}

/// Labels of ids, the first `MAX_NAMES` and how many more.
fn short_labels(prefix: &str, ids: &[String]) -> ArgValue {
    ArgValue::List {
        items: ids
            .iter()
            .take(MAX_NAMES)
            .map(|id| label(prefix, id))
            .collect(),
        more: ids.len().saturating_sub(MAX_NAMES),
    }
}

/// Days as a period in the largest whole unit: years, months (of 30.4 days) or days.
fn period(days: u32) -> ArgValue {
    let months = (f64::from(days) / 30.4167).round();
    let (one, many, count) = if days > 0 && days % 365 == 0 {
        ("periodYear", "periodYears", days / 365)
    } else if days >= 60 && (f64::from(days) - months * 30.4167).abs() < 1.0 {
        ("periodMonth", "periodMonths", months as u32)
    } else {
        ("periodDay", "periodDays", days)
    };
    let id = if count == 1 { one } else { many };
    ArgValue::Message(Message::new(id).with_text("count", count))
}

/// The longest stated retention period, as the policy words it.
fn longest_period(facts: &Facts) -> Option<&crate::report::Retention> {
    facts
        .retention
        .iter()
        .filter(|r| r.days.is_some())
        .max_by_key(|r| r.days)
}

/// Clauses per category, each with a one-line summary from the facts.
pub fn categories(clauses: &[Clause], facts: &Facts) -> Vec<CategorySummary> {
    Category::ALL
        .iter()
        .map(|&category| {
            let ids: Vec<usize> = clauses
                .iter()
                .filter(|c| c.categories.iter().any(|id| id == category.id()))
                .map(|c| c.index)
                .collect();
            let summary = category_line(category, &ids, clauses, facts);
            CategorySummary {
                id: category.id().to_string(),
                label: category.label().to_string(),
                clauses: ids,
                summary: in_english(&summary),
                summary_message: summary,
            }
        })
        .collect()
}

fn count_clauses(n: usize) -> Message {
    match n {
        0 => Message::new("categoryNoClauses"),
        1 => Message::new("categoryOneClause"),
        n => Message::new("categoryClauses").with_text("count", n),
    }
}

fn category_line(category: Category, ids: &[usize], clauses: &[Clause], facts: &Facts) -> Message {
    let fallback = count_clauses(ids.len());
    match category {
        Category::FirstPartyCollection if !facts.data_collected.is_empty() => {
            Message::new("categoryCollects")
                .with("data", short_labels("data", &facts.data_collected))
        }
        Category::ThirdPartySharing => {
            let sale = ArgValue::Message(Message::new(match facts.sells_data {
                Answer::Yes => "saleYes",
                Answer::No => "saleNo",
                Answer::Unclear => "saleUnclear",
                Answer::NotMentioned => "saleNotMentioned",
            }));
            match facts.third_parties.len() {
                0 if ids.is_empty() && facts.sells_data == Answer::NotMentioned => fallback,
                0 => Message::new("categoryNoCompanies").with("sale", sale),
                n => {
                    let names: Vec<&str> = facts.third_parties.iter().map(String::as_str).collect();
                    let line = if n == 1 {
                        Message::new("categoryOneCompany")
                    } else {
                        Message::new("categoryCompanies").with_text("count", n)
                    };
                    line.with("names", name_list(&names)).with("sale", sale)
                }
            }
        }
        Category::UserChoice | Category::UserAccess => {
            let wanted: &[&str] = if category == Category::UserChoice {
                &["opt_out", "withdraw_consent", "objection", "restriction"]
            } else {
                &["access", "rectification", "deletion", "portability"]
            };
            let rights: Vec<&str> = facts
                .user_rights
                .iter()
                .map(String::as_str)
                .filter(|r| wanted.contains(r))
                .collect();
            if rights.is_empty() {
                fallback
            } else {
                Message::new("categoryYouCan").with("rights", labels("rightVerb", rights))
            }
        }
        Category::DataRetention => match longest_period(facts) {
            Some(longest) => {
                let n = facts.retention.iter().filter(|r| r.days.is_some()).count();
                let stated = if n == 1 {
                    Message::new("periodsStatedOne")
                } else {
                    Message::new("periodsStated").with_text("count", n)
                };
                Message::new("categoryKeepsUpTo")
                    .with("period", period(longest.days.unwrap_or_default()))
                    .with("stated", ArgValue::Message(stated))
            }
            None if !facts.retention.is_empty() => Message::new("categoryKeepsAsNeeded"),
            None => fallback,
        },
        Category::PolicyChange => match facts.change_notice {
            ChangeNotice::Advance => Message::new("categoryChangesAdvance"),
            ChangeNotice::Email => Message::new("categoryChangesEmail"),
            ChangeNotice::Posted => Message::new("categoryChangesPosted"),
            ChangeNotice::None => Message::new("categoryChangesWithoutNotice"),
            ChangeNotice::NotMentioned => fallback,
        },
        Category::DoNotTrack if !ids.is_empty() => {
            let text: String = ids
                .iter()
                .filter_map(|&i| clauses.get(i))
                .map(|c| c.text.to_ascii_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            if [
                "not respond",
                "not honor",
                "not honour",
                "not currently respond",
                "not recognize",
                "not support",
                "no uniform",
                "not track",
            ]
            .iter()
            .any(|p| contains(&text, p))
                && !contains(&text, "we honor")
            {
                Message::new("categoryIgnoresDnt")
            } else if ["honor", "honour", "respect", "respond to"]
                .iter()
                .any(|p| contains(&text, p))
            {
                Message::new("categoryHonorsDnt")
            } else {
                fallback
            }
        }
        Category::SpecificAudiences => {
            let names: Vec<&str> = facts.frameworks.iter().map(String::as_str).collect();
            match (facts.children_min_age, names.is_empty()) {
                (Some(age), true) => Message::new("categoryChildren").with_text("age", age),
                (None, false) => Message::new("categoryLaws").with("names", name_list(&names)),
                (Some(age), false) => Message::new("categoryChildrenAndLaws")
                    .with_text("age", age)
                    .with("names", name_list(&names)),
                (None, true) => fallback,
            }
        }
        _ => fallback,
    }
}

/// Named services of a kind, in order of mention.
fn services_of(facts: &Facts, kind: ServiceKind) -> Vec<&str> {
    let gazetteer = Gazetteer::shared();
    facts
        .third_parties
        .iter()
        .filter(|name| gazetteer.kind_of(name) == Some(kind))
        .map(String::as_str)
        .collect()
}

/// A line worded by the message `id` alone.
fn line(id: &str, clause: Option<usize>) -> Line {
    Line::new(Message::new(id), clause)
}

/// Summary lines for a privacy policy, most important first.
fn privacy_lines(facts: &Facts, out: &mut Vec<Line>) {
    let sells = first(facts, "sells_data");
    out.push(match facts.sells_data {
        Answer::Yes => line("summarySellsData", sells),
        Answer::No => line("summaryDoesNotSell", sells),
        Answer::Unclear => line("summarySaleUnclear", sells),
        Answer::NotMentioned => line("summarySaleNotMentioned", None),
    });
    ads_line(facts, out);
    if !facts.third_parties.is_empty() {
        let n = facts.third_parties.len();
        let clause = first(facts, &format!("third_parties:{}", facts.third_parties[0]));
        let message = if n == 1 {
            Message::new("summaryOneCompany").with_text("name", &facts.third_parties[0])
        } else {
            Message::new("summaryNamedCompanies").with_text("count", n)
        };
        out.push(Line::new(message, clause));
    }
    match longest_period(facts) {
        Some(r) => out.push(Line::new(
            Message::new("summaryKeepsUpTo").with("period", period(r.days.unwrap_or_default())),
            Some(r.clause),
        )),
        None => match facts.retention.first() {
            Some(r) => out.push(line("summaryKeepsNoPeriod", Some(r.clause))),
            None => out.push(line("summaryNoRetention", None)),
        },
    }
    let has = |id: &str| facts.user_rights.iter().any(|r| r == id);
    let right = if has("deletion") {
        Some(("deletion", "summaryCanDelete"))
    } else if has("access") {
        Some(("access", "summaryCanSee"))
    } else if has("opt_out") {
        Some(("opt_out", "summaryCanOptOut"))
    } else {
        None
    };
    match right {
        Some((id, message)) => out.push(line(message, first(facts, &format!("user_rights:{id}")))),
        None => out.push(line("summaryNoAccessRights", None)),
    }
    let sensitive: Vec<&str> = ["health", "biometric", "government_id"]
        .into_iter()
        .filter(|id| facts.data_collected.iter().any(|d| d == id))
        .collect();
    if let Some(id) = sensitive.first() {
        out.push(Line::new(
            Message::new("summaryCollectsSensitive")
                .with("data", labels("data", sensitive.iter().copied())),
            first(facts, &format!("data_collected:{id}")),
        ));
    }
    if facts.change_notice == ChangeNotice::None {
        out.push(line(
            "summaryChangesWithoutNotice",
            first(facts, "change_notice"),
        ));
    }
    if let Some(age) = facts.children_min_age {
        out.push(Line::new(
            Message::new("summaryNotForChildren").with_text("age", age),
            first(facts, "children_min_age"),
        ));
    }
}

fn ads_line(facts: &Facts, out: &mut Vec<Line>) {
    let clause = first(facts, "targeted_advertising");
    match facts.targeted_advertising {
        Answer::Yes => {
            let ads = services_of(facts, ServiceKind::Ads);
            let message = if ads.is_empty() {
                Message::new("summaryTargetedAds")
            } else {
                Message::new("summaryTargetedAdsBy").with("names", name_list(&ads))
            };
            out.push(Line::new(message, clause));
        }
        Answer::No => out.push(line("summaryNoTargetedAds", clause)),
        Answer::Unclear => out.push(line("summaryAdsUnclear", clause)),
        Answer::NotMentioned => {}
    }
}

/// Summary lines for a cookie policy: which kinds, which companies, how to opt out.
fn cookie_lines(facts: &Facts, out: &mut Vec<Line>) {
    if !facts.cookie_types.is_empty() {
        let kinds: Vec<&str> = facts.cookie_types.iter().map(String::as_str).collect();
        out.push(Line::new(
            Message::new("summaryCookieTypes")
                .with("types", labels("cookie", kinds.iter().copied())),
            first(facts, &format!("cookie_types:{}", kinds[0])),
        ));
    } else if facts.cookies != Answer::NotMentioned {
        let id = match facts.cookies {
            Answer::No => "summaryNoCookies",
            _ => "summaryUsesCookies",
        };
        out.push(line(id, first(facts, "cookies")));
    }
    ads_line(facts, out);
    if !facts.third_parties.is_empty() {
        let names: Vec<&str> = facts.third_parties.iter().map(String::as_str).collect();
        out.push(Line::new(
            Message::new("summaryThirdPartyCookies").with("names", name_list(&names)),
            first(facts, &format!("third_parties:{}", names[0])),
        ));
    }
    let opt_out = ["opt_out", "withdraw_consent"]
        .into_iter()
        .find(|id| facts.user_rights.iter().any(|r| r == id));
    out.push(match opt_out {
        Some(id) => line(
            "summaryExplainsOptOut",
            first(facts, &format!("user_rights:{id}")),
        ),
        None => line("summaryNoOptOut", None),
    });
    if let Some(r) = longest_period(facts) {
        out.push(Line::new(
            Message::new("summaryCookiesLast").with("period", period(r.days.unwrap_or_default())),
            Some(r.clause),
        ));
    }
    if facts.sells_data == Answer::Yes {
        out.insert(0, line("summarySellsData", first(facts, "sells_data")));
    }
}

/// Two or three words for the badge: the id of their message.
fn headline(detection: &Detection, facts: &Facts, graded: &Graded) -> &'static str {
    let can_delete = facts.user_rights.iter().any(|r| r == "deletion");
    let silent = graded
        .reasons
        .iter()
        .filter(|r| r.points < 0 && r.clauses.is_empty())
        .count();
    match (facts.sells_data, facts.targeted_advertising) {
        (Answer::Yes, _) => "headlineSellsData",
        (_, Answer::Yes) => "headlineSharesForAds",
        (Answer::Unclear, _) => "headlineSaleUnclear",
        _ if detection.kind == Kind::CookiePolicy => "headlineUsesCookies",
        (Answer::No, _) if can_delete => "headlineNoSaleCanDelete",
        _ if silent >= 3 => "headlineSaysLittle",
        (Answer::No, _) => "headlineDoesNotSell",
        _ => "headlineReadDetails",
    }
}

pub fn lines(detection: &Detection, facts: &Facts, graded: &Graded) -> Lines {
    let mut lines = Vec::new();
    if !detection.is_policy {
        return Lines::new(lines, None);
    }
    if detection.kind == Kind::CookiePolicy {
        cookie_lines(facts, &mut lines);
    } else {
        privacy_lines(facts, &mut lines);
    }
    lines.truncate(MAX_LINES);
    let headline = Message::new(headline(detection, facts, graded));
    Lines::new(lines, Some(headline))
}

/// The name of a language as a message (`languageUnd` when there are no words for it).
fn language_name(language: &Language) -> ArgValue {
    let key = key("language", &language.code);
    let key = if is_message(&key) {
        key
    } else {
        "languageUnd".to_string()
    };
    ArgValue::Message(Message::new(&key))
}

/// The one line and headline for a policy in a language policylens cannot read.
pub fn unread_lines(detection: &Detection, language: &Language) -> Lines {
    if !detection.is_policy {
        return Lines::new(Vec::new(), None);
    }
    let name = language_name(language);
    let line = Line::new(
        Message::new("summaryCannotRead").with("language", name.clone()),
        None,
    );
    Lines::new(
        vec![line],
        Some(Message::new("headlineCannotRead").with("language", name)),
    )
}
