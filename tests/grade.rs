//! Whole small policies, written for these tests, get the grade band and the reasons that
//! GRADING.md promises.

use policylens::facts::FactExtractor;
use policylens::report::{CategorySummary, Detection, Kind};
use policylens::{grade, summary, text, Block, Page};

struct Graded {
    grade: char,
    rules: Vec<(String, i32)>,
    lines: Vec<String>,
    headline: String,
}

/// Grades block texts as a policy of `kind`; `security` says whether the classifier found a
/// data-security clause (kept fixed here so the test does not depend on the lexicon).
fn grade_policy(kind: Kind, security: bool, lang: &str, texts: &[&str]) -> Graded {
    let page = Page {
        url: "https://example.test/privacy".into(),
        title: "Privacy Policy".into(),
        lang: lang.into(),
        blocks: texts.iter().map(|t| Block::new("p", 0, *t)).collect(),
    };
    let segments = text::segment(&page);
    let facts = FactExtractor::new().extract(&page, &segments);
    let categories = vec![CategorySummary {
        id: "data_security".into(),
        label: "Data Security".into(),
        clauses: if security { vec![0] } else { Vec::new() },
        summary: String::new(),
        summary_message: Default::default(),
    }];
    let detection = Detection {
        is_policy: true,
        kind,
        score: 1.0,
        signals: Vec::new(),
    };
    let graded = grade::grade(&detection, &facts, &categories);
    for reason in &graded.reasons {
        assert!(reason.clauses.iter().all(|&c| c < segments.len()));
        assert!(["good", "neutral", "bad", "blocker"].contains(&reason.severity.as_str()));
    }
    let lines = summary::lines(&detection, &facts, &graded);
    assert!(lines.lines.len() <= 6);
    Graded {
        grade: graded.grade,
        rules: graded
            .reasons
            .iter()
            .map(|r| (r.rule.clone(), r.points))
            .collect(),
        lines: lines.lines.into_iter().map(|l| l.text).collect(),
        headline: lines.headline,
    }
}

fn fired(g: &Graded, rule: &str) -> bool {
    g.rules.iter().any(|(r, _)| r == rule)
}

const GOOD: &[&str] = &[
    "Last updated: March 1, 2024",
    "We collect your name and email address when you create an account.",
    "We do not sell, rent or lease your personal information, and we do not use it for targeted advertising.",
    "We keep account data for 2 years after your last login and delete server logs after 30 days.",
    "You have the right to access, correct, export or delete your personal data, and to object to processing.",
    "We protect your data with encryption in transit and at rest.",
    "If we change this policy materially, we will notify you by email 30 days before the changes take effect.",
    "Questions? Write to privacy@example.test.",
];

#[test]
fn clear_policy_without_sale_with_rights_and_retention_gets_a() {
    let g = grade_policy(Kind::PrivacyPolicy, true, "en", GOOD);
    assert_eq!(g.grade, 'A', "{:?}", g.rules);
    for rule in [
        "does_not_sell_data",
        "no_targeted_advertising",
        "can_delete_data",
        "can_access_data",
        "retention_periods_stated",
        "changes_notified",
    ] {
        assert!(fired(&g, rule), "{rule} in {:?}", g.rules);
    }
    assert!(g.rules.iter().all(|(_, p)| *p >= 0), "{:?}", g.rules);
    assert_eq!(g.headline, "No sale, can delete");
    assert_eq!(g.lines[0], "Does not sell your data");
    assert!(
        g.lines.contains(&"Keeps data up to 2 years".to_string()),
        "{:?}",
        g.lines
    );
    assert!(g.lines.contains(&"You can delete your data".to_string()));
}

#[test]
fn a_policy_that_says_little_is_not_good() {
    let g = grade_policy(
        Kind::PrivacyPolicy,
        false,
        "en",
        &[
            "We respect your privacy.",
            "We collect your email address to send our newsletter.",
        ],
    );
    assert!(g.grade >= 'D', "{} {:?}", g.grade, g.rules);
    for rule in [
        "sale_of_data_not_mentioned",
        "no_access_or_deletion_rights",
        "no_retention_statement",
        "no_security_statement",
        "no_privacy_contact",
    ] {
        assert!(fired(&g, rule), "{rule} in {:?}", g.rules);
    }
    assert_eq!(g.headline, "Says little");
    assert!(g
        .lines
        .contains(&"Does not say how long it keeps data".to_string()));
}

#[test]
fn selling_data_is_a_blocker() {
    // Everything else is good, yet the sale caps the grade at D.
    let mut texts = GOOD.to_vec();
    texts[2] = "We may sell your personal information to our marketing partners.";
    let g = grade_policy(Kind::PrivacyPolicy, true, "en", &texts);
    assert_eq!(g.grade, 'D', "{:?}", g.rules);
    assert!(fired(&g, "sells_data"));
    assert_eq!(g.headline, "Sells your data");
    assert_eq!(g.lines[0], "Sells your data");
}

#[test]
fn targeted_ads_and_silence_on_retention_and_rights_grade_low() {
    let g = grade_policy(
        Kind::PrivacyPolicy,
        true,
        "en",
        &[
            "We collect your email address, location and browsing history.",
            "We share information with advertising partners such as Google AdSense and Criteo to show you ads tailored to your interests.",
            "We may change this policy at any time without notice.",
            "Contact us at privacy@example.test.",
        ],
    );
    assert!(g.grade >= 'D', "{} {:?}", g.grade, g.rules);
    assert!(fired(&g, "targeted_advertising"));
    assert!(fired(&g, "changes_without_notice"));
    assert_eq!(g.headline, "Shares for ads");
    assert!(
        g.lines
            .contains(&"Uses your data for targeted ads (Google AdSense, Criteo)".to_string()),
        "{:?}",
        g.lines
    );
    assert!(g
        .lines
        .contains(&"Can change the policy without notice".to_string()));
}

#[test]
fn conflicting_sale_statements_are_unclear_and_cost_points() {
    let mut texts = GOOD.to_vec();
    texts.push("We may sell aggregated profiles of our users to data brokers.");
    let g = grade_policy(Kind::PrivacyPolicy, true, "en", &texts);
    assert!(fired(&g, "sale_of_data_unclear"));
    assert!(!fired(&g, "does_not_sell_data"));
    assert_eq!(g.headline, "Sale unclear");
    assert!(g.grade > 'A');
}

#[test]
fn cookie_policy_is_summarised_by_cookies() {
    let g = grade_policy(
        Kind::CookiePolicy,
        false,
        "en",
        &[
            "We use strictly necessary cookies, analytics cookies and advertising cookies.",
            "Analytics cookies are set by Google Analytics and expire after 13 months.",
            "You can refuse non-essential cookies in our cookie settings or in your browser.",
        ],
    );
    assert!(
        !fired(&g, "no_retention_statement"),
        "privacy-only rules skip cookie policies"
    );
    assert!(fired(&g, "cookie_opt_out_explained"));
    assert!(fired(&g, "cookie_types_explained"));
    assert_eq!(g.lines[0], "Cookies: essential, analytics, advertising");
    assert!(
        g.lines
            .contains(&"Third-party cookies: Google Analytics".to_string()),
        "{:?}",
        g.lines
    );
    assert!(g.lines.contains(&"Explains how to opt out".to_string()));
    assert!(g
        .lines
        .contains(&"Cookies last up to 13 months".to_string()));
}
