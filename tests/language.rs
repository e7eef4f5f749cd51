//! The language of a page, and what policylens claims about a policy it cannot read. The
//! clauses are written for these tests in the style of real policies.

use policylens::lang::{identify, Language};
use policylens::{analyze, Answer, Block, Page};

const ENGLISH: &str = "We collect the information you provide when you create an account, \
    such as your name and email address. We may share it with service providers who process \
    it on our behalf, and we do not sell your personal information to third parties.";
const GERMAN: &str = "Wir verarbeiten Ihre personenbezogenen Daten nur, soweit dies zur \
    Bereitstellung unserer Dienste erforderlich ist. Sie haben das Recht, Auskunft über die \
    bei uns gespeicherten Daten zu verlangen und deren Löschung zu fordern.";
const PORTUGUESE: &str = "Coletamos as informações que você nos fornece quando cria uma conta, \
    como seu nome e endereço de e-mail. Não vendemos seus dados pessoais e podemos \
    compartilhá-los com prestadores de serviços que atuam em nosso nome.";
const ITALIAN: &str = "Raccogliamo i dati che ci fornisci quando crei un account, come il tuo \
    nome e il tuo indirizzo email. Non vendiamo i tuoi dati personali e possiamo condividerli \
    con fornitori di servizi che li trattano per nostro conto.";
const FRENCH: &str = "Nous collectons les informations que vous nous fournissez lorsque vous \
    créez un compte, comme votre nom et votre adresse e-mail. Nous ne vendons pas vos données \
    personnelles et nous pouvons les partager avec des prestataires de services.";
const SPANISH: &str = "Recopilamos la información que usted nos proporciona cuando crea una \
    cuenta, como su nombre y su dirección de correo electrónico. No vendemos sus datos \
    personales y podemos compartirlos con proveedores de servicios que actúan en nuestro nombre.";
const DUTCH: &str = "Wij verzamelen de gegevens die u ons verstrekt wanneer u een account \
    aanmaakt, zoals uw naam en e-mailadres. Wij verkopen uw persoonsgegevens niet en kunnen ze \
    delen met dienstverleners die ze namens ons verwerken.";
const RUSSIAN: &str = "Мы собираем информацию, которую вы предоставляете при создании учетной \
    записи, например ваше имя и адрес электронной почты. Мы не продаем ваши персональные данные \
    третьим лицам.";
const UKRAINIAN: &str = "Ми збираємо інформацію, яку ви надаєте під час створення облікового \
    запису, наприклад ваше ім'я та адресу електронної пошти. Ми не продаємо ваші персональні дані.";
const CHINESE: &str =
    "我们会收集您在创建账户时提供的信息，例如您的姓名和电子邮件地址。我们不会向第三方出售您的\
    个人信息，但可能会与代表我们处理信息的服务提供商共享。";
const JAPANESE: &str = "当社は、お客様がアカウントを作成する際に提供される氏名やメールアドレスなどの情報を収集します。\
    当社はお客様の個人情報を第三者に販売することはありません。";
const KOREAN: &str =
    "회사는 귀하가 계정을 만들 때 제공하는 이름과 이메일 주소 등의 정보를 수집합니다. 회사는 \
    귀하의 개인정보를 제3자에게 판매하지 않습니다.";
const ARABIC: &str = "نقوم بجمع المعلومات التي تقدمها عند إنشاء حساب، مثل اسمك وعنوان بريدك \
    الإلكتروني. نحن لا نبيع بياناتك الشخصية إلى أطراف ثالثة.";
const GREEK: &str = "Συλλέγουμε τις πληροφορίες που μας παρέχετε όταν δημιουργείτε λογαριασμό, \
    όπως το όνομα και τη διεύθυνση ηλεκτρονικού ταχυδρομείου σας. Δεν πωλούμε τα προσωπικά σας \
    δεδομένα.";
const CZECH: &str = "Shromažďujeme informace, které nám poskytnete při vytvoření účtu, například \
    vaše jméno a e-mailovou adresu. Vaše osobní údaje neprodáváme třetím stranám.";

#[test]
fn the_text_names_its_language() {
    let cases: &[(&str, &str, &str)] = &[
        ("", ENGLISH, "en"),
        ("", GERMAN, "de"),
        ("", PORTUGUESE, "pt"),
        ("", ITALIAN, "it"),
        ("", FRENCH, "fr"),
        ("", SPANISH, "es"),
        ("", DUTCH, "nl"),
        ("", RUSSIAN, "ru"),
        ("", CHINESE, "zh"),
        ("", JAPANESE, "ja"),
        ("", KOREAN, "ko"),
        ("", ARABIC, "ar"),
        ("", GREEK, "el"),
        // A template's attribute does not outvote the text.
        ("de", ENGLISH, "en"),
        ("en-US", PORTUGUESE, "pt"),
        ("en", GERMAN, "de"),
        // Among languages of one script, the attribute decides.
        ("uk", UKRAINIAN, "uk"),
        ("", UKRAINIAN, "ru"),
        // A language without a word profile: the attribute names it.
        ("cs-CZ", CZECH, "cs"),
        ("", CZECH, "und"),
    ];
    for &(attribute, text, expected) in cases {
        assert_eq!(
            identify(attribute, [text]).code,
            expected,
            "lang={attribute:?}: {text}"
        );
    }
}

#[test]
fn a_few_words_leave_it_to_the_attribute() {
    assert_eq!(identify("pt-BR", ["Política de Privacidade"]).code, "pt");
    assert_eq!(identify("", ["Privacy Policy"]).code, "und");
}

#[test]
fn only_supported_languages_are_read() {
    assert!(identify("", [ENGLISH]).supported);
    for text in [
        PORTUGUESE, ITALIAN, FRENCH, SPANISH, RUSSIAN, CHINESE, JAPANESE,
    ] {
        assert!(!identify("", [text]).supported, "{text}");
    }
}

fn policy(title: &str, lang: &str, paragraphs: &[&str]) -> Page {
    let mut blocks = vec![Block::new("h1", 1, title)];
    blocks.extend(paragraphs.iter().map(|p| Block::new("p", 0, *p)));
    Page {
        url: "https://example.test/privacy".into(),
        title: title.into(),
        lang: lang.into(),
        blocks,
    }
}

const PORTUGUESE_POLICY: &[&str] = &[
    "Esta Política de Privacidade descreve como coletamos, usamos e compartilhamos os seus dados \
     pessoais quando você utiliza o nosso aplicativo.",
    "Coletamos o seu nome, endereço de e-mail e número de telefone quando você se cadastra. \
     Também coletamos o endereço IP e identificadores do dispositivo.",
    "Não vendemos os seus dados pessoais. Podemos compartilhá-los com parceiros de publicidade \
     para exibir anúncios personalizados.",
    "Você pode solicitar o acesso, a correção ou a exclusão dos seus dados a qualquer momento \
     pelo e-mail privacidade@example.test.",
    "Mantemos os seus dados por até 5 anos após o encerramento da conta.",
];

#[test]
fn a_policy_in_a_language_it_cannot_read_gets_no_grade_and_no_claims() {
    let report = analyze(&policy(
        "Política de Privacidade",
        "pt-BR",
        PORTUGUESE_POLICY,
    ));
    assert_eq!(
        report.language,
        Language {
            code: "pt".into(),
            supported: false
        }
    );
    // What the page is may still be said...
    assert!(report.detection.is_policy, "{:?}", report.detection);
    // ...but nothing about what it says.
    assert_eq!(report.grade, None);
    assert!(report.grade_reasons.is_empty());
    assert!(report.categories.is_empty());
    assert!(report.clauses.iter().all(|c| c.categories.is_empty()));
    assert!(report.clauses.iter().all(|c| c.evidence.is_empty()));
    assert_eq!(report.facts, policylens::report::Facts::default());
    assert_eq!(report.facts.sells_data, Answer::NotMentioned);
    assert_eq!(report.clauses.len(), PORTUGUESE_POLICY.len());
    assert_eq!(report.headline, "Cannot read Portuguese yet");
    assert_eq!(
        report.summary,
        ["policylens cannot read Portuguese yet, so there is no grade"]
    );
    let message = report.headline_message.expect("headline message");
    assert_eq!(message.id, "headlineCannotRead");
}

#[test]
fn a_language_without_a_name_is_this_language() {
    let report = analyze(&policy(
        "Zásady ochrany osobních údajů",
        "cs",
        &[CZECH, CZECH],
    ));
    assert_eq!(report.language.code, "cs");
    assert_eq!(report.grade, None);
    if report.detection.is_policy {
        assert_eq!(report.headline, "Cannot read Czech yet");
    }
    let report = analyze(&policy(
        "Политика конфиденциальности",
        "",
        &[RUSSIAN, RUSSIAN],
    ));
    assert_eq!(report.language.code, "ru");
    assert_eq!(report.grade, None);
}

#[test]
fn an_english_policy_is_read_whatever_its_attribute_says() {
    let report = analyze(&policy("Privacy Policy", "de-DE", &[ENGLISH, ENGLISH]));
    assert_eq!(report.language.code, "en");
    assert!(report.language.supported);
    assert!(report.grade.is_some());
    assert_eq!(report.facts.sells_data, Answer::No);
    assert_eq!(report.summary.len(), report.summary_messages.len());
    for (line, message) in report.summary.iter().zip(&report.summary_messages) {
        assert_eq!(*line, policylens::ui_text::in_english(message));
    }
}

mod german {
    use policylens::category::Category;
    use policylens::classify::Classifier;
    use policylens::lexicon::Lexicon;
    use policylens::text::Segment;
    use policylens::{analyze, Answer, Block, Page};

    fn clause(text: &str) -> Segment {
        Segment {
            block: 0,
            text: text.into(),
            heading: None,
            lead_in: None,
        }
    }

    fn phrases(classifier: &Classifier, text: &str) -> Vec<String> {
        let labels = classifier.classify(&clause(text));
        labels.evidence.into_iter().map(|e| e.phrase).collect()
    }

    #[test]
    fn phrases_match_inside_compounds_and_inflected_words() {
        let lexicon = Lexicon::parse(
            &[
                (Category::Other, "datenschutz*\t2\tcurated\n"),
                (
                    Category::FirstPartyCollection,
                    "personenbezogen*\t2\tcurated\n*zweck*\t2\tcurated\n",
                ),
                (Category::ThirdPartySharing, "daten\t2\tcurated\n"),
            ],
            "other\t0\t1\nfirst_party_collection\t0\t1\nthird_party_sharing\t0\t1\n",
        )
        .expect("lexicon");
        let classifier = Classifier::new(&lexicon);
        // The compound's head: "datenschutz*" is the start of a word.
        assert_eq!(
            phrases(&classifier, "Diese Datenschutzerklärung gilt ab sofort."),
            ["datenschutz*"]
        );
        // Inflection: "personenbezogen" with any ending, and the whole word "Daten".
        for text in [
            "Wir verarbeiten Ihre personenbezogenen Daten.",
            "Personenbezogene Daten sind alle Angaben über Sie.",
        ] {
            assert_eq!(
                phrases(&classifier, text),
                ["personenbezogen*", "daten"],
                "{text}"
            );
        }
        // The compound's tail: "*zweck*" is inside a word.
        assert_eq!(
            phrases(&classifier, "Wir nutzen sie auch zu Werbezwecken."),
            ["*zweck*"]
        );
        // Unmarked ends stay whole words: "daten" is not in "Datensätze" or "Metadaten".
        assert!(phrases(&classifier, "Die Datensätze und Metadaten.").is_empty());
    }

    #[test]
    fn the_shipped_german_lexicon_reads_german_clauses() {
        let classifier = Classifier::new(&Lexicon::shipped_for("de").expect("German lexicon"));
        let cases: &[(&str, Category)] = &[
            (
                "Wir erheben Ihre personenbezogenen Daten, um unsere App bereitzustellen, und \
                 nutzen sie zu Werbezwecken.",
                Category::FirstPartyCollection,
            ),
            (
                "Wir geben Ihre Daten an Werbepartner und andere Drittanbieter weiter.",
                Category::ThirdPartySharing,
            ),
            (
                "Sie haben das Recht auf Auskunft über die bei uns gespeicherten Daten sowie \
                 auf Berichtigung.",
                Category::UserAccess,
            ),
            (
                "Sie können einer Verarbeitung zu Werbezwecken jederzeit widersprechen.",
                Category::UserChoice,
            ),
            (
                "Server-Logdateien werden nach 30 Tagen gelöscht.",
                Category::DataRetention,
            ),
            (
                "Wir übertragen Ihre Daten verschlüsselt per TLS.",
                Category::DataSecurity,
            ),
            (
                "Wir passen diese Datenschutzerklärung an, wenn sich unsere Dienste ändern.",
                Category::PolicyChange,
            ),
            (
                "Unser Angebot richtet sich nicht an Kinder unter 16 Jahren.",
                Category::SpecificAudiences,
            ),
        ];
        for (text, category) in cases {
            let labels = classifier.classify(&clause(text));
            assert!(
                labels.categories.contains(category),
                "{text}: {:?} ({:?})",
                labels.categories,
                labels.evidence
            );
        }
    }

    const POLICY: &[&str] = &[
        "Stand: 1. März 2023",
        "Verantwortlich für die Verarbeitung Ihrer personenbezogenen Daten ist die Beispiel \
         GmbH. Unseren Datenschutzbeauftragten erreichen Sie unter datenschutz@beispiel.example.",
        "Wenn Sie ein Konto anlegen, erheben wir Ihren Namen, Ihre E-Mail-Adresse und Ihre \
         Telefonnummer. Beim Besuch der Website speichern wir Ihre IP-Adresse.",
        "Wir verkaufen Ihre personenbezogenen Daten nicht.",
        "Mit Ihrer Einwilligung nutzen wir Google Analytics und zeigen Ihnen personalisierte \
         Werbung an. Dabei können Daten in die USA übermittelt werden.",
        "Server-Logdateien löschen wir nach 30 Tagen, Rechnungsdaten bewahren wir 10 Jahre auf.",
        "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der \
         Verarbeitung sowie das Recht auf Datenübertragbarkeit.",
        "Sie können eine erteilte Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen \
         und sich bei einer Datenschutz-Aufsichtsbehörde beschweren.",
        "Unser Angebot richtet sich nicht an Kinder unter 16 Jahren.",
        "Über wesentliche Änderungen dieser Datenschutzerklärung informieren wir Sie vorab per \
         E-Mail.",
    ];

    fn german_policy(paragraphs: &[&str]) -> policylens::Report {
        let mut blocks = vec![Block::new("h1", 1, "Datenschutzerklärung")];
        blocks.extend(paragraphs.iter().map(|p| Block::new("p", 0, *p)));
        analyze(&Page {
            url: "https://beispiel.example/datenschutz".into(),
            title: "Datenschutzerklärung".into(),
            lang: "de".into(),
            blocks,
        })
    }

    #[test]
    fn retention_periods_in_number_words() {
        let mut paragraphs = POLICY.to_vec();
        paragraphs[5] = "Server-Logdateien löschen wir nach drei Monaten, Support-Anfragen \
                         bewahren wir zwölf Monate und Rechnungsdaten einen Monat nach der \
                         Kündigung auf; Sicherungskopien werden nach vierundzwanzig Stunden \
                         gelöscht.";
        let report = german_policy(&paragraphs);
        let days: Vec<Option<u32>> = report.facts.retention.iter().map(|r| r.days).collect();
        assert_eq!(days, [Some(91), Some(365), Some(30), Some(1)]);
    }

    #[test]
    fn a_german_policy_is_read_and_graded() {
        let report = german_policy(POLICY);
        assert_eq!(report.language.code, "de");
        assert!(report.language.supported);
        assert!(report.detection.is_policy);
        assert!(report.grade.is_some());
        let facts = &report.facts;
        assert_eq!(facts.effective_date.as_deref(), Some("2023-03-01"));
        assert_eq!(facts.contacts, ["datenschutz@beispiel.example"]);
        for data in ["name", "email", "phone", "ip_address"] {
            assert!(facts.data_collected.iter().any(|d| d == data), "{data}");
        }
        // "nicht" after the verb negates it.
        assert_eq!(facts.sells_data, Answer::No);
        assert_eq!(facts.targeted_advertising, Answer::Yes);
        assert_eq!(facts.international_transfer, Answer::Yes);
        assert_eq!(facts.third_parties, ["Google Analytics"]);
        let days: Vec<Option<u32>> = facts.retention.iter().map(|r| r.days).collect();
        assert_eq!(days, [Some(30), Some(3650)]);
        for right in [
            "access",
            "rectification",
            "deletion",
            "restriction",
            "portability",
            "withdraw_consent",
            "complaint",
        ] {
            assert!(facts.user_rights.iter().any(|r| r == right), "{right}");
        }
        assert_eq!(facts.children_min_age, Some(16));
        assert_eq!(
            facts.change_notice,
            policylens::report::ChangeNotice::Advance
        );
    }
}
