//! What a build does beyond compiling each file when a site's files are gathered from its
//! generator's layout: the site's categories from its posts, the files published beside posts,
//! redirects from every old address, and slugs made distinct.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use quire_model::routes;

use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::generator::{Generator, Layout, Migration};
use crate::markdown::SitePath;
use crate::read::article::{Article, TemplateUse};
use crate::read::body::Alias;
use crate::spill::Stored;
use quire_model::routes::RESERVED_PAGE_SLUGS;

use crate::read::document::Page;
use crate::read::site_config::{DeclaredCategory, Site};
use crate::read::static_files::{self, StaticFile};
use crate::template::Unrendered;

/// Every file served as it is: the static folders' (the first folder wins a path held by two)
/// and the layout's single files.
pub(crate) fn list_static_files(
    layout: &Layout,
) -> Result<(Vec<StaticFile>, Vec<Diagnostic>), BuildError> {
    let mut files: Vec<StaticFile> = Vec::new();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for dir in &layout.static_dirs {
        let (listed, listed_problems) = static_files::list(dir)?;
        problems.extend(listed_problems);
        files.extend(
            listed
                .into_iter()
                .filter(|file| seen.insert(file.path.clone())),
        );
    }
    for (path, source) in &layout.static_files {
        if seen.insert(path.clone()) {
            files.push(StaticFile {
                path: path.clone(),
                source: source.clone(),
            });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, problems))
}

/// On a site whose categories are its posts' own, every category a post names, after the declared
/// ones, most used first.
pub(crate) fn add_written_categories(site: &mut Site, articles: &[Article]) {
    let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for article in articles {
        if let Some(category) = &article.category {
            counts
                .entry(&category.slug)
                .or_insert((0, &category.name))
                .0 += 1;
        }
    }
    let mut written: Vec<(&str, usize, &str)> = counts
        .into_iter()
        .filter(|(slug, _)| !site.categories.iter().any(|known| known.slug == *slug))
        .map(|(slug, (count, name))| (slug, count, name))
        .collect();
    written.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    site.categories
        .extend(written.into_iter().map(|(slug, _, name)| DeclaredCategory {
            name: name.to_owned(),
            slug: slug.to_owned(),
            description: String::new(),
        }));
}

/// The files posts and pages publish beside them join the site's static files (the first
/// document to name a path keeps it).
pub(crate) fn publish_local_files(
    articles: &mut [(PathBuf, Article)],
    pages: &mut [(PathBuf, Page)],
    static_files: &mut Vec<StaticFile>,
) {
    let mut seen: BTreeSet<String> = static_files.iter().map(|file| file.path.clone()).collect();
    let local = articles
        .iter()
        .flat_map(|(_, article)| &article.local_files)
        .chain(pages.iter().flat_map(|(_, page)| &page.local_files));
    for file in local {
        if seen.insert(file.path.clone()) {
            static_files.push(file.clone());
        }
    }
    static_files.sort_by(|a, b| a.path.cmp(&b.path));
}

/// Another generator takes two posts claiming one alias, or an alias where a page stands; here
/// the first claim is kept and the others left out with a warning each (in Quire's own layout
/// both are errors).
pub(crate) fn settle_aliases(
    articles: &mut [(PathBuf, Article)],
    pages: &mut [(PathBuf, Page)],
) -> Vec<Diagnostic> {
    let served: BTreeSet<String> = articles
        .iter()
        .map(|(_, a)| routes::article(&a.slug))
        .chain(pages.iter().map(|(_, p)| routes::page(&p.slug)))
        .collect();
    let mut claimed: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut warnings = Vec::new();
    let documents = articles
        .iter_mut()
        .map(|(path, a)| (&*path, &mut a.body.aliases))
        .chain(
            pages
                .iter_mut()
                .map(|(path, p)| (&*path, &mut p.body.aliases)),
        );
    for (path, aliases) in documents {
        aliases.retain(|alias| {
            let problem = if served.contains(&alias.path) || is_built_in(&alias.path) {
                Some("is a page of the site itself".to_owned())
            } else {
                claimed
                    .get(&alias.path)
                    .filter(|first| *first != path)
                    .map(|first| format!("is claimed by {} first", first.display()))
            };
            match problem {
                Some(problem) => {
                    warnings.push(Diagnostic::warning(
                        path,
                        alias.line,
                        format!("the alias {} {problem}; left out", alias.path),
                    ));
                    false
                }
                None => {
                    claimed
                        .entry(alias.path.clone())
                        .or_insert_with(|| path.clone());
                    true
                }
            }
        });
    }
    warnings
}

/// Adds each document's old address to its aliases, unless the new site serves that path itself
/// (its own new address, a built-in route, another page) or another document already claims it.
pub(crate) fn redirect_old_addresses(
    articles: &mut [(PathBuf, Article)],
    pages: &mut [(PathBuf, Page)],
) {
    let page_routes: BTreeSet<String> = pages
        .iter()
        .map(|(_, page)| routes::page(&page.slug))
        .collect();
    let mut claimed: BTreeSet<String> = articles
        .iter()
        .flat_map(|(_, a)| a.body.aliases.iter())
        .chain(pages.iter().flat_map(|(_, p)| p.body.aliases.iter()))
        .map(|alias| alias.path.clone())
        .collect();
    let mut add = |old: &Option<String>, route: String, aliases: &mut Vec<Alias>| {
        let Some(old) = old else { return };
        let path = old.trim_end_matches('/');
        if path.is_empty() || path == route || page_routes.contains(path) || is_built_in(path) {
            return;
        }
        // A host that serves `x.html` at `/x` too (GitHub Pages) was linked to both ways.
        let without_html = path.strip_suffix(".html").filter(|rest| !rest.is_empty());
        for path in std::iter::once(path).chain(without_html) {
            if crate::read::article::is_plain_path(path)
                && path != route
                && !page_routes.contains(path)
                && !is_built_in(path)
                && claimed.insert(path.to_owned())
            {
                aliases.push(Alias {
                    path: path.to_owned(),
                    line: 1,
                    old_address: true,
                });
            }
        }
    };
    for (_, article) in articles.iter_mut() {
        add(
            &article.old_address,
            routes::article(&article.slug),
            &mut article.body.aliases,
        );
    }
    for (_, page) in pages.iter_mut() {
        add(
            &page.old_address,
            routes::page(&page.slug),
            &mut page.body.aliases,
        );
    }
}

/// A path one of the app's own routes may take: a reserved first segment alone (`/search`,
/// `/archive`), anything under the article, category, tag, case-study and bundle folders, or an
/// archive period (`/archive/2024/03`).
fn is_built_in(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    let first = parts.next().unwrap_or_default();
    let second = parts.next();
    match second {
        None => RESERVED_PAGE_SLUGS.contains(&first),
        Some(second) => match first {
            "archive" => second.bytes().all(|b| b.is_ascii_digit()),
            "insights" | "category" | "tag" | "case-studies" | "bundle" => true,
            _ => false,
        },
    }
}

/// A document's slug, its address, and what is published under that address.
pub(crate) struct SlugOf<'a> {
    pub slug: &'a mut String,
    pub route: fn(&str) -> String,
    pub html: &'a mut Stored,
    pub image: &'a mut Option<String>,
    pub site_images: &'a mut Vec<SitePath>,
    pub local_files: &'a mut Vec<StaticFile>,
}

pub(crate) fn article_slug(article: &mut Article) -> SlugOf<'_> {
    SlugOf {
        slug: &mut article.slug,
        route: routes::article,
        html: &mut article.body.html,
        image: &mut article.body.image,
        site_images: &mut article.body.site_images,
        local_files: &mut article.local_files,
    }
}

pub(crate) fn page_slug(page: &mut Page) -> SlugOf<'_> {
    SlugOf {
        slug: &mut page.slug,
        route: routes::page,
        html: &mut page.body.html,
        image: &mut page.body.image,
        site_images: &mut page.body.site_images,
        local_files: &mut page.local_files,
    }
}

impl SlugOf<'_> {
    /// Renames the document, moving the files published under its address with it.
    fn rename(self, new: String) -> Result<(), BuildError> {
        let old_folder = format!("{}/", (self.route)(self.slug));
        let new_folder = format!("{}/", (self.route)(&new));
        let moved = |path: &str| {
            path.strip_prefix(&old_folder)
                .map(|rest| format!("{new_folder}{rest}"))
        };
        for file in self.local_files.iter_mut() {
            if let Some(path) = moved(&format!("/{}", file.path)) {
                file.path = path.trim_start_matches('/').to_owned();
            }
        }
        for image in self.site_images.iter_mut() {
            if let Some(path) = moved(&image.path) {
                image.path = path;
            }
        }
        if let Some(path) = self.image.as_deref().and_then(moved) {
            *self.image = Some(path);
        }
        // Sanitised HTML quotes every attribute, so a published file's address starts `"/…`.
        self.html
            .edit(|html| html.replace(&format!("\"{old_folder}"), &format!("\"{new_folder}")))?;
        *self.slug = new;
        Ok(())
    }
}

/// Gives a document whose slug an earlier one (in path order) already has the next free
/// `slug-2`, `slug-3`, moving the files published under its address with it: its old address
/// still redirects to it. A warning names both.
pub(crate) fn distinct_slugs<T>(
    documents: &mut [(PathBuf, T)],
    slug_of: fn(&mut T) -> SlugOf<'_>,
) -> Result<Vec<Diagnostic>, BuildError> {
    let mut taken: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut warnings = Vec::new();
    for (path, document) in documents.iter_mut() {
        let named = slug_of(document);
        if let Some(first) = taken.get(named.slug.as_str()) {
            let written = named.slug.clone();
            let mut number = 2;
            while taken.contains_key(&format!("{written}-{number}")) {
                number += 1;
            }
            let renamed = format!("{written}-{number}");
            warnings.push(Diagnostic::warning(
                path,
                1,
                format!(
                    "{} has the slug `{written}` too; this one is published as {}",
                    first.display(),
                    (named.route)(&renamed)
                ),
            ));
            named.rename(renamed.clone())?;
            taken.insert(renamed, path.clone());
        } else {
            taken.insert(named.slug.clone(), path.clone());
        }
    }
    Ok(warnings)
}

/// Points another generator's menu at the new addresses: an old post's or page's address to its
/// new one, a folder of posts (`/posts/`, `/blog/`) to `/insights`. The menu's site links are
/// then checked like any other.
pub(crate) fn rewrite_nav(
    site: &mut Site,
    layout: &Layout,
    articles: &[(PathBuf, Article)],
    pages: &[(PathBuf, Page)],
) {
    if layout.generator == Generator::Quire {
        return;
    }
    let mut moved: BTreeMap<String, String> = BTreeMap::new();
    for (_, article) in articles {
        if let Some(old) = &article.old_address {
            moved.insert(trimmed(old), routes::article(&article.slug));
        }
    }
    for (_, page) in pages {
        if let Some(old) = &page.old_address {
            moved.insert(trimmed(old), routes::page(&page.slug));
        }
    }
    for file in &layout.articles {
        let folder = match &file.origin.route_prefix {
            Some(prefix) => trimmed(prefix),
            None => match file.origin.folders().first() {
                Some(first) if !first.starts_with('_') => format!("/{}", first.to_lowercase()),
                _ => continue,
            },
        };
        moved
            .entry(folder)
            .or_insert_with(|| routes::INSIGHTS.to_owned());
    }
    for link in &mut site.info.nav {
        if let Some(new) = moved.get(&trimmed(&link.href)) {
            // The link check follows the menu entry to its new address.
            for checked in &mut site.site_links {
                if checked.path == link.href {
                    checked.path.clone_from(new);
                }
            }
            link.href.clone_from(new);
        }
    }
    for link in &site.info.nav {
        let is_site_path = link.href.starts_with('/') && !link.href.starts_with("//");
        if is_site_path && !site.site_links.iter().any(|known| known.path == link.href) {
            site.site_links.push(SitePath {
                path: link.href.clone(),
                line: 1,
            });
        }
    }
}

/// Redirects from the old site's listing pages to the new ones: each folder of posts (`/posts`,
/// `/blog`) to `/insights`, and Hugo's and Zola's taxonomy term pages (`/tags/rust`,
/// `/categories/ops`) to `/tag/rust` and `/category/ops`. A path a document or its aliases
/// already stand at is left to them.
pub fn listing_redirects(
    layout: &Layout,
    site: &Site,
    articles: &[Article],
    pages: &[Page],
) -> Vec<crate::write::feeds::Redirect> {
    use crate::write::feeds::Redirect;
    if layout.generator == Generator::Quire {
        return Vec::new();
    }
    let mut claimed: BTreeSet<String> = articles
        .iter()
        .flat_map(|a| a.body.aliases.iter().map(|alias| alias.path.clone()))
        .chain(
            pages
                .iter()
                .flat_map(|p| p.body.aliases.iter().map(|alias| alias.path.clone())),
        )
        .chain(pages.iter().map(|page| routes::page(&page.slug)))
        .collect();
    let mut redirects = Vec::new();
    let mut add = |from: String, to: String, title: &str| {
        let plain = crate::read::article::is_plain_path(&from);
        if plain && from != to && !is_built_in(&from) && claimed.insert(from.clone()) {
            redirects.push(Redirect {
                from,
                to,
                title: title.to_owned(),
            });
        }
    };
    for folder in post_folders(layout) {
        add(folder, routes::INSIGHTS.to_owned(), "Insights");
    }
    if matches!(layout.generator, Generator::Hugo | Generator::Zola) {
        let term = |name: &str| match layout.generator {
            Generator::Hugo => hugo_term(name),
            _ => quire_model::slugify(name),
        };
        for category in &site.categories {
            let from = format!("/categories/{}", term(&category.name));
            add(from, routes::category(&category.slug), &category.name);
        }
        let mut tags: BTreeMap<String, &str> = BTreeMap::new();
        for tag in articles.iter().flat_map(|article| &article.tags) {
            tags.entry(crate::read::article::name_slug(tag))
                .or_insert(tag);
        }
        for (slug, name) in tags {
            add(format!("/tags/{}", term(name)), routes::tag(&slug), name);
        }
    }
    redirects
}

/// Hugo's term addresses: its `urlize`, lower-cased.
fn hugo_term(name: &str) -> String {
    crate::generator::permalink::urlize(name).to_lowercase()
}

/// The old site's folders of posts: the first folder of each post (Hugo, Zola) or its
/// collection's route (Astro), as site paths.
fn post_folders(layout: &Layout) -> BTreeSet<String> {
    layout
        .articles
        .iter()
        .filter_map(|file| match &file.origin.route_prefix {
            // Posts at the site's root have no folder of their own.
            Some(prefix) => Some(trimmed(prefix)).filter(|folder| folder != "/"),
            None if layout.generator == Generator::Jekyll => None,
            None => {
                let folders = file.origin.folders();
                let first = folders.first()?;
                (!first.starts_with('_')).then(|| format!("/{}", first.to_lowercase()))
            }
        })
        .collect()
}

/// The path of a site's address (`/v2/` of `https://example.com/v2`), when it has one.
pub(crate) fn url_path(base_url: &str) -> Option<String> {
    let after_scheme = base_url.split_once("://")?.1;
    let path = after_scheme.find('/').map(|at| &after_scheme[at..])?;
    let path = path.trim_matches('/');
    (!path.is_empty()).then(|| format!("/{path}/"))
}

/// What a build of another generator's site published and left out, for its summary.
pub fn summary(
    layout: &Layout,
    articles: &[Article],
    pages: &[Page],
    expired: usize,
    listing_redirects: usize,
) -> Migration {
    let aliases = || {
        articles
            .iter()
            .flat_map(|a| &a.body.aliases)
            .chain(pages.iter().flat_map(|p| &p.body.aliases))
    };
    Migration {
        generator: Some(layout.generator),
        posts: articles.len(),
        pages: pages.len(),
        sections: layout.sections,
        redirects: aliases().count() + listing_redirects,
        old_addresses: aliases().filter(|alias| alias.old_address).count(),
        listing_redirects,
        old_base_path: url_path(&layout.site.info.base_url),
        images: articles
            .iter()
            .map(|a| a.local_files.len())
            .chain(pages.iter().map(|p| p.local_files.len()))
            .sum(),
        expired,
        left_out: layout
            .left_out
            .iter()
            .map(|(reason, count)| (reason.describe().to_owned(), *count))
            .collect(),
        templates_rendered: templates_rendered(
            articles
                .iter()
                .map(|a| &a.templates)
                .chain(pages.iter().map(|p| &p.templates)),
        ),
        templates_unrendered: Vec::new(),
    }
}

/// How many of each shortcode, tag or component the published bodies rendered, by name.
fn templates_rendered<'a>(uses: impl Iterator<Item = &'a TemplateUse>) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for templates in uses {
        for (name, count) in &templates.rendered {
            *counts.entry(name.clone()).or_default() += count;
        }
    }
    counts.into_iter().collect()
}

/// Each construct no body could render, once per name, in the first file (in build order) and at
/// the line that first uses it.
pub(crate) fn unrendered_templates<'a>(
    documents: impl Iterator<Item = (&'a Path, &'a TemplateUse)>,
) -> Vec<(Unrendered, PathBuf)> {
    let mut found: Vec<(Unrendered, PathBuf)> = Vec::new();
    let mut names = std::collections::HashSet::new();
    for (path, templates) in documents {
        for unrendered in &templates.unrendered {
            if names.insert(unrendered.name.as_str()) {
                found.push((unrendered.clone(), path.to_path_buf()));
            }
        }
    }
    found
}

/// A site path without its trailing `/` (the root stays `/`).
fn trimmed(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_path_a_site_was_served_under() {
        assert_eq!(url_path("https://x.example/v2").as_deref(), Some("/v2/"));
        assert_eq!(url_path("https://x.example/a/b/").as_deref(), Some("/a/b/"));
        assert_eq!(url_path("https://x.example/"), None);
        assert_eq!(url_path("https://x.example"), None);
        assert_eq!(url_path(""), None);
    }

    #[test]
    fn only_paths_the_apps_routes_can_take_are_built_in() {
        for taken in [
            "/search",
            "/archive",
            "/archive/2024/03",
            "/insights/x",
            "/tag/a/b",
            "/bundle/m.json",
        ] {
            assert!(is_built_in(taken), "{taken}");
        }
        for free in [
            "/archive/dns-cutover",
            "/blog/x",
            "/2024/03/x",
            "/posts",
            "/tags-old",
        ] {
            assert!(!is_built_in(free), "{free}");
        }
    }
}
