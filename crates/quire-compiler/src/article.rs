//! One article file -> a validated article: front-matter rules, Hugo/Jekyll/Astro aliases, defaults.

use std::path::Path;

use quire_model::text::{reading_minutes, truncate_at_word};
use quire_model::{Date, TocEntry, slugify};

use crate::diagnostic::Diagnostic;
use crate::fields::{Fields, Source, read_source};
use crate::markdown;
use crate::markdown::{Rendered, SitePath};
use crate::site::Site;
use crate::site::{image_reference_problem, is_image_reference, is_safe_link};

/// Longest default summary, in characters, before it is cut at a word boundary.
pub const SUMMARY_LENGTH: usize = 220;

/// Keys read from an article's front matter; any other key is ignored with a warning.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "publishDate",
    "publish_date",
    "pubDate",
    "category",
    "categories",
    "tags",
    "summary",
    "description",
    "slug",
    "featured",
    "draft",
    "updated",
    "lastmod",
    "updatedDate",
    "image",
    "aliases",
    "author",
    "authors",
];

#[derive(Debug, PartialEq, Eq)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The summary is the author's own, not the first paragraph's opening: an article page shows
    /// it under the title (a cut first paragraph would only say again what the body says).
    pub own_summary: bool,
    /// The image a link to the article shows: a site path or an http(s) URL.
    pub image: Option<String>,
    pub date: Date,
    /// When the article may first be shown; `date` unless `publishDate` says later.
    pub publish_date: Date,
    pub updated: Option<Date>,
    pub category_slug: String,
    /// Display names, in the author's order, duplicates (by slug) removed.
    pub tags: Vec<String>,
    /// The line of `tags`, for problems found across files.
    pub tags_line: usize,
    /// Who wrote it, as named, in order.
    pub authors: Vec<String>,
    pub featured: bool,
    pub draft: bool,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub reading_minutes: u32,
    /// The body as plain text, for the search index.
    pub text: String,
    /// Images the body loads from the site, with their lines in the file.
    pub site_images: Vec<SitePath>,
    /// Paths on the site the body links to, with their lines in the file.
    pub site_links: Vec<SitePath>,
    /// Links the body gives relative to the page, with their lines in the file.
    pub relative_links: Vec<SitePath>,
    /// Site paths the article was published at before (`aliases`), each redirected to it.
    pub aliases: Vec<Alias>,
}

/// A document's `image` for link previews, and the same as a file `static/` should hold when it
/// is a site path.
pub struct SocialImage {
    pub value: Option<String>,
    pub site_image: Option<SitePath>,
}

/// The site paths a document names, with their lines in its file.
pub struct DocumentPaths {
    /// The images it loads from the site: its link preview's and its body's.
    pub images: Vec<SitePath>,
    /// The site paths its body links to.
    pub links: Vec<SitePath>,
    /// The links its body gives relative to the page.
    pub relative_links: Vec<SitePath>,
}

impl SocialImage {
    /// Renders the body of `source` (in `file`) and gathers the site paths the document names:
    /// this image and the body's images and links, with their lines in the file; a warning for
    /// each body image given relative to the page, which no single file in `static/` serves on
    /// every page that shows it.
    pub fn render_body(
        &mut self,
        source: &Source<'_>,
        file: &Path,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Rendered, DocumentPaths) {
        let mut body = markdown::render(source.body);
        let first_line = source.body_first_line;
        for image in SitePath::in_file(std::mem::take(&mut body.relative_images), first_line) {
            diagnostics.push(Diagnostic::warning(
                file,
                image.line,
                format!(
                    "the image {} is relative to the page, so the article, its feed entry and \
                     the pages that preview it would each look for it somewhere else; put it \
                     in static/ and write its path from the site's root (/img/…)",
                    image.path
                ),
            ));
        }
        for left_out in std::mem::take(&mut body.left_out) {
            diagnostics.push(Diagnostic::warning(
                file,
                left_out.line + first_line.saturating_sub(1),
                format!(
                    "{} is not allowed in content and was left out of the page",
                    left_out.what
                ),
            ));
        }
        let body_images = SitePath::in_file(std::mem::take(&mut body.site_images), first_line);
        let paths = DocumentPaths {
            images: self
                .site_image
                .take()
                .into_iter()
                .chain(body_images)
                .collect(),
            links: SitePath::in_file(std::mem::take(&mut body.site_links), first_line),
            relative_links: SitePath::in_file(std::mem::take(&mut body.relative_links), first_line),
        };
        (body, paths)
    }
}

/// Reads `image`: a site path or an http(s) URL, else an error at its line.
pub fn social_image(fields: &Fields<'_>, diagnostics: &mut Vec<Diagnostic>) -> SocialImage {
    let value = fields
        .text("image", diagnostics)
        .map(|image| image.trim().to_owned())
        .filter(|image| !image.is_empty());
    let line = fields.front_matter.line_of("image");
    if let Some(image) = &value
        && !is_image_reference(image)
    {
        diagnostics.push(fields.error("image", image_reference_problem(image)));
        return SocialImage {
            value: None,
            site_image: None,
        };
    }
    let site_image = value
        .as_ref()
        .filter(|image| image.starts_with('/') && !image.starts_with("//"))
        .map(|image| SitePath {
            path: image.clone(),
            line,
        });
    SocialImage { value, site_image }
}

/// A site path that redirects to a document, and the line of the file that asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// `/2019/05/old-title` or `/old.html`: no trailing `/`, no query or fragment.
    pub path: String,
    pub line: usize,
}

/// `aliases` (Hugo's name for it): the site paths a document was published at before. Each must
/// be a plain site path; a trailing `/` is dropped, as both forms are redirected.
pub fn aliases(fields: &Fields<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Alias> {
    let line = fields.front_matter.line_of("aliases");
    let mut kept: Vec<Alias> = Vec::new();
    for written in fields.text_list("aliases", diagnostics).unwrap_or_default() {
        let path = written.trim().trim_end_matches('/');
        let plain = path.starts_with('/')
            && !path.starts_with("//")
            && is_safe_link(path)
            && !path.contains(['?', '#', '%', '\\'])
            && !path.split('/').any(|part| part == "." || part == "..");
        if !plain {
            diagnostics.push(fields.error(
                "aliases",
                format!("alias {written:?} must be a site path such as `/2019/05/old-title/`"),
            ));
        } else if !kept.iter().any(|alias| alias.path == path) {
            kept.push(Alias {
                path: path.to_owned(),
                line,
            });
        }
    }
    kept
}

/// A compiled item, or every problem that stops it; warnings travel with either.
pub struct Compiled<T> {
    pub item: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Compiled<T> {
    pub fn from_parts(item: Option<T>, diagnostics: Vec<Diagnostic>) -> Self {
        let item = item.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
        Self { item, diagnostics }
    }
}

pub fn compile(path: &Path, bytes: &[u8], site: &Site) -> Compiled<Article> {
    let mut diagnostics = Vec::new();
    let article = compile_inner(path, bytes, site, &mut diagnostics);
    Compiled::from_parts(article, diagnostics)
}

fn compile_inner(
    path: &Path,
    bytes: &[u8],
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let source = read_source(path, bytes, KNOWN_KEYS, diagnostics)?;
    let fields = Fields {
        path,
        front_matter: &source.front_matter,
    };

    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default();
    let (stem_date, stem_slug) = split_jekyll_stem(stem);

    let title = fields.required_text("title", diagnostics);
    let publish_date = fields.first_date(&["publishDate", "publish_date", "pubDate"], diagnostics);
    let date = match fields.date("date", diagnostics) {
        Some(date) => Some(date),
        None if fields.has("date") => None,
        None => match publish_date.or(stem_date) {
            Some(date) => Some(date),
            None => {
                diagnostics.push(fields.missing("date"));
                None
            }
        },
    };
    let updated = fields.first_date(&["updated", "lastmod", "updatedDate"], diagnostics);
    let category_slug = resolve_category(&fields, site, diagnostics);
    let tags = tag_names(&fields, "tags", diagnostics);
    let authors = author_names(&fields, diagnostics);
    let slug = slug_of(&fields, stem_slug, diagnostics);
    let featured = fields.flag("featured", diagnostics);
    let draft = fields.flag("draft", diagnostics);
    let written_summary = fields
        .text("summary", diagnostics)
        .or_else(|| fields.text("description", diagnostics))
        .map(|summary| summary.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|summary| !summary.is_empty());

    let mut image = social_image(&fields, diagnostics);
    let aliases = aliases(&fields, diagnostics);

    let (rendered, paths) = image.render_body(&source, path, diagnostics);
    let words = rendered.word_count;
    if rendered.plain_text.is_empty() {
        diagnostics.push(Diagnostic::warning(
            path,
            source.body_first_line,
            "the article has no body",
        ));
    }
    // Written out as the first paragraph, it is no standfirst either.
    let own_summary = written_summary
        .as_ref()
        .is_some_and(|summary| *summary != rendered.first_paragraph);
    let summary = written_summary
        .unwrap_or_else(|| truncate_at_word(&rendered.first_paragraph, SUMMARY_LENGTH));

    let (title, date, category_slug) = (title?, date?, category_slug?);
    Some(Article {
        slug,
        title,
        summary,
        own_summary,
        publish_date: publish_date.map_or(date, |publish| publish.max(date)),
        date,
        updated,
        category_slug,
        tags,
        tags_line: fields.front_matter.line_of("tags"),
        authors,
        featured,
        draft,
        html: rendered.html,
        toc: rendered.toc,
        word_count: words,
        reading_minutes: reading_minutes(words),
        text: rendered.plain_text,
        site_images: paths.images,
        site_links: paths.links,
        relative_links: paths.relative_links,
        image: image.value,
        aliases,
    })
}

/// Jekyll names posts `YYYY-MM-DD-slug.md`; the date and slug come from the name when not written.
pub fn split_jekyll_stem(stem: &str) -> (Option<Date>, &str) {
    // Byte 10 being an ASCII '-' makes both slice points character boundaries.
    if stem.len() > 11
        && stem.as_bytes()[10] == b'-'
        && let Ok(date) = Date::parse(&stem[..10])
    {
        return (Some(date), &stem[11..]);
    }
    (None, stem)
}

/// The written `slug`, else the file name's; an error when neither has letters or digits.
pub fn slug_of(fields: &Fields<'_>, stem: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    match fields.text("slug", diagnostics) {
        Some(written) => {
            let slug = slugify(&written);
            if slug.is_empty() {
                diagnostics.push(fields.error(
                    "slug",
                    format!("slug {written:?} has no ASCII letters or digits"),
                ));
            }
            slug
        }
        None => {
            let slug = slugify(stem);
            if slug.is_empty() {
                diagnostics.push(Diagnostic::error(
                    fields.path,
                    1,
                    "the file name gives no slug: name the file with letters or digits, or set `slug`",
                ));
            }
            slug
        }
    }
}

/// The article's one category, from `category` or Hugo's `categories` list.
pub fn resolve_category(
    fields: &Fields<'_>,
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let (key, written) = if fields.has("category") {
        ("category", fields.text("category", diagnostics)?)
    } else if fields.has("categories") {
        let list = fields.text_list("categories", diagnostics)?;
        match list.as_slice() {
            [one] => ("categories", one.clone()),
            [] => {
                diagnostics.push(fields.error(
                    "categories",
                    "`categories` is empty: give the article one category",
                ));
                return None;
            }
            [first, ..] => {
                diagnostics.push(fields.warning(
                    "categories",
                    format!(
                        "an article has one category: using {first:?}, the first of {}",
                        list.len()
                    ),
                ));
                ("categories", first.clone())
            }
        }
    } else {
        diagnostics.push(fields.missing("category"));
        return None;
    };
    match site.resolve_category(&written) {
        Some(category) => Some(category.slug.clone()),
        None => {
            diagnostics.push(fields.error(
                key,
                format!(
                    "unknown category {written:?}; declared in site.toml: {}",
                    site.declared_category_names()
                ),
            ));
            None
        }
    }
}

/// The names in `authors` or `author` (Hugo and Jekyll use the first, Astro and Eleventy often
/// the second; either takes one name or a list), whitespace collapsed, each once; a blank name is
/// an error at its line, and so is giving both keys.
pub fn author_names(fields: &Fields<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    if fields.has("author") && fields.has("authors") {
        diagnostics
            .push(fields.error("authors", "both `author` and `authors` are given: keep one"));
        return Vec::new();
    }
    let key = if fields.has("authors") {
        "authors"
    } else {
        "author"
    };
    let mut names: Vec<String> = Vec::new();
    for name in fields.text_list(key, diagnostics).unwrap_or_default() {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            diagnostics.push(fields.error(key, format!("`{key}` names a blank author")));
        } else if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Tag display names from `key`, trimmed, duplicates by slug removed (with a warning when the
/// dropped one is spelled differently, not just in another case: `C` and `C++` are one tag).
pub fn tag_names(fields: &Fields<'_>, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    let mut kept = Vec::<String>::new();
    for tag in fields.text_list(key, diagnostics).unwrap_or_default() {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        let slug = slugify(&tag);
        if slug.is_empty() {
            diagnostics.push(fields.error(
                key,
                format!(
                    "tag {tag:?} has no ASCII letters or digits to make its address (/tag/<slug>) from"
                ),
            ));
            continue;
        }
        match seen.iter().position(|known| *known == slug) {
            Some(index) if !same_spelling(&kept[index], &tag) => {
                diagnostics
                    .push(fields.warning(key, merged_tags_message(&kept[index], "", &tag, &slug)));
            }
            Some(_) => {}
            None => {
                seen.push(slug);
                kept.push(tag);
            }
        }
    }
    kept
}

/// Whether two spellings of a tag differ at most in letter case ("Go" and "go"), which is
/// plainly one tag; any other pair that makes one slug is worth a warning.
pub fn same_spelling(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// `kept_at` says where `kept` is written when that is another file.
pub fn merged_tags_message(kept: &str, kept_at: &str, merged: &str, slug: &str) -> String {
    format!(
        "tags {kept:?}{kept_at} and {merged:?} are one tag: both make the slug `{slug}` \
         (/tag/{slug}); spell them alike, or rename one if they are different things"
    )
}
