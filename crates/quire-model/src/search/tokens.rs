//! Words as search sees them: split on anything that is not a letter or digit, folded to lower
//! case without accents, and stemmed so the forms of one word meet.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Longer runs are hashes, base64 and the like: nobody searches for them, and they bloat the index.
pub const MAX_WORD_CHARS: usize = 40;

/// One word of a text, where it sits in the original and how search compares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text it came from, so a snippet can mark the original spelling.
    pub start: usize,
    pub end: usize,
    pub folded: String,
}

/// The words of `text`, in order.
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    words(text).map(|(start, word)| Token {
        start,
        end: start + word.len(),
        folded: fold(word),
    })
}

/// Each word of `text` as written, with its byte offset: what `tokens` folds, for callers that
/// fold into a buffer of their own instead of a new string per word.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = next_boundary(text, at, true)?;
            let end = next_boundary(text, start, false).unwrap_or(text.len());
            at = end;
            let word = &text[start..end];
            // A char is at least a byte, so only a word longer in bytes can be too long.
            if word.len() <= MAX_WORD_CHARS || word.chars().count() <= MAX_WORD_CHARS {
                return Some((start, word));
            }
        }
    })
}

/// The offset of the first char from `from` on that is (`word`) or is not (`!word`) part of
/// a word. Bytes below 0x80 are whole ASCII chars, so most of a text is judged a byte at a
/// time, without decoding: the search analysis of a build reads every word of every article.
fn next_boundary(text: &str, from: usize, word: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        let byte = bytes[at];
        let (is_word, len) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[at..].chars().next()?;
            (c.is_alphanumeric(), c.len_utf8())
        };
        if is_word == word {
            return Some(at);
        }
        at += len;
    }
    None
}

/// Lower case, with the accents of Latin letters removed: "Café" and "cafe" are one word.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// `fold`, appended to `folded`.
pub fn fold_into(text: &str, folded: &mut String) {
    if text.is_ascii() {
        let start = folded.len();
        folded.push_str(text);
        folded[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold_letter(c) {
            Some(plain) => folded.push_str(plain),
            None => folded.push(c),
        }
    }
}

/// The unaccented spelling of an accented lower-case Latin letter.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Reduces folded words to their English stems ("caching", "cached" and "cache" all become "cach").
pub struct WordStemmer(Stemmer);

impl Default for WordStemmer {
    fn default() -> Self {
        Self(Stemmer::create(Algorithm::English))
    }
}

impl WordStemmer {
    pub fn stem<'a>(&self, folded: &'a str) -> Cow<'a, str> {
        // Snowball is defined on letters; numbers and mixed tokens ("http2", "2024") stay whole.
        if folded.chars().all(char::is_alphabetic) {
            self.0.stem(folded)
        } else {
            Cow::Borrowed(folded)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).map(|token| token.folded).collect()
    }

    #[test]
    fn splits_on_anything_but_letters_and_digits() {
        assert_eq!(
            words("Kubernetes, k8s & HTTP/2: don't—panic!"),
            ["kubernetes", "k8s", "http", "2", "don", "t", "panic"]
        );
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words(" ,.;— "), Vec::<String>::new());
    }

    #[test]
    fn offsets_point_at_the_original_spelling() {
        let text = "Über-Café  déjà vu";
        let spelled: Vec<&str> = tokens(text).map(|t| &text[t.start..t.end]).collect();
        assert_eq!(spelled, ["Über", "Café", "déjà", "vu"]);
        assert_eq!(words(text), ["uber", "cafe", "deja", "vu"]);
    }

    #[test]
    fn folds_case_and_accents_of_latin_scripts() {
        assert_eq!(
            fold("ÉCOLE Straße Łódź Øresund Ærø"),
            "ecole strasse lodz oresund aero"
        );
        // Scripts without case or accents pass through unchanged.
        assert_eq!(fold("東京 Москва"), "東京 москва");
    }

    #[test]
    fn drops_runs_too_long_to_be_words() {
        let hash = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(words(&format!("before {hash} after")), ["before", "after"]);
        assert_eq!(words(&"b".repeat(MAX_WORD_CHARS)).len(), 1);
    }

    /// The definition `words` implements: maximal runs of alphanumeric chars, too-long runs
    /// left out.
    fn words_by_definition(text: &str) -> Vec<(usize, &str)> {
        let mut found = Vec::new();
        let mut start = None;
        for (index, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(index),
                (Some(from), false) => {
                    let word = &text[from..index];
                    if word.chars().count() <= MAX_WORD_CHARS {
                        found.push((from, word));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        found
    }

    proptest::proptest! {
        #[test]
        fn words_are_the_alphanumeric_runs_of_any_text(text in "[a-zA-Z0-9 .,éÉßø東京٣\\-]{0,120}") {
            proptest::prop_assert_eq!(super::words(&text).collect::<Vec<_>>(), words_by_definition(&text));
        }

        #[test]
        fn words_of_arbitrary_unicode_match_the_definition(text in "\\PC{0,80}") {
            proptest::prop_assert_eq!(super::words(&text).collect::<Vec<_>>(), words_by_definition(&text));
        }

        #[test]
        fn folding_ascii_is_lower_casing(text in "[ -~]{0,60}") {
            let mut folded = String::from("kept ");
            fold_into(&text, &mut folded);
            proptest::prop_assert_eq!(folded, format!("kept {}", text.to_ascii_lowercase()));
        }
    }

    #[test]
    fn stems_english_words_and_leaves_numbers_alone() {
        let stemmer = WordStemmer::default();
        for (word, stem) in [
            ("caching", "cach"),
            ("cache", "cach"),
            ("cached", "cach"),
            ("deployments", "deploy"),
            ("deploying", "deploy"),
            ("running", "run"),
            ("2024", "2024"),
            ("http2", "http2"),
        ] {
            assert_eq!(stemmer.stem(word), stem, "{word}");
        }
    }
}
