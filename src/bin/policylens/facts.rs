//! `policylens eval facts`: policy-level facts against the OPP-115 gold of
//! `policy_facts.csv`, scored by `policylens::eval::facts`. Each policy's original page is
//! read from the pages folder; when it is missing or unreadable, the sanitized text in the
//! sibling `sanitized_policies` folder is read instead, as the shared scorer does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use policylens::eval::facts::{cited, overall_accuracy, Counts, Scores, FACTS};
use policylens::{Page, Report};
use serde_json::{json, Map, Value};

use crate::csv::Table;
use crate::input::{decode, read_file, read_page};

/// One policy of the gold file: its file stem and gold value per fact.
struct GoldPolicy {
    policy: String,
    facts: BTreeMap<String, String>,
}

/// Reads `policy_facts.csv`, keeping the rows of `split` (all rows when `None`), in file order.
fn read_gold(path: &str, split: Option<&str>) -> Result<Vec<(String, GoldPolicy)>, String> {
    let text = decode(&read_file(Path::new(path))?, path)?;
    let table = Table::parse(&text, path)?;
    let columns = [
        table.column("policy_id")?,
        table.column("policy")?,
        table.column("split")?,
        table.column("fact")?,
        table.column("gold")?,
    ];
    let mut policies: Vec<(String, GoldPolicy)> = Vec::new();
    for (n, record) in table.records.iter().enumerate() {
        let fields = columns.map(|i| record.get(i));
        let [Some(id), Some(policy), Some(row_split), Some(fact), Some(gold)] = fields else {
            return Err(format!(
                "{path}: record {} has {} fields, the header has {}",
                n + 2,
                record.len(),
                table.width()
            ));
        };
        if split.is_some_and(|s| s != row_split) {
            continue;
        }
        if !FACTS.iter().any(|f| f.name == fact) {
            return Err(format!("{path}: record {}: unknown fact {fact:?}", n + 2));
        }
        let at = match policies.iter().position(|(p, _)| p == id) {
            Some(at) => at,
            None => {
                policies.push((
                    id.clone(),
                    GoldPolicy {
                        policy: policy.clone(),
                        facts: BTreeMap::new(),
                    },
                ));
                policies.len() - 1
            }
        };
        policies[at].1.facts.insert(fact.clone(), gold.clone());
    }
    if policies.is_empty() {
        return Err(match split {
            Some(s) => format!("{path}: no policies with split `{s}`"),
            None => format!("{path}: no policies"),
        });
    }
    Ok(policies)
}

/// The first file in `folder` whose name starts with `<id>_`.
fn file_for(folder: &Path, id: &str) -> Option<PathBuf> {
    let prefix = format!("{id}_");
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.into_iter().next()
}

/// The segments annotators read, one paragraph each (OPP-115 separates them with `|||`).
fn sanitized_page(path: &Path) -> Result<Page, String> {
    let shown = path.display().to_string();
    let body = decode(&read_file(path)?, &shown)?;
    let html = format!(
        "<html><body><p>{}</p></body></html>",
        body.replace("|||", "</p>\n<p>")
    );
    Ok(policylens::read::document(&html, "sanitized.html", ""))
}

/// The report on a policy's original page, or on its sanitized text; and why the original
/// was not used.
fn report_for(pages: &Path, id: &str) -> Result<(Report, Option<String>), String> {
    let why = match file_for(pages, id) {
        Some(path) => match read_page(&path.to_string_lossy(), None) {
            Ok(page) => return Ok((policylens::analyze(&page), None)),
            Err(e) => e,
        },
        None => "no original page".to_string(),
    };
    let sanitized = pages
        .parent()
        .map(|p| p.join("sanitized_policies"))
        .and_then(|folder| file_for(&folder, id))
        .ok_or_else(|| format!("policy {id}: {why}, and no sanitized text beside it"))?;
    Ok((policylens::analyze(&sanitized_page(&sanitized)?), Some(why)))
}

pub fn eval(
    data: &str,
    pages: &str,
    split: Option<&str>,
    show_errors: bool,
) -> Result<Value, String> {
    let gold = read_gold(data, split)?;
    let pages = Path::new(pages);
    if !pages.is_dir() {
        return Err(format!("{}: not a folder of pages", pages.display()));
    }
    let mut reports = Vec::new();
    let mut fallbacks = Map::new();
    let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, policy) in &gold {
        let (report, why) = report_for(pages, id)?;
        *sources
            .entry(if why.is_some() {
                "sanitized"
            } else {
                "original"
            })
            .or_default() += 1;
        if let Some(why) = why {
            fallbacks.insert(policy.policy.clone(), json!(why));
        }
        reports.push(report);
    }
    let mut per_fact = Map::new();
    let mut errors = Vec::new();
    let (mut pooled_correct, mut pooled_scored) = (0, 0);
    let mut main_scores = Vec::new();
    for spec in FACTS {
        let policies = gold
            .iter()
            .zip(&reports)
            .map(|((_, policy), report)| (policy.facts.get(spec.name).map(String::as_str), report));
        let (counts, misses) = Counts::of(spec, policies);
        if show_errors {
            for miss in misses {
                let (policy, report) = (&gold[miss.at].1, &reports[miss.at]);
                errors.push(json!({
                    "policy": policy.policy, "fact": spec.name, "gold": miss.gold,
                    "predicted": miss.predicted, "cli_cited": cited(spec, report),
                }));
            }
        }
        let scores = counts.scores();
        let mut entry = scores_json(&scores);
        for (key, value) in [
            ("support", counts.tp + counts.fn_),
            ("scored", counts.scored),
            ("excluded_unsure", counts.excluded_unsure),
            ("predicted_positive", counts.tp + counts.fp),
        ] {
            entry[key] = json!(value);
        }
        if spec.aux {
            entry["aux"] = json!(true);
        } else {
            pooled_correct += counts.correct;
            pooled_scored += counts.scored;
            main_scores.push(scores);
        }
        per_fact.insert(spec.name.to_string(), entry);
    }
    let macro_avg = scores_json(&Scores::macro_average(&main_scores));
    let mut out = json!({
        "split": split.unwrap_or("all"),
        "policies": gold.len(),
        "sources_used": sources,
        "not_from_original": fallbacks,
        "per_fact": per_fact,
        "overall_accuracy": overall_accuracy(pooled_correct, pooled_scored),
        "macro": macro_avg,
    });
    if show_errors {
        out["errors"] = json!(errors);
    }
    Ok(out)
}

fn scores_json(s: &Scores) -> Value {
    json!({
        "accuracy": s.accuracy, "precision": s.precision, "recall": s.recall, "f1": s.f1,
        "majority_baseline": s.majority_baseline,
    })
}
