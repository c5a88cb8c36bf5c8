//! A site written for Quire or for another generator (Hugo, Jekyll, Zola, Astro), read as it is:
//! which generator it is, what its config says, and where its posts, pages and files are.
//!
//! Everything here only finds and names things; the posts themselves are compiled by `article`
//! and `document`, which read each file by its generator's rules through [`Origin`].

mod astro;
mod config;
mod hugo;
mod jekyll;
pub(crate) mod keys;
pub(crate) mod migrate;
pub(crate) mod origin;
pub(crate) mod permalink;
pub(crate) mod post;
pub(crate) mod walk;
mod zola;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::read::site_config::{self, Site};
use crate::template::TemplateSite;
pub(crate) use origin::language_suffix;
pub use origin::{Generator, Origin, SourceFile};

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
pub(crate) fn detect(root: &Path) -> Generator {
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
        !quire_model::routes::RESERVED_PAGE_SLUGS.contains(&slug.as_str())
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
    use std::collections::BTreeSet;

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
