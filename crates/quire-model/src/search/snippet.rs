//! Marking matched words in titles, and choosing the passage of a body that best shows a match.

use std::collections::BTreeSet;

use super::tokens::{Token, WordStemmer, tokens};

/// A run of text, marked when it is a word the query matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// Recognises the words a query matched, by stem.
pub struct Highlighter {
    stemmer: WordStemmer,
    stems: BTreeSet<String>,
}

impl Highlighter {
    pub fn new(stems: BTreeSet<String>) -> Self {
        Self {
            stemmer: WordStemmer::default(),
            stems,
        }
    }

    fn matches(&self, token: &Token) -> bool {
        self.stems
            .contains(self.stemmer.stem(&token.folded).as_ref())
    }

    /// All of `text`, with matched words marked.
    pub fn highlight(&self, text: &str) -> Vec<Segment> {
        let marks: Vec<(usize, usize)> = tokens(text)
            .filter(|token| self.matches(token))
            .map(|token| (token.start, token.end))
            .collect();
        segments(text, 0, text.len(), &marks)
    }

    /// About `max_words` words of `text` around its densest cluster of matched words, marked,
    /// with an ellipsis where the passage cuts the text. The opening words when nothing matches.
    pub fn snippet(&self, text: &str, max_words: usize) -> Vec<Segment> {
        let words: Vec<Token> = tokens(text).collect();
        if words.is_empty() || max_words == 0 {
            return Vec::new();
        }
        let matched: Vec<Option<String>> = words
            .iter()
            .map(|token| {
                let stem = self.stemmer.stem(&token.folded);
                self.stems
                    .contains(stem.as_ref())
                    .then(|| stem.into_owned())
            })
            .collect();
        let window = max_words.min(words.len());
        let mut best = (0usize, 0usize, 0usize);
        for start in 0..=words.len() - window {
            let in_window = &matched[start..start + window];
            let distinct: BTreeSet<&String> = in_window.iter().flatten().collect();
            let total = in_window.iter().flatten().count();
            if (distinct.len(), total) > (best.1, best.2) {
                best = (start, distinct.len(), total);
            }
        }
        // Lead in with a few words of context rather than starting on the match itself.
        let first_match = matched[best.0..best.0 + window]
            .iter()
            .position(Option::is_some)
            .map_or(best.0, |offset| best.0 + offset);
        let start = first_match
            .saturating_sub(window / 4)
            .min(words.len() - window);
        let end = start + window;
        let from = if start == 0 { 0 } else { words[start].start };
        let to = if end == words.len() {
            text.len()
        } else {
            words[end - 1].end
        };
        let marks: Vec<(usize, usize)> = (start..end)
            .filter(|&index| matched[index].is_some())
            .map(|index| (words[index].start, words[index].end))
            .collect();
        let mut passage = segments(text, from, to, &marks);
        if let Some(first) = passage.first_mut().filter(|_| from > 0) {
            if first.marked {
                passage.insert(0, plain("… "));
            } else {
                first.text.insert_str(0, "… ");
            }
        }
        if to < text.len() {
            match passage.last_mut() {
                Some(last) if !last.marked => last.text.push_str(" …"),
                _ => passage.push(plain(" …")),
            }
        }
        passage
    }
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.to_owned(),
        marked: false,
    }
}

/// `text[from..to]` cut at the marked byte ranges, with whitespace runs collapsed.
fn segments(text: &str, from: usize, to: usize, marks: &[(usize, usize)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |range: std::ops::Range<usize>, marked: bool| {
        if range.is_empty() {
            return;
        }
        let piece = collapse_whitespace(&text[range]);
        match out.last_mut() {
            Some(last) if !last.marked && !marked => last.text.push_str(&piece),
            _ => out.push(Segment {
                text: piece,
                marked,
            }),
        }
    };
    let mut cursor = from;
    for &(start, end) in marks {
        push(cursor..start, false);
        push(start..end, true);
        cursor = end;
    }
    push(cursor..to, false);
    out
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}
