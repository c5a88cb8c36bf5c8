//! Every construct the expansion renders, as a reader gets it (expanded, rendered, sanitised),
//! and each again inside code, where it must stay as written.

use std::path::Path;

use super::*;
use crate::markdown::{self, Extras};
use crate::read::front_matter::{self, FrontMatter};

fn front_matter(yaml: &str) -> FrontMatter {
    let text = format!("---\n{yaml}\n---\n");
    front_matter::parse(&front_matter::split(&text).unwrap()).unwrap()
}

fn site(generator: Generator, config_yaml: &str) -> TemplateSite {
    let config = if config_yaml.is_empty() {
        Value::Map(BTreeMap::new())
    } else {
        Value::Map(front_matter(config_yaml).fields)
    };
    TemplateSite::with_config(generator, config)
}

/// `body` of a post at `file`, as the reader gets it, and what its expansion noted.
fn render_in(site: &TemplateSite, file: &str, page_yaml: &str, body: &str) -> (String, Expanded) {
    let front_matter = front_matter(page_yaml);
    let page = PageContext {
        path: Path::new(file),
        front_matter: &front_matter,
        route: "/insights/this-post",
        imports: &[("cover".to_owned(), "./cover.png".to_owned())],
    };
    let expanded = expand(body, &page, site);
    let html = markdown::render_with(
        &expanded.markdown,
        &Extras {
            blocks: &expanded.blocks,
            math: expanded.math,
        },
    )
    .html;
    (html, expanded)
}

fn hugo(body: &str) -> String {
    render_in(
        &site(Generator::Hugo, "params:\n  author: Ada"),
        "post.md",
        "title: T",
        body,
    )
    .0
}

fn jekyll(body: &str) -> String {
    let site = site(
        Generator::Jekyll,
        "title: The Blog\nurl: https://blog.example\nnested:\n  value: deep",
    );
    render_in(&site, "_posts/2024-01-02-a.md", "title: Post title", body).0
}

fn zola(body: &str) -> String {
    render_in(&site(Generator::Zola, ""), "content/a.md", "title: T", body).0
}

fn mdx(body: &str) -> String {
    render_in(
        &site(Generator::Astro, ""),
        "post.mdx",
        "title: Front title",
        body,
    )
    .0
}

/// Each case: the input, and fragments its HTML must hold.
fn check(render: fn(&str) -> String, cases: &[(&str, &[&str])]) {
    for (input, expected) in cases {
        let html = render(input);
        for fragment in *expected {
            assert!(
                html.contains(fragment),
                "{input}\n  gave {html}\n  without {fragment}"
            );
        }
        assert!(!html.contains(PLACEHOLDER_OPEN), "{input}: {html}");
        // The same construct inside code is shown as written.
        // (Liquid's `raw` markers are the one thing code drops: they only ever stop Liquid.)
        if input.contains("{% raw") {
            continue;
        }
        for code in [
            format!("```\n{input}\n```\n"),
            format!("    {}\n", input.replace('\n', "\n    ")),
        ] {
            let shown = render(&code);
            let first_line = input.lines().next().unwrap();
            let escaped = first_line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(shown.contains(&escaped), "in code: {code}\n  gave {shown}");
        }
    }
}

const YOUTUBE_CARD: &str = "<a class=\"embed-card\" href=\"https://www.youtube.com/watch?v=ZJthWmvUzzc\" rel=\"noopener noreferrer\"><img class=\"embed-card-image\" src=\"https://i.ytimg.com/vi/ZJthWmvUzzc/hqdefault.jpg\"";

#[test]
fn hugos_built_in_shortcodes_render_as_hugo_renders_them() {
    check(
        hugo,
        &[
            (
                "{{< figure src=\"/img/a.png\" alt=\"A chart\" caption=\"The *caption*\" attr=\"Ada\" attrlink=\"https://a.example\" >}}",
                &[
                    "<figure><img src=\"/img/a.png\" alt=\"A chart\"",
                    "<figcaption><p>The <em>caption</em> <a href=\"https://a.example\" rel=\"noopener noreferrer\">Ada</a></p></figcaption></figure>",
                ],
            ),
            (
                "{{< youtube ZJthWmvUzzc >}}",
                &[YOUTUBE_CARD, "Video on YouTube", ">YouTube</span>"],
            ),
            (
                "{{< youtube id=\"ZJthWmvUzzc\" title=\"A talk\" >}}",
                &[YOUTUBE_CARD, ">A talk</span>"],
            ),
            (
                "{{< vimeo 55073825 >}}",
                &["href=\"https://vimeo.com/55073825\"", "Video on Vimeo"],
            ),
            (
                "{{< gist spf13 7896402 \"img.html\" >}}",
                &[
                    "href=\"https://gist.github.com/spf13/7896402#file-img-html\"",
                    "img.html, a gist by spf13",
                ],
            ),
            (
                "{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}",
                &[
                    "href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\"",
                    "Post by @SanDiegoZoo",
                ],
            ),
            (
                "{{< tweet 1453110110599868418 >}}",
                &["href=\"https://x.com/i/status/1453110110599868418\""],
            ),
            (
                "{{< twitter user=\"a_b\" id=\"1\" >}}",
                &["href=\"https://x.com/a_b/status/1\""],
            ),
            (
                "{{< instagram BWNjjyYFxVx >}}",
                &["href=\"https://www.instagram.com/p/BWNjjyYFxVx/\""],
            ),
            (
                "{{< highlight go \"linenos=table,hl_lines=2\" >}}\nfunc a() {\n  x := \"<b>\"\n}\n{{< /highlight >}}",
                &[
                    "<pre><code class=\"language-go\">",
                    "code-line code-line-marked",
                    "&lt;b&gt;",
                    "data-line=\"3\"",
                ],
            ),
            (
                "{{< details summary=\"More *here*\" open=true >}}\n**bold**\n{{< /details >}}",
                &[
                    "<details open=\"\"><summary>More <em>here</em></summary>",
                    "<strong>bold</strong>",
                    "</details>",
                ],
            ),
            ("By {{< param author >}}.", &["By Ada."]),
            (
                "[a]({{< ref \"other.md#part\" >}})",
                &["href=\"@ref/other.md#part\""],
            ),
            (
                "[a]({{< relref \"/blog/other\" >}})",
                &["href=\"@ref//blog/other\""],
            ),
            (
                "{{< notice warning >}}\nCareful **now**\n{{< /notice >}}",
                &["<p>Careful <strong>now</strong></p>"],
            ),
            ("{{% notice %}}Inner{{% /notice %}}", &["Inner"]),
        ],
    );
}

#[test]
fn hugos_escaped_shortcodes_show_as_written_in_and_out_of_code() {
    assert!(
        hugo("```\n{{</* figure src=\"a.png\" */>}}\n```")
            .contains("{{&lt; figure src=\"a.png\" &gt;}}")
    );
    assert!(hugo("`{{%/* ref \"a\" */%}}`").contains("<code>{{% ref \"a\" %}}</code>"));
    assert!(hugo("{{</* youtube x */>}}").contains("{{&lt; youtube x &gt;}}"));
}

#[test]
fn a_shortcode_the_site_defines_keeps_its_content_and_is_named_once() {
    let (html, expanded) = render_in(
        &site(Generator::Hugo, ""),
        "a.md",
        "title: T",
        "Intro\n\n{{< callout >}}\nOne\n{{< /callout >}}\n\n{{< callout >}}Two{{< /callout >}}\n\n{{< chart data=\"x\" >}}\n",
    );
    assert!(
        html.contains("<p>One</p>") && html.contains("Two"),
        "{html}"
    );
    assert_eq!(
        expanded.unrendered,
        [
            Unrendered {
                name: "{{< callout >}}".into(),
                line: 3,
                why: Why::NotBuiltIn
            },
            Unrendered {
                name: "{{< chart >}}".into(),
                line: 9,
                why: Why::NotBuiltIn
            },
        ]
    );
    assert!(!html.contains("chart"), "{html}");
}

#[test]
fn jekylls_liquid_renders_as_jekyll_renders_it() {
    check(
        jekyll,
        &[
            (
                "{% highlight ruby linenos %}\ndef a\n  \"<i>\"\nend\n{% endhighlight %}",
                &[
                    "<pre><code class=\"language-ruby\">",
                    "<span class=\"code-line\" data-line=\"1\">",
                    "&lt;i&gt;",
                ],
            ),
            ("{% raw %}{{ not.run }}{% endraw %}", &["{{ not.run }}"]),
            (
                "[a]({% post_url 2010-07-21-name %})",
                &["href=\"@ref/2010-07-21-name\""],
            ),
            (
                "[a]({% link _posts/2016-07-26-x.md %})",
                &["href=\"@ref//_posts/2016-07-26-x.md\""],
            ),
            (
                "Welcome to {{ site.title }} and {{ site.nested.value }}.",
                &["Welcome to The Blog and deep."],
            ),
            (
                "This is {{ page.title | upcase }} at {{ page.url }}.",
                &["This is POST TITLE at /insights/this-post."],
            ),
            (
                "![a]({{ \"/img/a.png\" | relative_url }})",
                &["<img src=\"/img/a.png\""],
            ),
            ("[home]({{ site.url }})", &["href=\"https://blog.example\""]),
            ("{% comment %}hidden{% endcomment %}Shown", &["Shown"]),
            ("{% assign who = \"Ada\" %}Hi {{ who }}", &["Hi Ada"]),
            (
                "{% if page.x %}First{% else %}Second{% endif %}",
                &["First"],
            ),
            (
                "{% gist parkr/931c1c8d465a04042403 %}",
                &["href=\"https://gist.github.com/parkr/931c1c8d465a04042403\""],
            ),
        ],
    );
    let html = jekyll("{% if page.x %}First{% else %}Second{% endif %}");
    assert!(!html.contains("Second"), "{html}");
}

#[test]
fn raw_markers_in_jekyll_code_are_gone_and_the_code_stays() {
    let html = jekyll("```liquid\n{% raw %}{{ page.title }}{% endraw %}\n```");
    assert!(html.contains("{{ page.title }}"), "{html}");
    assert!(!html.contains("raw"), "{html}");
}

#[test]
fn an_include_is_read_from_includes_with_its_parameters() {
    let root = tempfile::tempdir().unwrap();
    let includes = root.path().join("_includes");
    std::fs::create_dir_all(&includes).unwrap();
    std::fs::write(
        includes.join("note.html"),
        "<aside>{{ include.text }} on {{ site.title }}</aside>",
    )
    .unwrap();
    let mut site = site(Generator::Jekyll, "title: Home");
    site.includes = Some(includes);
    let (html, expanded) = render_in(
        &site,
        "a.md",
        "title: T",
        "{% include note.html text=\"Read this\" %}\n\n{% include ../secret.txt %}\n\n{% include gone.html %}\n",
    );
    assert!(html.contains("<aside>Read this on Home</aside>"), "{html}");
    assert_eq!(expanded.problems.len(), 2, "{:?}", expanded.problems);
    assert!(
        expanded.problems[0].1.contains("names no file"),
        "{:?}",
        expanded.problems
    );
    assert_eq!(expanded.problems[1].0, 5);
}

#[test]
fn an_include_that_includes_itself_stops() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("loop.html"), "x {% include loop.html %}").unwrap();
    let mut site = site(Generator::Jekyll, "");
    site.includes = Some(root.path().to_path_buf());
    let (html, expanded) = render_in(&site, "a.md", "title: T", "{% include loop.html %}");
    assert!(html.matches('x').count() <= MAX_DEPTH + 1, "{html}");
    assert!(
        expanded
            .problems
            .iter()
            .any(|(_, p)| p.contains("too deep"))
    );
}

#[test]
fn zolas_shortcodes_render_and_a_sites_own_keep_their_body() {
    check(
        zola,
        &[
            ("{{ youtube(id=\"ZJthWmvUzzc\") }}", &[YOUTUBE_CARD]),
            (
                "{{ vimeo(id=\"124313553\") }}",
                &["href=\"https://vimeo.com/124313553\""],
            ),
            (
                "{{ gist(url=\"https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57\") }}",
                &["href=\"https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57\""],
            ),
            (
                "{% admonition(type=\"tip\") %}\nKeep **this**\n{% end %}",
                &["Keep <strong>this</strong>"],
            ),
        ],
    );
    assert!(zola("```\n{{/* youtube(id=\"x\") */}}\n```").contains("{{ youtube(id=\"x\") }}"));
    assert!(
        zola("Use {{ braces }} in prose").contains("{{ braces }}"),
        "not a shortcode"
    );
}

#[test]
fn mdx_expressions_and_components_render_or_keep_their_content() {
    check(
        mdx,
        &[
            ("{/* a comment */}Shown", &["<p>Shown</p>"]),
            ("Title: {frontmatter.title}", &["Title: Front title"]),
            (
                "<Callout type=\"tip\">\nKept **inside**\n</Callout>",
                &["Kept <strong>inside</strong>"],
            ),
            ("<YouTube id=\"ZJthWmvUzzc\" />", &[YOUTUBE_CARD]),
            (
                "<Tweet id=\"https://twitter.com/astrodotbuild/status/1511750228428435457\" />",
                &["href=\"https://x.com/astrodotbuild/status/1511750228428435457\""],
            ),
            ("A <b>bold</b> word", &["A <b>bold</b> word"]),
        ],
    );
    let (html, expanded) = render_in(
        &site(Generator::Astro, ""),
        "a.mdx",
        "title: T",
        "<Chart data={[1, 2]} />\n\nValue {props.x}",
    );
    assert_eq!(html.trim(), "<p>Value</p>");
    let names: Vec<&str> = expanded
        .unrendered
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(names, ["<Chart>", "{expression}"]);
}

#[test]
fn math_renders_to_mathml_where_the_site_or_the_post_turns_it_on() {
    let all = |body: &str| {
        render_in(
            &site(Generator::Hugo, ""),
            "a.md",
            "title: T\nmath: true",
            body,
        )
        .0
    };
    for (input, element) in [
        ("Inline $x^2$ here", "<msup>"),
        ("Display $$\\frac{a}{b}$$", "<mfrac"),
        ("Bracketed \\(a_1\\) inline", "<msub>"),
        ("\\[\\sqrt{2}\\]", "<msqrt>"),
    ] {
        let html = all(input);
        assert!(
            html.contains("<math") && html.contains(element),
            "{input}: {html}"
        );
    }
    for in_code in ["`$x^2$`", "```\n\\(a\\)\n```", "    $$b$$"] {
        let html = all(in_code);
        assert!(!html.contains("<math"), "{in_code}: {html}");
    }
    // kramdown's `$$` is math, a single `$` is text; off entirely for a post that does not ask.
    let mut jekyll = site(Generator::Jekyll, "");
    jekyll.math.dollars.double_dollar = true;
    let html = render_in(&jekyll, "a.md", "title: T", "It costs $5 and $x$, or $$y$$").0;
    assert!(
        html.contains("$x$") && html.matches("<math").count() == 1,
        "{html}"
    );
    let in_html = render_in(
        &jekyll,
        "a.md",
        "title: T",
        "<div>\n$$ \\frac{1}{2} $$\n</div>",
    )
    .0;
    assert!(
        in_html.contains("<div>\n<math display=\"block\">"),
        "{in_html}"
    );
    let off = render_in(
        &site(Generator::Hugo, ""),
        "a.md",
        "title: T",
        "$x$ and \\(y\\)",
    )
    .0;
    assert!(!off.contains("<math"), "{off}");
    let (broken, expanded) = render_in(
        &site(Generator::Hugo, ""),
        "a.md",
        "title: T\nmath: true",
        "\\(\\frac{a\\)",
    );
    assert!(broken.contains("<code>\\frac{a</code>"), "{broken}");
    assert_eq!(expanded.problems.len(), 1);
}

#[test]
fn harmless_author_html_is_kept_and_noscript_is_never_shown_escaped() {
    let html = markdown::render(
        "<details open><summary>More</summary>Inside</details>\n\n<progress value=\"3\" max=\"10\">30%</progress> <meter value=\"0.6\" min=\"0\" max=\"1\">60%</meter> <kbd>Ctrl</kbd> <mark>m</mark> <abbr title=\"HyperText\">HTML</abbr> H<sub>2</sub>O x<sup>2</sup>\n\n<figure><img src=\"/a.png\" alt=\"a\"><figcaption>Cap</figcaption></figure>\n\n<video src=\"https://v.example/a.mp4\" autoplay></video> <video src=\"http://v.example/b.mp4\"></video> <audio src=\"/a.mp3\"></audio>\n\n<noscript><img src=\"/fallback.png\" alt=\"f\"></noscript>\n",
    )
    .html;
    for kept in [
        "<details open=\"\"><summary>More</summary>",
        "<progress value=\"3\" max=\"10\">",
        "<meter value=\"0.6\" min=\"0\" max=\"1\">",
        "<kbd>Ctrl</kbd>",
        "<mark>m</mark>",
        "<abbr title=\"HyperText\">",
        "<sub>2</sub>",
        "<figure><img src=\"/a.png\" alt=\"a\"",
        "<figcaption>Cap</figcaption>",
        "<video src=\"https://v.example/a.mp4\" controls=\"\">",
        "<audio src=\"/a.mp3\" controls=\"\">",
        "<img src=\"/fallback.png\" alt=\"f\"",
    ] {
        assert!(html.contains(kept), "{kept} not in {html}");
    }
    assert!(
        !html.contains("autoplay") && !html.contains("http://v.example"),
        "{html}"
    );
    assert!(!html.contains("&lt;img"), "{html}");
}

#[test]
fn lines_of_the_expanded_markdown_lead_back_to_the_body() {
    let (_, expanded) = render_in(
        &site(Generator::Hugo, ""),
        "a.md",
        "title: T",
        "one\n{{< details summary=\"s\" >}}\ntwo\n{{< /details >}}\nthree\n",
    );
    let line_of = |needle: &str| {
        let at = expanded.markdown.find(needle).unwrap();
        expanded.body_line(expanded.markdown[..at].matches('\n').count() + 1)
    };
    assert_eq!(
        (line_of("one"), line_of("two"), line_of("three")),
        (1, 3, 5)
    );
}

/// Rendered HTML without what is inside `<pre>` and `<code>`.
fn outside_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(['<']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let closing = ["<pre", "<code"]
            .iter()
            .find(|open| tail.starts_with(**open))
            .map(|open| format!("</{}>", &open[1..]));
        match closing.and_then(|closing| tail.find(&closing).map(|end| end + closing.len())) {
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

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    #[test]
    fn no_template_syntax_reaches_a_reader(
        pieces in proptest::collection::vec(0usize..64, 1..12),
        generator in 0usize..3,
    ) {
        let (generator, own) = [
            (Generator::Hugo, HUGO_PIECES),
            (Generator::Jekyll, JEKYLL_PIECES),
            (Generator::Zola, ZOLA_PIECES),
        ][generator];
        let available: Vec<&str> = COMMON_PIECES.iter().chain(own).copied().collect();
        let body: String = pieces
            .iter()
            .map(|&piece| available[piece % available.len()])
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut site = site(generator, "title: T\nparams:\n  author: A");
        site.math = SiteMath::ALL;
        let (html, expanded) = render_in(&site, "a.md", "title: T", &body);
        let shown = outside_code(&html);
        for syntax in ["{{<", "{{%", "{%", "{{ site.", "{{ page.", "href=\"@/", "&lt;img", "&lt;b", "\\(", "\\["] {
            proptest::prop_assert!(!shown.contains(syntax), "{syntax} in {html}\nfrom {body}");
        }
        let summary = crate::markdown::render_with(&expanded.markdown, &Extras { blocks: &expanded.blocks, math: expanded.math }).first_paragraph;
        for syntax in ["{{", "{%", "<", "\u{FDD0}"] {
            proptest::prop_assert!(!summary.contains(syntax), "{syntax} in summary {summary}");
        }
    }
}

/// What generated posts are made of: prose, code that shows any generator's syntax, and each
/// generator's own constructs for a post of that generator's site.
const COMMON_PIECES: &[&str] = &[
    "Plain prose with *emphasis*.",
    "```\n{{< youtube x >}} {% raw %}{{ page.title }}{% endraw %} \\(a\\) {{</* x */>}}\n```",
    "`{{< ref \"a\" >}}` and `{% post_url x %}`",
    "Math \\(x^2\\) and \\[y\\] and $z$.",
    "<noscript><img src=\"/n.png\" alt=\"n\"></noscript>",
    "    {{< indented >}} {% tag %}",
];

const HUGO_PIECES: &[&str] = &[
    "{{< youtube ZJthWmvUzzc >}}",
    "{{< figure src=\"/a.png\" caption=\"c\" >}}",
    "{{< highlight html >}}\n<b>bold</b>\n{{< /highlight >}}",
    "{{< details summary=\"s\" >}}\nInner {{< param author >}}\n{{< /details >}}",
    "{{< mine >}}\nKept\n{{< /mine >}}",
    "{{% mine %}}Kept{{% /mine %}}",
    "{{< gist u 1 >}} {{< x user=\"u\" id=\"2\" >}} {{< instagram i >}} {{< vimeo 3 >}}",
    "[a]({{< ref \"b.md\" >}})",
];

const JEKYLL_PIECES: &[&str] = &[
    "{% highlight html %}\n<b>b</b>\n{% endhighlight %}",
    "Site {{ site.title }} page {{ page.title }} {{ site.missing }}",
    "{% if x %}yes{% endif %} {% mine arg %}",
    "{% raw %}Shown {% endraw %} and {% comment %}not{% endcomment %}",
    "[a]({% post_url 2020-01-01-a %}) {{ \"/a\" | relative_url }}",
];

const ZOLA_PIECES: &[&str] = &[
    "{{ youtube(id=\"ZJthWmvUzzc\") }}",
    "{% note() %}\nBody\n{% end %}",
    "{{ mine(a=1) }}",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// Hostile bodies of every syntax's delimiters, code fences and multi-byte text expand
    /// without a panic, and their placeholders all end up in place.
    #[test]
    fn any_body_expands_without_a_panic(
        body in "([{}%<>/*\\\\$`()\\[\\]\"'=#|.\\n -]|end|raw|endraw|highlight|endhighlight|youtube|details|include|comment|if|else|Callout|é|\u{FDD0}|\u{FDD1}|[a-z0-9]){0,120}",
        generator in 0usize..5,
    ) {
        let generator = [Generator::Hugo, Generator::Jekyll, Generator::Zola, Generator::Astro, Generator::Quire][generator];
        let mut site = site(generator, "title: T");
        site.math = SiteMath::ALL;
        let file = if generator == Generator::Astro { "a.mdx" } else { "a.md" };
        let (html, expanded) = render_in(&site, file, "title: T", &body);
        proptest::prop_assert!(!html.contains(PLACEHOLDER_OPEN), "{html}");
        let lines = expanded.markdown.lines().count().max(1);
        for line in 1..=lines {
            proptest::prop_assert!(expanded.body_line(line) <= body.lines().count().max(1) + 1);
        }
    }
}

#[test]
fn a_block_that_ends_inside_what_markdown_reads_as_code_is_no_panic() {
    let html = jekyll("{% comment %}a `b {% endcomment %} c {{ site.title }}` d");
    assert!(
        html.contains("c {{ site.title }}</code> d") || html.contains(" d"),
        "{html}"
    );
}

#[test]
fn thousands_of_openers_that_never_close_expand_to_their_text() {
    // Each would look for its closing tag to the end of the body; the search budget keeps the
    // whole expansion linear (the bench times it; here it must only come out right).
    let hugo_body = "{{< x >}} ".repeat(20_000) + "{{< /x >}}";
    let (_, expanded) = render_in(&site(Generator::Hugo, ""), "a.md", "title: T", &hugo_body);
    assert_eq!(expanded.unrendered.len(), 1);
    let liquid_body = "{% if x %} ".repeat(20_000) + &"{% ".repeat(20_000);
    let (html, _) = render_in(
        &site(Generator::Jekyll, ""),
        "a.md",
        "title: T",
        &liquid_body,
    );
    assert!(!html.contains("if x"), "every if is read as a tag");
    let mdx_body = "{".repeat(20_000) + &"<A ".repeat(20_000);
    let (_, expanded) = render_in(&site(Generator::Astro, ""), "a.mdx", "title: T", &mdx_body);
    assert!(expanded.markdown.len() <= mdx_body.len());
}

#[test]
fn what_the_review_found_renders_as_the_generator_would() {
    // MDX math is the renderer's, not JSX: its braces stay.
    let mut astro = site(Generator::Astro, "");
    astro.math.dollars = MathSyntax {
        double_dollar: true,
        single_dollar: true,
    };
    let (html, expanded) = render_in(&astro, "a.mdx", "title: T", "So $\\frac{a}{b}$ and $x<Y$.");
    assert!(
        html.contains("<mfrac>") && expanded.unrendered.is_empty(),
        "{html}"
    );

    // A capture is expanded before it is stored; markdownify gives HTML.
    let html = jekyll(
        "{% capture t %}{{ site.title }}{% endcapture %}<p>{{ t }}: {{ \"*a*\" | markdownify }}</p>",
    );
    assert!(html.contains("<p>The Blog: <em>a</em></p>"), "{html}");
    // Date filters; site.baseurl is the new host's business, not the old site's.
    let html = jekyll(
        "On {{ \"2024-03-05\" | date: \"%B %-d, %Y\" }} ({{ \"2024-03-05\" | date_to_string }}) at {{ site.baseurl }}/a.png",
    );
    assert!(
        html.contains("On March 5, 2024 (05 Mar 2024) at /a.png"),
        "{html}"
    );
    // `link` to a file that is no post is its path from the site's root.
    assert!(jekyll("![a]({% link assets/a.png %})").contains("<img src=\"/assets/a.png\""));
    // kramdown's `$$` is inline amid text, a display formula only as a paragraph of its own.
    let mut kramdown = site(Generator::Jekyll, "");
    kramdown.math.dollars.double_dollar = true;
    let html = render_in(&kramdown, "a.md", "title: T", "Text $$x$$ text\n\n$$y$$\n").0;
    assert_eq!(html.matches("display=\"block\"").count(), 1, "{html}");
    assert_eq!(html.matches("<math").count(), 2, "{html}");
    // An escaped shortcode shows as text, never as markup.
    let html = hugo("{{</*figure src=\"a\"*/>}}");
    assert!(
        html.contains("{{&lt;figure src=\"a\"&gt;}}") && !html.contains("<figure"),
        "{html}"
    );
    // A formula in an image's description is no markup inside its tag.
    let html = render_in(
        &site(Generator::Hugo, ""),
        "a.md",
        "title: T\nmath: true",
        "![plot \\(x\\)](/p.png)",
    )
    .0;
    assert!(html.contains("<img src=\"/p.png\" alt=\"plot \""), "{html}");
    // Summaries leave out what is shown as written.
    let (_, expanded) = render_in(
        &site(Generator::Jekyll, ""),
        "a.md",
        "title: T",
        "Use {% raw %}{{ x }}{% endraw %} here.",
    );
    let summary = markdown::render_with(&expanded.markdown, &Extras::default()).first_paragraph;
    assert!(!summary.contains("{{"), "{summary}");
    // A self-closing component before the closing tag does not hide the real opener.
    let html = mdx("<Box/>\n\n<Box>\nInside\n</Box>");
    assert!(html.contains("Inside") && !html.contains("Box"), "{html}");
    // A huge first line number does not overflow.
    let html = hugo("```c {linenos=true,linenostart=18446744073709551615}\na\nb\n```");
    assert!(
        html.contains("data-line=\"18446744073709551615\""),
        "{html}"
    );
}

#[test]
fn tags_without_a_body_leave_the_budget_to_the_blocks_after_them() {
    let many = "{% include_relative missing.md %} {{< figure src=\"/a.png\" >}}\n".repeat(2_000);
    let liquid = many.clone() + "{% highlight plain %}\n<b>bold</b>\n{% endhighlight %}";
    assert!(
        jekyll(&liquid).contains("&lt;b&gt;bold"),
        "the highlight at the end still pairs"
    );
    let hugo_body = many + "{{< highlight plain >}}\n<b>bold</b>\n{{< /highlight >}}";
    assert!(hugo(&hugo_body).contains("&lt;b&gt;bold"));
}

#[test]
fn a_sites_own_shortcodes_keep_what_they_show() {
    let root = tempfile::tempdir().unwrap();
    let shortcodes = root.path().join("layouts/shortcodes");
    std::fs::create_dir_all(&shortcodes).unwrap();
    std::fs::write(
        shortcodes.join("disclaimer.html"),
        "<aside><p>Opinions are mine.</p></aside>",
    )
    .unwrap();
    std::fs::write(shortcodes.join("templated.html"), "<p>{{ .Get 0 }}</p>").unwrap();
    let mut hugo_site = site(Generator::Hugo, "");
    hugo_site.shortcodes = vec![shortcodes];
    let body = "{{< disclaimer >}}\n\n{{< templated x >}}\n\n{{< image src=\"/img/a.png\" alt=\"A chart\" >}}\n\n{{< clip \"/v/a.webm\" >}}\n\n{{< note title=\"Tip\" >}}\nRead this.\n{{< /note >}}";
    let (html, expanded) = render_in(&hugo_site, "a.md", "title: T", body);
    for shown in [
        "<aside><p>Opinions are mine.</p></aside>",
        "<img src=\"/img/a.png\" alt=\"A chart\"",
        "<video src=\"/v/a.webm\" controls=\"\">",
        "<p><strong>Tip</strong></p>",
        "<p>Read this.</p>",
    ] {
        assert!(html.contains(shown), "{shown} not in {html}");
    }
    assert_eq!(expanded.rendered.get("disclaimer"), Some(&1));
    let names: Vec<&str> = expanded
        .unrendered
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "{{< templated >}}",
            "{{< image >}}",
            "{{< clip >}}",
            "{{< note >}}"
        ]
    );

    let (html, _) = render_in(
        &site(Generator::Zola, ""),
        "a.md",
        "title: T",
        "Said {{ cg(body=\"in green\") }} here.",
    );
    assert!(html.contains("<p>Said in green here.</p>"), "{html}");
    let (html, _) = render_in(
        &site(Generator::Zola, ""),
        "a.md",
        "title: T",
        "{{ dual_theme_image(light_src=\"l.png\", dark_src=\"d.png\", alt=\"Both\") }}",
    );
    assert!(html.contains("<img src=\"l.png\" alt=\"Both\""), "{html}");
}

#[test]
fn mdx_component_children_are_markdown_however_they_are_indented() {
    let html =
        mdx("<Tabs>\n    <TabItem label=\"npm\">\n        Run **this**.\n    </TabItem>\n</Tabs>");
    assert!(html.contains("Run <strong>this</strong>."), "{html}");
    assert!(
        !html.contains("<pre>") && !html.contains("TabItem"),
        "{html}"
    );
}

#[test]
fn a_reference_never_shows_its_marker() {
    let html = jekyll("Posted at {% post_url 2020-01-01-a %} once.");
    assert!(html.contains("Posted at 2020-01-01-a once."), "{html}");
    let (html, expanded) = render_in(
        &site(Generator::Jekyll, ""),
        "a.md",
        "title: T",
        "[x]({% post_url\n({% post_url 2019-12-11-b %}) %})",
    );
    assert!(!html.contains("@ref"), "{html}");
    assert!(!expanded.unrendered.is_empty());
}

#[test]
fn a_themes_math_table_turns_math_on() {
    let config = front_matter("params:\n  page:\n    math:\n      enable: true");
    assert!(asks_for_math(&Value::Map(config.fields)));
    let off = front_matter("params:\n  page:\n    math:\n      enable: false");
    assert!(!asks_for_math(&Value::Map(off.fields)));
}

#[test]
fn a_long_closing_tag_of_wide_characters_is_no_panic() {
    let body = format!("<Note>\nx\n</{}>\n\n</{}", "━".repeat(100), "é".repeat(300));
    let _ = mdx(&body);
    let (_, expanded) = render_in(
        &site(Generator::Zola, ""),
        "a.md",
        "title: T",
        "## See [the post](@/blog/a.md) {#see}\n\n{{ figure(src=\"/a.png\", caption=\"A <a href='x'>link</a>\") }}",
    );
    let html = markdown::render_with(
        &expanded.markdown,
        &Extras {
            blocks: &expanded.blocks,
            math: expanded.math,
        },
    );
    assert!(
        html.relative_links
            .iter()
            .any(|link| link.path == "@/blog/a.md"),
        "a heading's link is checked too"
    );
    assert!(html.html.contains("alt=\"A link\""), "{}", html.html);
    assert!(
        html.html.contains("<figcaption>A <a href=\"x\""),
        "{}",
        html.html
    );
}

#[test]
fn kramdowns_own_markup_never_shows() {
    let html = jekyll(
        "## Contents\n{:.no_toc}\n\n* TOC\n{:toc}\n\nA lead.\n{: .lead #intro}\n\n{::options parse_block_html=\"true\" /}\n\n{::comment}\nhidden\n{:/comment}\n\nKept: {: not an attribute list",
    );
    for hidden in ["{:", "no_toc", "hidden", "options"] {
        assert!(
            !html.contains(hidden) || hidden == "{:" && html.contains("{: not an attribute list"),
            "{hidden} in {html}"
        );
    }
    assert!(
        html.contains("A lead.") && html.contains("Contents"),
        "{html}"
    );
    assert!(
        jekyll("```\n{:toc}\n```").contains("{:toc}"),
        "code is code"
    );
    let wrapped = jekyll("[here](https://a.example){:\ntarget=\"_blank\"}.");
    assert!(wrapped.contains("here</a>.</p>"), "{wrapped}");
}

#[test]
fn astros_image_components_show_their_images() {
    let (html, expanded) = render_in(
        &site(Generator::Astro, ""),
        "a.mdx",
        "title: T",
        "<Image src={cover} alt=\"The cover\" width={800} />\n\n<Picture src=\"/img/b.png\" alt=\"B\" />\n\n<Image src={unknown} alt=\"x\" />",
    );
    assert!(
        html.contains("<img src=\"./cover.png\" alt=\"The cover\""),
        "{html}"
    );
    assert!(html.contains("width=\"800\""), "{html}");
    assert!(html.contains("<img src=\"/img/b.png\" alt=\"B\""), "{html}");
    assert_eq!(expanded.rendered.get("<Image>"), Some(&1));
    assert_eq!(expanded.rendered.get("<Picture>"), Some(&1));
    assert_eq!(
        expanded.unrendered[0].name, "<Image>",
        "a name nothing imports shows nothing"
    );
    assert_eq!(
        crate::read::fields::file_imports(
            "import cover from './cover.png';\nimport Callout from '../Callout.astro';\nimport { YouTube } from 'astro-embed';\n"
        ),
        [
            ("cover".to_owned(), "./cover.png".to_owned()),
            ("Callout".to_owned(), "../Callout.astro".to_owned())
        ]
    );
}
