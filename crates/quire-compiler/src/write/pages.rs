//! Every route's page, rendered by the reader app's own components (`quire::render`) from the
//! bundle files this build holds, and placed in the app's shell with the files the render read,
//! so the browser hydrates the page from the same data without a request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use quire::data::preload::{Preload, PreloadSource, embeddable_json};
use quire::render::render_route;
use quire_model::archive::{ArchivePeriod, years};
use quire_model::routes::{self, SiteBase};
use quire_model::{
    BundleFile, Date, ListingShard, LookupBucket, MANIFEST_FILE, Manifest, SCHEMA_VERSION,
};

use crate::assemble::layout::{ENTRY_DIR, SEARCH_DIR};
use crate::write::shell::{RoutePage, Shell};
use crate::write::staging::OutputFile;

/// The file a route's page is written to (`None`: the not-found page).
pub(crate) fn page_file(route: Option<&str>) -> String {
    match route {
        None => "404.html".to_owned(),
        Some("/") => "index.html".to_owned(),
        Some(route) => format!("{}/index.html", route.trim_start_matches('/')),
    }
}

/// Every route but the articles' that has a page (`None`: the not-found page): home, listings,
/// search, archive periods, case studies and pages.
pub(crate) fn route_paths(manifest: &Manifest) -> Vec<Option<String>> {
    let mut paths: Vec<Option<String>> = [
        "/",
        routes::INSIGHTS,
        routes::CASE_STUDIES,
        "/search",
        routes::TAGS,
    ]
    .map(|route| Some(route.to_owned()))
    .into();
    paths.push(None);
    paths.extend(
        manifest
            .categories
            .iter()
            .map(|c| Some(routes::category(&c.slug))),
    );
    paths.extend(manifest.tags.iter().map(|t| Some(routes::tag(&t.slug))));
    paths.push(Some(routes::ARCHIVE.to_owned()));
    for year in years(&manifest.archive) {
        paths.push(Some(routes::archive_year(year.year)));
        paths.extend(
            year.months
                .iter()
                .map(|month| Some(routes::archive_month(year.year, month.month))),
        );
    }
    paths.extend(
        manifest
            .case_studies
            .iter()
            .map(|s| Some(routes::case_study(&s.slug))),
    );
    paths.extend(manifest.pages.iter().map(|p| Some(routes::page(&p.slug))));
    paths
}

/// The bundle files a page's render may read: the manifest, decoded once for every page, and
/// the small files (listing shards, first pages, lookup buckets, page bodies) as JSON. Every JSON
/// text here and in [`PageFiles`] is already as a page embeds it (see [`embeddable_json`]): it is
/// the same JSON, written once.
///
/// The manifest is the one file a page names rather than embeds: every page reads it, it grows
/// with the site (34 kB at 10,000 articles), and one copy of it serves every page a reader opens.
pub(crate) struct BundleFiles {
    manifest: Arc<Manifest>,
    pinned_manifest: String,
    files: HashMap<String, Arc<str>>,
}

impl BundleFiles {
    /// From the bundle's files as they are written (each is JSON; others are never asked for),
    /// with the manifest's content-named copy at `pinned_manifest`. Entries and search files
    /// are left out: the app reads them only once a reader filters or searches, which no served
    /// page has done, and at 100,000 articles they were 140 MB held for nothing.
    pub fn new(manifest: &Manifest, pinned_manifest: &str, files: Vec<OutputFile>) -> Self {
        let json = |bytes: &[u8]| std::str::from_utf8(bytes).ok().map(embedded);
        let read_by_renders = |path: &str| {
            path.ends_with(".json")
                && path != MANIFEST_FILE
                && ![ENTRY_DIR, SEARCH_DIR].iter().any(|dir| is_in(dir, path))
        };
        Self {
            manifest: Arc::new(manifest.clone()),
            pinned_manifest: pinned_manifest.to_owned(),
            files: files
                .into_iter()
                .filter(|file| read_by_renders(&file.path))
                .filter_map(|file| Some((file.path, json(&file.bytes)?)))
                .collect(),
        }
    }
}

/// One render's view of the bundle: the shared files, the article's own body, and a note of
/// each file the render took, in order.
struct PageFiles {
    bundle: Arc<BundleFiles>,
    article: Option<ArticleFile>,
    /// An archive period's dates: its page shows only the articles of those days, so only
    /// they are handed over from the listing shards it reads (and embedded), not the shards'
    /// every article.
    period: Option<(Date, Date)>,
    taken: TakenFiles,
}

/// The files a render took, by bundle path, in the order it took them.
type TakenFiles = Arc<Mutex<Vec<(String, Arc<str>)>>>;

/// JSON as a page embeds it, shared.
fn embedded(json: &str) -> Arc<str> {
    Arc::from(embeddable_json(json))
}

/// The article an article page shows: its slug and its body file.
pub(crate) struct ArticleFile {
    slug: String,
    path: String,
    json: Arc<str>,
}

impl ArticleFile {
    pub fn new(slug: String, path: String, json: &str) -> Self {
        Self {
            slug,
            path,
            json: embedded(json),
        }
    }

    /// Its lookup bucket with its own entry alone: the page needs that, not the two hundred
    /// others (the app uses a bucket handed over with a page for that page alone).
    fn own_bucket(&self) -> Arc<str> {
        let bucket = LookupBucket {
            schema_version: SCHEMA_VERSION,
            bodies: [(self.slug.clone(), self.path.clone())].into(),
        };
        embedded(&serde_json::to_string(&bucket).expect("bundle types always serialise"))
    }
}

/// A listing shard's JSON with only the articles dated `from..=to`; the shard as it is when it
/// cannot be read (the app then reports it as it would a fetched one).
fn shard_between(json: &Arc<str>, (from, to): (Date, Date)) -> Arc<str> {
    let Ok(mut shard) = ListingShard::from_json(json) else {
        return json.clone();
    };
    shard
        .articles
        .retain(|article| (from..=to).contains(&article.date));
    embedded(&serde_json::to_string(&shard).expect("bundle types always serialise"))
}

impl PreloadSource for PageFiles {
    fn take(&mut self, path: &str) -> Option<Preload> {
        if path == MANIFEST_FILE {
            return Some(Preload::Decoded(self.bundle.manifest.clone()));
        }
        let json = match (&self.article, self.period) {
            (Some(article), _) if article.path == path => article.json.clone(),
            (Some(article), _) if is_in(crate::assemble::layout::LOOKUP_DIR, path) => {
                article.own_bucket()
            }
            (_, Some(period)) if is_in(crate::assemble::layout::SHARD_DIR, path) => {
                shard_between(self.bundle.files.get(path)?, period)
            }
            _ => self.bundle.files.get(path)?.clone(),
        };
        let mut taken = self.taken.lock().expect("one render per source");
        if !taken.iter().any(|(known, _)| known == path) {
            taken.push((path.to_owned(), json.clone()));
        }
        Some(Preload::Json(json))
    }
}

/// Renders `route` (`None`: the not-found page) with the app's components into `shell`.
/// `article` is the body file of the article the route shows, by path.
pub(crate) fn render_page(
    shell: &Shell,
    base: &SiteBase,
    bundle: &Arc<BundleFiles>,
    route: Option<&str>,
    article: Option<ArticleFile>,
) -> OutputFile {
    let taken = TakenFiles::default();
    let source = PageFiles {
        bundle: bundle.clone(),
        article,
        period: route.and_then(archive_dates),
        taken: taken.clone(),
    };
    // The not-found page is served at any address; rendered at one no route matches.
    let render_at = route.unwrap_or(quire::NOT_FOUND_ROUTE);
    let (rendered, source) = render_route(base, render_at, Box::new(source));
    drop(source);
    let taken = std::mem::take(&mut *taken.lock().expect("the render is over"));
    let page = RoutePage {
        route: route.map(str::to_owned),
        split_point: rendered.split_point,
        head: rendered.head,
        body: rendered.body,
        data: embedded_files(&taken),
        manifest: bundle.pinned_manifest.clone(),
    };
    OutputFile {
        path: page_file(route),
        bytes: shell.render(&page).into_bytes(),
    }
}

/// Whether `path` is in the bundle folder `dir` (`listing/<n>.<hash>.json` in `listing`).
fn is_in(dir: &str, path: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The dates of the archive period `route` shows, if it is one (`/archive/2026/05`).
fn archive_dates(route: &str) -> Option<(Date, Date)> {
    let rest = route.strip_prefix("/archive/")?;
    let mut segments = rest.split('/');
    let period = ArchivePeriod::from_segments(segments.next(), segments.next())?;
    let (from, to) = period.range()?;
    Some((from.first_day(), to.last_day()))
}

/// The files a render read, as the JSON object a page embeds (`{"<path>": <file>, …}`).
fn embedded_files(files: &[(String, Arc<str>)]) -> String {
    let mut out = String::from("{");
    for (index, (path, json)) in files.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out += &serde_json::to_string(path).expect("a string always serialises");
        out.push(':');
        out += json;
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_period_is_read_from_its_route() {
        let date = |text: &str| text.parse::<Date>().unwrap();
        assert_eq!(
            archive_dates("/archive/2026/05"),
            Some((date("2026-05-01"), date("2026-05-31")))
        );
        assert_eq!(
            archive_dates("/archive/2025"),
            Some((date("2025-01-01"), date("2025-12-31")))
        );
        assert_eq!(archive_dates("/archive"), None);
        assert_eq!(archive_dates("/insights/archive"), None);
    }

    /// The served pages' markup is the app's: the compiler only places it in the shell.
    #[test]
    fn the_compiler_writes_no_route_markup_of_its_own() {
        for (file, source) in [
            ("pages.rs", include_str!("pages.rs")),
            ("shell.rs", include_str!("shell.rs")),
        ] {
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            for tag in [
                "<main", "<header", "<footer", "<nav", "<article", "<section", "<h1", "<h2", "<h3",
                "<p ", "<p>", "<ul", "<ol", "<li", "<a ", "<span", "<form", "<button", "<time",
                "<input", "<label",
            ] {
                assert!(!code.contains(tag), "{file} writes {tag}");
            }
        }
    }

    #[test]
    fn every_route_kind_has_its_file() {
        assert_eq!(page_file(None), "404.html");
        assert_eq!(page_file(Some("/")), "index.html");
        assert_eq!(page_file(Some("/insights/a")), "insights/a/index.html");
    }

    #[test]
    fn embedded_files_read_back_as_the_json_object_the_app_parses() {
        let files = vec![
            ("pages/a.json".to_owned(), embedded(r#"{"a":"</script>"}"#)),
            ("shards/0.json".to_owned(), embedded("[1,2]")),
        ];
        let written = embedded_files(&files);
        assert!(!written.contains("</script>"));
        assert!(quire::data::preload::EmbeddedFiles::parse(&written).is_ok());
        let value: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(value["pages/a.json"]["a"], "</script>");
        assert_eq!(value["shards/0.json"][1], 2);
    }
}
