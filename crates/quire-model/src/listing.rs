//! Pure queries over a manifest: the featured article, the latest list, lookups by slug, and ordering.

use std::cmp::Ordering;

use crate::bundle::{ArticleSummary, CategoryInfo, Manifest, TagInfo};

/// Newest first, then by slug, so two builds of the same content list articles identically.
pub fn newest_first(a: &ArticleSummary, b: &ArticleSummary) -> Ordering {
    b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
}

impl Manifest {
    /// The article shown as the home page's hero: the newest one marked `featured`, else the newest.
    pub fn featured(&self) -> Option<&ArticleSummary> {
        self.articles
            .iter()
            .find(|article| article.featured)
            .or_else(|| self.articles.first())
    }

    /// The newest `limit` articles other than the featured one.
    pub fn latest_after_featured(&self, limit: usize) -> Vec<&ArticleSummary> {
        let featured_slug = self.featured().map(|article| article.slug.as_str());
        self.articles
            .iter()
            .filter(|article| Some(article.slug.as_str()) != featured_slug)
            .take(limit)
            .collect()
    }

    pub fn article(&self, slug: &str) -> Option<&ArticleSummary> {
        self.articles.iter().find(|article| article.slug == slug)
    }

    pub fn category(&self, slug: &str) -> Option<&CategoryInfo> {
        self.categories
            .iter()
            .find(|category| category.slug == slug)
    }

    pub fn tag(&self, slug: &str) -> Option<&TagInfo> {
        self.tags.iter().find(|tag| tag.slug == slug)
    }

    /// The category's display name, falling back to the slug for a bundle that lacks it.
    pub fn category_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.category(slug)
            .map_or(slug, |category| category.name.as_str())
    }

    /// Neighbours of an article in the listing order: (newer, older).
    pub fn neighbours(&self, slug: &str) -> (Option<&ArticleSummary>, Option<&ArticleSummary>) {
        let Some(index) = self
            .articles
            .iter()
            .position(|article| article.slug == slug)
        else {
            return (None, None);
        };
        let newer = index.checked_sub(1).and_then(|i| self.articles.get(i));
        (newer, self.articles.get(index + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Date, SCHEMA_VERSION, SiteInfo};

    fn article(slug: &str, date: &str, featured: bool) -> ArticleSummary {
        ArticleSummary {
            slug: slug.into(),
            title: slug.to_uppercase(),
            summary: String::new(),
            date: Date::parse(date).unwrap(),
            updated: None,
            category: "engineering".into(),
            tags: vec![],
            reading_minutes: 1,
            word_count: 1,
            featured,
            body: format!("articles/{slug}.json"),
        }
    }

    fn manifest(mut articles: Vec<ArticleSummary>) -> Manifest {
        articles.sort_by(newest_first);
        Manifest {
            schema_version: SCHEMA_VERSION,
            site: SiteInfo::default(),
            categories: vec![],
            tags: vec![],
            articles,
        }
    }

    fn slugs(articles: &[&ArticleSummary]) -> Vec<String> {
        articles.iter().map(|a| a.slug.clone()).collect()
    }

    #[test]
    fn orders_newest_first_then_by_slug() {
        let m = manifest(vec![
            article("b", "2026-01-01", false),
            article("a", "2026-01-01", false),
            article("c", "2026-02-01", false),
        ]);
        let order: Vec<_> = m.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(order, ["c", "a", "b"]);
    }

    #[test]
    fn featured_is_the_marked_article_or_else_the_newest() {
        let marked = manifest(vec![
            article("old", "2025-01-01", true),
            article("new", "2026-01-01", false),
        ]);
        assert_eq!(marked.featured().unwrap().slug, "old");
        assert_eq!(slugs(&marked.latest_after_featured(5)), ["new"]);

        let unmarked = manifest(vec![
            article("old", "2025-01-01", false),
            article("new", "2026-01-01", false),
        ]);
        assert_eq!(unmarked.featured().unwrap().slug, "new");
        assert_eq!(slugs(&unmarked.latest_after_featured(5)), ["old"]);

        let empty = manifest(vec![]);
        assert!(empty.featured().is_none());
        assert!(empty.latest_after_featured(5).is_empty());
    }

    #[test]
    fn latest_respects_the_limit() {
        let m = manifest(
            (1..=9)
                .map(|day| article(&format!("a{day}"), &format!("2026-01-0{day}"), false))
                .collect(),
        );
        assert_eq!(slugs(&m.latest_after_featured(3)), ["a8", "a7", "a6"]);
    }

    #[test]
    fn neighbours_follow_the_listing_order() {
        let m = manifest(vec![
            article("first", "2026-01-01", false),
            article("second", "2026-01-02", false),
            article("third", "2026-01-03", false),
        ]);
        let (newer, older) = m.neighbours("second");
        assert_eq!(newer.unwrap().slug, "third");
        assert_eq!(older.unwrap().slug, "first");
        let (newer, older) = m.neighbours("third");
        assert!(newer.is_none());
        assert_eq!(older.unwrap().slug, "second");
        assert_eq!(m.neighbours("missing"), (None, None));
    }
}
