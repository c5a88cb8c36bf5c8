//! Property-based fuzzing of everything that reads author or network input: front-matter
//! splitting, whole article, page and case-study files, site config, dates, slugs and the
//! bundle decoder. The contract: no panic, no hang, and every failure is a located message.
//! `QUIRE_FUZZ_CASES` sets the cases per property (default 1,000; the README's figures used it).

use std::path::Path;

use proptest::prelude::*;
use quire_compiler::Diagnostic;
use quire_compiler::read::site_config as site;
use quire_compiler::read::{article, document, front_matter};
use quire_model::{ArticleBody, BundleFile, Date, ListingShard, LookupBucket, Manifest, slugify};

fn cases() -> u32 {
    std::env::var("QUIRE_FUZZ_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(1_000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn fixture_site() -> site::Site {
    let text = include_str!("fixtures/valid-site/site.toml");
    site::parse(Path::new("site.toml"), text).expect("the fixture site parses")
}

/// Every diagnostic names the file and a line inside it (or line 1 for an empty file).
fn assert_located(diagnostics: &[Diagnostic], path: &Path, bytes: &[u8]) {
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for diagnostic in diagnostics {
        assert_eq!(diagnostic.file, path);
        assert!(
            diagnostic.line >= 1 && diagnostic.line <= lines + 1,
            "line {} of {lines}: {diagnostic}",
            diagnostic.line
        );
        assert!(!diagnostic.message.trim().is_empty());
    }
}

/// Markdown files shaped like real ones, with random pieces: fences, keys, values, bodies.
fn article_like() -> impl Strategy<Value = String> {
    let fence = prop_oneof![
        Just("---"),
        Just("+++"),
        Just("---\n---"),
        Just(""),
        Just("--- ")
    ];
    let key = "(title|date|summary|tags|category|slug|draft|updated|featured|publishDate|[a-zA-Z_]{1,12})";
    let value = prop_oneof![
        ".*",
        "\"[^\"]*\"",
        "\\[[^\\]]*\\]?",
        "[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}",
        Just("{{{{{{{{{{".to_owned()),
        Just("&anchor *alias".to_owned()),
        Just("!!binary AAAA".to_owned()),
        Just("true".to_owned()),
        Just(String::new()),
    ];
    let line = (key, prop_oneof![Just(": "), Just(" = "), Just(":")], value)
        .prop_map(|(k, sep, v)| format!("{k}{sep}{v}"));
    (
        fence.clone(),
        prop::collection::vec(line, 0..8),
        fence,
        ".{0,200}",
    )
        .prop_map(|(open, lines, close, body)| {
            format!("{open}\n{}\n{close}\n{body}", lines.join("\n"))
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_as_an_article_compile_or_fail_with_located_messages(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let path = Path::new("content/articles/fuzz.md");
        let compiled = article::compile(path, &bytes, &fixture_site());
        assert_located(&compiled.diagnostics, path, &bytes);
        prop_assert!(compiled.item.is_some() || compiled.diagnostics.iter().any(Diagnostic::is_error));
    }

    #[test]
    fn article_shaped_files_compile_or_fail_with_located_messages(text in article_like()) {
        let path = Path::new("content/articles/2026-01-02-fuzz.md");
        let compiled = article::compile(path, text.as_bytes(), &fixture_site());
        assert_located(&compiled.diagnostics, path, text.as_bytes());
        prop_assert!(compiled.item.is_some() || compiled.diagnostics.iter().any(Diagnostic::is_error));
        if let Some(article) = compiled.item {
            prop_assert!(!article.slug.is_empty());
            prop_assert!(article.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", article.slug);
        }
    }

    #[test]
    fn pages_and_case_studies_never_panic(text in article_like()) {
        let path = Path::new("content/pages/fuzz.md");
        let page = document::compile_page(path, text.as_bytes());
        assert_located(&page.diagnostics, path, text.as_bytes());
        let study = document::compile_case_study(path, text.as_bytes(), &fixture_site());
        assert_located(&study.diagnostics, path, text.as_bytes());
    }

    #[test]
    fn front_matter_splitting_never_panics(text in ".{0,400}") {
        if let Ok(split) = front_matter::split(&text) {
            let _ = front_matter::parse(&split);
        }
    }

    #[test]
    fn any_site_config_parses_or_fails_with_located_messages(text in ".{0,400}") {
        let path = Path::new("content/site.toml");
        if let Err(diagnostics) = site::parse(path, &text) {
            prop_assert!(!diagnostics.is_empty());
            assert_located(&diagnostics, path, text.as_bytes());
        }
    }

    #[test]
    fn dates_parse_or_fail_without_panicking(text in prop_oneof![".{0,40}", "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}([T ][0-9:.+Z-]{0,20})?"]) {
        if let Ok(date) = Date::parse(&text) {
            let printed = date.to_string();
            prop_assert_eq!(Date::parse(&printed), Ok(date));
            let _ = (date.human(), date.rfc2822(), date.rfc3339());
        }
    }

    #[test]
    fn slugs_are_always_url_safe(text in ".{0,200}") {
        let slug = slugify(&text);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug}");
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug}");
    }

    #[test]
    fn the_bundle_decoder_refuses_garbage_with_a_message(text in prop_oneof![
        ".{0,300}",
        "\\{\"schema_version\": ?[0-9]{1,3}(, ?\"[a-z_]{1,10}\": ?.{0,40})?\\}?",
    ]) {
        for result in [
            Manifest::from_json(&text).map(|_| ()),
            ArticleBody::from_json(&text).map(|_| ()),
            ListingShard::from_json(&text).map(|_| ()),
            LookupBucket::from_json(&text).map(|_| ()),
        ] {
            if let Err(error) = result {
                prop_assert!(!error.to_string().is_empty());
            }
        }
    }
}

#[test]
fn extreme_files_give_clear_errors_or_sane_output() {
    let site = fixture_site();
    let path = Path::new("content/articles/extreme.md");
    let long_title = "T".repeat(10_000);
    let deep_yaml = format!(
        "---\ntitle: x\ndate: 2026-01-01\ntags: {}{}\n---\nbody",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    let deep_markdown = format!(
        "---\ntitle: x\ndate: 2026-01-01\n---\n{}deep\n\n{}",
        "> ".repeat(5_000),
        "- ".repeat(5_000)
    );
    let huge_body = format!(
        "---\ntitle: Huge\ndate: 2026-01-01\n---\n{}",
        "word ".repeat(2_000_000)
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("binary", (0..=255u8).cycle().take(4096).collect()),
        (
            "NUL bytes",
            b"---\ntitle: a\0b\ndate: 2026-01-01\n---\n\0".to_vec(),
        ),
        (
            "10,000-character title",
            format!("---\ntitle: {long_title}\ndate: 2026-01-01\n---\nbody").into_bytes(),
        ),
        ("deeply nested YAML", deep_yaml.into_bytes()),
        ("deeply nested markdown", deep_markdown.into_bytes()),
        ("10 MB body", huge_body.into_bytes()),
    ];
    for (name, bytes) in cases {
        let compiled = article::compile(path, &bytes, &site);
        assert_located(&compiled.diagnostics, path, &bytes);
        assert!(
            compiled.item.is_some() || compiled.diagnostics.iter().any(Diagnostic::is_error),
            "{name}: neither output nor an error"
        );
        if let Some(article) = &compiled.item {
            assert!(!article.slug.is_empty(), "{name}");
        }
        for diagnostic in &compiled.diagnostics {
            assert!(
                diagnostic.message.len() < 1_000,
                "{name}: message is readable: {}",
                diagnostic.message.len()
            );
        }
    }
}

/// Every XSS vector of the corpus, written as an article's `slug`, a tag and a category: the
/// compiler either refuses the field with a located message or makes it URL-safe (slugs and tags
/// are slugified; a category must be one `site.toml` declares).
#[test]
fn xss_vectors_as_slugs_tags_and_categories_are_refused_or_made_safe() {
    let site = fixture_site();
    let path = Path::new("content/articles/hostile.md");
    let vectors = include_str!("fixtures/xss-vectors.txt")
        .lines()
        .filter(|line| !line.trim().is_empty());
    let safe = |text: &str| {
        !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let (mut tried, mut compiled_safely) = (0, 0);
    for vector in vectors {
        let quoted = serde_json::to_string(vector).unwrap();
        let text = format!(
            "---\ntitle: T\ndate: 2026-01-01\nslug: {quoted}\ntags: [{quoted}]\ncategory: Systems Design\n---\nbody\n"
        );
        let compiled = article::compile(path, text.as_bytes(), &site);
        assert_located(&compiled.diagnostics, path, text.as_bytes());
        match compiled.item {
            Some(article) => {
                assert!(safe(&article.slug), "{vector}: slug {:?}", article.slug);
                let category = article.category.as_ref().map(|c| c.slug.as_str());
                assert!(
                    category.is_some_and(safe),
                    "{vector}: category {category:?}"
                );
                for tag in quire_compiler::read::document::tag_slugs(&article.tags) {
                    assert!(safe(&tag), "{vector}: tag {tag:?}");
                }
                compiled_safely += 1;
            }
            None => assert!(
                compiled.diagnostics.iter().any(Diagnostic::is_error),
                "{vector}: neither output nor an error"
            ),
        }
        // An undeclared category is refused by name, whatever it holds.
        let as_category =
            format!("---\ntitle: T\ndate: 2026-01-01\ncategory: {quoted}\n---\nbody\n");
        let compiled = article::compile(path, as_category.as_bytes(), &site);
        assert_located(&compiled.diagnostics, path, as_category.as_bytes());
        assert!(
            compiled.item.is_none() && compiled.diagnostics.iter().any(Diagnostic::is_error),
            "{vector}"
        );
        tried += 1;
    }
    assert!(tried >= 100);
    assert!(
        compiled_safely > tried / 2,
        "most vectors slugify to something usable: {compiled_safely} of {tried}"
    );
}
