//! `policylens eval segments`: per-category precision, recall and F1 on OPP-115 segments, and
//! the segments reader shared with `policylens train`.

use std::ops::Range;

use policylens::classify::Classifier;
use policylens::text::{normalize, Segment};
use policylens::Category;
use serde_json::{json, Map, Value};

use crate::csv::Table;
use crate::input;

/// One labelled segment of the segments file.
pub struct Row {
    pub policy_id: String,
    pub text: String,
    /// Gold categories (`labels_majority`), as a membership table in `Category::ALL` order.
    pub gold: [bool; 10],
}

/// Reads the segments file, keeping the rows of `split` (all rows when `None`).
pub fn read(path: &str, split: Option<&str>) -> Result<Vec<Row>, String> {
    let bytes = input::read_file(std::path::Path::new(path))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text"))?;
    let table = Table::parse(&text, path)?;
    let columns = [
        table.column("policy_id")?,
        table.column("split")?,
        table.column("text")?,
        table.column("labels_majority")?,
    ];
    let mut rows = Vec::new();
    for (n, record) in table.records.iter().enumerate() {
        let record_no = n + 2;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let [policy_id, row_split, text, labels] = columns.map(|i| record.get(i));
        let (Some(policy_id), Some(row_split), Some(text), Some(labels)) =
            (policy_id, row_split, text, labels)
        else {
            return Err(format!(
                "{path}: record {record_no} has {} fields, the header has {}",
                record.len(),
                table.width()
            ));
        };
        if split.is_some_and(|s| s != row_split) {
            continue;
        }
        rows.push(Row {
            policy_id: policy_id.clone(),
            text: text.clone(),
            gold: parse_labels(labels).map_err(|e| format!("{path}: record {record_no}: {e}"))?,
        });
    }
    if rows.is_empty() {
        return Err(match split {
            Some(s) => format!("{path}: no segments with split `{s}`"),
            None => format!("{path}: no segments"),
        });
    }
    Ok(rows)
}

/// A JSON list of OPP-115 category names, e.g. `["Data Security"]`.
fn parse_labels(field: &str) -> Result<[bool; 10], String> {
    let names: Vec<String> = serde_json::from_str(field)
        .map_err(|_| format!("labels_majority is not a JSON list of names: {field:.80}"))?;
    let mut gold = [false; 10];
    for name in names {
        let category =
            Category::from_label(&name).ok_or_else(|| format!("unknown category name {name:?}"))?;
        gold[category.index()] = true;
    }
    Ok(gold)
}

/// Index ranges of the rows of each policy. The segments file lists a policy's segments
/// together, in document order, so a range is a page's clauses in order.
pub fn policy_runs(rows: &[Row]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if rows[run.start].policy_id == row.policy_id => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// Predicted categories of one policy's segments, as the analyzer would assign them to a page.
pub fn predict_policy(classifier: &Classifier, rows: &[Row]) -> Vec<[bool; 10]> {
    let segments: Vec<Segment> = rows
        .iter()
        .map(|row| Segment {
            block: 0,
            text: normalize(&row.text),
            heading: None,
            lead_in: None,
        })
        .collect();
    classifier
        .classify_page(&segments)
        .iter()
        .map(|labels| {
            let mut predicted = [false; 10];
            for category in &labels.categories {
                predicted[category.index()] = true;
            }
            predicted
        })
        .collect()
}

/// Per-category and micro/macro scores of predictions against gold labels.
pub fn metrics(gold: &[[bool; 10]], predicted: &[[bool; 10]]) -> Value {
    let mut per_category = Map::new();
    let (mut tp_all, mut fp_all, mut fn_all) = (0usize, 0usize, 0usize);
    let mut f1_sum = 0.0;
    for category in Category::ALL {
        let i = category.index();
        let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
        for (g, p) in gold.iter().zip(predicted) {
            match (g[i], p[i]) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
        let (p, r, f1) = prf(tp, fp, fn_);
        f1_sum += f1;
        tp_all += tp;
        fp_all += fp;
        fn_all += fn_;
        per_category.insert(
            category.id().to_string(),
            json!({"p": p, "r": r, "f1": f1, "support": tp + fn_}),
        );
    }
    json!({
        "segments": gold.len(),
        "per_category": per_category,
        "micro_f1": prf(tp_all, fp_all, fn_all).2,
        "macro_f1": f1_sum / Category::ALL.len() as f64,
    })
}

/// Precision, recall and F1; each is 0 when its denominator is 0.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (
        ratio(tp, tp + fp),
        ratio(tp, tp + fn_),
        ratio(2 * tp, 2 * tp + fp + fn_),
    )
}

pub fn eval(data: &str, split: Option<&str>) -> Result<Value, String> {
    let rows = read(data, split)?;
    let classifier = Classifier::shipped();
    let gold: Vec<[bool; 10]> = rows.iter().map(|r| r.gold).collect();
    let predicted: Vec<[bool; 10]> = policy_runs(&rows)
        .into_iter()
        .flat_map(|run| predict_policy(&classifier, &rows[run]))
        .collect();
    Ok(metrics(&gold, &predicted))
}
