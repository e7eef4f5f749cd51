//! `policylens eval pages`: detection precision and recall on a labelled page manifest, and
//! (`--cv K`) the detection weights chosen by cross-validation grouped by service.
//!
//! Positive = manifest kind `privacy_policy`; predicted positive = detected kind
//! `privacy_policy`. A page detected as `cookie_policy` (which `is_policy` also covers) is not
//! counted as flagged: the badge says "cookie policy", not "privacy policy".
//! Rows with a non-empty `flags` column have doubtful labels and are skipped. The manifest has
//! no URLs, so every page is read with an empty URL: URL signals are not measured here, and the
//! file path is never used as a signal (it names the label).

use std::collections::BTreeMap;
use std::path::Path;

use policylens::detect::{Measurement, Weights, WEIGHTS};
use policylens::train::metrics::{prf, Spread};
use serde_json::{json, Value};

use crate::csv::Table;
use crate::input::{decode, read_file};

const POSITIVE: &str = "privacy_policy";

/// One labelled page, measured.
struct Labelled {
    path: String,
    kind: String,
    measurement: Measurement,
}

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

/// Flagged and total pages per manifest kind, and the confusion counts, under `weights`.
#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    by_kind: BTreeMap<String, (usize, usize)>,
}

impl Tally {
    fn of<'a>(pages: impl Iterator<Item = &'a Labelled>, weights: &Weights) -> Tally {
        let mut tally = Tally::default();
        for page in pages {
            let predicted = page.measurement.kind(weights).0.as_str() == POSITIVE;
            tally.add(&page.kind, predicted);
        }
        tally
    }

    fn add(&mut self, kind: &str, predicted: bool) {
        match (kind == POSITIVE, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
        let counts = self.by_kind.entry(kind.to_string()).or_default();
        counts.0 += usize::from(predicted);
        counts.1 += 1;
    }

    fn flagged_by_kind(&self) -> Value {
        self.by_kind
            .iter()
            .map(|(k, (flagged, total))| (k.clone(), json!(format!("{flagged}/{total}"))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }

    /// Acceptable for shipping: no ordinary page flagged, at most 1% of terms pages.
    fn acceptable(&self) -> bool {
        let (other, _) = self.by_kind.get("other").copied().unwrap_or_default();
        let (terms, total) = self.by_kind.get("terms").copied().unwrap_or_default();
        other == 0 && terms * 100 <= total
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

pub fn eval(manifest: &str) -> Result<Value, String> {
    let read = read_manifest(manifest)?;
    let mut tally = Tally::default();
    let mut by_kind: BTreeMap<&str, BTreeMap<&'static str, usize>> = BTreeMap::new();
    let mut false_positives = Vec::new();
    let mut false_negatives = Vec::new();
    for Labelled {
        path,
        kind,
        measurement,
    } in &read.pages
    {
        let detection = measurement.clone().decide(&WEIGHTS);
        let predicted = detection.kind.as_str() == POSITIVE;
        match (kind == POSITIVE, predicted) {
            (false, true) => false_positives
                .push(json!({"path": path, "kind": kind, "signals": detection.signals})),
            (true, false) => false_negatives.push(json!({"path": path, "detected": detection.kind.as_str(), "signals": detection.signals})),
            _ => {}
        }
        tally.add(kind, predicted);
        *by_kind
            .entry(kind)
            .or_default()
            .entry(detection.kind.as_str())
            .or_default() += 1;
    }
    let (precision, recall, f1) = prf(tally.tp, tally.fp, tally.fn_);
    Ok(json!({
        "pages": read.pages.len(),
        "precision": round4(precision),
        "recall": round4(recall),
        "f1": round4(f1),
        "flagged_as_policy_by_kind": tally.flagged_by_kind(),
        "detected_kind_by_kind": by_kind,
        "skipped_flagged": read.skipped,
        "unreadable": read.unreadable,
        "false_positives": false_positives,
        "false_negatives": false_negatives,
    }))
}

/// The service a manifest path belongs to, so that no service is in two folds: the service
/// folder of ToSBack and Open Terms Archive copies (`tosback_versions/<service>/...`,
/// `ota_versions/<collection>/<service>/...`), the file name of a CLAUDETTE terms file (one
/// per service, in several languages), the domain or app id after `<number>_` of an OPP-115
/// or MAPP policy; every other page (news, articles, products) is its own service. Names are
/// compared lower-cased, letters and digits only, with a leading `www` dropped.
fn service(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let stem = |name: &str| name.split('.').next().unwrap_or(name).to_string();
    let raw = match parts.as_slice() {
        ["tosback_versions", service, ..] | ["ota_versions", _, service, ..] => service.to_string(),
        ["negatives", "claudette_multilingual_tos", .., file] => stem(file),
        ["opp115" | "mapp", .., file] => {
            let name = file.split_once('_').map_or(*file, |(_, rest)| rest);
            let name = name.strip_prefix("www.").unwrap_or(name);
            name.rsplit_once('.')
                .map_or(name, |(base, _)| base)
                .to_string()
        }
        _ => return path.to_string(),
    };
    let folded: String = raw
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    folded.strip_prefix("www").unwrap_or(&folded).to_string()
}

/// The weights tried: the shipped ones first, then a grid around them.
fn candidates() -> Vec<Weights> {
    let mut all = vec![WEIGHTS];
    for threshold in [0.4, 0.45, 0.5] {
        for privacy_density_full in [20.0, 25.0] {
            for negative_penalty in [0.05, 0.1, 0.15] {
                for short_body in [0.5, 0.75] {
                    for self_terms_excess in [0.15, 0.3] {
                        all.push(Weights {
                            threshold,
                            privacy_density_full,
                            negative_penalty,
                            short_body,
                            self_terms_excess,
                        });
                    }
                }
            }
        }
    }
    all
}

/// The candidate with the best F1 on `pages` among the acceptable ones (the first on ties,
/// so the shipped weights stay unless another set does better).
fn choose(pages: &[&Labelled], candidates: &[Weights]) -> Weights {
    let mut best = (-1.0, WEIGHTS);
    for weights in candidates {
        let tally = Tally::of(pages.iter().copied(), weights);
        let f1 = prf(tally.tp, tally.fp, tally.fn_).2;
        if tally.acceptable() && f1 > best.0 {
            best = (f1, *weights);
        }
    }
    best.1
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
    let services: Vec<String> = read.pages.iter().map(|p| service(&p.path)).collect();
    let mut sorted: Vec<&str> = services.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let fold: Vec<usize> = services
        .iter()
        .map(|s| sorted.binary_search(&s.as_str()).unwrap_or(0) % folds)
        .collect();
    let candidates = candidates();
    let mut chosen = Vec::new();
    let (mut tuned, mut shipped) = (Vec::new(), Vec::new());
    let (mut tuned_all, mut shipped_all) = (Tally::default(), Tally::default());
    for k in 0..folds {
        let part = |inside: bool| -> Vec<&Labelled> {
            (0..read.pages.len())
                .filter(|&i| (fold[i] == k) == inside)
                .map(|i| &read.pages[i])
                .collect()
        };
        let weights = choose(&part(false), &candidates);
        chosen.push(weights_json(&weights));
        let held_out = part(true);
        for (w, per_fold, pooled) in [
            (&weights, &mut tuned, &mut tuned_all),
            (&WEIGHTS, &mut shipped, &mut shipped_all),
        ] {
            let tally = Tally::of(held_out.iter().copied(), w);
            per_fold.push(prf(tally.tp, tally.fp, tally.fn_));
            for page in &held_out {
                pooled.add(&page.kind, page.measurement.kind(w).0.as_str() == POSITIVE);
            }
        }
    }
    let summary = |per_fold: &[(f64, f64, f64)], pooled: &Tally| {
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
    let every: Vec<&Labelled> = read.pages.iter().collect();
    Ok(json!({
        "folds": folds,
        "pages": read.pages.len(),
        "services": sorted.len(),
        "chosen_weights": summary(&tuned, &tuned_all),
        "shipped_weights": summary(&shipped, &shipped_all),
        "chosen_per_fold": chosen,
        "chosen_on_all_pages": weights_json(&choose(&every, &candidates)),
        "shipped": weights_json(&WEIGHTS),
    }))
}

#[cfg(test)]
mod tests {
    use super::service;

    #[test]
    fn services_group_copies_of_one_site() {
        let cases = [
            ("tosback_versions/Meetup/Privacy Policy.md", "meetup"),
            (
                "ota_versions/contrib-versions/Meetup/Terms of Service.md",
                "meetup",
            ),
            (
                "ota_versions/pga-versions/LINE WEBTOON/Privacy Policy.md",
                "linewebtoon",
            ),
            (
                "negatives/claudette_multilingual_tos/corpus/original_text/pl/Dropbox.txt",
                "dropbox",
            ),
            (
                "opp115/OPP-115/original_policies/1017_www.sci-news.com.html",
                "scinewscom",
            ),
            (
                "mapp/MAPP_Corpus/English_sanitized_policies/100_com.snapchat.android.txt",
                "comsnapchatandroid",
            ),
            (
                "negatives/bbc_news/bbc/tech/001.txt",
                "negatives/bbc_news/bbc/tech/001.txt",
            ),
        ];
        for (path, want) in cases {
            assert_eq!(service(path), want, "{path}");
        }
    }
}
