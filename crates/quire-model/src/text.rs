//! Plain-text measures of an article: word count, reading time, and summaries cut at a word boundary.

/// Words a reader gets through per minute; the figure most publications use for technical prose.
pub const WORDS_PER_MINUTE: usize = 220;

/// Counts whitespace-separated words, as `str::split_whitespace` splits them.
pub fn word_count(text: &str) -> usize {
    let mut counted = CollapsedText::default();
    counted.count_only(text);
    counted.words
}

/// Whether the character at `index` of `text` is whitespace, and its width in bytes. ASCII is
/// judged from the byte alone: the compiler runs this over every article's whole text, and
/// `split_whitespace` decodes every character to ask.
fn character_at(text: &str, index: usize) -> (bool, usize) {
    let byte = text.as_bytes()[index];
    if byte.is_ascii() {
        // `char::is_whitespace` for ASCII: space, and tab to carriage return (vertical tab
        // included, which `u8::is_ascii_whitespace` leaves out).
        return (matches!(byte, b' ' | b'\t'..=b'\r'), 1);
    }
    text[index..]
        .chars()
        .next()
        .map_or((false, 1), |character| {
            (character.is_whitespace(), character.len_utf8())
        })
}

/// Text whose runs of whitespace become one space, with none at either end, built as its pieces
/// arrive; and its word count. It equals `split_whitespace().join(" ")` of the pieces joined, in
/// one pass over them instead of three (copy, collapse, count).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CollapsedText {
    text: String,
    words: usize,
    /// Whitespace was seen after the last word: the next word starts a new one.
    space_pending: bool,
}

impl CollapsedText {
    /// Appends `piece`; a word split across pieces with no whitespace between stays one word.
    pub fn push(&mut self, piece: &str) {
        self.scan(piece, true);
    }

    /// Ends the current word, as whitespace would.
    pub fn push_space(&mut self) {
        self.space_pending = true;
    }

    fn count_only(&mut self, piece: &str) {
        self.scan(piece, false);
    }

    fn scan(&mut self, piece: &str, keep_text: bool) {
        let bytes = piece.as_bytes();
        // Text already in its collapsed form (words joined by single spaces, most of any prose)
        // is copied a run at a time: a copy per word was 5% of a 10,000-article build.
        let mut run_start: Option<usize> = None;
        let mut index = 0;
        while index < bytes.len() {
            let byte = bytes[index];
            if byte > b' ' && byte.is_ascii() {
                if run_start.is_none() {
                    self.start_word(keep_text);
                    run_start = Some(index);
                }
                index += 1;
                continue;
            }
            let (is_whitespace, width) = character_at(piece, index);
            if !is_whitespace {
                if run_start.is_none() {
                    self.start_word(keep_text);
                    run_start = Some(index);
                }
                index += width;
                continue;
            }
            let next_starts_word =
                byte == b' ' && index + 1 < bytes.len() && !character_at(piece, index + 1).0;
            if run_start.is_some() && next_starts_word {
                // One space between two words: the text keeps it as it is.
                self.words += 1;
                index += 1;
                continue;
            }
            if let Some(start) = run_start.take()
                && keep_text
            {
                self.text.push_str(&piece[start..index]);
            }
            self.space_pending = true;
            index += width;
        }
        if let Some(start) = run_start
            && keep_text
        {
            self.text.push_str(&piece[start..]);
        }
    }

    /// Counts the word starting here, unless it goes on from the end of the last piece.
    fn start_word(&mut self, keep_text: bool) {
        let continues_word = self.words > 0 && !self.space_pending;
        if !continues_word {
            self.words += 1;
            if keep_text && self.words > 1 {
                self.text.push(' ');
            }
        }
        self.space_pending = false;
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    pub fn word_count(&self) -> usize {
        self.words
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

/// An article's byline: "By A", "By A and B", "By A, B and C"; `None` when no author is named.
pub fn byline(authors: &[String]) -> Option<String> {
    let (last, others) = authors.split_last()?;
    Some(if others.is_empty() {
        format!("By {last}")
    } else {
        format!("By {} and {last}", others.join(", "))
    })
}

/// Reading time in whole minutes, never less than one.
pub fn reading_minutes(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

/// "4 min read": what a card, an article and a case study say of their length.
pub fn reading_time_label(minutes: u32) -> String {
    format!("{minutes} min read")
}

/// Cuts `text` to at most `max_chars` characters at a word boundary, adding an ellipsis when cut.
pub fn truncate_at_word(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut_at = text
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(index, _)| index);
    let head = &text[..cut_at];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_names_every_author_in_order() {
        let names = |names: &[&str]| {
            names
                .iter()
                .map(|name| (*name).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(byline(&[]), None);
        assert_eq!(
            byline(&names(&["Maya Chen"])).as_deref(),
            Some("By Maya Chen")
        );
        assert_eq!(
            byline(&names(&["Maya Chen", "Sam Ortiz"])).as_deref(),
            Some("By Maya Chen and Sam Ortiz")
        );
        assert_eq!(
            byline(&names(&["A", "B", "C"])).as_deref(),
            Some("By A, B and C")
        );
    }

    #[test]
    fn counts_words() {
        for (text, expected) in [("", 0), ("one", 1), ("  two   words ", 2), ("a\nb\tc", 3)] {
            assert_eq!(word_count(text), expected, "{text:?}");
        }
    }

    const AWKWARD_WHITESPACE: &str =
        "\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}\u{2028}\u{202f}\u{3000}";

    #[test]
    fn counts_every_kind_of_whitespace_as_split_whitespace_does() {
        let text = format!("a{AWKWARD_WHITESPACE}b\u{200b}c é\u{a0}ü");
        assert_eq!(word_count(&text), text.split_whitespace().count());
        assert_eq!(word_count(&text), 4, "a zero-width space joins b and c");
    }

    #[test]
    fn collapses_pieces_as_if_joined() {
        let mut collapsed = CollapsedText::default();
        for piece in ["  Hello", "wor", "ld\n\n", "", " again ", "\u{a0}"] {
            collapsed.push(piece);
        }
        collapsed.push_space();
        collapsed.push("end");
        assert_eq!(collapsed.as_str(), "Helloworld again end");
        assert_eq!(collapsed.word_count(), 3);
        assert!(!collapsed.is_empty());
        assert!(CollapsedText::default().is_empty());
    }

    proptest::proptest! {
        #[test]
        fn collapsing_pieces_equals_split_whitespace_of_their_join(
            pieces in proptest::collection::vec(
                proptest::string::string_regex("[a-zé \t\n\u{b}\u{a0}\u{2003}\u{3000}x]{0,12}").unwrap(),
                0..8,
            ),
            spaces in proptest::collection::vec(proptest::bool::ANY, 8),
        ) {
            let mut collapsed = CollapsedText::default();
            let mut joined = String::new();
            for (piece, space) in pieces.iter().zip(&spaces) {
                collapsed.push(piece);
                joined.push_str(piece);
                if *space {
                    collapsed.push_space();
                    joined.push(' ');
                }
            }
            let expected = joined.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapsed.as_str(), expected.as_str());
            proptest::prop_assert_eq!(collapsed.word_count(), joined.split_whitespace().count());
            proptest::prop_assert_eq!(word_count(&joined), joined.split_whitespace().count());
            proptest::prop_assert_eq!(collapsed.is_empty(), expected.is_empty());
        }

        #[test]
        fn counts_any_text_as_split_whitespace_does(text in "\\PC*") {
            proptest::prop_assert_eq!(word_count(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn reading_time_rounds_up_and_is_at_least_one_minute() {
        for (words, expected) in [(0, 1), (1, 1), (220, 1), (221, 2), (440, 2), (1000, 5)] {
            assert_eq!(reading_minutes(words), expected, "{words} words");
        }
    }

    #[test]
    fn truncates_at_a_word_boundary() {
        let check = |text: &str, max: usize, expected: &str| {
            assert_eq!(truncate_at_word(text, max), expected, "{text:?} at {max}");
        };
        check("short", 10, "short");
        check("exactly ten", 11, "exactly ten");
        check("the quick brown fox", 12, "the quick…");
        check("the quick, brown fox", 11, "the quick…");
        check("unbreakableword", 5, "unbre…");
        check("héllo wörld again", 12, "héllo wörld…");
    }

    #[test]
    fn reading_time_labels_give_whole_minutes() {
        assert_eq!(reading_time_label(1), "1 min read");
        assert_eq!(reading_time_label(12), "12 min read");
    }
}
