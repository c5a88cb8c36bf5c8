//! A whole build: read `content/`, compile every file in parallel, validate across files, and
//! assemble the bundle. The only module here that touches the file system besides `output`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use quire_model::listing::newest_first;
use quire_model::{
    ArticleBody, ArticleSummary, CategoryInfo, Date, MANIFEST_FILE, Manifest, SCHEMA_VERSION,
    TagInfo, slugify,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::article::{self, Article};
use crate::diagnostic::Diagnostic;
use crate::output::{self, OutputFile};
use crate::site::{self, Site};

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
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub published: usize,
    pub left_out_drafts: usize,
    pub left_out_future: usize,
    pub files_written: usize,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Every problem found, errors and warnings, in file and line order.
    #[error("{} error(s) in content", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
}

impl BuildError {
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Self + '_ {
        move |source| Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The compiled bundle, before it is written.
pub struct Bundle {
    pub manifest: Manifest,
    pub files: Vec<OutputFile>,
}

pub fn build(options: &Options) -> Result<Report, BuildError> {
    let (bundle, mut report) = compile(options)?;
    if !options.check_only {
        report.files_written = bundle.files.len();
        output::replace_dir(&options.out, &bundle.files)?;
    }
    Ok(report)
}

/// Reads and compiles everything, writing nothing.
pub fn compile(options: &Options) -> Result<(Bundle, Report), BuildError> {
    let site_path = options.content.join("site.toml");
    let site_text = fs::read_to_string(&site_path).map_err(BuildError::io(&site_path))?;
    let site = site::parse(&site_path, &site_text).map_err(BuildError::Content)?;

    let sources = read_markdown_dir(&options.content.join("articles"))?;
    let compiled: Vec<_> = sources
        .par_iter()
        .map(|(path, bytes)| article::compile(path, bytes, &site))
        .collect();

    let mut diagnostics = Vec::new();
    let mut articles = Vec::new();
    for (compiled, (path, _)) in compiled.into_iter().zip(&sources) {
        diagnostics.extend(compiled.diagnostics);
        if let Some(article) = compiled.article {
            articles.push((path.clone(), article));
        }
    }
    diagnostics.extend(duplicate_slugs(&articles));
    diagnostics.sort();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(diagnostics));
    }

    let mut report = Report {
        warnings: diagnostics,
        ..Report::default()
    };
    let published: Vec<Article> = articles
        .into_iter()
        .map(|(_, article)| article)
        .filter(|article| {
            if article.draft && !options.include_drafts {
                report.left_out_drafts += 1;
                false
            } else if article.publish_date > options.today && !options.include_future {
                report.left_out_future += 1;
                false
            } else {
                true
            }
        })
        .collect();
    report.published = published.len();
    Ok((assemble(&site, published), report))
}

fn read_markdown_dir(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, BuildError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(BuildError::io(dir)(error)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(BuildError::io(dir))?.path();
        let is_markdown = path
            .extension()
            .is_some_and(|extension| extension == "md" || extension == "markdown");
        if is_markdown && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .into_par_iter()
        .map(|path| {
            let bytes = fs::read(&path).map_err(BuildError::io(&path))?;
            Ok((path, bytes))
        })
        .collect()
}

fn duplicate_slugs(articles: &[(PathBuf, Article)]) -> Vec<Diagnostic> {
    let mut first_seen: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, article) in articles {
        if let Some(first) = first_seen.get(article.slug.as_str()) {
            problems.push(Diagnostic::error(
                path,
                1,
                format!(
                    "duplicate slug `{}`: {} has it too",
                    article.slug,
                    first.display()
                ),
            ));
        } else {
            first_seen.insert(&article.slug, path);
        }
    }
    problems
}

fn assemble(site: &Site, articles: Vec<Article>) -> Bundle {
    let mut files = Vec::with_capacity(articles.len() + 1);
    let mut summaries = Vec::with_capacity(articles.len());
    let mut tag_names: BTreeMap<String, (String, usize)> = BTreeMap::new();

    for article in articles {
        let tag_slugs: Vec<String> = article.tags.iter().map(|tag| slugify(tag)).collect();
        for (slug, name) in tag_slugs.iter().zip(&article.tags) {
            tag_names
                .entry(slug.clone())
                .or_insert_with(|| (name.clone(), 0))
                .1 += 1;
        }
        let body = ArticleBody {
            schema_version: SCHEMA_VERSION,
            slug: article.slug.clone(),
            html: article.html,
            toc: article.toc,
        };
        let json = serde_json::to_vec(&body).expect("bundle types always serialise");
        let body_path = format!("articles/{}.{}.json", article.slug, content_hash(&json));
        files.push(OutputFile {
            path: body_path.clone(),
            bytes: json,
        });
        summaries.push(ArticleSummary {
            slug: article.slug,
            title: article.title,
            summary: article.summary,
            date: article.date,
            updated: article.updated,
            category: article.category_slug,
            tags: tag_slugs,
            reading_minutes: article.reading_minutes,
            word_count: article.word_count,
            featured: article.featured,
            body: body_path,
        });
    }
    summaries.sort_by(newest_first);

    let categories = site
        .categories
        .iter()
        .map(|category| CategoryInfo {
            slug: category.slug.clone(),
            name: category.name.clone(),
            description: category.description.clone(),
            count: summaries
                .iter()
                .filter(|a| a.category == category.slug)
                .count(),
        })
        .collect();
    let tags = tag_names
        .into_iter()
        .map(|(slug, (name, count))| TagInfo { slug, name, count })
        .collect();
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        site: site.info.clone(),
        categories,
        tags,
        articles: summaries,
    };
    let manifest_json = serde_json::to_vec(&manifest).expect("bundle types always serialise");
    files.push(OutputFile {
        path: MANIFEST_FILE.to_owned(),
        bytes: manifest_json,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Bundle { manifest, files }
}

/// The first 16 hex digits of SHA-256: a name that changes whenever the bytes do, so a CDN may
/// cache the file forever.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
