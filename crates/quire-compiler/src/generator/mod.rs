//! A site written for Quire or for another generator (Hugo, Jekyll, Zola, Astro), read as it is:
//! which generator it is, what its config says, and where its posts, pages and files are.
//!
//! Everything here only finds and names things; the posts themselves are compiled by `article`
//! and `document`, which read each file by its generator's rules through [`Origin`].

mod astro;
mod config;
mod hugo;
mod jekyll;
pub mod keys;
pub mod migrate;
pub mod permalink;
pub mod post;
pub mod walk;
mod zola;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::read::site_config::{self, Site};
use crate::template::TemplateSite;

/// Which generator's rules a content file is read by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Generator {
    Quire,
    Hugo,
    Jekyll,
    Zola,
    Astro,
}

impl Generator {
    pub fn name(self) -> &'static str {
        match self {
            Self::Quire => "Quire",
            Self::Hugo => "Hugo",
            Self::Jekyll => "Jekyll",
            Self::Zola => "Zola",
            Self::Astro => "Astro",
        }
    }

    /// The front-matter keys the generator documents: read or deliberately ignored, never
    /// warned about.
    pub fn documented_keys(self) -> &'static [&'static str] {
        match self {
            Self::Quire => &[],
            Self::Hugo => keys::HUGO,
            Self::Jekyll => keys::JEKYLL,
            Self::Zola => keys::ZOLA,
            Self::Astro => keys::ASTRO,
        }
    }
}

/// What a content file's generator says about it beyond its own text.
#[derive(Clone, Debug)]
pub struct Origin {
    pub generator: Generator,
    /// The file's path under the generator's content folder, `/`-separated
    /// (`posts/2024/nested.md`, `_posts/2023-01-29-x.md`, `blog/series/part-one.mdx`).
    pub relative: String,
    /// The folder of a page bundle (`post/index.md` with its images): every other file in it is
    /// published with the post.
    pub bundle: Option<PathBuf>,
    /// The old site's rule for this file's address, from its config.
    pub permalink: Option<String>,
    /// The address prefix of the file's collection on the old site (Astro's `/blog`).
    pub route_prefix: Option<String>,
    /// Hugo lowercases addresses unless `disablePathToLower` is set.
    pub lowercase_paths: bool,
    /// Jekyll without a `timezone` puts a post under its day in the build machine's zone: UTC
    /// on GitHub Pages, so a post written at 18:30 -0800 has the next day in its address.
    pub address_days_in_utc: bool,
    /// Front-matter keys the site declares itself (an Astro collection's schema): known, so
    /// never warned about.
    pub declared_keys: std::sync::Arc<Vec<String>>,
    /// The language the file's name ends with (`post.en.md`), one the site's config declares.
    pub language_suffix: Option<String>,
    /// Hugo's `uglyURLs`: a page's address is `/posts/x.html`, not `/posts/x/`.
    pub ugly_urls: bool,
}

impl Origin {
    /// A file of `generator`'s site at `relative`, by the generator's default rules.
    pub fn new(generator: Generator, relative: String) -> Self {
        Self {
            generator,
            relative,
            bundle: None,
            permalink: None,
            route_prefix: None,
            lowercase_paths: false,
            address_days_in_utc: false,
            declared_keys: std::sync::Arc::default(),
            language_suffix: None,
            ugly_urls: false,
        }
    }

    /// A file of Quire's own layout.
    pub fn quire(relative: String) -> Self {
        Self::new(Generator::Quire, relative)
    }

    /// The keys Hugo reads in any case, as Quire spells them; `None` for generators whose keys
    /// are case-sensitive.
    pub fn canonical_keys(&self) -> Option<&'static [&'static str]> {
        (self.generator == Generator::Hugo).then_some(keys::HUGO_READ)
    }

    /// Hugo publishes a markdown file without front matter (titled by its name or heading), and
    /// Jekyll any post in `_posts` named by its date.
    pub fn front_matter_is_optional(&self) -> bool {
        match self.generator {
            Generator::Hugo => true,
            Generator::Jekyll => self.is_in_folder("_posts"),
            _ => false,
        }
    }

    pub fn is_foreign(&self) -> bool {
        self.generator != Generator::Quire
    }

    /// The name a post is known by when it writes none: a bundle's folder name, else the file
    /// name without its extension (and without a language suffix).
    pub fn content_name(&self) -> &str {
        let mut parts = self.relative.rsplit('/');
        let file = parts.next().unwrap_or_default();
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let stem = match &self.language_suffix {
            Some(code) => stem
                .strip_suffix(code.as_str())
                .and_then(|name| name.strip_suffix('.'))
                .unwrap_or(stem),
            None => stem,
        };
        // A folder's own page (a bundle's `index.md`, a section's `_index.md`, Jekyll's
        // `docs/index.md`) goes by the folder's name.
        if stem == "index" || stem == "_index" {
            parts.next().unwrap_or(stem)
        } else {
            stem
        }
    }

    /// Whether one of the folders the file is in is named `name` (`_drafts`, `_posts`).
    pub fn is_in_folder(&self, name: &str) -> bool {
        self.folders().contains(&name)
    }

    /// The folders between the content folder and the file (a bundle's own folder excluded).
    pub fn folders(&self) -> Vec<&str> {
        let mut parts: Vec<&str> = self.relative.split('/').collect();
        parts.pop();
        if self.bundle.is_some() || self.is_folder_page() {
            parts.pop();
        }
        parts
    }

    /// A section's own page (`_index.md`), or a folder's `index.md` that is not a bundle.
    fn is_folder_page(&self) -> bool {
        let file = self.relative.rsplit('/').next().unwrap_or_default();
        let stem = file.split('.').next().unwrap_or_default();
        (stem == "_index" || stem == "index") && self.relative.contains('/')
    }
}

/// The language a file's name ends with (`post.fr.md`, `index.pt-br.md`), when it is one of
/// `languages` (the site's configured ones, lower case): the rule Hugo and Zola both follow.
/// A name's own dots (`node.js.md`, `bootstrap-4.6.0.md`) are no language.
pub fn language_suffix(name: &str, languages: &BTreeSet<String>) -> Option<String> {
    let stem = name.rsplit_once('.')?.0;
    let (_, code) = stem.rsplit_once('.')?;
    let code = code.to_lowercase();
    languages.contains(&code).then_some(code)
}

/// The folders a document's relative files may come from.
#[derive(Clone, Copy)]
pub struct SiteFolders<'a> {
    /// The site's root: nothing outside it is published.
    pub root: &'a Path,
    /// Its static folders (`static/`, `public/`).
    pub static_dirs: &'a [PathBuf],
    /// What its generator renders in a post's body.
    pub templates: &'a TemplateSite,
}

static QUIRE_TEMPLATES: std::sync::LazyLock<TemplateSite> =
    std::sync::LazyLock::new(TemplateSite::quire);

impl SiteFolders<'static> {
    /// Quire's own layout names every file from the site's root.
    pub fn quire() -> Self {
        Self {
            root: Path::new(""),
            static_dirs: &[],
            templates: &QUIRE_TEMPLATES,
        }
    }
}

/// One content file to compile, and where it came from.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub origin: Origin,
}

/// Why a file was not published, for the migration summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOut {
    /// `post.fr.md` or a language folder: multilingual sites are out of scope.
    Translation,
    /// `_index.md`: a section's own page; Quire draws its listings itself.
    SectionPage,
    /// The old site's home page (`index.md`): Quire draws its own.
    HomePage,
    /// A page whose address one of Quire's own routes takes (`/search`, `/tags`).
    BuiltInRoute,
    /// A markdown file without front matter, which the generator copies as it is.
    NoFrontMatter,
    /// A Jekyll post whose file name does not start with its date, which Jekyll skips.
    UndatedPostName,
    /// A post past its `expiryDate`.
    Expired,
    /// An Astro page written as a component (`about.astro`): code, not content.
    ComponentPage,
    /// A Jekyll page written in HTML with front matter: a layout's markup, not markdown.
    HtmlPage,
    /// An entry of an Astro collection other than the blog's (`authors`, `docs`).
    OtherCollection,
}

impl LeftOut {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Translation => {
                "translation(s) (multilingual sites are not supported yet; the default language is published)"
            }
            Self::SectionPage => "section page(s) (_index.md: Quire draws its own listings)",
            Self::HomePage => "home page(s) (Quire draws its own)",
            Self::BuiltInRoute => {
                "page(s) at one of Quire's own routes (/search, /tags, ...), which replace them"
            }
            Self::NoFrontMatter => "markdown file(s) without front matter, copied as they are",
            Self::UndatedPostName => {
                "post(s) in _posts whose file names do not start with a date, which Jekyll does not publish"
            }
            Self::Expired => "expired post(s) (expiryDate has passed)",
            Self::OtherCollection => {
                "entries of Astro collections other than the blog's (authors, docs, …)"
            }
            Self::HtmlPage => {
                "HTML page(s) with front matter at the site's top (Liquid templates, not markdown; write them in markdown to keep them)"
            }
            Self::ComponentPage => {
                "Astro component page(s) (.astro): code, not markdown; write them as pages in markdown to keep them"
            }
        }
    }
}

/// A site as Quire reads it: its settings, its content files and the files it serves as they are.
pub struct Layout {
    pub generator: Generator,
    pub root: PathBuf,
    /// The file the settings came from (`site.toml`, `hugo.toml`, `_config.yml`, ...).
    pub config_path: PathBuf,
    pub site: Site,
    pub articles: Vec<SourceFile>,
    pub pages: Vec<SourceFile>,
    pub case_studies: Vec<SourceFile>,
    /// Folders whose files are served at the site's root as they are (`static/`, `public/`).
    pub static_dirs: Vec<PathBuf>,
    /// Single files served as they are, with their site paths (Jekyll's `assets/…`).
    pub static_files: Vec<(String, PathBuf)>,
    /// Sections found (Hugo and Zola `_index.md`, Astro collections).
    pub sections: usize,
    pub left_out: BTreeMap<LeftOut, usize>,
    /// The site config's settings for drafts and future posts, when it has any.
    pub build_drafts: bool,
    pub build_future: bool,
    pub build_expired: bool,
    /// Problems with the config itself.
    pub diagnostics: Vec<Diagnostic>,
    /// What the generator renders in a post's body: its template syntax, its math.
    pub templates: TemplateSite,
    /// Where a post's references to other posts (Hugo's `ref`, Zola's `@/`, Jekyll's `link`)
    /// are read from.
    pub reference_root: Option<PathBuf>,
}

impl Layout {
    fn new(generator: Generator, root: &Path, config_path: PathBuf, site: Site) -> Self {
        Self {
            generator,
            root: root.to_path_buf(),
            config_path,
            site,
            articles: Vec::new(),
            pages: Vec::new(),
            case_studies: Vec::new(),
            static_dirs: Vec::new(),
            static_files: Vec::new(),
            sections: 0,
            left_out: BTreeMap::new(),
            build_drafts: false,
            build_future: false,
            build_expired: false,
            diagnostics: Vec::new(),
            templates: TemplateSite::plain(generator),
            reference_root: None,
        }
    }

    fn leave_out(&mut self, reason: LeftOut) {
        *self.left_out.entry(reason).or_default() += 1;
    }
}

/// Which generator a site folder was written for, by its config file.
pub fn detect(root: &Path) -> Generator {
    let has = |name: &str| root.join(name).is_file();
    if has("site.toml") && root.join("articles").is_dir() {
        return Generator::Quire;
    }
    if [
        "astro.config.mjs",
        "astro.config.js",
        "astro.config.ts",
        "astro.config.mts",
        "astro.config.cjs",
    ]
    .iter()
    .any(|name| has(name))
    {
        return Generator::Astro;
    }
    if has("_config.yml") || has("_config.yaml") || has("_config.toml") {
        return Generator::Jekyll;
    }
    if hugo::config_file(root).is_some() {
        return Generator::Hugo;
    }
    if (has("zola.toml") || has("config.toml")) && root.join("content").is_dir() {
        return Generator::Zola;
    }
    Generator::Quire
}

/// Reads the site at `root`: its settings and where every file is.
pub fn read(root: &Path) -> Result<Layout, BuildError> {
    let mut layout = match detect(root) {
        Generator::Quire => return quire_layout(root),
        Generator::Hugo => hugo::read(root)?,
        Generator::Jekyll => jekyll::read(root)?,
        Generator::Zola => zola::read(root)?,
        Generator::Astro => astro::read(root)?,
    };
    // A site.toml beside the generator's config adds what only Quire has.
    let beside = root.join("site.toml");
    if beside.is_file() {
        let text = std::fs::read_to_string(&beside).map_err(BuildError::io(&beside))?;
        let found = layout.site.clone();
        let default_authors = found.default_authors.clone();
        match site_config::parse_over(&beside, &text, Some(found)) {
            Ok(mut site) => {
                site.default_authors = default_authors;
                layout.site = site;
            }
            Err(problems) => layout.diagnostics.extend(problems),
        }
    }
    for list in [&mut layout.articles, &mut layout.pages] {
        list.sort_by(|a, b| a.path.cmp(&b.path));
    }
    leave_out_built_in_pages(&mut layout);
    Ok(layout)
}

/// A page at one of the app's own routes (a theme's `search.md` or `tags.md`) gives way to it:
/// Quire draws its own search, tags and archive pages.
fn leave_out_built_in_pages(layout: &mut Layout) {
    let before = layout.pages.len();
    layout.pages.retain(|page| {
        let slug = quire_model::slugify(page.origin.content_name());
        !crate::read::document::RESERVED_PAGE_SLUGS.contains(&slug.as_str())
    });
    for _ in layout.pages.len()..before {
        layout.leave_out(LeftOut::BuiltInRoute);
    }
}

/// Quire's own layout: `site.toml`, `articles/`, `pages/`, `case-studies/`, `static/`.
fn quire_layout(root: &Path) -> Result<Layout, BuildError> {
    let config_path = root.join("site.toml");
    let text = std::fs::read_to_string(&config_path).map_err(BuildError::io(&config_path))?;
    let site = site_config::parse(&config_path, &text).map_err(BuildError::Content)?;
    let mut layout = Layout::new(Generator::Quire, root, config_path, site);
    let files = |folder: &str| -> Result<Vec<SourceFile>, BuildError> {
        let dir = root.join(folder);
        Ok(walk::markdown_files(&dir)?
            .into_iter()
            .map(|path| {
                let origin = Origin::quire(walk::relative(root, &path));
                SourceFile { path, origin }
            })
            .collect())
    };
    layout.articles = files("articles")?;
    layout.pages = files("pages")?;
    layout.case_studies = files("case-studies")?;
    layout.static_dirs.push(root.join("static"));
    Ok(layout)
}

/// The summary printed after every build of another generator's site.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Migration {
    pub generator: Option<Generator>,
    pub posts: usize,
    pub pages: usize,
    pub sections: usize,
    pub redirects: usize,
    /// Of the redirects, those from the addresses the old site gave its posts and pages.
    pub old_addresses: usize,
    /// Of the redirects, those from the old site's listing pages (sections, tags, categories).
    pub listing_redirects: usize,
    /// The path the old site was served under (`/v2/`), when its config names one.
    pub old_base_path: Option<String>,
    pub images: usize,
    pub expired: usize,
    /// What was not published, and why.
    pub left_out: Vec<(String, usize)>,
    /// Shortcodes, tags and components rendered, by name, with how many of each.
    pub templates_rendered: Vec<(String, usize)>,
    /// Each left unrendered, by name, with where it is first used (`file:line`) and why.
    pub templates_unrendered: Vec<(String, String, crate::template::Why)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_name_keeps_its_dots_but_not_its_language() {
        let name = |relative: &str, bundle: bool| {
            let languages: BTreeSet<String> = ["en".to_owned(), "pt-br".to_owned()].into();
            let mut origin = Origin::quire(relative.to_owned());
            origin.bundle = bundle.then(|| PathBuf::from("x"));
            origin.language_suffix = language_suffix(relative, &languages);
            origin.content_name().to_owned()
        };
        assert_eq!(name("content/Rust-1.0-alpha.md", false), "Rust-1.0-alpha");
        assert_eq!(name("posts/bootstrap-4.6.0.md", false), "bootstrap-4.6.0");
        assert_eq!(name("posts/node.js.md", false), "node.js");
        assert_eq!(name("posts/post.en.md", false), "post");
        assert_eq!(name("posts/x/index.pt-br.md", true), "x");
        assert_eq!(name("posts/x/index.md", true), "x");
    }
}
