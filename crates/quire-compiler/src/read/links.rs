//! Links from one content file to another (`[the guide](other.md)`, `../pages/about.md#team`),
//! as an author writes them in an editor or on GitHub, made the other document's page address.
//!
//! Every page has a `<base href>` at the site's root, so a link relative to the page would lead
//! somewhere else than the author meant: a content file's link becomes its page's address, and
//! any other relative link is a warning at its line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use url::Url;

use crate::diagnostic::Diagnostic;
use crate::markdown::{SitePath, is_page_relative};

/// The page address of every content file, by the file's absolute path.
pub(crate) struct DocumentRoutes {
    routes: HashMap<PathBuf, String>,
    /// Where Zola's `@/blog/post.md` links start: the site's `content/` folder.
    content_root: Option<PathBuf>,
}

/// Where a link relative to the page leads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A content file's page, with the link's `#fragment` if it had one.
    Document { route: String, address: String },
    /// A markdown file that is no article, page or case study of this site.
    MissingDocument(PathBuf),
    /// Anything else given relative to the page.
    Elsewhere,
    /// A reference (Hugo's `ref`, Jekyll's `post_url`) that names no document.
    MissingReference(String),
}

impl DocumentRoutes {
    /// `documents`: each content file with its page's route (`/insights/slug`).
    pub fn new<'a>(documents: impl Iterator<Item = (&'a Path, String)>) -> Self {
        Self {
            routes: documents
                .filter_map(|(path, route)| Some((std::path::absolute(path).ok()?, route)))
                .collect(),
            content_root: None,
        }
    }

    /// Links written `@/section/file.md` (Zola's internal links) are read from `root`.
    pub(crate) fn with_content_root(mut self, root: Option<PathBuf>) -> Self {
        self.content_root = root.and_then(|root| std::path::absolute(root).ok());
        self
    }

    /// Where `href`, written in the file at `from`, leads; `None` when it is not relative to
    /// the page (a site path, a URL, a fragment).
    pub(crate) fn resolve(&self, from: &Path, href: &str) -> Option<Resolved> {
        // Anywhere in the link: a template may have put the old site's address before it
        // (`{{ site.url }}{% post_url x %}`).
        if let Some(at) = href.find(crate::template::REFERENCE_PREFIX) {
            return Some(
                self.reference(from, &href[at + crate::template::REFERENCE_PREFIX.len()..]),
            );
        }
        if !is_page_relative(href) {
            return None;
        }
        let (from, href) = match (&self.content_root, href.strip_prefix("@/")) {
            (Some(root), Some(inside)) => (root.join("_"), inside),
            _ => (std::path::absolute(from).ok()?, href),
        };
        let base = Url::from_file_path(from).ok()?;
        let Some(target) = base.join(href).ok() else {
            return Some(Resolved::Elsewhere);
        };
        let Ok(file) = target.to_file_path() else {
            return Some(Resolved::Elsewhere);
        };
        if let Some(route) = self.routes.get(&file) {
            return Some(Resolved::Document {
                route: route.clone(),
                address: address_of(route, target.fragment().unwrap_or_default()),
            });
        }
        let is_markdown = file.extension().is_some_and(|extension| {
            ["md", "markdown", "mdx"]
                .iter()
                .any(|known| extension.eq_ignore_ascii_case(known))
        });
        Some(if is_markdown {
            Resolved::MissingDocument(file)
        } else {
            Resolved::Elsewhere
        })
    }

    /// A reference to another document by its path (Hugo's `ref`, Jekyll's `link` and
    /// `post_url`): from the content root when it starts with `/`, else from the page's folder
    /// and then the content root, with or without its extension or as a bundle's `index`; and
    /// failing those, the one document whose path ends with it.
    fn reference(&self, from: &Path, written: &str) -> Resolved {
        let (path, fragment) = written.split_once('#').unwrap_or((written, ""));
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let trimmed = path.trim_start_matches('/');
        let mut bases: Vec<PathBuf> = Vec::new();
        if !path.starts_with('/') {
            bases.extend(from.parent().and_then(|dir| std::path::absolute(dir).ok()));
        }
        bases.extend(self.content_root.clone());
        let found = bases.iter().find_map(|base| {
            let base = Url::from_directory_path(base).ok()?;
            let target = base
                .join(&trimmed.replace('%', "%25"))
                .ok()?
                .to_file_path()
                .ok()?;
            let stem = target.to_string_lossy().trim_end_matches('/').to_owned();
            [
                stem.clone(),
                format!("{stem}.md"),
                format!("{stem}.markdown"),
                format!("{stem}.mdx"),
                format!("{stem}/index.md"),
                format!("{stem}/index.markdown"),
            ]
            .into_iter()
            .find_map(|candidate| self.routes.get(Path::new(&candidate)))
        });
        let found = found.or_else(|| self.ending_with(trimmed));
        if found.is_none()
            && let Some(route) = taxonomy_route(trimmed)
        {
            return Resolved::Document {
                address: address_of(&route, fragment),
                route,
            };
        }
        match found {
            Some(route) => Resolved::Document {
                route: route.clone(),
                address: address_of(route, fragment),
            },
            None => Resolved::MissingReference(trimmed.to_owned()),
        }
    }

    /// The route of the one document whose path, without its extension, ends with `written`.
    fn ending_with(&self, written: &str) -> Option<&String> {
        let written = written.trim_end_matches('/');
        if written.is_empty() {
            return None;
        }
        let without_extension = |path: &Path| {
            let text = path.to_string_lossy();
            text.strip_suffix("/index.md")
                .or_else(|| text.strip_suffix("/index.markdown"))
                .map(str::to_owned)
                .unwrap_or_else(|| path.with_extension("").to_string_lossy().into_owned())
        };
        let written_stem = Path::new(written).with_extension("");
        let wanted = format!("/{}", written_stem.to_string_lossy());
        let mut matches = self
            .routes
            .iter()
            .filter(|(path, _)| without_extension(path).ends_with(&wanted));
        let first = matches.next()?;
        matches.next().is_none().then_some(first.1)
    }

    /// Makes each link of `html` (a document's sanitised body, from the file at `from`) that
    /// names a content file lead to that file's page; `html` is left as it is when none does.
    pub(crate) fn link_documents(&self, from: &Path, html: &mut String) {
        use lol_html::{RewriteStrSettings, element, rewrite_str};
        let mut changed = false;
        let rewritten = rewrite_str(
            html,
            RewriteStrSettings {
                element_content_handlers: vec![element!("a[href]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    match self.resolve(from, &href) {
                        Some(Resolved::Document { address, .. }) => {
                            el.set_attribute("href", &address)?;
                            changed = true;
                        }
                        // Its text stays, as text: a link to nowhere would only lead a reader
                        // to the not-found page (the build warns of it). So for a Zola `@/`
                        // link, whose `@` no browser reads.
                        Some(Resolved::MissingReference(_)) => {
                            el.remove_attribute("href");
                            changed = true;
                        }
                        Some(Resolved::MissingDocument(_) | Resolved::Elsewhere)
                            if href.starts_with("@/") =>
                        {
                            el.remove_attribute("href");
                            changed = true;
                        }
                        _ => {}
                    }
                    Ok(())
                })],
                ..RewriteStrSettings::new()
            },
        );
        if let (true, Ok(rewritten)) = (changed, rewritten) {
            *html = rewritten;
        }
    }

    /// Warnings for the relative links of the file at `file` that lead to no page of the site,
    /// and the site paths of the ones that do (for the check that each is published).
    pub fn check(&self, file: &Path, links: &[SitePath]) -> (Vec<Diagnostic>, Vec<SitePath>) {
        let mut problems = Vec::new();
        let mut pages = Vec::new();
        for link in links {
            match self.resolve(file, &link.path) {
                Some(Resolved::Document { route, .. }) => pages.push(SitePath {
                    path: route,
                    line: link.line,
                }),
                Some(Resolved::MissingDocument(_)) => problems.push(Diagnostic::warning(
                    file,
                    link.line,
                    format!(
                        "the link {} names a markdown file that is no article, page or case \
                         study of this site",
                        link.path
                    ),
                )),
                Some(Resolved::MissingReference(written)) => problems.push(Diagnostic::warning(
                    file,
                    link.line,
                    format!(
                        "the reference {written} names no article, page or case study of this \
                         site; its text is kept without a link"
                    ),
                )),
                Some(Resolved::Elsewhere) => problems.push(Diagnostic::warning(
                    file,
                    link.line,
                    format!(
                        "the link {} is relative to the page, and every page reads links from \
                         the site's root; write it from the root (/…), or name the markdown \
                         file of another article, page or case study",
                        link.path
                    ),
                )),
                None => {}
            }
        }
        (problems, pages)
    }
}

/// Where a reference to one of Hugo's taxonomy pages (`tags`, `tags/rust`, `categories/ops`)
/// leads on Quire's site: the tag index, a tag's page, a category's page.
/// The link to `route`, at `fragment` when there is one, in the address form every link of the
/// site takes (`/insights/x/#setup`).
fn address_of(route: &str, fragment: &str) -> String {
    let page = quire_model::routes::address(route);
    if fragment.is_empty() {
        page
    } else {
        format!("{page}#{fragment}")
    }
}

fn taxonomy_route(written: &str) -> Option<String> {
    let path = written
        .trim_matches('/')
        .trim_end_matches("/_index.md")
        .trim_end_matches("_index.md")
        .trim_matches('/');
    let (taxonomy, term) = path.split_once('/').unwrap_or((path, ""));
    let slug = crate::read::article::name_slug(term);
    match (taxonomy, term.is_empty()) {
        ("tags", true) => Some(quire_model::routes::TAGS.to_owned()),
        ("tags", false) if !slug.is_empty() => Some(quire_model::routes::tag(&slug)),
        ("categories", false) if !slug.is_empty() => Some(quire_model::routes::category(&slug)),
        ("categories", true) => Some(quire_model::routes::INSIGHTS.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes() -> DocumentRoutes {
        DocumentRoutes::new(
            [
                (
                    Path::new("/site/articles/other.md"),
                    "/insights/other".to_owned(),
                ),
                (
                    Path::new("/site/articles/dated.md"),
                    "/insights/renamed".to_owned(),
                ),
                (Path::new("/site/pages/about us.md"), "/about".to_owned()),
                (
                    Path::new("/site/case-studies/study.md"),
                    "/case-studies/study".to_owned(),
                ),
            ]
            .into_iter(),
        )
    }

    fn resolved(href: &str) -> Option<Resolved> {
        routes().resolve(Path::new("/site/articles/a.md"), href)
    }

    /// The document at `route` (`/insights/x`, or `/insights/x#why` for a place on it).
    fn document(written: &str) -> Option<Resolved> {
        let (route, fragment) = written.split_once('#').unwrap_or((written, ""));
        Some(Resolved::Document {
            route: route.to_owned(),
            address: address_of(route, fragment),
        })
    }

    #[test]
    fn a_content_file_leads_to_its_page_however_it_is_written() {
        assert_eq!(resolved("other.md"), document("/insights/other"));
        assert_eq!(resolved("./other.md#why"), document("/insights/other#why"));
        assert_eq!(
            resolved("./other.md#why"),
            Some(Resolved::Document {
                route: "/insights/other".to_owned(),
                address: "/insights/other/#why".to_owned(),
            })
        );
        assert_eq!(resolved("dated.md"), document("/insights/renamed"));
        assert_eq!(resolved("../pages/about%20us.md"), document("/about"));
        assert_eq!(
            resolved("../case-studies/./study.md"),
            document("/case-studies/study")
        );
    }

    #[test]
    fn other_relative_links_are_told_apart_and_the_rest_is_not_judged() {
        assert_eq!(
            resolved("gone.md"),
            Some(Resolved::MissingDocument(PathBuf::from(
                "/site/articles/gone.md"
            )))
        );
        assert_eq!(resolved("notes/"), Some(Resolved::Elsewhere));
        assert_eq!(resolved("other.html"), Some(Resolved::Elsewhere));
        for not_relative in [
            "/insights/other",
            "https://x.example/a.md",
            "#top",
            "?q=1",
            "mailto:a@b.c",
        ] {
            assert_eq!(resolved(not_relative), None, "{not_relative}");
        }
    }

    #[test]
    fn a_reference_finds_its_document_however_the_generator_names_it() {
        let routes = routes().with_content_root(Some(PathBuf::from("/site")));
        let from = Path::new("/site/articles/a.md");
        let reference = |written: &str| routes.resolve(from, &format!("@ref/{written}"));
        assert_eq!(reference("other.md"), document("/insights/other"));
        assert_eq!(reference("other#why"), document("/insights/other#why"));
        assert_eq!(
            reference("/articles/dated.md"),
            document("/insights/renamed")
        );
        assert_eq!(reference("/articles/dated"), document("/insights/renamed"));
        assert_eq!(reference("/pages/about%20us.md"), document("/about"));
        assert_eq!(
            reference("study"),
            document("/case-studies/study"),
            "by its name alone"
        );
        assert_eq!(
            routes.resolve(from, "https://old.example@ref//articles/other.md"),
            document("/insights/other"),
            "after the old site's address"
        );
        assert_eq!(
            reference("/gone.md"),
            Some(Resolved::MissingReference("gone.md".to_owned()))
        );
        let mut html =
            "<p><a href=\"@ref/gone\">kept text</a> <a href=\"@/blog/gone.md\">z</a></p>"
                .to_owned();
        routes.link_documents(from, &mut html);
        assert_eq!(html, "<p><a>kept text</a> <a>z</a></p>");
        assert_eq!(reference("tags"), document("/tags"));
        assert_eq!(
            reference("/tags/Site Reliability"),
            document("/tag/site-reliability")
        );
        assert_eq!(
            reference("categories/ops/_index.md"),
            document("/category/ops")
        );
    }

    #[test]
    fn only_links_to_content_files_are_rewritten() {
        let mut html = "<p><a href=\"other.md#why\">o</a> <a href=\"notes/\">n</a> \
                        <a href=\"/insights/x\">x</a> <img src=\"other.md\"></p>"
            .to_owned();
        routes().link_documents(Path::new("/site/articles/a.md"), &mut html);
        assert_eq!(
            html,
            "<p><a href=\"/insights/other/#why\">o</a> <a href=\"notes/\">n</a> \
             <a href=\"/insights/x\">x</a> <img src=\"other.md\"></p>"
        );
    }

    #[test]
    fn each_relative_link_that_leads_nowhere_is_named_at_its_line() {
        let links = [
            SitePath {
                path: "other.md".to_owned(),
                line: 3,
            },
            SitePath {
                path: "gone.md".to_owned(),
                line: 5,
            },
            SitePath {
                path: "notes/".to_owned(),
                line: 7,
            },
        ];
        let (problems, pages) = routes().check(Path::new("/site/articles/a.md"), &links);
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "/site/articles/a.md:5: warning: the link gone.md names a markdown file that is no article, page or case study of this site",
                "/site/articles/a.md:7: warning: the link notes/ is relative to the page, and every page reads links from the site's root; write it from the root (/…), or name the markdown file of another article, page or case study",
            ]
        );
        assert_eq!(
            pages,
            [SitePath {
                path: "/insights/other".to_owned(),
                line: 3
            }]
        );
    }
}
