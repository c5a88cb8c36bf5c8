//! Jekyll's Liquid in a post: output (`{{ site.title | relative_url }}`) from the config and the
//! front matter, and the tags Jekyll builds in (`highlight`, `raw`, `post_url`, `link`,
//! `include`, `comment`, `assign`, `capture`). A tag of a plugin or the site's own keeps its
//! content; a block of logic (`if`, `for`) keeps its first branch; each is named once.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use super::args;
use super::embed::{self, Card};
use super::{Expander, Found, Output, Why, hugo, lookup, printed};

/// A tag's name and what follows it, and where the tag ends.
struct Tag<'t> {
    name: &'t str,
    markup: &'t str,
    end: usize,
}

fn read_tag(text: &str, start: usize) -> Option<Tag<'_>> {
    let inside_start = start + 2;
    let close = text[inside_start..].find("%}")?;
    let inside = &text[inside_start..inside_start + close];
    if inside.contains("\n\n") {
        return None;
    }
    let inside = inside.trim_start_matches('-').trim_end_matches('-').trim();
    let name_end = inside.find(char::is_whitespace).unwrap_or(inside.len());
    let name = &inside[..name_end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    Some(Tag {
        name,
        markup: inside[name_end..].trim(),
        end: inside_start + close + 2,
    })
}

/// The names of every `{% end<name> %}` in `text`.
pub(crate) fn closers(text: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&text.as_bytes()[at..], b"{%") {
        let start = at + found;
        at = start + 2;
        if let Some(tag) = read_tag(super::tag_window(text, start), start) {
            if let Some(name) = tag.name.strip_prefix("end") {
                names.insert(name.to_owned());
            }
            at = tag.end;
        }
    }
    names
}

/// The `{% end<name> %}` after `from`, skipping nested blocks of the same name: where the
/// content ends, where its first branch ends (at a top-level `else`, `elsif` or `when`), and
/// where the closing tag ends.
fn block_end(text: &str, from: usize, name: &str) -> Option<(usize, usize, usize)> {
    let end_name = format!("end{name}");
    let mut depth = 0usize;
    let mut first_branch_end = None;
    let mut at = from;
    while let Some(found) = text[at..].find("{%") {
        let start = at + found;
        let Some(tag) = read_tag(super::tag_window(text, start), start) else {
            at = start + 2;
            continue;
        };
        at = tag.end;
        if tag.name == name {
            depth += 1;
        } else if tag.name == end_name {
            if depth == 0 {
                return Some((start, first_branch_end.unwrap_or(start), tag.end));
            }
            depth -= 1;
        } else if depth == 0
            && first_branch_end.is_none()
            && matches!(tag.name, "else" | "elsif" | "when")
        {
            first_branch_end = Some(start);
        }
    }
    None
}

/// Liquid's logic: Quire does not run it, and keeps the first branch's content.
const LOGIC_TAGS: &[&str] = &[
    "if",
    "unless",
    "for",
    "case",
    "tablerow",
    "cycle",
    "increment",
    "decrement",
    "else",
    "elsif",
    "when",
];

/// The tags without content Quire renders ([`simple_tag`]).
const SIMPLE_TAGS: &[&str] = &[
    "post_url",
    "link",
    "include",
    "include_relative",
    "include_cached",
    "assign",
    "gist",
    "youtube",
    "vimeo",
    "tweet",
    "twitter",
];

/// The longest value Liquid may compute (`{% assign a = a | append: a %}` doubles it): past this
/// an output shows nothing and is named.
const MAX_VALUE_LENGTH: usize = 1024 * 1024;

pub(super) fn construct(
    expander: &mut Expander<'_>,
    text: &str,
    start: usize,
    line: usize,
    depth: usize,
) -> Option<Found> {
    if text[start..].starts_with("{{") {
        return output(expander, text, start, line);
    }
    let tag = read_tag(super::tag_window(text, start), start)?;
    // Only a tag whose `end<name>` is written somewhere can have a body to look for.
    let block = if expander.closers.contains(tag.name) {
        expander.search_pair(
            text,
            tag.end,
            |window| block_end(window, tag.end, tag.name),
            |(_, _, end)| *end,
        )
    } else {
        None
    };
    if let Some((inner_end, _, end)) = block
        && let Some(kind) = block_tag(expander, text, &tag, inner_end, line, depth)
    {
        return Some(Found { end, kind });
    }
    if let Some(kind) = simple_tag(expander, &tag, line) {
        return Some(Found { end: tag.end, kind });
    }
    let why = if LOGIC_TAGS.contains(&tag.name) {
        Why::Logic
    } else if SIMPLE_TAGS.contains(&tag.name) {
        Why::BadArguments
    } else {
        Why::NotBuiltIn
    };
    expander.note_unrendered(&format!("{{% {} %}}", tag.name), line, why);
    Some(match block {
        Some((_, first_branch_end, end)) => Found {
            end,
            kind: Output::Around {
                before: String::new(),
                inner: tag.end..first_branch_end,
                after: String::new(),
                dedent: false,
            },
        },
        None => Found {
            end: tag.end,
            kind: Output::Nothing,
        },
    })
}

/// The block tags Quire renders (`raw`, `comment`, `highlight`, `capture`), with their content
/// ending at `inner_end`; `None` for any other.
fn block_tag(
    expander: &mut Expander<'_>,
    text: &str,
    tag: &Tag<'_>,
    inner_end: usize,
    line: usize,
    depth: usize,
) -> Option<Output> {
    let inner = &text[tag.end..inner_end];
    let output = match tag.name {
        "raw" => Output::Text(inner.to_owned()),
        "comment" => Output::Nothing,
        "highlight" => Output::Code {
            info: highlight_info(tag.markup),
            // What only stops Liquid (`{% raw %}`) is no part of the code.
            code: without_raw_markers(inner.trim_start_matches('\n')).into_owned(),
        },
        "capture" => {
            let value = expander.expand_to_string(inner, line, depth);
            if value.len() <= MAX_VALUE_LENGTH {
                expander
                    .variables
                    .insert(tag.markup.trim().to_owned(), value.trim().to_owned());
            }
            Output::Nothing
        }
        _ => return None,
    };
    if tag.name != "comment" {
        expander.note_rendered(tag.name);
    }
    Some(output)
}

/// The tags without content Quire renders; `None` for any other.
fn simple_tag(expander: &mut Expander<'_>, tag: &Tag<'_>, line: usize) -> Option<Output> {
    let markup = tag.markup;
    let args = args::parse(markup, false);
    let card = |card: Option<Card>| card.map(|card| Output::Markup(card.html()));
    let first = args.positional.first().map(String::as_str);
    let output = match tag.name {
        "post_url" if is_path(markup) => Some(Output::Text(hugo::reference(markup.trim()))),
        "link" if is_path(markup) => Some(Output::Text(link(markup.trim()))),
        // jekyll-include-cache's `include_cached` renders the same file, only faster.
        "include" | "include_relative" | "include_cached" => include(expander, tag, line),
        "assign" => {
            let (name, value) = markup.split_once('=')?;
            let value = evaluate(expander, value.trim()).ok()?;
            expander.variables.insert(name.trim().to_owned(), value);
            Some(Output::Nothing)
        }
        "gist" => card(first.and_then(|written| {
            let (user, id) = written.split_once('/')?;
            embed::gist(user, Some(id), args.positional.get(1).map(String::as_str))
        })),
        "youtube" => card(first.and_then(|id| embed::youtube(id, None))),
        "vimeo" => card(first.and_then(|id| embed::vimeo(id, None))),
        "tweet" | "twitter" => card(first.and_then(|id| embed::post_on_x(None, id))),
        _ => None,
    };
    if output.is_some() {
        expander.note_rendered(tag.name);
    }
    output
}

/// kramdown's own markup in a Jekyll post, which no other markdown reads and a reader must not
/// see: attribute lists (`{: .lead}`, `{:#intro}`, `{:toc}`), extensions (`{::options …/}`), and
/// a `{::comment}` block with what it holds. Left out; the text they are attached to stays.
pub(super) fn kramdown_attributes(text: &str, start: usize) -> Option<Found> {
    let window = super::tag_window(text, start);
    let rest = &window[start..];
    if let Some(extension) = rest.strip_prefix("{::") {
        let name_end = extension
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(extension.len());
        let close = rest.find('}')?;
        let end = start + close + 1;
        // `{::comment}` and `{::nomarkdown}` wrap content up to `{:/comment}` or `{:/}`.
        if &extension[..name_end] == "comment" && !rest[..close].ends_with('/') {
            let closing = ["{:/comment}", "{:/}"]
                .iter()
                .filter_map(|closer| {
                    memchr::memmem::find(&text.as_bytes()[end..], closer.as_bytes())
                        .map(|at| end + at + closer.len())
                })
                .min()?;
            return Some(Found {
                end: closing,
                kind: Output::Nothing,
            });
        }
        return Some(Found {
            end,
            kind: Output::Nothing,
        });
    }
    let inside = rest.strip_prefix("{:")?;
    // A list may wrap with its paragraph (`{:\ntarget="_blank"}`), never across a blank line.
    let close = inside.find(['}', '{'])?;
    let attributes = inside[..close].trim();
    let is_attribute_list = inside[close..].starts_with('}')
        && !attributes.contains("\n\n")
        && (attributes.is_empty()
            || attributes.starts_with(['.', '#', '/'])
            || attributes == "toc"
            || attributes.contains('='));
    is_attribute_list.then_some(Found {
        end: start + 2 + close + 1,
        kind: Output::Nothing,
    })
}

/// Whether a tag's markup is one path (`2019-12-11-x`, `_posts/a.md`), not Liquid of its own.
fn is_path(markup: &str) -> bool {
    let path = markup.trim();
    !path.is_empty() && !path.contains(|c: char| c.is_whitespace() || "{}%()<>\"'|".contains(c))
}

/// `{% link path %}`: a content file's page once every page has an address, or any other file
/// (an image, a PDF) at its path from the site's root, as Jekyll serves it.
fn link(path: &str) -> String {
    let path = path.trim_start_matches('/');
    let is_document = Path::new(path).extension().is_some_and(|extension| {
        ["md", "markdown", "mdx"]
            .iter()
            .any(|known| extension.eq_ignore_ascii_case(known))
    });
    if is_document {
        hugo::reference(&format!("/{path}"))
    } else {
        format!("/{}", path.replace(' ', "%20"))
    }
}

/// `include`: a file of `_includes` (or, for `include_relative`, beside the post), its
/// `{{ include.x }}` given by the tag's parameters, expanded as Liquid in its turn.
fn include(expander: &mut Expander<'_>, tag: &Tag<'_>, line: usize) -> Option<Output> {
    let (file, parameters) = tag
        .markup
        .split_once(char::is_whitespace)
        .unwrap_or((tag.markup, ""));
    let folder = if tag.name == "include_relative" {
        expander.page.path.parent()?.to_path_buf()
    } else {
        expander.site.includes.clone()?
    };
    let Some(contents) = super::read_inside(&folder, file) else {
        expander.note_problem(
            line,
            format!(
                "{{% {} {file} %}} names no file in {}",
                tag.name,
                folder.display()
            ),
        );
        return Some(Output::Nothing);
    };
    expander
        .variables
        .retain(|name, _| !name.starts_with("include."));
    for (name, value) in args::parse(parameters, false).named {
        let value = evaluate(expander, &value).unwrap_or(value);
        expander.variables.insert(format!("include.{name}"), value);
    }
    Some(Output::Expand(contents))
}

/// `{{ expression | filter: argument }}`.
fn output(expander: &mut Expander<'_>, text: &str, start: usize, line: usize) -> Option<Found> {
    let inside_start = start + 2;
    let close = super::tag_window(text, start)[inside_start..].find("}}")?;
    let inside = &text[inside_start..inside_start + close];
    if inside.contains('\n') && inside.contains("\n\n") {
        return None;
    }
    let expression = inside.trim_start_matches('-').trim_end_matches('-').trim();
    let end = inside_start + close + 2;
    let kind = match evaluate(expander, expression) {
        Ok(value) => {
            expander.note_rendered(&output_name(expression));
            Output::Text(value)
        }
        Err(name) => {
            let why = if name.starts_with('|') {
                Why::NotBuiltIn
            } else {
                Why::NoValue
            };
            expander.note_unrendered(&format!("{{{{ {name} }}}}"), line, why);
            Output::Nothing
        }
    };
    Some(Found { end, kind })
}

/// An output as the build summary counts it: `{{ site.* | relative_url }}`, `{{ '…' }}`.
fn output_name(expression: &str) -> String {
    let mut parts = split_filters(expression).into_iter().map(str::trim);
    let subject = parts.next().unwrap_or_default();
    let subject = if subject.starts_with(['"', '\'']) {
        "'…'".to_owned()
    } else {
        match subject.split_once('.') {
            Some((root, _)) => format!("{root}.*"),
            None => subject.to_owned(),
        }
    };
    let filters: String = parts
        .map(|filter| format!(" | {}", filter.split(':').next().unwrap_or_default().trim()))
        .collect();
    format!("{{{{ {subject}{filters} }}}}")
}

/// An expression's value, or the name of what has none.
fn evaluate(expander: &Expander<'_>, expression: &str) -> Result<String, String> {
    let mut parts = split_filters(expression).into_iter();
    let subject = parts.next().unwrap_or_default();
    let mut value = value_of(expander, subject.trim()).ok_or_else(|| subject.trim().to_owned())?;
    for filter in parts {
        let (name, argument) = filter.split_once(':').unwrap_or((filter, ""));
        let arguments: Vec<String> = split_outside_quotes(argument, ',')
            .into_iter()
            .filter(|a| !a.trim().is_empty())
            .map(|a| value_of(expander, a.trim()).unwrap_or_default())
            .collect();
        value = apply_filter(name.trim(), value, &arguments)
            .ok_or_else(|| format!("| {}", name.trim()))?;
        if value.len() > MAX_VALUE_LENGTH {
            return Err(format!("| {} (a value over 1 MB)", name.trim()));
        }
    }
    Ok(value)
}

fn split_filters(expression: &str) -> Vec<&str> {
    split_outside_quotes(expression, '|')
}

/// `text` split at each `separator` that is not inside quotes.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let expression = text;
    let mut parts = Vec::new();
    let mut quote = None;
    let mut from = 0;
    for (at, c) in expression.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, _) if c == separator => {
                parts.push(&expression[from..at]);
                from = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&expression[from..]);
    parts
}

fn value_of(expander: &Expander<'_>, written: &str) -> Option<String> {
    if let Some(text) = written
        .strip_prefix('"')
        .and_then(|w| w.strip_suffix('"'))
        .or_else(|| {
            written
                .strip_prefix('\'')
                .and_then(|w| w.strip_suffix('\''))
        })
    {
        return Some(text.to_owned());
    }
    if written.parse::<f64>().is_ok() {
        return Some(written.to_owned());
    }
    if let Some(value) = expander.variables.get(written) {
        return Some(value.clone());
    }
    if written == "jekyll.environment" {
        return Some("production".to_owned());
    }
    // Quire puts every site path under the hosting base itself: the old base in front of one
    // would be doubled, or lead out of the site.
    if written == "site.baseurl" {
        return Some(String::new());
    }
    if let Some(key) = written.strip_prefix("site.") {
        return printed(lookup(Some(&expander.site.config), key)?);
    }
    if let Some(key) = written.strip_prefix("page.") {
        if key == "url" {
            return Some(expander.page.route.to_owned());
        }
        if key == "date" && !expander.page.front_matter.fields.contains_key("date") {
            // A post's date is its file name's when the front matter has none.
            let stem = expander.page.path.file_stem()?.to_string_lossy();
            return crate::read::file_names::split_jekyll_stem(&stem)
                .0
                .map(|date| date.to_string());
        }
        return super::front_matter_text(expander.page.front_matter, key);
    }
    None
}

/// Jekyll's and Liquid's filters a post's output uses; `None` for another.
fn apply_filter(name: &str, value: String, arguments: &[String]) -> Option<String> {
    let first = || arguments.first().cloned().unwrap_or_default();
    Some(match name {
        // Quire puts every site path under the hosting base itself, and links to the site's own
        // pages work on any host only as site paths.
        "relative_url" | "absolute_url" => {
            if value.contains("://") || value.starts_with('/') || value.starts_with('#') {
                value
            } else {
                format!("/{value}")
            }
        }
        "escape" | "xml_escape" | "escape_once" => quire_model::escape::xml_escape(&value),
        "upcase" => value.to_uppercase(),
        "downcase" => value.to_lowercase(),
        "capitalize" => {
            let mut chars = value.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        }
        "strip" => value.trim().to_owned(),
        "strip_html" => super::embed::inline_text(&value),
        "default" if value.is_empty() || value == "false" => first(),
        "default" => value,
        "prepend" => first() + &value,
        "append" => value + &first(),
        "remove" => value.replace(&first(), ""),
        "replace" => value.replace(&first(), arguments.get(1).map_or("", String::as_str)),
        "slugify" => quire_model::slugify(&value),
        // Its HTML, since the value may stand inside an HTML block, where markdown is not read.
        "markdownify" => super::embed::inline_markdown(&value),
        "smartify" => value,
        "date_to_string" => format_date(&value, "%d %b %Y")?,
        "date_to_long_string" => format_date(&value, "%d %B %Y")?,
        "date" => format_date(&value, &first())?,
        "size" => value.chars().count().to_string(),
        _ => return None,
    })
}

/// A date (`2024-01-05`, or with a time) in a strftime `format` (`%B %-d, %Y`), for the filters
/// themes use; `None` for a value that is no date.
fn format_date(value: &str, format: &str) -> Option<String> {
    let (date, _) = quire_model::timestamp::parse_timestamp(value.trim()).ok()?;
    let mut out = String::with_capacity(format.len() + 8);
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut directive = chars.next();
        let unpadded = directive == Some('-');
        if unpadded {
            directive = chars.next();
        }
        let number = |value: u16, width: usize| {
            if unpadded {
                value.to_string()
            } else {
                format!("{value:0width$}")
            }
        };
        match directive {
            Some('Y') => out.push_str(&date.year().to_string()),
            Some('y') => out.push_str(&number(date.year() % 100, 2)),
            Some('m') => out.push_str(&number(date.month().into(), 2)),
            Some('d') => out.push_str(&number(date.day().into(), 2)),
            Some('e') => out.push_str(&format!("{:>2}", date.day())),
            Some('B') => out.push_str(date.month_name()),
            Some('b' | 'h') => out.push_str(date.month_abbreviation()),
            Some('A') => out.push_str(date.weekday_name()),
            Some('a') => out.push_str(&date.weekday_name()[..3]),
            Some('F') => out.push_str(&date.to_string()),
            Some('%') => out.push('%'),
            // A time, or a directive this does not know: the date has none of it to give.
            _ => {}
        }
    }
    Some(out)
}

/// `highlight`'s language and options (`ruby linenos`, `mark_lines="1 2"`) as a fence's info.
fn highlight_info(markup: &str) -> String {
    let args = args::parse(markup, false);
    let language = args.positional.first().cloned().unwrap_or_default();
    let mut options = Vec::new();
    if args.named("linenos").is_some() {
        options.push("linenos=true".to_owned());
    }
    if let Some(marked) = args.named("mark_lines") {
        options.push(format!(
            "hl_lines=[{}]",
            marked.split_whitespace().collect::<Vec<_>>().join(",")
        ));
    }
    if options.is_empty() {
        language
    } else {
        format!("{language} {{{}}}", options.join(","))
    }
}

/// Code as shown: without `{% raw %}` and `{% endraw %}`, which only keep Liquid from running.
pub(crate) fn without_raw_markers(code: &str) -> Cow<'_, str> {
    if !code.contains("raw") || !code.contains("{%") {
        return Cow::Borrowed(code);
    }
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("{%") {
        out.push_str(&rest[..at]);
        match read_tag(super::tag_window(rest, at), at) {
            Some(tag) if matches!(tag.name, "raw" | "endraw") => rest = &rest[tag.end..],
            _ => {
                out.push_str("{%");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
