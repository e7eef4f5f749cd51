//! Facts a person wants answered, each with the clauses it came from.
//!
//! Every clause is cut into sentences; each question has cue patterns, and a cue counts as
//! "no" when a negation ("not", "never", "no", "n't", "nor") stands before it in the same
//! part of the sentence, unless that negation is conditional ("if you do not want us to
//! sell ..." presupposes the practice). Hedged statements ("we may share") count as yes.
//! Questions ("Do we sell your data?") are not statements and are skipped.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use crate::dates::{order_for_lang, DateFinder};
use crate::gazetteer::{Gazetteer, Kind};
use crate::page::Page;
use crate::report::{Answer, ChangeNotice, FactSource, Facts, Retention};
use crate::text::Segment;

/// Most clauses kept as evidence for one fact.
const MAX_EVIDENCE: usize = 8;
/// Most retention periods, contacts kept.
const MAX_RETENTION: usize = 40;
const MAX_CONTACTS: usize = 10;
/// Bytes before a cue searched for a negation.
const NEGATION_WINDOW: usize = 90;

/// Data types (DESIGN.md ids) and the phrases that name them; `None` blocks a phrase that
/// only looks like one ("domain name", "address your concerns").
const DATA_TERMS: &[(Option<&str>, &[&str])] = &[
    (
        Some("name"),
        &[
            "name",
            "names",
            "full name",
            "first name",
            "last name",
            "surname",
            "first and last name",
            "real name",
            "legal name",
        ],
    ),
    (
        Some("email"),
        &[
            "email",
            "e-mail",
            "email address",
            "e-mail address",
            "email addresses",
            "e-mail addresses",
            "email id",
        ],
    ),
    (
        Some("phone"),
        &[
            "phone number",
            "phone numbers",
            "telephone number",
            "telephone numbers",
            "mobile number",
            "mobile phone number",
            "cell phone number",
            "mobile telephone number",
        ],
    ),
    (
        Some("postal_address"),
        &[
            "address",
            "addresses",
            "postal address",
            "mailing address",
            "street address",
            "home address",
            "shipping address",
            "billing address",
            "physical address",
            "delivery address",
            "postal addresses",
            "mailing addresses",
        ],
    ),
    (
        Some("birth_date"),
        &[
            "date of birth",
            "birth date",
            "birthdate",
            "birthday",
            "dates of birth",
        ],
    ),
    (
        Some("government_id"),
        &[
            "social security number",
            "social security numbers",
            "ssn",
            "driver's license",
            "drivers license",
            "driver license",
            "driver's license number",
            "passport",
            "passport number",
            "national identification number",
            "national id",
            "government-issued",
            "government issued",
            "tax identification number",
            "tax id",
            "identity card",
            "id card",
        ],
    ),
    (
        Some("payment"),
        &[
            "credit card",
            "debit card",
            "card number",
            "credit card number",
            "payment information",
            "payment card",
            "payment details",
            "payment data",
            "billing information",
            "bank account",
            "bank details",
            "financial information",
            "cardholder",
            "credit or debit card",
            "financial account",
        ],
    ),
    (
        Some("ip_address"),
        &[
            "ip address",
            "ip addresses",
            "internet protocol address",
            "internet protocol (ip) address",
        ],
    ),
    (
        Some("device_id"),
        &[
            "device identifier",
            "device identifiers",
            "device id",
            "device ids",
            "unique device identifier",
            "udid",
            "idfa",
            "advertising identifier",
            "advertising identifiers",
            "advertising id",
            "mac address",
            "imei",
            "device information",
            "device type",
            "device data",
            "android id",
            "unique identifiers",
            "unique identifier",
        ],
    ),
    (
        Some("location"),
        &[
            "location",
            "location data",
            "location information",
            "geolocation",
            "geo-location",
            "gps",
            "precise location",
            "geographic location",
            "approximate location",
            "latitude",
            "zip code",
            "postal code",
            "zip codes",
        ],
    ),
    (
        Some("browsing"),
        &[
            "browser type",
            "browsing history",
            "pages you visit",
            "pages visited",
            "pages viewed",
            "clickstream",
            "click stream",
            "click-stream",
            "search history",
            "search queries",
            "search terms",
            "referring url",
            "referring urls",
            "referring website",
            "referral url",
            "referring page",
            "usage data",
            "usage information",
            "log data",
            "log files",
            "log file information",
            "time spent",
            "links you click",
            "browsing activity",
            "browsing behavior",
            "browsing behaviour",
            "browser information",
            "web browsing",
            "viewing history",
        ],
    ),
    (
        Some("communications"),
        &[
            "messages",
            "communications",
            "correspondence",
            "chat",
            "chats",
            "call recordings",
            "recordings of calls",
            "emails you send",
            "content of your communications",
            "contents of your messages",
            "text messages",
        ],
    ),
    (
        Some("professional"),
        &[
            "employer",
            "job title",
            "occupation",
            "employment",
            "employment history",
            "professional information",
            "company name",
            "work history",
            "education",
            "educational background",
            "resume",
            "professional background",
        ],
    ),
    (
        Some("demographics"),
        &[
            "age",
            "gender",
            "demographic",
            "demographic information",
            "demographic data",
            "demographics",
            "race",
            "ethnicity",
            "ethnic origin",
            "marital status",
            "income",
            "household income",
            "nationality",
            "religion",
            "religious beliefs",
            "sexual orientation",
        ],
    ),
    (
        Some("health"),
        &[
            "health information",
            "health data",
            "medical information",
            "medical records",
            "health conditions",
            "medical history",
            "medical conditions",
            "fitness data",
            "protected health information",
            "health-related information",
            "prescription",
            "prescriptions",
            "diagnosis",
            "health insurance information",
        ],
    ),
    (
        Some("biometric"),
        &[
            "biometric",
            "biometrics",
            "fingerprint",
            "fingerprints",
            "face scan",
            "facial recognition",
            "facial geometry",
            "voiceprint",
            "voiceprints",
            "retina scan",
            "iris scan",
            "faceprint",
            "face geometry",
        ],
    ),
    (
        Some("media"),
        &[
            "photos",
            "photographs",
            "photo",
            "profile photo",
            "profile picture",
            "pictures",
            "videos you upload",
            "voice recordings",
            "audio recordings",
            "images you upload",
            "recordings of your voice",
        ],
    ),
    (
        Some("social_profile"),
        &[
            "social media profile",
            "social network profile",
            "social media account",
            "social media accounts",
            "social networking profile",
            "social media information",
            "social network information",
            "facebook profile",
            "public profile",
            "social media handle",
            "social media username",
            "twitter handle",
        ],
    ),
    (
        Some("contacts_list"),
        &[
            "contacts",
            "contact list",
            "contact lists",
            "address book",
            "friends list",
            "friend list",
            "phone book",
            "phonebook",
            "list of friends",
        ],
    ),
    (
        None,
        &[
            "domain name",
            "domain names",
            "user name",
            "username",
            "screen name",
            "host name",
            "file name",
            "brand name",
            "business name",
            "name of the",
            "name of your",
            "name of any",
            "names of the",
            "name and version",
            "browser name",
            "device name",
            "product name",
            "in the name",
            "web address",
            "url address",
            "address your",
            "address any",
            "address the",
            "address this",
            "address these",
            "address such",
            "address it",
            "address them",
            "address our",
            "address questions",
            "address concerns",
            "address complaints",
            "address issues",
            "address requests",
            "address inquiries",
            "by email",
            "by e-mail",
            "via email",
            "via e-mail",
            "email us",
            "e-mail us",
            "an email",
            "an e-mail",
            "email communications",
            "email newsletters",
            "email notifications",
            "email preferences",
            "location of our",
            "location of the",
            "a location",
            "another location",
            "locations",
            "the age of",
            "years of age",
            "age of majority",
            "age of consent",
            "communication preferences",
            "communications preferences",
            "marketing communications",
            "promotional communications",
            "commercial communications",
            "marketing messages",
            "promotional messages",
            "error messages",
            "our contacts",
            "contacts with",
            "education purposes",
            "educational purposes",
            "in contact",
            "race condition",
        ],
    ),
];

/// Privacy laws and frameworks: report name and spellings (ASCII case ignored).
const FRAMEWORKS: &[(&str, &[&str])] = &[
    (
        "GDPR",
        &[
            "GDPR",
            "EU GDPR",
            "General Data Protection Regulation",
            "Regulation (EU) 2016/679",
            "EU 2016/679",
            "Regulation 2016/679",
        ],
    ),
    (
        "UK-GDPR",
        &[
            "UK GDPR",
            "UK-GDPR",
            "UK General Data Protection Regulation",
            "United Kingdom General Data Protection Regulation",
        ],
    ),
    ("CCPA", &["CCPA", "California Consumer Privacy Act"]),
    ("CPRA", &["CPRA", "California Privacy Rights Act"]),
    (
        "COPPA",
        &[
            "COPPA",
            "Children's Online Privacy Protection Act",
            "Childrens Online Privacy Protection Act",
            "Children's Online Privacy Protection Rule",
        ],
    ),
    (
        "LGPD",
        &[
            "LGPD",
            "Lei Geral de Proteção de Dados",
            "Brazilian General Data Protection Law",
        ],
    ),
    (
        "PIPEDA",
        &[
            "PIPEDA",
            "Personal Information Protection and Electronic Documents Act",
        ],
    ),
    (
        "HIPAA",
        &[
            "HIPAA",
            "Health Insurance Portability and Accountability Act",
        ],
    ),
    (
        "FERPA",
        &["FERPA", "Family Educational Rights and Privacy Act"],
    ),
    (
        "EU-US Privacy Shield",
        &[
            "EU-US Privacy Shield",
            "EU-U.S. Privacy Shield",
            "EU - U.S. Privacy Shield",
            "EU/US Privacy Shield",
            "E.U.-U.S. Privacy Shield",
            "EU-US Privacy Shield Framework",
            "Privacy Shield",
        ],
    ),
    (
        "Swiss-US Privacy Shield",
        &[
            "Swiss-US Privacy Shield",
            "Swiss-U.S. Privacy Shield",
            "Swiss - U.S. Privacy Shield",
        ],
    ),
    (
        "Safe Harbor",
        &[
            "Safe Harbor Framework",
            "US-EU Safe Harbor",
            "U.S.-EU Safe Harbor",
            "EU-US Safe Harbor",
            "U.S.-E.U. Safe Harbor",
            "Safe Harbor Privacy Principles",
            "U.S.-Swiss Safe Harbor",
            "US-Swiss Safe Harbor",
            "U.S. - EU Safe Harbor",
        ],
    ),
    (
        "EU-US Data Privacy Framework",
        &[
            "EU-US Data Privacy Framework",
            "EU-U.S. Data Privacy Framework",
            "Data Privacy Framework",
            "EU-U.S. DPF",
        ],
    ),
    ("VCDPA", &["VCDPA", "Virginia Consumer Data Protection Act"]),
    ("CPA", &["Colorado Privacy Act"]),
    ("CTDPA", &["CTDPA", "Connecticut Data Privacy Act"]),
    ("UCPA", &["Utah Consumer Privacy Act"]),
    (
        "CalOPPA",
        &[
            "CalOPPA",
            "Cal OPPA",
            "California Online Privacy Protection Act",
        ],
    ),
    (
        "California Shine the Light",
        &[
            "Shine the Light",
            "Civil Code Section 1798.83",
            "Civil Code § 1798.83",
            "Civ. Code § 1798.83",
        ],
    ),
    ("GLBA", &["GLBA", "Gramm-Leach-Bliley"]),
    (
        "POPIA",
        &["POPIA", "Protection of Personal Information Act"],
    ),
    ("APPI", &["Act on the Protection of Personal Information"]),
    (
        "Swiss FADP",
        &["FADP", "nFADP", "Federal Act on Data Protection"],
    ),
    ("UK DPA 2018", &["Data Protection Act 2018"]),
    (
        "Australian Privacy Act",
        &["Australian Privacy Principles", "Privacy Act 1988"],
    ),
    (
        "ePrivacy Directive",
        &[
            "ePrivacy Directive",
            "e-Privacy Directive",
            "Directive 2002/58/EC",
        ],
    ),
    (
        "PECR",
        &["PECR", "Privacy and Electronic Communications Regulations"],
    ),
    (
        "EU Data Protection Directive",
        &["Directive 95/46/EC", "Data Protection Directive"],
    ),
];

/// User rights (DESIGN.md ids) and their cue patterns (lower-case text).
const RIGHTS: &[(&str, &str)] = &[
    (
        "access",
        r"right (?:of|to) access|right to know|access (?:to )?(?:your |the |any |all )?(?:personal )?(?:information|data)|request (?:a copy|access|disclosure)|(?:obtain|receive|get) a copy|copy of (?:the |your |any |all )?(?:personal )?(?:information|data)|(?:review|view) (?:your|the) (?:personal )?(?:information|data)|access,? (?:review|update|correct|modify|edit|delete)|what (?:personal )?(?:information|data) we (?:have|hold|collect)",
    ),
    (
        "rectification",
        r"rectif|right to correct|correct(?:ion)? (?:of |your |any |the |inaccura|errors?|mistakes|or update|or amend|or delete|and update)|inaccurate|update,? (?:or |and )?correct|(?:update|change|edit|modify|amend) (?:your|the|any|such) (?:personal |account |profile |contact )?(?:information|data|details|profile)",
    ),
    (
        "deletion",
        r"right to (?:request )?(?:the )?(?:delet|eras)|right to be forgotten|(?:request|ask)(?: us)?(?: to)? (?:the )?(?:\w+ or )?(?:delet|eras|remov)|have us (?:delet|eras|remov)|(?:delet|eras|remov)\w*(?: or \w+)? (?:of )?(?:your|their|all of your|any of your|such|all) (?:\w+ ){0,2}(?:information|data|account|profile|content|details)|(?:you|users?) (?:can|may|could|are able to|have the (?:right|ability|option) to)[^.]{0,40}\b(?:delet|eras|remov)|ability to[^.]{0,30}\b(?:delet|eras|remov)|^to (?:\w+ )?(?:or )?(?:delet|eras|remov)",
    ),
    (
        "portability",
        r"portab|machine[- ]readable|commonly used|transmit (?:it|them|your data|that data|this data) to another|export (?:your|a copy)|download (?:a copy of )?your (?:data|information)",
    ),
    (
        "objection",
        r"right to object|object to (?:the |our |such |any )?(?:processing|use)|objection to",
    ),
    (
        "restriction",
        r"restrict(?:ion of)? (?:the |our )?processing|right to restrict|restriction of (?:the )?processing|limit (?:the )?(?:use|processing) of (?:your )?(?:sensitive )?(?:personal )?(?:information|data)|right to limit",
    ),
    (
        "opt_out",
        r"opt[- ]?out|unsubscrib|stop receiving|choose not to receive|do not sell my|(?:disable|block|refuse|reject|decline|delete) (?:all |some |the |third[- ]party |non-essential |these )?cookies|cookie settings|manage (?:your )?(?:cookie )?preferences",
    ),
    (
        "withdraw_consent",
        r"withdraw(?:al of)? (?:your |of )?consent|revoke (?:your )?consent|withdraw (?:it|your permission)",
    ),
    ("non_discrimination", r"discriminat"),
    (
        "complaint",
        r"(?:lodge|file|make|submit|bring) a complaint|right to complain|complaint (?:with|to) (?:a|the|your|an)|supervisory authority|data protection authority|information commissioner",
    ),
];

/// Kinds of cookies a cookie policy describes, with their cue patterns.
const COOKIE_TYPES: &[(&str, &str)] = &[
    (
        "essential",
        r"strictly necessary|essential cookies|necessary cookies|required cookies",
    ),
    (
        "functional",
        r"functional(?:ity)? cookies|preferences? cookies",
    ),
    (
        "analytics",
        r"analytic(?:s|al)? cookies|performance cookies|statistic(?:s|al)? cookies|measurement cookies",
    ),
    (
        "advertising",
        r"advertising cookies|targeting cookies|marketing cookies|\bad cookies|advertisement cookies|tracking cookies",
    ),
    (
        "social",
        r"social media cookies|social networking cookies|social cookies",
    ),
];

/// Topic bits: a sentence runs a topic's patterns only when one of its gate words occurs.
const ADS: u32 = 1 << 10;
const COOKIES: u32 = 1 << 11;
const TRANSFER: u32 = 1 << 12;
const LAW: u32 = 1 << 13;
const CHANGE: u32 = 1 << 14;
const RETENTION: u32 = 1 << 15;

/// Gate words per topic; bits 0-9 are the `RIGHTS` entries in order.
const GATES: &[(u32, &[&str])] = &[
    (1, &["access", "know", "copy", "review", "view", "what"]),
    (
        1 << 1,
        &[
            "rectif", "correct", "inaccura", "updat", "chang", "edit", "modif", "amend",
        ],
    ),
    (1 << 2, &["delet", "eras", "forgotten", "remov"]),
    (
        1 << 3,
        &[
            "portab",
            "machine",
            "commonly used",
            "transmit",
            "export",
            "download",
        ],
    ),
    (1 << 4, &["object"]),
    (1 << 5, &["restrict", "limit"]),
    (
        1 << 6,
        &[
            "opt",
            "unsubscrib",
            "receiving",
            "receive",
            "do not sell",
            "cookie",
            "preferences",
        ],
    ),
    (1 << 7, &["withdraw", "revoke"]),
    (1 << 8, &["discriminat"]),
    (
        1 << 9,
        &["complain", "supervisory", "authority", "commissioner"],
    ),
    (
        ADS,
        &[
            " ad",
            "retarget",
            "remarketing",
            "re-marketing",
            "marketing",
            "offers",
            "audience",
            "choices",
            "aboutads",
        ],
    ),
    (
        COOKIES,
        &[
            "cookie",
            "beacon",
            "pixel",
            "local storage",
            "gif",
            "tracking technolog",
        ],
    ),
    (
        TRANSFER,
        &[
            "transfer",
            "stored",
            "processed",
            "hosted",
            "maintained",
            "located",
            "outside",
            "countr",
            "border",
            "clauses",
            "shield",
            "adequacy",
            "binding corporate",
            "framework",
            "never leave",
            "kept",
        ],
    ),
    (
        LAW,
        &[
            "law",
            "subpoena",
            "court",
            "legal",
            "warrant",
            "police",
            "government",
            "authorit",
            "judicial",
            "regulat",
        ],
    ),
    (
        CHANGE,
        &["chang", "modif", "updat", "amend", "revis", "alter"],
    ),
    (
        RETENTION,
        &[
            "hour",
            "day",
            "week",
            "month",
            "year",
            "as long as",
            "no longer than",
            "indefinite",
            "reasonable period",
            "period necessary",
            "duration of",
            "until you",
        ],
    ),
];

/// yes/no clauses for one question.
#[derive(Default)]
struct Votes {
    yes: Vec<usize>,
    no: Vec<usize>,
}

impl Votes {
    fn add(&mut self, yes: bool, clause: usize) {
        let list = if yes { &mut self.yes } else { &mut self.no };
        if !list.contains(&clause) && list.len() < MAX_EVIDENCE {
            list.push(clause);
        }
    }

    /// Yes and no both stated is unclear; the evidence keeps both sides.
    fn answer(&self) -> (Answer, Vec<usize>) {
        match (self.yes.is_empty(), self.no.is_empty()) {
            (true, true) => (Answer::NotMentioned, Vec::new()),
            (false, true) => (Answer::Yes, self.yes.clone()),
            (true, false) => (Answer::No, self.no.clone()),
            (false, false) => (Answer::Unclear, merge(&self.yes, &self.no)),
        }
    }
}

fn merge(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Regexes and gazetteers, built once.
pub struct FactExtractor {
    gazetteer: &'static Gazetteer,
    dates: DateFinder,
    gate: AhoCorasick,
    gate_topics: Vec<u32>,
    data_terms: AhoCorasick,
    data_ids: Vec<Option<&'static str>>,
    frameworks: AhoCorasick,
    framework_names: Vec<&'static str>,
    rights: Vec<(&'static str, Regex)>,
    cookie_types: Vec<(&'static str, Regex)>,
    email: Regex,
    url: Regex,
    contact_context: Regex,
    negation: Regex,
    boundary: Regex,
    conditional: Regex,
    subject: Regex,
    modal: Regex,
    imperative: Regex,
    access_exclude: Regex,
    collect_verb: Regex,
    collect_heading: Regex,
    sell: Regex,
    sell_object: Regex,
    sell_exclude: Regex,
    sale_deemed: Regex,
    do_not_sell_link: Regex,
    sale_opt_out: Regex,
    ads: Regex,
    cookies: Regex,
    cookie_purpose: Regex,
    transfer: Regex,
    transfer_local: Regex,
    law: Regex,
    disclose: Regex,
    change: Regex,
    change_heading: Regex,
    policy_word: Regex,
    notice_none: Regex,
    notice_advance: Regex,
    notice_email: Regex,
    notice_posted: Regex,
    age: Regex,
    age_context: Regex,
    period: Regex,
    period_vague: Regex,
    retention_context: Regex,
    retention_exclude: Regex,
}

/// Compiles a fact pattern; `\b` is the ASCII word boundary, which keeps the fast DFA
/// engines usable on text with non-ASCII letters.
fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("fact regexes are valid")
}

/// One automaton over (id, phrases) tables; returns it and the id of each pattern.
fn automaton<T: Copy>(table: &[(T, &[&str])], case_insensitive: bool) -> (AhoCorasick, Vec<T>) {
    let mut ids = Vec::new();
    let mut phrases = Vec::new();
    for (id, list) in table {
        for phrase in *list {
            ids.push(*id);
            phrases.push(*phrase);
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(case_insensitive)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(&phrases)
        .expect("fact phrases build an automaton");
    (automaton, ids)
}

/// The gate automaton: each distinct word once, with the bits of every topic it opens.
fn gate_automaton() -> (AhoCorasick, Vec<u32>) {
    let mut words: Vec<&str> = Vec::new();
    let mut bits: Vec<u32> = Vec::new();
    for (topic, list) in GATES {
        for word in *list {
            match words.iter().position(|w| w == word) {
                Some(at) => bits[at] |= topic,
                None => {
                    words.push(word);
                    bits.push(*topic);
                }
            }
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(&words)
        .expect("gate words build an automaton");
    (automaton, bits)
}

/// Matches of an automaton that start and end at word boundaries.
fn word_matches<'a>(
    automaton: &'a AhoCorasick,
    text: &'a str,
) -> impl Iterator<Item = aho_corasick::Match> + 'a {
    let bytes = text.as_bytes();
    automaton.find_iter(text).filter(move |m| {
        let word = |b: &u8| b.is_ascii_alphanumeric() || *b >= 0x80;
        !(bytes.get(m.end()).is_some_and(word) || m.start() > 0 && word(&bytes[m.start() - 1]))
    })
}

/// Cuts a clause into sentences at ". ", "! ", "? " before a capital, digit, quote or bracket.
pub fn sentences(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes.get(i + 1) == Some(&b' ')
            && bytes.get(i + 2).is_some_and(|b| {
                b.is_ascii_uppercase() || b.is_ascii_digit() || b"\"('".contains(b)
            })
        {
            out.push(text[start..=i].trim());
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// A sentence under analysis: its clause, text, ASCII-lowered text (same byte offsets) and
/// the context (heading and list lead-in) lowered.
struct Sentence<'a> {
    clause: usize,
    /// Topic bits whose gate words occur (see `GATES`).
    topics: u32,
    text: &'a str,
    lower: String,
    context: String,
    question: bool,
}

/// Everything gathered while scanning the sentences.
#[derive(Default)]
struct Scan {
    data: Vec<(&'static str, Vec<usize>)>,
    third_parties: Vec<(String, Vec<usize>)>,
    frameworks: Vec<(&'static str, Vec<usize>)>,
    rights: Vec<(&'static str, Vec<usize>)>,
    cookie_types: Vec<(&'static str, Vec<usize>)>,
    contacts: Vec<(String, usize)>,
    sells: Votes,
    do_not_sell_link: Vec<usize>,
    sale_opt_out: Vec<usize>,
    ads: Votes,
    cookies: Votes,
    transfer: Votes,
    law: Votes,
    notice: Option<(ChangeNotice, Vec<usize>)>,
    ages: Vec<(u32, usize)>,
    retention: Vec<Retention>,
}

/// Adds `clause` to the entry for `key`, creating it in order of first mention.
fn note<K: PartialEq>(list: &mut Vec<(K, Vec<usize>)>, key: K, clause: usize) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, clauses)) => {
            if !clauses.contains(&clause) && clauses.len() < MAX_EVIDENCE {
                clauses.push(clause);
            }
        }
        None => list.push((key, vec![clause])),
    }
}

fn notice_rank(notice: ChangeNotice) -> u8 {
    match notice {
        ChangeNotice::NotMentioned => 0,
        ChangeNotice::None => 1,
        ChangeNotice::Posted => 2,
        ChangeNotice::Email => 3,
        ChangeNotice::Advance => 4,
    }
}

/// Days in a period: months as 365/12 days, hours rounded up to whole days.
fn period_days(count: u32, unit: &str) -> u32 {
    let count = count.min(10_000);
    match unit.as_bytes().first() {
        Some(b'h') => count.div_ceil(24),
        Some(b'd') => count,
        Some(b'w') => count * 7,
        Some(b'm') => (count * 365 + 6) / 12,
        _ => count * 365,
    }
}

/// "three", "twenty-four", "18" as a number.
fn parse_count(text: &str) -> Option<u32> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let mut total = 0;
    for word in text.split(['-', ' ']).filter(|w| !w.is_empty()) {
        if let Some(n) = UNITS.iter().position(|u| *u == word) {
            total += n as u32;
        } else if let Some(n) = TENS.iter().position(|t| *t == word) {
            total += 20 + 10 * n as u32;
        } else if word == "hundred" {
            total = total.max(1) * 100;
        } else {
            return None;
        }
    }
    Some(total)
}

impl FactExtractor {
    pub fn new() -> FactExtractor {
        let (data_terms, data_ids) = automaton(DATA_TERMS, false);
        let (gate, gate_topics) = gate_automaton();
        let (frameworks, framework_names) = automaton(FRAMEWORKS, true);
        let number = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one hundred(?: and)?(?: eighty| twenty| fifty| sixty)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|\d{1,4})";
        FactExtractor {
            gazetteer: Gazetteer::shared(),
            gate,
            gate_topics,
            dates: DateFinder::new(),
            data_terms,
            data_ids,
            frameworks,
            framework_names,
            rights: RIGHTS.iter().map(|(id, p)| (*id, re(p))).collect(),
            cookie_types: COOKIE_TYPES.iter().map(|(id, p)| (*id, re(p))).collect(),
            email: re(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
            url: re(r#"\b(?:https?://|www\.)[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:/[^\s<>"')\]]*)?"#),
            contact_context: re(
                r"contact|question|concern|complaint|request|inquir|enquir|write to|reach us|privacy (?:team|office)|protection officer|exercise",
            ),
            negation: re(
                r"\b(?:not|never|no|cannot|nor|neither|restricted from|prohibited from|prohibit|prohibits|forbidden|refrain from)\b|n't\b",
            ),
            boundary: re(
                r"[;:()]|, (?:you|we|they|it|this|our|i|your|these|such|which|but|and we|and you)\b|\b(?:but|however|unless|except|although|though|whereas|while|otherwise|instead|other than)\b",
            ),
            conditional: re(r"\b(?:if|whether|unless|in case|should you)\b"),
            subject: re(
                r"\b(?:you|your|users?|consumers?|individuals?|data subjects?|residents?|customers?|members?|visitors?|parents?)\b",
            ),
            modal: re(
                r"\b(?:can|may|could|right|rights|request|requests|able|option|entitled|choose|wish|ask|let us know|contact us|email us|e-mail us|write to us|click|visit|will)\b",
            ),
            imperative: re(
                r"^(?:to|please|click|visit|contact|email|e-mail|write|call|go to|select)\b",
            ),
            access_exclude: re(
                r"unauthori[sz]ed|employees|staff|contractors|safeguard|protect|secur|restrict access|limit access|need to know",
            ),
            collect_verb: re(
                r"\b(?:collect|collects|collected|collecting|collection of|gather|gathers|gathered|gathering|obtain|obtains|obtained|receive|receives|received|ask (?:you )?for|asks (?:you )?for|asked for|request|requests|requested|record|records|recorded|store|stores|stored|log|logs|logged|capture|captures|captured|process|processes|processed|use|uses|used|retain|retains|retained|keep|keeps|provide|provides|provided|submit|submits|submitted|enter|entered|share|shares|shared|disclose|discloses|disclosed|transfer|transfers|transferred|sell|sells|sold|access|accesses|accessed|maintain|maintains)\b",
            ),
            collect_heading: re(
                r"collect|gather|obtain|receive|information (?:we|you)|data (?:we|you)|categories of (?:personal )?(?:information|data)|what (?:personal )?(?:information|data)",
            ),
            sell: re(
                r"\b(?:sell|sells|selling|sold|rent|rents|renting|rented|lease|leases|leased|leasing|trade|trades|traded|trading|barter|monetize|sale of (?:your |any |the |such )?(?:personal )?(?:information|data))\b",
            ),
            sell_object: re(
                r"\b(?:information|data|details|e-?mails|e-?mail (?:address(?:es)?|lists?)|mailing lists?|customer lists?|contact lists?|names|profiles?)\b",
            ),
            sell_exclude: re(
                r"merger|acquisition|corporate transaction|business transaction|(?:business|company|division|assets|entity|stock|portion|part of (?:our|the)|all or (?:part|substantially))[^.]{0,40}\b(?:sold|sale|acquired|transferred)|acquired|bankrupt|reorgani|insolvency|divest|change (?:of|in) control|assets|successor|trade ?shows?|trade names?|trade secrets?|trademark|(?:sell|sells|selling|sold) (?:or (?:provide|offer) )?(?:products|goods|services|items|merchandise|tickets|advertising|ads|ad space|our products|subscriptions)|products (?:or services )?(?:we |you )?(?:sell|sold)",
            ),
            sale_deemed: re(
                r#"\b(?:considered|deemed|constitutes?|qualify as|defined as|treated as)(?: to be)? (?:an? )?["']?(?:sale|sell|selling|sales)\b"#,
            ),
            do_not_sell_link: re(
                r"do not sell (?:or share )?my (?:personal )?(?:information|info|data)",
            ),
            sale_opt_out: re(
                r"opt[- ]?out of (?:the )?(?:sale|selling)|request that we (?:do )?not sell|right to opt[- ]out",
            ),
            ads: re(
                r"interest[- ]based (?:ad|ads|advertising|advertisements|marketing)|targeted (?:ad|ads|advertising|advertisements|marketing)|personali[sz]ed (?:ad|ads|advertising|advertisements)|behaviou?ral(?:ly)? (?:targeted )?(?:ad|ads|advertising|targeting)|tailored (?:ads|advertising|advertisements)|(?:ads|advertising|advertisements|offers) (?:that are |which are |that is |more )?(?:tailored|targeted|customi[sz]ed|relevant|personali[sz]ed) to (?:your|you)|relevant (?:ads|advertising|advertisements)|retarget|remarketing|re-marketing|cross[- ]context behavioral|(?:ads|advertising|advertisements) based on (?:your|the information|information)|ad(?:vertising)? networks?|network advertising initiative|aboutads\.info|youradchoices|digital advertising alliance|networkadvertising\.org|adchoices|audience (?:targeting|segments)|online behaviou?ral advertising|your online choices|youronlinechoices",
            ),
            cookies: re(
                r"\bcookies?\b|web beacons?|pixel tags?|tracking pixels?|local storage|clear gifs?|tracking technolog",
            ),
            cookie_purpose: re(r"cookies?\b[^.]*\b(?:to|for|that|which|in order)\b"),
            transfer: re(
                r"transferr?(?:ed|ing|s)?\b[^.;]{0,80}\b(?:countr|jurisdiction|united states|u\.s\.|usa|eea|european|outside|abroad|overseas|international)|(?:stored|processed|hosted|maintained|located) (?:on servers )?(?:in|outside)[^.;]{0,40}\b(?:united states|u\.s\.|countr|eea|european|abroad|jurisdiction)|outside (?:of )?(?:the |your )?(?:eea|european economic area|european union|eu|uk|united kingdom|country|jurisdiction|switzerland|state|province)|other countries|another country|countries other than|across borders|cross[- ]border|international(?:ly)? transfer|standard contractual clauses|model (?:contract )?clauses|privacy shield|adequacy decision|binding corporate rules|data privacy framework",
            ),
            transfer_local: re(
                r"(?:stored|hosted|processed|kept) (?:exclusively|only|solely) (?:in|within)|never leaves?",
            ),
            law: re(
                r"law enforcement|subpoena|court order|legal process|(?:required|compelled|requested|obligated|permitted|authori[sz]ed) (?:to do so )?by (?:applicable )?laws?|comply with (?:a |any |applicable |the |our |all )?(?:laws?|legal|regulation|request|valid|judicial)|government(?:al)? (?:authorit|agenc|request|entit|official|bodies)|public authorit|judicial proceeding|legal obligation|warrant|police",
            ),
            disclose: re(
                r"disclos|shar|provid|releas|turn over|give|access|transfer|report|respond|cooperat",
            ),
            change: re(
                r"\b(?:change|changes|changed|modify|modified|modification|modifications|update|updates|updated|amend|amended|amendment|amendments|revise|revised|revision|revisions|alter)\b",
            ),
            change_heading: re(r"change|update|revision|modif|amend"),
            policy_word: re(r"\b(?:policy|statement|notice|privacy|terms)\b"),
            notice_none: re(
                r"without (?:any |prior |advance |further |additional |direct )*notice|without notifying|not (?:be )?(?:required|obligated|obliged) to (?:notify|inform)|no obligation to (?:notify|inform)",
            ),
            notice_advance: re(
                r"\b\d+ days?(?:'|s)? (?:prior|before|in advance|advance|notice)|(?:advance|prior) (?:written )?notice|before (?:the |such |any |these )?(?:changes?|modifications?|revisions?|amendments?) (?:take|takes|become|becomes|go|goes) (?:into )?(?:effect|effective)|in advance of|prior to (?:the |such )?(?:changes?|modifications?) (?:taking|becoming)",
            ),
            notice_email: re(
                r"e-?mail|notify you|inform you|send you (?:a )?notice|notice to you|notification to you|directly notify|contact you",
            ),
            notice_posted: re(
                r"\bpost|this page|on (?:our|the|this) (?:web ?)?site|updat\w* the (?:.{0,3})(?:last updated|effective|revision|revised|date)|(?:effective|revision|revised|last updated) date|check (?:back|this page|periodically)|(?:review|check) (?:this|the) (?:policy|page|privacy policy) (?:periodically|regularly|frequently)",
            ),
            age: re(
                r"\b(?:under|younger than|below|less than|at least|over|older than|above|aged|age of|ages? of|minimum age of|minimum age is) (?:the )?(?:age )?(?:of )?(\d{1,2})\b|\b(\d{1,2})(?: years? of age| years? old| or older| or over| and over| and older| and up|\+)",
            ),
            age_context: re(
                r"child|minor|\bkids?\b|teen|coppa|parent|guardian|years of age|years old|\bage\b|underage",
            ),
            period: re(&format!(
                r"\b(?P<num>{number})(?:\s*\((?P<paren>\d{{1,4}})\))?[\s-]*(?P<unit>hours?|days?|weeks?|months?|years?)\b"
            )),
            period_vague: re(
                r"as long as (?:is |it is |reasonably |strictly )*(?:necessary|needed|required|reasonably necessary)|(?:for )?as long as (?:your|you|the|we|it)\b[^.,;]{0,60}\b|no longer than (?:is )?(?:necessary|needed|required)|only for as long|until you (?:delete|close|request|ask|cancel|unsubscribe|withdraw|deactivate)[^.,;]{0,40}\b|indefinitely|for an indefinite period|for a reasonable period|for the period necessary|for the duration of[^.,;]{0,40}\b",
            ),
            retention_context: re(
                r"retain|retention|\bkeep|\bkept\b|\bstore|stored|storing|\bhold|\bheld\b|delet|\beras|purge|anonymi[sz]|de-identif|destroy|expir|persist|duration|lifespan|life span|remains? (?:on|in|active|stored)",
            ),
            retention_exclude: re(
                r"respond|response|reply|notify|notice|in advance|prior to|years? of age|years? old|\bage\b",
            ),
        }
    }

    /// True when the cue at `start` in `lower` is negated in its part of the sentence.
    fn negated(&self, lower: &str, start: usize) -> bool {
        let mut from = start.saturating_sub(NEGATION_WINDOW);
        while !lower.is_char_boundary(from) {
            from += 1;
        }
        let window = &lower[from..start];
        let cut = self
            .boundary
            .find_iter(window)
            .last()
            .map_or(0, |m| m.end());
        let window = &window[cut..];
        for m in self.negation.find_iter(window) {
            let rest = &window[m.end()..];
            if m.as_str() == "no"
                && [" longer", " later", " more", " less", " matter"]
                    .iter()
                    .any(|w| rest.starts_with(w))
            {
                continue;
            }
            return !self.conditional.is_match(&window[..m.start()]);
        }
        false
    }

    /// True when any match of `cue` in `lower` is affirmative; `None` when no match.
    fn affirmed(&self, cue: &Regex, lower: &str) -> Option<bool> {
        let mut seen = None;
        for m in cue.find_iter(lower) {
            if !self.negated(lower, m.start()) {
                return Some(true);
            }
            seen = Some(false);
        }
        seen
    }

    pub fn extract(&self, page: &Page, segments: &[Segment]) -> Facts {
        let mut scan = Scan::default();
        let order = self
            .dates
            .order_from_text(segments.iter().map(|s| s.text.as_str()))
            .unwrap_or_else(|| order_for_lang(&page.lang));
        let host = host_of(&page.url);
        let mut short_dates = Vec::new();
        let mut long_dates = Vec::new();
        let mut next_segment = 0;
        for (b, block) in page.blocks.iter().enumerate() {
            if !block.is_heading() {
                continue;
            }
            while next_segment < segments.len() && segments[next_segment].block < b {
                next_segment += 1;
            }
            if next_segment == segments.len() {
                break;
            }
            for d in self.dates.cued_dates(&block.text, order) {
                short_dates.push((d, next_segment));
            }
        }
        for (i, segment) in segments.iter().enumerate() {
            let tag = page
                .blocks
                .get(segment.block)
                .map_or("", |b| b.tag.as_str());
            let list_item = matches!(tag, "li" | "dd" | "td" | "th");
            for d in self.dates.cued_dates(&segment.text, order) {
                if segment.text.len() <= 160 {
                    short_dates.push((d, i));
                } else {
                    long_dates.push((d, i));
                }
            }
            for hit in self.gazetteer.find(&segment.text) {
                if own_name(&host, hit.name) {
                    continue;
                }
                note(&mut scan.third_parties, hit.name.to_string(), i);
                if hit.kind == Kind::Ads {
                    scan.ads.add(true, i);
                }
            }
            for m in word_matches(&self.frameworks, &segment.text) {
                note(
                    &mut scan.frameworks,
                    self.framework_names[m.pattern().as_usize()],
                    i,
                );
            }
            self.contacts(&segment.text, i, &mut scan);
            let mut context = String::new();
            for part in [&segment.heading, &segment.lead_in].into_iter().flatten() {
                context.push_str(&part.to_ascii_lowercase());
                context.push(' ');
            }
            let lead_in = segment
                .lead_in
                .as_deref()
                .map(|l| self.affirmed(&self.collect_verb, &l.to_ascii_lowercase()));
            let heading_collects = list_item
                && segment
                    .heading
                    .as_deref()
                    .is_some_and(|h| self.collect_heading.is_match(&h.to_ascii_lowercase()));
            for text in sentences(&segment.text) {
                let lower = text.to_ascii_lowercase();
                let topics = self
                    .gate
                    .find_overlapping_iter(&lower)
                    .fold(0, |bits, m| bits | self.gate_topics[m.pattern().as_usize()]);
                let sentence = Sentence {
                    clause: i,
                    topics,
                    text,
                    lower,
                    context: context.clone(),
                    question: text.ends_with('?'),
                };
                let inherited = match lead_in {
                    Some(Some(affirmed)) => Some(affirmed),
                    _ => heading_collects.then_some(true),
                };
                self.data_collected(&sentence, inherited, &mut scan);
                if sentence.question {
                    continue;
                }
                self.sells(&sentence, &mut scan);
                self.answers(&sentence, &mut scan);
                self.change_notice(&sentence, &segment.heading, &mut scan);
                self.children(&sentence, &mut scan);
                self.retention(&sentence, &mut scan);
                self.rights(&sentence, &mut scan);
            }
        }
        let mut facts = Facts::default();
        let best_date = if short_dates.is_empty() {
            long_dates.into_iter().next()
        } else {
            short_dates
                .into_iter()
                .max_by_key(|(d, _)| (d.year, d.month, d.day))
        };
        if let Some((date, clause)) = best_date {
            facts.effective_date = Some(date.iso());
            evidence(&mut facts, "effective_date".into(), vec![clause]);
        }
        self.finish(scan, &mut facts);
        facts
    }

    fn contacts(&self, text: &str, clause: usize, scan: &mut Scan) {
        let emails = if text.contains('@') {
            self.email.find_iter(text).collect()
        } else {
            Vec::new()
        };
        let mut found: Vec<String> = emails
            .into_iter()
            .map(|m| m.as_str().trim_end_matches('.').to_string())
            .collect();
        if (text.contains("http") || text.contains("www."))
            && self.contact_context.is_match(&text.to_ascii_lowercase())
        {
            found.extend(self.url.find_iter(text).filter_map(|m| {
                let url = m.as_str().trim_end_matches(['.', ',', ';', ':']);
                let before = &text[..m.start()];
                (!before.ends_with('@')).then(|| url.to_string())
            }));
        }
        for contact in found {
            if scan.contacts.len() < MAX_CONTACTS && !scan.contacts.iter().any(|c| c.0 == contact) {
                scan.contacts.push((contact, clause));
            }
        }
    }

    /// Data types named where the sentence (or its list lead-in) says they are collected.
    fn data_collected(&self, s: &Sentence, inherited: Option<bool>, scan: &mut Scan) {
        // A list under "We do not collect:" collects nothing.
        if inherited == Some(false) {
            return;
        }
        // Data terms first (one automaton pass): without one there is nothing to record, and
        // the verb regex need not run.
        let terms: Vec<(usize, &'static str)> = word_matches(&self.data_terms, &s.lower)
            .filter_map(|m| Some((m.start(), self.data_ids[m.pattern().as_usize()]?)))
            .collect();
        if terms.is_empty() {
            return;
        }
        let verbs: Vec<usize> = self
            .collect_verb
            .find_iter(&s.lower)
            .map(|m| m.start())
            .collect();
        if verbs.is_empty() && (s.question || inherited.is_none()) {
            return;
        }
        // Whether a verb is affirmed, worked out only for verbs that govern a term.
        let mut affirmed: Vec<Option<bool>> = vec![None; verbs.len()];
        for (start, id) in terms {
            let governing = verbs
                .iter()
                .rposition(|&at| at < start)
                .or((!verbs.is_empty()).then_some(0))
                .map(|v| *affirmed[v].get_or_insert_with(|| !self.negated(&s.lower, verbs[v])));
            if governing.or(inherited).unwrap_or(false) {
                note(&mut scan.data, id, s.clause);
            }
        }
    }

    fn sells(&self, s: &Sentence, scan: &mut Scan) {
        let lower = &s.lower;
        if ![
            "sel", "sold", "sale", "rent", "leas", "trad", "barter", "monetiz",
        ]
        .iter()
        .any(|w| lower.contains(w))
        {
            return;
        }
        // Opt-out wording ("Do Not Sell My ...", "opt out of the sale") is not itself a
        // statement; the sale cues inside it are skipped.
        let mut spans = Vec::new();
        for m in self.do_not_sell_link.find_iter(lower) {
            spans.push((m.start(), m.end()));
            if !scan.do_not_sell_link.contains(&s.clause) {
                scan.do_not_sell_link.push(s.clause);
            }
        }
        if lower.contains("sale") || lower.contains("sell") {
            for m in self.sale_opt_out.find_iter(lower) {
                spans.push((m.start(), m.end() + 40));
                if !scan.sale_opt_out.contains(&s.clause) {
                    scan.sale_opt_out.push(s.clause);
                }
            }
        }
        if let Some(m) = self.sale_deemed.find(lower) {
            scan.sells.add(!self.negated(lower, m.start()), s.clause);
            return;
        }
        if self.sell_exclude.is_match(lower) {
            return;
        }
        let mut vote = None;
        for m in self.sell.find_iter(lower) {
            // "Federal Trade Commission" is no trade in data.
            let capital = s.text.as_bytes()[m.start()].is_ascii_uppercase();
            if spans.iter().any(|&(a, b)| m.start() >= a && m.start() <= b)
                || capital && m.as_str().starts_with("trad")
            {
                continue;
            }
            let after = &lower[m.start()..floor_boundary(lower, lower.len().min(m.end() + 80))];
            let before_start = floor_boundary(lower, m.start().saturating_sub(60));
            let before = &lower[before_start..m.start()];
            if !self.sell_object.is_match(after) && !self.sell_object.is_match(before) {
                continue;
            }
            let yes = !self.negated(lower, m.start());
            vote = Some(vote.unwrap_or(false) || yes);
        }
        if let Some(yes) = vote {
            scan.sells.add(yes, s.clause);
        }
    }

    /// Targeted ads, cookies, international transfer, law enforcement.
    fn answers(&self, s: &Sentence, scan: &mut Scan) {
        let lower = &s.lower;
        let on = |topic: u32| s.topics & topic != 0;
        if let Some(yes) = on(ADS).then(|| self.affirmed(&self.ads, lower)).flatten() {
            scan.ads.add(yes, s.clause);
        }
        if let Some(yes) = on(COOKIES)
            .then(|| self.affirmed(&self.cookies, lower))
            .flatten()
        {
            // "We do not use cookies to track you" still says cookies are used.
            let yes = yes || self.cookie_purpose.is_match(lower);
            scan.cookies.add(yes, s.clause);
            if yes {
                for (id, cue) in &self.cookie_types {
                    if cue.is_match(lower) {
                        note(&mut scan.cookie_types, *id, s.clause);
                    }
                }
            }
        }
        if on(TRANSFER) {
            if self.transfer_local.is_match(lower) {
                scan.transfer.add(false, s.clause);
            } else if let Some(yes) = self.affirmed(&self.transfer, lower) {
                scan.transfer.add(yes, s.clause);
            }
        }
        if on(LAW) && self.disclose.is_match(lower) {
            if let Some(yes) = self.affirmed(&self.law, lower) {
                scan.law.add(yes, s.clause);
            }
        }
    }

    fn change_notice(&self, s: &Sentence, heading: &Option<String>, scan: &mut Scan) {
        let lower = &s.lower;
        let about_changes = s.topics & CHANGE != 0
            && self.change.is_match(lower)
            && (self.policy_word.is_match(lower)
                || heading
                    .as_deref()
                    .is_some_and(|h| self.change_heading.is_match(&h.to_ascii_lowercase())));
        if !about_changes {
            return;
        }
        let notice = if self
            .notice_advance
            .find(lower)
            .is_some_and(|m| !self.negated(lower, m.start()))
        {
            ChangeNotice::Advance
        } else if self
            .notice_email
            .find(lower)
            .is_some_and(|m| !self.negated(lower, m.start()))
        {
            ChangeNotice::Email
        } else if self.notice_posted.is_match(lower) {
            ChangeNotice::Posted
        } else if self.notice_none.is_match(lower) {
            ChangeNotice::None
        } else {
            return;
        };
        match &mut scan.notice {
            Some((best, clauses)) if *best == notice => {
                if !clauses.contains(&s.clause) && clauses.len() < MAX_EVIDENCE {
                    clauses.push(s.clause);
                }
            }
            Some((best, _)) if notice_rank(*best) > notice_rank(notice) => {}
            _ => scan.notice = Some((notice, vec![s.clause])),
        }
    }

    fn children(&self, s: &Sentence, scan: &mut Scan) {
        if !s.lower.bytes().any(|b| b.is_ascii_digit()) || !self.age_context.is_match(&s.lower) {
            return;
        }
        for c in self.age.captures_iter(&s.lower) {
            let Some(m) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            let rest = s.lower[m.end()..].trim_start_matches(['-', ' ']);
            let time_unit = ["month", "day", "week", "hour", "percent", "%"]
                .iter()
                .any(|u| rest.starts_with(u))
                || (rest.starts_with("year")
                    && !["years of age", "year of age", "years old", "year old"]
                        .iter()
                        .any(|u| rest.starts_with(u))
                    && !s.lower.contains("child"));
            if time_unit {
                continue;
            }
            if let Ok(age) = m.as_str().parse::<u32>() {
                if (8..=21).contains(&age) {
                    scan.ages.push((age, s.clause));
                }
            }
        }
    }

    fn retention(&self, s: &Sentence, scan: &mut Scan) {
        let lower = &s.lower;
        if s.topics & RETENTION == 0
            || !self.retention_context.is_match(lower)
            || self.retention_exclude.is_match(lower)
        {
            return;
        }
        let mut push = |text: &str, days: Option<u32>| {
            let text = text.trim().to_string();
            if scan.retention.len() < MAX_RETENTION
                && !scan
                    .retention
                    .iter()
                    .any(|r| r.clause == s.clause && r.days == days && r.text == text)
            {
                scan.retention.push(Retention {
                    text,
                    days,
                    clause: s.clause,
                });
            }
        };
        for c in self.period.captures_iter(lower) {
            let whole = c.get(0).expect("match");
            let before = lower[..whole.start()].trim_end();
            if [
                "preceding",
                "past",
                "last",
                "previous",
                "prior",
                "every",
                "each",
                "per",
            ]
            .iter()
            .any(|w| before.ends_with(w))
            {
                continue;
            }
            let count = c
                .name("paren")
                .and_then(|p| p.as_str().parse().ok())
                .or_else(|| parse_count(&c["num"]));
            if let Some(count) = count.filter(|&n| n > 0) {
                push(
                    &s.text[whole.start()..whole.end()],
                    Some(period_days(count, &c["unit"])),
                );
            }
        }
        for m in self.period_vague.find_iter(lower) {
            push(&s.text[m.start()..m.end()], None);
        }
    }

    fn rights(&self, s: &Sentence, scan: &mut Scan) {
        let lower = &s.lower;
        if s.topics & ((1 << RIGHTS.len()) - 1) == 0 {
            return;
        }
        let user_context = (self.subject.is_match(lower) || self.subject.is_match(&s.context))
            && (self.modal.is_match(lower) || self.modal.is_match(&s.context))
            || self.imperative.is_match(lower);
        for (bit, (id, cue)) in self.rights.iter().enumerate() {
            if s.topics & (1 << bit) == 0 {
                continue;
            }
            let Some(m) = cue.find(lower) else {
                continue;
            };
            let always = matches!(*id, "non_discrimination" | "complaint");
            if !always && (!user_context || self.negated(lower, m.start())) {
                continue;
            }
            if *id == "access" && self.access_exclude.is_match(lower) {
                continue;
            }
            note(&mut scan.rights, *id, s.clause);
        }
    }

    /// Turns the scan into the Report's facts and their evidence.
    fn finish(&self, scan: Scan, facts: &mut Facts) {
        for (contact, clause) in scan.contacts {
            evidence(facts, format!("contacts:{contact}"), vec![clause]);
            facts.contacts.push(contact);
        }
        for (field, list, out) in [
            ("data_collected", scan.data, &mut facts.data_collected),
            ("user_rights", scan.rights, &mut facts.user_rights),
            ("frameworks", scan.frameworks, &mut facts.frameworks),
            ("cookie_types", scan.cookie_types, &mut facts.cookie_types),
        ] {
            for (id, clauses) in list {
                out.push(id.to_string());
                facts.evidence.push(FactSource {
                    fact: format!("{field}:{id}"),
                    clauses,
                });
            }
        }
        for (name, clauses) in scan.third_parties {
            facts.evidence.push(FactSource {
                fact: format!("third_parties:{name}"),
                clauses,
            });
            facts.third_parties.push(name);
        }
        let mut sells = scan.sells;
        // A "Do Not Sell My Personal Information" link is required only of businesses that
        // sell or share personal information (CCPA), so alone it means yes; beside an
        // explicit "we do not sell" it makes the answer unclear. A generic "right to opt out
        // of the sale" in a list of rights, alone, is unclear.
        for &clause in &scan.do_not_sell_link {
            sells.add(true, clause);
        }
        let (mut answer, mut clauses) = sells.answer();
        if answer == Answer::NotMentioned && !scan.sale_opt_out.is_empty() {
            answer = Answer::Unclear;
            clauses = scan.sale_opt_out;
        }
        facts.sells_data = answer;
        evidence(facts, "sells_data".into(), clauses);
        for (field, votes) in [
            ("targeted_advertising", scan.ads),
            ("cookies", scan.cookies),
            ("international_transfer", scan.transfer),
            ("law_enforcement_disclosure", scan.law),
        ] {
            let (answer, clauses) = votes.answer();
            match field {
                "targeted_advertising" => facts.targeted_advertising = answer,
                "cookies" => facts.cookies = answer,
                "international_transfer" => facts.international_transfer = answer,
                _ => facts.law_enforcement_disclosure = answer,
            }
            evidence(facts, field.into(), clauses);
        }
        if let Some((notice, clauses)) = scan.notice {
            facts.change_notice = notice;
            evidence(facts, "change_notice".into(), clauses);
        }
        // The lowest age a policy names for children: the age below which it turns them away.
        if let Some(age) = scan.ages.iter().map(|a| a.0).min() {
            facts.children_min_age = Some(age);
            let clauses: Vec<usize> = scan
                .ages
                .iter()
                .filter(|a| a.0 == age)
                .map(|a| a.1)
                .take(MAX_EVIDENCE)
                .collect();
            evidence(facts, "children_min_age".into(), merge(&clauses, &[]));
        }
        if !scan.retention.is_empty() {
            let clauses = scan.retention.iter().map(|r| r.clause).collect::<Vec<_>>();
            evidence(facts, "retention".into(), merge(&clauses, &[]));
        }
        facts.retention = scan.retention;
    }
}

/// Records the clauses behind a fact (nothing when there are none).
fn evidence(facts: &mut Facts, fact: String, clauses: Vec<usize>) {
    if !clauses.is_empty() {
        facts.evidence.push(FactSource { fact, clauses });
    }
}

/// The lower-case host of a URL ("news.yahoo.com").
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// True when a named service is the site itself (Yahoo's policy naming Yahoo).
fn own_name(host: &str, name: &str) -> bool {
    let word: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    !host.is_empty() && !word.is_empty() && host.split('.').any(|label| label == word)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl Default for FactExtractor {
    fn default() -> Self {
        FactExtractor::new()
    }
}

/// The clauses recorded for `fact` (a field name or `field:value`).
pub fn clauses_of<'f>(facts: &'f Facts, fact: &str) -> &'f [usize] {
    facts
        .evidence
        .iter()
        .find(|e| e.fact == fact)
        .map_or(&[], |e| e.clauses.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_before_capitals_only() {
        assert_eq!(
            sentences("We use e.g. cookies. We do not sell. Do we? Yes"),
            ["We use e.g. cookies.", "We do not sell.", "Do we?", "Yes"]
        );
    }

    #[test]
    fn counts_and_days() {
        assert_eq!(parse_count("twenty-four"), Some(24));
        assert_eq!(parse_count("one hundred eighty"), Some(180));
        assert_eq!(parse_count("thirteen"), Some(13));
        assert_eq!(period_days(13, "months"), 395);
        assert_eq!(period_days(3, "years"), 1095);
        assert_eq!(period_days(6, "months"), 183);
        assert_eq!(period_days(72, "hours"), 3);
        assert_eq!(period_days(2, "weeks"), 14);
    }
}
