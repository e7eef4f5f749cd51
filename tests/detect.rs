//! Policy-page detection on fixture pages written for these tests (in the style of real pages).

use policylens::html::page_from_html;
use policylens::{analyze, detect, Kind, Page};

fn page(file: &str, url: &str) -> Page {
    let path = format!("{}/tests/fixtures/pages/{file}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).expect("fixture");
    page_from_html(&html, url)
}

#[test]
fn fixtures_get_their_kind_without_a_url() {
    let table = [
        ("privacy_us.html", Kind::PrivacyPolicy),
        ("privacy_gdpr.html", Kind::PrivacyPolicy),
        ("privacy_app.html", Kind::PrivacyPolicy),
        ("datenschutz_de.html", Kind::PrivacyPolicy),
        ("confidentialite_fr.html", Kind::PrivacyPolicy),
        ("cookie_policy.html", Kind::CookiePolicy),
        ("terms_mentions_privacy.html", Kind::Terms),
        ("news_article.html", Kind::Other),
        ("product_page.html", Kind::Other),
        ("code_docs.html", Kind::Other),
        ("blog_about_privacy_policies.html", Kind::Other),
    ];
    for (file, kind) in table {
        let detection = analyze(&page(file, "")).detection;
        assert_eq!(detection.kind, kind, "{file}: {:?}", detection.signals);
        let is_policy = matches!(kind, Kind::PrivacyPolicy | Kind::CookiePolicy);
        assert_eq!(detection.is_policy, is_policy, "{file}");
        assert!((0.0..=1.0).contains(&detection.score), "{file}");
    }
}

#[test]
fn ordinary_pages_stay_silent_even_on_a_privacy_url() {
    for file in ["news_article.html", "product_page.html", "code_docs.html"] {
        let detection = detect(&page(file, "https://example.test/privacy"));
        assert!(!detection.is_policy, "{file}: {:?}", detection.signals);
    }
}

#[test]
fn url_names_the_kind_of_a_sparse_page() {
    let mut sparse = page(
        "privacy_app.html",
        "https://pockettides.test/legal/privacy-policy",
    );
    sparse.blocks.truncate(4);
    let detection = detect(&sparse);
    assert_eq!(
        detection.kind,
        Kind::PrivacyPolicy,
        "{:?}",
        detection.signals
    );
    assert!(detection.signals.iter().any(|s| s == "url:privacy"));
}

#[test]
fn detect_equals_the_detection_of_analyze() {
    for file in [
        "privacy_us.html",
        "cookie_policy.html",
        "blog_about_privacy_policies.html",
    ] {
        let page = page(file, "https://example.test/a");
        assert_eq!(detect(&page), analyze(&page).detection, "{file}");
    }
}

#[test]
fn empty_and_odd_pages_are_other() {
    for page in [
        Page::default(),
        Page {
            title: "Privacy Policy".into(),
            ..Page::default()
        },
    ] {
        let detection = detect(&page);
        assert!(!detection.is_policy, "{:?}", detection.signals);
    }
}
