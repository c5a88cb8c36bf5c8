//! The arguments a construct is written with: Hugo's and Liquid's (`src="a.png" "positional"`),
//! Zola's (`id="x", autoplay=true`) and JSX's (`id="x" data={value} open`).

/// Arguments by position and by name, in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Args {
    pub positional: Vec<String>,
    pub named: Vec<(String, String)>,
}

impl Args {
    /// The argument named `name`, in any case.
    pub fn named(&self, name: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The argument named `name`, else the one at `position`.
    pub fn get(&self, name: &str, position: usize) -> Option<&str> {
        self.named(name)
            .or_else(|| self.positional.get(position).map(String::as_str))
    }

    /// Whether a flag is on: `open`, `open=true`, `open="true"`.
    pub fn flag(&self, name: &str) -> bool {
        self.named(name).is_some_and(|value| value != "false")
    }
}

/// Reads `text` as arguments, split at whitespace (and commas, with `commas`); values may be
/// quoted with `"`, `'` or `` ` `` (a backslash escapes in `"`), or braced (`{…}`, `[…]`).
pub fn parse(text: &str, commas: bool) -> Args {
    let mut args = Args::default();
    let mut rest = text.trim();
    let is_separator = |c: char| c.is_whitespace() || (commas && c == ',');
    while !rest.is_empty() {
        rest = rest.trim_start_matches(is_separator);
        if rest.is_empty() {
            break;
        }
        let key_length = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
            .unwrap_or(rest.len());
        let key = &rest[..key_length];
        let after_key = rest[key_length..].trim_start();
        if !key.is_empty() && after_key.starts_with('=') {
            let (value, remaining) = value(after_key[1..].trim_start(), commas);
            args.named.push((key.to_owned(), value));
            rest = remaining;
        } else if !key.is_empty()
            && key_length < rest.len()
            && !rest[key_length..].starts_with(is_separator)
        {
            let (value, remaining) = value(rest, commas);
            args.positional.push(value);
            rest = remaining;
        } else if !key.is_empty() {
            // A bare word: a positional value, or a JSX flag (`open`).
            args.positional.push(key.to_owned());
            args.named.push((key.to_owned(), "true".to_owned()));
            rest = &rest[key_length..];
        } else {
            let (value, remaining) = value(rest, commas);
            args.positional.push(value);
            rest = remaining;
        }
    }
    args
}

/// One value at the start of `text`, and what follows it.
fn value(text: &str, commas: bool) -> (String, &str) {
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, quote @ ('"' | '\'' | '`'))) => {
            let mut value = String::new();
            let mut escaped = false;
            for (at, c) in chars {
                if escaped {
                    value.push(c);
                    escaped = false;
                } else if c == '\\' && quote == '"' {
                    escaped = true;
                } else if c == quote {
                    return (value, &text[at + 1..]);
                } else {
                    value.push(c);
                }
            }
            (value, "")
        }
        Some((_, open @ ('{' | '['))) => {
            let close = if open == '{' { '}' } else { ']' };
            let mut depth = 0usize;
            for (at, c) in text.char_indices() {
                if c == open {
                    depth += 1;
                } else if c == close {
                    depth -= 1;
                    if depth == 0 {
                        return (text[1..at].trim().to_owned(), &text[at + 1..]);
                    }
                }
            }
            (text[1..].to_owned(), "")
        }
        _ => {
            let end = text
                .find(|c: char| c.is_whitespace() || (commas && c == ','))
                .unwrap_or(text.len());
            (text[..end].to_owned(), &text[end..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_positional_named_quoted_and_braced_values() {
        let args = parse(
            r#"gist "spf13" 7896402 src="a b.png" title='x' raw=`c "d"`"#,
            false,
        );
        assert_eq!(args.positional, ["gist", "spf13", "7896402"]);
        assert_eq!(args.get("src", 9), Some("a b.png"));
        assert_eq!(args.named("TITLE"), Some("x"));
        assert_eq!(args.named("raw"), Some(r#"c "d""#));
        assert_eq!(args.get("id", 2), Some("7896402"));
        let zola = parse(r#"id="dQw4", autoplay=true, list=[1, 2]"#, true);
        assert_eq!(zola.named("id"), Some("dQw4"));
        assert!(zola.flag("autoplay"));
        assert_eq!(zola.named("list"), Some("1, 2"));
        let jsx = parse(r#"id="x" data={{a: 1}} open"#, false);
        assert_eq!(jsx.named("data"), Some("{a: 1}"));
        assert!(jsx.flag("open"));
        assert_eq!(
            parse(r#"a="say \"hi\"""#, false).named("a"),
            Some(r#"say "hi""#)
        );
        assert_eq!(parse("", false), Args::default());
    }
}
