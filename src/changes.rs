//! Policy change alerts: the part of a report kept per site (`StoredSummary`), what differs
//! between two visits (`diff`), and plain words for each difference.

use crate::substring::replace;
use serde::{Deserialize, Serialize};

use crate::report::{Answer, Report};

/// What the extension stores per site: the facts whose change a person would want to hear
/// about. Its JSON is what earlier versions stored, so old summaries still compare.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredSummary {
    pub grade: Option<char>,
    pub sells_data: Answer,
    pub targeted_advertising: Answer,
    pub international_transfer: Answer,
    pub law_enforcement_disclosure: Answer,
    pub data_collected: Vec<String>,
    pub third_parties: Vec<String>,
    pub longest_retention_days: Option<u32>,
    pub effective_date: Option<String>,
}

impl StoredSummary {
    pub fn of(report: &Report) -> StoredSummary {
        let facts = &report.facts;
        StoredSummary {
            grade: report.grade,
            sells_data: facts.sells_data,
            targeted_advertising: facts.targeted_advertising,
            international_transfer: facts.international_transfer,
            law_enforcement_disclosure: facts.law_enforcement_disclosure,
            data_collected: facts.data_collected.clone(),
            third_parties: facts.third_parties.clone(),
            longest_retention_days: facts.retention.iter().filter_map(|r| r.days).max(),
            effective_date: facts.effective_date.clone(),
        }
    }
}

/// One difference between two visits. Read back through `ChangeFields`: the same JSON, without
/// the buffering code serde generates to read a tagged enum (much of it in the wasm).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case", try_from = "ChangeFields")]
pub enum Change {
    Grade {
        from: char,
        to: char,
    },
    /// A yes/no fact now has an answer worth telling (`fact` is its Report field name).
    Answer {
        fact: String,
        now: Answer,
    },
    NewData {
        ids: Vec<String>,
    },
    NewThirdParties {
        names: Vec<String>,
    },
    Retention {
        from_days: u32,
        to_days: u32,
    },
    /// Nothing above changed, but the policy names a new effective date.
    UpdatedOnly {
        date: String,
    },
}

/// The fields of any `Change`, as its JSON holds them.
#[derive(Deserialize)]
pub(crate) struct ChangeFields {
    pub(crate) change: String,
    pub(crate) from: Option<char>,
    pub(crate) to: Option<char>,
    pub(crate) fact: Option<String>,
    pub(crate) now: Option<Answer>,
    pub(crate) ids: Option<Vec<String>>,
    pub(crate) names: Option<Vec<String>>,
    pub(crate) from_days: Option<u32>,
    pub(crate) to_days: Option<u32>,
    pub(crate) date: Option<String>,
}

impl TryFrom<ChangeFields> for Change {
    type Error = String;

    fn try_from(f: ChangeFields) -> Result<Change, String> {
        let missing = |field: &str| format!("missing field `{field}`");
        Ok(match f.change.as_str() {
            "grade" => Change::Grade {
                from: f.from.ok_or_else(|| missing("from"))?,
                to: f.to.ok_or_else(|| missing("to"))?,
            },
            "answer" => Change::Answer {
                fact: f.fact.ok_or_else(|| missing("fact"))?,
                now: f.now.ok_or_else(|| missing("now"))?,
            },
            "new_data" => Change::NewData {
                ids: f.ids.ok_or_else(|| missing("ids"))?,
            },
            "new_third_parties" => Change::NewThirdParties {
                names: f.names.ok_or_else(|| missing("names"))?,
            },
            "retention" => Change::Retention {
                from_days: f.from_days.ok_or_else(|| missing("from_days"))?,
                to_days: f.to_days.ok_or_else(|| missing("to_days"))?,
            },
            "updated_only" => Change::UpdatedOnly {
                date: f.date.ok_or_else(|| missing("date"))?,
            },
            other => return Err(format!("unknown variant `{other}`")),
        })
    }
}

/// Message keys of the answers worth telling, per fact (the panel's words, `ui_text`).
const ANSWER_KEYS: &[(&str, Answer, &str)] = &[
    ("sells_data", Answer::Yes, "changeSellsYes"),
    ("sells_data", Answer::No, "changeSellsNo"),
    ("targeted_advertising", Answer::Yes, "changeAdsYes"),
    ("targeted_advertising", Answer::No, "changeAdsNo"),
    ("international_transfer", Answer::Yes, "changeAbroadYes"),
    (
        "law_enforcement_disclosure",
        Answer::Yes,
        "changeLawEnforcementYes",
    ),
];

/// The differences from `before` to `after`, most important first.
pub fn diff(before: &StoredSummary, after: &StoredSummary) -> Vec<Change> {
    let mut changes = Vec::new();
    if let (Some(from), Some(to)) = (before.grade, after.grade) {
        if from != to {
            changes.push(Change::Grade { from, to });
        }
    }
    let answers = |s: &StoredSummary| {
        [
            ("sells_data", s.sells_data),
            ("targeted_advertising", s.targeted_advertising),
            ("international_transfer", s.international_transfer),
            ("law_enforcement_disclosure", s.law_enforcement_disclosure),
        ]
    };
    for ((fact, was), (_, now)) in answers(before).into_iter().zip(answers(after)) {
        let told = ANSWER_KEYS.iter().any(|(f, a, _)| *f == fact && *a == now);
        if was != now && told {
            changes.push(Change::Answer {
                fact: fact.to_string(),
                now,
            });
        }
    }
    let added = |was: &[String], now: &[String]| -> Vec<String> {
        now.iter().filter(|v| !was.contains(v)).cloned().collect()
    };
    let ids = added(&before.data_collected, &after.data_collected);
    if !ids.is_empty() {
        changes.push(Change::NewData { ids });
    }
    let names = added(&before.third_parties, &after.third_parties);
    if !names.is_empty() {
        changes.push(Change::NewThirdParties { names });
    }
    if let (Some(from_days), Some(to_days)) =
        (before.longest_retention_days, after.longest_retention_days)
    {
        if from_days != to_days {
            changes.push(Change::Retention { from_days, to_days });
        }
    }
    if let (true, Some(was), Some(date)) = (
        changes.is_empty(),
        &before.effective_date,
        &after.effective_date,
    ) {
        if was != date {
            changes.push(Change::UpdatedOnly { date: date.clone() });
        }
    }
    changes
}

impl Change {
    /// The change in words; `t(key)` gives the panel's words for a message key.
    pub fn words(&self, t: &dyn Fn(&str) -> String) -> String {
        match self {
            Change::Grade { from, to } => replace(
                &replace(&t("changeGrade"), "{from}", &from.to_string()),
                "{to}",
                &to.to_string(),
            ),
            Change::Answer { fact, now } => ANSWER_KEYS
                .iter()
                .find(|(f, a, _)| f == fact && a == now)
                .map_or_else(String::new, |(_, _, key)| t(key)),
            Change::NewData { ids } => {
                let words: Vec<String> = ids.iter().map(|id| id.replace('_', " ")).collect();
                replace(&t("changeNewData"), "{data}", &words.join(", "))
            }
            Change::NewThirdParties { names } => {
                replace(&t("changeNewThirdParties"), "{names}", &names.join(", "))
            }
            Change::Retention { from_days, to_days } => replace(
                &replace(&t("changeRetention"), "{from}", &period(*from_days, t)),
                "{to}",
                &period(*to_days, t),
            ),
            Change::UpdatedOnly { date } => replace(&t("changeUpdatedOnly"), "{date}", date),
        }
    }
}

/// Days as the largest whole unit: years, months (from 60 days), else days.
fn period(days: u32, t: &dyn Fn(&str) -> String) -> String {
    const MONTH: f64 = 30.4167;
    let months = (f64::from(days) / MONTH).round();
    let (count, one, many) = if days % 365 == 0 && days > 0 {
        (days / 365, "unitYear", "unitYears")
    } else if days >= 60 && (f64::from(days) - months * MONTH).abs() < 1.0 {
        (months as u32, "unitMonth", "unitMonths")
    } else {
        (days, "unitDay", "unitDays")
    };
    replace(
        &t(if count == 1 { one } else { many }),
        "{n}",
        &count.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui_text::english;

    fn summary() -> StoredSummary {
        StoredSummary {
            grade: Some('B'),
            sells_data: Answer::No,
            data_collected: vec!["email".into()],
            third_parties: vec!["Google Analytics".into()],
            longest_retention_days: Some(30),
            effective_date: Some("2024-01-01".into()),
            ..StoredSummary::default()
        }
    }

    fn words(before: &StoredSummary, after: &StoredSummary) -> Vec<String> {
        let t = |key: &str| english(key).to_string();
        diff(before, after).iter().map(|c| c.words(&t)).collect()
    }

    #[test]
    fn a_policy_that_started_selling_and_keeping_longer() {
        let after = StoredSummary {
            grade: Some('D'),
            sells_data: Answer::Yes,
            data_collected: vec!["email".into(), "location".into(), "device_id".into()],
            third_parties: vec!["Google Analytics".into(), "Meta Pixel".into()],
            longest_retention_days: Some(3 * 365),
            effective_date: Some("2025-03-01".into()),
            ..summary()
        };
        assert_eq!(
            words(&summary(), &after),
            vec![
                "Grade went from B to D",
                "Now says it sells your data",
                "Now collects location, device id",
                "Now names Meta Pixel",
                "Longest stated retention went from 30 days to 3 years",
            ]
        );
    }

    #[test]
    fn the_same_summary_with_a_new_date_says_only_that() {
        let after = StoredSummary {
            effective_date: Some("2025-03-01".into()),
            ..summary()
        };
        assert_eq!(
            words(&summary(), &after),
            vec!["Updated on 2025-03-01; the summary is the same"]
        );
        assert!(diff(&summary(), &summary()).is_empty());
    }

    #[test]
    fn answers_without_words_and_missing_values_are_not_told() {
        let after = StoredSummary {
            grade: None,
            sells_data: Answer::Unclear,
            international_transfer: Answer::No,
            data_collected: vec![],
            longest_retention_days: None,
            ..summary()
        };
        assert!(diff(&summary(), &after).is_empty());
    }

    #[test]
    fn periods_in_the_largest_whole_unit() {
        let t = |key: &str| english(key).to_string();
        assert_eq!(period(365, &t), "1 year");
        assert_eq!(period(183, &t), "6 months");
        assert_eq!(period(180, &t), "180 days");
        assert_eq!(period(45, &t), "45 days");
        assert_eq!(period(1, &t), "1 day");
    }

    #[test]
    fn every_change_reads_back_from_its_json() {
        let changes = vec![
            Change::Grade { from: 'B', to: 'D' },
            Change::Answer {
                fact: "sells_data".into(),
                now: Answer::Yes,
            },
            Change::NewData {
                ids: vec!["email".into()],
            },
            Change::NewThirdParties {
                names: vec!["Adobe".into()],
            },
            Change::Retention {
                from_days: 30,
                to_days: 365,
            },
            Change::UpdatedOnly {
                date: "2025-03-01".into(),
            },
        ];
        let json = serde_json::to_string(&changes).unwrap();
        assert!(
            json.starts_with(r#"[{"change":"grade","from":"B","to":"D"},"#),
            "{json}"
        );
        let read: Vec<Change> = serde_json::from_str(&json).unwrap();
        assert_eq!(read, changes);
        for bad in [r#"{"change":"grade","from":"B"}"#, r#"{"change":"moved"}"#] {
            assert!(serde_json::from_str::<Change>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn summaries_stored_by_earlier_versions_still_read() {
        let stored = r#"{"grade":"C","sells_data":"no","targeted_advertising":"yes",
            "international_transfer":"not_mentioned","law_enforcement_disclosure":"unclear",
            "data_collected":["email"],"third_parties":[],"longest_retention_days":null,
            "effective_date":null,"seen":1733000000000}"#;
        let summary: StoredSummary = serde_json::from_str(stored).expect("old summary");
        assert_eq!(summary.grade, Some('C'));
        assert_eq!(summary.targeted_advertising, Answer::Yes);
    }
}
