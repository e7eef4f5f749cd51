//! `policylens eval segments`, and the labelled segments files it and `policylens train`
//! read: OPP-115 (`labels_majority`: OPP-115 category names, every category labelled) and
//! MAPP (`labels`: category ids, only first_party_collection and third_party_sharing
//! labelled; a segment without a practice is unlabelled for the rest, not `other`).

use policylens::train::metrics::Metrics;
use policylens::train::{cross_validate, Curated, Example, Settings};
use policylens::Category;
use serde_json::Value;

use crate::csv::Table;
use crate::input;

/// The categories MAPP labels.
const MAPP_CATEGORIES: [Category; 2] =
    [Category::FirstPartyCollection, Category::ThirdPartySharing];

/// Which rows of a segments file to read.
#[derive(Clone, Copy)]
pub struct Selection<'a> {
    /// Splits to keep (all when `None`).
    pub splits: Option<&'a [&'a str]>,
    /// Language to keep; a file without a `lang` column is English.
    pub lang: &'a str,
}

/// The two label formats.
enum Format {
    /// `labels_majority`: a JSON list of OPP-115 category names.
    Opp115,
    /// `labels`: a JSON list of category ids among `MAPP_CATEGORIES`.
    Mapp,
}

/// Reads a segments file (OPP-115 or MAPP format), keeping the rows `selection` picks.
pub fn read(path: &str, selection: Selection) -> Result<Vec<Example>, String> {
    let bytes = input::read_file(std::path::Path::new(path))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text"))?;
    let table = Table::parse(&text, path)?;
    let (format, labels) = match table.optional_column("labels_majority") {
        Some(at) => (Format::Opp115, at),
        None => match table.optional_column("labels") {
            Some(at) => (Format::Mapp, at),
            None => return Err(format!("{path}: no `labels_majority` column")),
        },
    };
    let columns = [
        table.column("policy_id")?,
        table.column("split")?,
        table.column("text")?,
        labels,
    ];
    let lang_column = table.optional_column("lang");
    let mut examples = Vec::new();
    for (n, record) in table.records.iter().enumerate() {
        let record_no = n + 2;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let [policy_id, split, text, labels] = columns.map(|i| record.get(i));
        let lang = lang_column.map_or(Some("en"), |i| record.get(i).map(String::as_str));
        let (Some(policy_id), Some(split), Some(text), Some(labels), Some(lang)) =
            (policy_id, split, text, labels, lang)
        else {
            return Err(format!(
                "{path}: record {record_no} has {} fields, the header has {}",
                record.len(),
                table.width()
            ));
        };
        let wanted_split = selection
            .splits
            .map_or(true, |s| s.contains(&split.as_str()));
        if !wanted_split || lang != selection.lang {
            continue;
        }
        let at_record = |e: String| format!("{path}: record {record_no}: {e}");
        examples.push(match format {
            Format::Opp115 => Example::new(
                policy_id,
                text,
                &parse_labels(labels, Category::from_label).map_err(at_record)?,
            ),
            Format::Mapp => Example::labelled_for(
                policy_id,
                text,
                &parse_labels(labels, mapp_category).map_err(at_record)?,
                &MAPP_CATEGORIES,
            ),
        });
    }
    if examples.is_empty() {
        let splits = selection.splits.map(|s| s.join(","));
        return Err(match splits {
            Some(s) => format!(
                "{path}: no segments with split `{s}` and lang `{}`",
                selection.lang
            ),
            None => format!("{path}: no segments with lang `{}`", selection.lang),
        });
    }
    Ok(examples)
}

fn mapp_category(id: &str) -> Option<Category> {
    Category::from_id(id).filter(|c| MAPP_CATEGORIES.contains(c))
}

/// A JSON list of category names, e.g. `["Data Security"]`, each read by `category`.
fn parse_labels(
    field: &str,
    category: impl Fn(&str) -> Option<Category>,
) -> Result<Vec<Category>, String> {
    let names: Vec<String> = serde_json::from_str(field)
        .map_err(|_| format!("labels are not a JSON list of names: {field:.80}"))?;
    names
        .iter()
        .map(|name| category(name).ok_or_else(|| format!("unknown category name {name:?}")))
        .collect()
}

/// `policylens eval segments`: the shipped lexicon of `lang` on the selected rows.
pub fn eval(data: &str, selection: Selection) -> Result<Metrics, String> {
    policylens::eval::segments::shipped(&read(data, selection)?, selection.lang)
}

/// `policylens eval segments --cv K`: K-fold cross-validation by policy of the trainer.
pub fn cross_validated(
    data: &[&str],
    selection: Selection,
    folds: usize,
    curated: &Curated,
) -> Result<Value, String> {
    if folds < 2 {
        return Err("--cv needs at least 2 folds".to_string());
    }
    let mut examples = Vec::new();
    for path in data {
        examples.extend(read(path, selection)?);
    }
    let result = cross_validate(
        &examples,
        curated,
        &Settings::for_language(selection.lang),
        folds,
    );
    serde_json::to_value(result).map_err(|e| e.to_string())
}
