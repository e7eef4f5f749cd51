//! Report JSON, schema 1 (see DESIGN.md). Fields may be added, never renamed.

use serde::{Deserialize, Serialize};

pub use crate::lang::Language;

pub const SCHEMA: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    pub detection: Detection,
    pub grade: Option<char>,
    pub grade_reasons: Vec<GradeReason>,
    pub categories: Vec<CategorySummary>,
    pub clauses: Vec<Clause>,
    pub facts: Facts,
    pub summary: Vec<String>,
    /// Two or three words for the badge, from the most important summary line.
    pub headline: String,
    /// The clause each `summary` line came from, in the same order (null when none).
    pub summary_clauses: Vec<Option<usize>>,
    /// `summary` as messages of `extension/_locales`, for the UI to word in the person's
    /// language (`summary` holds the same lines worded in English).
    #[serde(default)]
    pub summary_messages: Vec<Message>,
    /// `headline` as a message of `extension/_locales` (null when the page is not a policy).
    #[serde(default)]
    pub headline_message: Option<Message>,
    /// True when the page was larger than the core reads and was cut.
    pub truncated: bool,
    /// The page's language; when it is not supported there is no grade, no facts claims and
    /// no category verdicts (reports stored before this field read as English).
    #[serde(default)]
    pub language: Language,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    PrivacyPolicy,
    CookiePolicy,
    Terms,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PrivacyPolicy => "privacy_policy",
            Kind::CookiePolicy => "cookie_policy",
            Kind::Terms => "terms",
            Kind::Other => "other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub is_policy: bool,
    pub kind: Kind,
    pub score: f32,
    pub signals: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeReason {
    pub rule: String,
    pub points: i32,
    pub clauses: Vec<usize>,
    /// good, neutral, bad or blocker (GRADING.md).
    #[serde(default)]
    pub severity: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategorySummary {
    pub id: String,
    pub label: String,
    pub clauses: Vec<usize>,
    pub summary: String,
    /// `summary` as a message of `extension/_locales`.
    #[serde(default)]
    pub summary_message: Message,
}

/// Words for the screen as the id of a message in `extension/_locales` and the values of its
/// `{name}` placeholders; the UI words it in the person's language (`ui_text::word`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
}

/// The value of placeholder `{name}` of a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Arg {
    pub name: String,
    pub value: ArgValue,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgValue {
    /// Shown as it is: a number, or a name from the policy.
    Text(String),
    /// Worded like any message.
    Message(Message),
    /// Items joined with commas; `more` items left out are counted after them.
    List { items: Vec<ArgValue>, more: usize },
}

impl Message {
    pub fn new(id: &str) -> Message {
        Message {
            id: id.to_string(),
            args: Vec::new(),
        }
    }

    /// Adds the value of placeholder `{name}`.
    pub fn with(mut self, name: &str, value: ArgValue) -> Message {
        self.args.push(Arg {
            name: name.to_string(),
            value,
        });
        self
    }

    /// Adds a plain text (or number) as placeholder `{name}`.
    pub fn with_text(self, name: &str, text: impl ToString) -> Message {
        self.with(name, ArgValue::Text(text.to_string()))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clause {
    pub index: usize,
    pub block: usize,
    pub text: String,
    pub categories: Vec<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub phrase: String,
    pub category: String,
    pub weight: f32,
}

/// yes / no / unclear / not_mentioned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    Unclear,
    #[default]
    NotMentioned,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeNotice {
    None,
    Posted,
    Email,
    Advance,
    #[default]
    NotMentioned,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Retention {
    pub text: String,
    pub days: Option<u32>,
    pub clause: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub effective_date: Option<String>,
    pub contacts: Vec<String>,
    pub data_collected: Vec<String>,
    pub third_parties: Vec<String>,
    pub sells_data: Answer,
    pub targeted_advertising: Answer,
    pub cookies: Answer,
    pub international_transfer: Answer,
    pub children_min_age: Option<u32>,
    pub retention: Vec<Retention>,
    pub user_rights: Vec<String>,
    pub frameworks: Vec<String>,
    pub law_enforcement_disclosure: Answer,
    pub change_notice: ChangeNotice,
    /// Kinds of cookies described: essential functional analytics advertising social.
    #[serde(default)]
    pub cookie_types: Vec<String>,
    /// Clauses behind each fact above, keyed by the fact's field name (and value id for lists).
    pub evidence: Vec<FactSource>,
}

/// Where a fact came from: `fact` is a field name, or `field:value` for list entries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactSource {
    pub fact: String,
    pub clauses: Vec<usize>,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unclear => "unclear",
            Answer::NotMentioned => "not_mentioned",
        }
    }
}
