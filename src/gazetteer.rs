//! Named services (facts/third_parties.tsv). The aliases are searched for in the facts'
//! keyword pass (`facts::Pass`); `hits` reads the services from its matches.

/// The shipped gazetteer, compiled in.
const THIRD_PARTIES: &str = include_str!(concat!(env!("OUT_DIR"), "/facts/third_parties.tsv"));

/// What a named service does; `ads` counts as evidence of targeted advertising.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Ads,
    Analytics,
    Social,
    Payment,
    Infra,
    Support,
    Other,
}

impl Kind {
    fn parse(text: &str) -> Option<Kind> {
        Some(match text {
            "ads" => Kind::Ads,
            "analytics" => Kind::Analytics,
            "social" => Kind::Social,
            "payment" => Kind::Payment,
            "infra" => Kind::Infra,
            "support" => Kind::Support,
            "other" => Kind::Other,
            _ => return None,
        })
    }
}

/// One alias of the automaton: the service it names (none for a blocking entry).
struct Alias {
    service: Option<usize>,
    /// An ordinary English word: needs its exact capitalisation and context.
    ambiguous: bool,
    text: &'static str,
}

/// A service named in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit<'g> {
    pub name: &'g str,
    pub kind: Kind,
}

pub struct Gazetteer {
    aliases: Vec<Alias>,
    services: Vec<(&'static str, Kind)>,
}

/// Words after an ambiguous name that show it is the company ("Branch Metrics", "Segment Inc").
const COMPANY_CUES: [&str; 8] = [
    " Inc",
    " SDK",
    " Analytics",
    " Metrics",
    " LLC",
    " GmbH",
    " Ltd",
    " Corporation",
];

impl Gazetteer {
    /// The gazetteer shipped in facts/third_parties.tsv.
    pub fn shipped() -> Gazetteer {
        Gazetteer::parse(THIRD_PARTIES, "facts/third_parties.tsv")
            .unwrap_or_else(|e| panic!("gazetteer: {e}"))
    }

    /// The shipped gazetteer, built on first use.
    pub fn shared() -> &'static Gazetteer {
        static SHARED: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        SHARED.get_or_init(Gazetteer::shipped)
    }

    /// Parses the TSV format described in facts/README.md; a malformed line is an error
    /// naming `file` and the line.
    pub fn parse(tsv: &'static str, file: &str) -> Result<Gazetteer, String> {
        let mut aliases = Vec::new();
        let mut services = Vec::new();
        for (i, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // Worded only for an error: formatting every line's number cost start-up time.
            let at = || format!("{file}:{}", i + 1);
            let mut cols = line.split('\t');
            let (Some(name), Some(kind), Some(list), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(format!(
                    "{}: expected 3 tab-separated columns (name, kind, aliases), found {}",
                    at(),
                    line.split('\t').count()
                ));
            };
            if name.trim().is_empty() || list.trim().is_empty() {
                return Err(format!("{}: empty name or aliases", at()));
            }
            let service = if kind == "-" {
                None
            } else if let Some(kind) = Kind::parse(kind) {
                services.push((name, kind));
                Some(services.len() - 1)
            } else {
                return Err(format!("{}: unknown kind {kind:?}", at()));
            };
            for alias in list.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                let (ambiguous, text) = match alias.strip_prefix('=') {
                    Some(word) => (true, word),
                    None => (false, alias),
                };
                aliases.push(Alias {
                    service,
                    ambiguous,
                    text,
                });
            }
        }
        Ok(Gazetteer { aliases, services })
    }

    /// The aliases to search for, ignoring ASCII case; `hits` takes their indices.
    pub fn aliases(&self) -> impl Iterator<Item = &str> {
        self.aliases.iter().map(|a| a.text)
    }

    /// The kind of a service by its report name.
    pub fn kind_of(&self, name: &str) -> Option<Kind> {
        self.services.iter().find(|s| s.0 == name).map(|s| s.1)
    }

    /// Services named in `text`, each once, in order of first mention. `aliases` are the
    /// leftmost-longest matches of the aliases in `text`, ASCII case ignored: (alias index,
    /// start, end).
    pub fn hits(
        &self,
        text: &str,
        aliases: impl IntoIterator<Item = (usize, usize, usize)>,
    ) -> Vec<Hit<'_>> {
        let bytes = text.as_bytes();
        let mut sure = Vec::new();
        let mut ambiguous = Vec::new();
        for (alias, start, end) in aliases {
            let before = start.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(end).copied();
            let word_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
            if before.is_some_and(|b| word_char(b) || b == b'@' || b == b'.' || b == b'/')
                || after.is_some_and(word_char)
            {
                continue;
            }
            let alias = &self.aliases[alias];
            let Some(service) = alias.service else {
                continue;
            };
            if alias.ambiguous {
                if &text[start..end] != alias.text || starts_sentence(&text[..start]) {
                    continue;
                }
                let rest = &text[end..];
                if COMPANY_CUES.iter().any(|c| rest.starts_with(c)) {
                    sure.push(service);
                } else {
                    ambiguous.push(service);
                }
            } else {
                sure.push(service);
            }
        }
        if !sure.is_empty() {
            sure.extend(ambiguous);
        }
        let mut seen = Vec::new();
        for service in sure {
            if !seen.contains(&service) {
                seen.push(service);
            }
        }
        seen.into_iter()
            .map(|s| Hit {
                name: self.services[s].0,
                kind: self.services[s].1,
            })
            .collect()
    }
}

/// True when nothing but sentence punctuation separates `before` from the previous sentence.
fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '"', '(', '\'']);
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', ':', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keywords::Keywords;

    fn names(text: &str) -> Vec<String> {
        let gazetteer = Gazetteer::shipped();
        let automaton = Keywords::new(gazetteer.aliases(), true).unwrap();
        let aliases = automaton
            .find_iter(text)
            .map(|m| (m.pattern(), m.start(), m.end()));
        gazetteer
            .hits(text, aliases)
            .into_iter()
            .map(|h| h.name.to_string())
            .collect()
    }

    #[test]
    fn shipped_gazetteer_parses() {
        let g = Gazetteer::shipped();
        assert!(g.services.len() > 100);
        assert_eq!(g.kind_of("Criteo"), Some(Kind::Ads));
    }

    #[test]
    fn bad_lines_are_errors_with_file_and_line() {
        let two = Gazetteer::parse("# c\nAcme\tads\n", "g.tsv").err().unwrap();
        assert_eq!(
            two,
            "g.tsv:2: expected 3 tab-separated columns (name, kind, aliases), found 2"
        );
        let kind = Gazetteer::parse("Acme\tad\tAcme\n", "g.tsv").err().unwrap();
        assert_eq!(kind, "g.tsv:1: unknown kind \"ad\"");
        let good = Gazetteer::parse("Acme\tads\tAcme|Acme Ads\n", "g.tsv").unwrap();
        assert_eq!(good.kind_of("Acme"), Some(Kind::Ads));
    }

    #[test]
    fn longest_name_wins_and_blocked_names_are_dropped() {
        assert_eq!(
            names("We use Google Analytics and Google AdSense."),
            ["Google Analytics", "Google AdSense"]
        );
        assert!(names("Flash cookies are managed in Adobe Flash Player settings.").is_empty());
        assert!(names("Write to privacy@google.com").is_empty());
    }

    #[test]
    fn ordinary_words_need_capitals_and_context() {
        assert!(names("Each segment of the audience, and each branch office.").is_empty());
        assert!(names("Segment helps us. Branch too.").is_empty());
        assert_eq!(
            names("Our partners include Mixpanel, Segment and Branch."),
            ["Mixpanel", "Segment", "Branch"]
        );
        assert_eq!(names("We use the Branch Metrics SDK."), ["Branch"]);
        assert_eq!(names("We use Adjust GmbH for attribution."), ["Adjust"]);
    }
}
