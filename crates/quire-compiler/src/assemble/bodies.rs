//! Article bodies: each with its neighbours and related articles, named by its hash and written
//! a run at a time, its HTML dropped once written; its page is rendered from the file it was
//! written to.

use crate::assemble::layout::content_hash;
use crate::assemble::rendered::RenderedBody;
use crate::parallel::BALANCED_RUN;
use quire_model::routes::SiteBase;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quire_model::{ArticleLink, ArticleSummary, Manifest, SCHEMA_VERSION, TocEntry};
use rayon::prelude::*;

use crate::assemble::body_json::{self, ArticleParts};
use crate::assemble::related::related_indices;
use crate::error::BuildError;
use crate::markdown;
use crate::spill::Stored;
use crate::write::feeds;
use crate::write::pages;
use crate::write::shell::Shell;
use crate::write::staging::OutputFile;

/// Related articles per article.
pub(crate) const RELATED_COUNT: usize = 3;

/// Article bodies serialised at once before they are written: a few megabytes of JSON.
pub(crate) const BODY_RUN: usize = 256;

/// What the bundle's article bodies and the pre-rendered pages (none without a shell) are made
/// from.
pub struct DeferredOutput {
    pub(crate) shell: Option<Shell>,
    pub(crate) base: SiteBase,
    /// The manifest's content-named copy, which every page names (see [`pinned_manifest_file`]).
    pub(crate) pinned_manifest: String,
    /// Where the article bodies were written (none in a check, which renders no page).
    pub(crate) bodies_dir: Option<PathBuf>,
    pub(crate) articles: Vec<WrittenBody>,
}

impl DeferredOutput {
    /// Renders every page in parallel, handing each to `sink` as soon as it is rendered; returns
    /// how many there were, or the first error.
    pub(crate) fn render_each(
        &self,
        manifest: &Manifest,
        files: Vec<OutputFile>,
        sink: impl Fn(OutputFile) -> Result<(), BuildError> + Sync,
    ) -> Result<usize, BuildError> {
        let (Some(shell), Some(bodies_dir)) = (&self.shell, &self.bodies_dir) else {
            return Ok(0);
        };
        let bundle = Arc::new(pages::BundleFiles::new(
            manifest,
            &self.pinned_manifest,
            files,
        ));
        let routes = pages::route_paths(manifest);
        let count = routes.len() + self.articles.len();
        let render = |route: Option<&str>, article| {
            pages::render_page(shell, &self.base, &bundle, route, article)
        };
        // Side by side: a few listing pages (a long archive period, a large tag) take far
        // longer than the rest, and a core waited for the last of them before the articles.
        let (routes, articles) = rayon::join(
            || {
                routes
                    .into_par_iter()
                    .with_max_len(1)
                    .map(|route| render(route.as_deref(), None))
                    .try_for_each(&sink)
            },
            || {
                self.articles
                    .par_iter()
                    .with_max_len(BALANCED_RUN)
                    .try_for_each(|body| {
                        // Read back from the file just written (still in the page cache): kept
                        // in memory, every body's HTML was most of a 100,000-article build's
                        // peak, and serialising it again a twentieth of its time.
                        let path = bodies_dir.join(&body.path);
                        let json = fs::read_to_string(&path).map_err(BuildError::io(&path))?;
                        let route = quire_model::routes::article(&body.slug);
                        let article =
                            pages::ArticleFile::new(body.slug.clone(), body.path.clone(), &json);
                        sink(render(Some(&route), Some(article)))
                    })
            },
        );
        routes.and(articles)?;
        Ok(count)
    }

    /// Every page file [`Self::render_each`] writes, relative to the site's root. Decided by the
    /// manifest alone, so that a check without a shell finds what a build would clash with.
    pub fn page_files(&self, manifest: &Manifest) -> BTreeSet<String> {
        let mut files: BTreeSet<String> = pages::route_paths(manifest)
            .iter()
            .map(|route| pages::page_file(route.as_deref()))
            .collect();
        files.extend(
            self.articles
                .iter()
                .map(|body| pages::page_file(Some(&quire_model::routes::article(&body.slug)))),
        );
        files
    }
}

/// An article's body file, once written: what its page is rendered from.
pub(crate) struct WrittenBody {
    pub(crate) slug: String,
    /// `articles/<slug>.<hash>.json`, in the bundle.
    pub(crate) path: String,
}

/// An article's body as the compiler holds it until its file is written, with its related
/// articles as indices into the site's summaries.
pub(crate) struct KeptBody<'a> {
    pub(crate) article: &'a ArticleSummary,
    pub(crate) html: Stored,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) newer: Option<ArticleLink>,
    pub(crate) older: Option<ArticleLink>,
    pub(crate) related: Vec<usize>,
}

impl KeptBody<'_> {
    /// Its parts, with its HTML as read back from the spill.
    fn parts<'a>(&'a self, html: &'a str, summaries: &'a [ArticleSummary]) -> ArticleParts<'a> {
        ArticleParts {
            schema_version: SCHEMA_VERSION,
            article: self.article,
            html,
            toc: &self.toc,
            newer: self.newer.as_ref(),
            older: self.older.as_ref(),
            related: self
                .related
                .iter()
                .map(|&index| &summaries[index])
                .collect(),
        }
    }
}

/// `articles/<slug>.<hash>.json`, for a body and its bytes.
pub(crate) fn body_file_path(body: &ArticleParts<'_>, bytes: &[u8]) -> String {
    format!(
        "articles/{}.{}.json",
        body.article.slug,
        content_hash(bytes)
    )
}

/// Serialises an article body file and names it `articles/<slug>.<hash>.json`.
pub(crate) fn body_file(body: &ArticleParts<'_>) -> OutputFile {
    let mut bytes = Vec::new();
    body_json::write_article_body(&mut bytes, body);
    OutputFile {
        path: body_file_path(body, &bytes),
        bytes,
    }
}

/// An article's body HTML, read back from the spill, with its links placed for its page.
fn placed_html(html: &Stored, slug: &str, base: &SiteBase) -> Result<String, BuildError> {
    let route = quire_model::routes::article(slug);
    Ok(markdown::place_links(html.read()?, &route, base))
}

pub(crate) fn link(article: &ArticleSummary) -> ArticleLink {
    ArticleLink {
        slug: article.slug.clone(),
        title: article.title.clone(),
    }
}

/// The article bodies as written, and the HTML of those the feeds carry.
pub(crate) struct ArticleBodies {
    pub(crate) written: Vec<WrittenBody>,
    /// slug -> body HTML
    pub(crate) feed_html: BTreeMap<String, String>,
}

/// Builds each article's body (its neighbours and related articles beside its HTML) from the
/// rendered articles, newest first, then names and writes the body files (see [`name_bodies`]).
pub(crate) fn article_bodies(
    rendered: Vec<RenderedBody>,
    summaries: &[ArticleSummary],
    base: &SiteBase,
    bodies_to: Option<&Path>,
) -> Result<ArticleBodies, BuildError> {
    let related = related_indices(summaries, RELATED_COUNT);
    let in_feeds = feeds::feed_slugs(summaries);
    let feed_html = rendered
        .iter()
        .zip(summaries)
        .filter(|(_, summary)| in_feeds.contains(&summary.slug))
        .map(|(article, summary)| {
            let html = placed_html(&article.html, &summary.slug, base)?;
            Ok((summary.slug.clone(), html))
        })
        .collect::<Result<BTreeMap<String, String>, BuildError>>()?;
    let bodies =
        rendered
            .into_iter()
            .zip(related)
            .enumerate()
            .map(|(index, (article, related))| KeptBody {
                newer: index.checked_sub(1).map(|i| link(&summaries[i])),
                older: summaries.get(index + 1).map(link),
                related,
                html: article.html,
                toc: article.toc,
                article: &summaries[index],
            });
    let paths = name_bodies(bodies, summaries, base, bodies_to)?;
    let written = summaries
        .iter()
        .zip(paths)
        .map(|(summary, path)| WrittenBody {
            slug: summary.slug.clone(),
            path,
        })
        .collect();
    Ok(ArticleBodies { written, feed_html })
}

/// Names every article body file by its hash and, given a folder, writes it there: serialised
/// on every core a run at a time, written one at a time (see [`staging::Staging::write_all`])
/// while the next run is serialised, and dropped once written. A run at a time, because every
/// body's JSON held at once as well as the bodies themselves was the compiler's largest
/// allocation at 10,000 articles.
pub(crate) fn name_bodies<'a>(
    mut bodies: impl Iterator<Item = KeptBody<'a>>,
    summaries: &'a [ArticleSummary],
    base: &SiteBase,
    dir: Option<&Path>,
) -> Result<Vec<String>, BuildError> {
    let mut made: Option<PathBuf> = None;
    let mut write_run = |run: &[OutputFile]| -> Result<(), BuildError> {
        let Some(dir) = dir else {
            return Ok(());
        };
        for file in run {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent()
                && made.as_deref() != Some(parent)
            {
                fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
                made = Some(parent.to_path_buf());
            }
            fs::write(&path, &file.bytes).map_err(BuildError::io(&path))?;
        }
        Ok(())
    };
    let mut paths = Vec::with_capacity(summaries.len());
    let mut waiting: Vec<OutputFile> = Vec::new();
    loop {
        let run: Vec<KeptBody<'a>> = bodies.by_ref().take(BODY_RUN).collect();
        if run.is_empty() {
            break;
        }
        let (serialised, written) = rayon::join(
            || {
                run.into_par_iter()
                    .with_max_len(BALANCED_RUN)
                    .map(|body| {
                        let html = placed_html(&body.html, &body.article.slug, base)?;
                        Ok(body_file(&body.parts(&html, summaries)))
                    })
                    .collect::<Result<Vec<_>, BuildError>>()
            },
            || write_run(&waiting),
        );
        written?;
        let serialised = serialised?;
        paths.extend(serialised.iter().map(|file| file.path.clone()));
        waiting = serialised;
    }
    write_run(&waiting)?;
    Ok(paths)
}
