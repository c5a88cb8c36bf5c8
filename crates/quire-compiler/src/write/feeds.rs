//! Site-level files beside the app: RSS and Atom feeds (site-wide and per category), the sitemap,
//! robots.txt, and the `_headers` / `_redirects` rules Netlify and Cloudflare Pages read.

use std::collections::BTreeMap;

use quire_model::timestamp::{rfc2822, rfc3339};
use quire_model::{ArticleSummary, Manifest};

use crate::write::staging::OutputFile;
use quire_model::escape::xml_escape;
use quire_model::routes::{self, SiteBase, public_url};

/// Articles per feed: the newest ones, with their full content.
pub(crate) const FEED_LENGTH: usize = 20;

/// An article with the HTML its feed entry carries.
pub(crate) struct FeedEntry<'a> {
    pub article: &'a ArticleSummary,
    pub html: &'a str,
}

fn article_url(base_url: &str, slug: &str) -> String {
    public_url(base_url, &routes::article(slug))
}

/// RSS 2.0 with full content (`content:encoded`) and a self link.
pub fn rss(manifest: &Manifest, title: &str, feed_path: &str, entries: &[FeedEntry<'_>]) -> String {
    let site = &manifest.site;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n",
    );
    out += &format!("<title>{}</title>\n", xml_escape(title));
    out += &format!("<link>{}/</link>\n", xml_escape(&site.base_url));
    out += &format!("<description>{}</description>\n", xml_escape(&site.tagline));
    out += &format!(
        "<atom:link href=\"{}{feed_path}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml_escape(&site.base_url)
    );
    if let Some(newest) = entries.first() {
        out += &format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            rfc2822(newest.article.date, newest.article.time)
        );
    }
    for entry in entries {
        let article = entry.article;
        let url = xml_escape(&article_url(&site.base_url, &article.slug));
        out += "<item>\n";
        out += &format!("<title>{}</title>\n", xml_escape(&article.title));
        out += &format!("<link>{url}</link>\n<guid isPermaLink=\"true\">{url}</guid>\n");
        out += &format!(
            "<pubDate>{}</pubDate>\n",
            rfc2822(article.date, article.time)
        );
        // RSS's own <author> wants an email address; Dublin Core's creator takes a name.
        for name in &article.authors {
            out += &format!("<dc:creator>{}</dc:creator>\n", xml_escape(name));
        }
        if let Some(category) = &article.category {
            out += &format!(
                "<category>{}</category>\n",
                xml_escape(manifest.category_name(category))
            );
        }
        out += &format!(
            "<description>{}</description>\n",
            xml_escape(&article.summary)
        );
        out += &format!(
            "<content:encoded>{}</content:encoded>\n",
            xml_escape(entry.html)
        );
        out += "</item>\n";
    }
    out + "</channel>\n</rss>\n"
}

/// Atom 1.0 with full content.
pub fn atom(
    manifest: &Manifest,
    title: &str,
    feed_path: &str,
    entries: &[FeedEntry<'_>],
) -> String {
    let site = &manifest.site;
    let base = xml_escape(&site.base_url);
    let updated = entries
        .iter()
        .map(|entry| {
            entry
                .article
                .updated
                .unwrap_or(entry.article.date)
                .max(entry.article.date)
        })
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |date| date.rfc3339());
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    out += &format!("<title>{}</title>\n", xml_escape(title));
    out += &format!("<subtitle>{}</subtitle>\n", xml_escape(&site.tagline));
    out += &format!("<id>{base}{feed_path}</id>\n");
    out += &format!("<link href=\"{base}/\"/>\n<link rel=\"self\" href=\"{base}{feed_path}\"/>\n");
    out += &format!("<updated>{updated}</updated>\n");
    out += &format!(
        "<author><name>{}</name></author>\n",
        xml_escape(&site.title)
    );
    for entry in entries {
        let article = entry.article;
        let url = xml_escape(&article_url(&site.base_url, &article.slug));
        out += "<entry>\n";
        out += &format!("<title>{}</title>\n", xml_escape(&article.title));
        out += &format!("<id>{url}</id>\n<link href=\"{url}\"/>\n");
        for name in &article.authors {
            out += &format!("<author><name>{}</name></author>\n", xml_escape(name));
        }
        out += &format!(
            "<published>{}</published>\n",
            rfc3339(article.date, article.time)
        );
        out += &format!(
            "<updated>{}</updated>\n",
            match article.updated.filter(|updated| *updated > article.date) {
                Some(updated) => updated.rfc3339(),
                // Never before `<published>`, which carries the time of day.
                None => rfc3339(article.date, article.time),
            }
        );
        if let Some(category) = &article.category {
            out += &format!("<category term=\"{}\"/>\n", xml_escape(category));
        }
        out += &format!("<summary>{}</summary>\n", xml_escape(&article.summary));
        out += &format!(
            "<content type=\"html\">{}</content>\n",
            xml_escape(entry.html)
        );
        out += "</entry>\n";
    }
    out + "</feed>\n"
}

/// Every route a reader or crawler can land on, as absolute URLs.
pub fn sitemap(manifest: &Manifest, articles: &[ArticleSummary]) -> String {
    let base = &manifest.site.base_url;
    let url = |route: &str| public_url(base, route);
    let mut urls: Vec<(String, Option<String>)> = vec![
        (url("/"), None),
        (url(routes::INSIGHTS), None),
        (url(routes::ARCHIVE), None),
        (url(routes::TAGS), None),
    ];
    for article in articles {
        let modified = article.updated.unwrap_or(article.date).max(article.date);
        urls.push((article_url(base, &article.slug), Some(modified.to_string())));
    }
    for category in manifest.categories.iter().filter(|c| c.count > 0) {
        urls.push((url(&routes::category(&category.slug)), None));
    }
    for tag in &manifest.tags {
        urls.push((url(&routes::tag(&tag.slug)), None));
    }
    let mut years = BTreeMap::new();
    for month in &manifest.archive {
        years.insert(month.year, ());
        urls.push((url(&routes::archive_month(month.year, month.month)), None));
    }
    for year in years.keys() {
        urls.push((url(&routes::archive_year(*year)), None));
    }
    if !manifest.case_studies.is_empty() {
        urls.push((url(routes::CASE_STUDIES), None));
    }
    for study in &manifest.case_studies {
        urls.push((
            url(&routes::case_study(&study.slug)),
            study.date.map(|d| d.to_string()),
        ));
    }
    for page in &manifest.pages {
        urls.push((url(&routes::page(&page.slug)), None));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, modified) in urls {
        out += &format!("<url><loc>{}</loc>", xml_escape(&url));
        if let Some(modified) = modified {
            out += &format!("<lastmod>{modified}</lastmod>");
        }
        out += "</url>\n";
    }
    out + "</urlset>\n"
}

/// Where [`robots`] goes, unless the site's `static/` has a robots.txt of its own.
pub(crate) const ROBOTS: &str = "robots.txt";

pub fn robots(manifest: &Manifest) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        manifest.site.base_url
    )
}

/// Security and cache rules, every path under the hosting base: the Content-Security-Policy on
/// everything (`policy`, from [`crate::write::shell::content_security_policy`]), content-hashed files
/// cached forever, HTML and the manifest revalidated every time.
pub fn headers(base: &SiteBase, policy: &str) -> String {
    let prefix = base.prefix();
    let immutable = "  Cache-Control: public, max-age=31536000, immutable\n";
    // frame-ancestors only works as a header (browsers ignore it in <meta>), so it is added here.
    let mut out = format!(
        "{prefix}/*\n  Content-Security-Policy: {policy}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n\n{}\n  Cache-Control: no-cache\n\n{prefix}/*.html\n  Cache-Control: no-cache\n\n{prefix}/bundle/manifest.json\n  Cache-Control: no-cache\n",
        base.dir()
    );
    for hashed in [
        "/bundle/articles/*",
        "/bundle/listing/*",
        "/bundle/lookup/*",
        "/bundle/pages/*",
        "/bundle/case-studies/*",
        "/bundle/search/*",
        "/bundle/first-pages/*",
        "/bundle/facets/*",
        "/bundle/entries/*",
        "/bundle/manifest.*.json",
        "/*.wasm",
        "/*.js",
        "/*.css",
    ] {
        out += &format!("\n{prefix}{hashed}\n{immutable}");
    }
    // Resized images and preview cards are named by the hash of what they were made from.
    out += &format!(
        "\n{prefix}/{}/*\n{immutable}",
        quire_model::picture::IMAGE_DIR
    );
    out
}

/// The single-page-app fallback: a path the host has no file for is answered by `404.html`,
/// which is the app too (so a route it knows still renders) but keeps the honest status.
pub fn redirects(base: &SiteBase, moved: &[Redirect]) -> String {
    let prefix = base.prefix();
    let mut out = String::new();
    // First match wins, so the moved pages come before the not-found fallback; each path with
    // and without its trailing `/`, as hosts differ on which one they match.
    for redirect in moved {
        let to = base.href(&redirect.to);
        out += &format!("{prefix}{}    {to}    301\n", redirect.from);
        if !redirect.from.ends_with(".html") {
            out += &format!("{prefix}{}/    {to}    301\n", redirect.from);
        }
    }
    out + &format!("{prefix}/*    {prefix}/404.html    404\n")
}

/// The file that stands at an old path for hosts without redirect rules: `old/index.html`, or
/// the `.html` file itself.
pub(crate) fn moved_page_file(from: &str) -> String {
    if from.ends_with(".html") {
        from.trim_start_matches('/').to_owned()
    } else {
        crate::write::pages::page_file(Some(from))
    }
}

/// A site path a document was published at before (`from`, from its `aliases`), and the route
/// it is at now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Redirect {
    pub from: String,
    pub to: String,
    /// The document's title, for the page that stands at the old path.
    pub title: String,
}

impl Redirect {
    pub(crate) fn file_path(&self) -> String {
        moved_page_file(&self.from)
    }

    /// A page that sends the reader on at once (a refresh, not a script, so the CSP needs
    /// nothing), names the new address for search engines and links it for the rest. Its empty
    /// icon keeps the browser from asking the host for a `/favicon.ico` it may not have.
    pub fn page(&self, manifest: &Manifest, base: &SiteBase) -> String {
        let to = xml_escape(&base.href(&self.to));
        let canonical = if manifest.site.base_url.is_empty() {
            String::new()
        } else {
            format!(
                "<link rel=\"canonical\" href=\"{}\">",
                xml_escape(&public_url(&manifest.site.base_url, &self.to))
            )
        };
        format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Moved: {title}</title>\
             <meta name=\"robots\" content=\"noindex\"><link rel=\"icon\" href=\"data:,\">{canonical}<meta http-equiv=\"refresh\" content=\"0; url={to}\">\
             <p>This page has moved to <a href=\"{to}\">{title}</a>.</p>\n",
            title = xml_escape(&self.title),
        )
    }
}

/// All site files for a bundle; feeds and the sitemap need `base_url` for absolute URLs, so a site
/// without one gets only the host rules.
pub(crate) fn site_files(
    manifest: &Manifest,
    articles: &[ArticleSummary],
    html_by_slug: &BTreeMap<String, String>,
    base: &SiteBase,
    policy: &str,
    moved: &[Redirect],
) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile {
            path: "_headers".into(),
            bytes: headers(base, policy).into_bytes(),
        },
        OutputFile {
            path: "_redirects".into(),
            bytes: redirects(base, moved).into_bytes(),
        },
    ];
    files.extend(moved.iter().map(|redirect| OutputFile {
        path: redirect.file_path(),
        bytes: redirect.page(manifest, base).into_bytes(),
    }));
    if manifest.site.base_url.is_empty() {
        return files;
    }
    let entries =
        |articles: &mut dyn Iterator<Item = &ArticleSummary>| -> Vec<(ArticleSummary, String)> {
            articles
                .take(FEED_LENGTH)
                .filter_map(|article| {
                    html_by_slug
                        .get(&article.slug)
                        .map(|html| (article.clone(), html.clone()))
                })
                .collect()
        };
    let mut feeds = vec![(
        String::new(),
        manifest.site.title.clone(),
        entries(&mut articles.iter()),
    )];
    for category in manifest.categories.iter().filter(|c| c.count > 0) {
        feeds.push((
            format!("/category/{}", category.slug),
            format!("{} · {}", category.name, manifest.site.title),
            entries(
                &mut articles
                    .iter()
                    .filter(|a| a.category.as_ref() == Some(&category.slug)),
            ),
        ));
    }
    for (prefix, title, owned) in feeds {
        let entries: Vec<FeedEntry<'_>> = owned
            .iter()
            .map(|(article, html)| FeedEntry { article, html })
            .collect();
        let rss_path = format!("{prefix}/feed.xml");
        let atom_path = format!("{prefix}/atom.xml");
        files.push(OutputFile {
            path: rss_path[1..].to_owned(),
            bytes: rss(manifest, &title, &rss_path, &entries).into_bytes(),
        });
        files.push(OutputFile {
            path: atom_path[1..].to_owned(),
            bytes: atom(manifest, &title, &atom_path, &entries).into_bytes(),
        });
    }
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: sitemap(manifest, articles).into_bytes(),
    });
    files.push(OutputFile {
        path: ROBOTS.into(),
        bytes: robots(manifest).into_bytes(),
    });
    files
}

/// The articles whose HTML some feed carries: the newest overall and the newest per category.
/// `articles` is newest first.
pub(crate) fn feed_slugs(articles: &[ArticleSummary]) -> std::collections::BTreeSet<String> {
    let mut slugs: std::collections::BTreeSet<String> = articles
        .iter()
        .take(FEED_LENGTH)
        .map(|a| a.slug.clone())
        .collect();
    let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
    for article in articles {
        let Some(category) = &article.category else {
            continue;
        };
        let taken = per_category.entry(category.as_str()).or_insert(0);
        if *taken < FEED_LENGTH {
            *taken += 1;
            slugs.insert(article.slug.clone());
        }
    }
    slugs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::shell::{InlineCode, content_security_policy};

    #[test]
    fn host_rules_cache_hashed_files_forever_and_revalidate_the_rest() {
        let headers = headers(
            &SiteBase::default(),
            &content_security_policy(&InlineCode::default()),
        );
        assert!(headers.contains("/bundle/manifest.json\n  Cache-Control: no-cache"));
        assert!(headers.contains(
            "/bundle/manifest.*.json\n  Cache-Control: public, max-age=31536000, immutable"
        ));
        assert!(
            headers.contains(
                "/bundle/articles/*\n  Cache-Control: public, max-age=31536000, immutable"
            )
        );
        assert!(headers.contains("/*.html\n  Cache-Control: no-cache"));
        assert!(headers.contains("/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"));
        assert!(headers.contains("frame-ancestors 'none'"));
        assert!(!headers.contains("unsafe-inline"));
        assert_eq!(
            redirects(&SiteBase::default(), &[]),
            "/*    /404.html    404\n"
        );
    }

    #[test]
    fn host_rules_stay_under_the_hosting_base() {
        let base = SiteBase::new("/blog/");
        let headers = headers(&base, "P");
        for line in headers.lines().filter(|line| line.starts_with('/')) {
            assert!(line.starts_with("/blog/"), "{line}");
        }
        assert!(headers.contains(
            "/blog/bundle/articles/*\n  Cache-Control: public, max-age=31536000, immutable"
        ));
        assert_eq!(redirects(&base, &[]), "/blog/*    /blog/404.html    404\n");
    }

    #[test]
    fn moved_pages_redirect_before_the_fallback_with_and_without_their_slash() {
        let moved = [
            Redirect {
                from: "/2019/05/old-title".into(),
                to: "/insights/new-title".into(),
                title: "New <title>".into(),
            },
            Redirect {
                from: "/blog/old.html".into(),
                to: "/insights/other".into(),
                title: "Other".into(),
            },
        ];
        assert_eq!(
            redirects(&SiteBase::new("/blog/"), &moved),
            "/blog/2019/05/old-title    /blog/insights/new-title/    301\n\
             /blog/2019/05/old-title/    /blog/insights/new-title/    301\n\
             /blog/blog/old.html    /blog/insights/other/    301\n\
             /blog/*    /blog/404.html    404\n"
        );
        assert_eq!(moved[0].file_path(), "2019/05/old-title/index.html");
        assert_eq!(moved[1].file_path(), "blog/old.html");
        let manifest = Manifest {
            site: quire_model::SiteInfo {
                base_url: "https://example.com/blog".into(),
                ..Default::default()
            },
            ..serde_json::from_str(include_str!(
                "../../tests/fixtures/valid-site.manifest.json"
            ))
            .unwrap()
        };
        let page = moved[0].page(&manifest, &SiteBase::new("/blog/"));
        assert!(
            page.contains(
                "<meta http-equiv=\"refresh\" content=\"0; url=/blog/insights/new-title/\">"
            ),
            "{page}"
        );
        assert!(
            page.contains(
                "<link rel=\"canonical\" href=\"https://example.com/blog/insights/new-title/\">"
            ),
            "{page}"
        );
        assert!(
            page.contains("<a href=\"/blog/insights/new-title/\">New &lt;title&gt;</a>"),
            "{page}"
        );
        assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(page.contains("<link rel=\"icon\" href=\"data:,\">"));
    }
}
