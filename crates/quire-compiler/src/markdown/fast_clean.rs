//! Sanitises the HTML the markdown renderer writes for an article without raw HTML: byte for byte
//! what ammonia writes for it, in one pass and without building a DOM, or `None` for anything
//! beyond what the renderer writes, which then goes to ammonia.
//!
//! ammonia re-parses every article with html5ever (a sixth of a 10,000-article build's CPU), yet
//! an article without raw HTML holds only markup the renderer wrote itself. The allow-list here is
//! read from the ammonia builder, so the two paths cannot disagree on what is allowed; a policy is
//! used only if both write the same for a canary of every kind of markup the renderer writes
//! (which catches the settings ammonia has no getter for), and a property test in `markdown.rs`
//! compares both paths on new generated markdown on every test run.

use std::borrow::Cow;

use quire_model::swar::{has_byte, has_control, word_at};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// An attribute filter in ammonia's shape: the value to keep, or `None` to drop the attribute.
pub(crate) type AttributeFilter = for<'v> fn(&str, &str, &'v str) -> Option<Cow<'v, str>>;

/// The rules of one ammonia builder, as the fast path applies them.
pub struct Policy {
    tags: HashSet<&'static str>,
    generic_attributes: HashSet<&'static str>,
    tag_attributes: HashMap<&'static str, HashSet<&'static str>>,
    url_schemes: HashSet<&'static str>,
    /// The values the builder forces on a tag, sorted by attribute name: ammonia appends them in
    /// a `HashMap`'s order, which `markdown::sanitize` settles to this one.
    forced_attributes: HashMap<&'static str, Vec<(&'static str, &'static str)>>,
    link_rel: Option<&'static str>,
    attribute_filter: AttributeFilter,
}

impl Policy {
    /// The fast path's copy of `builder`'s rules, with the attribute filter the builder was given
    /// (ammonia cannot hand it back). `None` when the builder uses a rule this module does not
    /// model, which sends every article to ammonia.
    pub fn of(
        builder: &'static ammonia::Builder<'static>,
        attribute_filter: AttributeFilter,
    ) -> Option<Self> {
        let modelled = builder.clone_tag_attribute_values().is_empty()
            && builder.clone_allowed_classes().is_empty()
            && builder.clone_generic_attribute_prefixes().is_none()
            && builder.is_url_relative_pass_through()
            && !builder
                .clone_clean_content_tags()
                .iter()
                .any(|tag| is_rendered_tag(tag));
        if !modelled {
            return None;
        }
        let forced_attributes = builder
            .clone_set_tag_attribute_values()
            .into_iter()
            .map(|(tag, values)| {
                let mut values: Vec<_> = values.into_iter().collect();
                values.sort_unstable();
                (tag, values)
            })
            .collect();
        // Looked up for every tag and attribute of every article: SipHash, which ammonia's sets
        // use, was 1% of a build's instructions.
        Some(Self {
            tags: builder.clone_tags().into_iter().collect(),
            generic_attributes: builder.clone_generic_attributes().into_iter().collect(),
            tag_attributes: builder
                .clone_tag_attributes()
                .into_iter()
                .map(|(tag, attributes)| (tag, attributes.into_iter().collect()))
                .collect(),
            url_schemes: builder.clone_url_schemes().into_iter().collect(),
            forced_attributes,
            link_rel: builder.get_link_rel(),
            attribute_filter,
        })
        .filter(|policy| policy.agrees_on_the_canary(builder))
    }

    /// Whether this copy writes what `builder` does for [`CANARY`]: the check on the settings
    /// ammonia has no getter for (an id prefix, allowed style properties) and on any it gains.
    fn agrees_on_the_canary(&self, builder: &ammonia::Builder<'_>) -> bool {
        clean(self, CANARY).is_some_and(|fast| fast == builder.clean(CANARY).to_string())
    }

    /// The attributes ammonia forces on `tag`, in the order both paths write them.
    pub(crate) fn forced_attributes(&self, tag: &str) -> &[(&'static str, &'static str)] {
        self.forced_attributes.get(tag).map_or(&[], Vec::as_slice)
    }

    fn is_allowed(&self, tag: &str, attribute: &str) -> bool {
        self.generic_attributes.contains(attribute)
            || self
                .tag_attributes
                .get(tag)
                .is_some_and(|allowed| allowed.contains(attribute))
    }

    /// ammonia's URL rule: an absolute URL needs an allowed scheme, a relative one passes, and
    /// anything the URL parser rejects otherwise is dropped.
    fn is_allowed_url(&self, value: &str) -> bool {
        match url::Url::parse(value) {
            Ok(url) => self.url_schemes.contains(url.scheme()),
            Err(url::ParseError::RelativeUrlWithoutBase) => true,
            Err(_) => false,
        }
    }
}

/// Markup of every kind the renderer writes (heading ids and anchors, links, images, code with
/// highlighting, tables, lists, footnotes, quotes, breaks): a policy is used only if the fast path
/// writes for it exactly what the builder does.
const CANARY: &str = concat!(
    "<h2 id=\"why\">Why <a class=\"heading-anchor\" href=\"#why\" aria-label=\"Link\">#</a></h2>\n",
    "<p><em>a</em> <strong>b</strong> <del>c</del> <code>d &amp; e</code> ",
    "<a href=\"https://example.com/a?b=c&amp;d=e\" title=\"t\">f</a> ",
    "<img src=\"/img/a.png\" alt=\"g\" width=\"2\" height=\"1\"><sup class=\"footnote-reference\" id=\"r1\">",
    "<a href=\"#n1\">1</a></sup><br>\nh</p>\n",
    "<pre><code class=\"language-rust\"><span class=\"hl-source\">fn</span> &lt;x&gt;\n</code></pre>\n",
    "<table><thead><tr><th>i</th></tr></thead><tbody><tr><td>j</td></tr></tbody></table>\n",
    "<ul><li>k</li></ul>\n<ol start=\"2\"><li id=\"n1\"><p>l</p></li></ol>\n",
    "<blockquote>\n<p>m</p>\n</blockquote>\n<hr>\n<h3 id=\"x\">n</h3>\n",
);

/// Tags the renderer writes. Anything else declines the fast path.
fn is_rendered_tag(name: &str) -> bool {
    is_phrasing(name)
        || holds_blocks(name)
        || matches!(
            name,
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "hr"
        )
}

fn is_phrasing(name: &str) -> bool {
    matches!(
        name,
        "a" | "em" | "strong" | "del" | "code" | "span" | "sup" | "img" | "br" | "input"
    )
}

fn is_void(name: &str) -> bool {
    matches!(name, "br" | "hr" | "img" | "input")
}

/// Elements whose content html5ever would move elsewhere (foster parenting) unless it is the
/// next table part or whitespace.
fn is_table_part(name: &str) -> bool {
    matches!(name, "table" | "thead" | "tbody" | "tr")
}

/// Elements a block may open inside without html5ever closing anything first.
fn holds_blocks(name: &str) -> bool {
    matches!(
        name,
        "blockquote"
            | "ul"
            | "ol"
            | "li"
            | "div"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "th"
            | "td"
    )
}

/// Whether html5ever, opening `child` where `open` are the open elements, would put it exactly
/// there. The renderer's output always qualifies; anything else declines the fast path.
fn nests_as_written(open: &[&str], child: &str) -> bool {
    let parent = open.last().copied();
    if let Some(parent) = parent.filter(|parent| is_table_part(parent)) {
        return matches!(
            (parent, child),
            ("table", "thead" | "tbody") | ("thead" | "tbody", "tr") | ("tr", "th" | "td")
        );
    }
    match child {
        "thead" | "tbody" | "tr" | "th" | "td" => false,
        "li" => matches!(parent, Some("ul" | "ol")),
        // Links do not nest: html5ever closes the outer one.
        "a" => !open.contains(&"a"),
        _ if is_phrasing(child) => true,
        // A block closes an open paragraph (and, in a heading or a link, would be misplaced).
        _ => open.iter().all(|open| holds_blocks(open)),
    }
}

/// What text decodes to, or `None` for anything but the entities the renderer writes.
fn decode_entity(rest: &str) -> Option<(char, usize)> {
    const ENTITIES: [(&str, char); 7] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
        ("&apos;", '\''),
    ];
    ENTITIES
        .iter()
        .find(|(entity, _)| rest.starts_with(entity))
        .map(|&(entity, character)| (character, entity.len()))
}

// Text is read eight bytes at a time while none of them needs a look of its own: prose is most of
// an article, and reading it a byte at a time was 7% of a build's instructions (callgrind, 1,000
// articles; 1.52 -> 1.47 G in all).

/// Appends `text` escaped as html5ever's serialiser does: `&`, `<`, `>` and no-break spaces, and
/// in attribute values also `"`. Scans bytes: every special byte is ASCII or the lead byte of a
/// no-break space, so the runs between them are whole characters.
fn push_escaped(out: &mut String, text: &str, in_attribute: bool) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    let mut index = 0;
    while index < bytes.len() {
        if let Some(word) = word_at(bytes, index)
            && !has_byte(word, b'&')
            && !has_byte(word, b'<')
            && !has_byte(word, b'>')
            && !has_byte(word, 0xC2)
            && !(in_attribute && has_byte(word, b'"'))
        {
            index += 8;
            continue;
        }
        let (replacement, length) = match bytes[index] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' if in_attribute => ("&quot;", 1),
            0xC2 if bytes.get(index + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                index += 1;
                continue;
            }
        };
        out.push_str(&text[run_start..index]);
        out.push_str(replacement);
        index += length;
        run_start = index;
    }
    out.push_str(&text[run_start..]);
}

/// Decodes text or an attribute value up to (not including) the first `stop` byte.
/// `None` for an unknown entity or a character html5ever would rewrite (CR, NUL, controls).
fn decode_until(input: &str, stop: u8) -> Option<(Cow<'_, str>, usize)> {
    let bytes = input.as_bytes();
    let mut decoded: Option<String> = None;
    let mut run_start = 0;
    let mut index = 0;
    while index < bytes.len() {
        if let Some(word) = word_at(bytes, index)
            && !has_byte(word, stop)
            && !has_byte(word, b'&')
            && !has_byte(word, 0x7f)
            && !has_control(word)
        {
            index += 8;
            continue;
        }
        match bytes[index] {
            byte if byte == stop => break,
            b'&' => {
                let (character, length) = decode_entity(&input[index..])?;
                let buffer = decoded.get_or_insert_with(String::new);
                buffer.push_str(&input[run_start..index]);
                buffer.push(character);
                index += length;
                run_start = index;
            }
            b'\t' | b'\n' => index += 1,
            0..0x20 | 0x7f => return None,
            _ => index += 1,
        }
    }
    let text = match decoded {
        Some(mut buffer) => {
            buffer.push_str(&input[run_start..index]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(&input[..index]),
    };
    Some((text, index))
}

fn tag_name(input: &str) -> Option<&str> {
    let length = input
        .bytes()
        .position(|byte| !byte.is_ascii_lowercase() && !byte.is_ascii_digit())
        .unwrap_or(input.len());
    (length > 0 && input.as_bytes()[0].is_ascii_lowercase()).then(|| &input[..length])
}

struct StartTag<'a> {
    name: &'a str,
    attributes: Vec<(&'a str, Cow<'a, str>)>,
    /// Bytes of input the tag took, from `<` to `>`.
    length: usize,
}

/// Reads `<name attr="value" ...>` (with `/>` on void elements, as the renderer writes them).
fn read_start_tag(input: &str) -> Option<StartTag<'_>> {
    let name = tag_name(&input[1..])?;
    let mut at = 1 + name.len();
    let mut attributes: Vec<(&str, Cow<'_, str>)> = Vec::new();
    loop {
        let rest = &input[at..];
        if rest.starts_with('>') {
            return Some(StartTag {
                name,
                attributes,
                length: at + 1,
            });
        }
        if let Some(after) = rest.strip_prefix(" />").or_else(|| rest.strip_prefix("/>")) {
            let length = input.len() - after.len();
            return is_void(name).then_some(StartTag {
                name,
                attributes,
                length,
            });
        }
        let rest = rest.strip_prefix(' ')?;
        let name_length = rest
            .bytes()
            .position(|byte| !byte.is_ascii_lowercase() && byte != b'-')
            .unwrap_or(rest.len());
        let attribute = &rest[..name_length];
        let value_start = rest[name_length..].strip_prefix("=\"")?;
        if attribute.is_empty() || attributes.iter().any(|(seen, _)| *seen == attribute) {
            return None;
        }
        let (value, value_length) = decode_until(value_start, b'"')?;
        if value_start.as_bytes().get(value_length) != Some(&b'"') {
            return None;
        }
        attributes.push((attribute, value));
        at = input.len() - value_start.len() + value_length + 1;
    }
}

/// The attributes ammonia keeps on a start tag, in the order it writes them: the allowed ones
/// (URLs checked), forced values, `rel` on links, then the attribute filter, whose dropped
/// attributes ammonia removes with `swap_remove`, last first.
fn sanitised_attributes<'a>(
    policy: &Policy,
    tag: &str,
    attributes: Vec<(&'a str, Cow<'a, str>)>,
) -> Vec<(&'a str, Cow<'a, str>)> {
    let mut kept: Vec<(&str, Cow<'_, str>)> = attributes
        .into_iter()
        .filter(|(name, value)| {
            // Of the attributes ammonia treats as URLs, the rendered tags carry only these two.
            policy.is_allowed(tag, name)
                && (!matches!(*name, "href" | "src") || policy.is_allowed_url(value))
        })
        .collect();
    for &(name, value) in policy.forced_attributes(tag) {
        match kept.iter_mut().find(|(kept_name, _)| *kept_name == name) {
            Some((_, kept_value)) => *kept_value = Cow::Borrowed(value),
            None => kept.push((name, Cow::Borrowed(value))),
        }
    }
    if tag == "a"
        && let Some(rel) = policy.link_rel
    {
        kept.push(("rel", Cow::Borrowed(rel)));
    }
    let mut dropped = Vec::new();
    for (index, (name, value)) in kept.iter_mut().enumerate() {
        match (policy.attribute_filter)(tag, name, value) {
            Some(Cow::Borrowed(same)) if same == value.as_ref() => {}
            Some(filtered) => *value = Cow::Owned(filtered.into_owned()),
            None => dropped.push(index),
        }
    }
    for index in dropped.into_iter().rev() {
        kept.swap_remove(index);
    }
    kept
}

/// The sanitised HTML, or `None` if `html` holds anything the renderer does not write.
pub(crate) fn clean(policy: &Policy, html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut open: Vec<&str> = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let rest = &html[at..];
        if let Some(closing) = rest.strip_prefix("</") {
            let name = tag_name(closing)?;
            if closing.as_bytes().get(name.len()) != Some(&b'>') || open.pop() != Some(name) {
                return None;
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
            at += 2 + name.len() + 1;
        } else if rest.starts_with('<') {
            let tag = read_start_tag(rest)?;
            if !is_rendered_tag(tag.name) || !policy.tags.contains(tag.name) {
                return None;
            }
            if !nests_as_written(&open, tag.name) {
                return None;
            }
            out.push('<');
            out.push_str(tag.name);
            for (name, value) in sanitised_attributes(policy, tag.name, tag.attributes) {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                push_escaped(&mut out, &value, true);
                out.push('"');
            }
            out.push('>');
            at += tag.length;
            // html5ever drops a newline right after `<pre>`; the renderer never writes one.
            if tag.name == "pre" && html[at..].starts_with('\n') {
                return None;
            }
            if !is_void(tag.name) {
                open.push(tag.name);
            }
        } else {
            let (text, length) = decode_until(rest, b'<')?;
            let in_table_part = open.last().is_some_and(|parent| is_table_part(parent));
            if in_table_part && !text.bytes().all(|byte| byte.is_ascii_whitespace()) {
                return None;
            }
            push_escaped(&mut out, &text, false);
            at += length;
        }
    }
    open.is_empty().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Text of mostly plain runs with the bytes the loops act on scattered through it.
        #[test]
        fn text_reads_as_a_byte_at_a_time(text in "([a-z ]{0,12}(&amp;|&lt;|<|>|\"|\u{a0}|\t|\n|\r|\u{7f}|é)?){0,12}") {
            let stop = text.find('<').unwrap_or(text.len());
            let by_byte = if text[..stop].bytes().any(|b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f) {
                None
            } else {
                Some(text[..stop].replace("&amp;", "&").replace("&lt;", "<"))
            };
            let decoded = decode_until(&text, b'<').map(|(decoded, length)| {
                assert_eq!(length, stop);
                decoded.into_owned()
            });
            proptest::prop_assert_eq!(&decoded, &by_byte);

            let mut escaped = String::new();
            push_escaped(&mut escaped, &text, true);
            let expected = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\u{a0}', "&nbsp;");
            proptest::prop_assert_eq!(escaped, expected);
        }
    }
}
