//! Facts from clauses written in the style of real policies: negation, hedging, conflicts,
//! lists with lead-ins, dates, retention, ages, frameworks and named services.

use policylens::facts::{clauses_of, FactExtractor};
use policylens::report::{Answer, ChangeNotice, Facts};
use policylens::{text, Block, Page};

fn page(lang: &str, blocks: Vec<Block>) -> Page {
    Page {
        url: "https://example.test/privacy".into(),
        title: "Privacy Policy".into(),
        lang: lang.into(),
        blocks,
    }
}

fn paragraphs(texts: &[&str]) -> Page {
    page("en", texts.iter().map(|t| Block::new("p", 0, *t)).collect())
}

fn facts_of(page: &Page) -> Facts {
    static EXTRACTOR: std::sync::OnceLock<FactExtractor> = std::sync::OnceLock::new();
    EXTRACTOR
        .get_or_init(FactExtractor::new)
        .extract(page, &text::segment(page))
}

fn facts(texts: &[&str]) -> Facts {
    facts_of(&paragraphs(texts))
}

struct AnswerCase {
    desc: &'static str,
    clauses: &'static [&'static str],
    expected: Answer,
}

fn check_answers(field: &str, get: fn(&Facts) -> Answer, cases: &[AnswerCase]) {
    for case in cases {
        let f = facts(case.clauses);
        assert_eq!(get(&f), case.expected, "{field}: {}", case.desc);
        let evidence = clauses_of(&f, field);
        if case.expected == Answer::NotMentioned {
            assert!(
                evidence.is_empty(),
                "{field}: {} has no evidence",
                case.desc
            );
        } else {
            assert!(
                !evidence.is_empty(),
                "{field}: {} names its clause",
                case.desc
            );
        }
        if case.expected == Answer::Unclear && case.clauses.len() == 2 {
            assert_eq!(evidence, [0, 1], "{field}: {} keeps both sides", case.desc);
        }
    }
}

#[test]
fn sells_data() {
    use Answer::*;
    let cases = [
        AnswerCase { desc: "plain denial with a verb list", clauses: &["We do not sell, rent or lease your personal information to third parties."], expected: No },
        AnswerCase { desc: "never + passive", clauses: &["Your personal data will never be sold to anyone."], expected: No },
        AnswerCase { desc: "contraction", clauses: &["We don't sell your data."], expected: No },
        AnswerCase { desc: "hedged sale is a sale", clauses: &["We may sell or rent your email address to carefully selected partners."], expected: Yes },
        AnswerCase { desc: "CCPA past-year disclosure", clauses: &["In the preceding twelve months we have sold the following categories of personal information: identifiers and internet activity."], expected: Yes },
        AnswerCase { desc: "sharing deemed a sale", clauses: &["Sharing cookie data with advertising partners may be considered a \"sale\" under California law."], expected: Yes },
        AnswerCase { desc: "conflict is unclear", clauses: &["We do not sell your personal information.", "We may sell aggregated profiles of our users to data brokers."], expected: Unclear },
        AnswerCase { desc: "Do Not Sell link alone", clauses: &["Do Not Sell or Share My Personal Information"], expected: Yes },
        AnswerCase { desc: "Do Not Sell link beside a denial", clauses: &["We do not sell your personal information.", "Do Not Sell My Personal Information"], expected: Unclear },
        AnswerCase { desc: "generic right to opt out of sale", clauses: &["California residents have the right to opt out of the sale of their personal information."], expected: Unclear },
        AnswerCase { desc: "merger is not a sale of data", clauses: &["If our business is sold or merged, your information may be transferred to the buyer as part of that transaction."], expected: NotMentioned },
        AnswerCase { desc: "selling products is not selling data", clauses: &["We sell products and services through our website and collect information to ship your order."], expected: NotMentioned },
        AnswerCase { desc: "Federal Trade Commission", clauses: &["Visit the Federal Trade Commission website for information on identity theft."], expected: NotMentioned },
        AnswerCase { desc: "agents restricted from selling", clauses: &["Our agents are restricted from using, selling or disclosing this data for any other purpose."], expected: No },
        AnswerCase { desc: "a question is not a statement", clauses: &["Do we sell your personal information?"], expected: NotMentioned },
        AnswerCase { desc: "conditional presupposes the sale", clauses: &["If you do not want us to sell your personal information, use the form below."], expected: Yes },
    ];
    check_answers("sells_data", |f| f.sells_data, &cases);
}

#[test]
fn targeted_advertising() {
    use Answer::*;
    let cases = [
        AnswerCase { desc: "hedged tailored ads", clauses: &["We may share information with advertising partners to show you ads tailored to your interests."], expected: Yes },
        AnswerCase { desc: "interest-based ads", clauses: &["Our partners use cookies to deliver interest-based advertising."], expected: Yes },
        AnswerCase { desc: "denial", clauses: &["We do not use your personal data for targeted advertising."], expected: No },
        AnswerCase { desc: "opt-out page of the industry", clauses: &["You can learn more at www.aboutads.info/choices."], expected: Yes },
        AnswerCase { desc: "named ad service", clauses: &["This site shows ads served by Google AdSense and Criteo."], expected: Yes },
        AnswerCase { desc: "conflict", clauses: &["We never show personalized ads.", "Third-party ad networks may use your browsing history for retargeting."], expected: Unclear },
        AnswerCase { desc: "newsletters are not ads", clauses: &["We send a newsletter to subscribers every week."], expected: NotMentioned },
    ];
    check_answers("targeted_advertising", |f| f.targeted_advertising, &cases);
}

#[test]
fn cookies_transfer_and_law_enforcement() {
    use Answer::*;
    check_answers(
        "cookies",
        |f| f.cookies,
        &[
            AnswerCase {
                desc: "uses cookies",
                clauses: &["We use cookies and web beacons to remember your preferences."],
                expected: Yes,
            },
            AnswerCase {
                desc: "no cookies at all",
                clauses: &["This website does not use cookies."],
                expected: No,
            },
            AnswerCase {
                desc: "purpose-limited denial still uses cookies",
                clauses: &["We do not use cookies to collect personally identifiable information."],
                expected: Yes,
            },
        ],
    );
    check_answers(
        "international_transfer",
        |f| f.international_transfer,
        &[
            AnswerCase { desc: "transfer to the US", clauses: &["Your information may be transferred to and processed in the United States and other countries."], expected: Yes },
            AnswerCase { desc: "SCCs", clauses: &["Where we move data, we rely on Standard Contractual Clauses approved by the European Commission."], expected: Yes },
            AnswerCase { desc: "kept local", clauses: &["All customer data is stored exclusively in Germany."], expected: No },
            AnswerCase { desc: "denied", clauses: &["We do not transfer your personal data outside the European Economic Area."], expected: No },
        ],
    );
    check_answers(
        "law_enforcement_disclosure",
        |f| f.law_enforcement_disclosure,
        &[
            AnswerCase { desc: "required by law", clauses: &["We may disclose your information if required by law or in response to a subpoena."], expected: Yes },
            AnswerCase { desc: "exception to a denial", clauses: &["We will not share your information with anyone except when we are compelled by law to do so."], expected: Yes },
            AnswerCase { desc: "silence", clauses: &["We collect your email address."], expected: NotMentioned },
        ],
    );
}

#[test]
fn data_collected_from_sentences_lists_and_tables() {
    let f = facts(&["We collect your name, e-mail address and phone number when you register."]);
    assert_eq!(f.data_collected, ["name", "email", "phone"]);
    assert_eq!(clauses_of(&f, "data_collected:phone"), [0]);

    let f = facts(&[
        "We do not collect health data or biometric identifiers. We collect your IP address.",
    ]);
    assert_eq!(
        f.data_collected,
        ["ip_address"],
        "negated collection is not collection"
    );

    let f = facts(&["We use your email to reply and may ask for your date of birth, but we never ask for your social security number."]);
    assert_eq!(f.data_collected, ["email", "birth_date"]);

    let f = facts(&[
        "Please address your questions to our team. We log the domain name of your provider.",
    ]);
    assert!(
        f.data_collected.is_empty(),
        "false friends: {:?}",
        f.data_collected
    );

    let list = page(
        "en",
        vec![
            Block::new("p", 0, "When you place an order, we collect the following:"),
            Block::new("li", 1, "Your shipping address and billing address"),
            Block::new("li", 1, "Your credit card number"),
            Block::new("li", 1, "Precise GPS location, if you allow it"),
            Block::new("p", 0, "We do not collect:"),
            Block::new("li", 1, "Fingerprints or other biometric data"),
        ],
    );
    let f = facts_of(&list);
    assert_eq!(f.data_collected, ["postal_address", "payment", "location"]);
    assert_eq!(clauses_of(&f, "data_collected:payment"), [2]);

    let table = page(
        "en",
        vec![
            Block::new("h2", 2, "Categories of personal information we collect"),
            Block::new("td", 0, "Identifiers"),
            Block::new(
                "td",
                0,
                "Device identifiers, IP address, advertising identifier",
            ),
            Block::new("td", 0, "Professional information"),
            Block::new("td", 0, "Job title and employer"),
        ],
    );
    let f = facts_of(&table);
    assert_eq!(
        f.data_collected,
        ["device_id", "ip_address", "professional"]
    );

    // Two tables without lead-ins: each reads its own heading.
    let tables = page(
        "en",
        vec![
            Block::new("h2", 2, "Personal information we collect"),
            Block::new("td", 0, "Contact details such as your email address"),
            Block::new("h2", 2, "Our office"),
            Block::new("td", 0, "Our postal address and phone number"),
            Block::new("h2", 2, "Information we collect from partners"),
            Block::new("td", 0, "Your IP address"),
        ],
    );
    let f = facts_of(&tables);
    assert_eq!(f.data_collected, ["email", "ip_address"]);
    assert_eq!(clauses_of(&f, "data_collected:ip_address"), [2]);
}

#[test]
fn third_parties_named_only() {
    let f = facts(&[
        "We use Google Analytics, Hotjar and the Facebook Pixel to understand how visitors use the site.",
        "Payments are processed by Stripe and PayPal.",
        "Each segment of our audience receives a different branch of the newsletter.",
        "To change settings in Google Chrome or Adobe Flash Player, see their help pages.",
    ]);
    assert_eq!(
        f.third_parties,
        [
            "Google Analytics",
            "Hotjar",
            "Meta Pixel",
            "Stripe",
            "PayPal"
        ]
    );
    assert_eq!(clauses_of(&f, "third_parties:Stripe"), [1]);
    let mut own = paragraphs(&["Google may use Google Analytics data to improve Google services."]);
    own.url = "https://policies.google.com/privacy".into();
    assert_eq!(
        facts_of(&own).third_parties,
        ["Google Analytics"],
        "the site itself is not a third party"
    );
    let f = facts(&["Our analytics partners include Mixpanel and Segment."]);
    assert_eq!(f.third_parties, ["Mixpanel", "Segment"]);
}

#[test]
fn retention_periods_in_days() {
    struct Case {
        clause: &'static str,
        expected: &'static [(&'static str, Option<u32>)],
    }
    let cases = [
        Case {
            clause: "We retain account data for 3 years after your last login.",
            expected: &[("3 years", Some(1095))],
        },
        Case {
            clause: "Analytics cookies expire after 13 months.",
            expected: &[("13 months", Some(395))],
        },
        Case {
            clause: "Server logs are deleted after ninety (90) days.",
            expected: &[("ninety (90) days", Some(90))],
        },
        Case {
            clause: "We keep your information for as long as necessary to provide the service.",
            expected: &[("as long as necessary", None)],
        },
        Case {
            clause: "Chat transcripts are stored for twenty-four months.",
            expected: &[("twenty-four months", Some(730))],
        },
        Case {
            // A long open-ended period is quoted up to a whole word, not cut inside one.
            clause: "We keep account information for as long as your account is open and delete it within 90 days after you close it.",
            expected: &[
                ("90 days", Some(90)),
                ("for as long as your account is open and delete it within 90 days after you", None),
            ],
        },
        Case {
            clause: "We will respond to deletion requests within 30 days.",
            expected: &[],
        },
        Case {
            clause: "We do not knowingly store data of children under 13 years of age.",
            expected: &[],
        },
        Case {
            clause: "In the preceding 12 months we have stored these categories.",
            expected: &[],
        },
    ];
    for case in cases {
        let f = facts(&[case.clause]);
        let got: Vec<(&str, Option<u32>)> = f
            .retention
            .iter()
            .map(|r| (r.text.as_str(), r.days))
            .collect();
        assert_eq!(got, case.expected, "{}", case.clause);
        assert!(f.retention.iter().all(|r| r.clause == 0));
    }
}

#[test]
fn user_rights_from_gdpr_ccpa_and_plain_wording() {
    let cases: &[(&str, &[&str])] = &[
        ("You have the right to access, rectify or erase your personal data and the right to data portability.", &["access", "rectification", "deletion", "portability"]),
        ("You can ask us to remove your information at any time.", &["deletion"]),
        ("You may object to the processing of your data and request restriction of processing.", &["objection", "restriction"]),
        ("You may withdraw your consent at any time.", &["withdraw_consent"]),
        ("You can unsubscribe from marketing emails using the link in each email.", &["opt_out"]),
        ("We will not discriminate against you for exercising your rights.", &["non_discrimination"]),
        ("You have the right to lodge a complaint with a supervisory authority.", &["complaint"]),
        ("You cannot delete your account once it has been verified.", &[]),
        ("We delete inactive accounts after two years.", &[]),
        ("We restrict access to your personal information to employees who need to know it.", &[]),
    ];
    for (clause, expected) in cases {
        let f = facts(&[clause]);
        assert_eq!(f.user_rights, *expected, "{clause}");
    }
}

#[test]
fn children_ages() {
    let cases: &[(&str, Option<u32>)] = &[
        ("Our service is not directed to children under 13.", Some(13)),
        ("We do not knowingly collect data from anyone under the age of 16.", Some(16)),
        ("You must be at least 18 years old to use the service. We do not knowingly collect information from children under 13.", Some(13)),
        ("Cookies are kept for over 13 months.", None),
        ("Our office has 13 employees.", None),
    ];
    for (clause, expected) in cases {
        assert_eq!(facts(&[clause]).children_min_age, *expected, "{clause}");
    }
}

#[test]
fn frameworks_with_exact_names() {
    let f = facts(&[
        "We process data under Regulation (EU) 2016/679 (the General Data Protection Regulation) and the UK GDPR.",
        "California residents have rights under the California Consumer Privacy Act as amended by the CPRA.",
        "We comply with COPPA and participate in the EU-U.S. Privacy Shield and the Swiss-U.S. Privacy Shield.",
        "Our clinics follow HIPAA; Canadian users are covered by PIPEDA; Brazil's LGPD applies to Brazilian users.",
        "We comply with the EU-U.S. Data Privacy Framework and previously the U.S.-EU Safe Harbor Framework.",
        "Colorado residents have rights under the Colorado Privacy Act; Virginia residents under the VCDPA.",
    ]);
    assert_eq!(
        f.frameworks,
        [
            "GDPR",
            "UK-GDPR",
            "CCPA",
            "CPRA",
            "COPPA",
            "EU-US Privacy Shield",
            "Swiss-US Privacy Shield",
            "HIPAA",
            "PIPEDA",
            "LGPD",
            "EU-US Data Privacy Framework",
            "Safe Harbor",
            "CPA",
            "VCDPA"
        ]
    );
    assert_eq!(clauses_of(&f, "frameworks:HIPAA"), [3]);
    assert!(facts(&["Our harbor is safe and the shield is strong."])
        .frameworks
        .is_empty());
}

#[test]
fn effective_dates() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("en", "Effective December 28, 2016", Some("2016-12-28")),
        ("en", "Last updated 01 March 2023", Some("2023-03-01")),
        ("en", "Effective date: Sept 1, 2021", Some("2021-09-01")),
        ("en-US", "Last modified 03/01/2023", Some("2023-03-01")),
        ("en-GB", "Last modified 03/01/2023", Some("2023-01-03")),
        ("fr", "Last modified 03/01/2023", Some("2023-01-03")),
        ("en", "Effective February 30, 2021", None),
        ("en", "We were founded on March 3, 2001.", None),
    ];
    for (lang, clause, expected) in cases {
        let f = facts_of(&page(lang, vec![Block::new("p", 0, *clause)]));
        assert_eq!(f.effective_date.as_deref(), *expected, "{lang}: {clause}");
    }
    // Another date on the page proves day-first order even for a US-English page.
    let f = facts_of(&page(
        "en-US",
        vec![
            Block::new("p", 0, "Last updated: 04/05/2022"),
            Block::new("p", 0, "The previous version was published on 25/12/2020."),
        ],
    ));
    assert_eq!(f.effective_date.as_deref(), Some("2022-05-04"));
    // A date in a heading counts and links to the first clause below it.
    let f = facts_of(&page(
        "en",
        vec![
            Block::new("h1", 1, "Privacy Policy"),
            Block::new("h3", 3, "Last revised on July 4, 2019"),
            Block::new("p", 0, "We collect your email address."),
        ],
    ));
    assert_eq!(f.effective_date.as_deref(), Some("2019-07-04"));
    assert_eq!(clauses_of(&f, "effective_date"), [0]);
}

#[test]
fn change_notice_kinds() {
    let cases: &[(&str, ChangeNotice)] = &[
        (
            "We will post any changes to this privacy policy on this page.",
            ChangeNotice::Posted,
        ),
        (
            "If we make material changes to this policy, we will notify you by email.",
            ChangeNotice::Email,
        ),
        (
            "We will give you at least 30 days' notice before changes to this policy take effect.",
            ChangeNotice::Advance,
        ),
        (
            "We may change this policy at any time without notice.",
            ChangeNotice::None,
        ),
        ("We collect your email address.", ChangeNotice::NotMentioned),
    ];
    for (clause, expected) in cases {
        assert_eq!(facts(&[clause]).change_notice, *expected, "{clause}");
    }
}

#[test]
fn contacts_are_emails_and_contact_urls() {
    let f = facts(&[
        "Questions? Contact our privacy team at privacy@example.test or https://example.test/privacy-request.",
        "Learn about ad choices at https://optout.example.org.",
    ]);
    assert_eq!(
        f.contacts,
        [
            "privacy@example.test",
            "https://example.test/privacy-request"
        ]
    );
    assert_eq!(clauses_of(&f, "contacts:privacy@example.test"), [0]);

    let f = facts(&[
        "Write to dpo@example.test. or legal.team+privacy@mail.example.co.uk, not to @example.",
        "Our old address user@@example.test and user@localhost no longer work.",
    ]);
    assert_eq!(
        f.contacts,
        ["dpo@example.test", "legal.team+privacy@mail.example.co.uk"]
    );
}

#[test]
fn every_fact_names_clauses_inside_the_page() {
    let f = facts(&[
        "Last updated: March 1, 2024",
        "We collect your name and email address. We do not sell your personal information.",
        "We use Google Analytics. We keep logs for 30 days. You can delete your account.",
    ]);
    let facts: Vec<&str> = f.evidence.iter().map(|e| e.fact.as_str()).collect();
    for expected in [
        "effective_date",
        "data_collected:name",
        "data_collected:email",
        "sells_data",
        "third_parties:Google Analytics",
        "retention",
        "user_rights:deletion",
    ] {
        assert!(facts.contains(&expected), "{expected} in {facts:?}");
    }
    for source in &f.evidence {
        assert!(!source.clauses.is_empty(), "{}", source.fact);
        assert!(source.clauses.iter().all(|&c| c < 3), "{}", source.fact);
    }
}

/// Sale: verb lists, exceptions, bulleted denials, look-alikes and scope (GRADING.md).
#[test]
fn sale_scope_negation_and_look_alikes() {
    use Answer::*;
    let cases = [
        AnswerCase { desc: "denial of a customer list with three verbs", clauses: &["Our store does not sell, rent or lease its customer lists to anyone."], expected: No },
        AnswerCase { desc: "denial with an exception for delivery", clauses: &["Information you give us will not be sold for any reason, other than to ship the item you bought."], expected: No },
        AnswerCase { desc: "denial with a pronoun object", clauses: &["We keep your order history on file. We do not sell or share any of it."], expected: No },
        AnswerCase { desc: "denial 'unless' stays a denial", clauses: &["We never sell personal data unless you ask us to pass it to a partner."], expected: No },
        AnswerCase { desc: "trade union in a GDPR list", clauses: &["We do not process special categories of data such as political opinions, religious beliefs or trade union membership."], expected: NotMentioned },
        AnswerCase { desc: "trade shows", clauses: &["We collect business cards from visitors at trade shows and conferences."], expected: NotMentioned },
        AnswerCase { desc: "renting office space", clauses: &["The company rents a designated space in a shared data center where the servers holding this information run."], expected: NotMentioned },
        AnswerCase { desc: "sale of the business in an insolvency", clauses: &["In an insolvency, a receiver may sell or otherwise transfer our assets, including information about users, to a buyer."], expected: NotMentioned },
        AnswerCase { desc: "anonymous statistics beside a denial", clauses: &["We will not rent or sell your personal information to others.", "We may sell aggregated, anonymous data about our visitors as a group to sponsors."], expected: No },
        AnswerCase { desc: "children's data only is no general answer", clauses: &["We do not sell the personal information of children under 16."], expected: NotMentioned },
        AnswerCase { desc: "personal or medical information is general", clauses: &["We do not sell your personal or medical information to anyone."], expected: No },
    ];
    check_answers("sells_data", |f| f.sells_data, &cases);
}

#[test]
fn sale_denied_in_a_bulleted_list() {
    let page = page(
        "en",
        vec![
            Block::new("p", 0, "The shop does not:"),
            Block::new("li", 1, "sell your personal information to data brokers;"),
            Block::new("li", 1, "show you ads based on your purchases."),
        ],
    );
    let f = facts_of(&page);
    assert_eq!(f.sells_data, Answer::No);
    assert_eq!(f.targeted_advertising, Answer::No);
}

#[test]
fn targeted_advertising_reworded_and_by_partners() {
    use Answer::*;
    let cases = [
        AnswerCase { desc: "partners show ads tailored to interests", clauses: &["Third-party companies display ads on our pages tailored to your interests."], expected: Yes },
        AnswerCase { desc: "banners chosen from activity", clauses: &["Cookies help us display the most appropriate banners based on your activity on the site."], expected: Yes },
        AnswerCase { desc: "visits to this and other sites", clauses: &["An ad provider may use information about your visits to this and other websites to choose ads."], expected: Yes },
        AnswerCase { desc: "ad service named only as not used", clauses: &["We have not enabled DoubleClick on this site."], expected: NotMentioned },
        AnswerCase { desc: "health data excluded from ads, general yes stands", clauses: &["We show interest-based ads on our site.", "We never use your health data for targeted advertising."], expected: Yes },
        AnswerCase { desc: "house ads with no targeting", clauses: &["We display banners for our own events on the home page."], expected: NotMentioned },
    ];
    check_answers("targeted_advertising", |f| f.targeted_advertising, &cases);
}

#[test]
fn change_notice_methods_by_scope() {
    let cases: &[(&[&str], ChangeNotice)] = &[
        (&["We may change this policy. We will alert you by sending you a notification."], ChangeNotice::Email),
        (&["We may revise this policy. Revisions take effect 30 days after notifying you."], ChangeNotice::Advance),
        (&["We may update this statement. Please inform yourself regularly on this page."], ChangeNotice::Posted),
        (&["We will notify you of changes to this policy by posting a notice on our home page."], ChangeNotice::Posted),
        (&["We may amend this policy without notice to you."], ChangeNotice::None),
        (
            &[
                "We may update this privacy policy from time to time and will post it here.",
                "You can change your e-mail preferences in your account at any time.",
            ],
            ChangeNotice::Posted,
        ),
        (&["If you update your email address in your account, we will send you a confirmation e-mail."], ChangeNotice::NotMentioned),
    ];
    for (clauses, expected) in cases {
        assert_eq!(facts(clauses).change_notice, *expected, "{clauses:?}");
    }
}

#[test]
fn user_rights_wordings_and_look_alikes() {
    let cases: &[(&str, &[&str])] = &[
        ("If your details change, you may correct and/or update them by writing to us.", &["rectification"]),
        ("Members can review, access, amend or correct their profile at any time.", &["access", "rectification"]),
        ("You can have your personal information removed from our records by contacting support.", &["deletion"]),
        ("You may receive a copy of your data and transmit that copy to another data controller.", &["access", "portability"]),
        ("You can export your posts and settings as a ZIP file from the account page.", &["portability"]),
        ("If you want to close your account, call our service desk.", &["deletion"]),
        ("We use cookies to access your information when you sign in.", &[]),
        ("Our contractors have access to your personal information to provide support.", &[]),
        ("You can disable cookies in your browser settings.", &[]),
        ("You may remove your name from postal lists we rent to other companies.", &[]),
        ("We reserve the right to access and share your information to protect our users.", &[]),
        ("You can refuse non-essential cookies in our cookie settings.", &["opt_out"]),
    ];
    for (clause, expected) in cases {
        let f = facts(&[clause]);
        assert_eq!(f.user_rights, *expected, "{clause}");
    }
}

#[test]
fn data_collected_by_whom_and_in_prose() {
    let browsing = facts(&[
        "Our server logs how long each visitor stayed and what pages of the site were visited.",
    ]);
    assert_eq!(browsing.data_collected, ["browsing"]);
    let duty = facts(&["Customers must follow applicable laws when collecting personal and health information from their patients."]);
    assert!(
        !duty.data_collected.contains(&"health".to_string()),
        "{:?}",
        duty.data_collected
    );
    let ours = facts(&["We collect health information you enter in the symptom tracker."]);
    assert_eq!(ours.data_collected, ["health"]);
    let modifier = facts(&["We honor all email unsubscribe requests within ten days."]);
    assert!(
        modifier.data_collected.is_empty(),
        "{:?}",
        modifier.data_collected
    );
    let zip = facts(&["We ask for your zip code to find the nearest store."]);
    assert_eq!(zip.data_collected, ["postal_address"]);
}

#[test]
fn retention_in_tables_and_by_deletion() {
    let table = page(
        "en",
        vec![
            Block::new("h2", 2, "How long we keep your data"),
            Block::new("td", 0, "Customer records"),
            Block::new("td", 0, "3 years after last customer contact"),
            Block::new("td", 0, "Server logs"),
            Block::new("td", 0, "1 year"),
        ],
    );
    let f = facts_of(&table);
    let days: Vec<Option<u32>> = f.retention.iter().map(|r| r.days).collect();
    assert_eq!(days, [Some(1095), Some(365)]);
    let purged = facts(&["Survey answers are purged after one calendar year."]);
    assert_eq!(purged.retention[0].days, Some(365));
    let once = facts(&["We delete the child's email address once we have replied."]);
    assert_eq!(once.retention.len(), 1);
    let response =
        facts(&["We will respond to your request within 30 days and keep you informed."]);
    assert!(response.retention.is_empty(), "{:?}", response.retention);
}

#[test]
fn law_enforcement_wordings() {
    use Answer::*;
    let cases = [
        AnswerCase { desc: "the law requires it", clauses: &["We may share your information when we believe in good faith that the law requires it."], expected: Yes },
        AnswerCase { desc: "warranty is no warrant", clauses: &["The content is provided as is, without warranty of any kind, and we give no other assurance."], expected: NotMentioned },
    ];
    check_answers(
        "law_enforcement_disclosure",
        |f| f.law_enforcement_disclosure,
        &cases,
    );
    let lead_in = facts_of(&page(
        "en",
        vec![
            Block::new(
                "p",
                0,
                "We may disclose information to courts and agencies when:",
            ),
            Block::new(
                "li",
                1,
                "we must comply with subpoenas or warrants served on us.",
            ),
        ],
    ));
    assert_eq!(lead_in.law_enforcement_disclosure, Answer::Yes);
}

/// `policylens eval facts` scores a gold file against the pages it names, with the original
/// page preferred and the sanitized text beside it as the fallback.
#[test]
fn eval_facts_cli_scores_gold_against_pages() {
    let dir = std::env::temp_dir().join(format!("policylens-eval-facts-{}", std::process::id()));
    let originals = dir.join("original_policies");
    let sanitized = dir.join("sanitized_policies");
    std::fs::create_dir_all(&originals).unwrap();
    std::fs::create_dir_all(&sanitized).unwrap();
    std::fs::write(
        originals.join("1_shop.example.html"),
        "<html><body><h1>Privacy Policy</h1><p>We use cookies to remember your cart.</p>\
         <p>We may disclose your information if required by law.</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        sanitized.join("2_news.example.html"),
        "Privacy Policy|||We do not use cookies.|||Partners show you ads tailored to your interests.",
    )
    .unwrap();
    let gold = dir.join("gold.csv");
    std::fs::write(
        &gold,
        "policy_id,policy,split,fact,gold\n\
         1,1_shop.example,dev,cookies,yes\n\
         1,1_shop.example,dev,law_enforcement_disclosure,yes\n\
         1,1_shop.example,dev,targeted_advertising,unsure\n\
         2,2_news.example,dev,cookies,yes\n\
         2,2_news.example,dev,targeted_advertising,yes\n\
         2,2_news.example,train,law_enforcement_disclosure,yes\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policylens"))
        .args(["eval", "facts", "--data"])
        .arg(&gold)
        .arg("--pages")
        .arg(&originals)
        .args(["--split", "dev"])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["policies"], 2);
    assert_eq!(
        json["not_from_original"]["2_news.example"],
        "no original page"
    );
    let cookies = &json["per_fact"]["cookies"];
    assert_eq!(
        (cookies["scored"].as_u64(), cookies["accuracy"].as_f64()),
        (Some(2), Some(0.5))
    );
    assert_eq!(cookies["recall"].as_f64(), Some(0.5));
    let ads = &json["per_fact"]["targeted_advertising"];
    assert_eq!(
        (ads["scored"].as_u64(), ads["excluded_unsure"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(ads["f1"].as_f64(), Some(1.0));
    // Three of the four scored pairs are right (the sanitized page denies cookies).
    assert_eq!(json["overall_accuracy"].as_f64(), Some(0.75));
}
