//! The content script's pre-check (`extension/precheck.js`): the words and limits it uses to
//! decide cheaply whether a page is worth reading at all. Permissive for policies: the
//! detector (`detect.rs`) decides precisely. The script gets them from
//! `extension/generated/shared.js`, written from here.

/// Words in a URL path (lower case) of policy pages.
pub const URL_WORDS: &[&str] = &[
    "privacy",
    "/legal",
    "datenschutz",
    "confidentialit",
    "privacidad",
    "privacidade",
    "privacyverklaring",
    "prywatno",
    "data-protection",
    "dataprotection",
    "vie-privee",
    "vieprivee",
    "cookie",
    "trackers",
];

/// Words of a title or top heading (lower case) that names a policy, or its subject.
pub const NAME_WORDS: &[&str] = &[
    "privacy",
    "datenschutz",
    "confidentialit",
    "privacidad",
    "privacidade",
    "privacybeleid",
    "privacyverklaring",
    "prywatno",
    "data protection",
    "personal data",
    "personal information",
    "personenbezogen",
    "données personnelles",
    "donnees personnelles",
    "vie privée",
    "vie privee",
    "cookie",
    "trackers",
];

/// Words of the section headings of a policy that does not name itself in its title.
pub const SECTION_WORDS: &[&str] = &[
    "information we collect",
    "information you collect",
    "information we provide",
    "information you provide",
    "personal data",
    "personal information",
    "how we use",
    "data sharing",
    "information sharing",
    "retention",
    "your rights",
    "your choices",
    "third part",
    "children",
    "international transfer",
    "legal basis",
    "erhebung",
    "verarbeitung",
    "speicherdauer",
    "ihre rechte",
    "collecte",
    "vos droits",
    "conservation",
    "destinataires",
];

/// Headings (`h1`-`h3`, in document order) the pre-check reads.
pub const MAX_HEADINGS: usize = 12;
/// Of those, the first ones that may name the policy.
pub const NAME_HEADINGS: usize = 4;
/// Characters read of the title and of each heading.
pub const MAX_CHARS: usize = 200;
/// Section headings that together send a page without a policy name.
pub const MIN_SECTIONS: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_and_unique() {
        for list in [URL_WORDS, NAME_WORDS, SECTION_WORDS] {
            for (i, word) in list.iter().enumerate() {
                assert_eq!(*word, word.to_lowercase(), "{word} must be lower case");
                assert!(!list[..i].contains(word), "{word} twice");
            }
        }
    }

    // The limits are checked when the crate compiles.
    const _: () = assert!(NAME_HEADINGS <= MAX_HEADINGS && MIN_SECTIONS >= 1);
}
