//! Policy-page detection on fixture pages written for these tests (in the style of real pages).

use policylens::read::html::page_from_html;
use policylens::{analyze, detect, Block, Kind, Page};

fn page(file: &str, url: &str) -> Page {
    let path = format!("{}/tests/fixtures/pages/{file}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).expect("fixture");
    page_from_html(&html, url)
}

/// A fixture read the way the CLI reads a file: Markdown, HTML or text by its name.
fn document(file: &str) -> Page {
    let path = format!("{}/tests/fixtures/pages/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    policylens::read::document(&text, file, "")
}

fn has_signal(signals: &[String], prefix: &str) -> bool {
    signals.iter().any(|s| s.starts_with(prefix))
}

/// The privacy score from the `score: privacy X, ...` signal.
fn privacy_score(signals: &[String]) -> f32 {
    signals
        .iter()
        .find_map(|s| s.strip_prefix("score: privacy "))
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.parse().ok())
        .expect("score signal")
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

#[test]
fn title_less_markdown_policies_are_privacy_policies() {
    // Navigation links first, then a `===`-underlined name past the opening blocks.
    let detection = detect(&document("privacy_untitled_nav.md"));
    assert_eq!(
        detection.kind,
        Kind::PrivacyPolicy,
        "{:?}",
        detection.signals
    );
    assert!(has_signal(&detection.signals, "name:name_privacy"));
    assert!(has_signal(&detection.signals, "opening:privacy"));

    // Dutch, no title, no heading: the vocabulary and the opening paragraph carry it.
    let detection = detect(&document("privacy_nl_untitled.md"));
    assert!(
        !has_signal(&detection.signals, "practice=0.0"),
        "{:?}",
        detection.signals
    );
    assert_eq!(
        detection.kind,
        Kind::PrivacyPolicy,
        "{:?}",
        detection.signals
    );
    assert!(has_signal(&detection.signals, "opening:privacy"));
}

#[test]
fn contracts_about_other_peoples_data_are_not_privacy_policies() {
    // A data-processing agreement and a consent policy for publishers are full of personal
    // data vocabulary, but put duties on the reader instead of describing the reader's data.
    for (file, kind) in [
        ("dpa_processor_terms.html", Kind::Terms),
        ("consent_policy_publishers.html", Kind::Terms),
    ] {
        let detection = detect(&page(file, ""));
        assert_eq!(detection.kind, kind, "{file}: {:?}", detection.signals);
        assert!(!detection.is_policy, "{file}");
        let contract = detection
            .signals
            .iter()
            .find_map(|s| s.strip_prefix("contract="))
            .and_then(|s| s.trim_end_matches("/1000w").parse::<f32>().ok())
            .expect("contract signal");
        assert!(contract >= 10.0, "{file}: {:?}", detection.signals);
        // Not a near miss: the privacy score stays far below the threshold.
        assert!(
            privacy_score(&detection.signals) < 0.25,
            "{file}: {:?}",
            detection.signals
        );
    }
}

#[test]
fn a_legal_notice_with_a_personal_data_section_is_not_a_privacy_policy() {
    let mut blocks = vec![
        Block::new("h1", 1, "Legal information"),
        Block::new("h2", 2, "Publisher"),
        Block::new(
            "p",
            0,
            "Tidewater Records SAS, share capital EUR 40 000, 12 rue des Lilas, 75011 Paris. \
             Director of publication: Anne Martel. Hosting: Example Cloud Inc.",
        ),
        Block::new("h2", 2, "Personal data"),
    ];
    for text in [
        "The site does not collect personal data that identifies you unless you are told so \
         before the data is collected; you then learn which answers are required and which \
         third parties receive your personal data.",
        "Third party sites linked from this site may collect personal information; the \
         publisher is not responsible for their use of your personal data, which is governed \
         by their own privacy policy and their data protection officer.",
        "The publisher may compile statistics on the use of the site, the pages viewed and the \
         clicks on advertising, and share them with advertisers and third parties, without any \
         personal data that identifies a visitor.",
        "You may exercise your right to access, rectification and erasure of your personal \
         data, and your right to object, by writing to the publisher; you may also lodge a \
         complaint with the supervisory authority for data protection.",
        "Content published on forums and in chats is public: personal information you post \
         there may be collected by third parties, and the publisher cannot control its use.",
    ] {
        blocks.push(Block::new("p", 0, text));
    }
    let page = Page {
        blocks,
        ..Page::default()
    };
    let detection = detect(&page);
    assert_ne!(
        detection.kind,
        Kind::PrivacyPolicy,
        "{:?}",
        detection.signals
    );
    assert!(has_signal(&detection.signals, "name:name_legal"));
}
