//! Pure queries over the manifest and the listing: ordering, the featured pick, the latest list,
//! lookups by slug, and the archive.

use std::cmp::Ordering;

use crate::bundle::{ArchiveMonth, ArticleSummary, CategoryInfo, Manifest, TagInfo};
use crate::escape::xml_escape;
use crate::query::count_label;
use crate::routes::{self, SiteBase};

/// What a page that lists articles says when the site has published none.
pub const NO_ARTICLES: &str = "No articles have been published yet.";

/// Newest first (by day, then by the time of day written, an article without one after those
/// with one), then by slug, so two builds of the same content list articles identically.
pub fn newest_first(a: &ArticleSummary, b: &ArticleSummary) -> Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| b.time.cmp(&a.time))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// The hero of a listing sorted newest first: the newest article marked `featured`, else the newest.
pub fn pick_featured(articles: &[ArticleSummary]) -> Option<&ArticleSummary> {
    articles
        .iter()
        .find(|article| article.featured)
        .or_else(|| articles.first())
}

/// Months with articles, newest first, counted from a listing sorted newest first.
pub fn archive_months(articles: &[ArticleSummary]) -> Vec<ArchiveMonth> {
    let mut months: Vec<ArchiveMonth> = Vec::new();
    for article in articles {
        let (year, month) = (article.date.year(), article.date.month());
        match months.last_mut() {
            Some(last) if last.year == year && last.month == month => last.count += 1,
            _ => months.push(ArchiveMonth {
                year,
                month,
                count: 1,
            }),
        }
    }
    months
}

impl Manifest {
    /// The newest `limit` articles other than the featured one.
    pub fn latest_after_featured(&self, limit: usize) -> Vec<&ArticleSummary> {
        let featured_slug = self.featured.as_ref().map(|article| article.slug.as_str());
        self.latest
            .iter()
            .filter(|article| Some(article.slug.as_str()) != featured_slug)
            .take(limit)
            .collect()
    }

    /// What the home page says in place of its latest articles when it has none to list: none
    /// published, or only the one its hero shows. The app and the pre-rendered page both say it.
    pub fn home_latest_empty_state(&self, latest_shown: usize) -> Option<&'static str> {
        match (&self.featured, latest_shown) {
            (None, _) => Some(NO_ARTICLES),
            (Some(_), 0) => Some("No other articles have been published yet."),
            (Some(_), _) => None,
        }
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

    /// The tag's display name, falling back to the slug.
    pub fn tag_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.tag(slug).map_or(slug, |tag| tag.name.as_str())
    }

    /// What the `/tags` page says under its heading, in the app and pre-rendered alike.
    pub const TAGS_LEDE: &'static str = "Every tag, A to Z, with how many articles carry it.";

    /// The `/tags` page below its heading, as markup the app and the pre-rendered page both
    /// show, so the two cannot drift apart: a row of initials, then each initial's tags with
    /// their counts, under the hosting `base`.
    pub fn tags_index_html(&self, base: &SiteBase) -> String {
        let groups = self.tags_by_initial();
        if groups.is_empty() {
            return "<p class=\"empty-state\">No article has a tag yet.</p>".to_owned();
        }
        let page = base.href(routes::TAGS);
        let mut initials = String::new();
        let mut sections = String::new();
        for (initial, tags) in &groups {
            let id = routes::tag_group_id(*initial);
            initials += &format!("<li><a href=\"{page}#{id}\">{initial}</a></li>");
            sections += &format!(
                "<section class=\"tag-group\" aria-labelledby=\"{id}\"><h2 id=\"{id}\" class=\"section-title\">{initial}</h2><ul class=\"tag-index\">"
            );
            for tag in tags {
                sections += &format!(
                    "<li><a href=\"{}\">{}</a> <span class=\"tag-index__count\">{}</span></li>",
                    xml_escape(&base.href(&routes::tag(&tag.slug))),
                    xml_escape(&tag.name),
                    count_label(tag.count)
                );
            }
            sections += "</ul></section>";
        }
        format!(
            "<nav class=\"tag-initials\" aria-label=\"Tags by initial\"><ul>{initials}</ul></nav>{sections}"
        )
    }

    /// Every tag that has articles, A to Z by name (ignoring case, then by slug), grouped by
    /// initial: an ASCII letter in upper case, and `#` for any other first character. The `/tags`
    /// page of the app and of the compiler's pre-rendered pages both list these.
    pub fn tags_by_initial(&self) -> Vec<(char, Vec<&TagInfo>)> {
        let initial = |tag: &TagInfo| {
            tag.name
                .chars()
                .next()
                .filter(char::is_ascii_alphabetic)
                .map_or('#', |letter| letter.to_ascii_uppercase())
        };
        let mut tags: Vec<&TagInfo> = self.tags.iter().filter(|tag| tag.count > 0).collect();
        crate::order::sort_by_cached_key(&mut tags, |tag| {
            let initial = initial(tag);
            (
                initial != '#',
                initial,
                tag.name.to_lowercase(),
                tag.slug.clone(),
            )
        });
        let mut groups: Vec<(char, Vec<&TagInfo>)> = Vec::new();
        for tag in tags {
            match groups.last_mut() {
                Some((last, members)) if *last == initial(tag) => members.push(tag),
                _ => groups.push((initial(tag), vec![tag])),
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Date, SCHEMA_VERSION, SiteInfo};

    #[test]
    fn tags_come_a_to_z_by_initial_without_empty_ones() {
        let mut site = manifest(vec![]);
        for (slug, name, count) in [
            ("rust", "Rust", 3),
            ("k8s", "k8s", 2),
            ("2026", "2026", 1),
            ("api", "API", 4),
            ("ai", "ai", 1),
            ("unused", "Unused", 0),
            ("eclair", "Éclair", 1),
            ("kafka", "Kafka", 5),
        ] {
            site.tags.push(TagInfo {
                slug: slug.into(),
                name: name.into(),
                count,
            });
        }
        let groups: Vec<(char, Vec<&str>)> = site
            .tags_by_initial()
            .into_iter()
            .map(|(initial, tags)| (initial, tags.iter().map(|tag| tag.slug.as_str()).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                ('#', vec!["2026", "eclair"]),
                ('A', vec!["ai", "api"]),
                ('K', vec!["k8s", "kafka"]),
                ('R', vec!["rust"]),
            ]
        );
        assert!(manifest(vec![]).tags_by_initial().is_empty());

        site.tags.push(TagInfo {
            slug: "c-cpp".into(),
            name: "C & <C++>".into(),
            count: 1,
        });
        let html = site.tags_index_html(&SiteBase::new("/blog/"));
        assert!(html.starts_with("<nav class=\"tag-initials\" aria-label=\"Tags by initial\"><ul><li><a href=\"/blog/tags/#tags-other\">#</a></li><li><a href=\"/blog/tags/#tags-a\">A</a></li>"), "{html}");
        assert!(html.contains("<section class=\"tag-group\" aria-labelledby=\"tags-c\"><h2 id=\"tags-c\" class=\"section-title\">C</h2><ul class=\"tag-index\"><li><a href=\"/blog/tag/c-cpp/\">C &amp; &lt;C++&gt;</a> <span class=\"tag-index__count\">1 article</span></li></ul></section>"), "{html}");
        assert_eq!(html.matches("<section").count(), 5);
        assert_eq!(
            manifest(vec![]).tags_index_html(&SiteBase::default()),
            "<p class=\"empty-state\">No article has a tag yet.</p>"
        );
    }

    fn article(slug: &str, date: &str, featured: bool) -> ArticleSummary {
        ArticleSummary {
            time: None,
            authors: Vec::new(),
            slug: slug.into(),
            title: slug.to_uppercase(),
            summary: String::new(),
            own_summary: false,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
            date: Date::parse(date).unwrap(),
            updated: None,
            category: Some("engineering".into()),
            tags: vec![],
            reading_minutes: 1,
            word_count: 1,
            featured,
        }
    }

    fn sorted(mut articles: Vec<ArticleSummary>) -> Vec<ArticleSummary> {
        articles.sort_by(newest_first);
        articles
    }

    fn manifest(articles: Vec<ArticleSummary>) -> Manifest {
        let articles = sorted(articles);
        Manifest {
            schema_version: SCHEMA_VERSION,
            site: SiteInfo::default(),
            categories: vec![],
            tags: vec![],
            archive: archive_months(&articles),
            article_count: articles.len(),
            featured: pick_featured(&articles).cloned(),
            latest: articles,
            shards: vec![],
            first_pages: String::new(),
            lookup: vec![],
            case_study_sections: vec![],
            case_studies: vec![],
            pages: vec![],
            search: Default::default(),
            facets: Default::default(),
        }
    }

    fn slugs(articles: &[&ArticleSummary]) -> Vec<String> {
        articles.iter().map(|a| a.slug.clone()).collect()
    }

    #[test]
    fn orders_newest_first_then_by_slug() {
        let articles = sorted(vec![
            article("b", "2026-01-01", false),
            article("a", "2026-01-01", false),
            article("c", "2026-02-01", false),
        ]);
        let order: Vec<_> = articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(order, ["c", "a", "b"]);
    }

    #[test]
    fn featured_is_the_marked_article_or_else_the_newest() {
        let marked = manifest(vec![
            article("old", "2025-01-01", true),
            article("new", "2026-01-01", false),
        ]);
        assert_eq!(marked.featured.as_ref().unwrap().slug, "old");
        assert_eq!(slugs(&marked.latest_after_featured(5)), ["new"]);

        let unmarked = manifest(vec![
            article("old", "2025-01-01", false),
            article("new", "2026-01-01", false),
        ]);
        assert_eq!(unmarked.featured.as_ref().unwrap().slug, "new");
        assert_eq!(slugs(&unmarked.latest_after_featured(5)), ["old"]);

        let empty = manifest(vec![]);
        assert!(empty.featured.is_none());
        assert!(empty.latest_after_featured(5).is_empty());
    }

    #[test]
    fn the_home_page_says_why_it_lists_no_latest_articles() {
        let empty = manifest(vec![]);
        assert_eq!(
            empty.home_latest_empty_state(0),
            Some("No articles have been published yet.")
        );
        let lone = manifest(vec![article("only", "2026-01-01", false)]);
        let latest = lone.latest_after_featured(12);
        assert_eq!(
            lone.home_latest_empty_state(latest.len()),
            Some("No other articles have been published yet.")
        );
        let two = manifest(vec![
            article("a", "2026-01-01", false),
            article("b", "2026-01-02", false),
        ]);
        assert_eq!(
            two.home_latest_empty_state(two.latest_after_featured(12).len()),
            None
        );
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
    fn archive_counts_months_newest_first() {
        let articles = sorted(vec![
            article("a", "2026-03-01", false),
            article("b", "2026-03-31", false),
            article("c", "2026-01-15", false),
            article("d", "2025-12-31", false),
        ]);
        assert_eq!(
            archive_months(&articles),
            [
                ArchiveMonth {
                    year: 2026,
                    month: 3,
                    count: 2
                },
                ArchiveMonth {
                    year: 2026,
                    month: 1,
                    count: 1
                },
                ArchiveMonth {
                    year: 2025,
                    month: 12,
                    count: 1
                },
            ]
        );
        assert!(archive_months(&[]).is_empty());
    }
}
