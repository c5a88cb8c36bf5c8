//! Hostile markup in article bodies comes out inert: a corpus of XSS vectors (one per line, and the
//! whole file as one document) goes through the real markdown renderer and sanitiser, and every
//! tag in the output is checked for scripts, event handlers, dangerous URLs and inline styles.
//! The same vectors go through each generator's template syntax (shortcode arguments, config and
//! front-matter values, component attributes). The corpus lives in `fixtures/xss-vectors.txt` and
//! grows with every bug.

use std::path::Path;

use quire_compiler::generator::Generator;
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
            if !is_safe_address(&compact) {
                problems.push(format!("dangerous url in {tag}"));
            }
        }
    }
    problems
}

/// Whether a URL (whitespace and controls removed, as a browser does) leads nowhere but to a
/// page: no scheme at all (a path, relative or not, a fragment), or http, https or mailto. A
/// scheme is what the URL standard reads as one: letters, digits, `+`, `-` and `.` before the
/// first `:`, ahead of any `/`, `?` or `#`; `a%20b=javascript:x` is a relative path.
fn is_safe_address(url: &str) -> bool {
    let decoded = url
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let before_path = decoded.split(['/', '?', '#']).next().unwrap_or_default();
    let Some((scheme, _)) = before_path.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    !is_scheme || ["http", "https", "mailto"].contains(&scheme)
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

/// A post of `generator`'s site, its body rendered as a reader gets it, with `value` as the
/// config's `value`, the front matter's `value` and the site's `params.value`.
fn render_template(generator: Generator, file: &str, body: &str, value: &str) -> String {
    use quire_compiler::read::front_matter::{self, Value};
    use quire_compiler::template::{PageContext, TemplateSite, expand};
    let quoted = serde_json::to_string(value).unwrap();
    let text = format!("---\ntitle: T\nvalue: {quoted}\nparams:\n  value: {quoted}\n---\n");
    let front_matter = front_matter::parse(&front_matter::split(&text).unwrap()).unwrap();
    let site = TemplateSite::with_config(generator, Value::Map(front_matter.fields.clone()));
    let page = PageContext {
        path: Path::new(file),
        front_matter: &front_matter,
        route: "/insights/t",
        imports: &[],
    };
    let expanded = expand(body, &page, &site);
    quire_compiler::markdown::render_with(
        &expanded.markdown,
        &quire_compiler::markdown::Extras {
            blocks: &expanded.blocks,
            math: expanded.math,
        },
    )
    .html
}

#[test]
fn every_vector_renders_inert_through_every_generators_templates() {
    for vector in VECTORS.lines().filter(|line| !line.trim().is_empty()) {
        let quoted = vector.replace('"', "\\\"");
        let cases = [
            (
                Generator::Hugo,
                "a.md",
                format!(
                    "{{{{< figure src=\"{quoted}\" link=\"{quoted}\" alt=\"{quoted}\" title=\"{quoted}\" \
                     caption=\"{quoted}\" attr=\"{quoted}\" attrlink=\"{quoted}\" >}}}}\n\n\
                     {{{{< details summary=\"{quoted}\" >}}}}\n{vector}\n{{{{< /details >}}}}\n\n\
                     {{{{< youtube id=\"{quoted}\" title=\"{quoted}\" >}}}}\n\n{{{{< param value >}}}}\n\n\
                     {{{{< mine arg=\"{quoted}\" >}}}}{vector}{{{{< /mine >}}}}"
                ),
            ),
            (
                Generator::Jekyll,
                "a.md",
                "{{ site.value }} {{ page.value | relative_url }} [x]({{ page.value }})\n\n{% highlight html %}\n{{ page.value }}\n{% endhighlight %}".to_owned(),
            ),
            (
                Generator::Zola,
                "a.md",
                format!("{{% note(title=\"{quoted}\") %}}\n{vector}\n{{% end %}}\n\n{{{{ youtube(id=\"{quoted}\") }}}}"),
            ),
            (
                Generator::Astro,
                "a.mdx",
                format!("{{frontmatter.value}}\n\n<Callout title=\"{quoted}\">\n{vector}\n</Callout>\n\n<YouTube id=\"{quoted}\" />"),
            ),
        ];
        for (generator, file, body) in cases {
            let html = render_template(generator, file, &body, vector);
            let found = problems(&html);
            assert!(
                found.is_empty(),
                "{generator:?} with {vector:?} rendered as {html:?}: {found:?}"
            );
        }
    }
}
