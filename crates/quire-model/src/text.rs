//! Plain-text measures of an article: word count, reading time, and summaries cut at a word boundary.

/// Words a reader gets through per minute; the figure most publications use for technical prose.
pub const WORDS_PER_MINUTE: usize = 220;

/// Counts whitespace-separated words.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Reading time in whole minutes, never less than one.
pub fn reading_minutes(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
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
    fn counts_words() {
        for (text, expected) in [("", 0), ("one", 1), ("  two   words ", 2), ("a\nb\tc", 3)] {
            assert_eq!(word_count(text), expected, "{text:?}");
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
}
