//! Code blocks at build time: syntect's classed highlighting, and the options authors write
//! after a fence's language (`{linenos=true, hl_lines=[2,8]}`, `rust,linenos,hl_lines=1 3-5`,
//! `js {1,4-6}`), so no highlighter ships to readers.

use std::sync::LazyLock;

use quire_model::escape::xml_escape;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub(crate) const HIGHLIGHT_CLASS_PREFIX: &str = "hl-";
/// The classes a code block's lines are drawn with when it numbers or marks them.
pub(crate) const LINE_CLASS: &str = "code-line";
pub(crate) const MARKED_LINE_CLASS: &str = "code-line-marked";
/// The attribute a numbered line carries its number in: the stylesheet shows it, and being no
/// text of the page, copying the code or selecting it never takes the numbers along.
pub(crate) const LINE_NUMBER_ATTRIBUTE: &str = "data-line";

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// What a fence's info string asks of its block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CodeOptions {
    /// Lower-cased, only the characters a language token holds.
    pub language: String,
    pub line_numbers: bool,
    /// The number the first line shows.
    pub first_line: usize,
    /// Lines to mark, counted from the block's first line as 1, inclusive ranges.
    pub marked: Vec<(usize, usize)>,
}

impl CodeOptions {
    /// Reads Hugo's (`go {linenos=table,hl_lines=[8,"15-17"],linenostart=199}`), Zola's
    /// (`rust,linenos,hl_lines=1 3-5 9`) and Shiki's (`js {1,4-6} title="a.js"`) forms; any other
    /// word after the language is the author's own and ignored.
    pub(crate) fn from_info(info: &str) -> Self {
        let info = info.trim();
        let split = info
            .find(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .unwrap_or(info.len());
        let (language, rest) = info.split_at(split);
        let mut options = Self {
            language: language_token(language),
            first_line: 1,
            ..Self::default()
        };
        let lower = rest.to_ascii_lowercase();
        if let Some(value) = option_value(&lower, "linenos") {
            options.line_numbers = !matches!(value.trim_matches(['"', '\'']), "false" | "0");
        }
        if let Some(value) = option_value(&lower, "linenostart") {
            options.first_line = leading_number(value).unwrap_or(1);
        }
        if let Some(value) = option_value(&lower, "hl_lines") {
            options.marked = line_ranges(value);
        }
        // Shiki's bare `{1,4-6}`.
        for group in lower.split('{').skip(1) {
            let group = group.split('}').next().unwrap_or_default();
            if !group.is_empty()
                && group
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | ' '))
            {
                options.marked.extend(line_ranges(group));
            }
        }
        options
    }

    /// Whether each of `lines` lines (index 0 is line 1) is marked: one pass over the ranges
    /// and one over the lines, however many of either.
    fn marked_lines(&self, lines: usize) -> Vec<bool> {
        let mut starts_and_ends = vec![0i64; lines + 2];
        for &(first, last) in &self.marked {
            if first <= lines {
                starts_and_ends[first] += 1;
                starts_and_ends[last.min(lines) + 1] -= 1;
            }
        }
        let mut open = 0;
        starts_and_ends[1..=lines]
            .iter()
            .map(|change| {
                open += change;
                open > 0
            })
            .collect()
    }
}

fn language_token(written: &str) -> String {
    written
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The value after `key` as an option (`key=value`, or `key` alone: `""`), up to the next
/// option; `None` when `key` is not written.
fn option_value<'a>(options: &'a str, key: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = options[from..].find(key) {
        let start = from + at;
        let end = start + key.len();
        from = end;
        let before_ok = options[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
        let after = &options[end..];
        if !before_ok || after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let Some(value) = after.trim_start().strip_prefix(['=', ':']) else {
            return Some("");
        };
        let value = value.trim_start();
        // A value runs to the next `,key` or `}`; a list's commas are inside its brackets.
        let mut depth = 0usize;
        let bytes = value.as_bytes();
        let mut end = value.len();
        for (index, &byte) in bytes.iter().enumerate() {
            match byte {
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'}' if depth == 0 => {
                    end = index;
                    break;
                }
                // Only the first of a run of separators looks ahead, past the run.
                b',' | b' '
                    if depth == 0
                        && !matches!(bytes.get(index.wrapping_sub(1)), Some(b',' | b' ')) =>
                {
                    let next = bytes[index + 1..]
                        .iter()
                        .find(|byte| !byte.is_ascii_whitespace() && **byte != b',');
                    if next.is_some_and(u8::is_ascii_alphabetic) {
                        end = index;
                        break;
                    }
                }
                _ => {}
            }
        }
        return Some(&value[..end]);
    }
    None
}

fn leading_number(text: &str) -> Option<usize> {
    let digits: String = text
        .trim_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Every `n` and `a-b` in `text`, whatever separates them (`[8,"15-17"]`, `1 3-5 9`).
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    text.split(|c: char| !c.is_ascii_digit() && c != '-')
        .filter_map(|item| {
            let (first, last) = item.split_once('-').unwrap_or((item, item));
            let (first, last) = (first.parse().ok()?, last.parse().ok()?);
            (first >= 1 && first <= last && last - first < 100_000).then_some((first, last))
        })
        .collect()
}

/// A code block as `<pre><code class="language-x">` with classed spans; unknown languages are
/// escaped as plain text. The code is text to syntect, so the output has no author markup.
pub fn highlight(code: &str, options: &CodeOptions) -> String {
    let class = if options.language.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", options.language)
    };
    let syntax = (!options.language.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(&options.language))
        .flatten();
    let inner = syntax.and_then(|syntax| {
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            &SYNTAXES,
            ClassStyle::SpacedPrefixed {
                prefix: HIGHLIGHT_CLASS_PREFIX,
            },
        );
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    });
    let inner = inner.unwrap_or_else(|| xml_escape(code));
    let inner = if options.line_numbers || !options.marked.is_empty() {
        in_lines(&inner, options)
    } else {
        inner
    };
    format!("<pre><code{class}>{inner}</code></pre>\n")
}

/// Highlighted code with each line in a span of its own (numbered, marked): spans syntect opened
/// on one line are closed at its end and opened again on the next.
fn in_lines(html: &str, options: &CodeOptions) -> String {
    let mut out = String::with_capacity(html.len() * 2);
    let mut open: Vec<&str> = Vec::new();
    let mut line = 1;
    let marked = options.marked_lines(html.matches('\n').count() + 1);
    let start_line = |out: &mut String, line: usize, open: &[&str]| {
        out.push_str("<span class=\"");
        out.push_str(LINE_CLASS);
        if marked.get(line - 1).copied().unwrap_or(false) {
            out.push(' ');
            out.push_str(MARKED_LINE_CLASS);
        }
        out.push('"');
        if options.line_numbers {
            out.push_str(&format!(
                " {LINE_NUMBER_ATTRIBUTE}=\"{}\"",
                options.first_line.saturating_add(line - 1)
            ));
        }
        out.push('>');
        for tag in open {
            out.push_str(tag);
        }
    };
    // The code's last newline ends its last line rather than starting one more; syntect writes
    // it before the spans it closes last.
    let mut closers_at = html.len();
    while html[..closers_at].ends_with("</span>") {
        closers_at -= "</span>".len();
    }
    let ends_with_newline = html[..closers_at].ends_with('\n');
    let body = if ends_with_newline {
        format!("{}{}", &html[..closers_at - 1], &html[closers_at..])
    } else {
        html.to_owned()
    };
    start_line(&mut out, line, &open);
    let mut rest = body.as_str();
    while !rest.is_empty() {
        let next = rest.find(['<', '\n']).unwrap_or(rest.len());
        out.push_str(&rest[..next]);
        rest = &rest[next..];
        if let Some(after) = rest.strip_prefix('\n') {
            out.push_str(&"</span>".repeat(open.len() + 1));
            out.push('\n');
            line += 1;
            start_line(&mut out, line, &open);
            rest = after;
        } else if rest.starts_with("</span>") {
            open.pop();
            out.push_str("</span>");
            rest = &rest["</span>".len()..];
        } else if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |at| at + 1);
            open.push(&rest[..end]);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(&"</span>".repeat(open.len() + 1));
    if ends_with_newline {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(info: &str) -> CodeOptions {
        CodeOptions::from_info(info)
    }

    #[test]
    fn each_generators_fence_options_are_read_not_taken_for_the_language() {
        let hugo = options("go {linenos=table,hl_lines=[8,\"15-17\"],linenostart=199}");
        assert_eq!(hugo.language, "go");
        assert!(hugo.line_numbers);
        assert_eq!(hugo.first_line, 199);
        assert_eq!(hugo.marked, [(8, 8), (15, 17)]);
        let hugo_short = options("python {hl_lines=[2,8]}");
        assert_eq!(
            (hugo_short.language.as_str(), hugo_short.line_numbers),
            ("python", false)
        );
        assert_eq!(hugo_short.marked, [(2, 2), (8, 8)]);
        assert!(options("rs {linenos=true}").line_numbers);
        assert!(!options("rs {linenos=false}").line_numbers);
        let zola = options("rust,linenos,hl_lines=1 3-5 9,linenostart=10");
        assert_eq!(zola.language, "rust");
        assert!(zola.line_numbers);
        assert_eq!(zola.first_line, 10);
        assert_eq!(zola.marked, [(1, 1), (3, 5), (9, 9)]);
        let shiki = options("js {1,4-6} title=\"a.js\"");
        assert_eq!(shiki.language, "js");
        assert_eq!(shiki.marked, [(1, 1), (4, 6)]);
        assert_eq!(options("{linenos=true}").language, "");
        assert_eq!(options("C++").language, "c++");
        assert_eq!(options("").marked, []);
    }

    #[test]
    fn numbered_and_marked_lines_close_and_reopen_the_highlighters_spans() {
        let code = "/* a\nb */\nx\n";
        let html = highlight(code, &options("c {linenos=true,hl_lines=[2]}"));
        let lines: Vec<&str> = html.lines().collect();
        assert_eq!(lines.len(), 4, "{html}");
        assert_eq!(lines[3], "</code></pre>");
        for line in &lines[..2] {
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count(),
                "{line}"
            );
        }
        assert!(lines[1].contains("code-line code-line-marked"), "{html}");
        assert!(
            lines[0].starts_with(
                "<pre><code class=\"language-c\"><span class=\"code-line\" data-line=\"1\">"
            ),
            "{html}"
        );
        assert!(
            lines[2].starts_with("<span class=\"code-line\" data-line=\"3\">"),
            "{html}"
        );
        let plain = highlight("a < b\n", &options("unknown-language {linenos=true}"));
        assert_eq!(
            plain,
            "<pre><code class=\"language-unknown-language\"><span class=\"code-line\" \
             data-line=\"1\">a &lt; b</span>\n</code></pre>\n"
        );
        assert_eq!(
            highlight("a\n", &options("")),
            "<pre><code>a\n</code></pre>\n",
            "without options, nothing changes"
        );
    }
}
