//! Zola's shortcodes: `{{ name(args) }}` and `{% name(args) %}…{% end %}`, and the escaped
//! `{{/* name() */}}` that shows one as written. The embeds Zola once built in (`youtube`,
//! `vimeo`, `streamable`, `gist`) become link cards; a site's own keep their content.

use std::borrow::Cow;
use std::collections::HashSet;

use super::args::{self, Args};
use super::embed::{self, Card};
use super::{Expander, Found, Output, Why};

/// One shortcode call, and where it ends.
struct Call<'t> {
    name: &'t str,
    args: Args,
    /// `{% … %}`: a body follows, up to `{% end %}`.
    has_body: bool,
    end: usize,
}

/// The call at `start`, or the literal text an escaped one shows.
fn read_call(text: &str, start: usize) -> Option<Result<Call<'_>, (String, usize)>> {
    let has_body = text[start..].starts_with("{%");
    let closer = if has_body { "%}" } else { "}}" };
    let inside_start = start + 2;
    let close = text[inside_start..].find(closer)?;
    let inside = &text[inside_start..inside_start + close];
    let end = inside_start + close + 2;
    let trimmed = inside.trim();
    if let Some(escaped) = trimmed
        .strip_prefix("/*")
        .and_then(|t| t.strip_suffix("*/"))
    {
        let open = if has_body { "{%" } else { "{{" };
        return Some(Err((format!("{open}{escaped}{closer}"), end)));
    }
    let open_paren = trimmed.find('(')?;
    let name = trimmed[..open_paren].trim();
    if name.is_empty()
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        || !trimmed.ends_with(')')
    {
        return None;
    }
    Some(Ok(Call {
        name,
        args: args::parse(&trimmed[open_paren + 1..trimmed.len() - 1], true),
        has_body,
        end,
    }))
}

/// The `{% end %}` closing the body that starts at `from`, past nested bodies: where the body
/// ends and where the closing tag ends.
fn body_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut at = from;
    while let Some(found) = text[at..].find("{%") {
        let start = at + found;
        // A stray `{%` without its `%}` ends nothing: the search goes on past it.
        let Some(close) = super::tag_window(text, start)[start + 2..].find("%}") else {
            at = start + 2;
            continue;
        };
        let close = start + 2 + close;
        let inside = text[start + 2..close].trim();
        at = close + 2;
        if inside == "end" {
            if depth == 0 {
                return Some((start, at));
            }
            depth -= 1;
        } else if matches!(
            read_call(super::tag_window(text, start), start),
            Some(Ok(_))
        ) {
            depth += 1;
        }
    }
    None
}

pub(super) fn construct(
    expander: &mut Expander<'_>,
    text: &str,
    start: usize,
    line: usize,
) -> Option<Found> {
    let call = match read_call(super::tag_window(text, start), start)? {
        Err((shown, end)) => {
            return Some(Found {
                end,
                kind: Output::Markup(quire_model::escape::xml_escape(&shown)),
            });
        }
        Ok(call) => call,
    };
    let body = if call.has_body && expander.closers.contains("end") {
        expander.search_pair(
            text,
            call.end,
            |window| body_end(window, call.end),
            |(_, end)| *end,
        )
    } else {
        None
    };
    let end = body.map_or(call.end, |(_, end)| end);
    let args = &call.args;
    let card = |card: Option<Card>| card.map(|card| Output::Markup(card.html()));
    let rendered = match call.name {
        "youtube" => card(args.named("id").and_then(|id| embed::youtube(id, None))),
        "vimeo" => card(args.named("id").and_then(|id| embed::vimeo(id, None))),
        "streamable" => card(args.named("id").and_then(embed::streamable)),
        "gist" => card(
            args.named("url")
                .and_then(|url| embed::gist(url, None, args.named("file"))),
        ),
        _ => None,
    };
    if let Some(kind) = rendered {
        expander.note_rendered(call.name);
        return Some(Found { end, kind });
    }
    if let Some(html) = expander.static_shortcode(call.name) {
        expander.note_rendered(call.name);
        return Some(Found {
            end,
            kind: Output::Markup(html),
        });
    }
    let shown = if call.has_body {
        "{% name() %}"
    } else {
        "{{ name() }}"
    };
    let why = if matches!(call.name, "youtube" | "vimeo" | "streamable" | "gist") {
        Why::BadArguments
    } else {
        Why::NotBuiltIn
    };
    expander.note_unrendered(&shown.replace("name", call.name), line, why);
    let kind = match body {
        Some((inner_end, _)) => Output::Around {
            before: super::own_shortcode_title(args),
            inner: call.end..inner_end,
            after: String::new(),
            dedent: false,
        },
        None => super::own_shortcode_fallback(args).unwrap_or(Output::Nothing),
    };
    Some(Found { end, kind })
}

/// `{"end"}` when `text` holds a `{% end %}`, which closes any shortcode's body.
pub(crate) fn closers(text: &str) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut at = 0;
    while let Some(offset) = memchr::memmem::find(&text.as_bytes()[at..], b"{%") {
        let start = at + offset;
        at = start + 2;
        let window = super::tag_window(text, start);
        if let Some(close) = window[start + 2..].find("%}")
            && window[start + 2..start + 2 + close].trim() == "end"
        {
            found.insert("end".to_owned());
            break;
        }
    }
    found
}

/// Code as shown: each escaped call (`{{/* x() */}}`) as the call it shows.
pub(crate) fn unescape(code: &str) -> Cow<'_, str> {
    if !code.contains("{{/*") && !code.contains("{%/*") {
        return Cow::Borrowed(code);
    }
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find(['{']) {
        out.push_str(&rest[..at]);
        let escaped = (rest[at..].starts_with("{{/*") || rest[at..].starts_with("{%/*"))
            .then(|| read_call(super::tag_window(rest, at), at))
            .flatten();
        match escaped {
            Some(Err((shown, end))) => {
                out.push_str(&shown);
                rest = &rest[end..];
            }
            _ => {
                out.push('{');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
