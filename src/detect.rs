//! Is this page a privacy policy, a cookie policy, terms of service, or something else?
//!
//! Detection has its own small multilingual vocabulary (English, German, French, with a few
//! words of other languages), independent of the clause classifier. Each kind gets a linear
//! score over named signals (URL path, the page's name in its title or first heading, the
//! density of the kind's vocabulary, section headings, self-references such as "this privacy
//! policy"), minus negative evidence (bylines, prices and carts, code). The highest kind
//! scoring at least `THRESHOLD` wins; below it the page is `other`.

use crate::keywords::Keywords;
use crate::substring::{contains, split_once};

use crate::page::Page;
use crate::report::{Detection, Kind};
use crate::text::{fold, fold_into, Fnv, Segment};

/// A kind needs at least this score to be chosen.
const THRESHOLD: f32 = 0.5;
/// How far into the page its top-level heading and opening paragraph are looked for.
const NAME_BLOCKS: usize = 120;
/// Privacy words per 1000 beyond which text is a list, not prose (real policies stay < 100).
const MAX_PROSE_DENSITY: f32 = 150.0;

// Vocabulary groups (bit flags: one phrase may belong to several).
const NAME_PRIVACY: u32 = 1;
const NAME_COOKIE: u32 = 1 << 1;
const NAME_TERMS: u32 = 1 << 2;
const PRIVACY: u32 = 1 << 3;
const PRACTICE: u32 = 1 << 4;
const COOKIE: u32 = 1 << 5;
const TERMS: u32 = 1 << 6;
const SELF_PRIVACY: u32 = 1 << 7;
const SELF_COOKIE: u32 = 1 << 8;
const SELF_TERMS: u32 = 1 << 9;
const SECTION_PRIVACY: u32 = 1 << 10;
const SECTION_TERMS: u32 = 1 << 11;
const SHOP: u32 = 1 << 12;
const ARTICLE: u32 = 1 << 13;
const CODE: u32 = 1 << 14;
const OPENING_PRIVACY: u32 = 1 << 15;
const CONTRACT: u32 = 1 << 16;
const NAME_LEGAL: u32 = 1 << 17;
const GROUPS: usize = 18;

/// Phrases in folded form (lower case, words separated by one space, apostrophes dropped).
/// A phrase matches whole words; a trailing `*` lets the last word continue ("datenschutz*").
/// One string per group, the phrases split at `|` (smaller in the wasm than string arrays).
#[rustfmt::skip]
const VOCABULARY: &[(u32, &str)] = &[
    (
        NAME_PRIVACY,
        "privacy policy|privacy notice|privacy statement|privacy and cookie*|privacy cookie*|\
         data protection policy|data protection notice|data privacy notice|privacy center|\
         privacy centre|privacy information|datenschutzerklärung|datenschutzerklarung|\
         datenschutzerklaerung|datenschutzhinweis*|datenschutzrichtlinie*|datenschutzinformation*|\
         hinweise zum datenschutz|politique de confidentialité|politique de confidentialite|\
         politique de protection des données|politique de protection des donnees|\
         déclaration de confidentialité|politique vie privée|politique de vie privée|\
         política de privacidad|política de privacidade|politica de privacidade|\
         informativa sulla privacy|informativa privacy|privacybeleid|privacyverklaring|\
         polityka prywatności|polityka prywatnosci|privacy data policy|privacy and data policy|\
         privacyreglement|politique de protection de vos données*|πολιτική απορρήτου",
    ),
    (
        NAME_COOKIE,
        "cookie policy|cookies policy|cookie notice|cookie statement|trackers policy|\
         cookie richtlinie*|cookierichtlinie*|cookie hinweis*|politique cookies|\
         politique de cookies|politique relative aux cookies|politique en matière de cookies|\
         política de cookies|cookiebeleid|polityka cookies|use of cookies|\
         cookies and similar technologies",
    ),
    (
        NAME_TERMS,
        "terms of service|terms of use|terms and conditions|terms conditions|conditions of use|\
         user agreement|terms of sale|conditions of sale|acceptable use policy|\
         end user license agreement|license agreement|service agreement|nutzungsbedingungen|\
         allgemeine geschäftsbedingungen|allgemeine geschaftsbedingungen|geschäftsbedingungen|\
         conditions générales*|conditions generales*|conditions d utilisation|\
         conditions dutilisation|termini e condizioni|condizioni generali|condizioni d uso|\
         termini di servizio|términos y condiciones|términos de uso|termos de uso|\
         termos e condições|regulamin*|warunki korzystania|gebruiksvoorwaarden|\
         algemene voorwaarden",
    ),
    (
        PRIVACY,
        "personal information|personal data|personally identifiable|data protection|\
         data controller|controller|processor*|third parties|third party|opt out|ip address*|\
         data subject*|legitimate interest*|gdpr|ccpa|cpra|coppa|california consumer privacy act|\
         do not track|retention|right to access|right to erasure|rectification|portability|\
         right to object|withdraw your consent|data protection officer|supervisory authority|\
         usage data|device information|log data|browser type|verantwortliche*|auftragsverarbeit*|\
         betroffene*|dsgvo|ds gvo|einwilligung|speicherdauer|löschung|datenübermittlung|\
         rechtsgrundlage|données personnelles|donnees personnelles|données à caractère personnel|\
         caractère personnel|responsable du traitement|sous traitant*|rgpd|cnil|\
         durée de conservation|finalités|datos personales|datos de carácter personal|\
         dati personali|titolare del trattamento|dados pessoais|persoonsgegevens|dane osobowe|\
         danych osobowych|privacy|your personal*|your information|your data|personal details|\
         service providers|advertising partners|analytics|datenschutz*|personenbezogen*|\
         verarbeitung|dritte|dritten|drittanbieter*|privatsphäre|persönlichen daten|\
         persönliche daten|ihre daten|ihrer daten|widerruf*|widersprechen|auskunft|berichtigung|\
         ip adresse*|vos données|vie privée|traitement|consentement|finalité*|destinataires|\
         droit daccès|droit d accès|privacidad|privacidade|privacy policy|privacy notice|gegevens|\
         uw gegevens|jouw gegevens|verwerking*|verwerkingsverantwoordelijke|bewaartermijn|\
         toestemming|derden|autoriteit persoonsgegevens|administrator danych|\
         administratorem danych|przetwarzani*|rodo|zgoda|zgody|zgodę|prywatności|prywatnosci|\
         odbiorc*|προσωπικά δεδομένα|προσωπικών δεδομένων|προσωπικές πληροφορίες|απόρρητο|\
         απορρήτου",
    ),
    (
        PRACTICE,
        "we collect|we may collect|we automatically collect|we use your|we use the information|\
         we use this information|we may use your|we share|we may share|we do not share|\
         we disclose|we may disclose|we retain|we store|we process|we do not sell|\
         we will not sell|we never sell|we receive|we obtain|we gather|collected by us|\
         information we collect|data we collect|how we use|we keep your|we may also collect|\
         we also collect|wir erheben|wir verarbeiten|wir speichern|wir nutzen ihre|\
         wir verwenden ihre|erheben wir|verarbeiten wir|speichern wir|nous collectons|\
         nous recueillons|nous utilisons vos|nous traitons|nous conservons|nous partageons|\
         nous pouvons collecter|recopilamos|tratamos sus|raccogliamo|coletamos|verzamelen wij|\
         wij verzamelen|wir verwenden|wir nutzen|wir erfassen|erfassen wir|wir sammeln|\
         sammeln wir|verwenden wir|nutzen wir|wir geben|geben wir|wir teilen|teilen wir|\
         wir übermitteln|we may receive|we may store|we may retain|we may process|we use cookies|\
         we use personal*|we use data|we verzamelen|verzamelen we|wij verwerken|verwerken wij|\
         we verwerken|verwerken we|wij gebruiken|gebruiken wij|we gebruiken|gebruiken we|\
         wij bewaren|bewaren wij|we bewaren|bewaren we|wij delen|delen wij|wij verstrekken|\
         zbieramy|gromadzimy|przetwarzamy|wykorzystujemy|przechowujemy|udostępniamy|\
         we collect and use|we will collect|we will use your|we will share|we may also use|\
         we may also share|we do not collect|we dont collect|we will not share|we never share|\
         information collected|we use information|we use the data|we log|we record|συλλέγουμε|\
         συγκεντρώνουμε",
    ),
    (
        COOKIE,
        "cookie|cookies|tracking technologies|similar technologies|web beacon*|pixel tag*|pixels|\
         local storage|session cookie*|persistent cookie*|first party cookie*|third party cookie*|\
         strictly necessary|browser settings|cookie settings|trackers|tracker|traceurs|témoins",
    ),
    (
        TERMS,
        "you agree|you must|shall|governing law|arbitration|indemnif*|limitation of liability|\
         liability|liable|warrant*|disclaim*|terminate|termination|suspend|intellectual property|\
         license|licence|jurisdiction|dispute*|breach|hereby|prohibited|you may not|refund*|\
         subscription*|fees|acceptable use|haftung|haftet|gewährleistung|kündigung|gerichtsstand|\
         vertrag*|responsabilité|résiliation|litige*|juridiction|propriété intellectuelle|\
         responsabilità|recesso|foro competente|proprietà intellettuale|odpowiedzialność*|umowy|\
         umowa|responsabilidad|jurisdicción",
    ),
    (
        SELF_PRIVACY,
        "this privacy policy|this privacy notice|this privacy statement|this policy|this notice|\
         diese datenschutzerklärung|dieser datenschutzerklärung|diese datenschutzhinweise|\
         la présente politique|cette politique|la presente informativa|esta política",
    ),
    (
        SELF_COOKIE,
        "this cookie policy|this cookies policy|this cookie notice|cette politique cookies|\
         diese cookie richtlinie",
    ),
    (
        SELF_TERMS,
        "these terms|this agreement|the agreement|these conditions|these terms of service|\
         these terms of use|diese bedingungen|diese nutzungsbedingungen|\
         dieser nutzungsbedingungen|dieser agb|diese agb|les présentes conditions|\
         les présentes cgu|presenti condizioni|niniejszy regulamin|niniejszego regulaminu|\
         estos términos|this dpa|this addendum|these data processing terms|the parties|each party",
    ),
    (
        SECTION_PRIVACY,
        "information we collect|collect*|how we use|use of your|information you provide|\
         information*|legal basis|legitimate interest*|consent|service providers|processing|\
         your privacy|privacy|sharing|share|disclosure*|third parties|retention|retain|security|\
         your rights|your choices|children*|childrens|cookies|international transfer*|\
         data transfer*|do not track|california|personal information|personal data|\
         data protection|access|erhebung|verarbeitung|speicherdauer|ihre rechte|empfänger|\
         rechtsgrundlage*|weitergabe|datenschutz*|personenbezogen*|cookies und*|collecte|données|\
         vos droits|conservation|destinataires|sécurité",
    ),
    (
        SECTION_TERMS,
        "termination|governing law|limitation of liability|disclaimer*|warrant*|indemnif*|\
         intellectual property|license|licence|acceptable use|prohibited|payment*|fees|dispute*|\
         arbitration|eligibility|user content|haftung|gewährleistung|kündigung|gerichtsstand|\
         responsabilité|résiliation|propriété intellectuelle",
    ),
    (
        SHOP,
        "add to cart|add to basket|add to bag|buy now|in stock|out of stock|free shipping|\
         free delivery|customer reviews|quantity|in den warenkorb|warenkorb|ajouter au panier|\
         panier|aggiungi al carrello|añadir al carrito|do koszyka|sold by",
    ),
    (
        ARTICLE,
        "share this article|related articles|related stories|read more|min read|posted by|\
         written by|leave a comment|share this story|share on facebook|share on twitter",
    ),
    (
        CODE,
        "npm install|pip install|cargo add|println|console log|const|async|await|null|boolean|\
         void|api reference|return value",
    ),
    (
        // An opening paragraph that names the document as a privacy policy (not "we respect
        // your privacy", which cookie banners and sign-up forms say too).
        OPENING_PRIVACY,
        "this privacy policy|this privacy notice|this privacy statement|this privacy and cookie*|\
         this data protection*|this privacy information|diese datenschutzerklärung|\
         dieser datenschutzerklärung|diese datenschutzhinweise|diesen datenschutzhinweisen|\
         cette politique de confidentialité|la présente politique de confidentialité|\
         esta política de privacidad|la presente informativa|deze privacyverklaring|\
         dit privacybeleid|deze privacy*|niniejsza polityka prywatności|\
         niniejszej polityki prywatności",
    ),
    (
        // Duties a contract puts on the reader about other people's data: data-processing
        // agreements, consent policies for publishers and advertisers.
        CONTRACT,
        "as your processor|your processor|sub processor*|subprocessor*|data processing terms|\
         data processing agreement|data processing addendum|data transfer addendum|\
         standard contractual clauses|data importer|data exporter|customer personal data|\
         customer data|the processor|processor shall|controller to processor|\
         processor to processor|end users|your end users|you must obtain|you must ensure|\
         you must provide|you must clearly|you acknowledge|you are responsible for|\
         your site or app|your site|your app|your users|publishers|applicable product terms|\
         on your behalf|your instructions|documented instructions|auftragsverarbeiter|\
         sous traitant ultérieur",
    ),
    (
        // A legal notice (imprint) names the publisher; it may have a personal data section.
        NAME_LEGAL,
        "legal notice|legal notices|legal information|legal mentions|imprint|impressum|\
         mentions légales|mentions legales|aviso legal|note legali|colofon|site notice|nota legal",
    ),
];

/// Signal names, in group bit order, for readable output.
const GROUP_NAMES: [&str; GROUPS] = [
    "name_privacy",
    "name_cookie",
    "name_terms",
    "privacy",
    "practice",
    "cookie",
    "terms",
    "self_privacy",
    "self_cookie",
    "self_terms",
    "section_privacy",
    "section_terms",
    "shop",
    "article",
    "code",
    "opening_privacy",
    "contract",
    "name_legal",
];

/// URL path words for each named kind, split at spaces.
const URL_PRIVACY: &str = "privacy datenschutz confidentialit privacidad privacidade \
                           privacyverklaring prywatnosc data-protection dataprotection vie-privee";
const URL_COOKIE: &str = "cookie trackers";
const URL_TERMS: &str = "terms /tos conditions /agb nutzungsbedingungen /cgu /cgv eula \
                         user-agreement regulamin";

/// Whether `path` contains any of the space-separated `words`.
fn contains_any(path: &str, words: &str) -> bool {
    words.split(' ').any(|w| contains(path, w))
}

/// Per-group hit counts for one stretch of text.
type Counts = [u32; GROUPS];

/// Decides the kind of a page from its URL, title, headings and text.
pub struct Detector {
    automaton: Keywords,
    /// For each automaton pattern: its groups and whether its last word may continue.
    patterns: Vec<(u32, bool)>,
}

impl Detector {
    pub fn new() -> Detector {
        let mut phrases: Vec<&str> = Vec::new();
        let mut patterns: Vec<(u32, bool)> = Vec::new();
        let mut index = std::collections::HashMap::<&str, usize, Fnv>::default();
        for &(group, words) in VOCABULARY {
            for phrase in words.split('|') {
                let prefix = phrase.ends_with('*');
                let phrase = phrase.trim_end_matches('*');
                let at = *index.entry(phrase).or_insert_with(|| {
                    phrases.push(phrase);
                    patterns.push((0, prefix));
                    patterns.len() - 1
                });
                patterns[at].0 |= group;
            }
        }
        let automaton = Keywords::new(&phrases, false).expect("detection vocabulary builds");
        Detector {
            automaton,
            patterns,
        }
    }

    /// Counts whole-word vocabulary hits per group in folded text (` words like this `).
    fn count(&self, folded: &str) -> Counts {
        let mut counts = [0u32; GROUPS];
        let bytes = folded.as_bytes();
        self.automaton.for_each_overlapping(folded, |m| {
            let (groups, prefix) = self.patterns[m.pattern()];
            let starts_word = m.start() > 0 && bytes[m.start() - 1] == b' ';
            let ends_word = prefix || bytes.get(m.end()) == Some(&b' ');
            if !(starts_word && ends_word) {
                return;
            }
            for (bit, count) in counts.iter_mut().enumerate() {
                if groups & (1 << bit) != 0 {
                    *count += 1;
                }
            }
        });
        counts
    }

    /// Detects the kind of a page with the shipped weights.
    pub fn detect(&self, page: &Page, segments: &[Segment]) -> Detection {
        self.measure(page, segments).decide(&WEIGHTS)
    }

    /// Measures what the scores are made of; `Measurement::decide` weighs it.
    pub fn measure(&self, page: &Page, segments: &[Segment]) -> Measurement {
        let mut signals = Vec::new();
        let path = url_path(&page.url);

        // The page's name: its title, its first heading, and short opening blocks.
        // Navigation (list items, link rows) comes before the name on many pages: it is
        // skipped, and the first top-level heading within `NAME_BLOCKS` names the page too.
        let mut name = title_name(&page.title);
        let opening = page.blocks.iter().take(12).filter(|b| !b.is_list_item());
        for block in opening
            .filter(|b| b.is_heading() || b.text.split_whitespace().count() <= 12)
            .take(3)
        {
            name.push_str(&title_name(&block.text));
        }
        if let Some(heading) = page
            .blocks
            .iter()
            .take(NAME_BLOCKS)
            .find_map(|b| top_heading(&b.tag, &b.text))
        {
            name.push_str(&title_name(heading));
        }
        let name = self.count(&name);
        // The first paragraph of prose says what the document is ("This Privacy Policy
        // describes ...", "We respect your privacy").
        let opening_privacy = page
            .blocks
            .iter()
            .take(NAME_BLOCKS)
            .find(|b| !b.is_heading() && b.text.split_whitespace().count() >= 12)
            .is_some_and(|b| self.count(&fold(&b.text))[at(OPENING_PRIVACY)] > 0);

        // Repeated text (consent-manager vendor lists, menus) counts once.
        let mut texts: Vec<&str> = segments.iter().map(|s| s.text.as_str()).collect();
        crate::sort::sort(&mut texts);
        texts.dedup();
        let mut body = [0u32; GROUPS];
        let mut words = 0usize;
        let mut folded = String::new();
        for text in texts {
            words += text.split_whitespace().count();
            fold_into(text, &mut folded);
            add(&mut body, &self.count(&folded));
        }
        let (mut section_privacy, mut section_terms, mut headings) = (0u32, 0u32, 0u32);
        for block in page.blocks.iter().filter(|b| b.is_heading()) {
            headings += 1;
            fold_into(&block.text, &mut folded);
            let counts = self.count(&folded);
            section_privacy += u32::from(counts[at(SECTION_PRIVACY)] > 0);
            section_terms += u32::from(counts[at(SECTION_TERMS)] > 0);
        }
        let per_k = |n: u32| n as f32 * 1000.0 / words.max(200) as f32;

        let has = |counts: &Counts, group: u32| counts[at(group)] > 0;
        let url_privacy = contains_any(&path, URL_PRIVACY);
        let url_cookie = contains_any(&path, URL_COOKIE);
        let url_terms = contains_any(&path, URL_TERMS);
        for (flag, signal) in [
            (url_privacy, "url:privacy"),
            (url_cookie, "url:cookie"),
            (url_terms, "url:terms"),
        ] {
            if flag {
                signals.push(signal.to_string());
            }
        }
        for group in [NAME_PRIVACY, NAME_COOKIE, NAME_TERMS, NAME_LEGAL] {
            if has(&name, group) {
                signals.push(format!("name:{}", group_name(group)));
            }
        }
        let density = |group: u32| per_k(body[at(group)]);
        signals.push(format!("words={words}"));
        for group in [PRIVACY, PRACTICE, COOKIE, TERMS] {
            signals.push(format!(
                "{}={}/1000w",
                group_name(group),
                fixed(density(group), 1)
            ));
        }
        for group in [SELF_PRIVACY, SELF_COOKIE, SELF_TERMS] {
            signals.push(format!("{}={}", group_name(group), body[at(group)]));
        }
        signals.push(format!(
            "sections: privacy {section_privacy}, terms {section_terms} of {headings}"
        ));
        if opening_privacy {
            signals.push("opening:privacy".to_string());
        }
        signals.push(format!("contract={}/1000w", fixed(density(CONTRACT), 1)));

        // Negative evidence: pages that are something else.
        let prices = count_prices(segments);
        let shop = body[at(SHOP)] >= 2 && prices >= 2;
        let article = body[at(ARTICLE)] >= 2 || has_byline(page);
        let code = (body[at(CODE)] >= 10 && density(CODE) >= 10.0)
            || page.blocks.iter().filter(|b| b.tag == "pre").count() >= 3;
        let mut negatives = 0.0;
        for (flag, signal) in [(shop, "shop"), (article, "article"), (code, "code")] {
            if flag {
                negatives += 1.0;
                signals.push(format!("negative:{signal}"));
            }
        }
        let short = words < 120;
        if short {
            signals.push("text:short".to_string());
        }
        // The page names itself as another kind and not as this one.
        let named_other = |group: u32| {
            !has(&name, group)
                && [NAME_PRIVACY, NAME_COOKIE, NAME_TERMS, NAME_LEGAL]
                    .iter()
                    .any(|&g| g != group && has(&name, g))
        };
        // Duties put on the reader about other people's data (a data-processing agreement, a
        // consent policy for publishers), with few first-person practices: a contract about
        // data, not a notice about the reader's data.
        let contract_excess = if body[at(CONTRACT)] >= 3 {
            density(CONTRACT) - 2.0 * density(PRACTICE)
        } else {
            0.0
        };
        Measurement {
            name: [NAME_PRIVACY, NAME_COOKIE, NAME_TERMS].map(|g| flag(has(&name, g))),
            named_other: [NAME_PRIVACY, NAME_COOKIE, NAME_TERMS].map(|g| flag(named_other(g))),
            url: [url_privacy, url_cookie, url_terms].map(flag),
            privacy_density: prose(density(PRIVACY)),
            practice_density: density(PRACTICE),
            cookie_density: density(COOKIE),
            terms_density: density(TERMS),
            self_reference: [SELF_PRIVACY, SELF_COOKIE, SELF_TERMS].map(|g| body[at(g)] as f32),
            sections: [section_privacy as f32, section_terms as f32],
            opening_privacy: flag(opening_privacy),
            contract_excess,
            // A cookie policy mentions privacy; its cookie vocabulary outweighs it.
            cookie_ratio: density(COOKIE) / density(PRIVACY).max(1.0),
            negatives,
            short,
            signals,
        }
    }
}

/// What a page's kind is decided from: its name, URL, vocabulary densities (per 1000 words),
/// self-references, sections and negative evidence. Per kind, arrays are in the order
/// privacy, cookie, terms.
#[derive(Clone, Debug)]
pub struct Measurement {
    /// The page names itself as this kind (1) or not (0).
    name: [f32; 3],
    /// The page names itself as another kind and not as this one.
    named_other: [f32; 3],
    url: [f32; 3],
    privacy_density: f32,
    practice_density: f32,
    cookie_density: f32,
    terms_density: f32,
    /// "this privacy policy", "this cookie policy", "these terms": counts.
    self_reference: [f32; 3],
    /// Headings that name privacy topics, and terms topics.
    sections: [f32; 2],
    opening_privacy: f32,
    contract_excess: f32,
    cookie_ratio: f32,
    /// Number of negative signals (shop, article, code).
    negatives: f32,
    short: bool,
    signals: Vec<String>,
}

/// The weights of the detection scores chosen by cross-validation by service
/// (`policylens eval pages --cv 5`); the other weights in `Measurement::scores` are fixed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// A kind needs at least this score to be chosen.
    pub threshold: f32,
    /// Privacy words per 1000 at which the privacy vocabulary counts in full.
    pub privacy_density_full: f32,
    /// Subtracted per negative signal (shop, article, code).
    pub negative_penalty: f32,
    /// Weight of the share of the body that applies to a short text (< 120 words).
    pub short_body: f32,
    /// Weight of "these terms" self-references beyond "this policy" ones, against privacy.
    pub self_terms_excess: f32,
}

/// The shipped weights.
pub const WEIGHTS: Weights = Weights {
    threshold: THRESHOLD,
    privacy_density_full: 25.0,
    negative_penalty: 0.15,
    short_body: 0.5,
    self_terms_excess: 0.3,
};

impl Measurement {
    /// The privacy, cookie and terms scores.
    pub fn scores(&self, w: &Weights) -> [f32; 3] {
        let body_weight = if self.short { w.short_body } else { 1.0 };
        let penalty = w.negative_penalty * self.negatives;
        let [self_privacy, self_cookie, self_terms] = self.self_reference;
        let self_terms_excess = (self_terms - self_privacy).max(0.0);
        let privacy = 0.3 * self.name[0]
            + 0.25 * self.url[0]
            + body_weight
                * (0.5 * saturate(self.privacy_density, w.privacy_density_full)
                    + 0.2 * saturate(self.practice_density, 4.0)
                    + 0.1 * saturate(self_privacy, 4.0)
                    + 0.1 * saturate(self.sections[0], 4.0))
            + 0.1 * self.opening_privacy
            - w.self_terms_excess * saturate(self_terms_excess, 20.0)
            - 0.4 * saturate(self.contract_excess, 10.0)
            - 0.3 * saturate(self.cookie_ratio - 0.7, 0.5)
            - 0.25 * self.named_other[0]
            - penalty;
        let cookie = 0.3 * self.name[1]
            + 0.25 * self.url[1]
            + body_weight
                * (0.6 * saturate(self.cookie_density, 40.0) + 0.1 * saturate(self_cookie, 3.0))
            - 0.25 * self.named_other[1]
            - penalty;
        let terms = 0.3 * self.name[2]
            + 0.25 * self.url[2]
            + body_weight
                * (0.5 * saturate(self.terms_density, 25.0)
                    + 0.15 * saturate(self_terms, 10.0)
                    + 0.1 * saturate(self.sections[1], 4.0))
            - 0.25 * self.named_other[2]
            - penalty;
        [privacy, cookie, terms]
    }

    /// The kind under weights `w`: the highest-scoring kind at or above the threshold, else
    /// `other`.
    pub fn kind(&self, w: &Weights) -> (Kind, f32) {
        let [privacy, cookie, terms] = self.scores(w);
        let (kind, best) = [
            (Kind::PrivacyPolicy, privacy),
            (Kind::CookiePolicy, cookie),
            (Kind::Terms, terms),
        ]
        .into_iter()
        .fold((Kind::Other, w.threshold), |(k, s), (kind, score)| {
            if score >= s {
                (kind, score)
            } else {
                (k, s)
            }
        });
        let score = if kind == Kind::Other {
            privacy.max(cookie).max(0.0)
        } else {
            best
        };
        (kind, score)
    }

    /// The detection under weights `w`, with the signals behind it.
    pub fn decide(self, w: &Weights) -> Detection {
        let [privacy, cookie, terms] = self.scores(w);
        let (kind, score) = self.kind(w);
        let mut signals = self.signals;
        signals.push(format!(
            "score: privacy {}, cookie {}, terms {}",
            fixed(privacy, 2),
            fixed(cookie, 2),
            fixed(terms, 2)
        ));
        Detection {
            is_policy: matches!(kind, Kind::PrivacyPolicy | Kind::CookiePolicy),
            kind,
            score: (score.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
            signals,
        }
    }
}

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}

fn add(total: &mut Counts, counts: &Counts) {
    for (t, c) in total.iter_mut().zip(counts) {
        *t += c;
    }
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// A vocabulary density; above `MAX_PROSE_DENSITY` the text is a list of names and links
/// (a consent manager's vendor list), not prose, and counts as nothing.
fn prose(density: f32) -> f32 {
    if density > MAX_PROSE_DENSITY {
        0.0
    } else {
        density
    }
}

/// `x / full`, clamped to 0..=1.
fn saturate(x: f32, full: f32) -> f32 {
    (x / full).clamp(0.0, 1.0)
}

/// Index of a group's count in `Counts`.
fn at(group: u32) -> usize {
    group.trailing_zeros() as usize
}

fn group_name(group: u32) -> &'static str {
    GROUP_NAMES[at(group)]
}

/// The text of a top-level heading: an `h1`, or a Markdown paragraph underlined with `===`
/// (the reader keeps the underline as text).
fn top_heading<'a>(tag: &str, text: &'a str) -> Option<&'a str> {
    if tag == "h1" {
        return Some(text);
    }
    let underlined = text.trim_end().strip_suffix("===")?;
    (tag == "p").then(|| underlined.trim_end_matches('=').trim_end())
}

/// The lower-cased path of a URL, without scheme, host, query or fragment. Lower-cased a
/// character at a time: the path words are ASCII, so `str::to_lowercase`'s one difference, a
/// final sigma, changes no match, and its code (~4 KB in the wasm) is not needed.
fn url_path(url: &str) -> String {
    let rest = split_once(url, "://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let path = rest.find('/').map_or("", |at| &rest[at..]);
    path.chars().flat_map(crate::case::to_lowercase).collect()
}

/// The title's parts that could be a page name: titles like "Privacy Policy | Shop" name the
/// page, "How to write a privacy policy" does not.
fn title_name(title: &str) -> String {
    let mut name = String::new();
    for part in title.split(['|', '-', '–', '—', ':', '·', '»', '/']) {
        let folded = fold(part);
        let words = folded.split_whitespace().count();
        let first = folded.split_whitespace().next().unwrap_or("");
        let question = matches!(
            first,
            "how"
                | "what"
                | "why"
                | "when"
                | "do"
                | "does"
                | "is"
                | "are"
                | "should"
                | "wie"
                | "was"
                | "warum"
                | "comment"
                | "pourquoi"
                | "quest"
        );
        if words <= 7 && !question {
            name.push_str(&folded);
        }
        // A part that is the single word "Privacy" ("Privacy | Example") names the page.
        if matches!(
            folded.as_str(),
            " privacy " | " datenschutz " | " confidentialité " | " privacidad " | " privacidade "
        ) {
            name.push_str(" privacy policy ");
        }
    }
    name
}

/// The currency signs of `count_prices`.
const CURRENCIES: [char; 4] = ['$', '€', '£', '¥'];

/// Counts amounts like `$19.99`, `€ 5`, `12,50 €`.
fn count_prices(segments: &[Segment]) -> usize {
    let mut count = 0;
    for segment in segments.iter().filter(|s| s.text.contains(CURRENCIES)) {
        let chars: Vec<char> = segment.text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if CURRENCIES.contains(c) {
                let after = chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                    || (chars.get(i + 1) == Some(&' ')
                        && chars.get(i + 2).is_some_and(|d| d.is_ascii_digit()));
                let before = i > 0
                    && (chars[i - 1].is_ascii_digit()
                        || (chars[i - 1] == ' ' && i > 1 && chars[i - 2].is_ascii_digit()));
                count += usize::from(after || before);
            }
        }
    }
    count
}

/// A byline near the top: a short block "By Jane Doe" or "Von Max Muster" / "Par ...".
fn has_byline(page: &Page) -> bool {
    page.blocks.iter().take(15).any(|b| {
        let words: Vec<&str> = b.text.split_whitespace().collect();
        (2..=5).contains(&words.len())
            && matches!(words[0], "By" | "Von" | "Par")
            && words[1..]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with("ing"))
    })
}

/// `value` with `decimals` digits after the point, as `format!("{value:.N}")` writes it (the
/// exact binary value rounded half to even), in integer arithmetic: std's float formatting,
/// which nothing else in the wasm needs, would cost it ~8 KB gzip for these few signals.
fn fixed(value: f32, decimals: u32) -> String {
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value.is_nan() {
        return "NaN".to_string();
    } else if value.is_infinite() {
        return format!("{sign}inf");
    }
    // |value| = mantissa * 2^exponent, exactly.
    let bits = value.to_bits();
    let (biased, fraction) = ((bits >> 23) & 0xff, bits & 0x7f_ffff);
    let (mantissa, exponent) = match biased {
        0 => (fraction, -149),
        _ => (fraction | 0x80_0000, biased as i32 - 150),
    };
    let scale = 10u64.pow(decimals);
    let (whole, part) = if exponent >= 0 {
        (shifted_decimal(mantissa, exponent.unsigned_abs()), 0)
    } else {
        // |value| * 10^decimals = scaled / 2^shift, rounded half to even.
        let (scaled, shift) = (u64::from(mantissa) * scale, exponent.unsigned_abs());
        let rounded = match shift {
            // scaled < 2^31: less than half of the last digit.
            64.. => 0,
            _ => {
                let (quotient, rest, half) = (
                    scaled >> shift,
                    scaled & ((1 << shift) - 1),
                    1 << (shift - 1),
                );
                quotient + u64::from(rest > half || (rest == half && quotient % 2 == 1))
            }
        };
        ((rounded / scale).to_string(), rounded % scale)
    };
    format!("{sign}{whole}.{part:0width$}", width = decimals as usize)
}

/// `mantissa * 2^exponent` in decimal digits, by doubling: values up to f32::MAX need 128 bits,
/// and formatting a u128 takes more wasm than this.
fn shifted_decimal(mantissa: u32, exponent: u32) -> String {
    // Least significant digit first.
    let mut digits: Vec<u8> = mantissa
        .to_string()
        .bytes()
        .rev()
        .map(|d| d - b'0')
        .collect();
    for _ in 0..exponent {
        let mut carry = 0;
        for digit in &mut digits {
            let doubled = *digit * 2 + carry;
            *digit = doubled % 10;
            carry = doubled / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    digits.iter().rev().map(|&d| char::from(b'0' + d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_prefixes() {
        let detector = Detector::new();
        let counts = detector.count(&fold("Wir verarbeiten personenbezogenen Daten; cookies!"));
        assert_eq!(counts[at(PRACTICE)], 1); // "wir verarbeiten"
        assert_eq!(counts[at(PRIVACY)], 1); // "personenbezogen*"
        assert_eq!(counts[at(COOKIE)], 1); // "cookies", not also "cookie"
        assert_eq!(detector.count(&fold("uncollected"))[at(SECTION_PRIVACY)], 0);
    }

    #[test]
    fn top_headings_are_h1_or_underlined_markdown() {
        assert_eq!(top_heading("h1", "Privacy"), Some("Privacy"));
        assert_eq!(top_heading("h2", "Privacy"), None);
        assert_eq!(
            top_heading("p", "Privacy Policy =============="),
            Some("Privacy Policy")
        );
        assert_eq!(top_heading("p", "a = b"), None);
        assert_eq!(top_heading("li", "Privacy ==="), None);
    }

    #[test]
    fn url_path_ignores_host_and_query() {
        assert_eq!(url_path("https://privacy.example/a/B?x=terms#c"), "/a/b");
        assert_eq!(url_path("https://example.com"), "");
    }

    #[test]
    fn title_names_only_short_non_question_parts() {
        assert!(title_name("Privacy Policy | Shop").contains(" privacy policy "));
        assert!(!title_name("How to write a privacy policy").contains("privacy"));
        assert!(title_name("Pocket Tides: Privacy").contains(" privacy policy "));
    }

    #[test]
    fn fixed_writes_what_format_writes() {
        let check = |v: f32| {
            assert_eq!(fixed(v, 1), format!("{v:.1}"), "{v:e}");
            assert_eq!(fixed(v, 2), format!("{v:.2}"), "{v:e}");
        };
        // Every 1/128 up to 1024 and its neighbours: exact ties (0.25, 0.125, 2.375) round
        // half to even; the neighbours round by the exact binary value.
        for i in 0..1024 * 128 {
            let v = i as f32 / 128.0;
            for v in [
                v,
                -v,
                f32::from_bits(v.to_bits() + 1),
                f32::from_bits(v.to_bits().wrapping_sub(1)),
            ] {
                check(v);
            }
        }
        // A spread over all bit patterns: subnormals, huge values, both signs, NaN, infinity.
        for bits in (0..=u32::MAX).step_by(65_521) {
            check(f32::from_bits(bits));
        }
        for v in [
            0.0,
            -0.0,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            f32::NAN,
        ] {
            check(v);
        }
    }
}
