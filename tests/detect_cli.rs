//! `policylens eval pages` on a manifest of fixture pages: exact counts.

mod common;

use std::io::Write;

use common::{json, policylens};

fn eval(manifest: &str) -> serde_json::Value {
    json(&policylens(
        &["eval", "pages", "--manifest", manifest],
        None,
    ))
}

#[test]
fn eval_pages_counts_the_fixture_manifest() {
    let manifest = format!(
        "{}/tests/fixtures/pages/manifest.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let report = eval(&manifest);
    assert_eq!(report["pages"], 15);
    assert_eq!(report["precision"], 1.0);
    assert_eq!(report["recall"], 1.0);
    assert_eq!(report["f1"], 1.0);
    assert_eq!(
        report["flagged_as_policy_by_kind"],
        serde_json::json!({
            "cookie_policy": "0/1",
            "legal_other": "0/1",
            "other": "0/4",
            "privacy_policy": "7/7",
            "terms": "0/2"
        })
    );
    assert_eq!(report["skipped_flagged"], 1);
    assert_eq!(
        report["detected_kind_by_kind"]["cookie_policy"]["cookie_policy"],
        1
    );
}

#[test]
fn eval_pages_reads_gzip_quoted_paths_and_survives_missing_files() {
    let dir = std::env::temp_dir().join(format!("policylens-detect-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fixtures = format!("{}/tests/fixtures/pages", env!("CARGO_MANIFEST_DIR"));
    let policy = std::fs::read(format!("{fixtures}/privacy_gdpr.html")).expect("fixture");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&policy).expect("gzip");
    std::fs::write(dir.join("a, b.html.gz"), gz.finish().expect("gzip")).expect("write");
    std::fs::copy(
        format!("{fixtures}/news_article.html"),
        dir.join("news.html"),
    )
    .expect("copy");
    std::fs::write(
        dir.join("manifest.csv"),
        "path,source,kind,doc_type,format,lang,flags\n\"a, b.html.gz\",t,privacy_policy,p,html.gz,en,\nnews.html,t,other,a,html,en,\nmissing.html,t,terms,t,html,en,\n",
    )
    .expect("write manifest");
    let report = eval(dir.join("manifest.csv").to_str().unwrap());
    assert_eq!(report["pages"], 3);
    assert_eq!(report["f1"], 1.0);
    assert_eq!(report["flagged_as_policy_by_kind"]["terms"], "0/1");
    assert_eq!(report["unreadable"].as_array().map(Vec::len), Some(1));
}

#[test]
fn eval_pages_without_manifest_fails_with_one_line() {
    let output = policylens(
        &["eval", "pages", "--manifest", "/nonexistent/manifest.csv"],
        None,
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}
