//! `policylens eval facts`: policy-level facts against the OPP-115 gold of
//! `policy_facts.csv`, the same measure as `../shared/tools/policy_facts.py score`.
//!
//! Gold values: `yes`/`no`/`unsure` for binary facts, an age or `none` for
//! `children_min_age`, `email`/`posted`/`none`/`not_mentioned` for `change_notice`; `unsure`
//! is not scored. A prediction of no, none or not_mentioned is negative; "unclear" counts as
//! positive (the practice was found stated). Each policy's original page is read from the
//! pages folder; when it is missing or unreadable, the sanitized text in the sibling
//! `sanitized_policies` folder is read instead, as the shared scorer does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use policylens::report::{Answer, ChangeNotice};
use policylens::{Page, Report};
use serde_json::{json, Map, Value};

use crate::csv::Table;
use crate::input::{decode, read_file, read_page};

/// How a fact's value is compared with gold.
#[derive(Clone, Copy, PartialEq)]
enum Measure {
    Binary,
    Age,
    Notice,
}

/// A scored fact: its gold name, how it is compared, whether it is auxiliary (kept out of the
/// pooled accuracy and the macro average), and how its value is read from a report.
struct FactSpec {
    name: &'static str,
    measure: Measure,
    aux: bool,
    predict: fn(&Report) -> String,
}

fn yes_no(positive: bool) -> String {
    (if positive { "yes" } else { "no" }).to_string()
}

fn stated(answer: Answer) -> String {
    yes_no(matches!(answer, Answer::Yes | Answer::Unclear))
}

fn listed(list: &[String], ids: &[&str]) -> String {
    yes_no(list.iter().any(|v| ids.contains(&v.as_str())))
}

macro_rules! data_fact {
    ($name:literal, $($id:literal),+) => {
        FactSpec {
            name: concat!("data_collected:", $name),
            measure: Measure::Binary,
            aux: false,
            predict: |r| listed(&r.facts.data_collected, &[$($id),+]),
        }
    };
}

macro_rules! right_fact {
    ($id:literal) => {
        FactSpec {
            name: concat!("user_rights:", $id),
            measure: Measure::Binary,
            aux: false,
            predict: |r| listed(&r.facts.user_rights, &[$id]),
        }
    };
}

/// The facts in the shared scorer's order (its per_fact keys).
const FACTS: &[FactSpec] = &[
    FactSpec {
        name: "targeted_advertising",
        measure: Measure::Binary,
        aux: false,
        predict: |r| stated(r.facts.targeted_advertising),
    },
    FactSpec {
        name: "cookies",
        measure: Measure::Binary,
        aux: false,
        predict: |r| stated(r.facts.cookies),
    },
    FactSpec {
        name: "law_enforcement_disclosure",
        measure: Measure::Binary,
        aux: false,
        predict: |r| stated(r.facts.law_enforcement_disclosure),
    },
    FactSpec {
        name: "international_transfer",
        measure: Measure::Binary,
        aux: true,
        predict: |r| stated(r.facts.international_transfer),
    },
    data_fact!("contact", "name", "email", "phone", "postal_address"),
    data_fact!("location", "location"),
    data_fact!("payment", "payment"),
    data_fact!("health", "health"),
    data_fact!("demographics", "demographics", "professional"),
    data_fact!("ip_device", "ip_address", "device_id"),
    data_fact!("browsing", "browsing"),
    data_fact!("social_profile", "social_profile"),
    right_fact!("access"),
    right_fact!("rectification"),
    right_fact!("deletion"),
    right_fact!("opt_out"),
    FactSpec {
        name: "retention",
        measure: Measure::Binary,
        aux: false,
        predict: |r| yes_no(!r.facts.retention.is_empty()),
    },
    FactSpec {
        name: "retention:days",
        measure: Measure::Binary,
        aux: false,
        predict: |r| yes_no(r.facts.retention.iter().any(|p| p.days.is_some())),
    },
    FactSpec {
        name: "children_min_age",
        measure: Measure::Age,
        aux: false,
        predict: |r| {
            r.facts
                .children_min_age
                .map_or("none".to_string(), |age| age.to_string())
        },
    },
    FactSpec {
        name: "change_notice",
        measure: Measure::Notice,
        aux: false,
        predict: |r| {
            match r.facts.change_notice {
                ChangeNotice::None => "none",
                ChangeNotice::Posted => "posted",
                ChangeNotice::Email => "email",
                ChangeNotice::Advance => "advance",
                ChangeNotice::NotMentioned => "not_mentioned",
            }
            .to_string()
        },
    },
    FactSpec {
        name: "do_not_track",
        measure: Measure::Binary,
        aux: true,
        predict: |r| {
            yes_no(
                r.categories
                    .iter()
                    .any(|c| c.id == "do_not_track" && !c.clauses.is_empty()),
            )
        },
    },
];

const NEGATIVE: [&str; 3] = ["no", "none", "not_mentioned"];

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

/// Rounded to 3 decimals, as the shared scorer prints.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| round3(a as f64 / b as f64))
}

fn agrees(measure: Measure, gold: &str, predicted: &str) -> bool {
    if measure == Measure::Notice && predicted == "advance" {
        return gold == "email" || gold == "posted";
    }
    gold == predicted
}

/// Texts of the clauses a report cites for a fact (its evidence entries).
fn cited(spec: &FactSpec, report: &Report) -> Vec<String> {
    let field = spec.name.split(':').next().unwrap_or(spec.name);
    let clauses: Vec<usize> = if spec.name == "do_not_track" {
        report
            .categories
            .iter()
            .filter(|c| c.id == "do_not_track")
            .flat_map(|c| c.clauses.iter().copied())
            .collect()
    } else {
        report
            .facts
            .evidence
            .iter()
            .filter(|e| e.fact == field || e.fact.starts_with(&format!("{field}:")))
            .flat_map(|e| e.clauses.iter().copied())
            .collect()
    };
    let mut seen = Vec::new();
    for i in clauses {
        if !seen.contains(&i) {
            seen.push(i);
        }
    }
    seen.iter()
        .filter_map(|&i| report.clauses.get(i))
        .take(2)
        .map(|c| c.text.chars().take(240).collect())
        .collect()
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
    let mut main_scores: Vec<[Option<f64>; 5]> = Vec::new();
    for spec in FACTS {
        let (mut tp, mut fp, mut fn_, mut correct, mut scored, mut excluded) = (0, 0, 0, 0, 0, 0);
        let mut golds: BTreeMap<&str, usize> = BTreeMap::new();
        for ((_, policy), report) in gold.iter().zip(&reports) {
            let Some(g) = policy.facts.get(spec.name) else {
                continue;
            };
            if g == "unsure" {
                excluded += 1;
                continue;
            }
            let p = (spec.predict)(report);
            scored += 1;
            *golds.entry(g.as_str()).or_default() += 1;
            let ok = agrees(spec.measure, g, &p);
            let (gold_positive, predicted_positive) = (
                !NEGATIVE.contains(&g.as_str()),
                !NEGATIVE.contains(&p.as_str()),
            );
            correct += usize::from(ok);
            tp += usize::from(gold_positive && predicted_positive && ok);
            fp += usize::from(predicted_positive && !ok);
            fn_ += usize::from(gold_positive && !ok);
            if !ok && show_errors {
                errors.push(json!({
                    "policy": policy.policy, "fact": spec.name, "gold": g, "predicted": p,
                    "cli_cited": cited(spec, report),
                }));
            }
        }
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p > 0.0 && r > 0.0 => Some(round3(2.0 * p * r / (p + r))),
            (None, None) => None,
            _ => Some(0.0),
        };
        let accuracy = ratio(correct, scored);
        let majority = ratio(golds.values().copied().max().unwrap_or(0), scored);
        let mut entry = json!({
            "accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1,
            "support": tp + fn_, "scored": scored, "excluded_unsure": excluded,
            "predicted_positive": tp + fp, "majority_baseline": majority,
        });
        if spec.aux {
            entry["aux"] = json!(true);
        } else {
            pooled_correct += correct;
            pooled_scored += scored;
            main_scores.push([accuracy, precision, recall, f1, majority]);
        }
        per_fact.insert(spec.name.to_string(), entry);
    }
    let mut macro_avg = Map::new();
    for (i, key) in ["accuracy", "precision", "recall", "f1", "majority_baseline"]
        .iter()
        .enumerate()
    {
        let values: Vec<f64> = main_scores.iter().filter_map(|s| s[i]).collect();
        let mean =
            (!values.is_empty()).then(|| round3(values.iter().sum::<f64>() / values.len() as f64));
        macro_avg.insert(key.to_string(), json!(mean));
    }
    let mut out = json!({
        "split": split.unwrap_or("all"),
        "policies": gold.len(),
        "sources_used": sources,
        "not_from_original": fallbacks,
        "per_fact": per_fact,
        "overall_accuracy": ratio(pooled_correct, pooled_scored),
        "macro": macro_avg,
    });
    if show_errors {
        out["errors"] = json!(errors);
    }
    Ok(out)
}
