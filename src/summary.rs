//! Plain-language lines and per-category summaries, each tied to the clause behind it.

use crate::category::Category;
use crate::facts::clauses_of;
use crate::gazetteer::{Gazetteer, Kind as ServiceKind};
use crate::grade::Graded;
use crate::report::{Answer, CategorySummary, ChangeNotice, Clause, Detection, Facts, Kind};

/// One summary line and the clause it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    pub clause: Option<usize>,
}

/// Summary lines, most important first, and the badge headline.
#[derive(Clone, Debug, PartialEq)]
pub struct Lines {
    pub lines: Vec<Line>,
    pub headline: String,
}

/// Most summary lines a report carries.
const MAX_LINES: usize = 6;
/// Most names listed inside one line.
const MAX_NAMES: usize = 3;

fn first(facts: &Facts, fact: &str) -> Option<usize> {
    clauses_of(facts, fact).first().copied()
}

/// "A, B, C" or "A, B, C and 4 more".
fn name_list(names: &[&str]) -> String {
    let shown = names[..names.len().min(MAX_NAMES)].join(", ");
    match names.len().saturating_sub(MAX_NAMES) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// Plain words for a data type id.
fn data_label(id: &str) -> &str {
    match id {
        "postal_address" => "postal address",
        "birth_date" => "date of birth",
        "government_id" => "government ID",
        "payment" => "payment details",
        "ip_address" => "IP address",
        "device_id" => "device identifiers",
        "browsing" => "browsing activity",
        "communications" => "messages",
        "professional" => "job details",
        "health" => "health data",
        "biometric" => "biometric data",
        "media" => "photos and recordings",
        "social_profile" => "social media profile",
        "contacts_list" => "contact lists",
        other => other,
    }
}

fn right_label(id: &str) -> &str {
    match id {
        "rectification" => "correct",
        "deletion" => "delete",
        "portability" => "export",
        "objection" => "object",
        "restriction" => "restrict",
        "opt_out" => "opt out",
        "withdraw_consent" => "withdraw consent",
        "non_discrimination" => "equal service",
        "complaint" => "complain",
        other => other,
    }
}

/// The longest stated retention period, as the policy words it.
fn longest_period(facts: &Facts) -> Option<&crate::report::Retention> {
    facts
        .retention
        .iter()
        .filter(|r| r.days.is_some())
        .max_by_key(|r| r.days)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
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
                summary,
            }
        })
        .collect()
}

fn count_clauses(n: usize) -> String {
    match n {
        0 => "Not mentioned.".into(),
        1 => "1 clause.".into(),
        n => format!("{n} clauses."),
    }
}

fn category_line(category: Category, ids: &[usize], clauses: &[Clause], facts: &Facts) -> String {
    let fallback = count_clauses(ids.len());
    match category {
        Category::FirstPartyCollection if !facts.data_collected.is_empty() => {
            let names: Vec<&str> = facts.data_collected.iter().map(|d| data_label(d)).collect();
            format!("Collects {}.", name_list(&names))
        }
        Category::ThirdPartySharing => {
            let sale = match facts.sells_data {
                Answer::Yes => "sells data",
                Answer::No => "does not sell data",
                Answer::Unclear => "sale of data unclear",
                Answer::NotMentioned => "sale of data not mentioned",
            };
            match facts.third_parties.len() {
                0 if ids.is_empty() && facts.sells_data == Answer::NotMentioned => fallback,
                0 => format!("No companies named; {sale}."),
                n => {
                    let names: Vec<&str> = facts.third_parties.iter().map(String::as_str).collect();
                    let noun = if n == 1 { "company" } else { "companies" };
                    format!("Names {n} {noun} ({}); {sale}.", name_list(&names))
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
                .map(right_label)
                .collect();
            if rights.is_empty() {
                fallback
            } else {
                format!("You can {}.", rights.join(", "))
            }
        }
        Category::DataRetention => match longest_period(facts) {
            Some(longest) => {
                let n = facts.retention.iter().filter(|r| r.days.is_some()).count();
                let stated = if n == 1 {
                    "1 period stated".to_string()
                } else {
                    format!("{n} periods stated")
                };
                format!(
                    "Keeps data up to {} ({stated}).",
                    lower_first(&longest.text)
                )
            }
            None if !facts.retention.is_empty() => {
                "Keeps data as long as needed; no period stated.".into()
            }
            None => fallback,
        },
        Category::PolicyChange => match facts.change_notice {
            ChangeNotice::Advance => "Changes are announced in advance.".into(),
            ChangeNotice::Email => "Changes are notified directly (e.g. by email).".into(),
            ChangeNotice::Posted => "Changes are only posted on this page.".into(),
            ChangeNotice::None => "May change without notice.".into(),
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
            .any(|p| text.contains(p))
                && !text.contains("we honor")
            {
                "Ignores Do Not Track signals.".into()
            } else if ["honor", "honour", "respect", "respond to"]
                .iter()
                .any(|p| text.contains(p))
            {
                "Honors Do Not Track signals.".into()
            } else {
                fallback
            }
        }
        Category::SpecificAudiences => {
            let mut parts = Vec::new();
            if let Some(age) = facts.children_min_age {
                parts.push(format!("Not for children under {age}"));
            }
            if !facts.frameworks.is_empty() {
                let names: Vec<&str> = facts.frameworks.iter().map(String::as_str).collect();
                parts.push(format!("mentions {}", name_list(&names)));
            }
            if parts.is_empty() {
                fallback
            } else {
                let mut line = parts.join("; ");
                line.push('.');
                upper_first(&line)
            }
        }
        _ => fallback,
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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

/// Summary lines for a privacy policy, most important first.
fn privacy_lines(facts: &Facts, out: &mut Vec<Line>) {
    let sells = first(facts, "sells_data");
    out.push(match facts.sells_data {
        Answer::Yes => Line {
            text: "Sells your data".into(),
            clause: sells,
        },
        Answer::No => Line {
            text: "Does not sell your data".into(),
            clause: sells,
        },
        Answer::Unclear => Line {
            text: "Unclear whether it sells your data".into(),
            clause: sells,
        },
        Answer::NotMentioned => Line {
            text: "Does not say whether it sells your data".into(),
            clause: None,
        },
    });
    ads_line(facts, out);
    if !facts.third_parties.is_empty() {
        let n = facts.third_parties.len();
        let clause = first(facts, &format!("third_parties:{}", facts.third_parties[0]));
        let text = if n == 1 {
            format!("Names 1 company it works with: {}", facts.third_parties[0])
        } else {
            format!("Shares with {n} named companies")
        };
        out.push(Line { text, clause });
    }
    match longest_period(facts) {
        Some(r) => out.push(Line {
            text: format!("Keeps data up to {}", lower_first(&r.text)),
            clause: Some(r.clause),
        }),
        None => match facts.retention.first() {
            Some(r) => out.push(Line {
                text: "Keeps data as long as it sees fit (no period)".into(),
                clause: Some(r.clause),
            }),
            None => out.push(Line {
                text: "Does not say how long it keeps data".into(),
                clause: None,
            }),
        },
    }
    let has = |id: &str| facts.user_rights.iter().any(|r| r == id);
    let right = if has("deletion") {
        Some(("deletion", "You can delete your data"))
    } else if has("access") {
        Some(("access", "You can see your data"))
    } else if has("opt_out") {
        Some(("opt_out", "You can opt out of some uses"))
    } else {
        None
    };
    match right {
        Some((id, text)) => out.push(Line {
            text: text.into(),
            clause: first(facts, &format!("user_rights:{id}")),
        }),
        None => out.push(Line {
            text: "No way to see or delete your data stated".into(),
            clause: None,
        }),
    }
    let sensitive: Vec<&str> = ["health", "biometric", "government_id"]
        .into_iter()
        .filter(|id| facts.data_collected.iter().any(|d| d == id))
        .collect();
    if let Some(id) = sensitive.first() {
        let labels: Vec<&str> = sensitive.iter().map(|d| data_label(d)).collect();
        out.push(Line {
            text: format!("Collects {}", labels.join(", ")),
            clause: first(facts, &format!("data_collected:{id}")),
        });
    }
    if facts.change_notice == ChangeNotice::None {
        out.push(Line {
            text: "Can change the policy without notice".into(),
            clause: first(facts, "change_notice"),
        });
    }
    if let Some(age) = facts.children_min_age {
        out.push(Line {
            text: format!("Not for children under {age}"),
            clause: first(facts, "children_min_age"),
        });
    }
}

fn ads_line(facts: &Facts, out: &mut Vec<Line>) {
    let clause = first(facts, "targeted_advertising");
    match facts.targeted_advertising {
        Answer::Yes => {
            let ads = services_of(facts, ServiceKind::Ads);
            let text = if ads.is_empty() {
                "Uses your data for targeted ads".to_string()
            } else {
                format!("Uses your data for targeted ads ({})", name_list(&ads))
            };
            out.push(Line { text, clause });
        }
        Answer::No => out.push(Line {
            text: "No targeted ads".into(),
            clause,
        }),
        Answer::Unclear => out.push(Line {
            text: "Unclear whether it targets ads".into(),
            clause,
        }),
        Answer::NotMentioned => {}
    }
}

/// Summary lines for a cookie policy: which kinds, which companies, how to opt out.
fn cookie_lines(facts: &Facts, out: &mut Vec<Line>) {
    if !facts.cookie_types.is_empty() {
        let kinds: Vec<&str> = facts.cookie_types.iter().map(String::as_str).collect();
        out.push(Line {
            text: format!("Cookies: {}", kinds.join(", ")),
            clause: first(facts, &format!("cookie_types:{}", kinds[0])),
        });
    } else if facts.cookies != Answer::NotMentioned {
        out.push(Line {
            text: match facts.cookies {
                Answer::No => "Says it uses no cookies".into(),
                _ => "Uses cookies".into(),
            },
            clause: first(facts, "cookies"),
        });
    }
    ads_line(facts, out);
    if !facts.third_parties.is_empty() {
        let names: Vec<&str> = facts.third_parties.iter().map(String::as_str).collect();
        out.push(Line {
            text: format!("Third-party cookies: {}", name_list(&names)),
            clause: first(facts, &format!("third_parties:{}", names[0])),
        });
    }
    let opt_out = ["opt_out", "withdraw_consent"]
        .into_iter()
        .find(|id| facts.user_rights.iter().any(|r| r == id));
    out.push(match opt_out {
        Some(id) => Line {
            text: "Explains how to opt out".into(),
            clause: first(facts, &format!("user_rights:{id}")),
        },
        None => Line {
            text: "No way to opt out stated".into(),
            clause: None,
        },
    });
    if let Some(r) = longest_period(facts) {
        out.push(Line {
            text: format!("Cookies last up to {}", lower_first(&r.text)),
            clause: Some(r.clause),
        });
    }
    if facts.sells_data == Answer::Yes {
        out.insert(
            0,
            Line {
                text: "Sells your data".into(),
                clause: first(facts, "sells_data"),
            },
        );
    }
}

/// Two or three words for the badge.
fn headline(detection: &Detection, facts: &Facts, graded: &Graded) -> &'static str {
    let can_delete = facts.user_rights.iter().any(|r| r == "deletion");
    let silent = graded
        .reasons
        .iter()
        .filter(|r| r.points < 0 && r.clauses.is_empty())
        .count();
    match (facts.sells_data, facts.targeted_advertising) {
        (Answer::Yes, _) => "Sells your data",
        (_, Answer::Yes) => "Shares for ads",
        (Answer::Unclear, _) => "Sale unclear",
        _ if detection.kind == Kind::CookiePolicy => "Uses cookies",
        (Answer::No, _) if can_delete => "No sale, can delete",
        _ if silent >= 3 => "Says little",
        (Answer::No, _) => "Does not sell",
        _ => "Read the details",
    }
}

pub fn lines(detection: &Detection, facts: &Facts, graded: &Graded, lang: &str) -> Lines {
    let mut lines = Vec::new();
    if !detection.is_policy {
        return Lines {
            lines,
            headline: String::new(),
        };
    }
    let lang = lang.trim().to_ascii_lowercase();
    if !lang.is_empty() && !lang.starts_with("en") {
        lines.push(Line {
            text: "English-only analysis for now".into(),
            clause: None,
        });
    }
    if detection.kind == Kind::CookiePolicy {
        cookie_lines(facts, &mut lines);
    } else {
        privacy_lines(facts, &mut lines);
    }
    lines.truncate(MAX_LINES);
    Lines {
        lines,
        headline: headline(detection, facts, graded).to_string(),
    }
}
