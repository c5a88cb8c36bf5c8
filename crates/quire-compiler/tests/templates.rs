//! Whole builds of small Hugo, Jekyll, Zola and Astro sites whose posts use their generator's
//! template syntax (`tests/fixtures/templates/`): what each construct becomes in the published
//! body, that none of the syntax is left for a reader, and what the build's summary says.

use std::fs;
use std::path::{Path, PathBuf};

use quire_compiler::{Options, Report, build};
use quire_model::{Date, Manifest};

fn site(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/templates")
        .join(name)
}

struct Built {
    report: Report,
    manifest: Manifest,
    root: tempfile::TempDir,
}

impl Built {
    fn of(name: &str) -> Self {
        let root = tempfile::tempdir().unwrap();
        let options = Options::new(
            site(name),
            root.path().join("bundle"),
            Date::parse("2026-11-21").unwrap(),
        );
        let report = build(&options).unwrap_or_else(|error| panic!("{name}: {error:?}"));
        let manifest =
            serde_json::from_slice(&fs::read(root.path().join("bundle/manifest.json")).unwrap())
                .unwrap();
        Self {
            report,
            manifest,
            root,
        }
    }

    /// An article's body HTML, from its body file.
    fn body(&self, slug: &str) -> String {
        let folder = self.root.path().join("bundle/articles");
        let file = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| {
                let name = path.file_name().unwrap().to_string_lossy();
                name.starts_with(&format!("{slug}."))
            })
            .unwrap_or_else(|| panic!("no body for {slug}"));
        let body: quire_model::ArticleBody =
            serde_json::from_slice(&fs::read(file).unwrap()).unwrap();
        body.html
    }

    fn summary(&self, slug: &str) -> String {
        self.manifest
            .latest
            .iter()
            .find(|article| article.slug == slug)
            .unwrap_or_else(|| panic!("no summary for {slug}"))
            .summary
            .clone()
    }

    fn warnings(&self) -> Vec<String> {
        self.report
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}

/// `html` without what is inside `<pre>` and `<code>`.
fn outside_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let skipped = ["pre", "code"].iter().find_map(|name| {
            tail.starts_with(&format!("<{name}"))
                .then(|| {
                    tail.find(&format!("</{name}>"))
                        .map(|end| end + name.len() + 3)
                })
                .flatten()
        });
        match skipped {
            Some(end) => rest = &tail[end..],
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn assert_no_template_syntax(html: &str) {
    let shown = outside_code(html);
    for syntax in [
        "{{<", "{{%", "{%", "{{ site.", "{{ page.", "href=\"@", "&lt;img", "\\(", "$$",
    ] {
        assert!(
            !shown.contains(syntax),
            "{syntax} reaches a reader in {html}"
        );
    }
}

#[test]
fn hugos_shortcodes_render_and_the_summary_counts_them() {
    let built = Built::of("hugo");
    let html = built.body("embeds-and-math");
    assert_no_template_syntax(&html);
    for expected in [
        "written by Rosa Lindqvist for the platform team",
        "<a class=\"embed-card\" href=\"https://www.youtube.com/watch?v=ZJthWmvUzzc\"",
        "A talk on build caches",
        "href=\"https://gist.github.com/spf13/7896402#file-img-html\"",
        "href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\"",
        "<figure><img src=\"/img/chart.png\" alt=\"Queue depth over a day\"",
        "<figcaption><p>Queue depth, <em>sampled</em> each minute</p></figcaption>",
        "<details><summary>How the budget was measured</summary>",
        "<strong>every</strong>",
        "<math display=\"block\">",
        "<pre><code class=\"language-go\">",
        "code-line code-line-marked",
        "&lt;b&gt;",
        "href=\"/insights/follow-up/#results\"",
        "A callout the site defines itself keeps its text.",
        "<code>{{&lt; youtube id &gt;}}</code>",
    ] {
        assert!(html.contains(expected), "{expected} not in {html}");
    }
    assert!(
        !html.contains("<iframe") && !html.contains("<aside"),
        "{html}"
    );
    assert!(
        built
            .body("follow-up")
            .contains("href=\"/insights/embeds-and-math/\""),
        "relref from the content root"
    );
    let summary = built.summary("embeds-and-math");
    assert!(
        summary.starts_with("Every construct in this post"),
        "{summary}"
    );
    assert!(
        !summary.contains('{') && !summary.contains('<'),
        "{summary}"
    );

    let migration = built.report.migration.as_ref().unwrap();
    let rendered: Vec<(&str, usize)> = migration
        .templates_rendered
        .iter()
        .map(|(name, count)| (name.as_str(), *count))
        .collect();
    assert_eq!(
        rendered,
        [
            ("details", 1),
            ("figure", 1),
            ("gist", 1),
            ("highlight", 1),
            ("math", 2),
            ("param", 2),
            ("ref", 1),
            ("relref", 1),
            ("x", 1),
            ("youtube", 1)
        ]
    );
    let unrendered: Vec<&str> = migration
        .templates_unrendered
        .iter()
        .map(|(name, at, _)| {
            assert!(at.ends_with("posts/embeds-and-math.md:35"), "{at}");
            name.as_str()
        })
        .collect();
    assert_eq!(unrendered, ["{{< callout >}}"]);
    let warnings = built.warnings();
    let callout: Vec<&String> = warnings.iter().filter(|w| w.contains("callout")).collect();
    assert_eq!(callout.len(), 1, "{warnings:?}");
    assert!(
        callout[0].contains("embeds-and-math.md:35: warning: {{< callout >}} is the site's own"),
        "{callout:?}"
    );
}

#[test]
fn jekylls_liquid_renders_from_the_config_the_front_matter_and_includes() {
    let built = Built::of("jekyll");
    let html = built.body("liquid-tags");
    assert_no_template_syntax(&html.replace("Liquid shown as written: {{ page.title }}", ""));
    for expected in [
        "This post on Liquid Field Notes is kept at <a href=\"https://github.com/rosa/liquid-notes\"",
        "<pre><code class=\"language-ruby\"><span class=\"code-line\" data-line=\"1\">",
        "&lt;b&gt;",
        "Liquid shown as written: {{ page.title }}",
        "href=\"/insights/the-earlier-post/\"",
        "href=\"/about/\"",
        "<aside><p>An included note, from Liquid Field Notes.</p></aside>",
        "Kept: the first branch.",
        "<math",
    ] {
        assert!(html.contains(expected), "{expected} not in {html}");
    }
    assert!(!html.contains("Never shown"), "{html}");
    let warnings = built.warnings();
    assert!(
        warnings.iter().any(
            |w| w.contains("2024-01-05-liquid-tags.md:20: warning: {% if %} is template logic")
        ),
        "{warnings:?}"
    );
}

#[test]
fn zolas_shortcodes_and_internal_links_render() {
    let built = Built::of("zola");
    let html = built.body("shortcodes");
    assert_no_template_syntax(&html);
    for expected in [
        "<a class=\"embed-card\" href=\"https://www.youtube.com/watch?v=ZJthWmvUzzc\"",
        "The body of a shortcode the site defines is <strong>kept</strong>.",
        "href=\"/insights/other/#why\"",
        "{{ youtube(id=\"shown\") }}",
    ] {
        assert!(html.contains(expected), "{expected} not in {html}");
    }
    let migration = built.report.migration.as_ref().unwrap();
    assert_eq!(migration.templates_unrendered.len(), 1);
    assert_eq!(migration.templates_unrendered[0].0, "{% admonition() %}");
}

#[test]
fn mdx_components_and_expressions_render_or_keep_their_content() {
    let built = Built::of("astro");
    let html = built.body("components");
    assert_no_template_syntax(&html);
    for expected in [
        "This post is called Components in MDX.",
        "<a class=\"embed-card\" href=\"https://www.youtube.com/watch?v=ZJthWmvUzzc\"",
        "The content of a component is <strong>kept</strong>.",
    ] {
        assert!(html.contains(expected), "{expected} not in {html}");
    }
    assert!(
        !html.contains("import") && !html.contains("export"),
        "{html}"
    );
    let unrendered: Vec<String> = built
        .report
        .migration
        .as_ref()
        .unwrap()
        .templates_unrendered
        .iter()
        .map(|(name, _, _)| name.clone())
        .collect();
    assert_eq!(unrendered, ["<Callout>", "{expression}"]);
}
