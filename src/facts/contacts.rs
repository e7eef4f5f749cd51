//! Contacts (emails, and URLs in clauses about contacting the company) and the privacy laws
//! and frameworks a policy names (facts/frameworks.tsv).

use crate::pattern::Pattern;

use super::table::{compile, Table, FRAMEWORKS};
use super::{note, PassBuilder, Phrases, Scan};

const EMAIL: &str = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}";
const URL: &str = r#"\b(?:https?://|www\.)[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:/[^\s<>"')\]]*)?"#;

/// Most contacts kept.
const MAX_CONTACTS: usize = 10;

pub struct Contacts {
    email: Pattern,
    url: Pattern,
    contact_context: Pattern,
    /// Cue bit of "http" and "www.", which every URL holds.
    url_words: u128,
    /// The framework of each phrase (`Phrases::Frameworks` in the pass).
    framework_names: Vec<&'static str>,
}

impl Contacts {
    pub fn new(table: &Table<'static>, pass: &mut PassBuilder) -> Result<Contacts, String> {
        let (file, text) = FRAMEWORKS;
        let frameworks = Table::parse(file, text)?;
        pass.phrases(
            Phrases::Frameworks,
            frameworks.lines.iter().map(|l| l.value),
            true,
        );
        Ok(Contacts {
            email: compile(EMAIL, file!())?,
            url: compile(URL, file!())?,
            contact_context: table.pattern("contact_context")?,
            url_words: pass.any_of(&["http", "www."])?,
            framework_names: frameworks.lines.iter().map(|l| l.key).collect(),
        })
    }

    /// Frameworks and contacts named in one clause: its text, lowered text, the cue bits
    /// of its keywords and the framework phrases the pass found there (start, index).
    pub fn scan(
        &self,
        text: &str,
        lower: &str,
        cues: u128,
        frameworks: impl Iterator<Item = (usize, usize)>,
        clause: usize,
        scan: &mut Scan,
    ) {
        for (_, index) in frameworks {
            note(&mut scan.frameworks, self.framework_names[index], clause);
        }
        let mut found: Vec<String> = self
            .emails(text)
            .map(|m| m.trim_end_matches('.').to_string())
            .collect();
        // The cue bit also stands for "HTTP" and "WWW."; the URL pattern finds neither.
        if cues & self.url_words != 0 && self.contact_context.is_match(lower) {
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

    /// What `email.find_iter(text)` finds, searched only around each `@`: every match holds
    /// one, with the address characters before it, and the domain characters after it.
    fn emails<'t, 'p>(&'p self, text: &'t str) -> impl Iterator<Item = &'t str> + 'p
    where
        't: 'p,
    {
        let bytes = text.as_bytes();
        let mut from = 0;
        text.match_indices('@').filter_map(move |(at, _)| {
            let mut start = at;
            while start > from && is_local(bytes[start - 1]) {
                start -= 1;
            }
            if start == at {
                return None;
            }
            let end = at
                + 1
                + bytes[at + 1..]
                    .iter()
                    .take_while(|&&b| is_domain(b))
                    .count();
            // No match reads past `end` or starts before `start` (the pattern looks at
            // nothing around it), so the window finds what the whole text would.
            let m = self.email.find(&text[start..end])?;
            from = start + m.end();
            Some(&text[start + m.start()..from])
        })
    }
}

/// A character `EMAIL` allows before the `@`.
fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// A character `EMAIL` allows after the `@`.
fn is_domain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{Contacts, EMAIL, URL};
    use crate::facts::table::{compile, tests::as_regex, Table};
    use crate::facts::PassBuilder;
    use crate::pattern::agreement::assert_agrees;

    /// Searching around each `@` finds what the pattern finds in the whole text.
    #[test]
    fn emails_are_the_patterns_matches() {
        let mut pass = PassBuilder::new(&Table::parse("gates.tsv", "").unwrap()).unwrap();
        let table = Table::parse("contacts.tsv", "contact_context\tcontact\tcurated\n").unwrap();
        let contacts = Contacts::new(&table, &mut pass).unwrap();
        for text in [
            "Email privacy@example.test or dpo@example.test.",
            "Write to first.last+news@mail.example.co.uk, or to a@b.c (too short).",
            "Two at signs: user@@example.test, x@y@example.org and @example.test alone.",
            "Trailing dots and dashes: -a-@-b-.example.info. and .@x.yz",
            "Adjacent: one@example.testtwo@example.org",
            "Text with ümlauts: jürgen@example.de and müller@exämple.de",
            "No address here.",
        ] {
            let expected: Vec<&str> = contacts.email.find_iter(text).map(|m| m.as_str()).collect();
            assert_eq!(
                contacts.emails(text).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
        let found: Vec<&str> = contacts.emails("Mail x@y@example.org now").collect();
        assert_eq!(found, ["y@example.org"]);
    }

    #[test]
    fn email_and_url_agree_with_regex() {
        for pattern in [EMAIL, URL] {
            let ours = compile(pattern, "contacts").unwrap();
            assert_agrees(&ours, &as_regex(pattern).unwrap(), pattern);
        }
    }
}
