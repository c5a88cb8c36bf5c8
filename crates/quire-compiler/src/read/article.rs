//! One article file -> a validated article: front-matter rules, the rules of the generator it
//! was written for (Hugo, Jekyll, Zola, Astro), aliases and old addresses, defaults.

use std::path::{Path, PathBuf};

use quire_model::text::{reading_minutes, truncate_at_word};
use quire_model::{Date, TimeOfDay, slugify};

use crate::diagnostic::Diagnostic;
use crate::generator::SiteFolders;
use crate::generator::origin::{Generator, Origin, SourceFile};
use crate::generator::permalink::{self, Facts};
use crate::generator::post::{self, Timestamp};
use crate::markdown;
use crate::markdown::{Rendered, SitePath};
use crate::read::body::{Alias, Body};
use crate::read::fields::{Fields, Source, read_source};
use crate::read::file_names::split_jekyll_stem;
use crate::read::site_config::Site;
use crate::read::site_config::{image_reference_problem, is_image_reference, is_safe_link};
use crate::read::static_files::StaticFile;
use crate::spill::Stored;
use crate::template;

/// Longest default summary, in characters, before it is cut at a word boundary.
pub(crate) const SUMMARY_LENGTH: usize = 220;

/// Keys read from an article's front matter; any other key is ignored with a warning, unless
/// the article's generator documents it.
pub(crate) const KNOWN_KEYS: &[&str] = &[
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
    "excerpt",
    "slug",
    "featured",
    "draft",
    "updated",
    "lastmod",
    "updatedDate",
    "image",
    // What the cover shows, for readers who do not see it; the title stands in without it.
    "image_alt",
    "aliases",
    "author",
    "authors",
    // `math: true`: the body's `$…$`, `$$…$$`, `\(…\)` and `\[…\]` are TeX math.
    "math",
    // Other names themes give the publish and update dates, read as those.
    "pubDatetime",
    "publishedAt",
    "published_at",
    "date_published",
    "datePublished",
    "modDatetime",
    "updatedAt",
    "updated_at",
    "date_updated",
    "dateModified",
    "last_modified_at",
    "lastMod",
    "modified",
    "publishdate",
];

/// A category as an article names it: the declared one it resolves to, or on a site whose
/// categories are its articles' own, the name as first written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryName {
    pub name: String,
    pub slug: String,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The summary is the author's own, not the first paragraph's opening: an article page shows
    /// it under the title (a cut first paragraph would only say again what the body says).
    pub own_summary: bool,
    pub date: Date,
    /// The time of day written with the date, if any.
    pub time: Option<TimeOfDay>,
    /// When the article may first be shown; `date` unless `publishDate` says later.
    pub publish_date: Date,
    /// The day after which it is no longer shown (Hugo's `expiryDate`).
    pub expiry_date: Option<Date>,
    pub updated: Option<Date>,
    pub category: Option<CategoryName>,
    /// Display names, in the author's order, duplicates (by slug) removed.
    pub tags: Vec<String>,
    /// The line of `tags`, for problems found across files.
    pub tags_line: usize,
    /// Who wrote it, as named, in order.
    pub authors: Vec<String>,
    pub featured: bool,
    pub draft: bool,
    pub body: Body,
    pub word_count: usize,
    pub reading_minutes: u32,
    /// The body as plain text, for the search index; in the build's spill once compiled.
    pub text: Stored,
    /// Where the old site published it, when it came from another generator.
    pub old_address: Option<String>,
    /// Files beside it (a page bundle's images) published under its address.
    pub local_files: Vec<StaticFile>,
    /// The template syntax its body held, for the build summary.
    pub templates: TemplateUse,
}

/// A document's `image` for link previews, and the same as a file `static/` should hold when it
/// is a site path.
pub(crate) struct SocialImage {
    pub value: Option<String>,
    pub site_image: Option<SitePath>,
    /// What the image shows (`image_alt`, or the cover's alt text a theme reads).
    pub alt: Option<String>,
}

/// The site paths a document names, with their lines in its file.
pub(crate) struct DocumentPaths {
    /// The images it loads from the site: its link preview's and its body's.
    pub images: Vec<SitePath>,
    /// The site paths its body links to.
    pub links: Vec<SitePath>,
    /// The links its body gives relative to the page.
    pub relative_links: Vec<SitePath>,
    /// Files beside the document that it names, published under its address.
    pub local_files: Vec<StaticFile>,
    /// The template syntax its body held, rendered or not.
    pub templates: TemplateUse,
}

impl DocumentPaths {
    /// The document's body as a render gave it, with the site paths it names (taken from here),
    /// the addresses that redirect to it and its link preview's image.
    pub(crate) fn take_body(
        &mut self,
        rendered: &mut Rendered,
        aliases: Vec<Alias>,
        image: SocialImage,
    ) -> Body {
        Body {
            html: std::mem::take(&mut rendered.html).into(),
            toc: std::mem::take(&mut rendered.toc),
            site_images: std::mem::take(&mut self.images),
            site_links: std::mem::take(&mut self.links),
            relative_links: std::mem::take(&mut self.relative_links),
            aliases,
            image: image.value,
            picture: None,
            image_alt: image.alt,
            card: None,
        }
    }
}

/// The template syntax of a body (shortcodes, Liquid tags, components), for the build summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateUse {
    /// How many of each were rendered, by name.
    pub rendered: std::collections::BTreeMap<String, usize>,
    /// Each left unrendered, once per name, at its first line in the file.
    pub unrendered: Vec<template::Unrendered>,
}

/// The files a document of another generator may name relative to itself (a page bundle's
/// images, `./images/x.png` beside a post): published under the document's own address.
pub(crate) struct LocalFiles<'a> {
    /// The document's folder; `None` for Quire's own layout, where every file is in `static/`.
    pub dir: Option<&'a Path>,
    /// The site's root: nothing outside it is published.
    pub root: &'a Path,
    /// The folder of the document's address, from the site's root (`insights/my-post`).
    pub route_folder: String,
    /// A page bundle publishes every file in it, named or not.
    pub bundle: Option<&'a Path>,
    /// The site's static folders, and the document's old address: a URL relative to that
    /// address (`../screenshot.png` of `/newsletter-14/`) names a file the static folders hold.
    pub static_dirs: &'a [PathBuf],
    pub old_address: Option<&'a str>,
}

impl LocalFiles<'_> {
    pub fn none(root: &Path) -> LocalFiles<'_> {
        LocalFiles {
            dir: None,
            root,
            route_folder: String::new(),
            bundle: None,
            static_dirs: &[],
            old_address: None,
        }
    }

    /// The file a relative URL names, with the site path it is published at: one beside the
    /// document, else one of the static folders' where the old site's address resolved it.
    fn resolve(&self, url: &str) -> Option<(String, PathBuf)> {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let path = percent_decode(path);
        self.beside(&path).or_else(|| self.in_static(&path))
    }

    fn in_static(&self, path: &str) -> Option<(String, PathBuf)> {
        let old = self.old_address?;
        let folder = if old.ends_with('/') {
            old
        } else {
            old.rsplit_once('/')?.0
        };
        let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                part => parts.push(part),
            }
        }
        let site_path = parts.join("/");
        self.static_dirs
            .iter()
            .map(|dir| (dir.join(&site_path), dir))
            .find(|(file, dir)| file.is_file() && is_publishable(file, dir))
            .map(|(file, _)| (site_path, file))
    }

    fn beside(&self, path: &str) -> Option<(String, PathBuf)> {
        let dir = self.dir?;
        let mut resolved = dir.to_path_buf();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    resolved.pop();
                }
                part => resolved.push(part),
            }
        }
        let within = resolved.strip_prefix(self.root).ok()?;
        if !resolved.is_file()
            || crate::generator::walk::is_markdown(&resolved)
            || !is_publishable(&resolved, self.root)
        {
            return None;
        }
        // Files above the document's folder keep their path from the site's root.
        let published = match resolved.strip_prefix(dir) {
            Ok(beside) => format!(
                "{}/{}",
                self.route_folder,
                crate::generator::walk::relative(Path::new(""), beside)
            ),
            Err(_) => crate::generator::walk::relative(Path::new(""), within),
        };
        Some((published, resolved))
    }
}

/// Whether a file a document names may be published: inside `root` once links are followed
/// (a link to `~/.aws/credentials` is not), and in no hidden folder (`.git/config` is not).
fn is_publishable(file: &Path, root: &Path) -> bool {
    let (Ok(file), Ok(root)) = (file.canonicalize(), root.canonicalize()) else {
        return false;
    };
    file.strip_prefix(&root).is_ok_and(|inside| {
        inside
            .components()
            .all(|part| !part.as_os_str().to_string_lossy().starts_with('.'))
    })
}

/// `%20` and the like in a relative URL, as the file's name has them.
fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_or_else(|_| path.to_owned(), |decoded| decoded.into_owned())
}

impl SocialImage {
    /// Renders the body of `source` (in `file`) and gathers the site paths the document names:
    /// this image and the body's images and links, with their lines in the file. An image or
    /// link relative to the page is published with it when it names a file beside it (`local`);
    /// any other relative image is a warning, since no single file in `static/` serves it on
    /// every page that shows it.
    pub(crate) fn render_body(
        &mut self,
        source: &Source<'_>,
        page: &template::PageContext<'_>,
        templates: &template::TemplateSite,
        local: &LocalFiles<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Rendered, DocumentPaths) {
        let file = page.path;
        let first_line = source.body_first_line;
        let expanded = template::expand(&source.body, page, templates);
        let mut body = render_expanded(&expanded);
        let templates = template_use(&expanded, &mut body, file, first_line, diagnostics);
        let published = publish_beside(&mut body, local, file, first_line, diagnostics);
        warn_left_out(&mut body, file, first_line, diagnostics);
        let mut body_images = SitePath::in_file(std::mem::take(&mut body.site_images), first_line);
        body_images.extend(published.rewrites.iter().map(|(url, site_path)| {
            SitePath {
                path: site_path.clone(),
                line: first_line
                    + source
                        .body
                        .find(url.as_str())
                        .map_or(0, |at| source.body[..at].matches('\n').count()),
            }
        }));
        let paths = DocumentPaths {
            images: self
                .site_image
                .take()
                .into_iter()
                .chain(body_images)
                .collect(),
            links: SitePath::in_file(std::mem::take(&mut body.site_links), first_line),
            relative_links: SitePath::in_file(std::mem::take(&mut body.relative_links), first_line),
            local_files: published.files,
            templates,
        };
        (body, paths)
    }
}

/// The markdown a template expansion left, rendered, with every line it names counted in the
/// body as written rather than in the expansion.
fn render_expanded(expanded: &template::Expanded) -> Rendered {
    let mut body = markdown::render_with(
        &expanded.markdown,
        &markdown::Extras {
            blocks: &expanded.blocks,
            math: expanded.math,
        },
    );
    for located in body
        .site_images
        .iter_mut()
        .chain(&mut body.relative_images)
        .chain(&mut body.site_links)
        .chain(&mut body.relative_links)
    {
        located.line = expanded.body_line(located.line);
    }
    for left_out in body.left_out.iter_mut().chain(&mut body.bad_formulas) {
        left_out.line = expanded.body_line(left_out.line);
    }
    body
}

/// The template syntax `expanded` rendered and left unrendered, counting the body's formulas;
/// the expansion's problems and the formulas that do not parse are warnings at their lines.
fn template_use(
    expanded: &template::Expanded,
    body: &mut Rendered,
    file: &Path,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> TemplateUse {
    let in_file = |line: usize| line + first_line.saturating_sub(1);
    for (line, problem) in &expanded.problems {
        diagnostics.push(Diagnostic::warning(file, in_file(*line), problem.clone()));
    }
    for bad in std::mem::take(&mut body.bad_formulas) {
        diagnostics.push(Diagnostic::warning(file, in_file(bad.line), bad.what));
    }
    let mut rendered = expanded.rendered.clone();
    if body.formulas > 0 {
        *rendered.entry("math".to_owned()).or_default() += body.formulas;
    }
    TemplateUse {
        rendered,
        unrendered: expanded
            .unrendered
            .iter()
            .map(|unrendered| template::Unrendered {
                line: in_file(unrendered.line),
                ..unrendered.clone()
            })
            .collect(),
    }
}

/// The files beside a document that it publishes, and each relative URL its body wrote for
/// one with the site path that replaced it.
struct PublishedBeside {
    files: Vec<StaticFile>,
    rewrites: Vec<(String, String)>,
}

/// Publishes each file beside the document that the body's relative images and links name (and
/// a page bundle's files), pointing the body's HTML at their site paths; a relative image that
/// names no such file is a warning, and a relative link that does is no longer relative.
fn publish_beside(
    body: &mut Rendered,
    local: &LocalFiles<'_>,
    file: &Path,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> PublishedBeside {
    let mut files = Vec::new();
    let mut rewrites: Vec<(String, String)> = Vec::new();
    let mut publish = |url: &str| -> bool {
        match local.resolve(url) {
            Some((published, source)) => {
                let site_path = format!("/{published}");
                rewrites.push((url.to_owned(), site_path));
                if !files.iter().any(|f: &StaticFile| f.path == published) {
                    files.push(StaticFile {
                        path: published,
                        source,
                    });
                }
                true
            }
            None => false,
        }
    };
    let relative_images = std::mem::take(&mut body.relative_images);
    let unresolved: Vec<SitePath> = relative_images
        .into_iter()
        .filter(|image| !publish(&image.path))
        .collect();
    body.relative_links.retain(|link| !publish(&link.path));
    for image in SitePath::in_file(unresolved, first_line) {
        diagnostics.push(Diagnostic::warning(
            file,
            image.line,
            format!(
                "the image {} is relative to the page and names no file beside it, so the \
                 article, its feed entry and the pages that preview it would each look for it \
                 somewhere else; put it in static/ and write its path from the site's root \
                 (/img/…)",
                image.path
            ),
        ));
    }
    if !rewrites.is_empty() {
        body.html = markdown::rewrite_urls(std::mem::take(&mut body.html), &rewrites);
    }
    if let Some(bundle) = local.bundle {
        add_bundle_files(bundle, &local.route_folder, &mut files);
    }
    PublishedBeside { files, rewrites }
}

/// A warning at its line for each thing of the author's HTML the sanitiser left out.
fn warn_left_out(
    body: &mut Rendered,
    file: &Path,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
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
}

/// What a reader's browser can use from a page bundle: images, media and documents. A bundle's
/// other files (an R notebook, a script its author kept beside the post) are its source, not
/// its content; one the body names is published all the same.
const BUNDLE_PUBLISHED: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "mp4", "webm", "ogg", "ogv",
    "mp3", "m4a", "wav", "mov", "pdf", "txt", "csv", "json", "zip", "gz", "epub", "vtt",
];

/// A document in its place on the site: its address, the folder its files come from, and its
/// old address; what is needed to render its body and find its preview image.
pub(crate) struct Placed<'a> {
    fields: &'a Fields<'a>,
    origin: &'a Origin,
    local: LocalFiles<'a>,
    templates: &'a template::TemplateSite,
    route: String,
}

impl<'a> Placed<'a> {
    pub fn new(
        fields: &'a Fields<'a>,
        origin: &'a Origin,
        folders: &'a SiteFolders<'a>,
        route: &str,
        old_address: Option<&'a str>,
    ) -> Self {
        let local = LocalFiles {
            dir: origin.is_foreign().then(|| fields.path.parent()).flatten(),
            root: folders.root,
            route_folder: route.trim_start_matches('/').to_owned(),
            bundle: origin.bundle.as_deref(),
            static_dirs: folders.static_dirs,
            old_address,
        };
        Self {
            fields,
            origin,
            local,
            templates: folders.templates,
            route: route.to_owned(),
        }
    }

    /// The rendered body, the site paths it names, the preview image, and the files published
    /// beside the document.
    pub fn render(
        &self,
        source: &Source<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Rendered, DocumentPaths, SocialImage, Vec<StaticFile>) {
        let mut local_files = Vec::new();
        let mut image = if self.origin.is_foreign() {
            cover_image(self.fields, &self.local, &mut local_files, diagnostics)
        } else {
            social_image(self.fields, diagnostics)
        };
        let page = template::PageContext {
            path: self.fields.path,
            front_matter: self.fields.front_matter,
            route: &self.route,
            imports: &source.imports,
        };
        let (rendered, mut paths) =
            image.render_body(source, &page, self.templates, &self.local, diagnostics);
        local_files.append(&mut paths.local_files);
        (rendered, paths, image, local_files)
    }
}

/// Every file of a page bundle a reader can use, named in the body or not, as Hugo and Zola
/// publish them.
fn add_bundle_files(bundle: &Path, route_folder: &str, files: &mut Vec<StaticFile>) {
    let Ok(resources) = crate::generator::walk::bundle_resources(bundle) else {
        return;
    };
    let published = |name: &str| {
        name.rsplit_once('.').is_some_and(|(_, extension)| {
            BUNDLE_PUBLISHED.contains(&extension.to_ascii_lowercase().as_str())
        })
    };
    for (relative, source) in resources.into_iter().filter(|(name, _)| published(name)) {
        let path = format!("{route_folder}/{relative}");
        if !files.iter().any(|file| file.path == path) {
            files.push(StaticFile { path, source });
        }
    }
}

/// Reads `image`: a site path or an http(s) URL, else an error at its line.
pub(crate) fn social_image(fields: &Fields<'_>, diagnostics: &mut Vec<Diagnostic>) -> SocialImage {
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
            alt: None,
        };
    }
    let alt = post::image_alt(fields);
    SocialImage {
        alt,
        ..site_image_at(value, line)
    }
}

fn site_image_at(value: Option<String>, line: usize) -> SocialImage {
    let site_image = value
        .as_ref()
        .filter(|image| image.starts_with('/') && !image.starts_with("//"))
        .map(|image| SitePath {
            path: image.clone(),
            line,
        });
    SocialImage {
        value,
        site_image,
        alt: None,
    }
}

/// A foreign post's cover image, by whichever key its generator or theme uses: a URL, a site
/// path, or a file beside the post (a bundle's `cover.jpg`, Astro's `../../assets/hero.jpg`),
/// which is published with it. A bundle's `cover.*` or `feature*` file is its cover when none
/// is named. What is none of these is left out with a warning, as the generator's theme would
/// show nothing.
pub(crate) fn cover_image(
    fields: &Fields<'_>,
    local: &LocalFiles<'_>,
    published: &mut Vec<StaticFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> SocialImage {
    let named = post::cover_image(fields).or_else(|| bundle_cover(local));
    let Some((written, key)) = named else {
        return site_image_at(None, 1);
    };
    let line = fields
        .front_matter
        .line_of(key.split('.').next().unwrap_or(key));
    let alt = post::image_alt(fields);
    let with_alt = |image: SocialImage| SocialImage {
        alt: alt.clone(),
        ..image
    };
    if is_image_reference(&written) {
        return with_alt(site_image_at(Some(written), line));
    }
    if let Some((path, source)) = local.resolve(&written) {
        let value = format!("/{path}");
        if !published.iter().any(|file| file.path == path) {
            published.push(StaticFile { path, source });
        }
        return with_alt(site_image_at(Some(value), line));
    }
    let in_static = format!("/{}", written.trim_start_matches("./"));
    if is_image_reference(&in_static) && !written.starts_with("..") {
        // Hugo and Jekyll read a bare name from the site's static folder.
        return with_alt(site_image_at(Some(in_static), line));
    }
    diagnostics.push(fields.warning(
        key,
        format!("the cover image {written:?} names no file beside the post or in the site's static folder; left out"),
    ));
    site_image_at(None, line)
}

/// A bundle's file named like a cover (`cover.jpg`, `featured.png`), as Hugo themes find them.
fn bundle_cover(local: &LocalFiles<'_>) -> Option<(String, &'static str)> {
    let bundle = local.bundle?;
    let resources = crate::generator::walk::bundle_resources(bundle).ok()?;
    resources.into_iter().find_map(|(name, _)| {
        let lower = name.to_ascii_lowercase();
        let is_image = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]
            .iter()
            .any(|extension| lower.ends_with(extension));
        let named_as_cover = ["cover", "feature", "hero", "thumbnail"]
            .iter()
            .any(|prefix| lower.starts_with(prefix));
        (is_image && named_as_cover && !name.contains('/')).then_some((name, "image"))
    })
}

/// Whether a site path can be redirected: plain, no query, fragment, escapes or dot segments.
pub(crate) fn is_plain_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && is_safe_link(path)
        && !path.contains(['?', '#', '%', '\\'])
        && !path.split('/').any(|part| part == "." || part == "..")
}

/// `aliases` (Hugo's name for it; Jekyll's `redirect_from`): the site paths a document was
/// published at before. Each must be a plain site path; a trailing `/` is dropped, as both forms
/// are redirected. Another generator's relative aliases and full URLs are from the site's root.
pub fn aliases(
    fields: &Fields<'_>,
    origin: &Origin,
    old_address: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Alias> {
    let mut kept: Vec<Alias> = Vec::new();
    for key in post::alias_keys(origin) {
        let line = fields.front_matter.line_of(key);
        let written_list = if origin.is_foreign() {
            post::names(fields, key, origin, diagnostics)
        } else {
            fields.text_list(key, diagnostics).unwrap_or_default()
        };
        for written in written_list {
            let paths = if origin.is_foreign() {
                post::alias_paths(&written, origin, old_address)
            } else {
                vec![written.trim().to_owned()]
            };
            for path in paths {
                let path = path.trim_end_matches('/');
                if path.is_empty() && origin.is_foreign() {
                    // An old alias of the home page: the new home page answers there already.
                    continue;
                }
                if !is_plain_path(path) {
                    let message = format!(
                        "alias {written:?} must be a site path such as `/2019/05/old-title/`"
                    );
                    diagnostics.push(if origin.is_foreign() {
                        fields.warning(key, format!("{message}; left out"))
                    } else {
                        fields.error(key, message)
                    });
                } else if !kept.iter().any(|alias| alias.path == path) {
                    kept.push(Alias {
                        path: path.to_owned(),
                        line,
                        old_address: false,
                    });
                }
            }
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
    pub(crate) fn from_parts(item: Option<T>, diagnostics: Vec<Diagnostic>) -> Self {
        let item = item.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
        Self { item, diagnostics }
    }
}

/// An article of Quire's own layout.
pub fn compile(path: &Path, bytes: &[u8], site: &Site) -> Compiled<Article> {
    let source = SourceFile {
        path: path.to_path_buf(),
        origin: Origin::quire(String::new()),
    };
    compile_from(&source, bytes, site, &SiteFolders::quire())
}

/// An article of any generator's site, whose root is `root`.
pub fn compile_from(
    source: &SourceFile,
    bytes: &[u8],
    site: &Site,
    folders: &SiteFolders<'_>,
) -> Compiled<Article> {
    let mut diagnostics = Vec::new();
    let article = compile_inner(source, bytes, site, folders, &mut diagnostics);
    Compiled::from_parts(article, diagnostics)
}

/// The keys a file of `origin` may write without a warning.
pub(crate) fn is_known_key(origin: &Origin, known: &[&str], key: &str) -> bool {
    let documented = origin.generator.documented_keys();
    known.contains(&key)
        || origin.declared_keys.iter().any(|declared| declared == key)
        || if origin.generator == Generator::Hugo {
            // Hugo reads front-matter keys in any case.
            documented
                .iter()
                .any(|known| known.eq_ignore_ascii_case(key))
        } else {
            documented.contains(&key)
        }
}

/// When an article was written and may be shown.
struct Dates {
    date: Option<Timestamp>,
    publish: Option<Date>,
    updated: Option<Date>,
    expiry: Option<Date>,
}

/// The keys that say when an article may first be shown, in the order they are looked for.
const PUBLISH_DATE_KEYS: &[&str] = &[
    "publishDate",
    "publish_date",
    "pubDate",
    "publishdate",
    // Astro themes' own names (AstroPaper's `pubDatetime`, and others').
    "pubDatetime",
    "publishedAt",
    "published_at",
    "date_published",
    "datePublished",
];

/// The keys that say when an article was last changed, in the order they are looked for.
const UPDATED_DATE_KEYS: &[&str] = &[
    "updated",
    "lastmod",
    "updatedDate",
    "last_modified_at",
    "lastMod",
    "modified",
    "modDatetime",
    "updatedAt",
    "updated_at",
    "date_updated",
    "dateModified",
];

/// The keys that say when an article stops being shown (Hugo's), in the order they are looked for.
const EXPIRY_DATE_KEYS: &[&str] = &["expiryDate", "expirydate", "expiry_date", "unpublishdate"];

/// Every date an article's front matter writes (or, wanting its `date`, its place implies).
fn read_dates(fields: &Fields<'_>, origin: &Origin, diagnostics: &mut Vec<Diagnostic>) -> Dates {
    let publish = post::first_timestamp(fields, origin, PUBLISH_DATE_KEYS, diagnostics);
    let updated =
        post::first_timestamp(fields, origin, UPDATED_DATE_KEYS, diagnostics).map(|(date, _)| date);
    let expiry =
        post::first_timestamp(fields, origin, EXPIRY_DATE_KEYS, diagnostics).map(|(date, _)| date);
    let date = read_date(fields, origin, publish, updated, diagnostics);
    Dates {
        date,
        publish: publish.map(|(date, _)| date),
        updated,
        expiry,
    }
}

/// The article's `date`, else the first of its `publish` date and the date its file name or
/// path holds; `None` when one is written but unreadable, whose error is reported.
fn read_date(
    fields: &Fields<'_>,
    origin: &Origin,
    publish: Option<Timestamp>,
    updated: Option<Date>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Timestamp> {
    let reported = diagnostics.len();
    match post::first_timestamp(fields, origin, &["date"], diagnostics) {
        Some(stamp) => Some(stamp),
        // Jekyll reads dates with Ruby's parser, which takes a day first (`11-9-2017`).
        None if origin.generator == Generator::Jekyll
            && let Some(date) = post::lookup_text(fields, "date")
                .and_then(|written| post::day_first_date(&written)) =>
        {
            diagnostics.truncate(reported);
            Some((date, None))
        }
        // Written but unreadable: the error is reported.
        None if post::is_written(fields, origin, "date") => None,
        None => publish
            .or_else(|| {
                let written_path = post::lookup_text(fields, "path");
                post::date_from_place(origin, written_path.as_deref()).map(|d| (d, None))
            })
            .or_else(|| date_of_last_change(fields, origin, updated, diagnostics)),
    }
}

/// For a post that gives no date anywhere: on another generator's site, its `updated` date or
/// else its file's, with a warning; on Quire's own, none, and `date` is missing.
fn date_of_last_change(
    fields: &Fields<'_>,
    origin: &Origin,
    updated: Option<Date>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Timestamp> {
    if !origin.is_foreign() {
        diagnostics.push(fields.missing("date"));
        return None;
    }
    let date = updated.or_else(|| post::modified_date(fields.path));
    // Jekyll dates its drafts so, by design.
    if !origin.is_in_folder("_drafts") {
        diagnostics.push(fields.warning(
            "date",
            "the post gives no date anywhere (front matter, file name or path); dated by its last change",
        ));
    }
    date.map(|date| (date, None))
}

/// The categories a Quire document names: `category`, else the list `categories`.
pub(crate) fn written_categories(
    fields: &Fields<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    if fields.has("category") {
        fields.text("category", diagnostics).into_iter().collect()
    } else if fields.has("categories") {
        fields
            .text_list("categories", diagnostics)
            .unwrap_or_default()
    } else {
        Vec::new()
    }
}

/// Category (the first named; the rest become tags) and tags.
fn read_taxonomies(
    fields: &Fields<'_>,
    origin: &Origin,
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Option<CategoryName>>, Vec<String>, Vec<String>) {
    let (categories, written_tags) = if origin.is_foreign() {
        post::taxonomies(fields, origin, diagnostics)
    } else {
        (written_categories(fields, diagnostics), Vec::new())
    };
    let category = resolve_category(fields, &categories, site, diagnostics);
    let mut tags = if origin.is_foreign() {
        tag_list(fields, "tags", written_tags, Naming::AnyName, diagnostics)
    } else {
        tag_names(fields, "tags", diagnostics)
    };
    for extra in categories.iter().skip(1) {
        if !tags.iter().any(|tag| name_slug(tag) == name_slug(extra)) {
            tags.push(extra.clone());
        }
    }
    (category, tags, categories)
}

/// What an article's front matter says, each key read by the rules of its generator.
struct Written {
    title: Option<String>,
    dates: Dates,
    category: Option<Option<CategoryName>>,
    tags: Vec<String>,
    /// Every category as written, the first included, for the old site's addresses.
    categories: Vec<String>,
    authors: Vec<String>,
    slug: String,
    featured: bool,
    draft: bool,
    summary: Option<String>,
}

impl Written {
    /// Reads the front matter of an article whose body is `body`; a problem with a key is
    /// reported and leaves it out.
    fn read(
        fields: &Fields<'_>,
        origin: &Origin,
        site: &Site,
        body: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let title = title_of(fields, origin, body, diagnostics);
        let dates = read_dates(fields, origin, diagnostics);
        let (category, tags, categories) = read_taxonomies(fields, origin, site, diagnostics);
        let mut authors = author_names(fields, origin, diagnostics);
        if authors.is_empty() {
            authors.clone_from(&site.default_authors);
        }
        let slug = article_slug(fields, origin, diagnostics);
        let featured = flag(fields, origin, "featured", diagnostics);
        let draft = is_draft(fields, origin, diagnostics);
        let summary = ["summary", "description", "excerpt"]
            .iter()
            .find_map(|key| fields.text(key, diagnostics))
            .map(|summary| summary.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|summary| !summary.is_empty());
        Self {
            title,
            dates,
            category,
            tags,
            categories,
            authors,
            slug,
            featured,
            draft,
            summary,
        }
    }

    /// Where the old site published the article, by its generator's rules; none without a title.
    fn old_address(&self, fields: &Fields<'_>, origin: &Origin) -> Option<String> {
        self.title.as_deref().and_then(|title| {
            let day = self
                .dates
                .date
                .map(|stamp| post::address_day(origin, stamp));
            old_address_of(fields, origin, title, day, &self.categories, true)
        })
    }
}

fn compile_inner(
    file: &SourceFile,
    bytes: &[u8],
    site: &Site,
    folders: &SiteFolders<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let path = file.path.as_path();
    let origin = &file.origin;
    let source = read_source(
        path,
        bytes,
        &|key| is_known_key(origin, KNOWN_KEYS, key),
        origin,
        diagnostics,
    )?;
    let fields = Fields {
        path,
        front_matter: &source.front_matter,
    };
    let written = Written::read(&fields, origin, site, &source.body, diagnostics);
    let old_address = written.old_address(&fields, origin);
    let route = quire_model::routes::article(&written.slug);
    let place = Placed::new(&fields, origin, folders, &route, old_address.as_deref());
    let aliases = aliases(&fields, origin, old_address.as_deref(), diagnostics);
    let (mut rendered, mut paths, image, local_files) = place.render(&source, diagnostics);
    let words = rendered.word_count;
    if rendered.plain_text.is_empty() {
        diagnostics.push(Diagnostic::warning(
            path,
            source.body_first_line,
            "the article has no body",
        ));
    }
    let (summary, own_summary) = summary_of(written.summary, &rendered.first_paragraph);
    let (title, (date, time), category) = (written.title?, written.dates.date?, written.category?);
    Some(Article {
        slug: written.slug,
        title,
        summary,
        own_summary,
        publish_date: publish_date(written.dates.publish, date, origin),
        expiry_date: written.dates.expiry,
        date,
        time,
        updated: written.dates.updated,
        category,
        tags: written.tags,
        tags_line: fields.front_matter.line_of("tags"),
        authors: written.authors,
        featured: written.featured,
        draft: written.draft,
        body: paths.take_body(&mut rendered, aliases, image),
        word_count: words,
        reading_minutes: reading_minutes(words),
        text: rendered.plain_text.into(),
        old_address,
        local_files,
        templates: paths.templates,
    })
}

/// The summary an article shows, and whether it is the author's own: the `written` one, else
/// the opening of its first paragraph.
fn summary_of(written: Option<String>, first_paragraph: &str) -> (String, bool) {
    // Written out as the first paragraph, it is no standfirst either.
    let own_summary = written
        .as_ref()
        .is_some_and(|summary| summary != first_paragraph);
    let summary = written.unwrap_or_else(|| truncate_at_word(first_paragraph, SUMMARY_LENGTH));
    (summary, own_summary)
}

/// The day an article dated `date` may first be shown: its written `publish` date where it
/// is later, and on another generator's site (Hugo shows a post from its `publishDate` when one
/// is written, whatever its `date`) wherever it is.
fn publish_date(publish: Option<Date>, date: Date, origin: &Origin) -> Date {
    match publish {
        Some(publish) if origin.is_foreign() => publish,
        publish => publish.map_or(date, |publish| publish.max(date)),
    }
}

/// The written title; on another generator's site, a blank or missing one comes from the
/// first heading or the file name, as the generator's themes show it.
pub(crate) fn title_of(
    fields: &Fields<'_>,
    origin: &Origin,
    body: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    if !origin.is_foreign() {
        return fields.required_text("title", diagnostics);
    }
    fields
        .text("title", diagnostics)
        .map(|title| title.trim().to_owned())
        .filter(|title| !title.is_empty())
        .or_else(|| post::fallback_title(origin, body))
        .or_else(|| {
            diagnostics.push(fields.missing("title"));
            None
        })
}

/// Where the old site published a file, by its generator's rules and what the file writes.
pub(crate) fn old_address_of(
    fields: &Fields<'_>,
    origin: &Origin,
    title: &str,
    date: Option<Date>,
    categories: &[String],
    is_post: bool,
) -> Option<String> {
    let url_key = match origin.generator {
        Generator::Hugo => "url",
        Generator::Jekyll => "permalink",
        Generator::Zola => "path",
        Generator::Quire | Generator::Astro => {
            return permalink::old_address(
                origin,
                &Facts {
                    slug: post::lookup_text(fields, "slug").as_deref(),
                    title,
                    date,
                    is_post,
                    ..Facts::default()
                },
            );
        }
    };
    let slug = post::lookup_text(fields, "slug");
    let url = post::lookup_text(fields, url_key);
    permalink::old_address(
        origin,
        &Facts {
            slug: slug.as_deref(),
            url: url.as_deref(),
            title,
            date,
            categories,
            is_post,
        },
    )
}

/// Drafts: `draft: true`, Jekyll's `published: false` and its `_drafts/` folder.
pub(crate) fn is_draft(
    fields: &Fields<'_>,
    origin: &Origin,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let unpublished = origin.is_foreign()
        && matches!(
            fields.front_matter.fields.get("published"),
            Some(crate::read::front_matter::Value::Bool(false))
        );
    let in_drafts = origin.generator == Generator::Jekyll && origin.is_in_folder("_drafts");
    flag(fields, origin, "draft", diagnostics) || unpublished || in_drafts
}

/// A true/false field; another generator's site may also write it as text (`"true"`), which
/// its generator reads as the flag.
fn flag(
    fields: &Fields<'_>,
    origin: &Origin,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if origin.is_foreign()
        && let Some(crate::read::front_matter::Value::Text(text)) =
            fields.front_matter.fields.get(key)
    {
        return text.trim().eq_ignore_ascii_case("true");
    }
    fields.flag(key, diagnostics)
}

/// The article's slug: written, else its file's (or bundle folder's) name without a date.
fn article_slug(fields: &Fields<'_>, origin: &Origin, diagnostics: &mut Vec<Diagnostic>) -> String {
    let stem = if origin.is_foreign() {
        origin.content_name().to_owned()
    } else {
        fields
            .path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default()
            .to_owned()
    };
    let (_, undated) = match origin.generator {
        Generator::Zola => permalink::split_zola_date(&stem),
        _ => split_jekyll_stem(&stem),
    };
    document_slug(fields, origin, undated, diagnostics)
}

/// A document's slug: the written `slug`, else `stem`'s. Another generator publishes a name of
/// no ASCII letter or digit (`日本語.md`, `slug: 日本語`) too: a name made from the file's path
/// stands in for it.
pub(crate) fn document_slug(
    fields: &Fields<'_>,
    origin: &Origin,
    stem: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    if !origin.is_foreign() {
        return slug_of(fields, stem, diagnostics);
    }
    let written = fields.text("slug", diagnostics);
    let slug = slugify(written.as_deref().unwrap_or(stem));
    if !slug.is_empty() {
        return slug;
    }
    let hash = xxhash_rust::xxh3::xxh3_64(origin.relative.as_bytes());
    format!("post-{:08x}", hash >> 32)
}

/// The written `slug`, else the file name's; an error when neither has letters or digits.
pub(crate) fn slug_of(
    fields: &Fields<'_>,
    stem: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
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

/// The article's one category: the first of those written. A site whose categories are its
/// articles' own takes any name; a site that declares its categories takes only those. `None`
/// inside means no category, which is allowed; the outer `None` is an error already reported.
pub(crate) fn resolve_category(
    fields: &Fields<'_>,
    written: &[String],
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Option<CategoryName>> {
    let Some(first) = written
        .iter()
        .map(|name| name.trim())
        .find(|name| !name.is_empty())
    else {
        return Some(None);
    };
    if let Some(category) = site.resolve_category(first) {
        return Some(Some(CategoryName {
            name: category.name.clone(),
            slug: category.slug.clone(),
        }));
    }
    let key = if fields.has("category") {
        "category"
    } else {
        "categories"
    };
    if site.open_categories {
        let slug = name_slug(first);
        let name = first.split_whitespace().collect::<Vec<_>>().join(" ");
        return Some(Some(CategoryName { name, slug }));
    }
    diagnostics.push(fields.error(
        key,
        format!(
            "unknown category {first:?}; declared in site.toml: {}",
            site.declared_category_names()
        ),
    ));
    None
}

/// The names in `authors` or `author` (Hugo and Jekyll use the first, Astro and Eleventy often
/// the second; either takes one name or a list, another generator's also `{name: …}` maps),
/// whitespace collapsed, each once. In Quire's layout a blank name is an error at its line, and
/// so is giving both keys; another generator's site takes `authors` then.
pub(crate) fn author_names(
    fields: &Fields<'_>,
    origin: &Origin,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    if fields.has("author") && fields.has("authors") && !origin.is_foreign() {
        diagnostics
            .push(fields.error("authors", "both `author` and `authors` are given: keep one"));
        return Vec::new();
    }
    let key = if fields.has("authors") {
        "authors"
    } else {
        "author"
    };
    let written = if origin.is_foreign() {
        // Hugo 0.123 keeps a post's own fields under `params`; Zola sites often name authors
        // as a taxonomy.
        ["params.authors", "params.author", "taxonomies.authors"]
            .iter()
            .fold(
                person_names(fields.front_matter.fields.get(key)),
                |named, fallback| {
                    if named.is_empty() {
                        person_names(post::lookup(fields, fallback))
                    } else {
                        named
                    }
                },
            )
    } else {
        fields.text_list(key, diagnostics).unwrap_or_default()
    };
    let mut names: Vec<String> = Vec::new();
    for name in written {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            if !origin.is_foreign() {
                diagnostics.push(fields.error(key, format!("`{key}` names a blank author")));
            }
        } else if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Names from a person value: text, a `{name: …}` map, or a list of either.
fn person_names(value: Option<&crate::read::front_matter::Value>) -> Vec<String> {
    use crate::read::front_matter::Value;
    match value {
        Some(Value::Text(name)) => vec![name.clone()],
        Some(Value::Map(map)) => match map.get("name") {
            Some(Value::Text(name)) => vec![name.clone()],
            _ => Vec::new(),
        },
        Some(Value::List(items)) => items
            .iter()
            .flat_map(|item| person_names(Some(item)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Tag display names from `key`, trimmed, duplicates by slug removed (with a warning when the
/// dropped one is spelled differently, not just in another case: `C` and `C++` are one tag).
pub(crate) fn tag_names(
    fields: &Fields<'_>,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let written = fields.text_list(key, diagnostics).unwrap_or_default();
    tag_list(fields, key, written, Naming::AsciiOnly, diagnostics)
}

/// Which names a site gives an address of their own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    /// Quire's own layout: a name needs an ASCII letter or digit, or it is an error.
    AsciiOnly,
    /// Another generator's site, which takes any name: one of no ASCII letter is addressed by
    /// its hash ([`name_slug`]).
    AnyName,
}

/// The slug of a tag or category name: [`slugify`]'s, or for a name with no ASCII letter or
/// digit (`程序员`), one made from its hash, so that it still has an address of its own.
pub(crate) fn name_slug(name: &str) -> String {
    let slug = slugify(name);
    if !slug.is_empty() {
        return slug;
    }
    let folded = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    format!(
        "n{:08x}",
        xxhash_rust::xxh3::xxh3_64(folded.as_bytes()) >> 32
    )
}

/// [`tag_names`] of names already read.
pub(crate) fn tag_list(
    fields: &Fields<'_>,
    key: &str,
    written: Vec<String>,
    naming: Naming,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    let mut kept = Vec::<String>::new();
    for tag in written {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() {
            continue;
        }
        let slug = match naming {
            Naming::AsciiOnly => slugify(&tag),
            Naming::AnyName => name_slug(&tag),
        };
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
pub(crate) fn same_spelling(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// `kept_at` says where `kept` is written when that is another file.
pub(crate) fn merged_tags_message(kept: &str, kept_at: &str, merged: &str, slug: &str) -> String {
    format!(
        "tags {kept:?}{kept_at} and {merged:?} are one tag: both make the slug `{slug}` \
         (/tag/{slug}); spell them alike, or rename one if they are different things"
    )
}
