//! The checks that need every compiled document at once: images, links between documents,
//! aliases, slugs and tags.

use super::{Options, Report, collect};
use crate::assemble::Sources;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use quire_model::Date;

use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::generator::migrate::distinct_slugs;
use crate::generator::{self, Generator, Layout, migrate};
use crate::images::Pictures;
use crate::images::rewrite::{BodyImages, place_images};
use crate::markdown::SitePath;
use crate::parallel::BALANCED_RUN;
use crate::read::article::{self, Article};
use crate::read::body::{Alias, Body};
use crate::read::document::{self, CaseStudy, Page};
use crate::read::links::DocumentRoutes;
use crate::read::site_config::Site;
use crate::read::static_files::{self, StaticFile};
use crate::spill::Spill;
use crate::template::Unrendered;
use rayon::prelude::*;

/// Every compiled document with the file it came from, each kind in file order.
pub(crate) struct Documents {
    pub(crate) articles: Vec<(PathBuf, Article)>,
    pub(crate) pages: Vec<(PathBuf, Page)>,
    pub(crate) studies: Vec<(PathBuf, CaseStudy)>,
}

impl Documents {
    /// Compiles every file of the layout, on every core; on another generator's site, two
    /// posts of one name in different folders (fine for Hugo or Zola) are made distinct before
    /// anything is built from the slugs.
    pub(crate) fn read(
        layout: &Layout,
        site: &Site,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Self, BuildError> {
        let folders = generator::SiteFolders {
            root: &layout.root,
            static_dirs: &layout.static_dirs,
            templates: &layout.templates,
        };
        // Each article's body HTML and search text wait here until they are written; the file
        // lives as long as a text in it does.
        let spill = Spill::new()?;
        let mut articles = collect(
            &layout.articles,
            |source, bytes| {
                let mut compiled = article::compile_from(source, bytes, site, &folders);
                if let Some(article) = &mut compiled.item {
                    article.text.spill_to(&spill)?;
                    article.body.html.spill_to(&spill)?;
                }
                Ok(compiled)
            },
            diagnostics,
        )?;
        let mut pages = collect(
            &layout.pages,
            |source, bytes| Ok(document::compile_page_from(source, bytes, &folders)),
            diagnostics,
        )?;
        let studies = collect(
            &layout.case_studies,
            |source, bytes| Ok(document::compile_case_study(&source.path, bytes, site)),
            diagnostics,
        )?;
        if layout.generator != Generator::Quire {
            diagnostics.extend(distinct_slugs(&mut articles, migrate::article_slug)?);
            diagnostics.extend(distinct_slugs(&mut pages, migrate::page_slug)?);
            diagnostics.extend(migrate::settle_aliases(&mut articles, &mut pages));
        }
        Ok(Self {
            articles,
            pages,
            studies,
        })
    }

    pub(crate) fn bodies(&self) -> impl Iterator<Item = (&Path, &Body)> {
        let articles = self.articles.iter().map(|(path, a)| (&**path, &a.body));
        let pages = self.pages.iter().map(|(path, p)| (&**path, &p.body));
        let studies = self.studies.iter().map(|(path, s)| (&**path, &s.body));
        articles.chain(pages).chain(studies)
    }

    pub(crate) fn bodies_mut(&mut self) -> impl Iterator<Item = (&Path, &mut Body)> {
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
    pub(crate) fn routes(&self) -> impl Iterator<Item = (&Path, String)> {
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
    pub(crate) fn published(
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
pub(crate) struct Checked {
    pub(crate) aliases: Vec<(PathBuf, Alias)>,
    pub(crate) links: Vec<(PathBuf, SitePath)>,
    pub(crate) unrendered: Vec<(Unrendered, PathBuf)>,
    /// The images written in several widths, when the build writes a site.
    pub(crate) pictures: Option<Pictures>,
}

/// The checks that need every document: images the site lacks (and the sizes of those it
/// holds), links between documents, templates left unrendered, duplicate aliases and slugs,
/// one tag spelled two ways.
pub(crate) fn check_documents(
    layout: &Layout,
    site: &Site,
    documents: &mut Documents,
    static_files: &[StaticFile],
    write_images: Option<&Path>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Checked, BuildError> {
    let pictures = check_images(
        layout,
        site,
        documents,
        static_files,
        write_images,
        diagnostics,
    )?;
    diagnostics.extend(resolve_document_links(
        documents,
        layout.reference_root.clone(),
    )?);
    let unrendered = warn_unrendered_templates(documents, diagnostics);
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
    check_slugs_and_tags(documents, diagnostics);
    Ok(Checked {
        aliases,
        links,
        unrendered,
        pictures,
    })
}

/// Warns of each image the documents and the site config load that the site lacks, writes the
/// raster images they use in several widths when `write_images` names the site's last output
/// (where copies may be taken from), and gives every image the documents use its size.
fn check_images(
    layout: &Layout,
    site: &Site,
    documents: &mut Documents,
    static_files: &[StaticFile],
    write_images: Option<&Path>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Pictures>, BuildError> {
    // Where a missing image is looked for: the static folder, or (Jekyll) the site's root.
    let static_dir = layout.static_dirs.first().unwrap_or(&layout.root);
    let present: BTreeSet<&str> = static_files.iter().map(|file| file.path.as_str()).collect();
    let pictures = match write_images {
        Some(previous) => Some(Pictures::write(
            raster_sources(documents, static_files),
            Some(previous),
        )?),
        None => None,
    };
    let with_images = documents
        .bodies_mut()
        .filter(|(_, body)| !body.site_images.is_empty())
        .collect();
    diagnostics.extend(settle_images(
        with_images,
        static_files,
        &present,
        static_dir,
        pictures.as_ref(),
    )?);
    diagnostics.extend(static_files::missing_images(
        &layout.config_path,
        &site.site_images,
        &present,
        static_dir,
    ));
    Ok(pictures)
}

/// The files of `static_files` the documents use as images, once each, but for SVG, which is
/// drawn at any width as it is.
fn raster_sources<'a>(
    documents: &Documents,
    static_files: &'a [StaticFile],
) -> Vec<&'a StaticFile> {
    let used: BTreeSet<String> = documents
        .bodies()
        .flat_map(|(_, body)| body.site_images.iter())
        .map(|image| static_files::file_path_of(&image.path))
        .filter(|path| {
            let lower = path.to_ascii_lowercase();
            !(lower.ends_with(".svg") || lower.ends_with(".svgz"))
        })
        .collect();
    used.iter()
        .filter_map(|path| {
            static_files
                .binary_search_by(|file| file.path.as_str().cmp(path))
                .ok()
                .map(|index| &static_files[index])
        })
        .collect()
}

/// The template syntax the articles and pages left unrendered, once per name, each a warning
/// where it is first used.
fn warn_unrendered_templates(
    documents: &Documents,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Unrendered, PathBuf)> {
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
    unrendered
}

/// An error for each slug two documents of one kind share, and a warning for each tag written
/// two ways.
fn check_slugs_and_tags(documents: &Documents, diagnostics: &mut Vec<Diagnostic>) {
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
}

/// An error for each path two documents both claim as an alias.
pub(crate) fn duplicate_aliases(aliases: &[(PathBuf, Alias)]) -> Vec<Diagnostic> {
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

/// Warns of each image a document loads from the site that `static/` lacks or that could not be
/// written in several widths; makes each of those written a `<picture>` and gives the others their
/// width and height in the document's HTML; gives a document its cover's [`Picture`].
pub(crate) fn settle_images(
    documents: Vec<(&Path, &mut Body)>,
    static_files: &[StaticFile],
    present: &BTreeSet<&str>,
    static_dir: &Path,
    pictures: Option<&Pictures>,
) -> Result<Vec<Diagnostic>, BuildError> {
    let sizes = static_files::image_sizes(
        documents
            .iter()
            .flat_map(|(_, body)| body.site_images.iter()),
        static_files,
    );
    let no_pictures = HashMap::new();
    let images = BodyImages {
        pictures: pictures.map_or(&no_pictures, |pictures| &pictures.by_path),
        sizes: &sizes,
    };
    let no_problems = HashMap::new();
    let problems = pictures.map_or(&no_problems, |pictures| &pictures.problems);
    // On every core: each body is read back from the spill, rewritten and spilled again, and a
    // blog with a picture in every post has as many of them as it has posts.
    let problems = documents
        .into_par_iter()
        .with_max_len(BALANCED_RUN)
        .map(|(path, body)| {
            let mut warnings =
                static_files::missing_images(path, &body.site_images, present, static_dir);
            warnings.extend(unwritten_images(path, &body.site_images, problems));
            body.picture = body
                .image
                .as_deref()
                .filter(|image| image.starts_with('/') && !image.starts_with("//"))
                .and_then(|image| images.pictures.get(&static_files::file_path_of(image)))
                .cloned();
            let lead = body.picture.is_none();
            body.html.edit(|html| place_images(html, &images, lead))?;
            Ok(warnings)
        })
        .collect::<Result<Vec<_>, BuildError>>()?;
    Ok(problems.into_iter().flatten().collect())
}

/// A warning for each image a document uses that is published as it is, not resized, and why.
fn unwritten_images(
    path: &Path,
    images: &[SitePath],
    problems: &HashMap<String, String>,
) -> Vec<Diagnostic> {
    if problems.is_empty() {
        return Vec::new();
    }
    let mut named = BTreeSet::new();
    images
        .iter()
        .filter_map(|image| {
            let file = static_files::file_path_of(&image.path);
            let problem = problems.get(&file)?;
            named.insert(file).then(|| {
                Diagnostic::warning(
                    path,
                    image.line,
                    format!(
                        "the image {} is published as it is, not resized: {problem}",
                        image.path
                    ),
                )
            })
        })
        .collect()
}

pub(crate) fn duplicate_slugs<'a>(
    items: impl Iterator<Item = (&'a PathBuf, &'a String)>,
) -> Vec<Diagnostic> {
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
pub(crate) fn resolve_document_links(
    documents: &mut Documents,
    content_root: Option<PathBuf>,
) -> Result<Vec<Diagnostic>, BuildError> {
    if documents
        .bodies()
        .all(|(_, body)| body.relative_links.is_empty())
    {
        return Ok(Vec::new());
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
        body.html.edit(|mut html| {
            routes.link_documents(path, &mut html);
            html
        })?;
        body.site_links.extend(linked);
    }
    Ok(problems)
}

/// A warning for each tag spelled unlike the first file's (in file order) with the same slug,
/// other than in letter case: `C` in one file and `C++` in another are one tag, `/tag/c`, and
/// the site can show only one of the two names.
pub(crate) fn merged_tags<'a>(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spill::Stored;

    #[test]
    fn every_articles_html_and_search_text_wait_in_the_spill_once_compiled() {
        // What keeps a large build's memory flat: no article's body is held between compiling
        // it and writing it.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-site");
        let layout = generator::read(&root).unwrap();
        let mut diagnostics = Vec::new();
        let documents = Documents::read(&layout, &layout.site, &mut diagnostics).unwrap();
        assert!(documents.articles.len() > 2);
        for (path, article) in &documents.articles {
            for (what, text) in [("html", &article.body.html), ("text", &article.text)] {
                assert!(
                    matches!(text, Stored::Spilled { .. }),
                    "{}'s {what} is held in memory",
                    path.display()
                );
                assert!(!text.read().unwrap().is_empty());
            }
        }
    }
}
