//! Hugo's shortcodes: `{{< name args >}}`, `{{% name args %}}` (whose content is markdown), with
//! a closing `{{< /name >}}` when they wrap content, and the escaped `{{</* name */>}}` that
//! shows one as written. The built-in ones render as Hugo's do; a site's own keep their content.

use std::borrow::Cow;
use std::collections::HashSet;

use super::args::{self, Args};
use super::embed::{self, Card};
use super::{Expander, Found, Output, Why, lookup, printed};

/// One shortcode tag.
struct Tag<'t> {
    name: &'t str,
    args: Args,
    closing: bool,
    self_closing: bool,
    end: usize,
}

/// The tag at `start` (`{{<` or `{{%`), or the literal text an escaped tag shows.
fn read_tag(text: &str, start: usize) -> Option<Result<Tag<'_>, (String, usize)>> {
    let delimiter = text[start + 2..].chars().next()?;
    let closer = match delimiter {
        '<' => ">}}",
        '%' => "%}}",
        _ => return None,
    };
    let inside_start = start + 3;
    let end = inside_start + text[inside_start..].find(closer)?;
    let inside = &text[inside_start..end];
    // `>}}` ends the tag; an escaped one ends `*/>}}`, which the search found the same way.
    let trimmed = inside.trim();
    if let Some(escaped) = trimmed.strip_prefix("/*") {
        let escaped = escaped.strip_suffix("*/")?;
        return Some(Err((
            format!("{{{{{delimiter}{escaped}{closer}"),
            end + closer.len(),
        )));
    }
    if inside.contains("\n\n") {
        return None;
    }
    let (closing, body) = match trimmed.strip_prefix('/') {
        Some(body) => (true, body.trim_start()),
        None => (false, trimmed),
    };
    let (self_closing, body) = match body.strip_suffix('/') {
        Some(body) => (true, body.trim_end()),
        None => (false, body),
    };
    let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
    let name = &body[..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./".contains(c))
    {
        return None;
    }
    Some(Ok(Tag {
        name,
        args: args::parse(&body[name_end..], false),
        closing,
        self_closing,
        end: end + closer.len(),
    }))
}

/// The closing tag of `name` after `from`, skipping nested pairs of the same name: where the
/// content ends and where the closing tag ends.
fn closing_tag(text: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut at = from;
    while let Some(found) = text[at..].find("{{") {
        let start = at + found;
        at = start + 2;
        let Some(Ok(tag)) = (matches!(text[start + 2..].chars().next(), Some('<' | '%')))
            .then(|| read_tag(super::tag_window(text, start), start))
            .flatten()
        else {
            continue;
        };
        at = tag.end;
        if tag.name != name || tag.self_closing {
            continue;
        }
        if !tag.closing {
            depth += 1;
        } else if depth == 0 {
            return Some((start, tag.end));
        } else {
            depth -= 1;
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
    let tag = match read_tag(super::tag_window(text, start), start)? {
        // Shown as written, as text: written into the markdown, `<figure …>` would be markup.
        Err((shown, end)) => {
            return Some(Found {
                end,
                kind: Output::Markup(quire_model::escape::xml_escape(&shown)),
            });
        }
        Ok(tag) => tag,
    };
    if tag.closing {
        // A closing tag without its opening one shows nothing, as in Hugo.
        return Some(Found {
            end: tag.end,
            kind: Output::Nothing,
        });
    }
    let pair = if tag.self_closing || !expander.closers.contains(tag.name) {
        None
    } else {
        expander.search_pair(
            text,
            tag.end,
            |window| closing_tag(window, tag.end, tag.name),
            |(_, end)| *end,
        )
    };
    let end = pair.map_or(tag.end, |(_, end)| end);
    let inner = pair.map(|(inner_end, _)| tag.end..inner_end);
    let kind = render(expander, &tag, text, inner, line);
    Some(Found { end, kind })
}

fn render(
    expander: &mut Expander<'_>,
    tag: &Tag<'_>,
    text: &str,
    inner: Option<std::ops::Range<usize>>,
    line: usize,
) -> Output {
    let args = &tag.args;
    let card = |card: Option<Card>| card.map(|card| Output::Markup(card.html()));
    let rendered = match tag.name {
        "figure" => embed::figure(args).map(Output::Markup),
        "youtube" => card(
            args.get("id", 0)
                .and_then(|id| embed::youtube(id, args.named("title"))),
        ),
        "vimeo" => card(
            args.get("id", 0)
                .and_then(|id| embed::vimeo(id, args.named("title"))),
        ),
        "gist" => card(args.positional.first().and_then(|user| {
            embed::gist(
                user,
                args.positional.get(1).map(String::as_str),
                args.positional.get(2).map(String::as_str),
            )
        })),
        "x" | "twitter" | "tweet" => card(
            args.get("id", 0)
                .and_then(|id| embed::post_on_x(args.named("user"), id)),
        ),
        "instagram" => card(args.get("id", 0).and_then(embed::instagram)),
        "highlight" => inner.clone().map(|inner| Output::Code {
            info: highlight_info(args),
            code: unescape(text[inner].trim_start_matches('\n')).into_owned(),
        }),
        "details" => inner.clone().map(|inner| Output::Around {
            before: embed::details_open(args.named("summary"), args.flag("open")),
            inner,
            after: "</details>".to_owned(),
            dedent: false,
        }),
        "ref" | "relref" => args
            .get("path", 0)
            .map(|path| Output::Text(reference(path))),
        "param" => args
            .get("name", 0)
            .and_then(|key| param(expander, key))
            .map(Output::Text),
        _ => None,
    };
    if let Some(output) = rendered {
        expander.note_rendered(tag.name);
        return output;
    }
    if let Some(html) = expander.static_shortcode(tag.name) {
        expander.note_rendered(tag.name);
        return Output::Markup(html);
    }
    let why = if is_built_in(tag.name) {
        Why::BadArguments
    } else {
        Why::NotBuiltIn
    };
    // One name whichever delimiter a use is written with.
    expander.note_unrendered(&format!("{{{{< {} >}}}}", tag.name), line, why);
    match inner {
        // A site's own shortcode, or one without what it needs: its content is kept, except an
        // inline shortcode's, which is template code.
        Some(inner) if !tag.name.ends_with(".inline") => Output::Around {
            before: super::own_shortcode_title(args),
            inner,
            after: String::new(),
            dedent: false,
        },
        Some(_) => Output::Nothing,
        None => super::own_shortcode_fallback(args).unwrap_or(Output::Nothing),
    }
}

fn is_built_in(name: &str) -> bool {
    [
        "figure",
        "youtube",
        "vimeo",
        "gist",
        "x",
        "twitter",
        "tweet",
        "instagram",
        "highlight",
        "details",
        "ref",
        "relref",
        "param",
    ]
    .contains(&name)
}

/// `highlight`'s language and options (`"linenos=table,hl_lines=8 15-17"`) as a fence's info.
fn highlight_info(args: &Args) -> String {
    let language = args.positional.first().map_or("", String::as_str);
    let options = args
        .positional
        .get(1)
        .map_or(String::new(), |options| format!(" {{{options}}}"));
    format!("{language}{options}")
}

/// A `ref`'s target, for the build to make the page's address once every page has one.
pub(crate) fn reference(path: &str) -> String {
    format!(
        "{}{}",
        super::REFERENCE_PREFIX,
        path.trim().replace(' ', "%20")
    )
}

/// `param`: the page's own value (`params.x` or `x`), else the site's `params`.
fn param(expander: &Expander<'_>, key: &str) -> Option<String> {
    let fields = &expander.page.front_matter.fields;
    let page = fields
        .get(key)
        .or_else(|| lookup(fields.get("params"), key))
        .or_else(|| {
            let (first, rest) = key.split_once('.')?;
            lookup(fields.get(first), rest)
        });
    let site = || lookup(Some(&expander.site.config), &format!("params.{key}"));
    printed(page.or_else(site)?)
}

/// The names of every closing tag in `text` (`{{< /details >}}`'s `details`).
pub(crate) fn closers(text: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&text.as_bytes()[at..], b"{{") {
        let start = at + found;
        at = start + 2;
        if let Some(Ok(tag)) = (matches!(text[start + 2..].chars().next(), Some('<' | '%')))
            .then(|| read_tag(super::tag_window(text, start), start))
            .flatten()
        {
            if tag.closing {
                names.insert(tag.name.to_owned());
            }
            at = tag.end;
        }
    }
    names
}

/// Code as shown: each escaped tag (`{{</* x */>}}`) as the tag it shows.
pub(crate) fn unescape(code: &str) -> Cow<'_, str> {
    if !code.contains("{{</*") && !code.contains("{{%/*") {
        return Cow::Borrowed(code);
    }
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        match read_tag(super::tag_window(rest, at), at) {
            Some(Err((shown, end))) => {
                out.push_str(&shown);
                rest = &rest[end..];
            }
            _ => {
                out.push_str("{{");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
