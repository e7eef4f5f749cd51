//! Substring search for the short, fixed words the crate looks for. std's `str` methods with a
//! `&str` pattern, or a non-ASCII `char` one, bring the Two-Way searcher into the wasm (~1 KB
//! gzip); these find the needle's first byte and compare the rest. A match of valid UTF-8 in
//! valid UTF-8 starts and ends on character boundaries, so the offsets slice the text safely.

/// Byte offset of the first `needle` in `haystack`, like `str::find`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let Some((&first, rest)) = needle.as_bytes().split_first() else {
        return Some(0);
    };
    let bytes = haystack.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| b == first) {
        let at = from + offset;
        if bytes[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Like `str::contains` with a `&str` pattern.
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// Like `str::split_once` with a `&str` separator.
pub fn split_once<'t>(text: &'t str, separator: &str) -> Option<(&'t str, &'t str)> {
    let at = find(text, separator)?;
    Some((&text[..at], &text[at + separator.len()..]))
}

/// Like `str::split` with a non-empty `&str` separator.
pub fn split<'t>(text: &'t str, separator: &'t str) -> impl Iterator<Item = &'t str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match split_once(current, separator) {
            Some((part, after)) => {
                rest = Some(after);
                Some(part)
            }
            None => rest.take(),
        }
    })
}

/// Like `str::replace` with a non-empty `&str` pattern.
pub fn replace(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = split_once(rest, from) {
        out.push_str(before);
        out.push_str(to);
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 8] = [
        "",
        "we honor do not track",
        "{from} to {to}, {from}",
        "aaab aab ab b",
        "Datenschutzerklärung: ä, ö, ü und ß; 二十 und dreißig",
        "line\n\npara\r\n\r\nlast\n\n",
        "https://example.com/privacy?x=1#y",
        "**bold** __under__ [link](https://a.b/c)",
    ];
    const NEEDLES: [&str; 13] = [
        "a", "ab", "aab", "b ", "{from}", "{to}", "und", "ß", "二十", "\n\n", "\r\n\r\n", "://",
        "**",
    ];

    #[test]
    fn each_function_agrees_with_std() {
        for text in TEXTS {
            for needle in NEEDLES {
                assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
                assert_eq!(contains(text, needle), text.contains(needle));
                assert_eq!(split_once(text, needle), text.split_once(needle));
                assert_eq!(
                    split(text, needle).collect::<Vec<_>>(),
                    text.split(needle).collect::<Vec<_>>(),
                    "{text:?} {needle:?}"
                );
                assert_eq!(replace(text, needle, "<>"), text.replace(needle, "<>"));
            }
            assert_eq!(find(text, ""), Some(0));
        }
    }

    #[test]
    fn a_match_after_a_false_start_is_found() {
        assert_eq!(find("chil child", "child"), Some(5));
        assert_eq!(find("ab", "abc"), None);
    }
}
