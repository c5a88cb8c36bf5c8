//! Hostile markup in article bodies comes out inert: a corpus of XSS vectors (one per line, and the
//! whole file as one document) goes through the real markdown renderer and sanitiser, and every
//! tag in the output is checked for scripts, event handlers, dangerous URLs and inline styles.
//! The corpus lives in `fixtures/xss-vectors.txt` and grows with every bug.

use quire_compiler::markdown::render;

const VECTORS: &str = include_str!("fixtures/xss-vectors.txt");

/// Elements that can run code, load other documents or restyle the page; none may survive.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "style",
    "link",
    "base",
    "meta",
    "form",
    "button",
    "textarea",
    "select",
    "option",
    "svg",
    // MathML's presentation elements are allowed; these are where it can carry HTML or script.
    "semantics",
    "annotation-xml",
    "annotation",
    "maction",
    "mglyph",
    "malignmark",
    "template",
    "portal",
    "picture",
    "body",
    "html",
    "head",
    "marquee",
    "xss",
    "plaintext",
    "noscript",
    "noembed",
    "xmp",
    "isindex",
    "keygen",
    "title",
];

/// The tags in serialised HTML: text `<` is always escaped by the sanitiser, so every literal `<`
/// starts a tag.
fn tags(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |end| start + end + 1);
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

fn attribute_values<'a>(tag: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = tag;
    while let Some(start) = rest.find(&needle) {
        let value_start = start + needle.len();
        let value_end = rest[value_start..]
            .find('"')
            .map_or(rest.len(), |end| value_start + end);
        values.push(&rest[value_start..value_end]);
        rest = &rest[value_end..];
    }
    values
}

fn problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for tag in tags(html) {
        let lower = tag.to_ascii_lowercase();
        let name: String = lower
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
            problems.push(format!("forbidden element in {tag}"));
        }
        let is_opening = !tag.starts_with("</");
        if matches!(name.as_str(), "video" | "audio")
            && is_opening
            && !lower.contains("controls=\"\"")
        {
            problems.push(format!("media without controls in {tag}"));
        }
        if matches!(name.as_str(), "video" | "audio" | "source")
            && attribute_values(&lower, "src")
                .iter()
                .any(|src| src.starts_with("http:"))
        {
            problems.push(format!("media over plain http in {tag}"));
        }
        if name == "input" && !lower.contains("type=\"checkbox\"") {
            problems.push(format!("non-checkbox input in {tag}"));
        }
        // Attribute names only: a value is text (the sanitiser double-quotes every one).
        let names_only: String = lower.split('"').step_by(2).collect::<Vec<_>>().join("\"\"");
        for attribute in names_only.split_ascii_whitespace().skip(1) {
            if attribute.starts_with("on") && attribute.contains('=') {
                problems.push(format!("event handler in {tag}"));
            }
            if attribute.starts_with("style=")
                || attribute.starts_with("srcset=")
                || attribute.starts_with("formaction=")
            {
                problems.push(format!("unsafe attribute in {tag}"));
            }
        }
        for url in [
            "href",
            "src",
            "action",
            "poster",
            "background",
            "data",
            "ping",
            "xlink:href",
        ]
        .iter()
        .flat_map(|name| attribute_values(&lower, name))
        {
            let compact: String = url
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            let scheme_ok = !compact.contains(':')
                || ["http:", "https:", "mailto:"]
                    .iter()
                    .any(|scheme| compact.starts_with(scheme))
                || compact.starts_with('#')
                || compact.starts_with('/');
            if !scheme_ok
                || compact.contains("javascript")
                || compact.contains("vbscript")
                || compact.starts_with("data")
            {
                problems.push(format!("dangerous url in {tag}"));
            }
        }
    }
    problems
}

#[test]
fn the_corpus_is_large_enough_to_mean_something() {
    let vectors = VECTORS
        .lines()
        .filter(|line| !line.trim().is_empty())
        .count();
    assert!(vectors >= 100, "only {vectors} vectors");
}

#[test]
fn every_vector_renders_inert_on_its_own() {
    for vector in VECTORS.lines().filter(|line| !line.trim().is_empty()) {
        let html = render(vector).html;
        let found = problems(&html);
        assert!(
            found.is_empty(),
            "vector {vector:?} rendered as {html:?}: {found:?}"
        );
    }
}

#[test]
fn the_whole_corpus_renders_inert_as_one_document() {
    let html = render(VECTORS).html;
    let found = problems(&html);
    assert!(found.is_empty(), "{found:#?}");
    assert!(
        html.contains("<img src=\"x\""),
        "sanitising keeps the harmless parts: {html}"
    );
}

#[test]
fn the_checker_itself_catches_what_it_must() {
    for unsafe_html in [
        "<script>x</script>",
        "<img src=\"x\" onerror=\"y\">",
        "<a href=\"javascript:x\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<div style=\"x\">x</div>",
        "<input type=\"text\">",
        "<svg></svg>",
    ] {
        assert!(
            !problems(unsafe_html).is_empty(),
            "{unsafe_html} passed the checker"
        );
    }
    assert!(
        problems("<p>fine <a href=\"https://example.com\" rel=\"noopener noreferrer\">x</a></p>")
            .is_empty()
    );
}
