//! A whole build: read `content/`, compile every file in parallel, validate across files, and
//! assemble the bundle. The only module here that touches the file system besides `output`.

use std::fs;
use std::path::{Path, PathBuf};

use quire_model::Date;
use rayon::prelude::*;

use crate::assemble::{Bundle, Sources, assemble};
use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::parallel::BALANCED_RUN;

mod documents;
mod output_checks;

use crate::generator::migrate::{
    add_written_categories, list_static_files, listing_redirects, publish_local_files,
    redirect_old_addresses, rewrite_nav,
};
use crate::generator::{self, Generator, Layout, Migration, SourceFile, migrate};
use crate::read::article::Compiled;
use crate::read::site_config::Site;
use crate::template::Unrendered;
use crate::write::feeds;
use crate::write::precompress;
use crate::write::shell::Shell;
use crate::write::staging::{self, OutputFile};
use documents::{Documents, check_documents};
use output_checks::check_output;
use quire_model::routes::{SiteBase, public_root};

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
    /// A previous build of the site whose compressed copies serve again for files that have not
    /// changed (`site_out` itself when `None`).
    pub reuse: Option<PathBuf>,
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
            reuse: None,
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
    /// Files given `.br` and `.gz` copies, and how many of those copies a previous build made.
    pub precompressed: usize,
    pub reused_copies: usize,
    /// What a build of another generator's site found, published and left out.
    pub migration: Option<Migration>,
    /// What the image step wrote and took from the previous build.
    pub images: crate::images::ImageReport,
    pub warnings: Vec<Diagnostic>,
}

pub fn build(options: &Options) -> Result<Report, BuildError> {
    if options.check_only {
        return compile(options, None).map(|(_, report)| report);
    }
    // Staged first, so that each article body is written as it is named: serialising them to
    // name them and again to write them was a twentieth of a 10,000-article build.
    let staging = staging::Staging::new(&options.out)?;
    let (mut bundle, mut report) = compile(options, Some(staging.path()))?;
    staging.write_all(&bundle.files)?;
    report.files_written = bundle.files.len() + bundle.deferred.articles.len();
    // Written: from here on only the pages read them, as many as they need.
    let files = std::mem::take(&mut bundle.files);
    match &options.site_out {
        None => staging.commit()?,
        Some(site_out) => {
            let site = staging::SiteStaging::new(site_out)?;
            stage_site(options, &bundle, files, &site, &staging, &mut report)?;
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
    Ok(report)
}

/// Writes the site's own files into `site`: host rules and feeds, every page, static files and,
/// when asked, the compressed copies of everything the site will serve.
fn stage_site(
    options: &Options,
    bundle: &Bundle,
    files: Vec<OutputFile>,
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
        .render_each(&bundle.manifest, files, |page| site.write(&page))?;
    report.files_written += bundle.site_files.len() + report.pages;
    report.static_files = crate::images::publish(&bundle.static_files, site)?;
    report.files_written += report.static_files;
    if let Some(pictures) = &bundle.pictures {
        report.files_written += crate::images::publish_written(pictures, site)?;
    }
    if options.precompress {
        let copies = precompress::precompress(&precompress::Layout {
            staging: site,
            bundle: Some((&options.out, staged_bundle.path())),
            previous: options.reuse.as_deref().unwrap_or(site.site()),
        })?;
        report.precompressed = copies.files;
        report.reused_copies = copies.reused;
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
    // Images are written only for a site; the last one's copies are taken where they match.
    let write_images = options
        .site_out
        .as_deref()
        .filter(|_| !options.check_only)
        .map(|site_out| options.reuse.as_deref().unwrap_or(site_out));
    let mut checked = check_documents(
        &layout,
        &site,
        &mut documents,
        &static_files,
        write_images,
        &mut diagnostics,
    )?;
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
    let (mut published, expired) = documents.published(&layout, options, &mut report);
    if let Some(pictures) = checked.pictures.as_mut() {
        let warnings = pictures.draw_cards(&mut published.articles, &site, &static_files)?;
        report.warnings.extend(warnings);
    }
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
    if let Some(pictures) = checked.pictures.take() {
        report.images = pictures.report.clone();
        bundle.pictures = Some(pictures);
    }
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
pub(crate) fn collect<T: Send>(
    sources: &[SourceFile],
    compile_one: impl Fn(&SourceFile, &[u8]) -> Result<Compiled<T>, BuildError> + Sync,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(PathBuf, T)>, BuildError> {
    let compiled: Vec<_> = sources
        .par_iter()
        .with_max_len(BALANCED_RUN)
        .map(|source| {
            let bytes = fs::read(&source.path).map_err(BuildError::io(&source.path))?;
            Ok((compile_one(source, &bytes)?, source.path.clone()))
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

#[cfg(test)]
mod tests {
    use super::*;

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
