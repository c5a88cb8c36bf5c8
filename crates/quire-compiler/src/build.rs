//! A whole build: read `content/`, compile every file in parallel, validate across files, and
//! assemble the bundle. The only module here that touches the file system besides `output`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quire_model::listing::{archive_months, newest_first, pick_featured};
use quire_model::lookup::{bucket_count_for, lookup_bucket};
use quire_model::query::{FilterChoice, FilterChoices, ListingQuery, taxonomy_counts};
use quire_model::search::{AnalysedDocument, Analyser, IndexBuilder};
use quire_model::{
    ArticleLink, ArticleSummary, CaseStudySummary, CategoryInfo, Date, DocumentBody,
    FIRST_PAGE_LENGTH, FirstPage, LookupBucket, MANIFEST_FILE, Manifest, PageSummary,
    SCHEMA_VERSION, SEARCH_DOCUMENTS_PER_FILE, SearchDocument, SearchDocuments, SearchRef,
    SectionInfo, ShardRef, TagInfo, TocEntry, pinned_manifest_file,
};
use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::assemble::body_json::{self, ArticleParts};
use crate::assemble::related::related_indices;
use crate::assemble::{LOOKUP_DIR, SHARD_DIR};
use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::generator::migrate::{
    add_written_categories, distinct_slugs, list_static_files, listing_redirects,
    publish_local_files, redirect_old_addresses, rewrite_nav,
};
use crate::generator::{self, Generator, Layout, Migration, SourceFile, migrate};
use crate::markdown::{self, SitePath};
use crate::read::article::{self, Article, Compiled};
use crate::read::body::{Alias, Body};
use crate::read::document::{self, CaseStudy, Page};
use crate::read::links::DocumentRoutes;
use crate::read::site_config::Site;
use crate::read::static_files::{self, StaticFile};
use crate::template::Unrendered;
use crate::write::feeds;
use crate::write::pages;
use crate::write::precompress;
use crate::write::shell::{InlineCode, Shell, content_security_policy};
use crate::write::staging::{self, OutputFile};
use quire_model::routes::{SiteBase, public_root};

/// Articles the manifest lists itself: neither the home page nor the first page of `/insights`
/// needs a shard.
pub const LATEST_COUNT: usize = FIRST_PAGE_LENGTH;
/// Articles per listing shard.
pub const SHARD_SIZE: usize = 250;
/// Related articles per article.
pub const RELATED_COUNT: usize = 3;

#[derive(Clone, Debug)]
pub struct Options {
    pub content: PathBuf,
    pub out: PathBuf,
    pub include_drafts: bool,
    pub include_future: bool,
    /// Validate only: nothing is written.
    pub check_only: bool,
    /// The day future-dated articles are measured against.
    pub today: Date,
    /// Where feeds, the sitemap, robots.txt and host rules go (the site's root); not written when `None`.
    pub site_out: Option<PathBuf>,
    /// The path the site is hosted under (`/`, `/blog/`): links, host rules and public URLs use it.
    pub base: SiteBase,
    /// The app's built `index.html`: when given, every route is pre-rendered into `site_out`
    /// with it as the template.
    pub shell: Option<PathBuf>,
    /// Put the Content-Security-Policy in each page as a `<meta>` too (release builds; the dev
    /// server's live-reload script is inline and would be refused).
    pub csp_meta: bool,
    /// Write `.br` and `.gz` copies beside every text file under `site_out`.
    pub precompress: bool,
}

impl Options {
    /// Defaults for a content folder and a bundle folder: no site files, hosted at `/`.
    pub fn new(content: impl Into<PathBuf>, out: impl Into<PathBuf>, today: Date) -> Self {
        Self {
            content: content.into(),
            out: out.into(),
            include_drafts: false,
            include_future: false,
            check_only: false,
            today,
            site_out: None,
            base: SiteBase::default(),
            shell: None,
            csp_meta: false,
            precompress: false,
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub published: usize,
    pub left_out_drafts: usize,
    pub left_out_future: usize,
    pub files_written: usize,
    /// Pre-rendered route pages written (404.html included).
    pub pages: usize,
    /// Files copied from the content's `static/` folder.
    pub static_files: usize,
    /// Files given `.br` and `.gz` copies.
    pub precompressed: usize,
    /// What a build of another generator's site found, published and left out.
    pub migration: Option<Migration>,
    pub warnings: Vec<Diagnostic>,
}

/// The compiled bundle, before it is written.
pub struct Bundle {
    pub manifest: Manifest,
    pub files: Vec<OutputFile>,
    /// Feeds, sitemap, robots.txt and host rules, for the site's root folder.
    pub site_files: Vec<OutputFile>,
    /// The article body files and every route's pre-rendered page: rendered while they are
    /// written, so they are never all in memory at once.
    pub deferred: DeferredOutput,
    /// The content's `static/` files, copied to the site's root.
    pub static_files: Vec<StaticFile>,
}

thread_local! {
    /// One per worker thread, kept from run to run so that it remembers the corpus's stems.
    static ANALYSER: std::cell::RefCell<Analyser> = std::cell::RefCell::new(Analyser::default());
}

/// Documents analysed for the search index at once: enough to keep both cores busy.
const ANALYSIS_RUN: usize = 256;

/// The most items one core takes on at a time in a long parallel pass. Rayon otherwise splits a
/// list only about as often as there are cores, so the last large piece ran on one core while
/// the other waited (a twentieth of the compile pass at 10,000 articles).
const BALANCED_RUN: usize = 16;

/// Article bodies serialised at once before they are written: a few megabytes of JSON.
const BODY_RUN: usize = 256;

/// What search finds an article by besides its title: its body's text, and its summary, tag
/// and author names, which no passage of the body shows. Kept apart, as the analyser reads them,
/// so that the body's text is not copied.
#[derive(Default)]
struct SearchText {
    labels: String,
    body: String,
}

/// Analyses a run of articles for the search index, on every core, dropping each text once
/// it is analysed.
fn analyse_run(
    run: &mut [(ArticleSummary, String, Vec<TocEntry>, SearchText)],
) -> Vec<AnalysedDocument> {
    run.par_iter_mut()
        .with_max_len(BALANCED_RUN)
        .map(|(summary, _, _, text)| {
            let document = ANALYSER.with_borrow_mut(|analyser| {
                analyser.analyse(&summary.title, &[&text.labels, &text.body])
            });
            *text = SearchText::default();
            document
        })
        .collect()
}

/// What the bundle's article bodies and the pre-rendered pages (none without a shell) are made
/// from.
pub struct DeferredOutput {
    shell: Option<Shell>,
    base: SiteBase,
    /// The manifest's content-named copy, which every page names (see [`pinned_manifest_file`]).
    pinned_manifest: String,
    summaries: Vec<ArticleSummary>,
    articles: Vec<KeptBody>,
}

impl DeferredOutput {
    /// Renders every page in parallel, handing each to `sink` as soon as it is rendered; returns
    /// how many there were, or the first error `sink` returned.
    pub fn render_each<E: Send>(
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

pub fn build(options: &Options) -> Result<Report, BuildError> {
    if options.check_only {
        return compile(options, None).map(|(_, report)| report);
    }
    // Staged first, so that each article body is written as it is named: serialising them to
    // name them and again to write them was a twentieth of a 10,000-article build.
    let staging = staging::Staging::new(&options.out)?;
    let (bundle, mut report) = compile(options, Some(staging.path()))?;
    staging.write_all(&bundle.files)?;
    report.files_written = bundle.files.len() + bundle.deferred.articles.len();
    match &options.site_out {
        None => staging.commit()?,
        Some(site_out) => {
            let site = staging::SiteStaging::new(site_out)?;
            stage_site(options, &bundle, &site, &staging, &mut report)?;
            // The bundle first, then the site's files; should those fail to move, the bundle
            // is put back too, so the pages never name files the bundle lacks.
            let swapped = staging.swap()?;
            if let Err(error) = site.commit() {
                return Err(match swapped.undo() {
                    Ok(()) => error,
                    Err(unrestored) => unrestored,
                });
            }
            swapped.finish();
        }
    }
    // Freed on every core: dropped whole at the end, 10,000 articles' bodies and summaries kept
    // one core busy for the build's last 15 ms while the other waited.
    let DeferredOutput {
        summaries,
        articles,
        ..
    } = bundle.deferred;
    rayon::join(
        || articles.into_par_iter().for_each(drop),
        || drop(summaries),
    );
    Ok(report)
}

/// Writes the site's own files into `site`: host rules and feeds, every page, static files and,
/// when asked, the compressed copies of everything the site will serve.
fn stage_site(
    options: &Options,
    bundle: &Bundle,
    site: &staging::SiteStaging,
    staged_bundle: &staging::Staging,
    report: &mut Report,
) -> Result<(), BuildError> {
    for file in &bundle.site_files {
        site.write(file)?;
    }
    // Written by the thread that rendered them: unlike the bundle's bodies, each page has a
    // folder of its own, and writing them one at a time left a core idle for a third of the
    // pages' time on ext4 (10,000 pages 1.6 -> 0.9 s).
    report.pages = bundle
        .deferred
        .render_each(&bundle.manifest, &bundle.files, |page| site.write(&page))?;
    report.files_written += bundle.site_files.len() + report.pages;
    report.static_files = static_files::copy(&bundle.static_files, site)?;
    report.files_written += report.static_files;
    if options.precompress {
        report.precompressed = precompress::precompress(&precompress::Layout {
            staging: site,
            bundle: Some((&options.out, staged_bundle.path())),
        })?;
    }
    Ok(())
}

/// Reads and compiles everything, writing nothing but the article bodies, into `bodies_to`
/// when given.
pub fn compile(
    options: &Options,
    bodies_to: Option<&Path>,
) -> Result<(Bundle, Report), BuildError> {
    let layout = generator::read(&options.content)?;
    let mut site = layout.site.clone();
    site.info.base_url = public_root(&site.info.base_url, &options.base);
    let shell = read_shell(options, &site)?;
    let (mut static_files, mut diagnostics) = list_static_files(&layout)?;
    diagnostics.extend(layout.diagnostics.iter().cloned());
    let mut documents = Documents::read(&layout, &site, &mut diagnostics)?;
    publish_local_files(
        &mut documents.articles,
        &mut documents.pages,
        &mut static_files,
    );
    redirect_old_addresses(&mut documents.articles, &mut documents.pages);
    rewrite_nav(&mut site, &layout, &documents.articles, &documents.pages);
    let checked = check_documents(
        &layout,
        &site,
        &mut documents,
        &static_files,
        &mut diagnostics,
    );
    // With errors, the rest is still checked on what did compile (clashes, dead links), so an
    // owner learns every problem in one pass; nothing is written.
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let (shell, bodies_to) = if has_errors {
        (None, None)
    } else {
        (shell, bodies_to)
    };
    let mut report = Report {
        warnings: diagnostics,
        ..Report::default()
    };
    let (published, expired) = documents.published(&layout, options, &mut report);
    if site.open_categories {
        add_written_categories(&mut site, &published.articles);
    }
    report.published = published.articles.len();
    let sources = Sources {
        listing_redirects: listing_redirects(&layout, &site, &published.articles, &published.pages),
        ..published
    };
    report.migration = (layout.generator != Generator::Quire)
        .then(|| migration(&layout, &sources, expired, &checked.unrendered));
    let mut bundle = assemble(&site, sources, shell, &options.base, bodies_to)?;
    // An owner's robots.txt is the site's own policy; the compiler's only allows everything and
    // names the sitemap, so it gives way rather than stopping the build.
    if static_files.iter().any(|file| file.path == feeds::ROBOTS) {
        bundle.site_files.retain(|file| file.path != feeds::ROBOTS);
    }
    let clashes = check_output(
        options,
        &layout,
        &bundle,
        &checked,
        &mut static_files,
        &mut report,
    );
    if has_errors || !clashes.is_empty() {
        let mut all = report.warnings;
        all.extend(clashes);
        all.sort();
        return Err(BuildError::Content(all));
    }
    bundle.static_files = static_files;
    Ok((bundle, report))
}

/// The app's built `index.html` as the pages' shell, when one is given.
fn read_shell(options: &Options, site: &Site) -> Result<Option<Shell>, BuildError> {
    let Some(path) = &options.shell else {
        return Ok(None);
    };
    let html = fs::read_to_string(path).map_err(BuildError::io(path))?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let read_asset = |url: &str| {
        shell_asset_path(url, &options.base)
            .and_then(|relative| fs::read_to_string(folder.join(relative)).ok())
    };
    let mut shell =
        Shell::parse(&html, options.csp_meta, &read_asset).map_err(|source| BuildError::Shell {
            path: path.clone(),
            source,
        })?;
    if let Some(language) = &site.info.language {
        shell.set_language(language);
    }
    Ok(Some(shell))
}

/// Every compiled document with the file it came from, each kind in file order.
struct Documents {
    articles: Vec<(PathBuf, Article)>,
    pages: Vec<(PathBuf, Page)>,
    studies: Vec<(PathBuf, CaseStudy)>,
}

impl Documents {
    /// Compiles every file of the layout, on every core; on another generator's site, two
    /// posts of one name in different folders (fine for Hugo or Zola) are made distinct before
    /// anything is built from the slugs.
    fn read(
        layout: &Layout,
        site: &Site,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Self, BuildError> {
        let folders = generator::SiteFolders {
            root: &layout.root,
            static_dirs: &layout.static_dirs,
            templates: &layout.templates,
        };
        let mut articles = collect(
            &layout.articles,
            |source, bytes| article::compile_from(source, bytes, site, &folders),
            diagnostics,
        )?;
        let mut pages = collect(
            &layout.pages,
            |source, bytes| document::compile_page_from(source, bytes, &folders),
            diagnostics,
        )?;
        let studies = collect(
            &layout.case_studies,
            |source, bytes| document::compile_case_study(&source.path, bytes, site),
            diagnostics,
        )?;
        if layout.generator != Generator::Quire {
            diagnostics.extend(distinct_slugs(&mut articles, migrate::article_slug));
            diagnostics.extend(distinct_slugs(&mut pages, migrate::page_slug));
            diagnostics.extend(migrate::settle_aliases(&mut articles, &mut pages));
        }
        Ok(Self {
            articles,
            pages,
            studies,
        })
    }

    fn bodies(&self) -> impl Iterator<Item = (&Path, &Body)> {
        let articles = self.articles.iter().map(|(path, a)| (&**path, &a.body));
        let pages = self.pages.iter().map(|(path, p)| (&**path, &p.body));
        let studies = self.studies.iter().map(|(path, s)| (&**path, &s.body));
        articles.chain(pages).chain(studies)
    }

    fn bodies_mut(&mut self) -> impl Iterator<Item = (&Path, &mut Body)> {
        let articles = self
            .articles
            .iter_mut()
            .map(|(path, a)| (&**path, &mut a.body));
        let pages = self
            .pages
            .iter_mut()
            .map(|(path, p)| (&**path, &mut p.body));
        let studies = self
            .studies
            .iter_mut()
            .map(|(path, s)| (&**path, &mut s.body));
        articles.chain(pages).chain(studies)
    }

    /// Each document's file and its route on the new site.
    fn routes(&self) -> impl Iterator<Item = (&Path, String)> {
        use quire_model::routes::{article, case_study, page};
        let articles = self
            .articles
            .iter()
            .map(|(path, a)| (&**path, article(&a.slug)));
        let pages = self.pages.iter().map(|(path, p)| (&**path, page(&p.slug)));
        let studies = self
            .studies
            .iter()
            .map(|(path, s)| (&**path, case_study(&s.slug)));
        articles.chain(pages).chain(studies)
    }

    /// What is published: drafts and future-dated documents only when asked for (or the site's
    /// config asks), expired articles only when the config asks. Counts what is left out in
    /// `report`, and returns the expired count.
    fn published(
        self,
        layout: &Layout,
        options: &Options,
        report: &mut Report,
    ) -> (Sources, usize) {
        let include_drafts = options.include_drafts || layout.build_drafts;
        let include_future = options.include_future || layout.build_future;
        let mut keep = |draft: bool, publish_date: Option<Date>| {
            if draft && !include_drafts {
                report.left_out_drafts += 1;
                false
            } else if publish_date.is_some_and(|date| date > options.today) && !include_future {
                report.left_out_future += 1;
                false
            } else {
                true
            }
        };
        let mut expired = 0;
        let articles: Vec<Article> = self
            .articles
            .into_iter()
            .map(|(_, article)| article)
            .filter(|article| keep(article.draft, Some(article.publish_date)))
            .filter(|article| {
                let is_expired = !layout.build_expired
                    && article
                        .expiry_date
                        .is_some_and(|expiry| expiry <= options.today);
                expired += usize::from(is_expired);
                !is_expired
            })
            .collect();
        let pages: Vec<Page> = self
            .pages
            .into_iter()
            .map(|(_, page)| page)
            .filter(|page| keep(page.draft, None))
            .collect();
        let studies: Vec<CaseStudy> = self
            .studies
            .into_iter()
            .map(|(_, study)| study)
            .filter(|study| keep(study.draft, study.date))
            .collect();
        let sources = Sources {
            articles,
            pages,
            studies,
            listing_redirects: Vec::new(),
        };
        (sources, expired)
    }
}

/// What the checks across documents found that the output's checks need again.
struct Checked {
    aliases: Vec<(PathBuf, Alias)>,
    links: Vec<(PathBuf, SitePath)>,
    unrendered: Vec<(Unrendered, PathBuf)>,
}

/// The checks that need every document: images the site lacks (and the sizes of those it
/// holds), links between documents, templates left unrendered, duplicate aliases and slugs,
/// one tag spelled two ways.
fn check_documents(
    layout: &Layout,
    site: &Site,
    documents: &mut Documents,
    static_files: &[StaticFile],
    diagnostics: &mut Vec<Diagnostic>,
) -> Checked {
    // Where a missing image is looked for: the static folder, or (Jekyll) the site's root.
    let static_dir = layout.static_dirs.first().unwrap_or(&layout.root);
    let present: BTreeSet<&str> = static_files.iter().map(|file| file.path.as_str()).collect();
    let with_images = documents
        .bodies_mut()
        .filter(|(_, body)| !body.site_images.is_empty())
        .collect();
    diagnostics.extend(settle_images(
        with_images,
        static_files,
        &present,
        static_dir,
    ));
    diagnostics.extend(static_files::missing_images(
        &layout.config_path,
        &site.site_images,
        &present,
        static_dir,
    ));
    diagnostics.extend(resolve_document_links(
        documents,
        layout.reference_root.clone(),
    ));
    let unrendered = migrate::unrendered_templates(
        documents
            .articles
            .iter()
            .map(|(path, a)| (&**path, &a.templates))
            .chain(
                documents
                    .pages
                    .iter()
                    .map(|(path, p)| (&**path, &p.templates)),
            ),
    );
    diagnostics.extend(unrendered.iter().map(|(unrendered, path)| {
        let message = format!(
            "{} {} (named once, where it is first used)",
            unrendered.name,
            unrendered.why.explain()
        );
        Diagnostic::warning(path, unrendered.line, message)
    }));
    let aliases: Vec<(PathBuf, Alias)> = documents
        .bodies()
        .flat_map(|(path, body)| {
            body.aliases
                .iter()
                .map(|alias| (path.to_path_buf(), alias.clone()))
        })
        .collect();
    let mut links: Vec<(PathBuf, SitePath)> = documents
        .bodies_mut()
        .flat_map(|(path, body)| {
            let path = path.to_path_buf();
            std::mem::take(&mut body.site_links)
                .into_iter()
                .map(move |link| (path.clone(), link))
        })
        .collect();
    links.extend(
        site.site_links
            .iter()
            .map(|link| (layout.config_path.clone(), link.clone())),
    );
    diagnostics.extend(duplicate_aliases(&aliases));
    diagnostics.extend(duplicate_slugs(
        documents.articles.iter().map(|(p, a)| (p, &a.slug)),
    ));
    diagnostics.extend(duplicate_slugs(
        documents.pages.iter().map(|(p, a)| (p, &a.slug)),
    ));
    diagnostics.extend(duplicate_slugs(
        documents.studies.iter().map(|(p, a)| (p, &a.slug)),
    ));
    let tagged_articles = documents
        .articles
        .iter()
        .map(|(path, article)| (&**path, article.tags_line, &article.tags[..]));
    let tagged_studies = documents
        .studies
        .iter()
        .map(|(path, study)| (&**path, study.tags_line, &study.tags[..]));
    diagnostics.extend(merged_tags(tagged_articles.chain(tagged_studies)));
    Checked {
        aliases,
        links,
        unrendered,
    }
}

/// What the build of another generator's site found, published and left out.
fn migration(
    layout: &Layout,
    sources: &Sources,
    expired: usize,
    unrendered: &[(Unrendered, PathBuf)],
) -> Migration {
    let mut migration = migrate::summary(
        layout,
        &sources.articles,
        &sources.pages,
        expired,
        sources.listing_redirects.len(),
    );
    migration.templates_unrendered = unrendered
        .iter()
        .map(|(unrendered, path)| {
            let at = format!("{}:{}", path.display(), unrendered.line);
            (unrendered.name.clone(), at, unrendered.why)
        })
        .collect();
    migration
}

/// The checks on what the build will write: another generator's own copies of Quire's files
/// give way (with a warning), and aliases and static files that would stand where the site's
/// own output does are errors, returned; links to paths nothing serves are warned about.
fn check_output(
    options: &Options,
    layout: &Layout,
    bundle: &Bundle,
    checked: &Checked,
    static_files: &mut Vec<StaticFile>,
    report: &mut Report,
) -> Vec<Diagnostic> {
    // The pages the site will have, listed once for the checks below, and only when any has
    // something to check.
    let page_files =
        if static_files.is_empty() && checked.aliases.is_empty() && checked.links.is_empty() {
            BTreeSet::new()
        } else {
            bundle.deferred.page_files(&bundle.manifest)
        };
    let site_files: Vec<&str> = bundle
        .site_files
        .iter()
        .map(|file| file.path.as_str())
        .collect();
    if layout.generator != Generator::Quire {
        report
            .warnings
            .extend(give_way(options, &page_files, &site_files, static_files));
    }
    let clashes = output_clashes(
        options,
        &page_files,
        &site_files,
        &checked.aliases,
        static_files,
    );
    let dead = dead_links(
        options,
        &page_files,
        &site_files,
        static_files,
        &checked.links,
    );
    report.warnings.extend(dead);
    report.warnings.sort();
    clashes
}

/// A warning for each site path a document links to that the built site will not serve: no
/// page, feed, host file (the pages at old addresses from `aliases` among them) or file from
/// `static/` stands there. Warnings, not errors: another application may serve paths on the
/// same host.
fn dead_links(
    options: &Options,
    page_files: &BTreeSet<String>,
    site_files: &[&str],
    static_files: &[StaticFile],
    links: &[(PathBuf, SitePath)],
) -> Vec<Diagnostic> {
    if links.is_empty() {
        return Vec::new();
    }
    let mut served = page_files.clone();
    served.extend(site_files.iter().map(|path| (*path).to_owned()));
    served.extend(static_files.iter().map(|file| file.path.clone()));
    let owned = owned_folders(options);
    let serves = |link: &str| {
        let file = static_files::file_path_of(link);
        let file = file.trim_end_matches('/');
        let page = if file.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{file}/index.html")
        };
        served.contains(file)
            || served.contains(&page)
            || owned
                .iter()
                .any(|folder| file == folder || file.starts_with(&format!("{folder}/")))
            // The app's own files (Trunk's output, `public/`) are already in the site's folder.
            || options
                .site_out
                .as_ref()
                .is_some_and(|root| !file.is_empty() && root.join(file).is_file())
    };
    links
        .iter()
        .filter(|(_, link)| !serves(&link.path))
        .map(|(file, link)| {
            Diagnostic::warning(
                file,
                link.line,
                format!(
                    "the link {} leads to nothing this site serves: no page, feed, file in \
                     static/ or alias has that path",
                    link.path
                ),
            )
        })
        .collect()
}

/// The folders the compiler owns whole: the bundle's, wherever it sits in the site.
fn owned_folders(options: &Options) -> Vec<String> {
    let bundle_folder = options
        .site_out
        .as_ref()
        .and_then(|site| options.out.strip_prefix(site).ok())
        .and_then(Path::to_str)
        .map(|folder| folder.trim_matches('/').to_owned());
    let mut owned = vec!["bundle".to_owned()];
    owned.extend(bundle_folder.filter(|folder| !folder.is_empty()));
    owned
}

/// An error for each alias or static file that would stand where the site's own output does:
/// its pages, feeds and host rules (`site_files`, the pages at old addresses among them), the
/// bundle's folder, and each other.
fn output_clashes(
    options: &Options,
    page_files: &BTreeSet<String>,
    site_files: &[&str],
    aliases: &[(PathBuf, Alias)],
    static_files: &[StaticFile],
) -> Vec<Diagnostic> {
    if static_files.is_empty() && aliases.is_empty() {
        return Vec::new();
    }
    let owned_folders = owned_folders(options);
    let owned: Vec<&str> = owned_folders.iter().map(String::as_str).collect();
    let moved: BTreeSet<String> = aliases
        .iter()
        .map(|(_, alias)| feeds::moved_page_file(&alias.path))
        .collect();
    // An alias's own page is no clash with itself; any other page of the site is.
    let mut served = page_files.clone();
    served.extend(
        site_files
            .iter()
            .filter(|path| !moved.contains(**path))
            .map(|path| (*path).to_owned()),
    );
    served.extend(static_files.iter().map(|file| file.path.clone()));
    let mut clashes = alias_clashes(aliases, &served, &owned);
    let mut written = page_files.clone();
    written.extend(site_files.iter().map(|path| (*path).to_owned()));
    clashes.extend(static_files::clashes(static_files, &written, &owned));
    clashes
}

/// Another generator's own copies of files Quire writes (its `sitemap.xml`, a feed, a
/// `_redirects`) give way to Quire's, each with a warning: the old site needed them, the new one
/// makes its own. In Quire's layout the same is an error (`output_clashes`).
fn give_way(
    options: &Options,
    page_files: &BTreeSet<String>,
    site_files: &[&str],
    static_files: &mut Vec<StaticFile>,
) -> Vec<Diagnostic> {
    let owned_folders = owned_folders(options);
    let owned: Vec<&str> = owned_folders.iter().map(String::as_str).collect();
    let mut written = page_files.clone();
    written.extend(site_files.iter().map(|path| (*path).to_owned()));
    let replaced: BTreeSet<PathBuf> = static_files::clashes(static_files, &written, &owned)
        .into_iter()
        .map(|clash| clash.file)
        .collect();
    let mut warnings = Vec::new();
    static_files.retain(|file| {
        let gives_way = replaced.contains(&file.source);
        if gives_way {
            warnings.push(Diagnostic::warning(
                &file.source,
                1,
                format!(
                    "/{} is written by Quire itself; this copy is left out",
                    file.path
                ),
            ));
        }
        !gives_way
    });
    warnings
}

/// The redirects from a document's `aliases` to its route.
fn moved_to(aliases: &[Alias], route: String, title: &str) -> Vec<feeds::Redirect> {
    aliases
        .iter()
        .map(|alias| feeds::Redirect {
            from: alias.path.clone(),
            to: route.clone(),
            title: title.to_owned(),
        })
        .collect()
}

/// An error for each path two documents both claim as an alias.
fn duplicate_aliases(aliases: &[(PathBuf, Alias)]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &Path> = HashMap::new();
    let mut problems = Vec::new();
    for (file, alias) in aliases {
        match first.get(alias.path.as_str()) {
            Some(other) if *other != file.as_path() => problems.push(Diagnostic::error(
                file,
                alias.line,
                format!(
                    "the alias {} is claimed by {} too",
                    alias.path,
                    other.display()
                ),
            )),
            _ => {
                first.insert(&alias.path, file);
            }
        }
    }
    problems
}

/// An error for each alias that names a page the site has: the page would replace it.
/// An error for each alias that names something the site serves itself (a page, a feed, a static
/// file, the bundle): its redirect would stand in that file's way.
fn alias_clashes(
    aliases: &[(PathBuf, Alias)],
    served: &BTreeSet<String>,
    owned: &[&str],
) -> Vec<Diagnostic> {
    aliases
        .iter()
        .filter(|(_, alias)| {
            let file = alias.path.trim_start_matches('/');
            served.contains(&feeds::moved_page_file(&alias.path))
                || served.contains(file)
                || owned
                    .iter()
                    .any(|folder| file == *folder || file.starts_with(&format!("{folder}/")))
        })
        .map(|(file, alias)| {
            Diagnostic::error(
                file,
                alias.line,
                format!("the alias {} is served by the site itself", alias.path),
            )
        })
        .collect()
}

/// Warns of each image a document loads from the site that `static/` lacks, and gives the others
/// their width and height in the document's HTML.
fn settle_images(
    documents: Vec<(&Path, &mut Body)>,
    static_files: &[StaticFile],
    present: &BTreeSet<&str>,
    static_dir: &Path,
) -> Vec<Diagnostic> {
    let sizes = static_files::image_sizes(
        documents
            .iter()
            .flat_map(|(_, body)| body.site_images.iter()),
        static_files,
    );
    let mut problems = Vec::new();
    for (path, body) in documents {
        problems.extend(static_files::missing_images(
            path,
            &body.site_images,
            present,
            static_dir,
        ));
        body.html = static_files::size_images(std::mem::take(&mut body.html), &sizes);
    }
    problems
}

/// Where a file the shell links to (`/quire-1.css`, `/blog/quire-1.css` under `/blog/`, or
/// relative) sits in the shell's folder; `None` for anything not plainly inside it.
fn shell_asset_path(url: &str, base: &SiteBase) -> Option<PathBuf> {
    let base_dir = base.dir();
    let relative = url.strip_prefix(base_dir.as_str()).unwrap_or(url);
    let inside = !relative.is_empty()
        && !relative.starts_with('/')
        && !relative.contains(['?', '#', ':', '\\'])
        && relative
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    inside.then(|| relative.split('/').collect())
}

/// Reads and compiles every source in parallel, keeping successes with their paths and all
/// diagnostics. Each file is read where it is compiled and its bytes dropped straight after, so
/// reading overlaps compiling and the sources are never all in memory at once.
fn collect<T: Send>(
    sources: &[SourceFile],
    compile_one: impl Fn(&SourceFile, &[u8]) -> Compiled<T> + Sync,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(PathBuf, T)>, BuildError> {
    let compiled: Vec<_> = sources
        .par_iter()
        .with_max_len(BALANCED_RUN)
        .map(|source| {
            let bytes = fs::read(&source.path).map_err(BuildError::io(&source.path))?;
            Ok((compile_one(source, &bytes), source.path.clone()))
        })
        .collect::<Result<_, BuildError>>()?;
    let mut items = Vec::with_capacity(compiled.len());
    for (compiled, path) in compiled {
        diagnostics.extend(compiled.diagnostics);
        if let Some(item) = compiled.item {
            items.push((path, item));
        }
    }
    Ok(items)
}

fn duplicate_slugs<'a>(items: impl Iterator<Item = (&'a PathBuf, &'a String)>) -> Vec<Diagnostic> {
    let mut first_seen: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, slug) in items {
        if let Some(first) = first_seen.get(slug.as_str()) {
            problems.push(Diagnostic::error(
                path,
                1,
                format!("duplicate slug `{slug}`: {} has it too", first.display()),
            ));
        } else {
            first_seen.insert(slug, path);
        }
    }
    problems
}

/// Makes each body's links to other content files lead to those files' pages, and adds those
/// pages to the body's site links (so one that is a draft is named like any dead link); a
/// warning for each other link given relative to the page.
fn resolve_document_links(
    documents: &mut Documents,
    content_root: Option<PathBuf>,
) -> Vec<Diagnostic> {
    if documents
        .bodies()
        .all(|(_, body)| body.relative_links.is_empty())
    {
        return Vec::new();
    }
    let routes = DocumentRoutes::new(documents.routes()).with_content_root(content_root);
    let mut problems = Vec::new();
    for (path, body) in documents.bodies_mut() {
        if body.relative_links.is_empty() {
            continue;
        }
        let (warnings, linked) = routes.check(path, &body.relative_links);
        problems.extend(warnings);
        // Also when nothing was found: a reference to nothing loses its link.
        routes.link_documents(path, &mut body.html);
        body.site_links.extend(linked);
    }
    problems
}

/// A warning for each tag spelled unlike the first file's (in file order) with the same slug,
/// other than in letter case: `C` in one file and `C++` in another are one tag, `/tag/c`, and
/// the site can show only one of the two names.
fn merged_tags<'a>(
    documents: impl Iterator<Item = (&'a Path, usize, &'a [String])>,
) -> Vec<Diagnostic> {
    let mut first_seen: BTreeMap<String, (&str, &Path, usize)> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, line, tags) in documents {
        for tag in tags {
            let slug = article::name_slug(tag);
            match first_seen.get(&slug) {
                Some(&(kept, kept_path, kept_line)) => {
                    if !article::same_spelling(kept, tag) {
                        let kept_at = format!(" ({}:{kept_line})", kept_path.display());
                        problems.push(Diagnostic::warning(
                            path,
                            line,
                            article::merged_tags_message(kept, &kept_at, tag, &slug),
                        ));
                    }
                }
                None => {
                    first_seen.insert(slug, (tag, path, line));
                }
            }
        }
    }
    problems
}

/// A [`quire_model::ListingShard`] as it is written, borrowing its articles: the same JSON
/// without a copy of every summary in the site (a test holds the two to the same bytes).
#[derive(serde::Serialize)]
struct ListingShardFile<'a> {
    schema_version: u32,
    articles: &'a [ArticleSummary],
}

/// An article's body as the compiler keeps it until its page is written, with its related
/// articles as indices into the site's summaries.
struct KeptBody {
    article: ArticleSummary,
    html: String,
    toc: Vec<TocEntry>,
    newer: Option<ArticleLink>,
    older: Option<ArticleLink>,
    related: Vec<usize>,
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
fn body_path(body: &ArticleParts<'_>) -> String {
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
fn body_file_path(body: &ArticleParts<'_>, bytes: &[u8]) -> String {
    format!(
        "articles/{}.{}.json",
        body.article.slug,
        content_hash(bytes)
    )
}

/// Serialises an article body file and names it `articles/<slug>.<hash>.json`.
fn body_file(body: &ArticleParts<'_>) -> OutputFile {
    let mut bytes = Vec::new();
    body_json::write_article_body(&mut bytes, body);
    OutputFile {
        path: body_file_path(body, &bytes),
        bytes,
    }
}

/// Serialises a bundle file and names it `<dir>/<stem>.<hash>.json`.
fn hashed_file<T: serde::Serialize>(dir: &str, stem: &str, value: &T) -> OutputFile {
    let bytes = serde_json::to_vec(value).expect("bundle types always serialise");
    OutputFile {
        path: format!("{dir}/{stem}.{}.json", content_hash(&bytes)),
        bytes,
    }
}

/// A page's or case study's body file.
fn document_file(dir: &str, slug: &str, html: String, toc: Vec<TocEntry>) -> OutputFile {
    let body = DocumentBody {
        schema_version: SCHEMA_VERSION,
        slug: slug.to_owned(),
        html,
        toc,
    };
    hashed_file(dir, slug, &body)
}

fn link(article: &ArticleSummary) -> ArticleLink {
    ArticleLink {
        slug: article.slug.clone(),
        title: article.title.clone(),
    }
}

/// What is published, compiled.
struct Sources {
    articles: Vec<Article>,
    pages: Vec<Page>,
    studies: Vec<CaseStudy>,
    /// Redirects of the old site's listing pages (`/posts/`, `/tags/rust/`) to the new ones.
    listing_redirects: Vec<feeds::Redirect>,
}

fn assemble(
    site: &Site,
    sources: Sources,
    shell: Option<Shell>,
    base: &SiteBase,
    bodies_to: Option<&Path>,
) -> Result<Bundle, BuildError> {
    let Sources {
        articles,
        pages,
        studies,
        listing_redirects,
    } = sources;
    let mut tag_names: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut redirects: Vec<feeds::Redirect> = listing_redirects;
    // The shared tables first, in order; then each article on its own, on every core.
    let tag_slugs: Vec<Vec<String>> = articles
        .iter()
        .map(|article| {
            let route = quire_model::routes::article(&article.slug);
            redirects.extend(moved_to(&article.body.aliases, route, &article.title));
            let slugs = document::tag_slugs(&article.tags);
            for (slug, name) in slugs.iter().zip(&article.tags) {
                tag_names
                    .entry(slug.clone())
                    .or_insert_with(|| (name.clone(), 0))
                    .1 += 1;
            }
            slugs
        })
        .collect();
    let mut rendered: Vec<(ArticleSummary, String, Vec<TocEntry>, SearchText)> = articles
        .into_par_iter()
        .zip(tag_slugs)
        .map(|(article, tag_slugs)| {
            let route = quire_model::routes::article(&article.slug);
            let search_text = SearchText {
                labels: format!(
                    "{} {} {}",
                    article.summary,
                    article.tags.join(" "),
                    article.authors.join(" ")
                ),
                body: article.text,
            };
            let summary = ArticleSummary {
                slug: article.slug,
                title: article.title,
                summary: article.summary,
                own_summary: article.own_summary,
                image: article.body.image,
                authors: article.authors,
                date: article.date,
                time: article.time,
                updated: article.updated,
                category: article.category.map(|category| category.slug),
                tags: tag_slugs,
                reading_minutes: article.reading_minutes,
                word_count: article.word_count,
                featured: article.featured,
            };
            (
                summary,
                markdown::place_links(article.body.html, &route, base),
                article.body.toc,
                search_text,
            )
        })
        .collect();
    rendered.par_sort_by(|a, b| newest_first(&a.0, &b.0));
    let summaries: Vec<ArticleSummary> = rendered
        .par_iter()
        .map(|(summary, _, _, _)| summary.clone())
        .collect();
    let mut search_index = IndexBuilder::default();
    // A run at a time: an analysed document's word tables are several times its text, so all
    // 10,000 of them at once were the largest thing the compiler held. Adding a run to the index
    // is serial, so it overlaps the analysis of the next one rather than leaving a core idle.
    let mut waiting: Vec<AnalysedDocument> = Vec::new();
    for run in rendered.chunks_mut(ANALYSIS_RUN) {
        let (analysed, ()) = rayon::join(
            || analyse_run(run),
            || {
                waiting
                    .drain(..)
                    .for_each(|document| search_index.push(document))
            },
        );
        waiting = analysed;
    }
    waiting
        .into_iter()
        .for_each(|document| search_index.push(document));
    // Finishing the index is serial: it overlaps naming and writing the article bodies.
    let (search_files, bodies) = rayon::join(
        || search_index.finish(),
        || article_bodies(rendered, &summaries, bodies_to),
    );
    let ArticleBodies {
        bodies: article_bodies,
        paths: body_paths,
        feed_html,
    } = bodies?;

    let mut files = Vec::with_capacity(body_paths.len());
    let bucket_count = bucket_count_for(summaries.len());
    let mut buckets = vec![BTreeMap::new(); bucket_count];
    for (article, body_path) in summaries.iter().zip(&body_paths) {
        buckets[lookup_bucket(&article.slug, bucket_count)]
            .insert(article.slug.clone(), body_path.clone());
    }
    // The bundle's files below are serialised on every core: made one after another, they
    // left a core idle between the bodies and the pages.
    let lookup: Vec<OutputFile> = buckets
        .into_par_iter()
        .enumerate()
        .map(|(index, bodies)| {
            let bucket = LookupBucket {
                schema_version: SCHEMA_VERSION,
                bodies,
            };
            hashed_file(LOOKUP_DIR, &index.to_string(), &bucket)
        })
        .collect();
    let (shards, shard_files): (Vec<ShardRef>, Vec<OutputFile>) = summaries
        .par_chunks(SHARD_SIZE)
        .enumerate()
        .map(|(index, chunk)| {
            let shard = ListingShardFile {
                schema_version: SCHEMA_VERSION,
                articles: chunk,
            };
            let file = hashed_file(SHARD_DIR, &index.to_string(), &shard);
            let shard = ShardRef {
                path: file.path.clone(),
                count: chunk.len(),
                newest: chunk[0].date,
                oldest: chunk[chunk.len() - 1].date,
            };
            (shard, file)
        })
        .unzip();
    files.extend(shard_files);

    // A case study's or a page's body file, named in its summary.
    let mut body_file = |is_case_study: bool, slug: &str, html: String, toc: Vec<TocEntry>| {
        let route = if is_case_study {
            quire_model::routes::case_study(slug)
        } else {
            quire_model::routes::page(slug)
        };
        let html = markdown::place_links(html, &route, base);
        let dir = if is_case_study {
            "case-studies"
        } else {
            "pages"
        };
        let file = document_file(dir, slug, html, toc);
        let path = file.path.clone();
        files.push(file);
        path
    };
    let mut case_studies = Vec::with_capacity(studies.len());
    for study in studies {
        redirects.extend(moved_to(
            &study.body.aliases,
            quire_model::routes::case_study(&study.slug),
            &study.title,
        ));
        let body = body_file(true, &study.slug, study.body.html, study.body.toc);
        case_studies.push(CaseStudySummary {
            slug: study.slug,
            title: study.title,
            subtitle: study.subtitle,
            sections: study.section_slugs,
            date: study.date,
            category: study.category_slug,
            tags: document::tag_slugs(&study.tags),
            reading_minutes: study.reading_minutes,
            body,
            image: study.body.image,
        });
    }
    case_studies.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));

    let mut page_summaries = Vec::with_capacity(pages.len());
    for page in pages {
        redirects.extend(moved_to(
            &page.body.aliases,
            quire_model::routes::page(&page.slug),
            &page.title,
        ));
        let body = body_file(false, &page.slug, page.body.html, page.body.toc);
        page_summaries.push(PageSummary {
            slug: page.slug,
            title: page.title,
            description: page.description,
            body,
            image: page.body.image,
        });
    }
    page_summaries.sort_by(|a, b| a.slug.cmp(&b.slug));

    let mut search = SearchRef {
        dictionary: format!(
            "search/dictionary.{}.bin",
            content_hash(&search_files.dictionary)
        ),
        postings: search_files
            .shards
            .iter()
            .enumerate()
            .map(|(index, bytes)| format!("search/postings-{index}.{}.bin", content_hash(bytes)))
            .collect(),
        documents: Vec::new(),
    };
    let document_files: Vec<OutputFile> = summaries
        .par_chunks(SEARCH_DOCUMENTS_PER_FILE)
        .enumerate()
        .map(|(index, chunk)| {
            let documents = SearchDocuments {
                schema_version: SCHEMA_VERSION,
                documents: chunk
                    .iter()
                    .map(|article| SearchDocument {
                        slug: article.slug.clone(),
                        title: article.title.clone(),
                        date: article.date,
                    })
                    .collect(),
            };
            hashed_file("search", &format!("documents-{index}"), &documents)
        })
        .collect();
    search
        .documents
        .extend(document_files.iter().map(|file| file.path.clone()));
    files.extend(document_files);
    files.push(OutputFile {
        path: search.dictionary.clone(),
        bytes: search_files.dictionary,
    });
    for (path, bytes) in search.postings.iter().zip(search_files.shards) {
        files.push(OutputFile {
            path: path.clone(),
            bytes,
        });
    }

    let categories: Vec<CategoryInfo> = site
        .categories
        .iter()
        .map(|category| CategoryInfo {
            slug: category.slug.clone(),
            name: category.name.clone(),
            description: category.description.clone(),
            count: summaries
                .iter()
                .filter(|a| a.category.as_ref() == Some(&category.slug))
                .count(),
        })
        .collect();
    let tags: Vec<TagInfo> = tag_names
        .into_iter()
        .map(|(slug, (name, count))| TagInfo { slug, name, count })
        .collect();
    let (first_pages, first_page_files) = first_pages(&categories, &tags, &summaries);
    files.extend(first_page_files);
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        site: site.info.clone(),
        categories,
        tags,
        archive: archive_months(&summaries),
        article_count: summaries.len(),
        featured: pick_featured(&summaries).cloned(),
        latest: summaries.iter().take(LATEST_COUNT).cloned().collect(),
        shards,
        first_pages,
        lookup: lookup.iter().map(|file| file.path.clone()).collect(),
        case_study_sections: site
            .case_study_sections
            .iter()
            .map(|section| SectionInfo {
                slug: section.slug.clone(),
                name: section.name.clone(),
            })
            .collect(),
        case_studies,
        pages: page_summaries,
        search,
    };
    files.extend(lookup);
    let manifest_bytes = serde_json::to_vec(&manifest).expect("bundle types always serialise");
    let pinned_manifest = pinned_manifest_file(&content_hash(&manifest_bytes));
    files.push(OutputFile {
        path: pinned_manifest.clone(),
        bytes: manifest_bytes.clone(),
    });
    files.push(OutputFile {
        path: MANIFEST_FILE.to_owned(),
        bytes: manifest_bytes,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let policy = shell.as_ref().map_or_else(
        || content_security_policy(&InlineCode::default()),
        Shell::content_security_policy,
    );
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    let site_files =
        feeds::site_files(&manifest, &summaries, &feed_html, base, &policy, &redirects);
    let deferred = DeferredOutput {
        shell,
        base: base.clone(),
        pinned_manifest,
        summaries,
        articles: article_bodies,
    };
    Ok(Bundle {
        manifest,
        files,
        site_files,
        deferred,
        static_files: Vec::new(),
    })
}

/// The article bodies, their file paths, and the HTML of those the feeds carry.
struct ArticleBodies {
    bodies: Vec<KeptBody>,
    paths: Vec<String>,
    /// slug -> body HTML
    feed_html: BTreeMap<String, String>,
}

/// Builds each article's body (its neighbours and related articles beside its HTML) from the
/// rendered articles, newest first, then names and writes the body files (see [`name_bodies`]).
fn article_bodies(
    rendered: Vec<(ArticleSummary, String, Vec<TocEntry>, SearchText)>,
    summaries: &[ArticleSummary],
    bodies_to: Option<&Path>,
) -> Result<ArticleBodies, BuildError> {
    let related = related_indices(summaries, RELATED_COUNT);
    let in_feeds = feeds::feed_slugs(summaries);
    let feed_html: BTreeMap<String, String> = rendered
        .iter()
        .filter(|(article, _, _, _)| in_feeds.contains(&article.slug))
        .map(|(article, html, _, _)| (article.slug.clone(), html.clone()))
        .collect();
    let bodies: Vec<KeptBody> = rendered
        .into_par_iter()
        .zip(related)
        .enumerate()
        .map(|(index, ((article, html, toc, _), related))| KeptBody {
            newer: index.checked_sub(1).map(|i| link(&summaries[i])),
            older: summaries.get(index + 1).map(link),
            related,
            html,
            toc,
            article,
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
fn name_bodies(
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

/// Every category's and every tag's [`FirstPage`], and the folder they are in: named by a hash
/// of them all, so that the manifest names it once however many tags there are.
fn first_pages(
    categories: &[CategoryInfo],
    tags: &[TagInfo],
    summaries: &[ArticleSummary],
) -> (String, Vec<OutputFile>) {
    let category_index: HashMap<&str, usize> = categories
        .iter()
        .enumerate()
        .map(|(index, category)| (category.slug.as_str(), index))
        .collect();
    let tag_index: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(index, tag)| (tag.slug.as_str(), index))
        .collect();
    // Each listing's articles, newest first.
    let mut in_category: Vec<Vec<&ArticleSummary>> = vec![Vec::new(); categories.len()];
    let mut with_tag: Vec<Vec<&ArticleSummary>> = vec![Vec::new(); tags.len()];
    for article in summaries {
        if let Some(&index) = article
            .category
            .as_deref()
            .and_then(|category| category_index.get(category))
        {
            in_category[index].push(article);
        }
        for tag in &article.tags {
            if let Some(&index) = tag_index.get(tag.as_str()) {
                with_tag[index].push(article);
            }
        }
    }
    let first_page = |members: &[&ArticleSummary], query: &ListingQuery| {
        let (category_counts, tag_counts) = taxonomy_counts(members.iter().copied());
        // Only the counts the filter bar offers: a first page stays small at any number of tags,
        // and the app's `FilterChoices` over these picks the same choices as over all of them.
        let choices = FilterChoices::new(categories, tags, query, &category_counts, &tag_counts);
        let offered = |choices: Vec<FilterChoice>| -> BTreeMap<String, usize> {
            choices
                .into_iter()
                .filter(|choice| choice.count > 0)
                .map(|choice| (choice.slug, choice.count))
                .collect()
        };
        let page = FirstPage {
            schema_version: SCHEMA_VERSION,
            articles: members
                .iter()
                .take(FIRST_PAGE_LENGTH)
                .map(|article| (*article).clone())
                .collect(),
            count: members.len(),
            category_counts: offered(choices.categories),
            tag_counts: offered(choices.tags),
        };
        serde_json::to_vec(&page).expect("bundle types always serialise")
    };
    let mut pages: Vec<(String, Vec<u8>)> = categories
        .par_iter()
        .zip(&in_category)
        .map(|(category, members)| {
            (
                format!("category/{}.json", category.slug),
                first_page(members, &ListingQuery::default()),
            )
        })
        .collect();
    pages.par_extend(tags.par_iter().zip(&with_tag).map(|(tag, members)| {
        let query = ListingQuery {
            tags: vec![tag.slug.clone()],
            ..ListingQuery::default()
        };
        (
            format!("tag/{}.json", tag.slug),
            first_page(members, &query),
        )
    }));
    let mut hasher = Xxh3::new();
    for (path, bytes) in &pages {
        hasher.update(path.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let dir = format!("first-pages/{:016x}", hasher.digest());
    let files = pages
        .into_iter()
        .map(|(path, bytes)| OutputFile {
            path: format!("{dir}/{path}"),
            bytes,
        })
        .collect();
    (dir, files)
}

/// The 64-bit XXH3 of `bytes` in 16 hex digits: a name that changes whenever the bytes do, so a
/// CDN may cache the file forever.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_shard_is_written_as_its_bundle_type_serialises() {
        let summary = |slug: &str, own_summary: bool| ArticleSummary {
            time: None,
            slug: slug.to_owned(),
            title: format!("\"{slug}\" & more"),
            summary: "A line\nand another.".to_owned(),
            own_summary,
            image: own_summary.then(|| "/images/a.png".to_owned()),
            authors: vec!["Ada".to_owned()],
            date: Date::new(2026, 3, 13).unwrap(),
            updated: None,
            category: Some("engineering".to_owned()),
            tags: vec!["rust".to_owned()],
            reading_minutes: 3,
            word_count: 640,
            featured: own_summary,
        };
        let articles = vec![summary("a", true), summary("b", false)];
        let written = ListingShardFile {
            schema_version: SCHEMA_VERSION,
            articles: &articles,
        };
        let bundle_type = quire_model::ListingShard {
            schema_version: SCHEMA_VERSION,
            articles: articles.clone(),
        };
        assert_eq!(
            serde_json::to_string(&written).unwrap(),
            serde_json::to_string(&bundle_type).unwrap()
        );
    }

    #[test]
    fn shell_assets_are_read_only_from_the_shells_folder() {
        let root = SiteBase::new("/");
        let blog = SiteBase::new("/blog/");
        let path = |parts: &[&str]| Some(parts.iter().collect::<PathBuf>());
        assert_eq!(
            shell_asset_path("/quire-1.css", &root),
            path(&["quire-1.css"])
        );
        assert_eq!(
            shell_asset_path("/blog/quire-1.css", &blog),
            path(&["quire-1.css"])
        );
        assert_eq!(
            shell_asset_path("quire-1.css", &blog),
            path(&["quire-1.css"])
        );
        assert_eq!(
            shell_asset_path("css/quire-1.css", &root),
            path(&["css", "quire-1.css"])
        );
        for outside in [
            "/other/quire-1.css",
            "https://cdn.example/quire-1.css",
            "//cdn.example/quire-1.css",
            "/../secret.css",
            "/a//b.css",
            "/./a.css",
            "/quire-1.css?v=2",
            "/a\\b.css",
            "/",
            "",
        ] {
            assert_eq!(
                shell_asset_path(outside, &blog),
                None,
                "{outside} under /blog/"
            );
        }
        assert_eq!(shell_asset_path("/../secret.css", &root), None);
    }
}
