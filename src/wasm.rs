//! The one wasm boundary: JS shapes in and out, every error turned into a JS `Error`.

use wasm_bindgen::prelude::*;

use crate::changes::{self, Change, ChangeFields, StoredSummary};
use crate::lang::Language;
use crate::page::{Block, Page};
use crate::read::Format;
use crate::report::{
    Answer, Arg, ArgValue, CategorySummary, ChangeNotice, Clause, Detection, Evidence, FactSource,
    Facts, GradeReason, Kind, Message, Report, Retention,
};

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
    let page: Page = from_js(page)?;
    #[cfg(feature = "fault-injection")]
    inject_fault(&page.title);
    to_js(&crate::analyze(&page))
}

/// The format of pasted text: `html`, `markdown` or `text` (the CLI's rule without a file
/// name). HTML is read by the browser's own parser and `extract.js`, never by the core.
#[wasm_bindgen(js_name = documentFormat)]
pub fn document_format(text: &str) -> String {
    Format::of(text, "").as_str().to_string()
}

/// Reads pasted plain text into a `Page` the way the CLI reads a `.txt` file.
#[wasm_bindgen(js_name = readText)]
pub fn read_text(text: &str, url: &str) -> Result<JsValue, JsError> {
    to_js(&crate::read::text::page_from_text(text, url))
}

/// The part of a Report kept per site for change alerts (`changes::StoredSummary`).
#[wasm_bindgen(js_name = storedSummary)]
pub fn stored_summary(report: JsValue) -> Result<JsValue, JsError> {
    let report: Report = from_js(report)?;
    to_js(&StoredSummary::of(&report))
}

/// What changed from the summary stored at the last visit to this one: a list of changes for
/// `renderDetails`. A stored summary that cannot be read (a damaged entry) compares as
/// nothing changed.
#[wasm_bindgen(js_name = compareSummaries)]
pub fn compare_summaries(before: JsValue, after: JsValue) -> Result<JsValue, JsError> {
    let after: StoredSummary = from_js(after)?;
    let changes = match from_js::<StoredSummary>(before) {
        Ok(before) => changes::diff(&before, &after),
        Err(_) => Vec::new(),
    };
    to_js(&changes)
}

/// Renders the details panel for a Report into `root`, with the `changes` since the last
/// visit (from `compareSummaries`; none when absent). `on_show_clause(index)` is called
/// when the person asks to see a clause in the page; `on_close()` when they close the panel;
/// `translate(key)` gives the panel's words in the person's language (English without it).
#[wasm_bindgen(js_name = renderDetails)]
pub fn render_details(
    root: &web_sys::Element,
    report: JsValue,
    changes: JsValue,
    on_show_clause: Option<js_sys::Function>,
    on_close: Option<js_sys::Function>,
    translate: Option<js_sys::Function>,
) -> Result<(), JsError> {
    let report: Report = from_js(report)?;
    let changes: Vec<Change> = if changes.is_undefined() || changes.is_null() {
        Vec::new()
    } else {
        from_js(changes)?
    };
    let actions = crate::ui::Actions {
        show_clause: on_show_clause,
        close: on_close,
        translate,
    };
    crate::ui::render(root, &report, &changes, &actions)
        .map_err(|e| JsError::new(&format!("{e:?}")))
}

/// Words a message of a Report (`headline_message`, an entry of `summary_messages`) with
/// `translate(key)` giving the words of a key in the person's language (English without it).
#[wasm_bindgen(js_name = wordMessage)]
pub fn word_message(
    message: JsValue,
    translate: Option<js_sys::Function>,
) -> Result<String, JsError> {
    let message: Message = from_js(message)?;
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

/// A value out, as the CLI writes it: one JSON string, read by the engine's `JSON.parse`.
/// serde-wasm-bindgen's writer made a call into JS per field: on a cold worker's first
/// analysis that cost more than the string (BENCHMARKS.md).
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    // Writing the core's types (derived, string map keys) cannot fail; were it to, the empty
    // string is not JSON and fails below, without the formatted error's code (-1.2 KB gzip).
    let json = serde_json::to_string(value).unwrap_or_default();
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("the core wrote JSON it cannot read"))
}

/// Reads a value JS hands in (the Page; a Report, a stored summary, changes or a message this
/// module made) as serde-wasm-bindgen reads it with the serde derives: a missing field is an
/// error unless the type has a default there (`None` for an `Option`), `null` and `undefined`
/// are `None`, unknown fields are left alone. Written out here because the derived readers and
/// serde-wasm-bindgen's deserializer cost the wasm ~14 KB gzip more. Each reader returns a
/// value even when the input is wrong (a stand-in) and notes the first error, so no partly
/// read struct has to be dropped on the way out.
fn from_js<T: FromJs>(value: JsValue) -> Result<T, JsError> {
    let mut error = None;
    let read = T::from_js(value, &mut error);
    match error {
        None => Ok(read),
        Some(e) => Err(JsError::new(&e)),
    }
}

/// The first error met while reading.
type Error = Option<String>;

fn note(error: &mut Error, message: String) {
    error.get_or_insert(message);
}

trait FromJs: Sized {
    fn from_js(value: JsValue, error: &mut Error) -> Self;

    /// The value of a field the object lacks.
    fn missing(name: &str, error: &mut Error) -> Self {
        note(error, format!("missing field `{name}`"));
        Self::from_js(JsValue::UNDEFINED, &mut None)
    }
}

thread_local! {
    /// The JS strings of field names read so far, by the address of the name.
    static KEYS: std::cell::RefCell<Vec<(usize, JsValue)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `read(key)` with field name `name` as a JS string, made once per name: a page's blocks
/// would otherwise make three strings each.
fn with_key<R>(name: &'static str, read: impl FnOnce(&JsValue) -> R) -> R {
    KEYS.with_borrow_mut(|keys| {
        let at = match keys
            .iter()
            .position(|(address, _)| *address == name.as_ptr() as usize)
        {
            Some(at) => at,
            None => {
                keys.push((name.as_ptr() as usize, JsValue::from_str(name)));
                keys.len() - 1
            }
        };
        read(&keys[at].1)
    })
}

/// A JS object's fields (none when the value is not an object).
struct Fields(JsValue);

impl Fields {
    fn of(value: JsValue, what: &str, error: &mut Error) -> Fields {
        if value.is_object() && !js_sys::Array::is_array(&value) {
            Fields(value)
        } else {
            note(error, format!("invalid type: expected {what}"));
            Fields(JsValue::UNDEFINED)
        }
    }

    /// A field's value; none when the object lacks it (an `undefined` it holds is a value).
    fn get(&self, name: &'static str) -> Option<JsValue> {
        with_key(name, |key| {
            let value = js_sys::Reflect::get(&self.0, key).unwrap_or(JsValue::UNDEFINED);
            match value.is_undefined() && !js_sys::Reflect::has(&self.0, key).unwrap_or(false) {
                true => None,
                false => Some(value),
            }
        })
    }

    fn field<T: FromJs>(&self, name: &'static str, error: &mut Error) -> T {
        match self.get(name) {
            None => T::missing(name, error),
            Some(value) => T::from_js(value, error),
        }
    }

    /// A field with `#[serde(default)]`.
    fn or_default<T: FromJs + Default>(&self, name: &'static str, error: &mut Error) -> T {
        match self.get(name) {
            None => T::default(),
            Some(value) => T::from_js(value, error),
        }
    }
}

/// `found`, or the error that the value is not `what` and `T`'s stand-in.
fn expect<T: Default>(found: Option<T>, what: &str, error: &mut Error) -> T {
    found.unwrap_or_else(|| {
        note(error, format!("invalid type: expected {what}"));
        T::default()
    })
}

/// A JS number that is a safe integer in `T`'s range, as serde-wasm-bindgen reads integers.
fn integer<T: TryFrom<i64> + Default>(value: &JsValue, error: &mut Error) -> T {
    let n = js_sys::Number::is_safe_integer(value).then(|| value.as_f64().unwrap_or(0.0) as i64);
    expect(
        n.and_then(|n| T::try_from(n).ok()),
        "an integer in range",
        error,
    )
}

impl FromJs for String {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        expect(value.as_string(), "a string", error)
    }
}

impl FromJs for bool {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        expect(value.as_bool(), "a boolean", error)
    }
}

impl FromJs for char {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        let text = value.as_string().unwrap_or_default();
        let mut chars = text.chars();
        let one = chars.next().filter(|_| chars.next().is_none());
        expect(one, "a character", error)
    }
}

impl FromJs for f32 {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        expect(value.as_f64().map(|n| n as f32), "a number", error)
    }
}

impl FromJs for i32 {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        integer(&value, error)
    }
}

impl FromJs for u8 {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        integer(&value, error)
    }
}

impl FromJs for u32 {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        integer(&value, error)
    }
}

impl FromJs for usize {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        integer(&value, error)
    }
}

impl<T: FromJs> FromJs for Option<T> {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        match value.is_null() || value.is_undefined() {
            true => None,
            false => Some(T::from_js(value, error)),
        }
    }

    fn missing(_: &str, _: &mut Error) -> Self {
        None
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        let mut list = Vec::new();
        for_each_item(value, error, &mut |item, error| {
            list.push(T::from_js(item, error))
        });
        list
    }
}

/// Calls `read` with each item of a JS array, in order: the part of every `Vec<T>` reader
/// that is the same for all `T`, so the wasm holds it once.
fn for_each_item(value: JsValue, error: &mut Error, read: &mut dyn FnMut(JsValue, &mut Error)) {
    match value.dyn_into::<js_sys::Array>() {
        Ok(list) => list.iter().for_each(|item| read(item, error)),
        Err(_) => note(error, "invalid type: expected a sequence".to_string()),
    }
}

/// A unit variant, written as its name (`rename_all = "snake_case"`); the last one stands in.
fn variant<T: Copy>(value: JsValue, variants: &[(&str, T)], error: &mut Error) -> T {
    let name = value.as_string().unwrap_or_default();
    match variants.iter().find(|(id, _)| *id == name) {
        Some(&(_, found)) => found,
        None => {
            note(error, format!("unknown variant `{name}`"));
            variants[variants.len() - 1].1
        }
    }
}

impl FromJs for Kind {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        let kinds = [
            Kind::PrivacyPolicy,
            Kind::CookiePolicy,
            Kind::Terms,
            Kind::Other,
        ];
        variant(value, &kinds.map(|k| (k.as_str(), k)), error)
    }
}

impl FromJs for Answer {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        let answers = [
            Answer::Yes,
            Answer::No,
            Answer::Unclear,
            Answer::NotMentioned,
        ];
        variant(value, &answers.map(|a| (a.as_str(), a)), error)
    }
}

impl FromJs for ChangeNotice {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        let notices = [
            ("none", ChangeNotice::None),
            ("posted", ChangeNotice::Posted),
            ("email", ChangeNotice::Email),
            ("advance", ChangeNotice::Advance),
            ("not_mentioned", ChangeNotice::NotMentioned),
        ];
        variant(value, &notices, error)
    }
}

/// `ArgValue` is externally tagged: `{"text": ...}`, `{"message": ...}` or `{"list": ...}`.
impl FromJs for ArgValue {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        let fields = Fields::of(value, "enum ArgValue", error);
        let keys = js_sys::Object::keys(fields.0.unchecked_ref::<js_sys::Object>());
        let tag = match keys.length() {
            1 => keys.get(0).as_string().unwrap_or_default(),
            _ => String::new(),
        };
        match tag.as_str() {
            "text" => ArgValue::Text(fields.field("text", error)),
            "message" => ArgValue::Message(fields.field("message", error)),
            "list" => {
                let list = fields.get("list").unwrap_or(JsValue::UNDEFINED);
                let list = Fields::of(list, "struct variant ArgValue::List", error);
                ArgValue::List {
                    items: list.field("items", error),
                    more: list.field("more", error),
                }
            }
            _ => {
                note(error, "invalid type: expected enum ArgValue".to_string());
                ArgValue::Text(String::new())
            }
        }
    }
}

impl FromJs for Change {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        Change::try_from(ChangeFields::from_js(value, error)).unwrap_or_else(|e| {
            note(error, e);
            Change::UpdatedOnly {
                date: String::new(),
            }
        })
    }
}

/// `FromJs` for a struct: each field read with `field`, or with `or_default` where the serde
/// derive has `#[serde(default)]` (after `;`).
macro_rules! from_js_struct {
    ($type:ident { $($field:ident),* $(; $($default:ident),*)? }) => {
        impl FromJs for $type {
            fn from_js(value: JsValue, error: &mut Error) -> Self {
                let fields = Fields::of(value, concat!("struct ", stringify!($type)), error);
                $type {
                    $($field: fields.field(stringify!($field), error),)*
                    $($($default: fields.or_default(stringify!($default), error),)*)?
                }
            }
        }
    };
}

impl FromJs for Page {
    fn from_js(value: JsValue, error: &mut Error) -> Self {
        let fields = Fields::of(value, "struct Page", error);
        Page {
            url: fields.or_default("url", error),
            title: fields.or_default("title", error),
            lang: fields.or_default("lang", error),
            blocks: match fields.get("blocks") {
                None => Vec::new(),
                Some(blocks) => read_blocks(blocks, error),
            },
        }
    }
}

#[wasm_bindgen(inline_js = r#"
export function packBlocks(blocks) {
  if (!Array.isArray(blocks)) return undefined;
  const texts = new Array(blocks.length);
  const tags = new Array(blocks.length);
  const levels = new Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (typeof block !== 'object' || block === null || Array.isArray(block)) return undefined;
    const { text, tag, level } = block;
    if (typeof text !== 'string' || text.includes('\0')) return undefined;
    if (typeof tag === 'string' ? tag.includes('\0') : 'tag' in block) return undefined;
    const plain = Number.isSafeInteger(level) && level >= 0 && level <= 255;
    if (!plain && 'level' in block) return undefined;
    texts[i] = text;
    tags[i] = tag ?? '';
    levels[i] = String.fromCharCode(plain ? level : 0);
  }
  return { texts: texts.join('\0'), tags: tags.join('\0'), levels: levels.join('') };
}
"#)]
extern "C" {
    /// A page's blocks as `{texts, tags, levels}`: the texts and tags each joined by NUL, the
    /// levels as one string of char codes 0-255; `undefined` unless every block is one that
    /// `Block::from_js` reads without an error and no text or tag holds a NUL.
    #[wasm_bindgen(js_name = packBlocks)]
    fn pack_blocks(blocks: &JsValue) -> JsValue;
}

/// A page's blocks. Plain blocks cross the boundary packed, in three values instead of about
/// three per block; anything else is read field by field, which words the error.
fn read_blocks(blocks: JsValue, error: &mut Error) -> Vec<Block> {
    let packed = pack_blocks(&blocks);
    if packed.is_undefined() {
        return Vec::from_js(blocks, error);
    }
    let field = |name| with_key(name, |key| js_sys::Reflect::get(&packed, key).ok());
    let text_of = |name| field(name).and_then(|value| value.as_string());
    let [texts, tags, levels] =
        ["texts", "tags", "levels"].map(|name| text_of(name).unwrap_or_default());
    texts
        .split('\0')
        .zip(tags.split('\0'))
        .zip(levels.chars())
        .map(|((text, tag), level)| Block {
            text: text.to_string(),
            tag: tag.to_string(),
            level: level as u8,
        })
        .collect()
}

from_js_struct!(Block { text; tag, level });
from_js_struct!(Report {
    schema, detection, grade, grade_reasons, categories, clauses, facts, summary, headline,
    summary_clauses, truncated; summary_messages, headline_message, language
});
from_js_struct!(Detection {
    is_policy,
    kind,
    score,
    signals
});
from_js_struct!(GradeReason { rule, points, clauses; severity });
from_js_struct!(CategorySummary { id, label, clauses, summary; summary_message });
from_js_struct!(Message { id; args });
from_js_struct!(Arg { name, value });
from_js_struct!(Clause {
    index,
    block,
    text,
    categories,
    evidence
});
from_js_struct!(Evidence {
    phrase,
    category,
    weight
});
from_js_struct!(Retention { text, days, clause });
from_js_struct!(Facts {
    effective_date, contacts, data_collected, third_parties, sells_data, targeted_advertising,
    cookies, international_transfer, children_min_age, retention, user_rights, frameworks,
    law_enforcement_disclosure, change_notice, evidence; cookie_types
});
from_js_struct!(FactSource { fact, clauses });
from_js_struct!(Language { code, supported });
from_js_struct!(ChangeFields {
    change,
    from,
    to,
    fact,
    now,
    ids,
    names,
    from_days,
    to_days,
    date
});
// `#[serde(default)]` on the whole struct: every field may be missing.
from_js_struct!(StoredSummary {
    ; grade, sells_data, targeted_advertising, international_transfer,
    law_enforcement_disclosure, data_collected, third_parties, longest_retention_days,
    effective_date
});
