//! A Hugo site: `hugo.toml` (or `config.*`, `config/_default/`), `content/**`, `static/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use quire_model::NavLink;

use super::config::{self, Config, Settings};
use super::walk;
use super::{Generator, Layout, LeftOut, Origin, SourceFile};
use crate::error::BuildError;
use crate::markdown::syntax::MathSyntax;
use crate::read::front_matter::Value;
use crate::template::{SiteMath, TemplateSite};

const CONFIG_NAMES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// Keys only Hugo's config has; a `config.toml` without any of them is Zola's.
const HUGO_ONLY_KEYS: &[&str] = &[
    "baseURL",
    "languageCode",
    "theme",
    "params",
    "menu",
    "menus",
    "permalinks",
    "contentDir",
    "defaultContentLanguage",
    "paginate",
    "pagination",
    "markup",
    "outputs",
    "module",
];

/// Sections whose pages are posts whatever their front matter says.
const POST_SECTIONS: &[&str] = &[
    "posts", "post", "blog", "articles", "article", "news", "notes", "writing", "journal", "til",
    "updates", "essays",
];

/// The site's config file, when the folder is a Hugo site.
pub(crate) fn config_file(root: &Path) -> Option<PathBuf> {
    for name in CONFIG_NAMES {
        let path = root.join(name);
        if !path.is_file() {
            continue;
        }
        if name.starts_with("hugo.") || is_hugo_config(&path) {
            return Some(path);
        }
    }
    let defaults = root.join("config/_default");
    CONFIG_NAMES
        .iter()
        .map(|name| defaults.join(name))
        .find(|path| path.is_file())
}

/// A `config.*` is Hugo's when it has a key only Hugo uses (Zola's has `base_url`).
fn is_hugo_config(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let has_key = |key: &str| {
        text.lines().any(|line| {
            let line = line.trim_start().trim_start_matches(['[', '"']);
            line.get(..key.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(key))
                && {
                    let rest = line[key.len()..].trim_start_matches('"').trim_start();
                    rest.starts_with(['=', ':', ']', '.'])
                }
        })
    };
    !has_key("base_url") && (HUGO_ONLY_KEYS.iter().any(|key| has_key(key)) || has_key("title"))
}

pub fn read(root: &Path) -> Result<Layout, BuildError> {
    let path = config_file(root).expect("detected as a Hugo site");
    let mut diagnostics = Vec::new();
    let mut config = Config::read_or_empty(&path, &mut diagnostics)?;
    merge_config_folder(root, &path, &mut config, &mut diagnostics)?;
    let settings = settings(&config);
    let site = config::site_from(settings, "Blog");
    let mut layout = Layout::new(Generator::Hugo, root, path, site);
    layout.diagnostics = diagnostics;
    layout.build_drafts = config.flag("buildDrafts").unwrap_or(false);
    layout.build_future = config.flag("buildFuture").unwrap_or(false);
    layout.build_expired = config.flag("buildExpired").unwrap_or(false);
    // A multilingual site may keep each language's content in a folder of its own.
    let default_language = config
        .text(&["defaultContentLanguage"])
        .unwrap_or_else(|| "en".into());
    let content_dir = root.join(
        config
            .text(&[
                &format!("languages.{default_language}.contentDir"),
                "contentDir",
            ])
            .unwrap_or_else(|| "content".into()),
    );
    let static_dir = config
        .text(&["staticDir"])
        .unwrap_or_else(|| "static".into());
    layout.static_dirs.push(root.join(static_dir));
    // Module mounts (`[[module.mounts]] source = "src/content", target = "content"`) replace
    // the default folders.
    let mounts = mounts(&config);
    let content_dirs: Vec<PathBuf> = match mounted(&mounts, "content") {
        found if found.is_empty() => vec![content_dir],
        found => found.iter().map(|source| root.join(source)).collect(),
    };
    let static_mounts = mounted(&mounts, "static");
    if !static_mounts.is_empty() {
        layout.static_dirs = static_mounts
            .iter()
            .map(|source| root.join(source))
            .collect();
    }
    let languages = config.languages("defaultContentLanguage");
    let theme_layouts = config
        .text(&["theme"])
        .map(|theme| format!("themes/{theme}/layouts"));
    let template_folders: Vec<&str> = ["layouts"]
        .into_iter()
        .chain(theme_layouts.as_deref())
        .collect();
    let shortcodes = template_folders
        .iter()
        .flat_map(|folder| ["shortcodes", "_shortcodes"].map(|name| root.join(folder).join(name)))
        .collect();
    layout.templates = TemplateSite {
        math: math(&config).or(crate::template::math_of_templates(root, &template_folders)),
        shortcodes,
        ..TemplateSite::with_config(Generator::Hugo, config.value.clone())
    };
    layout.reference_root = content_dirs.first().cloned();
    for content_dir in content_dirs {
        find_content(&mut layout, &config, &content_dir, &languages)?;
    }
    Ok(layout)
}

/// The math Goldmark's passthrough extension hands to a math renderer, by its delimiters
/// (`delimiters.block = [['\\[', '\\]'], ['$$', '$$']]`), or all of it where a theme's
/// `params.math` turns it on.
fn math(config: &Config) -> SiteMath {
    if crate::template::asks_for_math(&config.value) {
        return SiteMath::ALL;
    }
    let passthrough = "markup.goldmark.extensions.passthrough";
    if !config
        .flag(&format!("{passthrough}.enable"))
        .unwrap_or(false)
    {
        return SiteMath::default();
    }
    let mut openers = Vec::new();
    for kind in ["block", "inline"] {
        if let Some(Value::List(pairs)) = config.get(&format!("{passthrough}.delimiters.{kind}")) {
            for pair in pairs {
                if let Value::List(pair) = pair
                    && let Some(Value::Text(open)) = pair.first()
                {
                    openers.push(open.clone());
                }
            }
        }
    }
    let has = |opener: &str| openers.iter().any(|written| written == opener);
    SiteMath {
        dollars: MathSyntax {
            double_dollar: has("$$") || has("$"),
            single_dollar: has("$"),
        },
        brackets: has("\\(") || has("\\["),
    }
}

/// `[[module.mounts]]` as (source, target) pairs.
fn mounts(config: &Config) -> Vec<(String, String)> {
    let Some(Value::List(entries)) = config.get("module.mounts") else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let Value::Map(fields) = entry else {
                return None;
            };
            match (fields.get("source"), fields.get("target")) {
                (Some(Value::Text(source)), Some(Value::Text(target))) => {
                    Some((source.clone(), target.clone()))
                }
                _ => None,
            }
        })
        .collect()
}

/// The sources mounted at `target` (`content`, `static`).
fn mounted<'a>(mounts: &'a [(String, String)], target: &str) -> Vec<&'a str> {
    mounts
        .iter()
        .filter(|(_, to)| to.trim_matches('/') == target)
        .map(|(source, _)| source.as_str())
        .collect()
}

/// `config/_default/params.toml` and the like, each under its own name.
fn merge_config_folder(
    root: &Path,
    main: &Path,
    config: &mut Config,
    diagnostics: &mut Vec<crate::diagnostic::Diagnostic>,
) -> Result<(), BuildError> {
    let folder = root.join("config/_default");
    for entry in walk::entries(&folder)? {
        if entry.is_dir || entry.path == main {
            continue;
        }
        let Some((stem, extension)) = entry.name.rsplit_once('.') else {
            continue;
        };
        if !matches!(extension, "toml" | "yaml" | "yml" | "json") {
            continue;
        }
        match Config::read(&entry.path)? {
            Ok(part) => {
                let key = (!matches!(stem, "hugo" | "config")).then_some(stem);
                config.merge(key, part.value);
            }
            Err(problem) => diagnostics.push(problem),
        }
    }
    Ok(())
}

fn settings(config: &Config) -> Settings {
    let base_url = config.text(&["baseURL"]);
    let (language, _) = config.languages("defaultContentLanguage");
    let mut authors: Vec<String> = config
        .text(&["params.author", "author"])
        .into_iter()
        .collect();
    authors.dedup();
    Settings {
        title: config.text(&["title", &format!("languages.{language}.title")]),
        description: config.text(&[
            "params.description",
            "description",
            "params.subtitle",
            &format!("languages.{language}.params.description"),
            &format!("languages.{language}.description"),
        ]),
        language: config
            .text(&["languageCode", "locale", "defaultContentLanguage"])
            .map(|code| code.replace('_', "-")),
        authors,
        nav: menu(config, base_url.as_deref().unwrap_or_default()),
        base_url,
    }
}

/// `[[menus.main]]` (or `[[menu.main]]`), by weight then as written.
fn menu(config: &Config, base_url: &str) -> Vec<NavLink> {
    // The site's menu, or its default language's (`menus.en.toml`, `[languages.en.menus]`).
    let language = config
        .text(&["defaultContentLanguage"])
        .unwrap_or_else(|| "en".into());
    let Some(Value::List(entries)) = [
        "menus.main".to_owned(),
        "menu.main".to_owned(),
        format!("menus.{language}.main"),
        format!("menu.{language}.main"),
        format!("languages.{language}.menus.main"),
        format!("languages.{language}.menu.main"),
    ]
    .iter()
    .find_map(|key| config.get(key)) else {
        return Vec::new();
    };
    let mut links: Vec<(i64, usize, NavLink)> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let Value::Map(fields) = entry else { continue };
        let text = |key: &str| match fields.get(key) {
            Some(Value::Text(text) | Value::Number(text)) => Some(text.clone()),
            _ => None,
        };
        let Some(label) = text("name") else { continue };
        let Some(href) = text("url")
            .or_else(|| text("pageRef"))
            .and_then(|url| config::nav_href(&url, base_url))
        else {
            continue;
        };
        let weight = text("weight").and_then(|w| w.parse().ok()).unwrap_or(0);
        links.push((weight, index, NavLink { label, href }));
    }
    links.sort_by_key(|(weight, index, _)| (*weight, *index));
    links.into_iter().map(|(_, _, link)| link).collect()
}

fn find_content(
    layout: &mut Layout,
    config: &Config,
    content: &Path,
    languages: &(String, BTreeSet<String>),
) -> Result<(), BuildError> {
    let lowercase_paths = !config.flag("disablePathToLower").unwrap_or(false);
    // `uglyURLs = true`, or per section: `[uglyURLs] posts = true`.
    let ugly_urls = |section: &str| {
        config.flag("uglyURLs").unwrap_or(false)
            || (!section.is_empty() && config.flag(&format!("uglyURLs.{section}")).unwrap_or(false))
    };
    let main_sections = main_sections(config);
    let files = content_files(content, &ignored_files(config))?;
    // With a section named like a blog's, dated files elsewhere (policy documents, release
    // notes of a docs section) are pages, as the theme lists only the blog.
    let has_blog_section = files.iter().any(|path| {
        let relative = walk::relative(content, path);
        relative
            .split_once('/')
            .is_some_and(|(first, _)| POST_SECTIONS.contains(&first.to_lowercase().as_str()))
    });
    let mut section_pages = Vec::new();
    for path in files {
        let relative = walk::relative(content, &path);
        let Ok(suffix) = language_of(&relative, languages) else {
            layout.leave_out(LeftOut::Translation);
            continue;
        };
        let name = relative.rsplit('/').next().unwrap_or_default().to_owned();
        let bundle = name
            .starts_with("index.")
            .then(|| path.parent().map(Path::to_path_buf))
            .flatten();
        let section = match relative.split_once('/') {
            Some((first, _)) => first.to_lowercase(),
            None => String::new(),
        };
        let is_post = !section.is_empty()
            && match &main_sections {
                Some(main) => main.contains(&section),
                None if has_blog_section => POST_SECTIONS.contains(&section.as_str()),
                None => {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    walk::front_matter_has_key(&text, &["date", "publishDate", "pubDate"])
                        || POST_SECTIONS.contains(&section.as_str())
                }
            };
        let origin = Origin {
            bundle,
            permalink: permalink_for(config, &section),
            lowercase_paths,
            language_suffix: suffix,
            ugly_urls: ugly_urls(&section),
            ..Origin::new(Generator::Hugo, relative)
        };
        let file = SourceFile { path, origin };
        if name.starts_with("_index.") {
            section_pages.push(file);
        } else if is_post {
            layout.articles.push(file);
        } else {
            layout.pages.push(file);
        }
    }
    add_section_pages(layout, section_pages);
    Ok(())
}

/// The language suffix of a file of the default language, or `Err` for a translation (another
/// language's suffix, or a file in another language's folder).
fn language_of(
    relative: &str,
    (default_language, languages): &(String, BTreeSet<String>),
) -> Result<Option<String>, ()> {
    let first_folder = relative
        .split('/')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if languages.contains(&first_folder)
        && first_folder != *default_language
        && relative.contains('/')
    {
        return Err(());
    }
    let name = relative.rsplit('/').next().unwrap_or_default();
    match super::language_suffix(name, languages) {
        Some(code) if code != *default_language => Err(()),
        suffix => Ok(suffix),
    }
}

/// `params.mainSections`: the sections a theme lists posts from, when the site names them.
fn main_sections(config: &Config) -> Option<Vec<String>> {
    match config
        .get("params.mainSections")
        .or_else(|| config.get("mainSections"))?
    {
        Value::List(items) => Some(
            items
                .iter()
                .filter_map(|item| match item {
                    Value::Text(text) => Some(text.to_lowercase()),
                    _ => None,
                })
                .collect(),
        ),
        Value::Text(one) => Some(vec![one.to_lowercase()]),
        _ => None,
    }
}

/// A section's own page (`_index.md`): the text above a list of posts, which Quire draws itself,
/// except in a section of no posts, where it is the section's only content (`/design-principles/`)
/// and becomes a page when it has a body.
fn add_section_pages(layout: &mut Layout, section_pages: Vec<SourceFile>) {
    for file in section_pages {
        layout.sections += 1;
        let folder = file
            .origin
            .relative
            .rsplit_once('/')
            .map(|(folder, _)| folder.to_owned());
        let holds_posts = folder.as_ref().is_some_and(|folder| {
            layout
                .articles
                .iter()
                .any(|post| post.origin.relative.starts_with(&format!("{folder}/")))
        });
        let has_body = std::fs::read_to_string(&file.path)
            .ok()
            .and_then(|text| {
                crate::read::front_matter::split(&text)
                    .ok()
                    .map(|split| !split.body.trim().is_empty())
            })
            .unwrap_or(false);
        if folder.is_some() && !holds_posts && has_body {
            layout.pages.push(file);
        } else {
            layout.leave_out(LeftOut::SectionPage);
        }
    }
}

/// Hugo's `ignoreFiles` patterns; one that is no valid expression is passed by, as it matches
/// nothing Hugo would skip either.
fn ignored_files(config: &Config) -> Vec<regex::Regex> {
    let Some(Value::List(patterns)) = config.get("ignoreFiles") else {
        return Vec::new();
    };
    patterns
        .iter()
        .filter_map(|pattern| match pattern {
            Value::Text(pattern) => regex::Regex::new(pattern).ok(),
            _ => None,
        })
        .collect()
}

/// The content files Hugo publishes: markdown, and HTML with front matter, but no file inside a
/// leaf bundle other than its `index` (the rest are the bundle's resources), nor one `ignored`.
fn content_files(content: &Path, ignored: &[regex::Regex]) -> Result<Vec<PathBuf>, BuildError> {
    let is_content = |path: &Path| {
        let is_html = path
            .extension()
            .is_some_and(|extension| extension == "html" || extension == "htm");
        (walk::is_markdown(path) || is_html && walk::file_has_front_matter(path))
            && !ignored
                .iter()
                .any(|pattern| pattern.is_match(&path.to_string_lossy()))
    };
    let files = walk::files_where(content, &is_content)?;
    let leaf_bundles: BTreeSet<PathBuf> = files
        .iter()
        .filter(|path| is_index(path, "index"))
        .filter_map(|path| path.parent().map(Path::to_path_buf))
        .collect();
    Ok(files
        .into_iter()
        .filter(|path| {
            is_index(path, "index")
                || !path
                    .ancestors()
                    .skip(1)
                    .any(|folder| leaf_bundles.contains(folder))
        })
        .collect())
}

/// `index.md`, `index.fr.md`, `_index.html`: a file named `stem` whatever its language and
/// extension.
fn is_index(path: &Path, stem: &str) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.split('.').next() == Some(stem))
}

/// The `[permalinks]` rule for a section: `posts = '…'` or `[permalinks.page] posts = '…'`.
fn permalink_for(config: &Config, section: &str) -> Option<String> {
    if section.is_empty() {
        return None;
    }
    config.text(&[
        &format!("permalinks.page.{section}"),
        &format!("permalinks.{section}"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_translations_by_a_configured_language() {
        let languages: BTreeSet<String> =
            ["en".to_owned(), "fr".to_owned(), "pt-br".to_owned()].into();
        let suffix = |name| super::super::language_suffix(name, &languages);
        assert_eq!(suffix("index.fr.md").as_deref(), Some("fr"));
        assert_eq!(suffix("post.pt-BR.md").as_deref(), Some("pt-br"));
        assert_eq!(suffix("post.md"), None);
        assert_eq!(suffix("v1.2.md"), None);
        assert_eq!(suffix("socket.io.md"), None);
    }
}
