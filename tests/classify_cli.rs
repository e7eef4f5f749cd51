//! `policylens eval segments` on a hand-made fixture, its bad inputs, and the lexicon check.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn policylens(args: &[&str]) -> Output {
    common::policylens(args, None)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn temp_csv(name: &str, text: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("policylens-classify-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

fn close(a: &serde_json::Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-9)
}

/// The fixture's dev rows: four clear clauses (data_security; policy_change;
/// specific_audiences; first_party_collection + third_party_sharing), all predicted right, and
/// a greeting (a policy of its own, so no neighbour lends it context) whose gold label is
/// data_retention but which is predicted `other`.
/// So: 6 gold pairs, tp 5, fn 1 (data_retention), fp 1 (other).
/// micro F1 = 2*5 / (2*5 + 1 + 1) = 10/12; macro = five categories at F1 1, five at 0 = 0.5.
#[test]
fn eval_segments_metric_arithmetic() {
    let path = fixture("segments_tiny.csv");
    let output = policylens(&[
        "eval",
        "segments",
        "--data",
        path.to_str().unwrap(),
        "--split",
        "dev",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["segments"], 5);
    assert!(close(&v["micro_f1"], 10.0 / 12.0), "{v}");
    assert!(close(&v["macro_f1"], 0.5), "{v}");
    let per = &v["per_category"];
    assert_eq!(per.as_object().unwrap().len(), 10);
    for id in [
        "data_security",
        "policy_change",
        "specific_audiences",
        "first_party_collection",
        "third_party_sharing",
    ] {
        for key in ["p", "r", "f1"] {
            assert!(close(&per[id][key], 1.0), "{id}.{key}: {v}");
        }
        assert_eq!(per[id]["support"], 1, "{id}");
    }
    assert_eq!(per["data_retention"]["support"], 1);
    assert!(close(&per["data_retention"]["r"], 0.0));
    assert_eq!(per["other"]["support"], 0);
    assert!(close(&per["other"]["p"], 0.0));
    assert!(close(&per["other"]["f1"], 0.0));

    // Without --split every row counts: the train row ("Other") adds a segment.
    let output = policylens(&["eval", "segments", "--data", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["segments"], 6);
    assert_eq!(v["per_category"]["other"]["support"], 1);
}

#[test]
fn eval_segments_bad_input_gets_one_clear_line() {
    let header = "policy_id,policy,segment_id,split,text,labels_majority,labels_any\n";
    let no_labels = temp_csv(
        "nolabels.csv",
        "policy_id,policy,segment_id,split,text\n1,a,0,dev,x\n",
    );
    let unclosed = temp_csv(
        "unclosed.csv",
        &format!("{header}1,a,0,dev,\"never closed,[],[]\n"),
    );
    let unknown = temp_csv(
        "unknown.csv",
        &format!("{header}1,a,0,dev,x,\"[\"\"Cookies\"\"]\",[]\n"),
    );
    let short = temp_csv("short.csv", &format!("{header}1,a,0\n"));
    let not_json = temp_csv("notjson.csv", &format!("{header}1,a,0,dev,x,Other,[]\n"));
    let empty = temp_csv("empty.csv", "");
    let fixture = fixture("segments_tiny.csv");
    let cases = [
        (vec!["--data", "/no/such.csv"], "no such file"),
        (
            vec!["--data", no_labels.to_str().unwrap()],
            "no `labels_majority` column",
        ),
        (vec!["--data", unclosed.to_str().unwrap()], "never closes"),
        (
            vec!["--data", unknown.to_str().unwrap()],
            "unknown category name \"Cookies\"",
        ),
        (
            vec!["--data", short.to_str().unwrap()],
            "record 2 has 3 fields",
        ),
        (
            vec!["--data", not_json.to_str().unwrap()],
            "not a JSON list",
        ),
        (vec!["--data", empty.to_str().unwrap()], "empty"),
        (
            vec!["--data", fixture.to_str().unwrap(), "--split", "test"],
            "no segments with split `test`",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["eval", "segments"];
        all.extend(args.iter());
        let output = policylens(&all);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{all:?} should fail");
        assert!(output.stdout.is_empty(), "{all:?}");
        assert_eq!(stderr.lines().count(), 1, "{all:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{all:?}: want {expected:?} in {stderr:?}"
        );
    }
}

/// A MAPP-format file (`labels` of two category ids, a `lang` column): only the two labelled
/// categories are scored, a segment without a practice is no `other`, and `--lang` picks rows.
#[test]
fn eval_segments_reads_the_mapp_format() {
    let path = temp_csv(
        "mapp.csv",
        "policy_id,policy,lang,segment_id,split,text,labels,info_types\n\
         7,app,en,1,train,We collect your email address and phone number when you register.,\"[\"\"first_party_collection\"\"]\",[]\n\
         7,app,en,2,train,Thanks for choosing our app!,[],[]\n\
         7,app,de,1,train,Wir erheben Ihre E-Mail-Adresse.,\"[\"\"first_party_collection\"\"]\",[]\n",
    );
    let output = policylens(&["eval", "segments", "--data", path.to_str().unwrap()]);
    let v = common::json(&output);
    assert_eq!(v["segments"], 2);
    let per = v["per_category"].as_object().unwrap();
    let ids: Vec<&str> = per.keys().map(String::as_str).collect();
    assert_eq!(ids, ["first_party_collection", "third_party_sharing"]);
    assert!(close(&per["first_party_collection"]["r"], 1.0), "{v}");
    assert_eq!(per["third_party_sharing"]["support"], 0);

    let output = policylens(&[
        "eval",
        "segments",
        "--data",
        path.to_str().unwrap(),
        "--lang",
        "fr",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("no segments with lang `fr`"), "{stderr}");
}

/// Checks that `lexicon/<lang>` is what `policylens train` makes from `data` (a path under
/// the shared data folder). The data is not part of the repository; without it the check is
/// skipped.
fn check_shipped_lexicon(data: &str, lang: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = std::env::var("POLICYLENS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/data"))
        .join(data);
    if !data.exists() {
        eprintln!(
            "skipped: {} not found (set POLICYLENS_DATA)",
            data.display()
        );
        return;
    }
    let lexicon = root.join("lexicon").join(lang);
    let output = policylens(&[
        "train",
        "--data",
        data.to_str().unwrap(),
        "--lang",
        lang,
        "--out",
        lexicon.to_str().unwrap(),
        "--check",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The shipped English lexicon must be what `policylens train` makes from all 95 visible
/// OPP-115 policies (the train and dev splits).
#[test]
fn shipped_lexicon_matches_training() {
    check_shipped_lexicon("opp115/segments.csv", "en");
}

/// The shipped German lexicon must be what `policylens train --lang de` makes from MAPP.
#[test]
fn shipped_german_lexicon_matches_training() {
    check_shipped_lexicon("mapp/segments.csv", "de");
}
