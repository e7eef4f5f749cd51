//! The command line answers good input with a report and bad input with one clear line.

mod common;

use std::io::Write;
use std::path::PathBuf;

use common::{json, policylens};

const POLICY_HTML: &str = r#"<!doctype html><html lang="en"><head><title>Privacy Policy | Example Shop</title></head>
<body><h1>Privacy Policy</h1><p>Last updated: March 1, 2024</p>
<h2>Information we collect</h2><p>We collect your name, email address and shipping address when you place an order.</p>
<h2>How we share information</h2><p>We share information with service providers who process payments on our behalf. We do not sell, rent or lease your personal information to third parties.</p>
<h2>Your choices</h2><p>You can opt out of marketing emails at any time by clicking unsubscribe.</p>
<h2>Contact</h2><p>Questions about this policy? Write to privacy@example-shop.test.</p></body></html>"#;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("policylens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

#[test]
fn analyze_json_prints_report_schema_1() {
    let path = temp_file("policy.html", POLICY_HTML.as_bytes());
    let report = json(&policylens(
        &["analyze", "--json", path.to_str().unwrap()],
        None,
    ));
    assert_eq!(report["schema"], 1);
    assert_eq!(report["detection"]["is_policy"], true);
    assert_eq!(report["detection"]["kind"], "privacy_policy");
    assert!(report["grade"]
        .as_str()
        .is_some_and(|g| ["A", "B", "C", "D", "E"].contains(&g)));
    assert_eq!(report["facts"]["sells_data"], "no");
    for key in ["grade_reasons", "categories", "clauses", "summary"] {
        assert!(report[key].is_array(), "{key} is an array");
    }
    let clause = &report["clauses"][0];
    for key in ["index", "block", "text", "categories", "evidence"] {
        assert!(!clause[key].is_null(), "clause has {key}");
    }
}

#[test]
fn gzipped_files_and_stdin_read_the_same_as_plain_files() {
    let plain = policylens(
        &[
            "analyze",
            "--json",
            temp_file("p.html", POLICY_HTML.as_bytes())
                .to_str()
                .unwrap(),
        ],
        None,
    );
    let gz = policylens(
        &[
            "analyze",
            "--json",
            temp_file("p.html.gz", &gzip(POLICY_HTML.as_bytes()))
                .to_str()
                .unwrap(),
        ],
        None,
    );
    let stdin = policylens(&["analyze", "--json", "-"], Some(POLICY_HTML.as_bytes()));
    let gz_stdin = policylens(
        &["analyze", "--json", "-"],
        Some(&gzip(POLICY_HTML.as_bytes())),
    );
    let expected = json(&plain);
    assert_eq!(json(&gz), expected);
    assert_eq!(json(&stdin), expected);
    assert_eq!(json(&gz_stdin), expected);
}

#[test]
fn url_option_is_used_for_detection() {
    let text = "Thanks for reading.\n\nWe collect your email address to send the newsletter.";
    let path = temp_file("short.txt", text.as_bytes());
    let with_url = json(&policylens(
        &[
            "analyze",
            "--json",
            "--url",
            "https://example.test/privacy",
            path.to_str().unwrap(),
        ],
        None,
    ));
    assert!(with_url["detection"]["signals"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s.as_str().unwrap().starts_with("url")));
}

#[test]
fn readable_summary_names_kind_and_grade() {
    let path = temp_file("policy.md", b"# Privacy Policy\n\nWe collect your email address and your name when you sign up.\n\nWe do not sell your personal information to anyone.\n\nWe share data with service providers that host our website.\n\nYou may opt out of marketing emails at any time.\n");
    let output = policylens(
        &[
            "analyze",
            "--url",
            "https://example.test/privacy",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Kind: privacy_policy"), "{text}");
    assert!(text.contains("Grade: "), "{text}");
}

#[test]
fn non_policy_is_a_normal_result() {
    let path = temp_file("article.html", b"<html><head><title>Local team wins the cup</title></head><body><h1>Local team wins the cup</h1><p>By Jane Reporter, 3 May 2024</p><p>The home side scored twice in the second half to win the final in front of a record crowd.</p></body></html>");
    let report = json(&policylens(
        &["analyze", "--json", path.to_str().unwrap()],
        None,
    ));
    assert_eq!(report["detection"]["is_policy"], false);
    assert_eq!(report["grade"], serde_json::Value::Null);
}

/// Each bad input: one line on stderr naming the problem, non-zero exit, nothing on stdout.
#[test]
fn bad_input_gets_one_clear_line_and_a_failure_exit() {
    let dir = std::env::temp_dir();
    let binary = temp_file(
        "image.bin",
        &[
            0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 7, 8,
        ],
    );
    let empty = temp_file("empty.txt", b"  \n");
    let bad_gz = temp_file("bad.html.gz", b"this is not gzip");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["analyze", "/no/such/file.html"], "no such file"),
        (vec!["analyze", dir.to_str().unwrap()], "is a directory"),
        (vec!["analyze", binary.to_str().unwrap()], "binary"),
        (vec!["analyze", empty.to_str().unwrap()], "empty"),
        (vec!["analyze", bad_gz.to_str().unwrap()], "gzip"),
        (vec!["analyze"], "exactly one FILE"),
        (vec!["analyze", "--url"], "--url needs a value"),
        (vec!["analyze", "--bogus", "x"], "unknown option --bogus"),
        (vec!["frobnicate"], "unknown command"),
        (vec!["eval", "segments"], "--data is required"),
        (
            vec!["eval", "segments", "--data", "/no/such.csv"],
            "no such file",
        ),
        (
            vec!["eval", "pages", "--manifest", "/no/such.csv"],
            "no such file",
        ),
    ];
    for (args, expected) in cases {
        let output = policylens(&args, None);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
        assert!(stderr.starts_with("policylens: "), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{args:?}: expected {expected:?} in {stderr:?}"
        );
        assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    }
    let empty_stdin = policylens(&["analyze", "-"], Some(b""));
    assert!(!empty_stdin.status.success());
    assert!(String::from_utf8_lossy(&empty_stdin.stderr).contains("stdin: empty input"));
}

#[test]
fn invalid_utf8_and_nul_bytes_are_read_not_refused() {
    let mut bytes = b"<html><body><h1>Privacy Policy</h1><p>We collect your email address \xff\xfe and device identifiers.</p><p>Text\x00with a NUL byte.</p></body></html>".to_vec();
    bytes.extend_from_slice(&[b'\n'; 10]);
    let path = temp_file("odd.html", &bytes);
    let report = json(&policylens(
        &["analyze", "--json", path.to_str().unwrap()],
        None,
    ));
    let texts: Vec<&str> = report["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("email address \u{FFFD}\u{FFFD} and device")),
        "{texts:?}"
    );
}
