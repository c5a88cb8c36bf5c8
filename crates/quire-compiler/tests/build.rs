//! Integration tests of whole builds: the fixture site's snapshot, determinism, drafts and
//! future dates, every error message for broken content, and output left intact on failure.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use quire_compiler::assemble::content_hash;
use quire_compiler::{BuildError, Options, Report, build, compile};
use quire_model::lookup::lookup_bucket;
use quire_model::routes;
use quire_model::{
    ArticleBody, ArticleSummary, BundleFile, Date, DocumentBody, LookupBucket, Manifest,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn options(content: &Path, out: &Path) -> Options {
    Options::new(content, out, Date::parse("2026-06-01").unwrap())
}

/// The compiled fixture manifest, compared with the committed snapshot that the browser tests
/// also mount. Set `UPDATE_SNAPSHOTS=1` to rewrite it after an intended change.
#[test]
fn the_fixture_site_matches_its_snapshot() {
    let out = tempfile::tempdir().unwrap();
    let report = build(&options(&fixture("valid-site"), &out.path().join("bundle"))).unwrap();
    assert_eq!(
        (
            report.published,
            report.left_out_drafts,
            report.left_out_future
        ),
        (4, 1, 1)
    );

    let manifest_json = fs::read_to_string(out.path().join("bundle/manifest.json")).unwrap();
    let pretty = serde_json::to_string_pretty(
        &serde_json::from_str::<serde_json::Value>(&manifest_json).unwrap(),
    )
    .unwrap()
        + "\n";
    let snapshot_path = fixture("valid-site.manifest.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(&snapshot_path, &pretty).unwrap();
    }
    let snapshot = fs::read_to_string(&snapshot_path).unwrap();
    assert_eq!(
        pretty, snapshot,
        "the manifest changed; rerun with UPDATE_SNAPSHOTS=1 if intended"
    );

    let manifest = Manifest::from_json(&manifest_json).unwrap();
    let slugs: Vec<_> = manifest.latest.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "yaml-article",
            "toml-article",
            "hugo-post",
            "jekyll-style-name"
        ]
    );
    let bundle = out.path().join("bundle");
    for article in &manifest.latest {
        let body = body_of(&bundle, &manifest, &article.slug);
        assert_eq!(&body.article, article);
    }
}

/// Follows the manifest's lookup to an article's body, as the app does.
fn body_of(bundle: &Path, manifest: &Manifest, slug: &str) -> ArticleBody {
    let bucket_path = &manifest.lookup[lookup_bucket(slug, manifest.lookup.len())];
    let bucket =
        LookupBucket::from_json(&fs::read_to_string(bundle.join(bucket_path)).unwrap()).unwrap();
    let body_path = &bucket.bodies[slug];
    ArticleBody::from_json(&fs::read_to_string(bundle.join(body_path)).unwrap()).unwrap()
}

fn listed<'a>(manifest: &'a Manifest, slug: &str) -> &'a ArticleSummary {
    manifest.latest.iter().find(|a| a.slug == slug).unwrap()
}

#[test]
fn article_bodies_carry_neighbours_and_related_articles() {
    let out = tempfile::tempdir().unwrap();
    build(&options(&fixture("valid-site"), out.path())).unwrap();
    let manifest =
        Manifest::from_json(&fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    let body = body_of(out.path(), &manifest, "toml-article");
    assert_eq!(body.newer.unwrap().slug, "yaml-article");
    assert_eq!(body.older.unwrap().slug, "hugo-post");
    let related: Vec<_> = body.related.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(
        related,
        ["yaml-article", "jekyll-style-name"],
        "shared tag first, then category"
    );
    assert!(
        body.html.contains("<h2 id=\"only-section\">"),
        "{}",
        body.html
    );
    assert_eq!(body.toc.len(), 1);
}

#[test]
fn pages_and_case_studies_are_compiled() {
    let out = tempfile::tempdir().unwrap();
    build(&options(&fixture("valid-site"), out.path())).unwrap();
    let manifest =
        Manifest::from_json(&fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest.pages.len(), 1);
    assert_eq!(manifest.pages[0].slug, "about");
    assert_eq!(
        manifest.pages[0].description,
        "Who writes the fixture notes."
    );
    let page = DocumentBody::from_json(
        &fs::read_to_string(out.path().join(&manifest.pages[0].body)).unwrap(),
    )
    .unwrap();
    assert!(page.html.contains("We write fixtures."));

    let study = &manifest.case_studies[0];
    assert_eq!(study.slug, "queue-rescue");
    assert_eq!(study.sections, ["featured", "failure-analysis"]);
    assert_eq!(study.tags, ["kubernetes"]);
    let sections: Vec<_> = manifest
        .case_study_sections
        .iter()
        .map(|s| s.slug.as_str())
        .collect();
    assert_eq!(sections, ["featured", "failure-analysis"]);
}

#[test]
fn front_matter_conventions_are_honoured() {
    let out = tempfile::tempdir().unwrap();
    let (bundle, report) = compile(&options(&fixture("valid-site"), out.path()), None).unwrap();
    let manifest = bundle.manifest;
    let article = |slug: &str| listed(&manifest, slug);

    let yaml = article("yaml-article");
    assert!(yaml.featured);
    assert_eq!(
        yaml.tags,
        ["kubernetes", "llm"],
        "duplicate tags by slug are dropped"
    );
    assert!(
        yaml.summary.ends_with('…') && yaml.summary.chars().count() <= 221,
        "{}",
        yaml.summary
    );
    assert!(!yaml.own_summary, "cut from the first paragraph");

    let toml = article("toml-article");
    assert_eq!(toml.date.to_string(), "2026-02-01");
    assert_eq!(toml.updated.unwrap().to_string(), "2026-02-10");
    assert_eq!(toml.category.as_deref(), Some("ai-automation"));
    assert_eq!(
        toml.summary,
        "A written summary wins over the first paragraph."
    );
    assert!(toml.own_summary);

    let hugo = article("hugo-post");
    assert_eq!(hugo.category.as_deref(), Some("systems-design"));
    assert_eq!(hugo.summary, "Hugo's description becomes the summary.");
    assert!(hugo.own_summary);

    let jekyll = article("jekyll-style-name");
    assert_eq!(jekyll.date.to_string(), "2026-01-05");
    assert_eq!(jekyll.tags, ["ecommerce"]);

    let counts: Vec<_> = manifest
        .categories
        .iter()
        .map(|c| (c.slug.as_str(), c.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("systems-design", 2),
            ("ai-automation", 2),
            ("empty-category", 0)
        ]
    );
    let tags: Vec<_> = manifest
        .tags
        .iter()
        .map(|t| (t.slug.as_str(), t.name.as_str(), t.count))
        .collect();
    assert_eq!(
        tags,
        [
            ("ecommerce", "Ecommerce", 1),
            ("kubernetes", "Kubernetes", 1),
            ("llm", "LLM", 2)
        ]
    );

    let warnings: Vec<_> = report.warnings.iter().map(ToString::to_string).collect();
    let hugo_path = fixture("valid-site").join("articles/hugo-post.md");
    assert_eq!(
        warnings,
        [format!(
            "{}:8: warning: unknown key `weight` ignored",
            hugo_path.display()
        )]
    );
    // Hugo's `author` is read.
    let hugo = manifest
        .latest
        .iter()
        .find(|article| article.slug == "hugo-post")
        .unwrap();
    assert_eq!(hugo.authors, ["Someone"]);
}

#[test]
fn drafts_and_future_articles_are_included_on_request() {
    let out = tempfile::tempdir().unwrap();
    let mut opts = options(&fixture("valid-site"), out.path());
    opts.include_drafts = true;
    opts.include_future = true;
    let (bundle, report) = compile(&opts, None).unwrap();
    assert_eq!(
        (
            report.published,
            report.left_out_drafts,
            report.left_out_future
        ),
        (6, 0, 0)
    );
    assert_eq!(bundle.manifest.latest[0].slug, "future");
}

#[test]
fn output_is_byte_identical_across_runs() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let report = build(&options(&fixture("valid-site"), first.path())).unwrap();
    build(&options(&fixture("valid-site"), second.path())).unwrap();
    let files = |root: &Path| {
        let mut found = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    found.push((
                        path.strip_prefix(root).unwrap().to_path_buf(),
                        fs::read(&path).unwrap(),
                    ));
                }
            }
        }
        found.sort();
        found
    };
    let (a, b) = (files(first.path()), files(second.path()));
    assert!(!a.is_empty());
    assert_eq!(a, b);

    // Every file but the manifest is named by its content's hash, article bodies included,
    // which are written as they are named. First pages and entry files are named by their
    // folder, whose hash covers them all.
    let mut hashed = 0;
    let mut first_pages = 0;
    let mut entries = 0;
    for (path, bytes) in &a {
        let name = path.file_name().unwrap().to_str().unwrap();
        if name == "manifest.json" {
            continue;
        }
        if path.starts_with("first-pages") {
            first_pages += 1;
            continue;
        }
        if path.starts_with("entries") {
            entries += 1;
            continue;
        }
        let hash = name.rsplit('.').nth(1).unwrap();
        assert_eq!(hash, content_hash(bytes), "{}", path.display());
        hashed += 1;
    }
    assert_eq!(
        a.iter()
            .filter(|(path, _)| path.starts_with("articles"))
            .count(),
        report.published
    );
    // The fixture's three categories and three tags.
    assert_eq!(first_pages, 6);
    assert_eq!(
        entries,
        report
            .published
            .div_ceil(quire_model::facets::ENTRY_CHUNK_LENGTH)
    );
    assert_eq!(hashed + first_pages + entries, a.len() - 1);
}

/// A content folder with a `site.toml` of one category, Engineering, and an empty `articles/`.
fn one_category_site() -> tempfile::TempDir {
    let content = tempfile::tempdir().unwrap();
    fs::write(
        content.path().join("site.toml"),
        "title = \"T\"\n[[categories]]\nname = \"Engineering\"\n",
    )
    .unwrap();
    fs::create_dir(content.path().join("articles")).unwrap();
    content
}

/// Writes a one-category site with the given article files and returns every message.
fn messages_for(articles: &[(&str, &[u8])]) -> Vec<String> {
    let content = tempfile::tempdir().unwrap();
    fs::write(content.path().join("site.toml"), "title = \"T\"\n[[categories]]\nname = \"Engineering\"\n[[categories]]\nname = \"Leadership\"\n").unwrap();
    fs::create_dir(content.path().join("articles")).unwrap();
    for (name, bytes) in articles {
        fs::write(content.path().join("articles").join(name), bytes).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    match build(&options(content.path(), &out.path().join("bundle"))) {
        Err(BuildError::Content(diagnostics)) => {
            let folder = format!("{}/", content.path().join("articles").display());
            diagnostics
                .iter()
                .map(|d| d.to_string().replace(&folder, ""))
                .collect()
        }
        other => panic!("expected content errors, got {other:?}"),
    }
}

fn check(articles: &[(&str, &[u8])], expected: &[&str]) {
    assert_eq!(messages_for(articles), expected);
}

const OK_BODY: &str = "\n\nText.\n";

#[test]
fn each_broken_article_is_named_with_its_line_and_problem() {
    check(
        &[("a.md", b"# No front matter\n")],
        &["a.md:1: no front matter: a content file starts with `---` (YAML) or `+++` (TOML)"],
    );
    check(
        &[("a.md", b"---\ntitle: A\n")],
        &["a.md:1: front matter opened with `---` on line 1 is never closed"],
    );
    check(
        &[(
            "a.md",
            format!("---\ndate: 2026-01-01\ncategory: Engineering\n---{OK_BODY}").as_bytes(),
        )],
        &["a.md:1: missing required field `title`"],
    );
    check(
        &[(
            "a.md",
            format!("---\ntitle: A\ncategory: Engineering\n---{OK_BODY}").as_bytes(),
        )],
        &["a.md:1: missing required field `date`"],
    );
    check(
        &[(
            "a.md",
            format!("---\ntitle: A\ncategory: Engineering\ndate: 2026-02-30\n---{OK_BODY}")
                .as_bytes(),
        )],
        &["a.md:4: `date`: day 30 is out of range for 2026-02"],
    );
    check(
        &[(
            "a.md",
            format!("---\ntitle: A\ndate: \"\"\ncategory: Engineering\n---{OK_BODY}").as_bytes(),
        )],
        &["a.md:3: `date`: expected a date as YYYY-MM-DD or RFC 3339, found \"\""],
    );
    check(
        &[(
            "a.md",
            format!("---\ntitle: A\ndate: soon\ncategory: Engineering\n---{OK_BODY}").as_bytes(),
        )],
        &["a.md:3: `date`: expected a date as YYYY-MM-DD or RFC 3339, found \"soon\""],
    );
    check(
        &[(
            "a.md",
            format!("---\ntitle: A\ndate: 2026-01-01\ncategory: Cooking\n---{OK_BODY}").as_bytes(),
        )],
        &["a.md:4: unknown category \"Cooking\"; declared in site.toml: Engineering, Leadership"],
    );
    check(
        &[("a.md", format!("+++\ntitle = \"A\"\ndate = 2026-01-01\ncategory = \"Engineering\"\ndraft = \"yes\"\n+++{OK_BODY}").as_bytes())],
        &["a.md:5: `draft` must be true or false"],
    );
    check(
        &[("a.md", format!("---\ntitle: A\ndate: 2026-01-01\ncategory: Engineering\ntags: {{a: 1}}\n---{OK_BODY}").as_bytes())],
        &["a.md:5: `tags` must be a list of text"],
    );
    check(
        &[("a.md", b"---\ntitle: A\ntitle: B\n---\n")],
        &["a.md:2: malformed YAML front matter: duplicate entry with key \"title\""],
    );
}

#[test]
fn invalid_utf8_is_reported_on_its_line() {
    check(
        &[("a.md", b"---\ntitle: A\n\xff\xfe\n---\n")],
        &["a.md:3: file is not valid UTF-8"],
    );
}

#[test]
fn every_problem_in_every_file_is_listed_in_order() {
    let article = |title: &str| {
        format!(
            "---\ntitle: {title}\ndate: 2026-01-01\ncategory: Engineering\nslug: same\n---{OK_BODY}"
        )
    };
    let (b, c) = (article("B"), article("C"));
    check(
        &[
            ("b.md", b.as_bytes()),
            ("c.md", c.as_bytes()),
            ("a.md", b"no front matter"),
        ],
        &[
            "a.md:1: no front matter: a content file starts with `---` (YAML) or `+++` (TOML)",
            "c.md:1: duplicate slug `same`: b.md has it too",
        ],
    );
}

#[test]
fn checking_names_every_file_as_a_build_writes_it() {
    let out = tempfile::tempdir().unwrap();
    let opts = options(&fixture("valid-site"), out.path());
    let (checked, _) = compile(&opts, None).unwrap();
    build(&opts).unwrap();
    let written: quire_model::Manifest =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(written, checked.manifest);
    for path in &written.lookup {
        let bucket: quire_model::LookupBucket =
            serde_json::from_slice(&fs::read(out.path().join(path)).unwrap()).unwrap();
        for body in bucket.bodies.values() {
            assert!(out.path().join(body).is_file(), "{body}");
        }
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_in_place() {
    let content = one_category_site();
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("bundle");
    let good = format!("---\ntitle: Good\ndate: 2026-01-01\ncategory: Engineering\n---{OK_BODY}");
    fs::write(content.path().join("articles/good.md"), &good).unwrap();
    build(&options(content.path(), &bundle)).unwrap();
    let before = fs::read(bundle.join("manifest.json")).unwrap();

    fs::write(
        content.path().join("articles/bad.md"),
        "---\ntitle: Bad\n---\n",
    )
    .unwrap();
    assert!(matches!(
        build(&options(content.path(), &bundle)),
        Err(BuildError::Content(_))
    ));
    assert_eq!(fs::read(bundle.join("manifest.json")).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["bundle"],
        "no temporary folders are left behind"
    );
}

/// Every file and folder under `root`, by path: a file with its bytes, a folder with none.
fn tree(root: &Path) -> std::collections::BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut found = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let bytes = if path.is_dir() {
                stack.push(path.clone());
                None
            } else {
                Some(fs::read(&path).unwrap())
            };
            found.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
        }
    }
    found
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// Whatever fails once the bundle is compiled (a file the site cannot take, a broken shell, a
/// static file in the compiler's way), the whole site stays as the last good build left it,
/// bundle, pages, feeds, host rules, static files and compressed copies alike.
#[test]
fn a_failed_build_of_any_kind_leaves_the_whole_site_as_it_was() {
    let content = tempfile::tempdir().unwrap();
    copy_tree(&fixture("valid-site"), content.path());
    fs::create_dir_all(content.path().join("static/img")).unwrap();
    fs::write(content.path().join("static/img/kept.svg"), "<svg/>").unwrap();
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    let shell = root.path().join("shell.html");
    fs::write(&shell, SHELL).unwrap();
    let mut opts = options(content.path(), &site.join("bundle"));
    opts.site_out = Some(site.clone());
    opts.shell = Some(shell);
    opts.precompress = true;
    build(&opts).unwrap();
    // What the failed builds would publish: a new article, so every listing, feed and the
    // bundle differ, and a changed static file.
    fs::write(
        content.path().join("articles/later.md"),
        format!("---\ntitle: Later\ndate: 2026-02-01\ncategory: Systems Design\n---{OK_BODY}"),
    )
    .unwrap();
    fs::write(content.path().join("static/img/kept.svg"), "<svg>new</svg>").unwrap();

    let in_the_way: [(&str, bool, &str); 4] = [
        ("404.html", true, "a folder stands where a file goes"),
        ("sitemap.xml", true, "a folder stands where a file goes"),
        ("tag", false, "a file stands where a folder goes"),
        (
            "insights/later/index.html.gz",
            true,
            "a folder stands where a file goes",
        ),
    ];
    for (path, folder, problem) in in_the_way {
        let blocker = site.join(path);
        let _ = fs::remove_file(&blocker).or_else(|_| fs::remove_dir_all(&blocker));
        fs::create_dir_all(blocker.parent().unwrap()).unwrap();
        if folder {
            fs::create_dir_all(blocker.join("inside")).unwrap();
        } else {
            fs::write(&blocker, "a file").unwrap();
        }
        let before = tree(&site);
        let error = build(&opts).unwrap_err();
        if let BuildError::Content(diagnostics) = &error {
            panic!("{path}: {diagnostics:?}");
        }
        assert!(error.left_output_untouched(), "{path}: {error}");
        assert_eq!(
            error.to_string(),
            format!("{}: {problem}", blocker.display())
        );
        assert!(before == tree(&site), "{path}: the site changed");
        let _ = fs::remove_file(&blocker).or_else(|_| fs::remove_dir_all(&blocker));
    }

    let before = tree(&site);
    let mut broken_shell = opts.clone();
    broken_shell.shell = Some(root.path().join("missing.html"));
    assert!(matches!(build(&broken_shell), Err(BuildError::Io { .. })));
    assert!(before == tree(&site), "a missing shell changed the site");
    fs::write(
        root.path().join("broken.html"),
        "<html><body></body></html>",
    )
    .unwrap();
    broken_shell.shell = Some(root.path().join("broken.html"));
    assert!(matches!(
        build(&broken_shell),
        Err(BuildError::Shell { .. })
    ));
    assert!(before == tree(&site), "a broken shell changed the site");
    fs::write(content.path().join("static/feed.xml"), "mine").unwrap();
    assert!(matches!(build(&opts), Err(BuildError::Content(_))));
    assert!(
        before == tree(&site),
        "a static-file clash changed the site"
    );
    fs::remove_file(content.path().join("static/feed.xml")).unwrap();

    build(&opts).unwrap();
    let after = tree(&site);
    assert!(after.contains_key(Path::new("insights/later/index.html.br")));
    assert_eq!(
        after[Path::new("img/kept.svg")].as_deref(),
        Some(&b"<svg>new</svg>"[..])
    );
    let hidden: Vec<_> = after
        .keys()
        .filter(|path| {
            path.to_string_lossy().contains(".partial-")
                || path.to_string_lossy().contains(".previous-")
        })
        .collect();
    assert!(hidden.is_empty(), "left behind: {hidden:?}");
    let siblings: Vec<_> = fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        3,
        "nothing is left beside the site: {siblings:?}"
    );
}

/// Articles are the markdown files of `articles/` and the links to files; folders, links to
/// nothing and other files are not.
#[test]
fn linked_articles_are_read_and_folders_and_dangling_links_are_not() {
    let content = one_category_site();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let articles = content.path().join("articles");
    let article = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2026-01-01\ncategory: Engineering\n---{OK_BODY}")
    };
    fs::write(articles.join("here.md"), article("Here")).unwrap();
    fs::write(elsewhere.path().join("there.md"), article("There")).unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("there.md"),
        articles.join("linked.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("gone.md"),
        articles.join("dangling.md"),
    )
    .unwrap();
    fs::create_dir(articles.join("folder.md")).unwrap();
    fs::write(articles.join("notes.txt"), "not an article").unwrap();

    let report = build(&options(content.path(), &out.path().join("bundle"))).unwrap();
    assert_eq!(report.published, 2);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

/// Tags that make one slug are one tag, shown under one of their names: spellings that differ
/// in more than letter case are warned about, in one file and across files, and a tag of no
/// ASCII letters or digits (which has no address) is an error.
#[test]
fn tags_spelled_differently_with_one_slug_are_warned_about() {
    let content = one_category_site();
    let out = tempfile::tempdir().unwrap();
    let articles = content.path().join("articles");
    let article = |tags: &str| {
        format!(
            "---\ntitle: T\ndate: 2026-01-01\ncategory: Engineering\ntags: {tags}\n---{OK_BODY}"
        )
    };
    fs::write(articles.join("a.md"), article("[C, Go, C++]")).unwrap();
    fs::write(articles.join("b.md"), article("[go, Node.js, c]")).unwrap();
    fs::write(articles.join("c.md"), article("[node js, \"C#\"]")).unwrap();

    let report = build(&options(content.path(), &out.path().join("bundle"))).unwrap();
    let folder = format!("{}/", articles.display());
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .map(|warning| warning.to_string().replace(&folder, ""))
        .collect();
    let one_tag = "are one tag: both make the slug `c` (/tag/c); spell them alike, or rename one \
                   if they are different things";
    assert_eq!(
        warnings,
        [
            format!("a.md:5: warning: tags \"C\" and \"C++\" {one_tag}"),
            format!("c.md:5: warning: tags \"C\" (a.md:5) and \"C#\" {one_tag}"),
            "c.md:5: warning: tags \"Node.js\" (b.md:5) and \"node js\" are one tag: both make \
             the slug `node-js` (/tag/node-js); spell them alike, or rename one if they are \
             different things"
                .to_owned(),
        ]
    );

    assert_eq!(
        messages_for(&[(
            "a.md",
            format!("---\ntitle: A\ndate: 2026-01-01\ncategory: Engineering\ntags: [Rust, 日本語]\n---{OK_BODY}")
                .as_bytes(),
        )]),
        ["a.md:5: tag \"日本語\" has no ASCII letters or digits to make its address (/tag/<slug>) from"]
    );
}

/// An author's HTML that the sanitiser drops is a warning at its line in the file, and the
/// build goes on without it.
#[test]
fn html_the_sanitiser_leaves_out_is_named_where_it_is_written() {
    let content = one_category_site();
    let out = tempfile::tempdir().unwrap();
    let articles = content.path().join("articles");
    fs::write(
        articles.join("a.md"),
        "---\ntitle: A\ndate: 2026-01-01\ncategory: Engineering\n---\n\nIntro.\n\n<iframe src=\"https://video.example/x\"></iframe>\n",
    )
    .unwrap();
    let report = build(&options(content.path(), &out.path().join("bundle"))).unwrap();
    assert_eq!(report.published, 1);
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [format!(
            "{}:9: warning: the element <iframe> is not allowed in content and was left out of the page",
            articles.join("a.md").display()
        )]
    );
}

#[test]
fn a_missing_site_toml_names_the_file() {
    let content = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let error = build(&options(content.path(), out.path())).unwrap_err();
    assert!(matches!(error, BuildError::Io { .. }));
    assert!(error.to_string().contains("site.toml"), "{error}");
}

/// Writes a site with the given files (paths under the content folder) and returns the messages.
fn site_messages(files: &[(&str, &str)]) -> Vec<String> {
    let content = tempfile::tempdir().unwrap();
    fs::write(
        content.path().join("site.toml"),
        "title = \"T\"\n[[categories]]\nname = \"Engineering\"\n[[case_study_sections]]\nname = \"Featured\"\n",
    )
    .unwrap();
    for (path, text) in files {
        let path = content.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    match build(&options(content.path(), out.path())) {
        Err(BuildError::Content(diagnostics)) => {
            let root = format!("{}/", content.path().display());
            diagnostics
                .iter()
                .map(|d| d.to_string().replace(&root, ""))
                .collect()
        }
        other => panic!("expected content errors, got {other:?}"),
    }
}

#[test]
fn pages_and_case_studies_report_their_problems() {
    assert_eq!(
        site_messages(&[("pages/insights.md", "---\ntitle: Clash\n---\nx\n")]),
        [
            "pages/insights.md:1: the page slug `insights` is taken by a built-in route; reserved: insights, category, tag, tags, archive, case-studies, search, bundle"
        ]
    );
    assert_eq!(
        site_messages(&[("pages/about.md", "---\ndescription: no title\n---\nx\n")]),
        ["pages/about.md:1: missing required field `title`"]
    );
    assert_eq!(
        site_messages(&[(
            "case-studies/a.md",
            "---\ntitle: A\nsections: [Featured, Wins]\n---\nx\n"
        )]),
        [
            "case-studies/a.md:3: unknown case-study section \"Wins\"; declared in site.toml: Featured"
        ]
    );
    assert_eq!(
        site_messages(&[("case-studies/a.md", "---\ntitle: A\n---\nx\n")]),
        ["case-studies/a.md:1: missing required field `sections`"]
    );
}

/// A corpus far past one shard and one lookup bucket still yields a small manifest and a lookup
/// that finds every article.
#[test]
fn a_large_corpus_is_sharded_and_every_slug_resolves() {
    let content = one_category_site();
    let articles = content.path().join("articles");
    let count = 1_234;
    for index in 0..count {
        let day = index % 28 + 1;
        let month = index / 28 % 12 + 1;
        fs::write(
            articles.join(format!("post-{index}.md")),
            format!("---\ntitle: Post {index}\ndate: 2025-{month:02}-{day:02}\ncategory: Engineering\ntags: [t{}]\n---\n\nBody {index}.\n", index % 40),
        )
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let report = build(&options(content.path(), out.path())).unwrap();
    assert_eq!(report.published, count);
    let manifest_json = fs::read_to_string(out.path().join("manifest.json")).unwrap();
    let manifest = Manifest::from_json(&manifest_json).unwrap();
    assert_eq!(manifest.article_count, count);
    assert_eq!(
        manifest.latest.len(),
        quire_compiler::assemble::LATEST_COUNT
    );
    assert_eq!(
        manifest.shards.len(),
        count.div_ceil(quire_compiler::assemble::SHARD_SIZE)
    );
    assert_eq!(
        manifest.shards.iter().map(|s| s.count).sum::<usize>(),
        count
    );
    assert!(manifest.lookup.len() > 1);
    assert!(
        manifest_json.len() < 40_000,
        "manifest is {} bytes",
        manifest_json.len()
    );
    let archived: usize = manifest.archive.iter().map(|m| m.count).sum();
    assert_eq!(archived, count);
    for index in (0..count).step_by(97) {
        let body = body_of(out.path(), &manifest, &format!("post-{index}"));
        assert_eq!(body.article.title, format!("Post {index}"));
    }
}

/// The synthetic generator writes content the compiler accepts without a single warning.
#[test]
fn a_synthetic_corpus_compiles_cleanly() {
    let content = tempfile::tempdir().unwrap();
    let newest = Date::parse("2026-05-01").unwrap();
    for file in quire_compiler::synth::corpus(300, 42, newest) {
        let path = content.path().join(&file.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, file.text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let report = build(&options(content.path(), out.path())).unwrap();
    assert_eq!(report.published, 300);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let manifest =
        Manifest::from_json(&fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest.latest[0].date, newest);
    assert!(manifest.tags.len() > 20);
    assert!(manifest.categories.iter().all(|c| c.count > 0));
}

/// Each folder under `fixtures/broken` is a site with deliberate mistakes; its `expected.txt`
/// holds every message the build must print, paths relative to the folder, in order.
#[test]
fn each_broken_fixture_fails_with_exactly_its_expected_messages() {
    let broken = fixture("broken");
    let mut cases: Vec<_> = fs::read_dir(&broken)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "the broken fixtures are missing");
    for case in cases {
        let expected = fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|_| panic!("{} has no expected.txt", case.display()));
        let out = tempfile::tempdir().unwrap();
        let messages = match build(&options(&case, out.path())) {
            Err(BuildError::Content(diagnostics)) => {
                let root = format!("{}/", case.display());
                diagnostics
                    .iter()
                    .map(|d| d.to_string().replace(&root, ""))
                    .collect::<Vec<_>>()
            }
            other => panic!("{}: expected content errors, got {other:?}", case.display()),
        };
        assert_eq!(
            messages,
            expected.lines().collect::<Vec<_>>(),
            "{}",
            case.display()
        );
    }
}

/// Builds the fixture site with its site files and returns the folder.
fn built_site() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let mut opts = options(&fixture("valid-site"), &root.path().join("bundle"));
    opts.site_out = Some(root.path().to_path_buf());
    build(&opts).unwrap();
    root
}

fn xml(root: &Path, path: &str) -> String {
    let text = fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
    text
}

/// Text of the elements named `tag`; in an RSS feed, Atom's `atom:link` is not the RSS `link`.
fn texts(text: &str, tag: &str) -> Vec<String> {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let document = roxmltree::Document::parse(text).unwrap();
    let is_rss = document.root_element().tag_name().name() == "rss";
    document
        .descendants()
        .filter(|node| node.tag_name().name() == tag)
        .filter(|node| !(is_rss && node.tag_name().namespace() == Some(ATOM)))
        .map(|node| node.text().unwrap_or_default().to_owned())
        .collect()
}

const PUBLISHED: [&str; 4] = [
    "yaml-article",
    "toml-article",
    "hugo-post",
    "jekyll-style-name",
];

#[test]
fn the_rss_feed_lists_exactly_the_published_articles_with_full_content() {
    let root = built_site();
    let feed = xml(root.path(), "feed.xml");
    let links = texts(&feed, "link");
    let expected: Vec<String> = std::iter::once("https://fixture.example/".to_owned())
        .chain(
            PUBLISHED
                .iter()
                .map(|slug| format!("https://fixture.example/insights/{slug}/")),
        )
        .collect();
    assert_eq!(links, expected, "drafts and future articles are left out");
    let dates = texts(&feed, "pubDate");
    // A date alone is midnight UTC; a time of day written with it (the TOML article's) is kept
    // with its offset.
    assert_eq!(
        dates,
        [
            "Fri, 13 Mar 2026 00:00:00 +0000",
            "Sun, 01 Feb 2026 09:30:00 +0100",
            "Tue, 20 Jan 2026 00:00:00 +0000",
            "Mon, 05 Jan 2026 00:00:00 +0000"
        ]
    );
    let content = texts(&feed, "encoded");
    assert!(
        content[0].contains("<h2 id=\"why-queues\">"),
        "full HTML content: {}",
        content[0]
    );
    assert!(feed.contains("rel=\"self\""));
}

#[test]
fn the_atom_feed_and_category_feeds_are_valid_and_scoped() {
    let root = built_site();
    let atom = xml(root.path(), "atom.xml");
    assert_eq!(texts(&atom, "id")[0], "https://fixture.example/atom.xml");
    let published = texts(&atom, "published");
    assert_eq!(published.len(), PUBLISHED.len());
    assert_eq!(
        published,
        [
            "2026-03-13T00:00:00Z",
            "2026-02-01T09:30:00+01:00",
            "2026-01-20T00:00:00Z",
            "2026-01-05T00:00:00Z"
        ]
    );
    assert_eq!(texts(&atom, "updated")[0], "2026-03-13T00:00:00Z");

    let category = xml(root.path(), "category/ai-automation/feed.xml");
    let links: Vec<_> = texts(&category, "link").into_iter().skip(1).collect();
    assert_eq!(
        links,
        [
            "https://fixture.example/insights/toml-article/",
            "https://fixture.example/insights/jekyll-style-name/"
        ]
    );
    xml(root.path(), "category/systems-design/atom.xml");
    assert!(
        !root.path().join("category/empty-category").exists(),
        "no feed for an empty category"
    );
}

#[test]
fn the_sitemap_lists_every_route_with_absolute_urls() {
    let root = built_site();
    let sitemap = xml(root.path(), "sitemap.xml");
    let urls = texts(&sitemap, "loc");
    for expected in [
        "https://fixture.example/",
        "https://fixture.example/insights/",
        "https://fixture.example/insights/yaml-article/",
        "https://fixture.example/category/systems-design/",
        "https://fixture.example/tag/llm/",
        "https://fixture.example/archive/2026/03/",
        "https://fixture.example/archive/2026/",
        "https://fixture.example/case-studies/queue-rescue/",
        "https://fixture.example/about/",
    ] {
        assert!(
            urls.iter().any(|url| url == expected),
            "{expected} missing from {urls:?}"
        );
    }
    assert!(
        urls.iter()
            .all(|url| url.starts_with("https://fixture.example/"))
    );
    assert!(
        !urls
            .iter()
            .any(|url| url.ends_with("/draft") || url.ends_with("/future"))
    );
    let robots = fs::read_to_string(root.path().join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://fixture.example/sitemap.xml"));
    assert!(root.path().join("_headers").is_file() && root.path().join("_redirects").is_file());
}

/// Trunk's minified `index.html`, as the `post_build` hook finds it.
const SHELL: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>Insights</title><base href=/><script src=/boot-1.js type=module></script><link href=/app-1.css rel=stylesheet></head><body><div id=app></div></body></html>";

/// Builds the fixture site with pre-rendered pages under `base`, returning the folder.
fn prerendered_site(base: &str) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let shell = root.path().join("index.html");
    fs::write(&shell, SHELL.replace("=/", &format!("={base}"))).unwrap();
    let mut opts = options(&fixture("valid-site"), &root.path().join("bundle"));
    opts.site_out = Some(root.path().to_path_buf());
    opts.shell = Some(shell);
    opts.base = quire_model::routes::SiteBase::new(base);
    opts.csp_meta = true;
    build(&opts).unwrap();
    root
}

#[test]
fn an_article_page_shows_the_summary_above_the_body_only_when_the_author_wrote_one() {
    let content = one_category_site();
    let head = |title: &str, summary: &str| {
        format!(
            "---\ntitle: {title}\ndate: 2026-01-01\ncategory: Engineering\n{summary}---\n\nThe first   paragraph says this.\n\nMore.\n"
        )
    };
    for (name, text) in [
        ("cut.md", head("Cut", "")),
        ("own.md", head("Own", "summary: A standfirst of its own.\n")),
        (
            "same.md",
            head("Same", "description: The first paragraph says this.\n"),
        ),
    ] {
        fs::write(content.path().join("articles").join(name), text).unwrap();
    }
    let root = tempfile::tempdir().unwrap();
    let shell = root.path().join("index.html");
    fs::write(&shell, SHELL).unwrap();
    let mut opts = options(content.path(), &root.path().join("bundle"));
    opts.site_out = Some(root.path().to_path_buf());
    opts.shell = Some(shell);
    build(&opts).unwrap();
    let manifest = manifest_at(root.path());
    for (slug, own, standfirst) in [
        ("cut", false, None),
        ("own", true, Some("A standfirst of its own.")),
        ("same", false, None),
    ] {
        assert_eq!(listed(&manifest, slug).own_summary, own, "{slug}");
        let page = shown(
            &fs::read_to_string(root.path().join("insights").join(slug).join("index.html"))
                .unwrap(),
        );
        let standfirst_shown = between(&page, "<p class=\"article__summary\">", "</p>");
        assert_eq!(standfirst_shown.first().copied(), standfirst, "{slug}");
        let article = between(&page, "<article class=\"article\">", "</article>")[0];
        assert_eq!(article.matches("paragraph says this.").count(), 1, "{slug}");
    }
}

fn manifest_at(root: &Path) -> quire_model::Manifest {
    let text = fs::read_to_string(root.join("bundle/manifest.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The split point (`quire::routes`) whose chunk of the app a route's page needs.
fn split_point_of(route: &str) -> &'static str {
    let first = route
        .trim_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    match first {
        "" => "home",
        "insights" if route.trim_matches('/') == "insights" => "listing",
        "insights" => "article",
        "category" | "tag" | "tags" | "search" | "archive" => "listing",
        "case-studies" => "case_studies",
        _ => "page",
    }
}

#[test]
fn every_route_is_pre_rendered_with_its_own_head_and_content() {
    use quire_model::routes;
    let root = prerendered_site("/");
    let manifest = manifest_at(root.path());
    let live = fs::read(root.path().join("bundle/manifest.json")).unwrap();
    let pinned = quire_model::pinned_manifest_file(&quire_compiler::assemble::content_hash(&live));
    assert_eq!(
        fs::read(root.path().join("bundle").join(&pinned)).unwrap(),
        live,
        "the content-named copy is the manifest"
    );
    let mut expected: Vec<(String, String)> = vec![
        ("/".into(), manifest.site.title.clone()),
        ("/insights".into(), "All articles".into()),
        ("/archive".into(), "Archive".into()),
    ];
    for article in &manifest.latest {
        expected.push((routes::article(&article.slug), article.title.clone()));
    }
    for category in &manifest.categories {
        expected.push((routes::category(&category.slug), category.name.clone()));
    }
    for tag in &manifest.tags {
        expected.push((routes::tag(&tag.slug), format!("Tag: {}", tag.name)));
    }
    for month in &manifest.archive {
        expected.push((
            routes::archive_month(month.year, month.month),
            "Archive: ".into(),
        ));
        expected.push((
            routes::archive_year(month.year),
            format!("Archive: {}", month.year),
        ));
    }
    for study in &manifest.case_studies {
        expected.push((routes::case_study(&study.slug), study.title.clone()));
    }
    for page in &manifest.pages {
        expected.push((routes::page(&page.slug), page.title.clone()));
    }
    assert!(expected.len() > 10);
    for (route, heading) in expected {
        let file = if route == "/" {
            root.path().join("index.html")
        } else {
            root.path()
                .join(route.trim_start_matches('/'))
                .join("index.html")
        };
        let html = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{route}: {e}"));
        assert!(
            html.contains(&format!(">{}", heading.replace('&', "&amp;"))),
            "{route} shows `{heading}`"
        );
        assert!(
            html.contains(&format!(
                "<link href=\"{}\" rel=\"canonical\">",
                routes::public_url(&manifest.site.base_url, &route)
            )),
            "{route} has its canonical URL"
        );
        assert!(
            html.contains("<meta http-equiv=\"Content-Security-Policy\""),
            "{route}"
        );
        assert!(
            html.contains(&format!(
                "<div id=\"app\" data-route=\"{route}\" data-split-point=\"{}\">",
                split_point_of(&route)
            )),
            "{route}: the app hydrates the page it was rendered for, with its route's chunk"
        );
        assert!(
            html.contains(&format!(
                "<script type=\"application/json\" id=\"quire-data\" data-manifest=\"{pinned}\">{{"
            )),
            "{route}: the data it was rendered from, and the manifest it names"
        );
    }
    let not_found = fs::read_to_string(root.path().join("404.html")).unwrap();
    assert!(not_found.contains("This page does not exist"));
    assert!(not_found.contains("content=\"noindex\""));

    let article = &manifest.latest[0];
    let html = fs::read_to_string(
        root.path()
            .join(routes::article(&article.slug).trim_start_matches('/'))
            .join("index.html"),
    )
    .unwrap();
    let json_ld = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("articles carry JSON-LD");
    let value: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(value["@type"], "BlogPosting");
    assert_eq!(value["headline"], article.title.as_str());
}

#[test]
fn under_a_sub_path_no_link_or_asset_leaves_it() {
    let root = prerendered_site("/blog/");
    let manifest = manifest_at(root.path());
    assert!(
        manifest.site.base_url.ends_with("/blog"),
        "{}",
        manifest.site.base_url
    );
    let mut checked = 0;
    let mut stack = vec![root.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let html = fs::read_to_string(&path).unwrap();
                // The data the page was rendered from and the route it was rendered for name
                // routes, not links; `/` is the search box's key.
                let html = match html.split_once("<script type=\"application/json\"") {
                    Some((markup, _)) => shown(markup)
                        .replace("aria-keyshortcuts=\"/\"", "")
                        .replace("data-route=\"/", "data-route=\""),
                    None => html,
                };
                for piece in html.split(['"', '=', ' ', '>']).skip(1) {
                    // `/>` ends a tag and `/<` is a slash of text (the search box's key hint).
                    if piece.starts_with('/')
                        && !piece.starts_with("//")
                        && !piece.starts_with("/>")
                        && !piece.starts_with("/<")
                    {
                        assert!(piece.starts_with("/blog/"), "{}: {piece}", path.display());
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 10);
    let headers = fs::read_to_string(root.path().join("_headers")).unwrap();
    assert!(headers.starts_with("/blog/*\n  Content-Security-Policy:"));
}

#[test]
fn a_shell_the_compiler_cannot_use_fails_the_build_naming_the_file() {
    let root = tempfile::tempdir().unwrap();
    let shell = root.path().join("index.html");
    fs::write(&shell, "<html><title>x</title><body></body></html>").unwrap();
    let mut opts = options(&fixture("valid-site"), &root.path().join("bundle"));
    opts.site_out = Some(root.path().to_path_buf());
    opts.shell = Some(shell.clone());
    let error = build(&opts).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "{}: the app shell has no <div id=\"app\">; it needs a <title> and a <div id=\"app\">",
            shell.display()
        )
    );
}

#[test]
fn the_search_index_finds_every_article_by_its_title_at_its_listing_position() {
    use quire_model::search::{Dictionary, PostingsShard};
    let out = tempfile::tempdir().unwrap();
    build(&options(&fixture("valid-site"), out.path())).unwrap();
    let manifest =
        Manifest::from_json(&fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    let dictionary =
        Dictionary::decode(&fs::read(out.path().join(&manifest.search.dictionary)).unwrap())
            .unwrap();
    assert_eq!(dictionary.document_count(), manifest.article_count);
    assert_eq!(dictionary.shard_count(), manifest.search.postings.len());
    let shards: Vec<PostingsShard> = manifest
        .search
        .postings
        .iter()
        .map(|path| PostingsShard::decode(&fs::read(out.path().join(path)).unwrap()).unwrap())
        .collect();
    let listing: Vec<ArticleSummary> = manifest
        .shards
        .iter()
        .flat_map(|shard| {
            quire_model::ListingShard::from_json(
                &fs::read_to_string(out.path().join(&shard.path)).unwrap(),
            )
            .unwrap()
            .articles
        })
        .collect();
    let documents: Vec<quire_model::SearchDocument> = manifest
        .search
        .documents
        .iter()
        .flat_map(|path| {
            quire_model::SearchDocuments::from_json(
                &fs::read_to_string(out.path().join(path)).unwrap(),
            )
            .unwrap()
            .documents
        })
        .collect();
    assert_eq!(documents.len(), listing.len());
    for (position, article) in listing.iter().enumerate() {
        assert_eq!(documents[position].slug, article.slug);
        assert_eq!(documents[position].title, article.title);
        let plan = dictionary.plan(&article.title);
        let hits = dictionary.rank(&plan, |stem| {
            shards[dictionary.shard_of(stem)].postings(stem)
        });
        assert!(
            hits.iter().any(|hit| hit.doc as usize == position),
            "{} is not found by its own title",
            article.slug
        );
    }
}

/// Every article of a built bundle, newest first, from its listing shards.
fn every_article(bundle: &Path, manifest: &Manifest) -> Vec<ArticleSummary> {
    manifest
        .shards
        .iter()
        .flat_map(|shard| {
            let text = fs::read_to_string(bundle.join(&shard.path)).unwrap();
            quire_model::ListingShard::from_json(&text)
                .unwrap()
                .articles
        })
        .collect()
}

/// The texts between each `start` and the next `end` in `html`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    html.split(start)
        .skip(1)
        .map(|rest| &rest[..rest.find(end).unwrap()])
        .collect()
}

/// `html` without the empty comments that mark where the app's views begin and end for
/// hydration: what a reader sees.
fn shown(html: &str) -> String {
    html.replace("<!>", "").replace("<!--<() />-->", "")
}

#[test]
fn served_listings_hold_the_apps_filter_bar_with_counts_over_every_article() {
    use quire_model::routes;
    let root = prerendered_site("/");
    let manifest = manifest_at(root.path());
    let articles = every_article(&root.path().join("bundle"), &manifest);
    assert_eq!(articles.len(), manifest.article_count);
    let category = &manifest.categories[0];
    let tag = manifest.tags.iter().max_by_key(|tag| tag.count).unwrap();
    let pages = [
        ("/insights".to_owned(), None, None),
        (routes::category(&category.slug), Some(&category.slug), None),
        (routes::tag(&tag.slug), None, Some(&tag.slug)),
    ];
    for (route, fixed_category, fixed_tag) in pages {
        let matching: Vec<&ArticleSummary> = articles
            .iter()
            .filter(|a| fixed_category.is_none_or(|slug| a.category.as_ref() == Some(slug)))
            .filter(|a| fixed_tag.is_none_or(|slug| a.tags.contains(slug)))
            .collect();
        let html = shown(
            &fs::read_to_string(
                root.path()
                    .join(route.trim_start_matches('/'))
                    .join("index.html"),
            )
            .unwrap(),
        );
        let bar = between(
            &html,
            "<form data-needs-js role=\"search\" aria-label=\"Filter articles\" class=\"filter-bar ",
            "</form>",
        );
        assert_eq!(
            bar.len(),
            1,
            "{route}: one filter bar, shown only with scripts"
        );
        let bar = bar[0];
        assert!(
            html.find("<form data-needs-js role=\"search\" aria-label=\"Filter articles\"")
                .unwrap()
                < html.find("class=\"filtered-listing__count\"").unwrap(),
            "{route}: the bar stands before the count"
        );

        let offered_categories: Vec<String> =
            between(bar, "<label for=\"filter-category-", "</label>")
                .into_iter()
                .map(|label| label[label.find('>').unwrap() + 1..].to_owned())
                .collect();
        let expected_categories: Vec<String> = if fixed_category.is_some() {
            Vec::new()
        } else {
            manifest
                .categories
                .iter()
                .map(|c| {
                    let count = matching
                        .iter()
                        .filter(|a| a.category.as_ref() == Some(&c.slug))
                        .count();
                    format!(
                        "{}<span class=\"filter-bar__count\"> ({count})</span>",
                        c.name.replace('&', "&amp;")
                    )
                })
                .collect()
        };
        assert_eq!(offered_categories, expected_categories, "{route}");

        let mut tag_counts: Vec<(usize, &str, &str)> = manifest
            .tags
            .iter()
            .map(|t| {
                let count = matching.iter().filter(|a| a.tags.contains(&t.slug)).count();
                (count, t.slug.as_str(), t.name.as_str())
            })
            .filter(|&(count, slug, _)| count > 0 || fixed_tag.is_some_and(|fixed| fixed == slug))
            .collect();
        // The fixed tag counts as chosen: first, then left out of the bar.
        tag_counts.sort_by(|a, b| {
            let chosen = |slug: &str| fixed_tag.is_some_and(|fixed| fixed == slug);
            chosen(b.1)
                .cmp(&chosen(a.1))
                .then(b.0.cmp(&a.0))
                .then(a.1.cmp(b.1))
        });
        let expected_tags: Vec<String> = tag_counts
            .into_iter()
            .take(quire_model::query::TAG_CHOICES)
            .filter(|&(_, slug, _)| fixed_tag.is_none_or(|fixed| fixed != slug))
            .map(|(count, _, name)| {
                format!(
                    "{}<span class=\"filter-bar__count\"> {count}</span>",
                    name.replace('&', "&amp;")
                )
            })
            .collect();
        assert!(!expected_tags.is_empty(), "{route}");
        assert_eq!(
            between(
                bar,
                "aria-pressed=\"false\" class=\"tag-toggle\">",
                "</button>"
            ),
            expected_tags,
            "{route}"
        );
    }
}

#[test]
fn pre_rendered_pages_mark_the_section_the_reader_is_in() {
    use quire_model::routes;
    let root = prerendered_site("/blog/");
    let manifest = manifest_at(root.path());
    let page = |route: &str| {
        let path = route.trim_start_matches('/');
        fs::read_to_string(root.path().join(path).join("index.html")).unwrap()
    };
    let current = |html: &str| {
        let header = &html[..html.find("</header>").unwrap()];
        between(header, "<a ", ">")
            .into_iter()
            .filter(|attributes| attributes.contains("aria-current=\"page\""))
            .map(|attributes| between(attributes, "href=\"", "\"")[0].to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(current(&page("/")), ["/blog/"]);
    assert_eq!(current(&page("/insights")), ["/blog/insights/"]);
    let article = routes::article(&manifest.latest[0].slug);
    assert_eq!(current(&page(&article)), ["/blog/insights/"]);
    assert!(current(&page("/case-studies")).is_empty(), "not in the nav");
    let category = routes::category(&manifest.categories[0].slug);
    assert!(current(&page(&category)).is_empty());
    let not_found = fs::read_to_string(root.path().join("404.html")).unwrap();
    assert!(!not_found.contains("aria-current=\"page\""));
}

/// A corpus of `count` articles over three categories and 30 tags used unevenly, so that tags
/// tie and fall outside the filter bar's choices.
fn skewed_corpus(count: usize) -> tempfile::TempDir {
    let content = tempfile::tempdir().unwrap();
    fs::write(
        content.path().join("site.toml"),
        "title = \"T\"\n[[categories]]\nname = \"Engineering\"\n[[categories]]\nname = \"Design\"\n[[categories]]\nname = \"Empty\"\n",
    )
    .unwrap();
    let articles = content.path().join("articles");
    fs::create_dir(&articles).unwrap();
    for index in 0..count {
        let day = index % 28 + 1;
        let month = index / 28 % 12 + 1;
        let category = if index % 3 == 0 {
            "Design"
        } else {
            "Engineering"
        };
        let tags: Vec<String> = [index % 5, index % 11 + 5, index * 7 % 30]
            .iter()
            .map(|tag| format!("t{tag}"))
            .collect();
        fs::write(
            articles.join(format!("post-{index}.md")),
            format!(
                "---\ntitle: Post {index}\ndate: 2025-{month:02}-{day:02}\ncategory: {category}\ntags: [{}]\n---\n\nBody {index}.\n",
                tags.join(", ")
            ),
        )
        .unwrap();
    }
    content
}

/// A skewed corpus of `count` articles, built: the content, the output folder, its manifest
/// and every article, newest first.
fn built_skewed_corpus(
    count: usize,
) -> (
    tempfile::TempDir,
    tempfile::TempDir,
    Manifest,
    Vec<ArticleSummary>,
) {
    let content = skewed_corpus(count);
    let out = tempfile::tempdir().unwrap();
    build(&options(content.path(), out.path())).unwrap();
    let manifest =
        Manifest::from_json(&fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    let articles = every_article(out.path(), &manifest);
    (content, out, manifest, articles)
}

/// A filtered listing reads the facet index and the entries of its page: the index selects and
/// counts what the whole listing does for every category and tag alone and in pairs, with a
/// date range, and the entry file of every position holds the article at that position.
#[test]
fn the_facet_index_counts_what_the_listing_does_and_entries_sit_at_their_positions() {
    use quire_model::facets::{Candidates, FRAGMENT_LENGTH, FacetIndex};
    use quire_model::query::{DateBound, Listing, ListingQuery};

    let (_content, out, manifest, articles) = built_skewed_corpus(700);
    let fragments = manifest.facets.fragments.iter().map(|fragment| {
        let bytes = fs::read(out.path().join(&fragment.path)).unwrap();
        // A few bytes an article, whatever the site.
        assert!(bytes.len() <= 8 * FRAGMENT_LENGTH, "{}", fragment.path);
        FacetIndex::decode(&bytes, &manifest).unwrap()
    });
    let index = FacetIndex::concat(fragments);
    assert_eq!(index.len(), articles.len());

    let listing = Listing::new(articles.clone());
    let middle = articles[articles.len() / 2].date;
    let mut queries = vec![ListingQuery::default()];
    for category in &manifest.categories {
        for tag in manifest.tags.iter().take(6) {
            queries.push(ListingQuery {
                categories: vec![category.slug.clone()],
                tags: vec![tag.slug.clone()],
                from: Some(DateBound::Day(middle)),
                ..ListingQuery::default()
            });
        }
    }
    for tag in &manifest.tags {
        queries.push(ListingQuery {
            tags: vec![tag.slug.clone()],
            to: Some(DateBound::Day(middle)),
            sort: quire_model::query::Sort::Oldest,
            ..ListingQuery::default()
        });
    }
    for query in &queries {
        let expected = listing.select(query);
        let selection = index.select(&manifest, query, Candidates::Every);
        let selected: Vec<&ArticleSummary> = selection
            .positions
            .iter()
            .map(|&position| &articles[position as usize])
            .collect();
        assert_eq!(selected, expected.articles, "{query:?}");
        let (categories, tags) = selection.counts_by_slug(&manifest);
        assert_eq!(categories, expected.category_counts, "{query:?}");
        assert_eq!(tags, expected.tag_counts, "{query:?}");
    }

    for (position, article) in articles.iter().enumerate() {
        let path = out.path().join(manifest.entry_file(position));
        let file =
            quire_model::ListingShard::from_json(&fs::read_to_string(path).unwrap()).unwrap();
        let at = position % quire_model::facets::ENTRY_CHUNK_LENGTH;
        assert_eq!(&file.articles[at], article, "position {position}");
    }
}

/// Landing on `/insights`, a category or a tag needs no listing shard: the manifest's latest
/// articles are the head of the listing, and each category's and tag's first page holds the
/// head of its own listing with the counts the app's filter bar would compute over all of it.
#[test]
fn first_pages_hold_each_listings_newest_articles_and_the_bars_counts() {
    use quire_model::FIRST_PAGE_LENGTH;
    use quire_model::query::{FilterChoices, ListingQuery};
    use std::collections::HashMap;

    let (content, out, manifest, articles) = built_skewed_corpus(700);
    assert_eq!(manifest.latest, articles[..FIRST_PAGE_LENGTH]);

    let check = |path: String, members: Vec<&ArticleSummary>, query: ListingQuery| {
        let page = quire_model::FirstPage::from_json(
            &fs::read_to_string(out.path().join(&path)).unwrap_or_else(|_| panic!("{path}")),
        )
        .unwrap();
        assert_eq!(page.count, members.len(), "{path}");
        let head: Vec<ArticleSummary> = members
            .iter()
            .take(FIRST_PAGE_LENGTH)
            .map(|article| (*article).clone())
            .collect();
        assert_eq!(page.articles, head, "{path}");
        // The counts the app's select takes over every article for the same query.
        let listing = quire_model::query::Listing::new(articles.clone());
        let selection = listing.select(&query);
        let (categories, tags) = (selection.category_counts, selection.tag_counts);
        // Every count it holds is true, and no category with articles is missing.
        for (slug, count) in &page.category_counts {
            assert_eq!(categories.get(slug.as_str()), Some(count), "{path}: {slug}");
        }
        for (slug, count) in &page.tag_counts {
            assert_eq!(tags.get(slug.as_str()), Some(count), "{path}: {slug}");
        }
        assert_eq!(page.category_counts.len(), categories.len(), "{path}");
        // The app's filter bar over the file's counts is the bar over every article's.
        let file_categories: HashMap<&str, usize> = page
            .category_counts
            .iter()
            .map(|(s, c)| (s.as_str(), *c))
            .collect();
        let file_tags: HashMap<&str, usize> = page
            .tag_counts
            .iter()
            .map(|(s, c)| (s.as_str(), *c))
            .collect();
        assert_eq!(
            FilterChoices::new(
                &manifest.categories,
                &manifest.tags,
                &query,
                &file_categories,
                &file_tags
            ),
            FilterChoices::new(
                &manifest.categories,
                &manifest.tags,
                &query,
                &categories,
                &tags
            ),
            "{path}"
        );
        // Bounded at any number of tags.
        assert!(
            page.tag_counts.len() <= quire_model::query::TAG_CHOICES,
            "{path}"
        );
    };
    assert_eq!(manifest.categories.len(), 3);
    for category in &manifest.categories {
        let members = articles
            .iter()
            .filter(|a| a.category.as_ref() == Some(&category.slug))
            .collect();
        let query = ListingQuery {
            categories: vec![category.slug.clone()],
            ..ListingQuery::default()
        };
        check(manifest.category_first_page(&category.slug), members, query);
    }
    assert_eq!(manifest.tags.len(), 30);
    // Some tag's listing is shorter than a page, so its first page holds all of it.
    assert!(
        manifest
            .tags
            .iter()
            .any(|tag| tag.count < FIRST_PAGE_LENGTH)
    );
    for tag in &manifest.tags {
        let members = articles
            .iter()
            .filter(|a| a.tags.contains(&tag.slug))
            .collect();
        let query = ListingQuery {
            tags: vec![tag.slug.clone()],
            ..ListingQuery::default()
        };
        check(manifest.tag_first_page(&tag.slug), members, query);
    }

    // The folder is named by what is in it.
    let again = tempfile::tempdir().unwrap();
    build(&options(content.path(), again.path())).unwrap();
    assert_eq!(
        manifest_at_bundle(again.path()).first_pages,
        manifest.first_pages
    );
    fs::write(
        content.path().join("articles/post-0.md"),
        "---\ntitle: Renamed\ndate: 2025-01-01\ncategory: Design\ntags: [t0]\n---\n\nBody.\n",
    )
    .unwrap();
    let changed = tempfile::tempdir().unwrap();
    build(&options(content.path(), changed.path())).unwrap();
    assert_ne!(
        manifest_at_bundle(changed.path()).first_pages,
        manifest.first_pages
    );
}

fn manifest_at_bundle(bundle: &Path) -> Manifest {
    Manifest::from_json(&fs::read_to_string(bundle.join("manifest.json")).unwrap()).unwrap()
}

/// Every bundle file but the manifest is named by its content (or sits in a folder that is),
/// and the host rules let browsers and CDNs keep each of them forever.
#[test]
fn every_content_hashed_file_is_cached_forever() {
    let root = prerendered_site("/");
    let headers = fs::read_to_string(root.path().join("_headers")).unwrap();
    let bundle = root.path().join("bundle");
    let mut stack = vec![bundle.clone()];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&bundle)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if relative == "manifest.json" {
                continue;
            }
            let rule = match relative.split_once('/') {
                Some((top, _)) => format!("/bundle/{top}/*"),
                None => {
                    let hash = relative
                        .strip_prefix("manifest.")
                        .and_then(|rest| rest.strip_suffix(".json"));
                    assert!(
                        hash.is_some_and(|hash| hash.len() == 16),
                        "{relative}: only the manifest's content-named copy sits beside it"
                    );
                    "/bundle/manifest.*.json".to_owned()
                }
            };
            assert!(
                headers.contains(&format!(
                    "{rule}\n  Cache-Control: public, max-age=31536000, immutable"
                )),
                "{relative} is not cached forever"
            );
            checked += 1;
        }
    }
    assert!(checked > 10);
}

/// A one-article site whose `static/` holds `static_files`, and whose article body is `body`.
fn site_with_static(static_files: &[&str], body: &str) -> tempfile::TempDir {
    let content = one_category_site();
    fs::create_dir_all(content.path().join("pages")).unwrap();
    fs::write(
        content.path().join("articles/a.md"),
        format!("---\ntitle: A\ndate: 2026-01-01\ncategory: Engineering\n---\n{body}"),
    )
    .unwrap();
    fs::write(
        content.path().join("pages/about.md"),
        "---\ntitle: About\n---\n\nUs.\n",
    )
    .unwrap();
    for path in static_files {
        let file = content.path().join("static").join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, format!("static {path}")).unwrap();
    }
    content
}

/// Builds `content` into a fresh site folder under `base`, with pre-rendered pages.
/// A build's warnings, with the content folder's path written as `content`.
fn warnings_in(report: &Report, content: &Path) -> Vec<String> {
    let folder = content.display().to_string();
    report
        .warnings
        .iter()
        .map(|warning| warning.to_string().replace(&folder, "content"))
        .collect()
}

fn build_site(content: &Path, base: &str) -> (tempfile::TempDir, Result<Report, BuildError>) {
    let root = tempfile::tempdir().unwrap();
    let report = build_site_into(content, root.path(), base);
    (root, report)
}

/// Builds `content` into the site folder `root` under `base`, over whatever it holds.
fn build_site_into(content: &Path, root: &Path, base: &str) -> Result<Report, BuildError> {
    let shell = root.join("index.html");
    fs::write(&shell, SHELL.replace("=/", &format!("={base}"))).unwrap();
    let mut opts = options(content, &root.join("bundle"));
    opts.site_out = Some(root.to_path_buf());
    opts.shell = Some(shell);
    opts.base = quire_model::routes::SiteBase::new(base);
    build(&opts)
}

#[test]
fn static_files_are_copied_to_the_site_root_and_images_they_lack_are_named() {
    let body = "\nA chart:\n\n![p99](/img/p99.svg)\n\nAnd one that is missing:\n\n![gone](/img/gone.png)\n";
    let content = site_with_static(&["img/p99.svg", ".well-known/security.txt"], body);
    let (root, report) = build_site(content.path(), "/blog/");
    let report = report.unwrap();
    assert_eq!(report.static_files, 2);
    for path in ["img/p99.svg", ".well-known/security.txt"] {
        assert_eq!(
            fs::read_to_string(root.path().join(path)).unwrap(),
            format!("static {path}")
        );
    }
    let warnings = warnings_in(&report, content.path());
    assert_eq!(
        warnings,
        [
            "content/articles/a.md:13: warning: the image /img/gone.png is not in static/ (looked for content/static/img/gone.png)"
        ]
    );
    // Linked from the site's root, and served under the base path.
    let page = fs::read_to_string(root.path().join("insights/a/index.html")).unwrap();
    assert!(page.contains("src=\"/blog/img/p99.svg\""), "{page}");
    // The fixture's SVG is not one, so it has no size; a real one gets its own.
    assert!(!page.contains("width="), "{page}");
}

#[test]
fn images_in_html_of_the_authors_own_are_checked_and_sized_and_relative_ones_named() {
    let body = "\n<figure><img src=\"/img/chart.svg\" alt=\"chart\"></figure>\n\n\
        <img src=\"/img/gone.png\" alt=\"gone\">\n\n![beside](beside.png)\n";
    let content = site_with_static(&[], body);
    fs::create_dir_all(content.path().join("static/img")).unwrap();
    fs::write(
        content.path().join("static/img/chart.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"200\"/>",
    )
    .unwrap();
    let (root, report) = build_site(content.path(), "/");
    let warnings = warnings_in(&report.unwrap(), content.path());
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "content/articles/a.md:9: warning: the image /img/gone.png is not in static/"
        ),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with(
            "content/articles/a.md:11: warning: the image beside.png is relative to the page"
        ),
        "{warnings:?}"
    );
    let page = fs::read_to_string(root.path().join("insights/a/index.html")).unwrap();
    assert!(
        page.contains("<img src=\"/img/chart.svg\" alt=\"chart\" loading=\"lazy\" width=\"320\" height=\"200\">"),
        "{page}"
    );
}

#[test]
fn a_link_to_a_site_path_nothing_serves_is_named_where_it_is_written() {
    let body = "\nSee [b](/insights/b), [gone](/insights/gone), [about](/about), \
        [the feed](/feed.xml), [a file](/files/report%20one.pdf#page=2), [old b](/2020/01/b/),\n\
        [search](/search?q=cache), [category](/category/engineering), [tag](/tag/cache),\n\
        [month](/archive/2026/01), [home](/), [web](https://example.com/x), [top](#top).\n\n\
        <p>Raw: <a href=\"/nowhere\">nowhere</a> and <a href=\"/about\">about</a>.</p>\n";
    let content = site_with_static(&["files/report one.pdf"], body);
    // With a public address, so that the feeds are written; and links of site.toml's own, which
    // every page shows.
    fs::write(
        content.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://t.example\"\n[[categories]]\nname = \"Engineering\"\n\
         [[nav]]\nlabel = \"About\"\nhref = \"/about\"\n[[nav]]\nlabel = \"Gone\"\nhref = \"/gone\"\n\
         [[footer]]\ntitle = \"F\"\nlinks = [{ label = \"Feed\", href = \"/feed.xml\" }, { label = \"Away\", href = \"https://x.example\" }]\n",
    )
    .unwrap();
    fs::write(
        content.path().join("articles/b.md"),
        "---\ntitle: B\ndate: 2026-01-02\ncategory: Engineering\ntags: [Cache]\naliases: [/2020/01/b/]\n---\n\nB.\n",
    )
    .unwrap();
    for base in ["/", "/blog/"] {
        let (_root, report) = build_site(content.path(), base);
        let warnings = warnings_in(&report.unwrap(), content.path());
        assert_eq!(
            warnings,
            [
                "content/articles/a.md:7: warning: the link /insights/gone leads to nothing this site serves: no page, feed, file in static/ or alias has that path",
                "content/articles/a.md:11: warning: the link /nowhere leads to nothing this site serves: no page, feed, file in static/ or alias has that path",
                "content/site.toml:10: warning: the link /gone leads to nothing this site serves: no page, feed, file in static/ or alias has that path",
            ],
            "{base}"
        );
    }
}

/// A link to another content file, as an editor or GitHub shows it, leads to that file's page
/// (under the hosting base too); one to a draft, to a markdown file that is none of the site's,
/// or to anything else relative to the page is named at its line.
#[test]
fn links_to_content_files_lead_to_their_pages() {
    let body = "\nRead [b](b.md#why), [about](../pages/about.md) and [b again](./b.md).\n\n\
                See [the draft](draft.md), [gone](gone.md) and [notes](notes/).\n";
    let content = site_with_static(&[], body);
    fs::write(
        content.path().join("articles/b.md"),
        "---\ntitle: B\ndate: 2026-01-02\ncategory: Engineering\nslug: bee\n---\n\nB.\n",
    )
    .unwrap();
    fs::write(
        content.path().join("articles/draft.md"),
        "---\ntitle: D\ndate: 2026-01-03\ncategory: Engineering\ndraft: true\n---\n\nD.\n",
    )
    .unwrap();
    for (base, prefix) in [("/", ""), ("/blog/", "/blog")] {
        let (root, report) = build_site(content.path(), base);
        let warnings = warnings_in(&report.unwrap(), content.path());
        assert_eq!(
            warnings,
            [
                "content/articles/a.md:9: warning: the link /insights/draft leads to nothing this site serves: no page, feed, file in static/ or alias has that path",
                "content/articles/a.md:9: warning: the link gone.md names a markdown file that is no article, page or case study of this site",
                "content/articles/a.md:9: warning: the link notes/ is relative to the page, and every page reads links from the site's root; write it from the root (/…), or name the markdown file of another article, page or case study",
            ],
            "{base}"
        );
        let page = fs::read_to_string(root.path().join("insights/a/index.html")).unwrap();
        for expected in [
            format!("<a href=\"{prefix}/insights/bee/#why\""),
            format!("<a href=\"{prefix}/about/\""),
            format!("<a href=\"{prefix}/insights/bee/\""),
            "<a href=\"notes/\"".to_owned(),
        ] {
            assert!(page.contains(&expected), "{expected} in {page}");
        }
    }
}

#[test]
fn a_static_image_keeps_its_room_on_the_page_before_it_loads() {
    let content = site_with_static(&[], "\n![chart](/img/chart.svg)\n");
    fs::create_dir_all(content.path().join("static/img")).unwrap();
    fs::write(
        content.path().join("static/img/chart.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 290\"/>",
    )
    .unwrap();
    let (root, report) = build_site(content.path(), "/");
    assert!(report.unwrap().warnings.is_empty());
    let page = fs::read_to_string(root.path().join("insights/a/index.html")).unwrap();
    assert!(
        page.contains("<img src=\"/img/chart.svg\" alt=\"chart\" loading=\"lazy\" width=\"640\" height=\"290\">"),
        "{page}"
    );
    let manifest = manifest_at(root.path());
    let lookup: quire_model::LookupBucket = serde_json::from_slice(
        &fs::read(root.path().join("bundle").join(&manifest.lookup[0])).unwrap(),
    )
    .unwrap();
    let body: quire_model::ArticleBody = serde_json::from_slice(
        &fs::read(root.path().join("bundle").join(&lookup.bodies["a"])).unwrap(),
    )
    .unwrap();
    assert!(
        body.html.contains("width=\"640\" height=\"290\""),
        "the app shows it sized too"
    );
}

#[test]
fn the_sites_own_robots_txt_stands_in_for_the_compilers() {
    let content = site_with_static(&["robots.txt"], "\nText.\n");
    fs::write(
        content.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://t.example\"\n[[categories]]\nname = \"Engineering\"\n",
    )
    .unwrap();
    let (root, report) = build_site(content.path(), "/");
    report.unwrap();
    assert_eq!(
        fs::read_to_string(root.path().join("robots.txt")).unwrap(),
        "static robots.txt"
    );
    assert!(root.path().join("sitemap.xml").is_file());

    // Without one, the compiler's names the sitemap.
    fs::remove_file(content.path().join("static/robots.txt")).unwrap();
    let (root, report) = build_site(content.path(), "/");
    report.unwrap();
    assert!(
        fs::read_to_string(root.path().join("robots.txt"))
            .unwrap()
            .contains("Sitemap: https://t.example/sitemap.xml")
    );
}

#[test]
fn an_articles_authors_are_its_byline_in_the_page_the_feeds_and_the_listing() {
    let content = site_with_static(&[], "\nText.\n");
    fs::write(
        content.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://t.example\"\n[[categories]]\nname = \"Engineering\"\n",
    )
    .unwrap();
    let article = |front: &str| {
        format!("---\ntitle: B\ndate: 2026-01-02\ncategory: Engineering\n{front}\n---\n\nB.\n")
    };
    fs::write(
        content.path().join("articles/b.md"),
        article("authors: [\"  Maya   Chen \", Sam <Ortiz>, Maya Chen]"),
    )
    .unwrap();
    let (root, report) = build_site(content.path(), "/");
    report.unwrap();
    let manifest = manifest_at(root.path());
    let authors = |slug: &str| {
        manifest
            .latest
            .iter()
            .find(|article| article.slug == slug)
            .unwrap()
            .authors
            .clone()
    };
    assert_eq!(authors("b"), ["Maya Chen", "Sam <Ortiz>"]);
    assert!(authors("a").is_empty(), "none named");
    let page = shown(&fs::read_to_string(root.path().join("insights/b/index.html")).unwrap());
    assert!(
        page.contains("<p class=\"article__byline\">By Maya Chen and Sam &lt;Ortiz&gt;</p>"),
        "{page}"
    );
    assert!(page.contains("\"@type\":\"Person\""), "{page}");
    let unsigned = fs::read_to_string(root.path().join("insights/a/index.html")).unwrap();
    assert!(!unsigned.contains("article__byline"));
    let rss = fs::read_to_string(root.path().join("feed.xml")).unwrap();
    assert!(
        rss.contains(
            "<dc:creator>Maya Chen</dc:creator>\n<dc:creator>Sam &lt;Ortiz&gt;</dc:creator>"
        ),
        "{rss}"
    );
    let atom = fs::read_to_string(root.path().join("atom.xml")).unwrap();
    assert!(
        atom.contains("<author><name>Sam &lt;Ortiz&gt;</name></author>"),
        "{atom}"
    );

    // One name under `author` is as good; both keys, or a blank name, are errors at their line.
    fs::write(
        content.path().join("articles/b.md"),
        article("author: Priya Raman"),
    )
    .unwrap();
    let (root, report) = build_site(content.path(), "/");
    report.unwrap();
    assert!(
        shown(&fs::read_to_string(root.path().join("insights/b/index.html")).unwrap())
            .contains("By Priya Raman</p>")
    );
    for (front, problem) in [
        (
            "author: A\nauthors: [B]",
            "b.md:6: both `author` and `authors` are given: keep one",
        ),
        (
            "authors: [A, \" \"]",
            "b.md:5: `authors` names a blank author",
        ),
        (
            "author: {name: A}",
            "b.md:5: `author` must be a list of text",
        ),
    ] {
        fs::write(content.path().join("articles/b.md"), article(front)).unwrap();
        let (_root, report) = build_site(content.path(), "/");
        match report {
            Err(BuildError::Content(diagnostics)) => {
                let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                assert!(
                    messages.iter().any(|message| message.ends_with(problem)),
                    "{front}: {messages:?}"
                );
            }
            other => panic!("{front}: {other:?}"),
        }
    }
}

#[test]
fn a_static_file_may_not_replace_what_the_compiler_writes() {
    for (path, clash) in [
        (
            "_headers",
            "would replace /_headers, which the compiler writes",
        ),
        (
            "about/index.html",
            "would replace /about/index.html, which the compiler writes",
        ),
        (
            "insights/a/index.html",
            "would replace /insights/a/index.html, which the compiler writes",
        ),
        (
            "index.html",
            "would replace /index.html, which the compiler writes",
        ),
        (
            "bundle/extra.json",
            "/bundle/ holds the compiled content bundle",
        ),
    ] {
        let content = site_with_static(&[path, "img/fine.png"], "\nText.\n");
        let expected = format!(
            "{}:1: {clash}",
            content.path().join("static").join(path).display()
        );
        let (root, report) = build_site(content.path(), "/");
        match report {
            Err(BuildError::Content(diagnostics)) => {
                let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                assert!(
                    messages.iter().any(|m| m.starts_with(&expected)),
                    "{path}: {messages:?}"
                );
            }
            other => panic!("{path}: expected a clash, got {other:?}"),
        }
        assert!(
            !root.path().join("bundle").exists(),
            "{path}: nothing is written"
        );
        // A check finds it as well, without a shell or a site folder.
        let mut check = options(content.path(), &root.path().join("bundle"));
        check.check_only = true;
        assert!(
            matches!(build(&check), Err(BuildError::Content(_))),
            "{path}"
        );
    }
}

#[test]
fn the_page_files_a_check_reserves_are_the_pages_a_build_writes() {
    let root = prerendered_site("/");
    let opts = options(&fixture("valid-site"), &root.path().join("bundle"));
    let (bundle, _) = compile(&opts, None).unwrap();
    let mut written = BTreeSet::new();
    let mut stack = vec![root.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                written.insert(
                    path.strip_prefix(root.path())
                        .unwrap()
                        .to_str()
                        .unwrap()
                        .to_owned(),
                );
            }
        }
    }
    assert_eq!(bundle.deferred.page_files(&bundle.manifest), written);
    // The app follows links to these itself, and leaves every other path to the host.
    for file in written.iter().filter(|file| *file != "404.html") {
        let route = format!("/{}", file.strip_suffix("index.html").unwrap());
        assert!(routes::could_be_page(&route), "{route}");
    }
}

#[test]
fn a_link_preview_shows_the_articles_image_else_the_sites() {
    // Cards off: an article without an image shows the site's.
    let content = site_with_static(&[], "\nText.\n");
    fs::write(
        content.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://example.com\"\nimage = \"/img/card.png\"\n[[categories]]\nname = \"Engineering\"\n[cards]\nenabled = false\n",
    )
    .unwrap();
    fs::write(
        content.path().join("articles/own.md"),
        "---\ntitle: Own\ndate: 2026-01-02\ncategory: Engineering\nimage: /img/own.png\n---\n\nText.\n",
    )
    .unwrap();
    fs::write(
        content.path().join("pages/about.md"),
        "---\ntitle: About\nimage: https://cdn.example/about.png\n---\n\nUs.\n",
    )
    .unwrap();
    fs::create_dir_all(content.path().join("static/img")).unwrap();
    fs::write(content.path().join("static/img/card.png"), "png").unwrap();
    let (root, report) = build_site(content.path(), "/blog/");
    let warnings = warnings_in(&report.unwrap(), content.path());
    assert_eq!(
        warnings,
        [
            "content/articles/own.md:5: warning: the image /img/own.png is not in static/ (looked for content/static/img/own.png)"
        ]
    );
    for (page, image) in [
        (
            "insights/own/index.html",
            "https://example.com/blog/img/own.png",
        ),
        (
            "insights/a/index.html",
            "https://example.com/blog/img/card.png",
        ),
        ("index.html", "https://example.com/blog/img/card.png"),
        ("about/index.html", "https://cdn.example/about.png"),
    ] {
        let html = fs::read_to_string(root.path().join(page)).unwrap();
        for tag in [
            format!("<meta property=\"og:image\" content=\"{image}\">"),
            format!("<meta name=\"twitter:image\" content=\"{image}\">"),
            "<meta name=\"twitter:card\" content=\"summary_large_image\">".to_owned(),
        ] {
            assert!(html.contains(&tag), "{page}: {tag}");
        }
    }
    let manifest = manifest_at(root.path());
    assert_eq!(
        listed(&manifest, "own").image.as_deref(),
        Some("/img/own.png")
    );
    assert_eq!(listed(&manifest, "a").image, None);
    assert_eq!(manifest.site.image.as_deref(), Some("/img/card.png"));
}

fn photo(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

#[test]
fn a_photo_in_a_cover_and_a_body_is_served_in_widths_under_the_sub_path() {
    let content = site_with_static(&[], "\nIntro.\n\n![Harbour at dusk](/img/harbour.jpg)\n");
    fs::write(
        content.path().join("articles/covered.md"),
        "---\ntitle: Covered\ndate: 2026-01-03\ncategory: Engineering\nimage: /img/harbour.jpg\nimage_alt: Boats in a harbour\n---\n\nText.\n\n![Again](/img/harbour.jpg)\n",
    )
    .unwrap();
    fs::create_dir_all(content.path().join("static/img")).unwrap();
    fs::write(
        content.path().join("static/img/harbour.jpg"),
        photo(1000, 500),
    )
    .unwrap();
    let (root, report) = build_site(content.path(), "/blog/");
    let report = report.unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!((report.images.images, report.images.encoded), (1, 1));
    let manifest = manifest_at(root.path());
    let covered = listed(&manifest, "covered");
    let picture = covered.picture.clone().unwrap();
    assert_eq!(picture.widths, [400, 800, 1000]);
    assert_eq!(covered.image_alt.as_deref(), Some("Boats in a harbour"));
    assert_eq!(covered.card, None);
    for &width in &picture.widths {
        for webp in [true, false] {
            let file = root
                .path()
                .join(picture.variant(width, webp).trim_start_matches('/'));
            assert!(file.is_file(), "{}", file.display());
        }
    }
    // The original stays where the author put it.
    assert!(root.path().join("img/harbour.jpg").is_file());
    let page = fs::read_to_string(root.path().join("insights/covered/index.html")).unwrap();
    let webp_set = picture.srcset(true, |path| format!("/blog{path}"));
    assert!(
        page.contains(&format!(
            "<picture class=\"cover cover--lead\"><source type=\"image/webp\" srcset=\"{webp_set}\""
        )),
        "the cover: {page}"
    );
    assert!(page.contains("alt=\"Boats in a harbour\""));
    // The body's image: a picture under the sub-path, lazy, since the cover leads.
    assert!(page.contains(&format!(
        "<picture><source type=\"image/webp\" srcset=\"{webp_set}\""
    )));
    assert_eq!(
        page.matches("fetchpriority=\"high\"").count(),
        1,
        "only the cover"
    );
    // Without a cover, the body's first image near the top is what paints first.
    let lead = fs::read_to_string(root.path().join("insights/a/index.html")).unwrap();
    assert_eq!(lead.matches("fetchpriority=\"high\"").count(), 1);
    assert!(lead.contains("width=\"1000\" height=\"500\""));
    let listing = fs::read_to_string(root.path().join("insights/index.html")).unwrap();
    assert!(listing.contains("<picture class=\"cover cover--card\">"));
    assert!(listing.contains("loading=\"lazy\""));
}

#[test]
fn an_image_that_cannot_be_decoded_is_named_where_it_is_used_and_published_as_it_is() {
    let truncated = photo(400, 300);
    let truncated = &truncated[..truncated.len() / 2];
    let content = site_with_static(
        &[],
        "\nIntro.\n\n![Cut off](/img/cut.jpg)\n\n![Text](/img/notes.png)\n",
    );
    fs::create_dir_all(content.path().join("static/img")).unwrap();
    fs::write(content.path().join("static/img/cut.jpg"), truncated).unwrap();
    fs::write(content.path().join("static/img/notes.png"), "not a picture").unwrap();
    let (root, report) = build_site(content.path(), "/");
    let report = report.unwrap();
    let warnings = warnings_in(&report, content.path());
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("content/articles/a.md:9: warning: the image /img/cut.jpg is published as it is, not resized: it is cut short"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("content/articles/a.md:11: warning: the image /img/notes.png is published as it is, not resized: its bytes are not an image"),
        "{warnings:?}"
    );
    assert_eq!(
        fs::read(root.path().join("img/cut.jpg")).unwrap(),
        truncated
    );
    let page = fs::read_to_string(root.path().join("insights/a/index.html")).unwrap();
    assert!(
        page.contains("<img src=\"/img/cut.jpg\""),
        "the page keeps the image as written"
    );
    assert!(!page.contains("<picture><source"));
}

#[test]
fn an_article_without_an_image_gets_a_preview_card_of_its_own() {
    let content = site_with_static(&[], "\nText.\n");
    fs::write(
        content.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://example.com\"\nimage = \"/img/site.png\"\n[[categories]]\nname = \"Engineering\"\n[cards]\nbackground = \"#102030\"\naccent = \"#f80\"\n",
    )
    .unwrap();
    fs::write(
        content.path().join("articles/own.md"),
        "---\ntitle: Own\ndate: 2026-01-02\nimage: https://cdn.example/own.png\n---\n\nText.\n",
    )
    .unwrap();
    fs::create_dir_all(content.path().join("static/img")).unwrap();
    fs::write(content.path().join("static/img/site.png"), "png").unwrap();
    let (root, report) = build_site(content.path(), "/blog/");
    let report = report.unwrap();
    assert_eq!(
        (report.images.cards_drawn, report.images.cards_reused),
        (1, 0)
    );
    let manifest = manifest_at(root.path());
    assert_eq!(
        listed(&manifest, "own").card,
        None,
        "an own image needs no card"
    );
    let card = listed(&manifest, "a").card.clone().unwrap();
    assert!(
        card.starts_with("/_img/card-a.") && card.ends_with(".png"),
        "{card}"
    );
    let html = fs::read_to_string(root.path().join("insights/a/index.html")).unwrap();
    let tag = format!("<meta property=\"og:image\" content=\"https://example.com/blog{card}\">");
    assert!(html.contains(&tag), "{tag}");
    let drawn = image::open(root.path().join(card.trim_start_matches('/'))).unwrap();
    assert_eq!((drawn.width(), drawn.height()), (1200, 630));
    assert_eq!(
        drawn.to_rgb8().get_pixel(600, 5).0,
        [0xff, 0x88, 0x00],
        "the accent band"
    );
    assert_eq!(drawn.to_rgb8().get_pixel(600, 620).0, [0x10, 0x20, 0x30]);
    // A second build over the first draws nothing again.
    let again = build_site_into(content.path(), root.path(), "/blog/").unwrap();
    assert_eq!(
        (again.images.cards_drawn, again.images.cards_reused),
        (0, 1)
    );
    assert!(root.path().join(card.trim_start_matches('/')).is_file());
}

#[test]
fn an_image_that_is_no_site_path_or_web_url_is_refused_where_it_is_written() {
    check(
        &[(
            "a.md",
            b"---\ntitle: A\ndate: 2026-01-01\ncategory: Engineering\nimage: javascript:alert(1)\n---\n\nText.\n",
        )],
        &["a.md:5: `image` must be a site path (`/img/card.png`, a file in static/) or an http(s) URL, not \"javascript:alert(1)\""],
    );
}

#[test]
fn an_alias_redirects_an_old_path_to_the_article() {
    let content = site_with_static(&[], "\nText.\n");
    fs::write(
        content.path().join("articles/moved.md"),
        "---\ntitle: Moved\ndate: 2026-01-02\ncategory: Engineering\naliases: [/2019/05/old-title/, /old.html]\n---\n\nText.\n",
    )
    .unwrap();
    fs::write(
        content.path().join("pages/about.md"),
        "---\ntitle: About\naliases: /about-us\n---\n\nUs.\n",
    )
    .unwrap();
    let (root, report) = build_site(content.path(), "/blog/");
    report.unwrap();
    let about = fs::read_to_string(root.path().join("about-us/index.html")).unwrap();
    assert!(about.contains("url=/blog/about/\">"), "{about}");
    let old = fs::read_to_string(root.path().join("2019/05/old-title/index.html")).unwrap();
    assert!(
        old.contains("<meta http-equiv=\"refresh\" content=\"0; url=/blog/insights/moved/\">"),
        "{old}"
    );
    assert!(
        fs::read_to_string(root.path().join("old.html"))
            .unwrap()
            .contains("url=/blog/insights/moved/\"")
    );
    let rules = fs::read_to_string(root.path().join("_redirects")).unwrap();
    assert!(rules.starts_with(
        "/blog/2019/05/old-title    /blog/insights/moved/    301\n/blog/2019/05/old-title/    /blog/insights/moved/    301\n/blog/about-us    /blog/about/    301\n/blog/about-us/    /blog/about/    301\n/blog/old.html    /blog/insights/moved/    301\n"
    ), "{rules}");
    assert!(
        rules.ends_with("/blog/*    /blog/404.html    404\n"),
        "{rules}"
    );
}

#[test]
fn an_alias_may_not_name_a_page_or_another_articles_alias() {
    let errors_for = |articles: &[(&str, &str)]| {
        let content = site_with_static(&[], "\nText.\n");
        for (name, aliases) in articles {
            fs::write(
                content.path().join("articles").join(name),
                format!("---\ntitle: {name}\ndate: 2026-01-02\ncategory: Engineering\naliases: {aliases}\n---\n\nText.\n"),
            )
            .unwrap();
        }
        let (_root, report) = build_site(content.path(), "/");
        let Err(BuildError::Content(diagnostics)) = report else {
            panic!("expected errors, got {report:?}");
        };
        let folder = format!("{}/", content.path().join("articles").display());
        let mut messages: Vec<String> = diagnostics
            .iter()
            .map(|d| d.to_string().replace(&folder, ""))
            .collect();
        messages.sort();
        messages
    };
    assert_eq!(
        errors_for(&[
            ("b.md", "[/shared]"),
            ("c.md", "[/shared/]"),
            ("d.md", "[\"../x\"]")
        ]),
        [
            "c.md:5: the alias /shared is claimed by b.md too",
            "d.md:5: alias \"../x\" must be a site path such as `/2019/05/old-title/`",
        ]
    );
    assert_eq!(
        errors_for(&[(
            "b.md",
            "[/insights/a, /about/, /_headers, /bundle/x, /fine/]"
        )]),
        [
            "b.md:5: the alias /_headers is served by the site itself",
            "b.md:5: the alias /about is served by the site itself",
            "b.md:5: the alias /bundle/x is served by the site itself",
            "b.md:5: the alias /insights/a is served by the site itself",
        ]
    );
}
