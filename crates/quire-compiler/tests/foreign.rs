//! Whole builds of sites written for Hugo, Jekyll, Zola and Astro, each laid out as its generator
//! documents (`tests/fixtures/foreign/`, described file by file in its `EXPECTED.md`): what is
//! published, every date with its time, categories and tags, the files beside posts, and a
//! redirect from every address the old site gave a post.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use quire_compiler::{Options, Report, build};
use quire_model::{ArticleSummary, Date, Manifest};

fn site(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/foreign")
        .join(name)
}

/// A built site: its report, manifest, and root folder.
struct Built {
    report: Report,
    manifest: Manifest,
    root: tempfile::TempDir,
}

impl Built {
    fn of(name: &str) -> Self {
        let root = tempfile::tempdir().unwrap();
        let mut options = Options::new(
            site(name),
            root.path().join("bundle"),
            Date::parse("2026-11-21").unwrap(),
        );
        options.site_out = Some(root.path().to_path_buf());
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

    fn article(&self, slug: &str) -> ArticleSummary {
        let shards = self.manifest.shards.iter().flat_map(|shard| {
            let bytes = fs::read(self.root.path().join("bundle").join(&shard.path)).unwrap();
            serde_json::from_slice::<quire_model::ListingShard>(&bytes)
                .unwrap()
                .articles
        });
        shards
            .into_iter()
            .find(|article| article.slug == slug)
            .unwrap_or_else(|| panic!("no article {slug}"))
    }

    /// `/old/path` -> `/insights/new`, from `_redirects`.
    fn redirects(&self) -> BTreeMap<String, String> {
        fs::read_to_string(self.root.path().join("_redirects"))
            .unwrap()
            .lines()
            .filter(|line| line.ends_with(" 301"))
            .map(|line| {
                let parts: Vec<&str> = line.split_whitespace().collect();
                (parts[0].to_owned(), parts[1].to_owned())
            })
            .collect()
    }

    /// Every old address redirects to its post, both with and without a trailing `/`, and a page
    /// stands at it for hosts that do not read `_redirects`.
    fn assert_redirects(&self, expected: &[(&str, &str)]) {
        let redirects = self.redirects();
        for (old, slug) in expected {
            let target = format!("/insights/{slug}/");
            assert_eq!(redirects.get(*old), Some(&target), "{old}");
            let file = old.trim_start_matches('/');
            let page = if file.ends_with(".html") {
                self.root.path().join(file)
            } else {
                self.root
                    .path()
                    .join(file.trim_end_matches('/'))
                    .join("index.html")
            };
            let html = fs::read_to_string(&page).unwrap_or_else(|_| panic!("{}", page.display()));
            assert!(html.contains(&target), "{old}: {html}");
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

    fn category(&self, slug: &str) -> Option<String> {
        self.article(slug).category
    }

    fn when(&self, slug: &str) -> String {
        self.article(slug).published_at()
    }

    fn tags(&self, slug: &str) -> Vec<String> {
        self.article(slug).tags
    }

    fn file(&self, path: &str) -> Vec<u8> {
        fs::read(self.root.path().join(path)).unwrap_or_else(|_| panic!("{path} was not written"))
    }
}

fn slugs(built: &Built) -> Vec<String> {
    let mut slugs: Vec<String> = built
        .manifest
        .shards
        .iter()
        .flat_map(|shard| {
            let bytes = fs::read(built.root.path().join("bundle").join(&shard.path)).unwrap();
            serde_json::from_slice::<quire_model::ListingShard>(&bytes)
                .unwrap()
                .articles
        })
        .map(|article| article.slug)
        .collect();
    slugs.sort();
    slugs
}

#[test]
fn a_hugo_site_builds_as_it_is() {
    let built = Built::of("hugo");
    let migration = built.report.migration.as_ref().unwrap();
    assert_eq!(
        (migration.posts, migration.pages, migration.expired),
        (8, 1, 1)
    );
    assert_eq!(built.report.left_out_drafts, 1);
    assert_eq!(
        migration.left_out,
        [
            (
                quire_compiler::generator::LeftOut::Translation
                    .describe()
                    .to_owned(),
                1
            ),
            (
                quire_compiler::generator::LeftOut::SectionPage
                    .describe()
                    .to_owned(),
                2
            ),
        ]
    );
    assert_eq!(built.manifest.site.title, "Build Farm Notes");
    assert_eq!(built.manifest.site.language.as_deref(), Some("en-us"));
    let nav: Vec<(&str, &str)> = built
        .manifest
        .site
        .nav
        .iter()
        .map(|link| (link.label.as_str(), link.href.as_str()))
        .collect();
    assert_eq!(
        nav,
        [
            ("Posts", "/insights"),
            ("Notes", "/insights"),
            ("About", "/about")
        ]
    );

    assert_eq!(built.when("cold-cache-builds"), "2024-03-12T09:15:00+01:00");
    assert_eq!(built.when("quieter-pagers"), "2024-05-20T17:45:00-07:00");
    assert_eq!(built.when("on-call-handoff"), "2024-05-20T08:30:00-07:00");
    // Two posts of one day are ordered by their times.
    let latest: Vec<&str> = built
        .manifest
        .latest
        .iter()
        .map(|a| a.slug.as_str())
        .collect();
    assert_eq!(&latest[..2], ["quieter-pagers", "on-call-handoff"]);

    assert_eq!(
        built.category("cold-cache-builds").as_deref(),
        Some("infrastructure")
    );
    assert_eq!(
        built.tags("cold-cache-builds"),
        ["ci", "caching", "rust", "performance"],
        "a second category is kept as a tag"
    );
    assert_eq!(built.category("on-call-handoff"), None);
    assert_eq!(
        built.article("cold-cache-builds").updated,
        Some(Date::parse("2024-04-02").unwrap())
    );
    assert!(
        !built
            .manifest
            .categories
            .iter()
            .any(|c| c.slug == "announcements"),
        "expired"
    );

    assert_eq!(
        built.file("insights/cold-cache-builds/diagram.png")[..4],
        *b"\x89PNG"
    );
    built.file("insights/cold-cache-builds/photo.jpg");
    assert_eq!(
        built.article("queue-backpressure").image.as_deref(),
        Some("/insights/queue-backpressure/cover.jpg"),
        "a bundle's cover.jpg is its cover"
    );
    assert_eq!(
        built.article("quieter-pagers").image.as_deref(),
        Some("/images/pager-chart.png")
    );
    built.file("images/pager-chart.png");

    built.assert_redirects(&[
        ("/2024/03/cold-cache-builds-measured/", "cold-cache-builds"),
        (
            "/2024/02/backpressure-for-the-build-queue/",
            "queue-backpressure",
        ),
        ("/2019/11/queue-notes/", "queue-backpressure"),
        ("/2024/02/queue/backpressure-old/", "queue-backpressure"),
        ("/2023/12/year-end-flaky-test-cleanup/", "nested-post"),
        (
            "/2024/01/a-release-checklist-that-fits-on-one-screen/",
            "release-checklist",
        ),
        ("/2024/05/the-monday-on-call-handoff/", "on-call-handoff"),
        ("/2024/05/quieter-pagers/", "quieter-pagers"),
        ("/archive/dns-cutover/", "dns-cutover"),
        ("/notes/cargo-sparse-registry/", "cargo-sparse-registry"),
    ]);
    // The old listing pages lead to the new ones.
    let redirects = built.redirects();
    for (old, new) in [
        ("/posts/", "/insights/"),
        ("/notes", "/insights/"),
        ("/tags/caching/", "/tag/caching/"),
        ("/categories/infrastructure/", "/category/infrastructure/"),
    ] {
        assert_eq!(redirects.get(old).map(String::as_str), Some(new), "{old}");
    }
}

#[test]
fn a_jekyll_site_builds_as_it_is() {
    let built = Built::of("jekyll");
    let migration = built.report.migration.as_ref().unwrap();
    assert_eq!((migration.posts, migration.pages), (5, 1));
    assert_eq!(built.report.left_out_drafts, 1);
    assert_eq!(built.manifest.site.title, "Pipeline Diaries");
    assert!(
        built.report.warnings.is_empty(),
        "{:?}",
        built.report.warnings
    );
    assert_eq!(
        slugs(&built),
        [
            "blue-green-in-practice",
            "feature-flag-cleanup",
            "rollback-drills",
            "the-quiet-refactor",
            "upgrading-to-jekyll-4"
        ]
    );
    assert_eq!(
        built.article("the-quiet-refactor").title,
        "The Quiet Refactor"
    );
    assert_eq!(built.when("the-quiet-refactor"), "2021-11-03");
    assert_eq!(
        built.when("upgrading-to-jekyll-4"),
        "2023-01-29T18:30:22-08:00"
    );
    assert_eq!(
        built.category("upgrading-to-jekyll-4").as_deref(),
        Some("engineering")
    );
    assert_eq!(
        built.tags("upgrading-to-jekyll-4"),
        ["ruby", "jekyll", "notes"]
    );
    assert_eq!(
        built.category("rollback-drills").as_deref(),
        Some("operations")
    );
    assert_eq!(
        built.category("blue-green-in-practice"),
        None,
        "a folder in _posts is no category"
    );
    built.file("assets/img/deploy-graph.png");

    built.assert_redirects(&[
        ("/2021/11/03/the-quiet-refactor.html", "the-quiet-refactor"),
        (
            "/2022/05/01/blue-green-in-practice.html",
            "blue-green-in-practice",
        ),
        (
            "/engineering/notes/2023/01/29/upgrading-to-jekyll-4.html",
            "upgrading-to-jekyll-4",
        ),
        (
            "/operations/2023/06/12/rollback-drills.html",
            "rollback-drills",
        ),
        ("/blog/rollback-drills/", "rollback-drills"),
        ("/rollbacks", "rollback-drills"),
        ("/rollbacks.html", "rollback-drills"),
        ("/custom/feature-flags/", "feature-flag-cleanup"),
    ]);
}

#[test]
fn a_zola_site_builds_as_it_is() {
    let built = Built::of("zola");
    let migration = built.report.migration.as_ref().unwrap();
    assert_eq!(
        (migration.posts, migration.pages, migration.sections),
        (6, 1, 2)
    );
    assert_eq!(built.report.left_out_drafts, 1);
    assert_eq!(built.manifest.site.title, "Latency Budget");
    assert_eq!(built.manifest.latest[0].authors, ["Mirela Kovač"]);
    assert_eq!(built.when("flame-graphs-for-humans"), "2021-04-01");
    assert_eq!(
        built.when("connection-pool-sizing"),
        "2022-02-10T08:15:00+02:00"
    );
    assert_eq!(
        built.when("zero-downtime-migrations"),
        "2020-06-15",
        "the date in `path`"
    );
    assert_eq!(
        built.category("tracing-the-slow-path").as_deref(),
        Some("performance")
    );
    assert_eq!(
        built.tags("tracing-the-slow-path"),
        ["tracing", "observability"]
    );
    assert_eq!(built.category("pinning-the-rust-toolchain"), None);
    assert_eq!(
        built.article("tracing-the-slow-path").image.as_deref(),
        Some("/insights/tracing-the-slow-path/waterfall.png")
    );
    built.file("insights/tracing-the-slow-path/waterfall.png");
    built.file("img/logo.png");
    let body = built.body("retiring-the-old-blog");
    assert!(
        body.contains("href=\"/insights/connection-pool-sizing/\"")
            && body.contains("href=\"/insights/tracing-the-slow-path/#the-long-span\""),
        "Zola's @/ links lead to the posts' new pages: {body}"
    );

    built.assert_redirects(&[
        ("/blog/flame-graphs-for-humans/", "flame-graphs-for-humans"),
        ("/blog/connection-pool-sizing/", "connection-pool-sizing"),
        (
            "/2020/06/15/zero-downtime-migrations/",
            "zero-downtime-migrations",
        ),
        ("/blog/tracing-the-slow-path/", "tracing-the-slow-path"),
        (
            "/blog/pinning-the-rust-toolchain/",
            "pinning-the-rust-toolchain",
        ),
        ("/blog/retiring-the-old-blog/", "retiring-the-old-blog"),
        ("/old/zola-post/", "retiring-the-old-blog"),
        ("/2019/05/retiring.html", "retiring-the-old-blog"),
    ]);
}

#[test]
fn an_astro_site_builds_as_it_is() {
    let built = Built::of("astro");
    let migration = built.report.migration.as_ref().unwrap();
    assert_eq!((migration.posts, migration.pages), (5, 0));
    assert_eq!(built.manifest.site.title, "Signal and Noise");
    assert_eq!(
        built.manifest.site.tagline,
        "Field notes on observability, alerting and load testing."
    );
    assert_eq!(built.when("alert-fatigue-audit"), "2022-07-08");
    assert_eq!(built.when("pi-day-load-test"), "2023-03-14T10:00:00Z");
    assert_eq!(
        built.article("slo-burn-rates").updated,
        Some(Date::parse("2024-01-15").unwrap())
    );
    assert_eq!(
        built.article("alert-fatigue-audit").image.as_deref(),
        Some("/blog-placeholder-1.jpg")
    );
    assert!(
        !built
            .article("interactive-latency")
            .summary
            .contains("import"),
        "an MDX import line is no summary: {}",
        built.article("interactive-latency").summary
    );
    built.file("blog-placeholder-1.jpg");

    built.assert_redirects(&[
        ("/blog/alert-fatigue-audit/", "alert-fatigue-audit"),
        ("/blog/pi-day-load-test/", "pi-day-load-test"),
        ("/blog/slo-burn-rates/", "slo-burn-rates"),
        ("/blog/interactive-latency/", "interactive-latency"),
        ("/blog/series/part-one/", "part-one"),
    ]);
}

/// The site folder is only read: a build writes nothing into it.
#[test]
fn the_site_folder_is_never_written_to() {
    let before = listing(&site(""));
    for name in ["hugo", "jekyll", "zola", "astro"] {
        Built::of(name);
    }
    assert_eq!(listing(&site("")), before);
}

fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            found.extend(listing(&path));
        } else {
            found.push((path.clone(), entry.metadata().unwrap().len()));
        }
    }
    found.sort();
    found
}

/// Writes `files` (path, text) under a new folder.
fn site_of(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn build_at(
    dir: &Path,
) -> (
    Result<Report, quire_compiler::BuildError>,
    tempfile::TempDir,
) {
    let out = tempfile::tempdir().unwrap();
    // Far ahead: a post with no date anywhere is dated by its file, which was written just now.
    let mut options = Options::new(
        dir,
        out.path().join("bundle"),
        Date::parse("2099-01-01").unwrap(),
    );
    options.site_out = Some(out.path().to_path_buf());
    (build(&options), out)
}

/// What Hugo itself takes is no error here: keys in other cases, a file without front matter, a
/// flag written as text, a blank date, a tag or a file name of no ASCII letters, a link to a
/// folder that leads back up the tree. Warnings a thousand files share are one line.
#[test]
fn what_hugo_accepts_builds() {
    let dir = site_of(&[
        (
            "hugo.toml",
            "baseURL = 'https://x.example/'\ntitle = 'Messy'\n",
        ),
        (
            "content/search.md",
            "---\ntitle: Search\nlayout: search\n---\n",
        ),
        (
            "content/documents/policy.md",
            "---\ntitle: Policy\ndate: 2020-01-01\n---\nA dated document beside the blog.\n",
        ),
        (
            "content/posts/no-front-matter.md",
            "# Written Without Front Matter\n\nBody text.\n",
        ),
        (
            "content/posts/cased.md",
            "---\nTitle: Cased Keys\nDate: 2024-02-03\nDraft: \"false\"\nTags: [\"标签\", go]\n---\nBody.\n",
        ),
        (
            "content/posts/blank-date.md",
            "---\ntitle: Blank\ndate: \"\"\nlastmod: 2024-01-01\n---\nBody.\n",
        ),
        (
            "content/posts/日本語.md",
            "---\ntitle: Japanese Name\ndate: 2024-01-05\n---\nBody.\n",
        ),
        (
            "content/posts/one.md",
            "---\ntitle: One\ndate: 2024-01-06\nthemeKnob: 1\n---\nBody.\n",
        ),
        (
            "content/posts/two.md",
            "---\ntitle: Two\ndate: 2024-01-07\nthemeKnob: 2\n---\nBody.\n",
        ),
        (
            "content/posts/three.md",
            "---\ntitle: Three\ndate: 2024-01-08\nthemeKnob: 3\n---\nBody.\n",
        ),
    ]);
    std::os::unix::fs::symlink(
        dir.path().join("content"),
        dir.path().join("content/posts/loop"),
    )
    .unwrap();
    let (report, out) = build_at(dir.path());
    let report = report.unwrap_or_else(|error| panic!("{error:?}"));
    let migration = report.migration.as_ref().unwrap();
    assert_eq!(migration.posts, 7, "{report:?}");
    assert_eq!(
        migration.pages, 1,
        "a dated document outside the blog's section is a page"
    );
    assert_eq!(
        migration.left_out,
        [(
            quire_compiler::generator::LeftOut::BuiltInRoute
                .describe()
                .to_owned(),
            1
        )],
        "a theme's search page gives way to Quire's"
    );
    let manifest: Manifest =
        serde_json::from_slice(&fs::read(out.path().join("bundle/manifest.json")).unwrap())
            .unwrap();
    let titles: Vec<&str> = manifest.latest.iter().map(|a| a.title.as_str()).collect();
    for title in [
        "Cased Keys",
        "Japanese Name",
        "Written Without Front Matter",
        "Blank",
    ] {
        assert!(titles.contains(&title), "{title}: {titles:?}");
    }
    let cased = manifest
        .latest
        .iter()
        .find(|a| a.title == "Cased Keys")
        .unwrap();
    // A tag of no ASCII letters is kept, at an address made from its hash.
    assert_eq!(cased.tags.len(), 2, "{:?}", cased.tags);
    assert!(
        cased.tags[0].starts_with('n') && cased.tags[1] == "go",
        "{:?}",
        cased.tags
    );
    let tag = manifest
        .tags
        .iter()
        .find(|t| t.slug == cased.tags[0])
        .unwrap();
    assert_eq!(tag.name, "标签");
    let knob_lines: Vec<(&quire_compiler::Diagnostic, usize)> =
        quire_compiler::diagnostic::fold(&report.warnings)
            .into_iter()
            .filter(|(d, _)| d.message.contains("themeKnob"))
            .collect();
    assert_eq!(knob_lines.len(), 1, "{:?}", report.warnings);
    assert_eq!(knob_lines[0].1, 2, "two more files say the same");
}

/// An error does not hide the other problems: a dead link in another file is named in the same
/// run, and nothing is written.
#[test]
fn errors_and_link_warnings_come_in_one_pass() {
    let dir = site_of(&[
        ("_config.yml", "title: One Pass\n"),
        (
            "_posts/2024-01-01-bad.md",
            "---\ntitle: Bad\ndate: tomorrow\n---\nBody.\n",
        ),
        (
            "_posts/2024-01-02-linker.md",
            "---\ntitle: Linker\n---\nSee [gone](/nowhere/at-all).\n",
        ),
    ]);
    let (result, out) = build_at(dir.path());
    let Err(quire_compiler::BuildError::Content(diagnostics)) = result else {
        panic!("expected content errors, got {result:?}");
    };
    let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(|m| m.contains("bad.md:3: `date`")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("linker.md:") && m.contains("/nowhere/at-all")),
        "{messages:?}"
    );
    assert!(!out.path().join("bundle").exists());
}

/// One post of `generator` at `relative` (under a fresh site folder) with `text`, compiled.
fn compiled(
    generator: quire_compiler::generator::Generator,
    relative: &str,
    text: &str,
) -> quire_compiler::read::article::Article {
    use quire_compiler::generator::{Origin, SourceFile};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    let mut origin = Origin::quire(relative.to_owned());
    origin.generator = generator;
    let site = quire_compiler::read::site_config::parse(Path::new("site.toml"), "title = \"T\"\n")
        .unwrap();
    let source = SourceFile { path, origin };
    let compiled = quire_compiler::read::article::compile_from(
        &source,
        text.as_bytes(),
        &site,
        &quire_compiler::generator::SiteFolders {
            root: dir.path(),
            static_dirs: &[],
            templates: &quire_compiler::template::TemplateSite::plain(generator),
        },
    );
    let errors: Vec<String> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    compiled
        .item
        .unwrap_or_else(|| panic!("{relative}: {errors:?}"))
}

/// Every front-matter field the generators define, each read as its generator reads it.
#[test]
fn each_generators_front_matter_fields_are_read() {
    use quire_compiler::generator::Generator::{Astro, Hugo, Jekyll, Zola};
    type Check = fn(&quire_compiler::read::article::Article) -> String;
    let rows: &[(_, &str, &str, Check, &str)] = &[
        (
            Hugo,
            "posts/a.md",
            "---\nTitle: Upper\ndate: 2024-01-02\n---\nx",
            |a| a.title.clone(),
            "Upper",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-05-20 17:45:00 -0700\n---\nx",
            |a| format!("{} {}", a.date, a.time.unwrap()),
            "2024-05-20 17:45:00-07:00",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\npublishDate: 2024-02-01\n---\nx",
            |a| a.publish_date.to_string(),
            "2024-02-01",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\nexpiryDate: 2024-03-01\n---\nx",
            |a| format!("{:?}", a.expiry_date.map(|d| d.to_string())),
            "Some(\"2024-03-01\")",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\nlastmod: 2024-03-01T10:00:00Z\n---\nx",
            |a| format!("{:?}", a.updated.map(|d| d.to_string())),
            "Some(\"2024-03-01\")",
        ),
        (
            Astro,
            "blog/a.md",
            "---\ntitle: T\npubDate: 'Jul 08 2022'\nupdatedDate: 'Jan 15 2024'\n---\nx",
            |a| format!("{} {:?}", a.date, a.updated.map(|d| d.to_string())),
            "2022-07-08 Some(\"2024-01-15\")",
        ),
        (
            Jekyll,
            "_posts/2023-01-02-a.md",
            "---\ntitle: T\nlast_modified_at: 2023-02-01\n---\nx",
            |a| format!("{} {:?}", a.date, a.updated.map(|d| d.to_string())),
            "2023-01-02 Some(\"2023-02-01\")",
        ),
        (
            Zola,
            "blog/a.md",
            "+++\ntitle = \"T\"\ndate = 2022-02-10T08:15:00+02:00\nupdated = 2022-03-01\n+++\nx",
            |a| format!("{:?}", a.updated.map(|d| d.to_string())),
            "Some(\"2022-03-01\")",
        ),
        (
            Jekyll,
            "_posts/2023-01-02-the-quiet-one.md",
            "---\nlayout: post\n---\nx",
            |a| a.title.clone(),
            "The Quiet One",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ndate: 2024-01-02\n---\n# From The Heading\n\nx",
            |a| a.title.clone(),
            "From The Heading",
        ),
        (
            Jekyll,
            "_posts/2023-01-02-a.md",
            "---\ntitle: T\ncategories: engineering notes\ntags: ruby jekyll\n---\nx",
            |a| format!("{:?} {:?}", a.category.as_ref().map(|c| &c.slug), a.tags),
            "Some(\"engineering\") [\"ruby\", \"jekyll\", \"notes\"]",
        ),
        (
            Jekyll,
            "ops/_posts/2023-01-02-a.md",
            "---\ntitle: T\n---\nx",
            |a| format!("{:?}", a.category.as_ref().map(|c| &c.name)),
            "Some(\"ops\")",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\ncategories: [Infra, Perf]\ntags: [ci]\n---\nx",
            |a| format!("{:?} {:?}", a.category.as_ref().map(|c| &c.slug), a.tags),
            "Some(\"infra\") [\"ci\", \"Perf\"]",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\ncategory: Solo\n---\nx",
            |a| format!("{:?}", a.category.as_ref().map(|c| &c.name)),
            "Some(\"Solo\")",
        ),
        (
            Zola,
            "blog/a.md",
            "+++\ntitle = \"T\"\ndate = 2024-01-02\n[taxonomies]\ntags = [\"a\", \"b\"]\ncategories = [\"C\"]\n+++\nx",
            |a| format!("{:?} {:?}", a.category.as_ref().map(|c| &c.slug), a.tags),
            "Some(\"c\") [\"a\", \"b\"]",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\ndescription: Own words.\n---\nx",
            |a| a.summary.clone(),
            "Own words.",
        ),
        (
            Jekyll,
            "_posts/2023-01-02-a.md",
            "---\ntitle: T\nexcerpt: An excerpt.\n---\nx",
            |a| a.summary.clone(),
            "An excerpt.",
        ),
        (
            Jekyll,
            "_posts/2023-01-02-a.md",
            "---\ntitle: T\nauthor:\n  name: Ravi\n---\nx",
            |a| a.authors.join(","),
            "Ravi",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\nauthor: A\nauthors: [B, C]\n---\nx",
            |a| a.authors.join(","),
            "B,C",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\nimages: [/img/a.png]\n---\nx",
            |a| format!("{:?}", a.body.image),
            "Some(\"/img/a.png\")",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\ncover:\n  image: /img/c.png\n---\nx",
            |a| format!("{:?}", a.body.image),
            "Some(\"/img/c.png\")",
        ),
        (
            Astro,
            "blog/a.md",
            "---\ntitle: T\npubDate: 2024-01-02\nheroImage: /hero.jpg\n---\nx",
            |a| format!("{:?}", a.body.image),
            "Some(\"/hero.jpg\")",
        ),
        (
            Zola,
            "blog/a.md",
            "+++\ntitle = \"T\"\ndate = 2024-01-02\n[extra]\nhero = \"https://cdn.example/h.png\"\n+++\nx",
            |a| format!("{:?}", a.body.image),
            "Some(\"https://cdn.example/h.png\")",
        ),
        (
            Jekyll,
            "_posts/2023-01-02-a.md",
            "---\ntitle: T\nredirect_from: [/old/, rel]\n---\nx",
            |a| {
                format!(
                    "{:?}",
                    a.body
                        .aliases
                        .iter()
                        .map(|x| x.path.as_str())
                        .collect::<Vec<_>>()
                )
            },
            "[\"/old\", \"/rel\", \"/rel.html\"]",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\naliases: [/x/, y]\n---\nx",
            |a| {
                format!(
                    "{:?}",
                    a.body
                        .aliases
                        .iter()
                        .map(|x| x.path.as_str())
                        .collect::<Vec<_>>()
                )
            },
            "[\"/x\", \"/posts/y\"]",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\nslug: kept\n---\nx",
            |a| format!("{} {:?}", a.slug, a.old_address),
            "kept Some(\"/posts/kept/\")",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\nurl: /x/y/\n---\nx",
            |a| format!("{:?}", a.old_address),
            "Some(\"/x/y/\")",
        ),
        (
            Jekyll,
            "_posts/2023-01-02-a.md",
            "---\ntitle: T\npermalink: /p/\n---\nx",
            |a| format!("{:?}", a.old_address),
            "Some(\"/p/\")",
        ),
        (
            Zola,
            "blog/a.md",
            "+++\ntitle = \"T\"\npath = \"2020/06/15/kept\"\n+++\nx",
            |a| format!("{} {:?}", a.date, a.old_address),
            "2020-06-15 Some(\"/2020/06/15/kept/\")",
        ),
        (
            Hugo,
            "posts/a.md",
            "---\ntitle: T\ndate: 2024-01-02\ndraft: true\n---\nx",
            |a| a.draft.to_string(),
            "true",
        ),
        (
            Jekyll,
            "_posts/2023-01-02-a.md",
            "---\ntitle: T\npublished: false\n---\nx",
            |a| a.draft.to_string(),
            "true",
        ),
        (
            Jekyll,
            "_drafts/a.md",
            "---\ntitle: T\ndate: 2023-01-02\n---\nx",
            |a| a.draft.to_string(),
            "true",
        ),
        (
            Astro,
            "blog/a.mdx",
            "---\ntitle: T\npubDate: 2024-01-02\n---\nimport X from './x';\n\nFirst words.\n",
            |a| a.summary.clone(),
            "First words.",
        ),
    ];
    for (generator, relative, text, check, expected) in rows {
        let article = compiled(*generator, relative, text);
        assert_eq!(
            check(&article),
            *expected,
            "{generator:?} {relative}: {text}"
        );
    }
}

/// The published posts' slugs and the redirects of a site built from `files`.
fn published(files: &[(&str, &str)]) -> (Vec<String>, BTreeMap<String, String>, Report) {
    let dir = site_of(files);
    let (report, out) = build_at(dir.path());
    let report = report.unwrap_or_else(|error| panic!("{error:?}"));
    let manifest: Manifest =
        serde_json::from_slice(&fs::read(out.path().join("bundle/manifest.json")).unwrap())
            .unwrap();
    let mut slugs: Vec<String> = manifest.latest.iter().map(|a| a.slug.clone()).collect();
    slugs.sort();
    let redirects = fs::read_to_string(out.path().join("_redirects"))
        .unwrap()
        .lines()
        .filter(|line| line.ends_with(" 301") && !line.split(' ').next().unwrap().ends_with('/'))
        .map(|line| {
            let parts: Vec<&str> = line.split_whitespace().collect();
            (parts[0].to_owned(), parts[1].to_owned())
        })
        .collect();
    (slugs, redirects, report)
}

/// Zola posts at the content root, dated only in `path`, with dots in their names.
#[test]
fn zola_posts_anywhere_with_dots_in_their_names() {
    let (slugs, redirects, report) = published(&[
        (
            "config.toml",
            "base_url = \"https://blog.example\"\ntitle = \"R\"\n",
        ),
        (
            "content/Rust-1.0-alpha.md",
            "+++\ntitle = \"Alpha\"\npath = \"2015/01/09/Rust-1.0-alpha\"\n+++\nBody.\n",
        ),
        (
            "content/Rust-1.0-beta.md",
            "+++\ntitle = \"Beta\"\npath = \"2015/04/03/Rust-1.0-beta\"\n+++\nBody.\n",
        ),
        (
            "content/2018-05-15-newsletter-5.md",
            "+++\ntitle = \"Newsletter\"\n+++\nBody.\n\n![A screenshot](../screenshot.png)\n",
        ),
        ("static/screenshot.png", "png"),
        ("content/about.md", "+++\ntitle = \"About\"\n+++\nBody.\n"),
    ]);
    assert_eq!(slugs, ["newsletter-5", "rust-1-0-alpha", "rust-1-0-beta"]);
    // `../screenshot.png` of the old `/newsletter-5/` is the static folder's `/screenshot.png`.
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.message.contains("screenshot") && w.message.contains("not in static/")),
        "{:?}",
        report.warnings
    );
    assert_eq!(
        redirects
            .get("/2015/01/09/Rust-1.0-alpha")
            .map(String::as_str),
        Some("/insights/rust-1-0-alpha/")
    );
}

/// Hugo content mounted from elsewhere, HTML content, a leaf bundle's other markdown files
/// (resources, not posts), `ignoreFiles`, and names with dots.
#[test]
fn hugo_mounts_html_content_bundles_and_ignored_files() {
    let (slugs, redirects, report) = published(&[
        (
            "hugo.toml",
            "baseURL = 'https://x.example/'\ntitle = 'M'\nignoreFiles = ['\\.knit\\.md$']\n[permalinks]\nposts = '/:year/:month/:day/:filename/'\n[[module.mounts]]\nsource = 'src/content'\ntarget = 'content'\n",
        ),
        (
            "src/content/posts/bootstrap-4.6.0.md",
            "---\ntitle: B\ndate: 2021-01-19\n---\nx\n",
        ),
        (
            "src/content/posts/html-post/index.html",
            "---\ntitle: H\ndate: 2021-02-01\n---\n<p>HTML body.</p>\n",
        ),
        (
            "src/content/posts/html-post/reprex.md",
            "Not a post: a resource of the bundle.\n",
        ),
        (
            "src/content/posts/knitted/index.md",
            "---\ntitle: K\ndate: 2021-03-01\n---\nx\n",
        ),
        (
            "src/content/posts/knitted/index.knit.md",
            "---\ntitle: K\ndate: 2021-03-01\n---\nx\n",
        ),
        ("src/content/posts/knitted/source.Rmd", "source\n"),
        ("src/content/posts/knitted/plot.png", "not really a png"),
    ]);
    assert_eq!(
        slugs,
        ["bootstrap-4-6-0", "html-post", "knitted"],
        "{report:?}"
    );
    assert_eq!(
        redirects
            .get("/2021/01/19/bootstrap-4.6.0")
            .map(String::as_str),
        Some("/insights/bootstrap-4-6-0/")
    );
    assert_eq!(
        report.migration.unwrap().images,
        1,
        "the bundle's image, not its R source"
    );
}

/// Jekyll publishes a post named by its date even without front matter.
#[test]
fn a_jekyll_post_without_front_matter() {
    let (slugs, redirects, _) = published(&[
        ("_config.yml", "title: J\n"),
        (
            "_posts/2018-06-24-attention-attention.md",
            "Attention, in plain words.\n",
        ),
    ]);
    assert_eq!(slugs, ["attention-attention"]);
    assert!(
        redirects.contains_key("/2018/06/24/attention-attention.html"),
        "{redirects:?}"
    );
}

/// Two bundles of one name in different folders: the second gets a slug of its own, and its
/// files move with it rather than giving way to the first's.
#[test]
fn bundles_of_one_name_keep_their_own_files() {
    let dir = site_of(&[
        (
            "hugo.toml",
            "baseURL = 'https://x.example/'\ntitle = 'Twins'\n",
        ),
        (
            "content/posts/2023/review/index.md",
            "---\ntitle: Review 2023\ndate: 2023-12-30\n---\n![A](chart.svg)\n",
        ),
        (
            "content/posts/2023/review/chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\"/>",
        ),
        (
            "content/posts/2024/review/index.md",
            "---\ntitle: Review 2024\ndate: 2024-12-30\n---\n![B](chart.svg)\n",
        ),
        (
            "content/posts/2024/review/chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"3\" height=\"3\"/>",
        ),
    ]);
    let (report, out) = build_at(dir.path());
    report.unwrap_or_else(|error| panic!("{error:?}"));
    let chart = |slug: &str| {
        fs::read_to_string(out.path().join(format!("insights/{slug}/chart.svg"))).unwrap()
    };
    assert!(chart("review").contains("width=\"2\""));
    assert!(chart("review-2").contains("width=\"3\""));
    let bodies = fs::read_dir(out.path().join("bundle/articles"))
        .unwrap()
        .map(|entry| fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    assert!(
        bodies
            .iter()
            .any(|body| body.contains("/insights/review-2/chart.svg")),
        "the second post's body names its own file"
    );
}

/// What Jekyll takes is no error: a draft in a nested `_drafts`, a one-word-or-more `category`,
/// a page named in another script, two posts claiming one alias (the first keeps it); a post at
/// `/x.html` is redirected from `/x` too, as GitHub Pages serves it there.
#[test]
fn what_jekyll_accepts_builds() {
    let (slugs, redirects, report) = published(&[
        ("_config.yml", "title: J\n"),
        (
            "blog/_drafts/unfinished.md",
            "---\ntitle: Unfinished\n---\nx\n",
        ),
        (
            "_posts/2024-01-01-sre.md",
            "---\ntitle: SRE\ncategory: Site Reliability\nredirect_from: /shared/\n---\nx\n",
        ),
        (
            "_posts/2024-01-02-other.md",
            "---\ntitle: Other\nredirect_from: /shared/\n---\nx\n",
        ),
        ("日本語.md", "---\ntitle: Japanese Page\n---\nx\n"),
    ]);
    assert_eq!(slugs, ["other", "sre"]);
    assert_eq!(report.left_out_drafts, 1);
    assert_eq!(report.migration.as_ref().unwrap().pages, 1);
    assert_eq!(
        redirects.get("/shared").map(String::as_str),
        Some("/insights/sre/")
    );
    assert_eq!(
        redirects
            .get("/site reliability/2024/01/01/sre")
            .map(String::as_str),
        None,
        "an address with a space is no plain path"
    );
    assert_eq!(
        redirects.get("/2024/01/02/other").map(String::as_str),
        Some("/insights/other/"),
        "{redirects:?}"
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("/shared is claimed by")),
        "{:?}",
        report.warnings
    );
}

/// A multilingual Hugo site configured in `config/_default/` (its languages in files of their
/// own), `mainSections`, a section of no posts whose `_index.md` is its page, a post's author
/// under `params`, and per-section `uglyURLs`.
#[test]
fn a_hugo_site_configured_in_parts() {
    let dir = site_of(&[
        (
            "config/_default/hugo.toml",
            "baseURL = 'https://x.example/'\ntitle = 'Parts'\ndefaultContentLanguage = 'en'\n[permalinks]\npost = '/:year/:month/:day/:slug'\n[uglyURLs]\npost = true\n[params]\nmainSections = ['post']\n",
        ),
        (
            "config/_default/languages.en.toml",
            "contentDir = 'content/en'\nweight = 1\n",
        ),
        (
            "config/_default/languages.fr.toml",
            "contentDir = 'content/fr'\nweight = 2\n",
        ),
        (
            "config/_default/menus.en.toml",
            "[[main]]\nname = 'Blog'\nurl = '/post/'\n",
        ),
        (
            "content/en/post/hello.md",
            "---\ntitle: Hello There\ndate: 2014-11-18\nparams:\n  author: Josh\n---\nx\n",
        ),
        (
            "content/en/documents/policy.md",
            "---\ntitle: Policy\ndate: 2015-01-01\n---\nA dated document, not a post.\n",
        ),
        (
            "content/en/design-principles/_index.md",
            "---\ntitle: Design Principles\n---\nThe principles.\n",
        ),
        (
            "content/fr/post/bonjour.md",
            "---\ntitle: Bonjour\ndate: 2014-11-18\n---\nx\n",
        ),
    ]);
    let (report, out) = build_at(dir.path());
    let report = report.unwrap_or_else(|error| panic!("{error:?}"));
    let migration = report.migration.as_ref().unwrap();
    assert_eq!((migration.posts, migration.pages), (1, 2), "{report:?}");
    let manifest: Manifest =
        serde_json::from_slice(&fs::read(out.path().join("bundle/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest.latest[0].authors, ["Josh"]);
    assert_eq!(manifest.site.nav[0].href, "/insights");
    let pages: Vec<&str> = manifest.pages.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(pages, ["design-principles", "policy"]);
    let redirects = fs::read_to_string(out.path().join("_redirects")).unwrap();
    assert!(
        redirects
            .lines()
            .any(|line| line.split_whitespace().collect::<Vec<_>>()
                == ["/2014/11/18/hello-there.html", "/insights/hello/", "301"]),
        "{redirects}"
    );
}

/// An Astro theme's own date keys, and posts routed at the site's root (`src/pages/[slug].astro`).
#[test]
fn an_astro_site_routed_at_its_root() {
    let (slugs, redirects, report) = published(&[
        (
            "astro.config.mjs",
            "export default { site: 'https://x.example' }\n",
        ),
        (
            "src/content.config.ts",
            "const posts = defineCollection({ loader: glob({ base: './src/content/posts', pattern: '**/*.md' }), schema: z.object({ title: z.string(), pubDatetime: z.date() }) });\n",
        ),
        (
            "src/content/posts/first.md",
            "---\ntitle: First\npubDatetime: 2024-02-03T10:00:00Z\n---\nx\n",
        ),
        ("src/pages/[slug].astro", "---\n---\n"),
    ]);
    assert_eq!(slugs, ["first"]);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        redirects.get("/first").map(String::as_str),
        Some("/insights/first/")
    );
}

/// Jekyll posts take their permalink from `defaults`, and a key written twice is read last.
#[test]
fn jekyll_defaults_and_repeated_keys() {
    let (slugs, redirects, report) = published(&[
        (
            "_config.yml",
            "title: J\npermalink: none\ndefaults:\n  - scope: {path: '', type: posts}\n    values: {permalink: '/blog/:year/:month/:day/:title/'}\n",
        ),
        (
            "_posts/2012-05-25-elixir-v0-5-0-released.md",
            "---\ntitle: First\ntitle: Elixir v0.5.0 released\n---\nx\n",
        ),
    ]);
    assert_eq!(slugs, ["elixir-v0-5-0-released"]);
    assert_eq!(
        redirects
            .get("/blog/2012/05/25/elixir-v0-5-0-released")
            .map(String::as_str),
        Some("/insights/elixir-v0-5-0-released/")
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("the last one is read")),
        "{:?}",
        report.warnings
    );
}

/// What real sites hold that their generators take: a Jekyll template post named `_x.md` (passed
/// by), a day-first date (Ruby reads it), Zola's `ignored_content` and pages dated year 0 to sort
/// last (pages, not posts).
#[test]
fn what_real_sites_hold_builds_as_their_generators_build_it() {
    let (slugs, _, report) = published(&[
        ("_config.yml", "title: J\n"),
        ("_drafts/_template.md", "---\ntitle: [unclosed\n---\nx\n"),
        ("_posts/_notes.md", "---\ntitle: [unclosed\n---\nx\n"),
        (
            "_posts/2017-09-11-fix.md",
            "---\ntitle: Fix\ndate: 11-9-2017\n---\nx\n",
        ),
    ]);
    assert_eq!(slugs, ["fix"]);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);

    let (slugs, _, report) = published(&[
        (
            "config.toml",
            "base_url = \"https://z.example\"\ntitle = \"Z\"\nignored_content = [\"**/content/README.md\", \"*.{tmp,bak}\"]\n",
        ),
        ("content/README.md", "no front matter at all\n"),
        ("content/notes.tmp", "x\n"),
        (
            "content/privacy.md",
            "+++\ntitle = \"Privacy\"\ndate = 0000-01-01\n+++\nx\n",
        ),
        (
            "content/blog/post.md",
            "+++\ntitle = \"Post\"\ndate = 2024-01-01\n+++\nx\n",
        ),
    ]);
    assert_eq!(slugs, ["post"]);
    assert_eq!(
        report.migration.as_ref().unwrap().pages,
        1,
        "{:?}",
        report.warnings
    );
}
