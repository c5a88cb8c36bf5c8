//! A Zola site: `zola.toml` or `config.toml`, `content/**` sections and pages, `static/`.

use std::collections::BTreeSet;
use std::path::Path;

use quire_model::NavLink;

use super::config::{self, Config, Settings};
use super::permalink::split_zola_date;
use super::walk;
use super::{Generator, Layout, LeftOut, Origin, SourceFile};
use crate::error::BuildError;
use crate::read::front_matter::Value;
use crate::template::TemplateSite;

/// Sections whose pages are posts whatever their front matter says.
const POST_SECTIONS: &[&str] = &["blog", "posts", "post", "articles", "news", "notes"];

pub fn read(root: &Path) -> Result<Layout, BuildError> {
    let path = ["zola.toml", "config.toml"]
        .iter()
        .map(|name| root.join(name))
        .find(|path| path.is_file())
        .expect("detected as a Zola site");
    let mut diagnostics = Vec::new();
    let config = Config::read_or_empty(&path, &mut diagnostics)?;
    let base_url = config.text(&["base_url"]);
    let settings = Settings {
        title: config.text(&["title"]),
        description: config.text(&["description"]),
        language: config.text(&["default_language"]),
        authors: config
            .text(&["extra.author", "author", "extra.author.name"])
            .into_iter()
            .collect(),
        nav: menu(&config, base_url.as_deref().unwrap_or_default()),
        base_url,
    };
    let mut layout = Layout::new(
        Generator::Zola,
        root,
        path,
        config::site_from(settings, "Blog"),
    );
    layout.diagnostics = diagnostics;
    layout.static_dirs.push(root.join("static"));
    let theme_shortcodes = config
        .text(&["theme"])
        .map(|theme| root.join("themes").join(theme).join("templates/shortcodes"));
    layout.templates = TemplateSite {
        shortcodes: std::iter::once(root.join("templates/shortcodes"))
            .chain(theme_shortcodes)
            .collect(),
        math: TemplateSite::math_from_settings(&config.value).or(
            crate::template::math_of_templates(root, &["templates", "themes"]),
        ),
        ..TemplateSite::with_config(Generator::Zola, config.value.clone())
    };
    layout.reference_root = Some(root.join("content"));
    let languages = config.languages("default_language");
    let ignored: Vec<regex::Regex> = match config.get("ignored_content") {
        Some(Value::List(patterns)) => patterns
            .iter()
            .filter_map(|pattern| match pattern {
                Value::Text(pattern) => walk::glob(pattern),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    find_content(&mut layout, &root.join("content"), &languages, &ignored)?;
    Ok(layout)
}

/// The menu themes keep under `[extra]` (Zola itself has none): `menu`, `main_menu` or
/// `menu_items`, entries with `name` and `url` (`$BASE_URL` standing for the site).
fn menu(config: &Config, base_url: &str) -> Vec<NavLink> {
    let entries = [
        "extra.menu",
        "extra.main_menu",
        "extra.menu_items",
        "extra.navbar_items",
    ]
    .iter()
    .find_map(|key| match config.get(key) {
        Some(Value::List(items)) => Some(items),
        _ => None,
    });
    let Some(entries) = entries else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let Value::Map(fields) = entry else {
                return None;
            };
            let text = |key: &str| match fields.get(key) {
                Some(Value::Text(text)) => Some(text.clone()),
                _ => None,
            };
            let label = text("name").or_else(|| text("title"))?;
            let url = text("url")
                .or_else(|| text("path"))?
                .replace("$BASE_URL", "");
            let href = config::nav_href(&url, base_url)?;
            Some(NavLink { label, href })
        })
        .collect()
}

fn find_content(
    layout: &mut Layout,
    content: &Path,
    (default_language, languages): &(String, BTreeSet<String>),
    ignored: &[regex::Regex],
) -> Result<(), BuildError> {
    for path in walk::markdown_files(content)? {
        let relative = walk::relative(content, &path);
        // `ignored_content` globs are matched against the path as Zola sees it, from the site's
        // root (`**/content/README.md`) or from `content/` (`drafts/*`).
        let from_root = format!("content/{relative}");
        if ignored
            .iter()
            .any(|pattern| pattern.is_match(&relative) || pattern.is_match(&from_root))
        {
            continue;
        }
        let name = relative.rsplit('/').next().unwrap_or_default().to_owned();
        let suffix = super::language_suffix(&name, languages);
        if suffix.as_ref().is_some_and(|code| code != default_language) {
            layout.leave_out(LeftOut::Translation);
            continue;
        }
        if name.starts_with("_index.") {
            layout.sections += 1;
            layout.leave_out(LeftOut::SectionPage);
            continue;
        }
        let bundle = name
            .starts_with("index.")
            .then(|| path.parent().map(Path::to_path_buf))
            .flatten();
        let origin = Origin {
            bundle,
            language_suffix: suffix,
            ..Origin::new(Generator::Zola, relative)
        };
        let is_post = is_post(&origin, &path);
        let file = SourceFile { path, origin };
        if is_post {
            layout.articles.push(file);
        } else {
            layout.pages.push(file);
        }
    }
    Ok(())
}

/// A page that is dated (by its front matter, its file name or the date in its `path`), or any
/// page of a blog-like section. Zola has no kind of its own for posts: a dated page, at the
/// content root as much as in a section, is one.
fn is_post(origin: &Origin, path: &Path) -> bool {
    let in_blog_section = origin
        .folders()
        .first()
        .is_some_and(|section| POST_SECTIONS.contains(&section.to_lowercase().as_str()));
    if in_blog_section || split_zola_date(origin.content_name()).0.is_some() {
        return true;
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    // `date = 0000-01-01` keeps a page (an archive, a licence) last in its section's order:
    // no post's date.
    let dated = walk::front_matter_has_key(&text, &["date"])
        && walk::front_matter_value(&text, "date")
            .is_none_or(|date| !date.trim_matches(['"', '\'']).starts_with("0000"));
    dated
        || walk::front_matter_value(&text, "path")
            .is_some_and(|path| super::post::date_in_path(&path).is_some())
}
