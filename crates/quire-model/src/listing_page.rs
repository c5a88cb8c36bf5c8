//! What a listing page shows for its address: the path's fixed category or tag merged into the
//! query string's choices, one page of articles with the counts its filter bar offers, the links
//! to its other pages, and the addresses of the same listing under another query. The app's
//! `FilteredListing`, `Pagination` and archive pages only wire these to the DOM.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::bundle::{ArchiveMonth, ArticleSummary, FirstPage, Manifest};
use crate::facets::{Candidates, FacetIndex};
use crate::query::{DateBound, FilterChoices, Listing, ListingQuery, Page, Sort, paginate};
use crate::source::{ListingScope, ListingSource};

/// Articles per page: enough to scan, few enough to keep the DOM small at any corpus size.
pub const PAGE_SIZE: usize = 24;
/// Search results per page: each shows a passage of its body, fetched as it is shown.
pub const SEARCH_PAGE_SIZE: usize = 10;

/// What the path fixes (`/category/<slug>`, `/tag/<slug>`), on top of what the query chooses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixedFilter {
    pub category: Option<String>,
    pub tag: Option<String>,
}

impl FixedFilter {
    /// The listing the path shows before the query narrows it.
    pub fn scope(&self) -> ListingScope<'_> {
        match (&self.category, &self.tag) {
            (Some(category), _) => ListingScope::Category(category),
            (None, Some(tag)) => ListingScope::Tag(tag),
            (None, None) => ListingScope::All,
        }
    }

    /// The query the listing applies: the path's category is the only one, and its tag is
    /// always among the tags, whatever the query string says.
    pub fn apply(&self, mut query: ListingQuery) -> ListingQuery {
        if let Some(category) = &self.category {
            query.categories = vec![category.clone()];
        }
        if let Some(tag) = &self.tag
            && !query.tags.contains(tag)
        {
            query.tags.push(tag.clone());
        }
        query
    }

    /// How many choices the filter panel shows as made: what the path fixes is not a choice
    /// the panel offers, so it is not counted.
    pub fn offered_narrowing_count(&self, query: &ListingQuery) -> usize {
        let mut offered = query.clone();
        if self.category.is_some() {
            offered.categories.clear();
        }
        offered.tags.retain(|tag| Some(tag) != self.tag.as_ref());
        offered.narrowing_count()
    }
}

impl ListingQuery {
    /// `path` with this query's canonical query string, when it has one.
    pub fn href(&self, path: &str) -> String {
        let search = self.to_query_string();
        if search.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{search}")
        }
    }

    /// The same query on page `number`.
    pub fn on_page(&self, number: usize) -> Self {
        Self {
            page: number,
            ..self.clone()
        }
    }

    /// The same query with its words replaced (a suggested spelling), from page one.
    pub fn with_text(&self, text: &str) -> Self {
        Self {
            text: text.to_owned(),
            page: 1,
            ..self.clone()
        }
    }

    /// The same words with every filter cleared.
    pub fn without_filters(&self) -> Self {
        Self {
            text: self.text.clone(),
            ..self.cleared()
        }
    }

    /// The filters alone: once a search has decided which articles match and in what order,
    /// the rest of the query only narrows them.
    pub fn filters_only(&self) -> Self {
        Self {
            text: String::new(),
            sort: Sort::Newest,
            ..self.clone()
        }
    }
}

/// Where a search page is shown from: with no words and nothing narrowing, the page waits for
/// words with the manifest's counts and needs no article; anything else searches them all.
pub fn search_source(query: &ListingQuery) -> ListingSource {
    if query.text.trim().is_empty() && query.narrowing_count() == 0 {
        ListingSource::Latest
    } else {
        ListingSource::Facets
    }
}

/// Adds `slug` to the sorted `slugs`, or takes it out when it is there: a checkbox's or a tag
/// button's click.
pub fn toggle_slug(slugs: &mut Vec<String>, slug: &str) {
    if let Some(index) = slugs.iter().position(|s| s == slug) {
        slugs.remove(index);
    } else {
        slugs.push(slug.to_owned());
        crate::order::sort(slugs);
    }
}

/// The month range's choices, newest first: each month's `from`/`to` value and its heading.
pub fn month_choices(archive: &[ArchiveMonth]) -> Vec<(String, String)> {
    archive
        .iter()
        .map(|month| {
            let bound = DateBound::Month {
                year: month.year,
                month: month.month,
            };
            (bound.to_string(), bound.first_day().month_heading())
        })
        .collect()
}

/// " (12)": a count beside a choice's or a period's name.
pub fn count_in_parentheses(count: usize) -> String {
    format!(" ({count})")
}

/// One page of a list of articles, and how many the whole list holds.
#[derive(Clone, Debug, PartialEq)]
pub struct PageOfArticles {
    pub total: usize,
    pub page: Page,
    pub items: Vec<ArticleSummary>,
}

impl PageOfArticles {
    /// Page `requested` of `articles`, `per_page` to a page; with `per_page` 0, the count and
    /// no articles.
    pub fn of(articles: &[&ArticleSummary], requested: usize, per_page: usize) -> Self {
        let page = paginate(articles.len(), requested, per_page.max(1));
        let items = if per_page == 0 {
            Vec::new()
        } else {
            articles[page.range.clone()]
                .iter()
                .map(|article| (*article).clone())
                .collect()
        };
        Self {
            total: articles.len(),
            page,
            items,
        }
    }

    /// The articles dated from `from` to `to` (an archive period), page `requested`.
    pub fn between(
        listing: &Listing,
        (from, to): (DateBound, DateBound),
        requested: usize,
        per_page: usize,
    ) -> Self {
        let query = ListingQuery {
            from: Some(from),
            to: Some(to),
            page: 1,
            ..ListingQuery::default()
        };
        Self::of(&listing.select(&query).articles, requested, per_page)
    }
}

/// The bundle files a listing page was shown from: the fewest that hold it (see
/// [`Manifest::listing_source`]).
#[derive(Clone, Debug)]
pub enum LoadedListing {
    /// The manifest's latest articles.
    Latest,
    /// A category's or tag's first page.
    FirstPage(Arc<FirstPage>),
    /// The newest shard, counted by the manifest.
    Newest(Arc<Listing>),
    /// The facet index of every article: the page's entries are fetched by position.
    Facets(Arc<FacetIndex>),
}

/// A page of a listing and the choices its filter bar offers.
#[derive(Clone, Debug, PartialEq)]
pub struct ListingPage {
    pub total: usize,
    pub page: Page,
    pub items: Vec<ArticleSummary>,
    pub choices: FilterChoices,
}

impl ListingPage {
    /// The articles `query` selects from `listing`, one page of `per_page` of them (none when
    /// 0), with the counts the filter bar shows.
    pub fn select(
        manifest: &Manifest,
        listing: &Listing,
        query: &ListingQuery,
        per_page: usize,
    ) -> Self {
        let selection = listing.select(query);
        let articles = PageOfArticles::of(&selection.articles, query.page, per_page);
        Self::assemble(
            manifest,
            query,
            articles,
            &selection.category_counts,
            &selection.tag_counts,
        )
    }

    /// A page of an unfiltered listing from the head of it that was loaded, with the counts
    /// over all of it: what [`Self::select`] gives for the same query over every article, as
    /// long as the head holds that page ([`Manifest::listing_source`] sees to that). `None` for
    /// the facet index, which is selected from instead ([`Self::from_facets`]).
    pub fn from_head(
        manifest: &Manifest,
        loaded: &LoadedListing,
        query: &ListingQuery,
    ) -> Option<Self> {
        let (articles, total, (category_counts, tag_counts)) = match loaded {
            LoadedListing::Latest => (
                manifest.latest.as_slice(),
                manifest.article_count,
                manifest_counts(manifest),
            ),
            LoadedListing::Newest(newest) => (
                newest.articles(),
                manifest.article_count,
                manifest_counts(manifest),
            ),
            LoadedListing::FirstPage(page) => (
                page.articles.as_slice(),
                page.count,
                (
                    borrowed_counts(&page.category_counts),
                    borrowed_counts(&page.tag_counts),
                ),
            ),
            LoadedListing::Facets(_) => return None,
        };
        let page = paginate(total, query.page, PAGE_SIZE);
        let items = articles
            .get(page.range.clone())
            .unwrap_or_default()
            .to_vec();
        let articles = PageOfArticles { total, page, items };
        Some(Self::assemble(
            manifest,
            query,
            articles,
            &category_counts,
            &tag_counts,
        ))
    }

    /// The page `query` selects from the facet index, `per_page` articles a page, without its
    /// articles: the positions in the listing of the ones to fetch, in order, with the rest of
    /// the page. `candidates` are the articles a search of the query's words matched, if it
    /// has any.
    pub fn from_facets(
        manifest: &Manifest,
        facets: &FacetIndex,
        query: &ListingQuery,
        candidates: Candidates<'_>,
        per_page: usize,
    ) -> (Self, Vec<u32>) {
        let selection = facets.select(manifest, query, candidates);
        let page = paginate(selection.positions.len(), query.page, per_page.max(1));
        let positions = if per_page == 0 {
            Vec::new()
        } else {
            selection.positions[page.range.clone()].to_vec()
        };
        let (category_counts, tag_counts) = selection.counts_by_slug(manifest);
        let articles = PageOfArticles {
            total: selection.positions.len(),
            page,
            items: Vec::new(),
        };
        let listing = Self::assemble(manifest, query, articles, &category_counts, &tag_counts);
        (listing, positions)
    }

    fn assemble(
        manifest: &Manifest,
        query: &ListingQuery,
        articles: PageOfArticles,
        category_totals: &HashMap<&str, usize>,
        tag_totals: &HashMap<&str, usize>,
    ) -> Self {
        let PageOfArticles { total, page, items } = articles;
        Self {
            total,
            page,
            items,
            choices: FilterChoices::new(
                &manifest.categories,
                &manifest.tags,
                query,
                category_totals,
                tag_totals,
            ),
        }
    }
}

fn borrowed_counts(counts: &BTreeMap<String, usize>) -> HashMap<&str, usize> {
    counts
        .iter()
        .map(|(slug, count)| (slug.as_str(), *count))
        .collect()
}

/// Every category's and tag's count over the whole site, as the manifest has them.
fn manifest_counts(manifest: &Manifest) -> (HashMap<&str, usize>, HashMap<&str, usize>) {
    let categories = manifest
        .categories
        .iter()
        .map(|category| (category.slug.as_str(), category.count))
        .collect();
    let tags = manifest
        .tags
        .iter()
        .map(|tag| (tag.slug.as_str(), tag.count))
        .collect();
    (categories, tags)
}

/// The links between the pages of a list: "Previous" and "Next" around "Page n of m".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLinks {
    pub previous: Option<String>,
    pub position: String,
    pub next: Option<String>,
}

impl PageLinks {
    /// The links from `page` of `query`'s list at `path`; `None` when everything fits on one
    /// page.
    pub fn new(page: &Page, query: &ListingQuery, path: &str) -> Option<Self> {
        if page.total_pages <= 1 {
            return None;
        }
        let href = |number: usize| query.on_page(number).href(path);
        Some(Self {
            previous: (page.number > 1).then(|| href(page.number - 1)),
            position: format!("Page {} of {}", page.number, page.total_pages),
            next: (page.number < page.total_pages).then(|| href(page.number + 1)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CategoryInfo, Date, SCHEMA_VERSION, SiteInfo, TagInfo};

    fn article(slug: &str, date: &str, category: &str, tags: &[&str]) -> ArticleSummary {
        ArticleSummary {
            time: None,
            authors: Vec::new(),
            slug: slug.into(),
            title: format!("Title {slug}"),
            summary: format!("About {slug}."),
            own_summary: false,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
            date: Date::parse(date).unwrap(),
            updated: None,
            category: Some(category.into()),
            tags: tags.iter().map(|tag| (*tag).to_owned()).collect(),
            reading_minutes: 1,
            word_count: 1,
            featured: false,
        }
    }

    /// Newest first, as the bundle lists them.
    fn corpus() -> Vec<ArticleSummary> {
        vec![
            article("e", "2026-11-02", "ops", &["k8s", "cost"]),
            article("d", "2026-10-31", "dev", &["k8s"]),
            article("c", "2026-10-01", "ops", &["cost"]),
            article("b", "2026-09-15", "ai", &["llm", "cost"]),
            article("a", "2026-08-01", "dev", &[]),
        ]
    }

    fn manifest(articles: &[ArticleSummary]) -> Manifest {
        let (categories, tags) = crate::query::taxonomy_counts(articles);
        let category = |slug: &str| CategoryInfo {
            slug: slug.into(),
            name: slug.to_uppercase(),
            description: String::new(),
            count: categories.get(slug).copied().unwrap_or(0),
        };
        let tag = |slug: &str| TagInfo {
            slug: slug.into(),
            name: slug.to_uppercase(),
            count: tags.get(slug).copied().unwrap_or(0),
        };
        Manifest {
            schema_version: SCHEMA_VERSION,
            site: SiteInfo::default(),
            categories: ["ai", "dev", "ops"].map(category).into(),
            tags: ["cost", "k8s", "llm"].map(tag).into(),
            archive: crate::listing::archive_months(articles),
            article_count: articles.len(),
            featured: None,
            latest: articles.to_vec(),
            shards: vec![],
            first_pages: "first-pages/abc".into(),
            lookup: vec![],
            case_study_sections: vec![],
            case_studies: vec![],
            pages: vec![],
            search: Default::default(),
            facets: Default::default(),
        }
    }

    fn slugs(articles: &[ArticleSummary]) -> Vec<&str> {
        articles
            .iter()
            .map(|article| article.slug.as_str())
            .collect()
    }

    fn fixed(category: Option<&str>, tag: Option<&str>) -> FixedFilter {
        FixedFilter {
            category: category.map(str::to_owned),
            tag: tag.map(str::to_owned),
        }
    }

    #[test]
    fn the_path_fixes_its_category_alone_and_adds_its_tag() {
        let check = |fixed: FixedFilter, query: &str, expected: &str| {
            let applied = fixed.apply(ListingQuery::parse(query));
            assert_eq!(applied.to_query_string(), expected, "{fixed:?} {query:?}");
        };
        check(
            fixed(None, None),
            "category=dev&tag=k8s",
            "category=dev&tag=k8s",
        );
        check(
            fixed(Some("ops"), None),
            "category=dev&category=ai",
            "category=ops",
        );
        check(fixed(Some("ops"), None), "", "category=ops");
        check(fixed(None, Some("k8s")), "tag=cost", "tag=cost&tag=k8s");
        check(
            fixed(None, Some("cost")),
            "tag=cost&tag=k8s",
            "tag=cost&tag=k8s",
        );
        check(
            fixed(None, Some("cost")),
            "q=x&page=2",
            "tag=cost&q=x&page=2",
        );
    }

    #[test]
    fn the_scope_is_the_category_then_the_tag_then_everything() {
        assert_eq!(
            fixed(Some("ops"), Some("k8s")).scope(),
            ListingScope::Category("ops")
        );
        assert_eq!(fixed(None, Some("k8s")).scope(), ListingScope::Tag("k8s"));
        assert_eq!(fixed(None, None).scope(), ListingScope::All);
    }

    #[test]
    fn what_the_path_fixes_is_not_counted_as_a_choice() {
        let check = |fixed: FixedFilter, query: &str, expected: usize| {
            let query = ListingQuery::parse(query);
            assert_eq!(
                fixed.offered_narrowing_count(&query),
                expected,
                "{fixed:?} {query:?}"
            );
        };
        let everything = "category=dev&tag=k8s&tag=cost&from=2026-01&to=2026-02&q=x&sort=oldest";
        check(fixed(None, None), everything, 5);
        check(fixed(Some("dev"), None), everything, 4);
        check(fixed(None, Some("k8s")), everything, 4);
        check(fixed(None, Some("llm")), everything, 5);
        check(fixed(None, None), "q=words&sort=oldest&page=3", 0);
    }

    #[test]
    fn hrefs_carry_the_canonical_query_string_only_when_there_is_one() {
        let check = |query: &str, expected: &str| {
            assert_eq!(
                ListingQuery::parse(query).href("/blog/insights/"),
                expected,
                "{query:?}"
            );
        };
        check("", "/blog/insights/");
        check("page=1&sort=newest", "/blog/insights/");
        check("tag=b&tag=a&page=2", "/blog/insights/?tag=a&tag=b&page=2");
        check(
            "q=caf%C3%A9+au+lait",
            "/blog/insights/?q=caf%C3%A9%20au%20lait",
        );
    }

    #[test]
    fn derived_queries_change_only_what_they_say() {
        let query =
            ListingQuery::parse("category=dev&tag=k8s&from=2026-01&q=cache&sort=oldest&page=3");
        let check = |derived: ListingQuery, expected: &str| {
            assert_eq!(derived.to_query_string(), expected);
        };
        check(
            query.on_page(5),
            "category=dev&tag=k8s&from=2026-01&q=cache&sort=oldest&page=5",
        );
        check(
            query.with_text("cached"),
            "category=dev&tag=k8s&from=2026-01&q=cached&sort=oldest",
        );
        check(query.without_filters(), "q=cache&sort=oldest");
        check(
            query.filters_only(),
            "category=dev&tag=k8s&from=2026-01&page=3",
        );
    }

    #[test]
    fn a_search_needs_every_article_once_it_has_words_or_filters() {
        let check = |query: &str, expected: ListingSource| {
            assert_eq!(
                search_source(&ListingQuery::parse(query)),
                expected,
                "{query:?}"
            );
        };
        check("", ListingSource::Latest);
        check("q=+&sort=oldest&page=2", ListingSource::Latest);
        check("q=cache", ListingSource::Facets);
        check("tag=k8s", ListingSource::Facets);
        check("from=2026-01", ListingSource::Facets);
    }

    #[test]
    fn toggling_a_slug_adds_it_in_order_or_takes_it_out() {
        let check = |before: &[&str], slug: &str, expected: &[&str]| {
            let mut slugs: Vec<String> = before.iter().map(|s| (*s).to_owned()).collect();
            toggle_slug(&mut slugs, slug);
            assert_eq!(slugs, expected, "{before:?} {slug:?}");
        };
        check(&[], "b", &["b"]);
        check(&["a", "c"], "b", &["a", "b", "c"]);
        check(&["a", "b", "c"], "b", &["a", "c"]);
        check(&["b"], "b", &[]);
    }

    #[test]
    fn month_choices_name_each_archive_month_newest_first() {
        let archive = crate::listing::archive_months(&corpus());
        assert_eq!(
            month_choices(&archive),
            [
                ("2026-11", "November 2026"),
                ("2026-10", "October 2026"),
                ("2026-09", "September 2026"),
                ("2026-08", "August 2026"),
            ]
            .map(|(value, label)| (value.to_owned(), label.to_owned()))
        );
        assert!(month_choices(&[]).is_empty());
        assert_eq!(count_in_parentheses(0), " (0)");
        assert_eq!(count_in_parentheses(1234), " (1234)");
    }

    #[test]
    fn a_page_of_articles_is_clamped_and_empty_when_asked_for_none() {
        let articles = corpus();
        let all: Vec<&ArticleSummary> = articles.iter().collect();
        let check = |requested: usize, per_page: usize, number: usize, expected: &[&str]| {
            let page = PageOfArticles::of(&all, requested, per_page);
            assert_eq!(page.total, 5);
            assert_eq!(page.page.number, number, "{requested} of {per_page}");
            assert_eq!(slugs(&page.items), expected, "{requested} of {per_page}");
        };
        check(1, 2, 1, &["e", "d"]);
        check(3, 2, 3, &["a"]);
        check(9, 2, 3, &["a"]);
        check(0, 2, 1, &["e", "d"]);
        check(1, 24, 1, &["e", "d", "c", "b", "a"]);
        check(2, 0, 2, &[]);
        let none = PageOfArticles::of(&[], 4, 24);
        assert_eq!((none.total, none.page.number, none.items.len()), (0, 1, 0));
    }

    #[test]
    fn a_period_pages_its_own_articles() {
        let listing = Listing::new(corpus());
        let october = DateBound::Month {
            year: 2026,
            month: 10,
        };
        let page = PageOfArticles::between(&listing, (october, october), 1, 24);
        assert_eq!((page.total, slugs(&page.items)), (2, vec!["d", "c"]));
        let year = (
            DateBound::Month {
                year: 2026,
                month: 1,
            },
            DateBound::Month {
                year: 2026,
                month: 12,
            },
        );
        let page = PageOfArticles::between(&listing, year, 2, 2);
        assert_eq!((page.total, slugs(&page.items)), (5, vec!["c", "b"]));
    }

    #[test]
    fn every_head_shows_what_the_whole_listing_shows_for_its_page() {
        let articles = corpus();
        let manifest = manifest(&articles);
        let whole = Listing::new(articles.clone());
        let unfiltered = ListingQuery::parse("");
        let expected = ListingPage::select(&manifest, &whole, &unfiltered, PAGE_SIZE);
        assert_eq!(slugs(&expected.items), ["e", "d", "c", "b", "a"]);
        let newest = LoadedListing::Newest(Arc::new(whole.clone()));
        assert_eq!(
            ListingPage::from_head(&manifest, &newest, &unfiltered).as_ref(),
            Some(&expected)
        );
        let latest = ListingPage::from_head(&manifest, &LoadedListing::Latest, &unfiltered);
        assert_eq!(latest.as_ref(), Some(&expected));
        let facets = LoadedListing::Facets(Arc::default());
        assert_eq!(
            ListingPage::from_head(&manifest, &facets, &unfiltered),
            None
        );
    }

    #[test]
    fn a_first_page_shows_its_own_count_and_counts() {
        let articles = corpus();
        let manifest = manifest(&articles);
        let ops: Vec<ArticleSummary> = articles
            .iter()
            .filter(|a| a.category.as_deref() == Some("ops"))
            .cloned()
            .collect();
        let first_page = FirstPage {
            schema_version: SCHEMA_VERSION,
            articles: ops.clone(),
            count: ops.len(),
            // What the compiler writes: every category's count with the other filters applied.
            category_counts: BTreeMap::from([
                ("ai".to_owned(), 1),
                ("dev".to_owned(), 2),
                ("ops".to_owned(), 2),
            ]),
            tag_counts: BTreeMap::from([("cost".to_owned(), 2), ("k8s".to_owned(), 1)]),
        };
        let query = fixed(Some("ops"), None).apply(ListingQuery::parse(""));
        let loaded = LoadedListing::FirstPage(Arc::new(first_page));
        let page = ListingPage::from_head(&manifest, &loaded, &query).unwrap();
        let selected = ListingPage::select(&manifest, &Listing::new(articles), &query, PAGE_SIZE);
        assert_eq!(page, selected);
        assert_eq!((page.total, slugs(&page.items)), (2, vec!["e", "c"]));
    }

    #[test]
    fn a_selection_counts_the_choices_beside_its_page() {
        let articles = corpus();
        let manifest = manifest(&articles);
        let listing = Listing::new(articles);
        let query = ListingQuery::parse("tag=cost&page=2");
        let page = ListingPage::select(&manifest, &listing, &query, 2);
        assert_eq!(
            (page.total, page.page.number, slugs(&page.items)),
            (3, 2, vec!["b"])
        );
        let counts = |choices: &[crate::query::FilterChoice]| {
            choices
                .iter()
                .map(|c| (c.slug.clone(), c.count))
                .collect::<Vec<_>>()
        };
        let pairs = |pairs: &[(&str, usize)]| {
            pairs
                .iter()
                .map(|(slug, count)| ((*slug).to_owned(), *count))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            counts(&page.choices.categories),
            pairs(&[("ai", 1), ("dev", 0), ("ops", 2)])
        );
        assert_eq!(
            counts(&page.choices.tags),
            pairs(&[("cost", 3), ("k8s", 1), ("llm", 1)])
        );
        let counted_only = ListingPage::select(&manifest, &listing, &query, 0);
        assert_eq!((counted_only.total, counted_only.items.len()), (3, 0));
    }

    #[test]
    fn page_links_lead_to_the_neighbouring_pages_of_the_same_query() {
        let query = ListingQuery::parse("tag=k8s&page=2");
        let check = |total_items: usize, requested: usize, expected: Option<PageLinks>| {
            let page = paginate(total_items, requested, 10);
            assert_eq!(
                PageLinks::new(&page, &query, "/tag/x/"),
                expected,
                "{total_items} {requested}"
            );
        };
        let links = |previous: Option<&str>, position: &str, next: Option<&str>| {
            Some(PageLinks {
                previous: previous.map(str::to_owned),
                position: position.to_owned(),
                next: next.map(str::to_owned),
            })
        };
        check(0, 1, None);
        check(10, 1, None);
        check(
            11,
            1,
            links(None, "Page 1 of 2", Some("/tag/x/?tag=k8s&page=2")),
        );
        check(11, 2, links(Some("/tag/x/?tag=k8s"), "Page 2 of 2", None));
        check(
            30,
            2,
            links(
                Some("/tag/x/?tag=k8s"),
                "Page 2 of 3",
                Some("/tag/x/?tag=k8s&page=3"),
            ),
        );
    }
}
