//! What each route puts in `<head>`: its title, description, page kind and structured data.
//! The app and the compiler's pre-rendered pages both take them from here, so a link preview
//! (which never runs JavaScript) and the live app always say the same thing.

use serde_json::json;

use crate::archive::ArchivePeriod;
use crate::bundle::{
    ArticleSummary, CaseStudySummary, CategoryInfo, Manifest, PageSummary, SiteInfo, TagInfo,
};

/// `og:type`: articles and case studies are `article`, every other route a `website`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Website,
    Article,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageHead {
    /// The page's own title, without the site's name.
    pub title: String,
    pub description: String,
    pub kind: PageKind,
    /// The page's own social image (a site path or an absolute URL), if it names one.
    pub image: Option<String>,
}

impl PageHead {
    fn website(title: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: description.into(),
            kind: PageKind::Website,
            image: None,
        }
    }

    /// The full address of the image a link preview shows for the page: its own, else the
    /// site's. A site path needs the site's `base_url` (which ends in the hosting base), since a
    /// preview is fetched from elsewhere; without one there is none.
    pub fn image_url(&self, site: &SiteInfo) -> Option<String> {
        let image = self.image.as_ref().or(site.image.as_ref())?;
        if !image.starts_with('/') {
            return Some(image.clone());
        }
        (!site.base_url.is_empty()).then(|| format!("{}{image}", site.base_url))
    }

    /// The `<title>`: the page's title and the site's, once when they are the same.
    pub fn full_title(&self, site: &SiteInfo) -> String {
        if self.title == site.title {
            self.title.clone()
        } else {
            format!("{} · {}", self.title, site.title)
        }
    }

    pub fn home(site: &SiteInfo) -> Self {
        Self::website(site.title.clone(), site.tagline.clone())
    }

    pub fn insights(site: &SiteInfo) -> Self {
        Self::website(
            "All articles",
            format!("Every article published on {}.", site.title),
        )
    }

    pub fn search(site: &SiteInfo) -> Self {
        Self::website(
            "Search",
            format!("Search every article published on {}.", site.title),
        )
    }

    pub fn article(article: &ArticleSummary) -> Self {
        Self {
            title: article.title.clone(),
            description: article.summary.clone(),
            kind: PageKind::Article,
            image: article.image.clone().or_else(|| article.card.clone()),
        }
    }

    pub fn category(category: &CategoryInfo, site: &SiteInfo) -> Self {
        let description = if category.description.is_empty() {
            format!("Articles about {} on {}.", category.name, site.title)
        } else {
            category.description.clone()
        };
        Self::website(category.name.clone(), description)
    }

    pub fn tag(tag: &TagInfo, site: &SiteInfo) -> Self {
        Self::website(
            format!("Tag: {}", tag.name),
            format!("Articles tagged {} on {}.", tag.name, site.title),
        )
    }

    pub fn archive(period: ArchivePeriod) -> Self {
        let heading = period.heading();
        let description = format!("{heading}: articles by month.");
        Self::website(heading, description)
    }

    pub fn tags(site: &SiteInfo) -> Self {
        Self::website("Tags", format!("Every tag on {}, A to Z.", site.title))
    }

    pub fn case_studies(site: &SiteInfo) -> Self {
        Self::website("Case studies", format!("Case studies from {}.", site.title))
    }

    pub fn case_study(study: &CaseStudySummary) -> Self {
        Self {
            title: study.title.clone(),
            description: study.subtitle.clone(),
            kind: PageKind::Article,
            image: study.image.clone(),
        }
    }

    pub fn page(page: &PageSummary) -> Self {
        Self {
            image: page.image.clone(),
            ..Self::website(page.title.clone(), page.description.clone())
        }
    }

    pub fn not_found() -> Self {
        Self::website(
            "Not found",
            "The link may be old or mistyped. Try the home page or the full list of articles.",
        )
    }
}

/// schema.org `BlogPosting` for an article, as JSON safe to place inside a `<script>` element.
pub fn article_json_ld(manifest: &Manifest, article: &ArticleSummary, url: &str) -> String {
    let site = &manifest.site;
    let modified = article.updated.unwrap_or(article.date).max(article.date);
    let keywords: Vec<&str> = article
        .tags
        .iter()
        .map(|slug| manifest.tag_name(slug))
        .collect();
    // The people named, else the publication itself.
    let authors = if article.authors.is_empty() {
        json!({ "@type": "Organization", "name": site.title })
    } else {
        article
            .authors
            .iter()
            .map(|name| json!({ "@type": "Person", "name": name }))
            .collect()
    };
    let value = json!({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.published_at(),
        "dateModified": modified.to_string(),
        "articleSection": article.category.as_deref().map(|slug| manifest.category_name(slug)),
        "keywords": keywords,
        "wordCount": article.word_count,
        "url": url,
        "mainEntityOfPage": url,
        "author": authors,
        "publisher": { "@type": "Organization", "name": site.title },
    });
    script_safe_json(&value)
}

/// schema.org `WebSite` for the home page.
pub fn website_json_ld(site: &SiteInfo, url: &str) -> String {
    let value = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.title,
        "description": site.tagline,
        "url": url,
    });
    script_safe_json(&value)
}

/// JSON whose text cannot end the `<script>` element it sits in or open a comment: `<`, `>` and
/// `&` become `\u` escapes, which every JSON parser reads back as the same characters.
fn script_safe_json(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .expect("a JSON value always serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;

    fn site() -> SiteInfo {
        SiteInfo {
            title: "Brightline".into(),
            tagline: "Notes".into(),
            base_url: "https://example.com".into(),
            nav: vec![],
            footer: vec![],
            call_to_action: None,
            image: None,
            language: None,
        }
    }

    #[test]
    fn a_link_preview_shows_the_pages_image_else_the_sites_as_a_full_address() {
        let own = ArticleSummary {
            image: Some("/img/own.png".into()),
            picture: None,
            image_alt: None,
            card: None,
            time: None,
            ..article("A")
        };
        let mut site = site();
        assert_eq!(PageHead::article(&article("A")).image_url(&site), None);
        assert_eq!(
            PageHead::article(&own).image_url(&site).as_deref(),
            Some("https://example.com/img/own.png")
        );
        site.image = Some("https://cdn.example/card.png".into());
        assert_eq!(
            PageHead::insights(&site).image_url(&site).as_deref(),
            Some("https://cdn.example/card.png")
        );
        assert_eq!(
            PageHead::article(&own).image_url(&site).as_deref(),
            Some("https://example.com/img/own.png")
        );
        // Hosted under a sub-path, the base URL already ends in it.
        site.base_url = "https://example.com/blog".into();
        assert_eq!(
            PageHead::article(&own).image_url(&site).as_deref(),
            Some("https://example.com/blog/img/own.png")
        );
        // A site path needs a base URL; an absolute one does not.
        site.base_url.clear();
        assert_eq!(PageHead::article(&own).image_url(&site), None);
        assert_eq!(
            PageHead::not_found().image_url(&site).as_deref(),
            Some("https://cdn.example/card.png")
        );
    }

    fn article(title: &str) -> ArticleSummary {
        ArticleSummary {
            time: None,
            authors: Vec::new(),
            slug: "a".into(),
            title: title.into(),
            summary: "S".into(),
            own_summary: false,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
            date: Date::new(2026, 3, 1).unwrap(),
            updated: Some(Date::new(2026, 3, 9).unwrap()),
            category: Some("c".into()),
            tags: vec!["t".into()],
            reading_minutes: 2,
            word_count: 400,
            featured: false,
        }
    }

    #[test]
    fn the_site_title_is_appended_once() {
        let site = site();
        assert_eq!(PageHead::home(&site).full_title(&site), "Brightline");
        assert_eq!(
            PageHead::insights(&site).full_title(&site),
            "All articles · Brightline"
        );
        assert_eq!(
            PageHead::archive(ArchivePeriod::Month {
                year: 2026,
                month: 3
            })
            .title,
            "Archive: March 2026"
        );
    }

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let manifest = Manifest {
            schema_version: crate::SCHEMA_VERSION,
            site: site(),
            categories: vec![],
            tags: vec![],
            archive: vec![],
            article_count: 0,
            featured: None,
            latest: vec![],
            shards: vec![],
            first_pages: String::new(),
            lookup: vec![],
            case_study_sections: vec![],
            case_studies: vec![],
            pages: vec![],
            search: Default::default(),
            facets: Default::default(),
        };
        let hostile = article("</script><script>alert(1)</script> & <!--");
        let text = article_json_ld(&manifest, &hostile, "https://example.com/insights/a");
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["headline"], hostile.title);
        assert_eq!(parsed["@type"], "BlogPosting");
        assert_eq!(parsed["dateModified"], "2026-03-09");
        assert_eq!(parsed["keywords"][0], "t");
        assert_eq!(
            parsed["author"],
            serde_json::json!({ "@type": "Organization", "name": "Brightline" }),
            "no author named: the publication"
        );
        let mut written = hostile.clone();
        written.authors = vec!["Maya Chen".into(), "Sam </script>".into()];
        let text = article_json_ld(&manifest, &written, "https://example.com/insights/a");
        assert!(!text.contains('<'));
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            parsed["author"],
            serde_json::json!([
                { "@type": "Person", "name": "Maya Chen" },
                { "@type": "Person", "name": "Sam </script>" }
            ])
        );
    }
}
