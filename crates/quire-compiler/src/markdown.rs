//! Markdown to sanitised HTML, with heading anchors, a table of contents and the plain text that
//! word counts and summaries are computed from.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use quire_model::{TocEntry, slugify};

/// What one markdown document renders to.
#[derive(Debug, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub plain_text: String,
    pub first_paragraph: String,
}

/// The extensions authors get, listed explicitly so an upgrade cannot change them silently.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(markdown: &str) -> Rendered {
    let mut events = Vec::new();
    let mut toc = Vec::new();
    let mut used_ids = HashMap::new();
    let mut plain_text = String::new();
    let mut first_paragraph = String::new();
    let mut paragraph_depth = 0usize;
    let mut first_paragraph_done = false;

    let mut parser = Parser::new_ext(markdown, options());
    while let Some(event) = parser.next() {
        match &event {
            Event::Text(text) | Event::Code(text) => {
                plain_text.push_str(text);
                if paragraph_depth > 0 && !first_paragraph_done {
                    first_paragraph.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                plain_text.push(' ');
                if paragraph_depth > 0 && !first_paragraph_done {
                    first_paragraph.push(' ');
                }
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableCell,
            ) => {
                plain_text.push(' ');
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                events.push(event);
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if !first_paragraph.trim().is_empty() {
                    first_paragraph_done = true;
                }
                events.push(event);
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let inner = collect_heading(&mut parser, &mut plain_text);
                let title = heading_text(&inner);
                let base = id
                    .map(|id| slugify(&id))
                    .filter(|id| !id.is_empty())
                    .unwrap_or_else(|| slugify(&title));
                let base = if base.is_empty() {
                    "section".to_owned()
                } else {
                    base
                };
                let id = unique_id(&mut used_ids, base);
                let mut inner_html = String::new();
                html::push_html(&mut inner_html, inner.into_iter());
                let level_number = heading_level_number(level);
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    toc.push(TocEntry {
                        level: level_number,
                        id: id.clone(),
                        title: title.clone(),
                    });
                }
                events.push(Event::Html(CowStr::from(format!(
                    "<h{level_number} id=\"{id}\">{inner_html} <a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h{level_number}>\n"
                ))));
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                // Raw HTML is kept for the sanitiser to judge; it is not text a reader counts.
                events.push(Event::Html(raw));
            }
            other => events.push(other),
        }
    }

    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    Rendered {
        html: sanitize(&unsafe_html),
        toc,
        plain_text: collapse_whitespace(&plain_text),
        first_paragraph: collapse_whitespace(&first_paragraph),
    }
}

fn collect_heading<'a>(parser: &mut Parser<'a>, plain_text: &mut String) -> Vec<Event<'a>> {
    let mut inner = Vec::new();
    for event in parser.by_ref() {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(ref text) | Event::Code(ref text) => {
                plain_text.push_str(text);
                inner.push(event);
            }
            other => inner.push(other),
        }
    }
    plain_text.push(' ');
    inner
}

fn heading_text(events: &[Event<'_>]) -> String {
    let text: String = events
        .iter()
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect();
    collapse_whitespace(&text)
}

fn heading_level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let count = used.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        base
    } else {
        format!("{base}-{}", *count - 1)
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The allow-list: ammonia's defaults (no script, no event handlers, only safe URL schemes) plus
/// the attributes our own rendering needs for anchors, footnotes, code languages and task lists.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    let with_id = ["h1", "h2", "h3", "h4", "h5", "h6", "div", "sup", "li"];
    for tag in with_id {
        builder.add_tag_attributes(tag, ["id"]);
    }
    builder
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("img", ["loading", "width", "height"])
        .add_tag_attributes("a", ["aria-label"])
        .add_tag_attributes("code", ["data-language"])
        .add_tag_attribute_values("input", "type", ["checkbox"])
        .allowed_classes(HashMap::from([
            (
                "a",
                BTreeSet::from(["heading-anchor"]).into_iter().collect(),
            ),
            (
                "div",
                BTreeSet::from(["footnote-definition"])
                    .into_iter()
                    .collect(),
            ),
            (
                "sup",
                BTreeSet::from(["footnote-reference", "footnote-definition-label"])
                    .into_iter()
                    .collect(),
            ),
        ]))
        .link_rel(Some("noopener noreferrer"))
        .set_tag_attribute_value("img", "loading", "lazy");
    builder
});

fn sanitize(unsafe_html: &str) -> String {
    let code_languages = keep_code_language_classes(unsafe_html);
    let clean = SANITIZER.clean(&code_languages).to_string();
    clean.replace("<code data-language=\"", "<code class=\"language-")
}

/// Code classes vary per language and cannot be listed up front, so `class="language-x"` is moved
/// into a data attribute the sanitiser keeps only when it is a plain word, and moved back after.
fn keep_code_language_classes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(index) = rest.find("<code class=\"language-") {
        out.push_str(&rest[..index]);
        let after = &rest[index + "<code class=\"language-".len()..];
        let language: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'))
            .collect();
        if after[language.len()..].starts_with('"') && !language.is_empty() {
            out.push_str("<code data-language=\"");
            out.push_str(&language);
            rest = &after[language.len()..];
        } else {
            out.push_str("<code class=\"language-");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_extensions_authors_expect() {
        let rendered = render(
            "Intro with ~~old~~ text[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n[^1]: A note.\n",
        );
        assert!(
            rendered.html.contains("<del>old</del>"),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("<table>"), "{}", rendered.html);
        assert!(
            rendered.html.contains("type=\"checkbox\""),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("class=\"footnote-definition\""),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn headings_get_unique_ids_anchors_and_toc_entries() {
        let rendered = render(
            "## Why it broke\n\ntext\n\n### Why it broke\n\n## Fix `now` {#custom}\n\n#### Deep\n",
        );
        let ids: Vec<_> = rendered
            .toc
            .iter()
            .map(|e| (e.level, e.id.as_str(), e.title.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                (2, "why-it-broke", "Why it broke"),
                (3, "why-it-broke-1", "Why it broke"),
                (2, "custom", "Fix now")
            ]
        );
        assert!(rendered.html.contains("<h2 id=\"why-it-broke\">Why it broke <a class=\"heading-anchor\" href=\"#why-it-broke\""), "{}", rendered.html);
        assert!(
            rendered.html.contains("<h4 id=\"deep\">"),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn keeps_code_languages_but_nothing_else_in_classes() {
        let rendered = render("```rust\nfn main() {}\n```\n\n<p class=\"evil\">x</p>\n");
        assert!(
            rendered.html.contains("<code class=\"language-rust\">"),
            "{}",
            rendered.html
        );
        assert!(!rendered.html.contains("evil"), "{}", rendered.html);
    }

    #[test]
    fn strips_scripts_handlers_and_dangerous_urls() {
        let hostile = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n<a href=\"JaVaScRiPt:alert(1)\">x</a>\n\n<iframe src=\"https://example.com\"></iframe>\n\n<svg><script>alert(1)</script></svg>\n";
        let html = render(hostile).html.to_lowercase();
        for forbidden in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "<svg",
            "alert(1)</script",
        ] {
            assert!(!html.contains(forbidden), "{forbidden} survived in {html}");
        }
    }

    #[test]
    fn images_load_lazily() {
        let html = render("![A chart](/img/chart.png)").html;
        assert!(html.contains("loading=\"lazy\""), "{html}");
        assert!(html.contains("alt=\"A chart\""), "{html}");
    }

    #[test]
    fn collects_plain_text_and_the_first_paragraph() {
        let rendered = render("## Heading\n\nFirst *para*\ngraph.\n\nSecond one.\n");
        assert_eq!(rendered.first_paragraph, "First para graph.");
        assert_eq!(rendered.plain_text, "Heading First para graph. Second one.");
    }
}
