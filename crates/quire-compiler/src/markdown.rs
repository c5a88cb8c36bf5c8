//! Markdown to sanitised HTML, with heading anchors, a table of contents and the plain text that
//! word counts and summaries are computed from.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use quire_model::{TocEntry, slugify};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::escape::xml_escape;

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
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for inner in parser.by_ref() {
                    match inner {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(text) => code.push_str(&text),
                        _ => {}
                    }
                }
                plain_text.push_str(&code);
                plain_text.push(' ');
                events.push(Event::Html(CowStr::from(highlight(&code, &language))));
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
    // Every article's HTML and text are kept until the whole site is assembled, so none of them
    // keeps its growth slack.
    let mut html = sanitize(&unsafe_html);
    html.shrink_to_fit();
    let mut plain_text = collapse_whitespace(&plain_text);
    plain_text.shrink_to_fit();
    Rendered {
        html,
        toc,
        plain_text,
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

/// Classes highlighting emits all start with this, so the sanitiser can tell them apart.
const HIGHLIGHT_CLASS_PREFIX: &str = "hl-";

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// A code block as `<pre><code class="language-x">` with classed spans; unknown languages are
/// escaped as plain text. The code is text to syntect, so the output has no author markup.
fn highlight(code: &str, language: &str) -> String {
    let language: String = language
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#'))
        .collect::<String>()
        .to_ascii_lowercase();
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{language}\"")
    };
    let syntax = (!language.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(&language))
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
    format!("<pre><code{class}>{inner}</code></pre>\n")
}

/// Whether a class token may stay on an element: only the classes our own rendering emits.
fn is_allowed_class(element: &str, class: &str) -> bool {
    let is_word = |text: &str| {
        !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#'))
    };
    match element {
        "span" => class
            .strip_prefix(HIGHLIGHT_CLASS_PREFIX)
            .is_some_and(is_word),
        "code" => class.strip_prefix("language-").is_some_and(is_word),
        "a" => class == "heading-anchor",
        "div" => class == "footnote-definition",
        "sup" => matches!(class, "footnote-reference" | "footnote-definition-label"),
        _ => false,
    }
}

/// The allow-list: ammonia's defaults (no script, no event handlers, only safe URL schemes) plus
/// the attributes our own rendering needs for anchors, footnotes, highlighting and task lists.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    for tag in ["h1", "h2", "h3", "h4", "h5", "h6", "div", "sup", "li"] {
        builder.add_tag_attributes(tag, ["id"]);
    }
    for tag in ["span", "code", "a", "div", "sup"] {
        builder.add_tag_attributes(tag, ["class"]);
    }
    builder
        .add_tags(["input"])
        // Task-list boxes are the only inputs: whatever an author writes becomes a disabled
        // checkbox (found by the XSS corpus: `type` was allowed with any value).
        .add_tag_attributes("input", ["checked"])
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .add_tag_attributes("img", ["loading", "width", "height"])
        .add_tag_attributes("a", ["aria-label"])
        .link_rel(Some("noopener noreferrer"))
        .set_tag_attribute_value("img", "loading", "lazy")
        .attribute_filter(|element, attribute, value| {
            if attribute != "class" {
                return Some(Cow::Borrowed(value));
            }
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|class| is_allowed_class(element, class))
                .collect();
            (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
        });
    builder
});

fn sanitize(unsafe_html: &str) -> String {
    SANITIZER.clean(unsafe_html).to_string()
}

/// Puts the site paths authors link to (`/insights/x`, `/img/a.png`) under the hosting base, so
/// a site built with `BASE=/blog/` never links out of it. Runs on sanitised HTML.
pub fn rebase_links(html: String, base: &quire_model::routes::SiteBase) -> String {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    if base.prefix().is_empty() {
        return html;
    }
    let rebase = |el: &mut lol_html::html_content::Element<'_, '_>, attribute: &str| {
        if let Some(value) = el.get_attribute(attribute) {
            let rebased = base.href(&value);
            if rebased != value {
                el.set_attribute(attribute, &rebased)?;
            }
        }
        Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
    };
    rewrite_str(
        &html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("a[href]", |el| rebase(el, "href")),
                element!("img[src]", |el| rebase(el, "src")),
            ],
            ..RewriteStrSettings::new()
        },
    )
    // The input is the sanitiser's own well-formed output; should lol_html still refuse it,
    // the unrebased links are the safe fallback.
    .unwrap_or(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_in_bodies_move_under_the_hosting_base() {
        let html = render("[a](/insights/x) [b](https://example.com/y) [c](#top) ![d](/img/d.png) [e](//cdn.example/z)").html;
        let base = quire_model::routes::SiteBase::new("/blog/");
        let rebased = rebase_links(html.clone(), &base);
        assert!(rebased.contains("href=\"/blog/insights/x\""), "{rebased}");
        assert!(rebased.contains("src=\"/blog/img/d.png\""), "{rebased}");
        assert!(rebased.contains("href=\"https://example.com/y\""));
        assert!(rebased.contains("href=\"#top\""));
        assert!(rebased.contains("href=\"//cdn.example/z\""));
        assert_eq!(
            rebase_links(html.clone(), &quire_model::routes::SiteBase::default()),
            html
        );
    }

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
