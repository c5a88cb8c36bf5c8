//! MDX's JSX in a post: `{expressions}` (a `{frontmatter.x}` has its value, a string literal its
//! text, a `{/* comment */}` nothing) and components (`<Callout>…</Callout>`), which keep their
//! content; the embeds of `astro-embed` (`<YouTube id="…" />`, `<Tweet>`, `<Vimeo>`) become link
//! cards. Lower-case tags are HTML and are left to the sanitiser.

use std::collections::HashSet;

use super::args::{self, Args};
use super::embed::{self, Card};
use super::{Expander, Found, Output, Why};

/// Where the brace opened at `start` closes (past strings and nested braces), after it.
fn brace_end(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (at, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(open), _) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(start + at + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// A component's opening tag: its name, attributes, whether it closes itself, where it ends.
struct Opening<'t> {
    name: &'t str,
    args: Args,
    self_closing: bool,
    end: usize,
}

fn read_opening(text: &str, start: usize) -> Option<Opening<'_>> {
    let rest = &text[start + 1..];
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    // A component's name is capitalised; `<>` opens a fragment.
    let is_component = name.starts_with(|c: char| c.is_ascii_uppercase())
        || (name.is_empty() && rest.starts_with('>'));
    if !is_component {
        return None;
    }
    // The tag ends at the first `>` outside quotes and braces.
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (at, c) in rest[name_end..].char_indices() {
        match (quote, c) {
            (Some(open), _) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => depth = depth.saturating_sub(1),
            (None, '>') if depth == 0 => {
                let attributes = &rest[name_end..name_end + at];
                let self_closing = attributes.trim_end().ends_with('/');
                let attributes = attributes.trim_end().trim_end_matches('/');
                return Some(Opening {
                    name,
                    args: args::parse(attributes, false),
                    self_closing,
                    end: start + 1 + name_end + at + 1,
                });
            }
            _ => {}
        }
    }
    None
}

/// The `</name>` closing a component opened before `from`, past nested ones of the same name
/// (a self-closing `<Name />` opens nothing).
fn closing_tag(text: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let closing = format!("</{name}>");
    let opening = format!("<{name}");
    let mut depth = 0usize;
    let mut at = from;
    loop {
        let next_close = at + text[at..].find(&closing)?;
        match text[at..next_close].find(&opening).map(|found| at + found) {
            Some(open) => {
                let nested =
                    read_opening(super::tag_window(text, open), open).filter(|o| o.name == name);
                if nested.as_ref().is_some_and(|o| !o.self_closing) {
                    depth += 1;
                }
                at = nested.map_or(open + opening.len(), |o| o.end);
            }
            None if depth == 0 => return Some((next_close, next_close + closing.len())),
            None => {
                depth -= 1;
                at = next_close + closing.len();
            }
        }
    }
}

/// The names of every closing tag in `text` (`</Callout>`'s `Callout`, `</>`'s empty name).
pub(crate) fn closers(text: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    for (at, _) in text.match_indices("</") {
        let rest = &text[at + 2..];
        if let Some(end) = super::prefix(rest, 256).find('>') {
            names.insert(rest[..end].to_owned());
        }
    }
    names
}

pub(super) fn construct(
    expander: &mut Expander<'_>,
    text: &str,
    start: usize,
    line: usize,
) -> Option<Found> {
    if text[start..].starts_with('{') {
        return expression(expander, text, start, line);
    }
    if let Some(closing) = text[start..].strip_prefix("</") {
        // A closing tag left over (its opening tag was on another line the author's editor
        // wrapped): a fragment's `</>` or a component's `</Name>` shows nothing.
        let name_end = super::prefix(closing, 256).find('>')?;
        let name = &closing[..name_end];
        let is_component = name.is_empty()
            || (name.starts_with(|c: char| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'));
        return is_component.then(|| Found {
            end: start + 2 + name_end + 1,
            kind: Output::Nothing,
        });
    }
    let opening = read_opening(super::tag_window(text, start), start)?;
    let pair = if opening.self_closing || !expander.closers.contains(opening.name) {
        None
    } else {
        expander.search_pair(
            text,
            opening.end,
            |window| closing_tag(window, opening.end, opening.name),
            |(_, end)| *end,
        )
    };
    let end = pair.map_or(opening.end, |(_, end)| end);
    if let Some(card) = embed_card(opening.name, &opening.args) {
        expander.note_rendered(&format!("<{}>", opening.name));
        return Some(Found {
            end,
            kind: Output::Markup(card.html()),
        });
    }
    if let Some(image) = astro_image(expander, opening.name, &opening.args) {
        expander.note_rendered(&format!("<{}>", opening.name));
        return Some(Found {
            end,
            kind: Output::Markup(image),
        });
    }
    if !opening.name.is_empty() {
        expander.note_unrendered(&format!("<{}>", opening.name), line, Why::NotBuiltIn);
    }
    let kind = match pair {
        Some((inner_end, _)) => Output::Around {
            before: String::new(),
            inner: opening.end..inner_end,
            after: String::new(),
            dedent: true,
        },
        None => Output::Nothing,
    };
    Some(Found { end, kind })
}

/// Astro's `<Image>` and `<Picture>` (`astro:assets`) as an image: its `src` a path, or the name
/// of a file the post imports (`src={cover}`).
fn astro_image(expander: &Expander<'_>, name: &str, args: &Args) -> Option<String> {
    if !matches!(name, "Image" | "Picture") {
        return None;
    }
    let written = args.named("src")?;
    let imported = expander
        .page
        .imports
        .iter()
        .find(|(imported, _)| imported == written)
        .map(|(_, path)| path.as_str());
    // Not imported, it must be a path itself (`/img/b.png`), not a name of code.
    let src = imported.or_else(|| written.contains(['.', '/']).then_some(written))?;
    if src.contains(|c: char| c.is_whitespace() || "{}\"<>".contains(c)) {
        return None;
    }
    Some(embed::image_tag(
        src,
        args.named("alt").unwrap_or_default(),
        args,
    ))
}

/// The link card of an `astro-embed` component.
fn embed_card(name: &str, args: &Args) -> Option<Card> {
    let id = args.named("id");
    match name {
        "YouTube" => embed::youtube(id?, args.named("title")),
        "Vimeo" => embed::vimeo(id?, args.named("title")),
        "Tweet" => embed::post_on_x(None, id?),
        "Gist" => embed::gist(id.or_else(|| args.named("url"))?, None, None),
        _ => None,
    }
}

/// `{…}`: a comment shows nothing, `frontmatter.x` its value, a string its text; any other
/// expression is code, which shows nothing and is named.
fn expression(expander: &mut Expander<'_>, text: &str, start: usize, line: usize) -> Option<Found> {
    let end = brace_end(super::tag_window(text, start), start)?;
    let inside = text[start + 1..end - 1].trim();
    let kind = if inside.starts_with("/*") && inside.ends_with("*/") {
        Output::Nothing
    } else if let Some(value) = literal(expander, inside) {
        expander.note_rendered("{expression}");
        Output::Text(value)
    } else {
        expander.note_unrendered("{expression}", line, Why::Code);
        Output::Nothing
    };
    Some(Found { end, kind })
}

fn literal(expander: &Expander<'_>, inside: &str) -> Option<String> {
    for quote in ['"', '\'', '`'] {
        if let Some(text) = inside
            .strip_prefix(quote)
            .and_then(|t| t.strip_suffix(quote))
            && !text.contains(quote)
            && !text.contains("${")
        {
            return Some(text.to_owned());
        }
    }
    let key = inside.strip_prefix("frontmatter.")?;
    super::front_matter_text(expander.page.front_matter, key)
}
