//! The language of a page, from its text and its `lang` attribute, and whether policylens
//! can read it. The text decides when it is clear: a script other than Latin names its
//! language, and Latin text is matched against the most frequent short words of a handful of
//! languages. When the text is too short or matches none of them, the `lang` attribute
//! decides; without one the language is `und` (undetermined), which is not read.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::Fnv;

/// Languages policylens has a lexicon and fact tables for: everything else gets no grade,
/// no facts claims and no category verdicts.
pub const SUPPORTED: &[&str] = &["en", "de"];

/// The language a page is written in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code (`en`, `de`, `pt`, ...), or `und` when it cannot be told.
    pub code: String,
    pub supported: bool,
}

impl Language {
    pub fn new(code: &str) -> Language {
        Language {
            code: code.to_string(),
            supported: SUPPORTED.contains(&code),
        }
    }
}

impl Default for Language {
    fn default() -> Self {
        Language::new("en")
    }
}

/// Most words of a page looked at: enough to get past menus and link lists.
const SAMPLE_WORDS: usize = 20_000;
/// Fewer letters than this say nothing about the language.
const MIN_LETTERS: usize = 20;
/// Latin text: the best profile must match at least this many words...
const MIN_HITS: usize = 3;
/// ...and at least this share of all words (running text in a profiled language: 25-45%),
const MIN_SHARE: f32 = 0.12;
/// ...or, on a page full of links and code, this many words and twice the next language's.
const MIN_CLEAR_HITS: usize = 30;

/// Frequent short words per language (lower case). Edit rule: only words that are common in
/// any running text of that language; a word shared with another language may stay in both
/// lists (it counts for both), but each list needs enough words of its own to tell them apart.
/// One string per language, the words split at spaces (smaller in the wasm than string arrays).
const PROFILES: &[(&str, &str)] = &[
    (
        "en",
        "the and of to we you your is that with for are this be our by on or not will may from \
         have it as which any us if can when such these they their has been an at all about how \
         what who do its",
    ),
    (
        "de",
        "der die das und ist wir sie nicht des dem den ein eine einer eines auf für mit von zu \
         zur zum oder werden wird ihre ihren ihrer ihnen uns unsere unserer bei auch sind nach \
         über durch diese dieser wenn kann können sowie haben wie im dass nur aus du dein deine",
    ),
    (
        "fr",
        "le la les des et est nous vous votre vos une dans pour pas sur que qui avec par sont \
         être ou aux du ces cette notre nos leur leurs au il peut ne ce données de en",
    ),
    (
        "es",
        "el la los las y es que de en para por con su sus una del al usted se lo como más este \
         esta estos datos puede pueden o sobre cuando también nuestro nuestros sin",
    ),
    (
        "it",
        "il lo la gli le di del della dei delle e è che per con non sono una un nel nella al alla \
         dati questo questa possiamo essere ai degli tuoi tuo tramite anche ci si nostro nostri \
         vostri",
    ),
    (
        "pt",
        "o os a as de do da dos das e é que para com não uma um no na nos seus suas sua seu pelo \
         pela você dados ao à são pode podem também mais nós este esta quando sobre",
    ),
    (
        "nl",
        "de het een en van is dat wij we u uw onze ons niet met voor op te aan zijn worden wordt \
         deze die als bij door kunnen gegevens ook naar om of",
    ),
    (
        "sv",
        "och att det som en är vi du din dina för med på av till inte om kan vår våra eller har \
         den de ett uppgifter personuppgifter",
    ),
    (
        "pl",
        "i w z na do nie się że jest są oraz lub dla od przez po jak twoje twoich nasz nasze dane \
         danych może mogą które który która ten to",
    ),
    (
        "tr",
        "ve bir bu için ile olarak veya gibi olan kişisel verileri verilerinizi sizin biz bizim \
         her daha çok ise ki ne de da",
    ),
];

/// Scripts that name a language (or a few that share it).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    Hangul,
    Kana,
    Han,
    Other,
}

const SCRIPTS: [Script; 11] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Arabic,
    Script::Hebrew,
    Script::Devanagari,
    Script::Thai,
    Script::Hangul,
    Script::Kana,
    Script::Han,
    Script::Other,
];

fn script_of(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x400..=0x52F => Script::Cyrillic,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x600..=0x6FF | 0x750..=0x77F => Script::Arabic,
        0x590..=0x5FF => Script::Hebrew,
        0x900..=0x97F => Script::Devanagari,
        0xE00..=0xE7F => Script::Thai,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
        _ => Script::Other,
    }
}

/// Languages written in a script other than Latin, and the one assumed when the `lang`
/// attribute names none of them.
fn script_languages(script: Script) -> (&'static [&'static str], &'static str) {
    match script {
        Script::Cyrillic => (&["ru", "uk", "bg", "sr", "mk", "be", "kk"], "ru"),
        Script::Greek => (&["el"], "el"),
        Script::Arabic => (&["ar", "fa", "ur"], "ar"),
        Script::Hebrew => (&["he", "yi"], "he"),
        Script::Devanagari => (&["hi", "mr", "ne"], "hi"),
        Script::Thai => (&["th"], "th"),
        Script::Hangul => (&["ko"], "ko"),
        Script::Kana => (&["ja"], "ja"),
        Script::Han => (&["zh", "ja"], "zh"),
        Script::Latin | Script::Other => (&[], "und"),
    }
}

/// The primary subtag of a `lang` attribute (`de-AT` -> `de`), lower case; empty when absent
/// or malformed.
fn primary_subtag(lang: &str) -> String {
    let primary = lang.trim().split(['-', '_']).next().unwrap_or("");
    if (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        primary.to_ascii_lowercase()
    } else {
        String::new()
    }
}

/// Counts of letters per script and of profile words per language over a sample of text.
#[derive(Default)]
struct Tally {
    letters: [usize; SCRIPTS.len()],
    words: usize,
    hits: [usize; PROFILES.len()],
}

/// Values are `usize`, as in the detector's phrase index: the wasm then holds one copy of the
/// hash table code for both (an entry is 12 bytes either way).
type WordTable = HashMap<&'static str, usize, Fnv>;

/// Each profile word with the profiles (bits, in `PROFILES` order) it is in.
fn profile_words() -> &'static WordTable {
    static WORDS: OnceLock<WordTable> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut table = WordTable::default();
        for (i, (_, words)) in PROFILES.iter().enumerate() {
            for word in words.split(' ') {
                *table.entry(word).or_insert(0) |= 1 << i;
            }
        }
        table
    })
}

impl Tally {
    fn add_word(&mut self, word: &str, table: &WordTable) {
        self.words += 1;
        if let Some(&profiles) = table.get(word) {
            for (i, hits) in self.hits.iter_mut().enumerate() {
                *hits += usize::from(profiles >> i & 1 == 1);
            }
        }
    }

    fn read<'a>(texts: impl IntoIterator<Item = &'a str>) -> Tally {
        let mut tally = Tally::default();
        let table = profile_words();
        let mut word = String::new();
        'texts: for text in texts {
            for c in text.chars().chain([' ']) {
                if c.is_ascii_alphabetic() {
                    // Latin, SCRIPTS[0].
                    tally.letters[0] += 1;
                    word.push(c.to_ascii_lowercase());
                } else if c.is_alphabetic() {
                    let script = script_of(c);
                    tally.letters[SCRIPTS.iter().position(|&s| s == script).unwrap_or(10)] += 1;
                    word.extend(crate::case::to_lowercase(c));
                } else if !word.is_empty() {
                    tally.add_word(&word, table);
                    word.clear();
                    if tally.words >= SAMPLE_WORDS {
                        break 'texts;
                    }
                }
            }
        }
        tally
    }

    /// The language the text shows clearly, if any.
    fn language(&self, attribute: &str) -> Option<&'static str> {
        let total: usize = self.letters.iter().sum();
        if total < MIN_LETTERS {
            return None;
        }
        let count = |s: Script| self.letters[SCRIPTS.iter().position(|&x| x == s).unwrap_or(10)];
        // Japanese mixes kana into Han text; a few percent of kana is enough to tell.
        if count(Script::Kana) * 20 > total {
            return Some("ja");
        }
        let (dominant, letters) = SCRIPTS
            .iter()
            .map(|&s| (s, count(s)))
            .max_by_key(|&(_, n)| n)
            .unwrap_or((Script::Latin, 0));
        if dominant != Script::Latin && dominant != Script::Other && letters * 2 > total {
            let (languages, assumed) = script_languages(dominant);
            // The attribute picks among languages sharing the script (Russian or Ukrainian).
            return Some(
                languages
                    .iter()
                    .find(|&&code| code == attribute)
                    .copied()
                    .unwrap_or(assumed),
            );
        }
        let mut ranked: Vec<(usize, &str)> = self
            .hits
            .iter()
            .zip(PROFILES)
            .map(|(&hits, (code, _))| (hits, *code))
            .collect();
        // Most hits first; on a tie, the earlier profile.
        crate::sort::sort_by_key(&mut ranked, |&(hits, _)| std::cmp::Reverse(hits));
        let (hits, best) = ranked[0];
        let runner_up = ranked[1].0;
        let share = hits as f32 >= MIN_SHARE * self.words as f32;
        let clear = hits >= MIN_CLEAR_HITS && hits >= 2 * runner_up;
        (hits >= MIN_HITS && (share || clear)).then_some(best)
    }
}

/// The language of a text with the page's `lang` attribute: the text when it is clear,
/// else the attribute, else `und`.
pub fn identify<'a>(attribute: &str, texts: impl IntoIterator<Item = &'a str>) -> Language {
    let attribute = primary_subtag(attribute);
    let tally = Tally::read(texts);
    match tally.language(&attribute) {
        Some(code) => Language::new(code),
        None if !attribute.is_empty() => Language::new(&attribute),
        None => Language::new("und"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(attribute: &str, text: &str) -> String {
        identify(attribute, [text]).code
    }

    #[test]
    fn primary_subtags() {
        assert_eq!(primary_subtag("de-AT"), "de");
        assert_eq!(primary_subtag(" pt_BR "), "pt");
        assert_eq!(primary_subtag("EN"), "en");
        assert_eq!(primary_subtag(""), "");
        assert_eq!(primary_subtag("x"), "");
        assert_eq!(primary_subtag("{{lang}}"), "");
    }

    #[test]
    fn profiles_are_lower_case_and_each_has_words_of_its_own() {
        for (code, words) in PROFILES {
            assert!(
                words
                    .split(' ')
                    .all(|w| !w.is_empty() && w.to_lowercase() == w),
                "{code}"
            );
            let own = words
                .split(' ')
                .filter(|w| {
                    PROFILES
                        .iter()
                        .filter(|(other, _)| other != code)
                        .all(|(_, ws)| !ws.split(' ').any(|other| other == *w))
                })
                .count();
            assert!(own >= 15, "{code} has only {own} words of its own");
        }
    }

    #[test]
    fn short_or_empty_text_falls_back_to_the_attribute() {
        assert_eq!(code("de", "Datenschutz"), "de");
        assert_eq!(code("", "Privacy"), "und");
        assert_eq!(code("cs", ""), "cs");
    }

    #[test]
    fn unsupported_languages_are_not_supported() {
        assert!(Language::new("en").supported);
        assert!(Language::new("de").supported);
        assert!(!Language::new("pt").supported);
        assert!(!Language::new("und").supported);
    }
}
