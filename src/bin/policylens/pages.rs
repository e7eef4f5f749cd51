//! `policylens eval pages`: detection precision and recall on a labelled page manifest, and
//! (`--cv K`) the detection weights chosen by cross-validation grouped by service
//! (`policylens::eval::pages`).
//!
//! Rows with a non-empty `flags` column have doubtful labels and are skipped. The manifest has
//! no URLs, so every page is read with an empty URL: URL signals are not measured here, and the
//! file path is never used as a signal (it names the label).

use std::path::Path;

use policylens::detect::{Weights, WEIGHTS};
use policylens::eval::pages::{cross_validate, shipped, Labelled, Tally};
use policylens::train::metrics::{round4, Spread};
use serde_json::{json, Value};

use crate::csv::Table;
use crate::input::{decode, read_file};

/// The manifest's pages (doubtful rows skipped), measured once, and what could not be read.
struct Manifest {
    pages: Vec<Labelled>,
    skipped: usize,
    unreadable: Vec<String>,
}

fn read_manifest(manifest: &str) -> Result<Manifest, String> {
    let bytes = read_file(Path::new(manifest))?;
    let text = decode(&bytes, manifest)?;
    let folder = Path::new(manifest).parent().unwrap_or(Path::new("."));
    let table = Table::parse(&text, manifest)?;
    let (path_col, kind_col) = (table.column("path")?, table.column("kind")?);
    let flags_col = table.optional_column("flags");
    let mut read = Manifest {
        pages: Vec::new(),
        skipped: 0,
        unreadable: Vec::new(),
    };
    for row in &table.records {
        let (Some(path), Some(kind)) = (row.get(path_col), row.get(kind_col)) else {
            continue; // blank or short line
        };
        if flags_col
            .and_then(|c| row.get(c))
            .is_some_and(|f| !f.is_empty())
        {
            read.skipped += 1;
            continue;
        }
        // An unreadable or empty document is an empty page: what a browser would show.
        let document = read_file(&folder.join(path))
            .and_then(|b| decode(&b, path))
            .unwrap_or_else(|e| {
                read.unreadable.push(e);
                String::new()
            });
        let name = path.trim_end_matches(".gz").to_ascii_lowercase();
        let page = policylens::read::document(&document, &name, "");
        read.pages.push(Labelled {
            path: path.clone(),
            kind: kind.clone(),
            measurement: policylens::analyzer().measure(&page),
        });
    }
    Ok(read)
}

pub fn eval(manifest: &str) -> Result<Value, String> {
    let read = read_manifest(manifest)?;
    let outcome = shipped(&read.pages);
    let false_positives: Vec<Value> = outcome
        .false_positives
        .iter()
        .map(|(i, detection)| {
            let page = &read.pages[*i];
            json!({"path": page.path, "kind": page.kind, "signals": detection.signals})
        })
        .collect();
    let false_negatives: Vec<Value> = outcome
        .false_negatives
        .iter()
        .map(|(i, detection)| {
            let page = &read.pages[*i];
            json!({"path": page.path, "detected": detection.kind.as_str(), "signals": detection.signals})
        })
        .collect();
    let (precision, recall, f1) = outcome.tally.prf();
    Ok(json!({
        "pages": read.pages.len(),
        "precision": round4(precision),
        "recall": round4(recall),
        "f1": round4(f1),
        "flagged_as_policy_by_kind": outcome.tally.flagged_by_kind(),
        "detected_kind_by_kind": outcome.detected_by_kind,
        "skipped_flagged": read.skipped,
        "unreadable": read.unreadable,
        "false_positives": false_positives,
        "false_negatives": false_negatives,
    }))
}

fn weights_json(w: &Weights) -> Value {
    let value = |x: f32| round4(f64::from(x));
    json!({
        "threshold": value(w.threshold),
        "privacy_density_full": value(w.privacy_density_full),
        "negative_penalty": value(w.negative_penalty),
        "short_body": value(w.short_body),
        "self_terms_excess": value(w.self_terms_excess),
    })
}

/// `eval pages --cv K`: per fold of services (sorted service names dealt in turn), the
/// weights chosen on the other folds score the held-out pages; the shipped weights are scored
/// on the same folds for comparison.
pub fn cross_validated(manifest: &str, folds: usize) -> Result<Value, String> {
    if folds < 2 {
        return Err("--cv needs at least 2 folds".to_string());
    }
    let read = read_manifest(manifest)?;
    let cv = cross_validate(&read.pages, folds)?;
    let summary = |(per_fold, pooled): &(Vec<(f64, f64, f64)>, Tally)| {
        let of = |get: fn(&(f64, f64, f64)) -> f64| {
            Spread::of(&per_fold.iter().map(get).collect::<Vec<_>>())
        };
        json!({
            "precision": of(|m| m.0),
            "recall": of(|m| m.1),
            "f1": of(|m| m.2),
            "flagged_as_policy_by_kind": pooled.flagged_by_kind(),
        })
    };
    Ok(json!({
        "folds": folds,
        "pages": read.pages.len(),
        "services": cv.services,
        "chosen_weights": summary(&cv.chosen),
        "shipped_weights": summary(&cv.shipped),
        "chosen_per_fold": cv.chosen_per_fold.iter().map(weights_json).collect::<Vec<_>>(),
        "chosen_on_all_pages": weights_json(&cv.chosen_on_all_pages),
        "shipped": weights_json(&WEIGHTS),
    }))
}
