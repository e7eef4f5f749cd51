//! Page detection against labelled pages: precision and recall, and the detection weights
//! chosen by cross-validation grouped by service.
//!
//! Positive = label `privacy_policy`; predicted positive = detected kind `privacy_policy`. A
//! page detected as `cookie_policy` (which `is_policy` also covers) is not counted as
//! flagged: the badge says "cookie policy", not "privacy policy".

use std::collections::BTreeMap;

use crate::detect::{Measurement, Weights, WEIGHTS};
use crate::report::Detection;
use crate::train::deal_folds;
use crate::train::metrics::prf;

pub const POSITIVE: &str = "privacy_policy";

/// One labelled page, measured.
pub struct Labelled {
    pub path: String,
    pub kind: String,
    pub measurement: Measurement,
}

/// Confusion counts, and flagged and total pages per label.
#[derive(Debug, Default, PartialEq)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub by_kind: BTreeMap<String, (usize, usize)>,
}

impl Tally {
    /// The tally of `pages` detected under `weights`.
    pub fn of<'a>(pages: impl Iterator<Item = &'a Labelled>, weights: &Weights) -> Tally {
        let mut tally = Tally::default();
        for page in pages {
            tally.add(&page.kind, flagged(page, weights));
        }
        tally
    }

    pub fn add(&mut self, kind: &str, predicted: bool) {
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

    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        prf(self.tp, self.fp, self.fn_)
    }

    /// `flagged/total` per label.
    pub fn flagged_by_kind(&self) -> BTreeMap<String, String> {
        self.by_kind
            .iter()
            .map(|(k, (flagged, total))| (k.clone(), format!("{flagged}/{total}")))
            .collect()
    }

    /// Acceptable for shipping: no ordinary page flagged, at most 1% of terms pages.
    pub fn acceptable(&self) -> bool {
        let (other, _) = self.by_kind.get("other").copied().unwrap_or_default();
        let (terms, total) = self.by_kind.get("terms").copied().unwrap_or_default();
        other == 0 && terms * 100 <= total
    }
}

fn flagged(page: &Labelled, weights: &Weights) -> bool {
    page.measurement.kind(weights).0.as_str() == POSITIVE
}

/// The shipped weights on every page: the tally, detected kinds per label, and the pages
/// wrongly flagged and wrongly missed (index into the pages, with their detection).
pub struct Shipped<'a> {
    pub tally: Tally,
    pub detected_by_kind: BTreeMap<&'a str, BTreeMap<&'static str, usize>>,
    pub false_positives: Vec<(usize, Detection)>,
    pub false_negatives: Vec<(usize, Detection)>,
}

pub fn shipped(pages: &[Labelled]) -> Shipped<'_> {
    let mut out = Shipped {
        tally: Tally::default(),
        detected_by_kind: BTreeMap::new(),
        false_positives: Vec::new(),
        false_negatives: Vec::new(),
    };
    for (i, page) in pages.iter().enumerate() {
        let detection = page.measurement.clone().decide(&WEIGHTS);
        let predicted = detection.kind.as_str() == POSITIVE;
        out.tally.add(&page.kind, predicted);
        *out.detected_by_kind
            .entry(&page.kind)
            .or_default()
            .entry(detection.kind.as_str())
            .or_default() += 1;
        match (page.kind == POSITIVE, predicted) {
            (false, true) => out.false_positives.push((i, detection)),
            (true, false) => out.false_negatives.push((i, detection)),
            _ => {}
        }
    }
    out
}

/// The service a manifest path belongs to, so that no service is in two folds: the service
/// folder of ToSBack and Open Terms Archive copies (`tosback_versions/<service>/...`,
/// `ota_versions/<collection>/<service>/...`), the file name of a CLAUDETTE terms file (one
/// per service, in several languages), the domain or app id after `<number>_` of an OPP-115
/// or MAPP policy; every other page (news, articles, products) is its own service. Names are
/// compared lower-cased, letters and digits only, with a leading `www` dropped.
pub fn service(path: &str) -> String {
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
pub fn candidates() -> Vec<Weights> {
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
pub fn choose(pages: &[&Labelled], candidates: &[Weights]) -> Weights {
    let mut best = (-1.0, WEIGHTS);
    for weights in candidates {
        let tally = Tally::of(pages.iter().copied(), weights);
        let f1 = tally.prf().2;
        if tally.acceptable() && f1 > best.0 {
            best = (f1, *weights);
        }
    }
    best.1
}

/// Chosen weights against shipped weights, scored on held-out folds of services.
pub struct CrossValidation {
    pub services: usize,
    /// The weights chosen on the other folds, per fold.
    pub chosen_per_fold: Vec<Weights>,
    /// Precision, recall and F1 per held-out fold, and the held-out tallies pooled.
    pub chosen: (Vec<(f64, f64, f64)>, Tally),
    pub shipped: (Vec<(f64, f64, f64)>, Tally),
    pub chosen_on_all_pages: Weights,
}

/// Per fold of services, the weights chosen on the other folds score the held-out pages;
/// the shipped weights are scored on the same folds for comparison.
pub fn cross_validate(pages: &[Labelled], folds: usize) -> Result<CrossValidation, String> {
    if folds < 2 {
        return Err("--cv needs at least 2 folds".to_string());
    }
    let services: Vec<String> = pages.iter().map(|p| service(&p.path)).collect();
    let names: Vec<&str> = services.iter().map(String::as_str).collect();
    let (fold, service_count) = deal_folds(&names, folds);
    let candidates = candidates();
    let mut chosen_per_fold = Vec::new();
    let mut chosen = (Vec::new(), Tally::default());
    let mut shipped = (Vec::new(), Tally::default());
    for k in 0..folds {
        let part = |inside: bool| -> Vec<&Labelled> {
            (0..pages.len())
                .filter(|&i| (fold[i] == k) == inside)
                .map(|i| &pages[i])
                .collect()
        };
        let weights = choose(&part(false), &candidates);
        chosen_per_fold.push(weights);
        let held_out = part(true);
        for (w, (per_fold, pooled)) in [(&weights, &mut chosen), (&WEIGHTS, &mut shipped)] {
            per_fold.push(Tally::of(held_out.iter().copied(), w).prf());
            for page in &held_out {
                pooled.add(&page.kind, flagged(page, w));
            }
        }
    }
    let every: Vec<&Labelled> = pages.iter().collect();
    Ok(CrossValidation {
        services: service_count,
        chosen_per_fold,
        chosen,
        shipped,
        chosen_on_all_pages: choose(&every, &candidates),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn tally_counts_confusions_and_flags_per_label() {
        let mut tally = Tally::default();
        for (kind, predicted) in [
            (POSITIVE, true),
            (POSITIVE, true),
            (POSITIVE, false),
            ("terms", true),
            ("other", false),
        ] {
            tally.add(kind, predicted);
        }
        assert_eq!((tally.tp, tally.fp, tally.fn_), (2, 1, 1));
        let (p, r, f1) = tally.prf();
        assert_eq!((p, r), (2.0 / 3.0, 2.0 / 3.0));
        assert!((f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(tally.flagged_by_kind()["privacy_policy"], "2/3");
        assert_eq!(tally.flagged_by_kind()["terms"], "1/1");
        // One terms page of one flagged is over 1%.
        assert!(!tally.acceptable());
        let mut clean = Tally::default();
        clean.add("other", false);
        clean.add(POSITIVE, true);
        assert!(clean.acceptable());
        clean.add("other", true);
        assert!(!clean.acceptable());
    }

    #[test]
    fn candidates_start_with_the_shipped_weights() {
        let all = candidates();
        assert_eq!(all[0], WEIGHTS);
        assert_eq!(all.len(), 1 + 3 * 2 * 3 * 2 * 2);
    }
}
