//! `policylens eval pages`: detection precision and recall on a labelled page manifest.
//!
//! Positive = manifest kind `privacy_policy`; predicted positive = detected kind
//! `privacy_policy`. A page detected as `cookie_policy` (which `is_policy` also covers) is not
//! counted as flagged: the badge says "cookie policy", not "privacy policy".
//! Rows with a non-empty `flags` column have doubtful labels and are skipped. The manifest has
//! no URLs, so every page is read with an empty URL: URL signals are not measured here, and the
//! file path is never used as a signal (it names the label).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use crate::csv::Table;
use crate::input::{decode, read_file};

const POSITIVE: &str = "privacy_policy";

/// Counts for one manifest kind.
#[derive(Default)]
struct KindCounts {
    total: usize,
    flagged: usize,
    detected: BTreeMap<&'static str, usize>,
}

pub fn eval(manifest: &str) -> Result<Value, String> {
    let bytes = read_file(Path::new(manifest))?;
    let text = decode(&bytes, manifest)?;
    let folder = Path::new(manifest).parent().unwrap_or(Path::new("."));
    let table = Table::parse(&text, manifest)?;
    let (path_col, kind_col) = (table.column("path")?, table.column("kind")?);
    let flags_col = table.optional_column("flags");
    let rows = table.records.into_iter();

    let mut by_kind: BTreeMap<String, KindCounts> = BTreeMap::new();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let (mut skipped, mut unreadable) = (0usize, Vec::new());
    let mut false_positives = Vec::new();
    let mut false_negatives = Vec::new();
    for row in rows {
        let (Some(path), Some(kind)) = (row.get(path_col), row.get(kind_col)) else {
            continue; // blank or short line
        };
        if flags_col
            .and_then(|c| row.get(c))
            .is_some_and(|f| !f.is_empty())
        {
            skipped += 1;
            continue;
        }
        let file = folder.join(path);
        // An unreadable or empty document is an empty page: what a browser would show.
        let document = read_file(&file)
            .and_then(|b| decode(&b, path))
            .unwrap_or_else(|e| {
                unreadable.push(e);
                String::new()
            });
        let name = path.trim_end_matches(".gz").to_ascii_lowercase();
        let page = policylens::read::document(&document, &name, "");
        let detection = policylens::detect(&page);
        let predicted = detection.kind.as_str() == POSITIVE;
        let actual = kind == POSITIVE;
        match (actual, predicted) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                false_positives
                    .push(json!({"path": path, "kind": kind, "signals": detection.signals}));
            }
            (true, false) => {
                fn_ += 1;
                false_negatives.push(json!({"path": path, "detected": detection.kind.as_str(), "signals": detection.signals}));
            }
            (false, false) => {}
        }
        let counts = by_kind.entry(kind.clone()).or_default();
        counts.total += 1;
        counts.flagged += usize::from(predicted);
        *counts.detected.entry(detection.kind.as_str()).or_default() += 1;
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
    let pages: usize = by_kind.values().map(|c| c.total).sum();
    Ok(json!({
        "pages": pages,
        "precision": round(precision),
        "recall": round(recall),
        "f1": round(f1),
        "flagged_as_policy_by_kind": by_kind
            .iter()
            .map(|(k, c)| (k.clone(), json!(format!("{}/{}", c.flagged, c.total))))
            .collect::<serde_json::Map<_, _>>(),
        "detected_kind_by_kind": by_kind
            .iter()
            .map(|(k, c)| (k.clone(), json!(c.detected)))
            .collect::<serde_json::Map<_, _>>(),
        "skipped_flagged": skipped,
        "unreadable": unreadable,
        "false_positives": false_positives,
        "false_negatives": false_negatives,
    }))
}
