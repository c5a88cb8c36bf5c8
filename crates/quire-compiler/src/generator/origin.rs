//! Where a content file comes from: its generator and the rules that generator reads it by.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::keys;

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
    pub(crate) fn documented_keys(self) -> &'static [&'static str] {
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
    pub(crate) fn canonical_keys(&self) -> Option<&'static [&'static str]> {
        (self.generator == Generator::Hugo).then_some(keys::HUGO_READ)
    }

    /// Hugo publishes a markdown file without front matter (titled by its name or heading), and
    /// Jekyll any post in `_posts` named by its date.
    pub(crate) fn front_matter_is_optional(&self) -> bool {
        match self.generator {
            Generator::Hugo => true,
            Generator::Jekyll => self.is_in_folder("_posts"),
            _ => false,
        }
    }

    pub(crate) fn is_foreign(&self) -> bool {
        self.generator != Generator::Quire
    }

    /// The name a post is known by when it writes none: a bundle's folder name, else the file
    /// name without its extension (and without a language suffix).
    pub(crate) fn content_name(&self) -> &str {
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
    pub(crate) fn is_in_folder(&self, name: &str) -> bool {
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
pub(crate) fn language_suffix(name: &str, languages: &BTreeSet<String>) -> Option<String> {
    let stem = name.rsplit_once('.')?.0;
    let (_, code) = stem.rsplit_once('.')?;
    let code = code.to_lowercase();
    languages.contains(&code).then_some(code)
}

/// One content file to compile, and where it came from.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub origin: Origin,
}
