//! The wasm boundary under Node (wasm-bindgen-test): JS objects in, Report objects out, and bad
//! input becomes a JS error instead of a trap.
#![cfg(target_arch = "wasm32")]

use policylens::changes::{self, Change, StoredSummary};
use policylens::report::{Message, Report};
use policylens::wasm::{
    analyze, compare_summaries, document_format, read_text, stored_summary, word_message,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const POLICY: &str = r#"{"url": "https://shop.example/privacy", "title": "Privacy Policy", "lang": "en",
  "blocks": [
    {"text": "Privacy Policy", "tag": "h1", "level": 1},
    {"text": "We collect your name, email address and postal address when you place an order.", "tag": "p", "level": 0},
    {"text": "We share your information with service providers who process payments for us. We do not sell, rent or lease your personal information.", "tag": "p", "level": 0},
    {"text": "You can ask us to delete your account and your data at any time by writing to privacy@shop.example.", "tag": "p", "level": 0},
    {"text": "We keep order records for 7 years to meet our tax obligations.", "tag": "p", "level": 0},
    {"text": "We may update this policy from time to time and will post the new version on this page.", "tag": "p", "level": 0}
  ]}"#;

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| {
        js_sys::Reflect::get(&v, &JsValue::from_str(key)).expect("property")
    })
}

#[wasm_bindgen_test]
fn analyze_takes_a_js_page_and_returns_a_schema_1_report() {
    let page = js_sys::JSON::parse(POLICY).expect("fixture is JSON");
    let report = analyze(page).expect("analyze succeeds");
    assert_eq!(get(&report, &["schema"]).as_f64(), Some(1.0));
    assert_eq!(
        get(&report, &["facts", "sells_data"])
            .as_string()
            .as_deref(),
        Some("no")
    );
    let clauses = js_sys::Array::from(&get(&report, &["clauses"]));
    assert_eq!(
        clauses.length(),
        5,
        "one clause per paragraph, the heading is context"
    );
    assert_eq!(get(&clauses.get(0), &["block"]).as_f64(), Some(1.0));
    // Plain JSON objects, not Maps: what the extension stores and the renderer reads back.
    let text = js_sys::JSON::stringify(&report)
        .expect("stringify")
        .as_string()
        .unwrap();
    assert!(text.contains("\"detection\":{"), "{text}");
}

#[wasm_bindgen_test]
fn a_page_of_the_wrong_shape_is_a_js_error_not_a_trap() {
    let err = analyze(JsValue::from_str("not a page")).expect_err("a string is no page");
    let message = js_sys::Error::from(JsValue::from(err)).message();
    assert!(
        message.as_string().unwrap().contains("invalid type"),
        "{message:?}"
    );
    let bad_blocks = js_sys::JSON::parse(r#"{"blocks": [{"tag": "p"}]}"#).unwrap();
    assert!(
        analyze(bad_blocks).is_err(),
        "a block without text is refused"
    );
    // The core still works after refusing bad input.
    assert!(analyze(js_sys::JSON::parse(POLICY).unwrap()).is_ok());
}

/// The report of `page` read across the boundary is the one of the page serde-wasm-bindgen
/// reads with the derives; or both refuse it.
fn page_reads_as_serde_does(page: JsValue, what: &str) {
    let expected = serde_wasm_bindgen::from_value::<policylens::page::Page>(page.clone());
    match (analyze(page), expected) {
        (Ok(report), Ok(page)) => {
            assert_eq!(
                serde_read::<Report>(&report),
                policylens::analyze(&page),
                "{what}"
            )
        }
        (Err(_), Err(_)) => {}
        (got, expected) => panic!("{what}: {:?} against serde's {expected:?}", got.is_ok()),
    }
}

#[wasm_bindgen_test]
fn blocks_read_as_serde_reads_them() {
    // Plain blocks (read packed): other scripts, a lone surrogate, empty texts and tags,
    // missing and defaulted fields, the largest level.
    let plain = r#"{"url": "https://shop.example/privacy", "blocks": [
        {"text": "Datenschutzerkl\u00e4rung \ud83d\udd12 \u79c1\u306e", "tag": "h1", "level": 1},
        {"text": "We collect your email address \ud800 when you order.", "tag": "p"},
        {"text": ""},
        {"text": "We do not sell your personal information.", "tag": "", "level": 255},
        {"text": "We keep order records for 7 years.", "tag": "li", "level": 2.0}
      ]}"#;
    page_reads_as_serde_does(js_sys::JSON::parse(plain).unwrap(), "plain");
    page_reads_as_serde_does(js_sys::JSON::parse(POLICY).unwrap(), "POLICY");
    page_reads_as_serde_does(js_sys::JSON::parse(r#"{"blocks": []}"#).unwrap(), "none");
    // Read field by field: a NUL in a text or a tag; values serde refuses.
    for (what, blocks) in [
        (
            "NUL in a text",
            r#"[{"text": "We sell\u0000 your data.", "tag": "p"}]"#,
        ),
        (
            "NUL in a tag",
            r#"[{"text": "We sell your data.", "tag": "p\u0000"}]"#,
        ),
        (
            "a number for a tag",
            r#"[{"text": "We sell your data.", "tag": 1}]"#,
        ),
        (
            "a level out of range",
            r#"[{"text": "We sell your data.", "level": 256}]"#,
        ),
        (
            "a negative level",
            r#"[{"text": "We sell your data.", "level": -1}]"#,
        ),
        (
            "a fractional level",
            r#"[{"text": "We sell your data.", "level": 1.5}]"#,
        ),
        (
            "a null level",
            r#"[{"text": "We sell your data.", "level": null}]"#,
        ),
        ("no text", r#"[{"tag": "p"}]"#),
        (
            "a block that is no object",
            r#"[{"text": "We sell your data."}, "p"]"#,
        ),
        ("a block that is a list", r#"[["We sell your data."]]"#),
        (
            "blocks that are no list",
            r#"{"text": "We sell your data."}"#,
        ),
    ] {
        let page = js_sys::JSON::parse(&format!(r#"{{"blocks": {blocks}}}"#)).unwrap();
        page_reads_as_serde_does(page, what);
    }
    // A field the block holds as `undefined` is a value, and no integer.
    let block = js_sys::JSON::parse(r#"{"text": "We sell your data."}"#).unwrap();
    js_sys::Reflect::set(&block, &JsValue::from_str("level"), &JsValue::UNDEFINED).unwrap();
    let page = js_sys::Object::new();
    js_sys::Reflect::set(
        &page,
        &JsValue::from_str("blocks"),
        &js_sys::Array::of1(&block),
    )
    .unwrap();
    let page = JsValue::from(page);
    page_reads_as_serde_does(page.clone(), "an undefined level");
    assert!(analyze(page).is_err());
}

#[wasm_bindgen_test]
fn pasted_text_is_read_by_the_core_and_html_is_left_to_the_browser() {
    assert_eq!(
        document_format("<!doctype html><p>We collect your email.</p>"),
        "html"
    );
    assert_eq!(
        document_format("Privacy Policy\n\nWe collect your email."),
        "text"
    );
    let page = read_text(
        "Privacy Policy\n\nWe collect your email.",
        "https://a.example/p",
    )
    .expect("read");
    assert_eq!(
        get(&page, &["title"]).as_string().as_deref(),
        Some("Privacy Policy")
    );
    let blocks = js_sys::Array::from(&get(&page, &["blocks"]));
    assert_eq!(blocks.length(), 2);
}

#[wasm_bindgen_test]
fn summaries_compare_across_the_boundary_and_a_damaged_one_is_no_change() {
    let report = analyze(js_sys::JSON::parse(POLICY).unwrap()).expect("report");
    let now = stored_summary(report).expect("summary");
    let before = js_sys::JSON::parse(
        r#"{"grade":"E","data_collected":[],"third_parties":["Nobody Named"]}"#,
    )
    .unwrap();
    let changes = js_sys::Array::from(&compare_summaries(before, now.clone()).expect("diff"));
    // Every change is a plain object tagged with its kind, as the renderer reads it back.
    assert!(changes.length() >= 1);
    for change in changes.iter() {
        assert!(get(&change, &["change"]).as_string().is_some());
    }
    let damaged = JsValue::from_str("not a summary");
    let none = js_sys::Array::from(&compare_summaries(damaged, now).expect("diff"));
    assert_eq!(none.length(), 0);
}

/// What serde-wasm-bindgen reads from `value` with the serde derives: the reference for the
/// core's own readers of its values (src/wasm.rs `from_js`).
fn serde_read<T: serde::de::DeserializeOwned>(value: &JsValue) -> T {
    serde_wasm_bindgen::from_value(value.clone()).unwrap_or_else(|e| panic!("serde: {e}"))
}

/// The core's stored summary of `report` is the one serde's reading of it gives.
fn summary_reads_as_serde_does(report: JsValue, what: &[&str]) {
    let read: Report = serde_read(&report);
    let summary = stored_summary(report).expect("read");
    assert_eq!(
        serde_read::<StoredSummary>(&summary),
        StoredSummary::of(&read),
        "{what:?}"
    );
}

#[wasm_bindgen_test]
fn reports_summaries_and_messages_read_back_as_serde_reads_them() {
    let report = analyze(js_sys::JSON::parse(POLICY).unwrap()).expect("report");
    let read: Report = serde_read(&report);
    assert!(read.grade.is_some() && !read.summary_messages.is_empty());

    let summary = stored_summary(report.clone()).expect("summary");
    assert_eq!(
        serde_read::<StoredSummary>(&summary),
        StoredSummary::of(&read)
    );

    for message in js_sys::Array::from(&get(&report, &["summary_messages"])).iter() {
        let worded = word_message(message.clone(), None).expect("worded");
        assert_eq!(
            worded,
            policylens::ui_text::in_english(&serde_read::<Message>(&message))
        );
    }

    // A summary stored by an older version lacks fields (serde's defaults fill them); the
    // changes come back as `diff` makes them.
    let before = js_sys::JSON::parse(
        r#"{"grade":"E","sells_data":"yes","data_collected":[],"third_parties":["Nobody Named"],
            "longest_retention_days":30}"#,
    )
    .unwrap();
    let changes = compare_summaries(before.clone(), summary.clone()).expect("diff");
    let expected = changes::diff(&serde_read(&before), &serde_read(&summary));
    assert!(expected.len() >= 2);
    assert_eq!(serde_read::<Vec<Change>>(&changes), expected);
}

#[wasm_bindgen_test]
fn values_of_the_wrong_shape_are_js_errors() {
    let report = analyze(js_sys::JSON::parse(POLICY).unwrap()).expect("report");
    let with = |path: &[&str], value: JsValue| {
        let copy = js_sys::JSON::parse(
            &js_sys::JSON::stringify(&report)
                .unwrap()
                .as_string()
                .unwrap(),
        )
        .unwrap();
        let (field, parents) = path.split_last().unwrap();
        let parent = get(&copy, parents);
        js_sys::Reflect::set(&parent, &JsValue::from_str(field), &value).unwrap();
        copy
    };
    // Each of these is an error for serde too; a default-less missing field is one.
    for (path, value) in [
        (&["facts"][..], JsValue::UNDEFINED),
        (&["grade"][..], JsValue::from_f64(5.0)),
        (&["grade"][..], JsValue::from_str("AB")),
        (&["facts", "sells_data"][..], JsValue::from_str("maybe")),
        (&["facts", "children_min_age"][..], JsValue::from_f64(-1.0)),
        (&["facts", "retention"][..], JsValue::from_str("30 days")),
    ] {
        let bad = with(path, value);
        assert!(
            serde_wasm_bindgen::from_value::<Report>(bad.clone()).is_err(),
            "{path:?}"
        );
        assert!(stored_summary(bad).is_err(), "{path:?}");
    }
    // A defaulted field may be missing, but not `undefined` (serde-wasm-bindgen reads a field
    // the object holds).
    let without = |path: &[&str]| {
        let copy = with(path, JsValue::NULL);
        let (field, parents) = path.split_last().unwrap();
        js_sys::Reflect::delete_property(&get(&copy, parents).into(), &JsValue::from_str(field))
            .unwrap();
        copy
    };
    let undefined = with(&["language"], JsValue::UNDEFINED);
    assert!(serde_wasm_bindgen::from_value::<Report>(undefined.clone()).is_err());
    assert!(stored_summary(undefined).is_err());
    for path in [
        &["language"][..],
        &["summary_messages"],
        &["facts", "cookie_types"],
    ] {
        summary_reads_as_serde_does(without(path), path);
    }
    assert!(stored_summary(without(&["facts", "sells_data"])).is_err());
    // Optional fields may be missing, null or undefined: none.
    for (path, value) in [
        (&["grade"][..], JsValue::NULL),
        (&["grade"][..], JsValue::UNDEFINED),
        (&["facts", "children_min_age"][..], JsValue::UNDEFINED),
    ] {
        summary_reads_as_serde_does(with(path, value), path);
    }
    let message = js_sys::JSON::parse(
        r#"{"id":"summarySells","args":[{"name":"x","value":{"list":{"items":[{"text":"a"}]}}}]}"#,
    )
    .unwrap();
    assert!(word_message(message, None).is_err());
}
