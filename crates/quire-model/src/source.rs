//! Which bundle files a page of a listing can be shown from: the fewest bytes that hold it.
//!
//! Landing on a listing is the common case and must cost the same at any number of articles, so
//! the first pages of an unfiltered listing come from files of bounded size (the manifest, a
//! category's or tag's [`FirstPage`](crate::FirstPage), the newest shard); anything a query
//! narrows or reorders needs every article.

use crate::bundle::{FIRST_PAGE_LENGTH, Manifest};
use crate::query::{ListingQuery, paginate};

/// What a listing shows before its query narrows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingScope<'a> {
    /// Every article (`/insights`).
    All,
    /// One category's articles, by slug.
    Category(&'a str),
    /// One tag's articles, by slug.
    Tag(&'a str),
}

/// Where a page of a listing comes from, fewest bytes first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListingSource {
    /// The manifest's [`latest`](Manifest::latest) articles, with its counts: nothing to fetch.
    Latest,
    /// The category's or tag's [`FirstPage`](crate::FirstPage), at this path in the bundle.
    FirstPage(String),
    /// The first listing shard, with the manifest's counts.
    NewestShard,
    /// Every listing shard.
    EveryShard,
}

impl Manifest {
    /// Where the category's [`FirstPage`](crate::FirstPage) is, relative to the bundle.
    pub fn category_first_page(&self, slug: &str) -> String {
        format!("{}/category/{slug}.json", self.first_pages)
    }

    /// Where the tag's [`FirstPage`](crate::FirstPage) is, relative to the bundle.
    pub fn tag_first_page(&self, slug: &str) -> String {
        format!("{}/tag/{slug}.json", self.first_pages)
    }

    /// Where page `query.page` of the listing in `scope`, `per_page` articles a page, comes
    /// from when browsing by date. A category or tag the manifest does not list has no first
    /// page to offer.
    pub fn listing_source(
        &self,
        scope: ListingScope,
        query: &ListingQuery,
        per_page: usize,
    ) -> ListingSource {
        if !query.is_unfiltered() {
            return ListingSource::EveryShard;
        }
        let page_end = |total| paginate(total, query.page, per_page).range.end;
        match scope {
            ListingScope::All => {
                let end = page_end(self.article_count);
                let newest_shard = self.shards.first().map_or(0, |shard| shard.count);
                if end <= self.latest.len() {
                    ListingSource::Latest
                } else if end <= newest_shard {
                    ListingSource::NewestShard
                } else {
                    ListingSource::EveryShard
                }
            }
            ListingScope::Category(slug) => match self.category(slug) {
                Some(category) if page_end(category.count) <= FIRST_PAGE_LENGTH => {
                    ListingSource::FirstPage(self.category_first_page(slug))
                }
                _ => ListingSource::EveryShard,
            },
            ListingScope::Tag(slug) => match self.tag(slug) {
                Some(tag) if page_end(tag.count) <= FIRST_PAGE_LENGTH => {
                    ListingSource::FirstPage(self.tag_first_page(slug))
                }
                _ => ListingSource::EveryShard,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{DateBound, Sort};
    use crate::{ArticleSummary, CategoryInfo, Date, SCHEMA_VERSION, ShardRef, SiteInfo, TagInfo};

    fn summary(index: usize) -> ArticleSummary {
        ArticleSummary {
            slug: format!("article-{index}"),
            title: format!("Article {index}"),
            summary: String::new(),
            date: Date::parse("2026-01-01").unwrap(),
            updated: None,
            category: "engineering".into(),
            tags: vec![],
            reading_minutes: 1,
            word_count: 1,
            featured: false,
        }
    }

    /// `count` articles, `latest` of them in the manifest, the newest shard holding `shard`.
    fn manifest(count: usize, latest: usize, shard: usize) -> Manifest {
        let date = Date::parse("2026-01-01").unwrap();
        Manifest {
            schema_version: SCHEMA_VERSION,
            site: SiteInfo::default(),
            categories: vec![CategoryInfo {
                slug: "engineering".into(),
                name: "Engineering".into(),
                description: String::new(),
                count,
            }],
            tags: vec![TagInfo {
                slug: "rust".into(),
                name: "Rust".into(),
                count: count / 2,
            }],
            archive: vec![],
            article_count: count,
            featured: None,
            latest: (0..latest.min(count)).map(summary).collect(),
            shards: (count > 0)
                .then(|| ShardRef {
                    path: "listing/0.json".into(),
                    count: shard.min(count),
                    newest: date,
                    oldest: date,
                })
                .into_iter()
                .collect(),
            first_pages: "first-pages/abc".into(),
            lookup: vec![],
            case_study_sections: vec![],
            case_studies: vec![],
            pages: vec![],
            search: Default::default(),
        }
    }

    fn page(number: usize) -> ListingQuery {
        ListingQuery {
            page: number,
            ..ListingQuery::default()
        }
    }

    #[test]
    fn the_first_page_of_every_article_needs_only_the_manifest() {
        let manifest = manifest(1000, 24, 250);
        assert_eq!(
            manifest.listing_source(ListingScope::All, &page(1), 24),
            ListingSource::Latest
        );
        // Page 1 of 20 a page is within the manifest's 24; page 2 (21..40) is not.
        assert_eq!(
            manifest.listing_source(ListingScope::All, &page(2), 20),
            ListingSource::NewestShard
        );
    }

    #[test]
    fn later_pages_come_from_the_newest_shard_then_from_every_shard() {
        let manifest = manifest(1000, 24, 250);
        assert_eq!(
            manifest.listing_source(ListingScope::All, &page(2), 24),
            ListingSource::NewestShard
        );
        // Page 10 ends at 240 <= 250; page 11 ends at 264.
        assert_eq!(
            manifest.listing_source(ListingScope::All, &page(10), 24),
            ListingSource::NewestShard
        );
        assert_eq!(
            manifest.listing_source(ListingScope::All, &page(11), 24),
            ListingSource::EveryShard
        );
    }

    #[test]
    fn a_page_past_the_end_is_the_last_page() {
        // Ten articles: every page number is page 1, and the manifest holds all ten.
        let manifest = manifest(10, 24, 250);
        assert_eq!(
            manifest.listing_source(ListingScope::All, &page(7), 24),
            ListingSource::Latest
        );
        assert_eq!(
            manifest.listing_source(ListingScope::Category("engineering"), &page(7), 24),
            ListingSource::FirstPage("first-pages/abc/category/engineering.json".into())
        );
    }

    #[test]
    fn an_empty_site_shows_its_empty_listing_from_the_manifest() {
        let manifest = manifest(0, 24, 250);
        assert_eq!(
            manifest.listing_source(ListingScope::All, &page(1), 24),
            ListingSource::Latest
        );
    }

    #[test]
    fn a_manifest_with_fewer_latest_articles_than_a_page_falls_back_to_the_shard() {
        let manifest = manifest(1000, 12, 250);
        assert_eq!(
            manifest.listing_source(ListingScope::All, &page(1), 24),
            ListingSource::NewestShard
        );
    }

    #[test]
    fn categories_and_tags_show_their_first_page_from_its_own_file() {
        let manifest = manifest(1000, 24, 250);
        assert_eq!(
            manifest.listing_source(ListingScope::Category("engineering"), &page(1), 24),
            ListingSource::FirstPage("first-pages/abc/category/engineering.json".into())
        );
        assert_eq!(
            manifest.listing_source(ListingScope::Tag("rust"), &page(1), 24),
            ListingSource::FirstPage("first-pages/abc/tag/rust.json".into())
        );
        assert_eq!(
            manifest.listing_source(ListingScope::Tag("rust"), &page(2), 24),
            ListingSource::EveryShard
        );
        // A page larger than a first page holds.
        assert_eq!(
            manifest.listing_source(ListingScope::Tag("rust"), &page(1), FIRST_PAGE_LENGTH + 1),
            ListingSource::EveryShard
        );
    }

    #[test]
    fn an_unknown_category_or_tag_has_no_first_page() {
        let manifest = manifest(1000, 24, 250);
        assert_eq!(
            manifest.listing_source(ListingScope::Category("gardening"), &page(1), 24),
            ListingSource::EveryShard
        );
        assert_eq!(
            manifest.listing_source(ListingScope::Tag("gardening"), &page(1), 24),
            ListingSource::EveryShard
        );
    }

    #[test]
    fn any_narrowing_or_reordering_needs_every_article() {
        let manifest = manifest(1000, 24, 250);
        let narrowed = [
            ListingQuery {
                categories: vec!["engineering".into()],
                ..page(1)
            },
            ListingQuery {
                tags: vec!["rust".into()],
                ..page(1)
            },
            ListingQuery {
                from: Some(DateBound::Month {
                    year: 2026,
                    month: 1,
                }),
                ..page(1)
            },
            ListingQuery {
                to: Some(DateBound::Day(Date::parse("2026-01-01").unwrap())),
                ..page(1)
            },
            ListingQuery {
                text: "cache".into(),
                ..page(1)
            },
            ListingQuery {
                sort: Sort::Oldest,
                ..page(1)
            },
        ];
        for query in &narrowed {
            for scope in [
                ListingScope::All,
                ListingScope::Category("engineering"),
                ListingScope::Tag("rust"),
            ] {
                assert_eq!(
                    manifest.listing_source(scope, query, 24),
                    ListingSource::EveryShard,
                    "{query:?} in {scope:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Whatever the sizes, a source other than every shard holds the whole page asked for.
        #[test]
        fn the_source_holds_the_page(
            count in 0usize..2000,
            latest in 0usize..40,
            shard in 1usize..400,
            tagged in 0usize..2000,
            number in 0usize..100,
            per_page in 1usize..60,
        ) {
            let mut manifest = manifest(count, latest, shard);
            manifest.tags[0].count = tagged;
            let query = page(number);
            let end = |total| paginate(total, number, per_page).range.end;
            match manifest.listing_source(ListingScope::All, &query, per_page) {
                ListingSource::Latest => proptest::prop_assert!(end(count) <= manifest.latest.len()),
                ListingSource::NewestShard => proptest::prop_assert!(end(count) <= manifest.shards[0].count),
                ListingSource::EveryShard => proptest::prop_assert!(end(count) > manifest.latest.len()),
                ListingSource::FirstPage(_) => proptest::prop_assert!(false, "no first page for every article"),
            }
            match manifest.listing_source(ListingScope::Tag("rust"), &query, per_page) {
                ListingSource::FirstPage(_) => proptest::prop_assert!(end(tagged) <= FIRST_PAGE_LENGTH.min(tagged)),
                ListingSource::EveryShard => proptest::prop_assert!(end(tagged) > FIRST_PAGE_LENGTH),
                other => proptest::prop_assert!(false, "{other:?} for a tag"),
            }
        }
    }
}
