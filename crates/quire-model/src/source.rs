//! Which bundle files a page of a listing can be shown from: the fewest bytes that hold it.
//!
//! Landing on a listing is the common case and must cost the same at any number of articles, so
//! the first pages of an unfiltered listing come from files of bounded size (the manifest, a
//! category's or tag's [`FirstPage`](crate::FirstPage), the newest shard); anything a query
//! narrows or reorders is selected from the facet index of every article.

use crate::bundle::{FIRST_PAGE_LENGTH, Manifest, ShardRef};
use crate::date::Date;
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
    /// The facet index of every article, and the entry files of the page it selects.
    Facets,
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

    /// The listing shards that hold every article dated `from..=to`: those whose date range
    /// meets it. An archive month or year needs these, not the whole listing.
    pub fn shards_between(&self, from: Date, to: Date) -> impl Iterator<Item = &ShardRef> {
        self.shards
            .iter()
            .filter(move |shard| shard.oldest <= to && shard.newest >= from)
    }

    /// Where page `query.page` of the listing in `scope`, `per_page` articles a page, comes
    /// from. A query that narrows an unfiltered listing to one category or one tag shows that
    /// category's or tag's listing, so it has its first page too. A category or tag the manifest
    /// does not list has no first page to offer.
    pub fn listing_source(
        &self,
        scope: ListingScope,
        query: &ListingQuery,
        per_page: usize,
    ) -> ListingSource {
        let (scope, rest) = narrowed_scope(scope, query);
        if !rest.is_unfiltered() {
            return ListingSource::Facets;
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
                    ListingSource::Facets
                }
            }
            ListingScope::Category(slug) => match self.category(slug) {
                Some(category) if page_end(category.count) <= FIRST_PAGE_LENGTH => {
                    ListingSource::FirstPage(self.category_first_page(slug))
                }
                _ => ListingSource::Facets,
            },
            ListingScope::Tag(slug) => match self.tag(slug) {
                Some(tag) if page_end(tag.count) <= FIRST_PAGE_LENGTH => {
                    ListingSource::FirstPage(self.tag_first_page(slug))
                }
                _ => ListingSource::Facets,
            },
        }
    }
}

/// The listing `query` shows within `scope` when it chooses a single category or tag and
/// nothing else, and what else it asks for. A category page's own category overrides the
/// query's (see [`FixedFilter::apply`](crate::listing_page::FixedFilter::apply)).
fn narrowed_scope<'a>(
    scope: ListingScope<'a>,
    query: &'a ListingQuery,
) -> (ListingScope<'a>, ListingQuery) {
    let mut rest = query.clone();
    let scope = match (scope, query.categories.as_slice(), query.tags.as_slice()) {
        (ListingScope::Category(_), _, _) => {
            rest.categories.clear();
            scope
        }
        (ListingScope::All, [category], []) => {
            rest.categories.clear();
            ListingScope::Category(category)
        }
        (ListingScope::All, [], [tag]) => {
            rest.tags.clear();
            ListingScope::Tag(tag)
        }
        (ListingScope::Tag(own), [], [tag]) if own == tag => {
            rest.tags.clear();
            scope
        }
        _ => scope,
    };
    (scope, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{DateBound, Sort};
    use crate::{ArticleSummary, CategoryInfo, Date, SCHEMA_VERSION, ShardRef, SiteInfo, TagInfo};

    fn summary(index: usize) -> ArticleSummary {
        ArticleSummary {
            time: None,
            authors: Vec::new(),
            slug: format!("article-{index}"),
            title: format!("Article {index}"),
            summary: String::new(),
            own_summary: false,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
            date: Date::parse("2026-01-01").unwrap(),
            updated: None,
            category: Some("engineering".into()),
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
            facets: Default::default(),
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
            ListingSource::Facets
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
            ListingSource::Facets
        );
        // A page larger than a first page holds.
        assert_eq!(
            manifest.listing_source(ListingScope::Tag("rust"), &page(1), FIRST_PAGE_LENGTH + 1),
            ListingSource::Facets
        );
    }

    #[test]
    fn an_unknown_category_or_tag_has_no_first_page() {
        let manifest = manifest(1000, 24, 250);
        assert_eq!(
            manifest.listing_source(ListingScope::Category("gardening"), &page(1), 24),
            ListingSource::Facets
        );
        assert_eq!(
            manifest.listing_source(ListingScope::Tag("gardening"), &page(1), 24),
            ListingSource::Facets
        );
    }

    #[test]
    fn any_other_narrowing_or_reordering_needs_the_facet_index() {
        let manifest = manifest(1000, 24, 250);
        let narrowed = [
            ListingQuery {
                categories: vec!["engineering".into()],
                tags: vec!["rust".into()],
                ..page(1)
            },
            ListingQuery {
                tags: vec!["rust".into(), "wasm".into()],
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
                    ListingSource::Facets,
                    "{query:?} in {scope:?}"
                );
            }
        }
    }

    /// `/insights?category=x` is `/category/x`'s listing, and `/tag/x?tag=x` is `/tag/x`'s.
    #[test]
    fn one_category_or_tag_chosen_shows_its_first_page() {
        let manifest = manifest(1000, 24, 250);
        let category = ListingSource::FirstPage(manifest.category_first_page("engineering"));
        let tag = ListingSource::FirstPage(manifest.tag_first_page("rust"));
        let chosen = |categories: &[&str], tags: &[&str]| ListingQuery {
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            ..page(1)
        };
        let check = |scope, query: ListingQuery, expected: &ListingSource| {
            assert_eq!(
                &manifest.listing_source(scope, &query, 24),
                expected,
                "{query:?} in {scope:?}"
            );
        };
        check(ListingScope::All, chosen(&["engineering"], &[]), &category);
        check(ListingScope::All, chosen(&[], &["rust"]), &tag);
        check(ListingScope::Tag("rust"), chosen(&[], &["rust"]), &tag);
        // A category page's own category is the only one whatever the query says.
        let own = ListingScope::Category("engineering");
        check(own, chosen(&["gardening"], &[]), &category);
        check(own, chosen(&[], &["rust"]), &ListingSource::Facets);
        check(
            ListingScope::All,
            chosen(&["gardening"], &[]),
            &ListingSource::Facets,
        );
        let second_page = ListingQuery {
            page: 2,
            ..chosen(&["engineering"], &[])
        };
        check(ListingScope::All, second_page, &ListingSource::Facets);
    }

    fn shard(path: &str, newest: &str, oldest: &str) -> ShardRef {
        ShardRef {
            path: path.into(),
            count: 1,
            newest: Date::parse(newest).unwrap(),
            oldest: Date::parse(oldest).unwrap(),
        }
    }

    #[test]
    fn a_period_needs_the_shards_whose_dates_meet_it() {
        let mut manifest = manifest(0, 0, 0);
        manifest.shards = vec![
            shard("0", "2026-03-10", "2026-02-20"),
            shard("1", "2026-02-20", "2026-01-31"),
            shard("2", "2026-01-30", "2025-12-01"),
        ];
        let paths = |from: &str, to: &str| -> Vec<&str> {
            let (from, to) = (Date::parse(from).unwrap(), Date::parse(to).unwrap());
            manifest
                .shards_between(from, to)
                .map(|shard| shard.path.as_str())
                .collect()
        };
        // February runs over two shards that share its 20th; January's last day is in shard 1.
        assert_eq!(paths("2026-02-01", "2026-02-28"), ["0", "1"]);
        assert_eq!(paths("2026-01-01", "2026-01-31"), ["1", "2"]);
        assert_eq!(paths("2025-12-01", "2025-12-31"), ["2"]);
        assert_eq!(paths("2026-03-11", "2026-12-31"), Vec::<&str>::new());
        assert_eq!(paths("2024-01-01", "2024-12-31"), Vec::<&str>::new());
    }

    proptest::proptest! {
        /// Shards cut from any dated listing: the shards chosen for a range hold every article
        /// in it, and each of them spans some of it.
        #[test]
        fn the_shards_between_two_dates_hold_every_article_between_them(
            mut days in proptest::collection::vec(0u32..400, 1..120),
            per_shard in 1usize..20,
            from in 0u32..400,
            length in 0u32..120,
        ) {
            let start_day = Date::parse("2025-01-01").unwrap().days_since_unix_epoch();
            let date = |day: u32| Date::from_days_since_unix_epoch(start_day + i64::from(day)).unwrap();
            days.sort_unstable_by(|a, b| b.cmp(a));
            let mut manifest = manifest(0, 0, 0);
            manifest.shards = days
                .chunks(per_shard)
                .enumerate()
                .map(|(index, chunk)| ShardRef {
                    path: index.to_string(),
                    count: chunk.len(),
                    newest: date(chunk[0]),
                    oldest: date(chunk[chunk.len() - 1]),
                })
                .collect();
            let (start, end) = (date(from), date(from + length));
            let chosen: Vec<usize> = manifest
                .shards_between(start, end)
                .map(|shard| shard.path.parse().unwrap())
                .collect();
            for (index, chunk) in days.chunks(per_shard).enumerate() {
                let holds = chunk.iter().any(|&day| (from..=from + length).contains(&day));
                if holds {
                    proptest::prop_assert!(chosen.contains(&index));
                }
            }
            for index in chosen {
                let chunk = days.chunks(per_shard).nth(index).unwrap();
                let (oldest, newest) = (chunk[chunk.len() - 1], chunk[0]);
                proptest::prop_assert!(oldest <= from + length && newest >= from);
            }
        }

        /// Whatever the sizes, a source other than the facet index holds the whole page asked for.
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
                ListingSource::Facets => proptest::prop_assert!(end(count) > manifest.latest.len()),
                ListingSource::FirstPage(_) => proptest::prop_assert!(false, "no first page for every article"),
            }
            match manifest.listing_source(ListingScope::Tag("rust"), &query, per_page) {
                ListingSource::FirstPage(_) => proptest::prop_assert!(end(tagged) <= FIRST_PAGE_LENGTH.min(tagged)),
                ListingSource::Facets => proptest::prop_assert!(end(tagged) > FIRST_PAGE_LENGTH),
                other => proptest::prop_assert!(false, "{other:?} for a tag"),
            }
        }
    }
}
