//! Article bodies: each with its neighbours and related articles, named by its hash, and kept
//! until the pages are rendered from them.

use crate::assemble::layout::content_hash;
use crate::assemble::rendered::RenderedArticle;
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
use crate::write::feeds;
use crate::write::pages;
use crate::write::shell::Shell;
use crate::write::staging::OutputFile;

/// Article bodies serialised at once before they are written: a few megabytes of JSON.
/// Related articles per article.
pub(crate) const RELATED_COUNT: usize = 3;

pub(crate) const BODY_RUN: usize = 256;

/// What the bundle's article bodies and the pre-rendered pages (none without a shell) are made
/// from.
pub struct DeferredOutput {
    pub(crate) shell: Option<Shell>,
    pub(crate) base: SiteBase,
    /// The manifest's content-named copy, which every page names (see [`pinned_manifest_file`]).
    pub(crate) pinned_manifest: String,
    pub(crate) summaries: Vec<ArticleSummary>,
    pub(crate) articles: Vec<KeptBody>,
}

impl DeferredOutput {
    /// Renders every page in parallel, handing each to `sink` as soon as it is rendered; returns
    /// how many there were, or the first error `sink` returned.
    pub(crate) fn render_each<E: Send>(
        &self,
        manifest: &Manifest,
        files: &[OutputFile],
        sink: impl Fn(OutputFile) -> Result<(), E> + Sync,
    ) -> Result<usize, E> {
        let Some(shell) = &self.shell else {
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
                    .map(|body| {
                        let file = body_file(&body.parts(&self.summaries));
                        let json = std::str::from_utf8(&file.bytes).expect("JSON is UTF-8");
                        let slug = body.article.slug.clone();
                        let route = quire_model::routes::article(&slug);
                        let article = pages::ArticleFile::new(slug, file.path, json);
                        render(Some(&route), Some(article))
                    })
                    .try_for_each(&sink)
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
            self.articles.iter().map(|body| {
                pages::page_file(Some(&quire_model::routes::article(&body.article.slug)))
            }),
        );
        files
    }
}

/// An article's body as the compiler keeps it until its page is written, with its related
/// articles as indices into the site's summaries.
pub(crate) struct KeptBody {
    pub(crate) article: ArticleSummary,
    pub(crate) html: String,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) newer: Option<ArticleLink>,
    pub(crate) older: Option<ArticleLink>,
    pub(crate) related: Vec<usize>,
}

impl KeptBody {
    fn parts<'a>(&'a self, summaries: &'a [ArticleSummary]) -> ArticleParts<'a> {
        ArticleParts {
            schema_version: SCHEMA_VERSION,
            article: &self.article,
            html: &self.html,
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

/// Names an article body file `articles/<slug>.<hash>.json` without keeping its bytes.
pub(crate) fn body_path(body: &ArticleParts<'_>) -> String {
    thread_local! {
        /// Serialised into one buffer per thread and hashed at once: serde_json writes in
        /// pieces of a few bytes, too small to feed the hasher one by one.
        static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BYTES.with_borrow_mut(|bytes| {
        bytes.clear();
        body_json::write_article_body(bytes, body);
        body_file_path(body, bytes)
    })
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

pub(crate) fn link(article: &ArticleSummary) -> ArticleLink {
    ArticleLink {
        slug: article.slug.clone(),
        title: article.title.clone(),
    }
}

/// The article bodies, their file paths, and the HTML of those the feeds carry.
pub(crate) struct ArticleBodies {
    pub(crate) bodies: Vec<KeptBody>,
    pub(crate) paths: Vec<String>,
    /// slug -> body HTML
    pub(crate) feed_html: BTreeMap<String, String>,
}

/// Builds each article's body (its neighbours and related articles beside its HTML) from the
/// rendered articles, newest first, then names and writes the body files (see [`name_bodies`]).
pub(crate) fn article_bodies(
    rendered: Vec<RenderedArticle>,
    summaries: &[ArticleSummary],
    bodies_to: Option<&Path>,
) -> Result<ArticleBodies, BuildError> {
    let related = related_indices(summaries, RELATED_COUNT);
    let in_feeds = feeds::feed_slugs(summaries);
    let feed_html: BTreeMap<String, String> = rendered
        .iter()
        .filter(|article| in_feeds.contains(&article.summary.slug))
        .map(|article| (article.summary.slug.clone(), article.html.clone()))
        .collect();
    let bodies: Vec<KeptBody> = rendered
        .into_par_iter()
        .zip(related)
        .enumerate()
        .map(|(index, (article, related))| KeptBody {
            newer: index.checked_sub(1).map(|i| link(&summaries[i])),
            older: summaries.get(index + 1).map(link),
            related,
            html: article.html,
            toc: article.toc,
            article: article.summary,
        })
        .collect();
    let paths = name_bodies(&bodies, summaries, bodies_to)?;
    Ok(ArticleBodies {
        bodies,
        paths,
        feed_html,
    })
}

/// Names every article body file by its hash and, given a folder, writes it there: serialised
/// on every core a run at a time, written one at a time (see [`staging::Staging::write_all`])
/// while the next run is serialised. A run at a time, because every body's JSON held at once as
/// well as the bodies themselves was the compiler's largest allocation at 10,000 articles.
pub(crate) fn name_bodies(
    bodies: &[KeptBody],
    summaries: &[ArticleSummary],
    dir: Option<&Path>,
) -> Result<Vec<String>, BuildError> {
    let Some(dir) = dir else {
        return Ok(bodies
            .par_iter()
            .map(|body| body_path(&body.parts(summaries)))
            .collect());
    };
    let mut made: Option<PathBuf> = None;
    let mut write_run = |run: &[OutputFile]| -> Result<(), BuildError> {
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
    let mut paths = Vec::with_capacity(bodies.len());
    let mut waiting: Vec<OutputFile> = Vec::new();
    for run in bodies.chunks(BODY_RUN) {
        let (serialised, written) = rayon::join(
            || {
                run.par_iter()
                    .with_max_len(BALANCED_RUN)
                    .map(|body| body_file(&body.parts(summaries)))
                    .collect::<Vec<_>>()
            },
            || write_run(&waiting),
        );
        written?;
        paths.extend(serialised.iter().map(|file| file.path.clone()));
        waiting = serialised;
    }
    write_run(&waiting)?;
    Ok(paths)
}
