//! The shipped classifier on clauses written for these tests in the style of real policies.

use policylens::classify::{Classifier, Labels};
use policylens::lexicon::Lexicon;
use policylens::text::Segment;
use policylens::Category;

fn segment(text: &str, heading: Option<&str>, lead_in: Option<&str>) -> Segment {
    Segment {
        block: 0,
        text: text.to_string(),
        heading: heading.map(str::to_string),
        lead_in: lead_in.map(str::to_string),
    }
}

fn ids(labels: &Labels) -> Vec<&'static str> {
    labels.categories.iter().map(|c| c.id()).collect()
}

/// (clause, categories it must get, categories it must not get).
const CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "We collect your name, email address and payment details when you create an account.",
        &["first_party_collection"],
        &["data_security", "policy_change"],
    ),
    (
        "We may share your information with advertising partners and analytics providers.",
        &["third_party_sharing"],
        &["data_retention"],
    ),
    // Sharing-denial is still a statement about sharing; the facts layer reads the negation.
    (
        "We will never sell your personal information to third parties.",
        &["third_party_sharing"],
        &["do_not_track"],
    ),
    (
        "You can opt out of marketing emails at any time by clicking the unsubscribe link.",
        &["user_choice"],
        &["data_security"],
    ),
    (
        "You may access, correct or delete your personal information in your account settings.",
        &["user_access"],
        &["policy_change"],
    ),
    (
        "We retain your personal data only as long as necessary and delete it when no longer needed.",
        &["data_retention"],
        &["do_not_track"],
    ),
    (
        "We use encryption and secure servers to protect your data against unauthorized access.",
        &["data_security"],
        &["user_choice"],
    ),
    (
        "We may change this privacy policy from time to time and will post the revised version here.",
        &["policy_change"],
        &["data_security"],
    ),
    (
        "Our website does not respond to Do Not Track signals sent by your browser.",
        &["do_not_track"],
        &["data_retention"],
    ),
    // A denial of cross-site tracking is what Do Not Track statements are about: it is labelled
    // do_not_track (the category says what the clause is about, not whether it is good news).
    (
        "We do not track you across sites.",
        &["do_not_track"],
        &["third_party_sharing"],
    ),
    (
        "Our services are not directed to children under the age of 13.",
        &["specific_audiences"],
        &["policy_change"],
    ),
    (
        "If you have any questions about this policy, please contact us at privacy@example.com.",
        &["other"],
        &["data_security", "first_party_collection"],
    ),
];

#[test]
fn clauses_get_their_categories() {
    let classifier = Classifier::shipped();
    for &(text, want, not) in CASES {
        let labels = classifier.classify(&segment(text, None, None));
        let got = ids(&labels);
        for id in want {
            assert!(got.contains(id), "{text:?}: want {id}, got {got:?}");
        }
        for id in not {
            assert!(!got.contains(id), "{text:?}: unexpected {id} in {got:?}");
        }
    }
}

#[test]
fn evidence_explains_every_label() {
    let classifier = Classifier::shipped();
    for &(text, _, _) in CASES {
        let labels = classifier.classify(&segment(text, None, None));
        for category in &labels.categories {
            let evidence: Vec<_> = labels
                .evidence
                .iter()
                .filter(|e| e.category == category.id())
                .collect();
            assert!(
                !evidence.is_empty(),
                "{text:?}: no evidence for {category:?}"
            );
            assert!(evidence.len() <= 6, "{text:?}: too much evidence");
            let folded = policylens::text::fold_stemmed(text);
            for e in evidence {
                assert!(e.weight > 0.0, "{text:?}: {e:?}");
                assert!(
                    folded.contains(&policylens::lexicon::needle(&e.phrase)),
                    "{e:?} not in {text:?}"
                );
            }
        }
    }
    let labels = classifier.classify(&segment(
        "Our website does not respond to Do Not Track signals sent by your browser.",
        None,
        None,
    ));
    assert!(labels
        .evidence
        .iter()
        .any(|e| e.category == "do_not_track" && e.phrase == "do not track"));
}

#[test]
fn nothing_recognised_falls_back_to_other() {
    let classifier = Classifier::shipped();
    for text in ["", "   ", "Lorem ipsum", "\u{200B}\u{FEFF}", "1234 5678"] {
        let labels = classifier.classify(&segment(text, None, None));
        assert!(!labels.categories.is_empty(), "{text:?}");
    }
    let labels = classifier.classify(&segment("Welcome!", None, None));
    assert_eq!(labels.categories, vec![Category::Other]);
}

#[test]
fn heading_and_lead_in_add_context() {
    let classifier = Classifier::shipped();
    let text = "Log files are kept for ninety days.";
    let plain = classifier.classify(&segment(text, None, None));
    let headed = classifier.classify(&segment(text, Some("Data Retention"), None));
    let i = Category::DataRetention.index();
    assert!(headed.scores[i] > plain.scores[i]);
    assert!(
        ids(&headed).contains(&"data_retention"),
        "{:?}",
        ids(&headed)
    );
    assert!(headed
        .evidence
        .iter()
        .any(|e| e.phrase == "retention" && e.category == "data_retention"));

    let item = "your email address and phone number";
    let alone = classifier.classify(&segment(item, None, None));
    let listed = classifier.classify(&segment(
        item,
        None,
        Some("We collect the following information when you register:"),
    ));
    let i = Category::FirstPartyCollection.index();
    assert!(listed.scores[i] > alone.scores[i]);
}

#[test]
fn long_and_hostile_text_does_not_panic() {
    let classifier = Classifier::shipped();
    let long = "we collect data ".repeat(20_000);
    let labels = classifier.classify(&segment(&long, Some(&long), Some(&long)));
    assert!(!labels.categories.is_empty());
    let odd = "\u{0}\u{1F600}ß ÄÖÜ İ \u{202E} don't ''' --- ";
    assert!(!classifier
        .classify(&segment(odd, Some(odd), Some(odd)))
        .categories
        .is_empty());
}

#[test]
fn shipped_lexicon_is_reviewable_and_small() {
    let start = std::time::Instant::now();
    let lexicon = Lexicon::shipped();
    let classifier = Classifier::new(&lexicon);
    eprintln!(
        "lexicon: {} entries, {} phrases, automaton {} bytes, built in {:?}",
        lexicon.entries.len(),
        classifier.phrase_count(),
        classifier.automaton_bytes(),
        start.elapsed()
    );
    for category in Category::ALL {
        let n = lexicon
            .entries
            .iter()
            .filter(|e| e.category == category)
            .count();
        assert!((20..=1_100).contains(&n), "{}: {n} entries", category.id());
    }
    assert!(lexicon.entries.iter().all(|e| e.weight.is_finite()));
    assert!(lexicon.entries.iter().any(|e| e.curated));
    assert!(classifier.phrase_count() <= 6_000);
    assert!(classifier.automaton_bytes() < 2_000_000);
}

#[test]
fn bad_heading_table_lines_are_reported() {
    let err = Lexicon::default()
        .with_headings("security\tno_such_category\t1\n")
        .unwrap_err();
    assert_eq!(err.to_string(), "headings.tsv:1: unknown category");
    let err = Lexicon::default()
        .with_headings("security\t1\n")
        .unwrap_err();
    assert!(err.to_string().contains("expected phrase"));
}

/// A clause that says little on its own takes the topic of the clauses around it on a page.
#[test]
fn neighbours_decide_a_vague_clause() {
    let classifier = Classifier::shipped();
    let vague = "Backup copies are handled the same way.";
    let retention = [
        "We retain your personal data only as long as necessary to provide the services.",
        "We delete your account data within 30 days after you close your account.",
    ];
    let collection = [
        "We collect your name, email address and phone number when you register.",
        "We also collect your IP address, browser type and device identifiers automatically.",
    ];
    let in_page = |around: [&str; 2]| {
        let page = [around[0], vague, around[1]].map(|t| segment(t, None, None));
        ids(&classifier.classify_page(&page)[1])
    };
    assert_eq!(
        ids(&classifier.classify(&segment(vague, None, None))),
        ["other"]
    );
    assert_eq!(in_page(retention), ["data_retention"]);
    assert!(!in_page(collection).contains(&"data_retention"));
    // The evidence is still phrases of the clause itself.
    let page = [retention[0], vague, retention[1]].map(|t| segment(t, None, None));
    let folded = policylens::text::fold_stemmed(vague);
    for e in &classifier.classify_page(&page)[1].evidence {
        assert!(
            folded.contains(&policylens::lexicon::needle(&e.phrase)),
            "{e:?}"
        );
    }
}

#[test]
fn bad_context_lines_are_reported() {
    let err = Lexicon::default()
        .with_context("data_retention\t3\t0.1\n")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "context.tsv:1: offset must be -2, -1, 1 or 2"
    );
    let err = Lexicon::default()
        .with_context("data_retention\t-1\n")
        .unwrap_err();
    assert!(err.to_string().contains("expected category"));
}

#[test]
fn a_learned_phrase_found_n_times_counts_one_plus_ln_n_times() {
    let lexicon = Lexicon::parse(
        &[
            (Category::DataRetention, "retai*\t1\tlearned\n"),
            (Category::DataSecurity, "encrypt\t1\tcurated\n"),
        ],
        "",
    )
    .unwrap();
    let classifier = Classifier::new(&lexicon);
    let score = |text: &str, category: Category| {
        classifier.classify(&segment(text, None, None)).scores[category.index()]
    };
    // Two words: 2 + 1 word 1-3-gram positions, so learned weights are scaled by 1/sqrt(3).
    let scale = 1.0 / 3f32.sqrt();
    assert!(
        (score("retained retaining", Category::DataRetention) - (1.0 + 2f32.ln()) * scale).abs()
            < 1e-6
    );
    assert!((score("retained forever", Category::DataRetention) - scale).abs() < 1e-6);
    // A curated phrase counts once, unscaled.
    assert_eq!(score("encrypt encrypt", Category::DataSecurity), 1.0);
}
