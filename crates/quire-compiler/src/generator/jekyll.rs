//! A Jekyll site: `_config.yml`, `_posts/**` (and `<category>/_posts/**`), `_drafts/`, pages
//! anywhere else, and every other file served as it is.

use std::path::Path;

use quire_model::NavLink;

use super::config::{self, Config, Settings};
use super::walk;
use super::{Generator, Layout, LeftOut, Origin, SourceFile};
use crate::error::BuildError;
use crate::read::file_names::split_jekyll_stem;
use crate::read::front_matter::Value;
use crate::template::TemplateSite;

/// Files Jekyll never publishes, whatever `exclude` says (its defaults and the config itself).
const NEVER_PUBLISHED: &[&str] = &[
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor",
    "package.json",
    "package-lock.json",
    "yarn.lock",
    "README.md",
    "LICENSE",
    "LICENSE.md",
    "CHANGELOG.md",
    "site.toml",
];

/// What Jekyll renders in a post: Liquid with the config's values and `_includes`, and
/// kramdown's `$$` math (its default math engine), unless the config turns that off.
fn templates(config: &Config, source: &Path) -> TemplateSite {
    let includes = config
        .text(&["includes_dir"])
        .unwrap_or_else(|| "_includes".to_owned());
    let kramdown = config
        .text(&["markdown"])
        .is_none_or(|engine| engine.eq_ignore_ascii_case("kramdown"));
    let engine_off = matches!(
        config.get("kramdown.math_engine"),
        Some(Value::Null | Value::Bool(false))
    ) || config
        .text(&["kramdown.math_engine"])
        .is_some_and(|engine| matches!(engine.as_str(), "nil" | "null" | "none"));
    let mut math = TemplateSite::math_from_settings(&config.value).or(
        crate::template::math_of_templates(source, &["_layouts", "_includes"]),
    );
    math.dollars.double_dollar |= kramdown && !engine_off;
    // Jekyll keeps `includes_dir` inside the site (`/home/u/.ssh` is read as a folder of it).
    let includes = source.join(includes.trim_start_matches('/'));
    let inside_site = match (includes.canonicalize(), source.canonicalize()) {
        (Ok(folder), Ok(site)) => folder.starts_with(site),
        _ => false,
    };
    TemplateSite {
        includes: inside_site.then_some(includes),
        math,
        ..TemplateSite::with_config(Generator::Jekyll, config.value.clone())
    }
}

pub fn read(root: &Path) -> Result<Layout, BuildError> {
    let path = ["_config.yml", "_config.yaml", "_config.toml"]
        .iter()
        .map(|name| root.join(name))
        .find(|path| path.is_file())
        .expect("detected as a Jekyll site");
    let mut diagnostics = Vec::new();
    let config = Config::read_or_empty(&path, &mut diagnostics)?;
    let site = config::site_from(settings(&config), "Blog");
    let mut layout = Layout::new(Generator::Jekyll, root, path, site);
    layout.diagnostics = diagnostics;
    layout.build_future = config.flag("future").unwrap_or(false);
    layout.build_drafts = config.flag("show_drafts").unwrap_or(false);
    let rules = Rules {
        excluded: list(&config, "exclude")
            .iter()
            .filter_map(|p| walk::glob(p))
            .collect(),
        included: list(&config, "include"),
        permalink: posts_permalink(&config).or_else(|| config.text(&["permalink"])),
    };
    let days_in_utc = config.text(&["timezone"]).is_none();
    // `source:` moves the site into a folder of the repository.
    let source = config
        .text(&["source"])
        .map(|folder| root.join(folder))
        .filter(|folder| folder.is_dir())
        .unwrap_or_else(|| root.to_path_buf());
    layout.templates = templates(&config, &source);
    layout.reference_root = Some(source.clone());
    find_files(&mut layout, &source, "", &rules)?;
    for file in layout.articles.iter_mut().chain(layout.pages.iter_mut()) {
        file.origin.address_days_in_utc = days_in_utc;
    }
    Ok(layout)
}

fn settings(config: &Config) -> Settings {
    let url = config.text(&["url"]).unwrap_or_default();
    let baseurl = config.text(&["baseurl"]).unwrap_or_default();
    let base_url = (!url.is_empty()).then(|| format!("{}{}", url.trim_end_matches('/'), baseurl));
    Settings {
        title: config.text(&["title", "name"]),
        description: config.text(&["description", "tagline"]),
        language: config
            .text(&["lang", "locale"])
            .map(|code| code.replace('_', "-")),
        authors: config.text(&["author"]).into_iter().collect(),
        nav: nav(config),
        base_url,
    }
}

/// minima's `header_pages` (or `minima.nav_pages`): page files, shown by their names.
fn nav(config: &Config) -> Vec<NavLink> {
    let pages = list(config, "header_pages");
    let pages = if pages.is_empty() {
        list(config, "minima.nav_pages")
    } else {
        pages
    };
    pages
        .iter()
        .filter_map(|file| {
            let stem = file.rsplit('/').next()?.split('.').next()?;
            let slug = quire_model::slugify(stem);
            let label = super::post::words_of(stem);
            (!slug.is_empty()).then(|| NavLink {
                label,
                href: format!("/{slug}"),
            })
        })
        .collect()
}

fn list(config: &Config, key: &str) -> Vec<String> {
    match config.get(key) {
        Some(Value::List(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::Text(text) => Some(text.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Walks the site: posts in any `_posts/`, drafts in `_drafts/`, pages and plain files elsewhere.
/// What the config says of which files are the site's and where posts go.
struct Rules {
    /// `exclude` patterns (`Gemfile`, `*.sh`, `docs/**`).
    excluded: Vec<regex::Regex>,
    /// `include`: names Jekyll would pass by (a `_pages` folder) that the site publishes.
    included: Vec<String>,
    /// The posts' permalink: from `defaults` for posts, else the site's `permalink`.
    permalink: Option<String>,
}

fn find_files(
    layout: &mut Layout,
    dir: &Path,
    prefix: &str,
    rules: &Rules,
) -> Result<(), BuildError> {
    let permalink = rules.permalink.as_deref();
    for entry in walk::entries(dir)? {
        let relative = format!("{prefix}{}", entry.name);
        let included = rules
            .included
            .iter()
            .any(|name| name.trim_matches('/') == entry.name);
        let excluded = NEVER_PUBLISHED.contains(&entry.name.as_str())
            || rules
                .excluded
                .iter()
                .any(|pattern| pattern.is_match(&relative))
            || (entry.name.starts_with('.') && !included);
        if excluded || (entry.is_dir && entry.is_link) {
            continue;
        }
        if entry.is_dir {
            match entry.name.as_str() {
                "_posts" | "_drafts" => find_posts(layout, &entry.path, &relative, permalink)?,
                name if name.starts_with('_') && !included => {}
                _ => find_files(layout, &entry.path, &format!("{relative}/"), rules)?,
            }
            continue;
        }
        if entry.name.starts_with('_') && !included {
            continue;
        }
        add_page_or_file(layout, entry.path, relative, permalink);
    }
    Ok(())
}

/// The permalink `defaults` give posts (`scope: {type: posts}` or `{path: _posts}`).
fn posts_permalink(config: &Config) -> Option<String> {
    let Some(Value::List(defaults)) = config.get("defaults") else {
        return None;
    };
    defaults.iter().find_map(|entry| {
        let Value::Map(entry) = entry else {
            return None;
        };
        let (Some(Value::Map(scope)), Some(Value::Map(values))) =
            (entry.get("scope"), entry.get("values"))
        else {
            return None;
        };
        let text = |map: &std::collections::BTreeMap<String, Value>, key: &str| match map.get(key) {
            Some(Value::Text(text)) => Some(text.clone()),
            _ => None,
        };
        let for_posts = text(scope, "type").as_deref() == Some("posts")
            || text(scope, "path").is_some_and(|path| path.trim_matches('/') == "_posts");
        for_posts.then(|| text(values, "permalink")).flatten()
    })
}

fn add_page_or_file(
    layout: &mut Layout,
    path: std::path::PathBuf,
    relative: String,
    permalink: Option<&str>,
) {
    let is_markdown = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    );
    let has_front_matter = walk::file_has_front_matter(&path);
    if !has_front_matter {
        if is_markdown {
            layout.leave_out(LeftOut::NoFrontMatter);
        }
        layout.static_files.push((relative, path));
        return;
    }
    if !is_markdown {
        // Sass and feeds with front matter are the theme's; an HTML page may be the owner's
        // (an about.html), so it is counted, not dropped without a word.
        let is_html = relative.ends_with(".html") || relative.ends_with(".htm");
        if is_html && !relative.contains('/') && relative != "index.html" && relative != "404.html"
        {
            layout.leave_out(LeftOut::HtmlPage);
        }
        return;
    }
    let stem = relative
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .split('.')
        .next()
        .unwrap_or_default();
    if stem == "index" && !relative.contains('/') {
        layout.leave_out(LeftOut::HomePage);
        return;
    }
    if stem == "404" {
        layout.leave_out(LeftOut::BuiltInRoute);
        return;
    }
    layout.pages.push(SourceFile {
        path,
        origin: origin(relative, permalink),
    });
}

fn find_posts(
    layout: &mut Layout,
    dir: &Path,
    relative_dir: &str,
    permalink: Option<&str>,
) -> Result<(), BuildError> {
    // Jekyll posts may be HTML too; their markup goes through the same sanitiser.
    let is_post = |path: &Path| {
        walk::is_markdown(path)
            || path
                .extension()
                .is_some_and(|extension| extension == "html" || extension == "htm")
    };
    for path in walk::files_where(dir, &is_post)? {
        // Jekyll passes by `_`, `.` and `#` names and editors' `~` backups in posts too.
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if name.starts_with(['_', '.', '#']) || name.ends_with('~') {
            continue;
        }
        let relative = format!("{relative_dir}/{}", walk::relative(dir, &path));
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let is_draft = relative_dir.ends_with("_drafts");
        // Jekyll publishes only posts whose names start with their date.
        if !is_draft && split_jekyll_stem(stem).0.is_none() {
            layout.leave_out(LeftOut::UndatedPostName);
            continue;
        }
        layout.articles.push(SourceFile {
            path,
            origin: origin(relative, permalink),
        });
    }
    Ok(())
}

fn origin(relative: String, permalink: Option<&str>) -> Origin {
    Origin {
        permalink: permalink.map(str::to_owned),
        ..Origin::new(Generator::Jekyll, relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclude_patterns_match_as_jekyll_matches_them() {
        let matches =
            |pattern: &str, path: &str| super::walk::glob(pattern).unwrap().is_match(path);
        assert!(matches("*.sh", "deploy.sh"));
        assert!(!matches("*.sh", "scripts/deploy.sh.txt"));
        assert!(matches("docs/**", "docs/a/b.md"));
        assert!(matches("vendor", "vendor/bundle/x.rb"));
        assert!(matches("vendor/", "vendor"));
        assert!(!matches("vendor", "vendors"));
    }

    #[test]
    fn posts_take_their_permalink_from_defaults() {
        let config = |yaml: &str| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("_config.yml");
            std::fs::write(&path, yaml).unwrap();
            Config::read(&path).unwrap().unwrap()
        };
        let with_defaults = config(
            "permalink: none\ndefaults:\n  - scope: {path: ''}\n    values: {layout: default}\n  - scope: {path: '', type: posts}\n    values: {permalink: '/blog/:year/:month/:day/:title/'}\n",
        );
        assert_eq!(
            posts_permalink(&with_defaults).as_deref(),
            Some("/blog/:year/:month/:day/:title/")
        );
        assert_eq!(posts_permalink(&config("permalink: pretty\n")), None);
    }
}
