//! The listing's URL state: `category` (any of), `tag` (all of), `from`/`to`, `q`, `sort`, `page`.
//!
//! Parsing never fails: whatever a URL holds becomes a valid query, and unknown or malformed values
//! are dropped or clamped, so a hostile or stale link still shows a sensible view.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::bundle::{ArticleSummary, CategoryInfo, TagInfo};
use crate::date::Date;

/// Longest text query kept; anything longer is cut, so a huge `q` cannot slow every keystroke.
pub const MAX_TEXT_LENGTH: usize = 200;
/// Most values kept per repeatable parameter.
pub const MAX_REPEATED: usize = 32;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
}

/// A `from`/`to` bound as written: a whole month or one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateBound {
    Month { year: u16, month: u8 },
    Day(Date),
}

impl DateBound {
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        match text.len() {
            7 => {
                let day = Date::parse(&format!("{text}-01")).ok()?;
                Some(Self::Month {
                    year: day.year(),
                    month: day.month(),
                })
            }
            10 => Date::parse(text).ok().map(Self::Day),
            _ => None,
        }
    }

    /// The first day the bound covers.
    pub fn first_day(self) -> Date {
        match self {
            Self::Month { year, month } => Date::new(year, month, 1).expect("validated on parse"),
            Self::Day(day) => day,
        }
    }

    /// The last day the bound covers.
    pub fn last_day(self) -> Date {
        match self {
            Self::Month { year, month } => (28..=31)
                .rev()
                .find_map(|day| Date::new(year, month, day).ok())
                .expect("every month has a 28th"),
            Self::Day(day) => day,
        }
    }
}

impl std::fmt::Display for DateBound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Self::Day(day) => write!(f, "{day}"),
        }
    }
}

/// What a listing shows, as the URL says it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListingQuery {
    /// Category slugs; an article matches any of them. Sorted, no duplicates.
    pub categories: Vec<String>,
    /// Tag slugs; an article must carry all of them. Sorted, no duplicates.
    pub tags: Vec<String>,
    pub from: Option<DateBound>,
    pub to: Option<DateBound>,
    /// Words that must all appear in the title or summary.
    pub text: String,
    pub sort: Sort,
    /// 1-based; clamped to the real page count by [`paginate`].
    pub page: usize,
}

impl ListingQuery {
    /// Builds a query from decoded `key=value` pairs; unknown keys and malformed values are ignored.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut query = Self {
            page: 1,
            ..Self::default()
        };
        for (key, value) in pairs {
            let value = value.as_ref().trim();
            match key.as_ref() {
                "category" => push_slug(&mut query.categories, value),
                "tag" => push_slug(&mut query.tags, value),
                "from" => query.from = DateBound::parse(value).or(query.from),
                "to" => query.to = DateBound::parse(value).or(query.to),
                "q" => query.text = value.chars().take(MAX_TEXT_LENGTH).collect(),
                "sort" => match value {
                    "oldest" => query.sort = Sort::Oldest,
                    "newest" => query.sort = Sort::Newest,
                    _ => {}
                },
                "page" => {
                    if let Ok(page) = value.parse::<usize>() {
                        query.page = page.max(1);
                    }
                }
                _ => {}
            }
        }
        crate::order::sort(&mut query.categories);
        query.categories.dedup();
        crate::order::sort(&mut query.tags);
        query.tags.dedup();
        if let (Some(from), Some(to)) = (query.from, query.to)
            && from.first_day() > to.last_day()
        {
            // A reversed range is almost certainly a slip: read it the way round that makes sense.
            (query.from, query.to) = (Some(to), Some(from));
        }
        query
    }

    /// Parses a raw query string (`a=1&b=2`, with or without a leading `?`).
    pub fn parse(query_string: &str) -> Self {
        let query_string = query_string.strip_prefix('?').unwrap_or(query_string);
        Self::from_pairs(
            query_string
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (percent_decode(key), percent_decode(value))
                }),
        )
    }

    /// Drops category and tag slugs the bundle does not know.
    pub fn retain_known(
        mut self,
        is_category: impl Fn(&str) -> bool,
        is_tag: impl Fn(&str) -> bool,
    ) -> Self {
        self.categories.retain(|slug| is_category(slug));
        self.tags.retain(|slug| is_tag(slug));
        self
    }

    /// The canonical query string (no leading `?`): defaults are left out, order is fixed.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        let mut push = |key: &str, value: &str| {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            out.push_str(&percent_encode(value));
        };
        for category in &self.categories {
            push("category", category);
        }
        for tag in &self.tags {
            push("tag", tag);
        }
        if let Some(from) = self.from {
            push("from", &from.to_string());
        }
        if let Some(to) = self.to {
            push("to", &to.to_string());
        }
        if !self.text.trim().is_empty() {
            push("q", self.text.trim());
        }
        if self.sort == Sort::Oldest {
            push("sort", "oldest");
        }
        if self.page > 1 {
            push("page", &self.page.to_string());
        }
        out
    }

    /// The same query with every filter cleared (sort kept, back to page one).
    pub fn cleared(&self) -> Self {
        Self {
            sort: self.sort,
            page: 1,
            ..Self::default()
        }
    }

    fn matches_dates(&self, article: &ArticleSummary) -> bool {
        self.from
            .is_none_or(|from| article.date >= from.first_day())
            && self.to.is_none_or(|to| article.date <= to.last_day())
    }

    fn matches_categories(&self, article: &ArticleSummary) -> bool {
        self.categories.is_empty()
            || article
                .category
                .as_ref()
                .is_some_and(|category| self.categories.contains(category))
    }

    fn matches_tags(&self, article: &ArticleSummary) -> bool {
        self.tags.iter().all(|tag| article.tags.contains(tag))
    }

    fn words(&self) -> Vec<String> {
        fold(&self.text)
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }

    /// Whether the query shows every article, newest first: then its counts are the manifest's
    /// and its first pages are the newest shard's, with no need for the whole listing.
    pub fn is_unfiltered(&self) -> bool {
        self.categories.is_empty()
            && self.tags.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.words().is_empty()
            && self.sort == Sort::Newest
    }

    /// How many categories, tags and date bounds narrow the listing: what a collapsed filter
    /// panel reports, since it hides them. Neither the words (always shown) nor the order counts.
    pub fn narrowing_count(&self) -> usize {
        self.categories.len()
            + self.tags.len()
            + usize::from(self.from.is_some())
            + usize::from(self.to.is_some())
    }
}

fn push_slug(slugs: &mut Vec<String>, value: &str) {
    let is_slug = !value.is_empty()
        && value.len() <= 100
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if is_slug && slugs.len() < MAX_REPEATED {
        slugs.push(value.to_owned());
    }
}

/// Lowercases and strips accents, so "Café" matches "cafe"; the same folding search uses.
pub fn fold(text: &str) -> String {
    crate::search::tokens::fold(text)
}

/// Decodes `%XX` escapes and `+` as space; malformed escapes are kept as written, and invalid
/// UTF-8 becomes U+FFFD, so decoding never fails.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(index + 1..index + 3).and_then(|pair| {
                    std::str::from_utf8(pair)
                        .ok()
                        .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                });
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        index += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The articles a query selects, in the order it asks for. `articles` is newest first.
/// Articles, newest first, with each one's folded title and summary: folded once when the
/// listing is built, not once per article per keystroke.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    articles: Vec<ArticleSummary>,
    folded: Vec<String>,
}

/// What a query selects from a [`Listing`], and the counts the filter bar shows beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection<'a> {
    /// In the query's order.
    pub articles: Vec<&'a ArticleSummary>,
    /// Per category, how many articles the query would show with that category as the only one
    /// chosen: the other filters (tags, dates, text) stay applied.
    pub category_counts: HashMap<&'a str, usize>,
    /// Per tag, how many articles the query would show with that tag added (for a chosen tag:
    /// the current result count).
    pub tag_counts: HashMap<&'a str, usize>,
}

impl Listing {
    pub fn new(articles: Vec<ArticleSummary>) -> Self {
        let folded = articles
            .iter()
            .map(|article| fold(&format!("{} {}", article.title, article.summary)))
            .collect();
        Self { articles, folded }
    }

    /// Joins listings in order, keeping what each has computed. Sized once: grown by doubling,
    /// the joined vectors left a trail of freed copies that the wasm heap never gives back.
    pub fn concat(parts: impl IntoIterator<Item = Listing>) -> Self {
        let parts: Vec<Listing> = parts.into_iter().collect();
        let total = parts.iter().map(|part| part.articles.len()).sum();
        let mut joined = Self {
            articles: Vec::with_capacity(total),
            folded: Vec::with_capacity(total),
        };
        for part in parts {
            joined.articles.extend(part.articles);
            joined.folded.extend(part.folded);
        }
        joined
    }

    /// The articles at `indices` (out-of-range ones skipped), in that order.
    pub fn subset(&self, indices: impl IntoIterator<Item = usize>) -> Self {
        let mut subset = Self::default();
        for index in indices {
            if let (Some(article), Some(folded)) =
                (self.articles.get(index), self.folded.get(index))
            {
                subset.articles.push(article.clone());
                subset.folded.push(folded.clone());
            }
        }
        subset
    }

    pub fn articles(&self) -> &[ArticleSummary] {
        &self.articles
    }

    /// Applies `query` in one pass over the listing.
    pub fn select(&self, query: &ListingQuery) -> Selection<'_> {
        let words = query.words();
        let mut selection = Selection {
            articles: Vec::new(),
            category_counts: HashMap::new(),
            tag_counts: HashMap::new(),
        };
        for (article, folded) in self.articles.iter().zip(&self.folded) {
            let passes_others = query.matches_tags(article)
                && query.matches_dates(article)
                && words.iter().all(|word| folded.contains(word.as_str()));
            if !passes_others {
                continue;
            }
            if let Some(category) = &article.category {
                *selection
                    .category_counts
                    .entry(category.as_str())
                    .or_insert(0) += 1;
            }
            if query.matches_categories(article) {
                selection.articles.push(article);
                for tag in &article.tags {
                    *selection.tag_counts.entry(tag.as_str()).or_insert(0) += 1;
                }
            }
        }
        if query.sort == Sort::Oldest {
            selection.articles.reverse();
        }
        selection
    }
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// 1-based, clamped into `1..=total_pages`.
    pub number: usize,
    /// At least 1, even for an empty list.
    pub total_pages: usize,
    /// The items of this page, as a range into the list.
    pub range: std::ops::Range<usize>,
}

/// Clamps `requested` into the pages that exist and returns that page's range.
pub fn paginate(total_items: usize, requested: usize, per_page: usize) -> Page {
    let per_page = per_page.max(1);
    let total_pages = total_items.div_ceil(per_page).max(1);
    let number = requested.clamp(1, total_pages);
    let start = (number - 1) * per_page;
    Page {
        number,
        total_pages,
        range: start.min(total_items)..(start + per_page).min(total_items),
    }
}

/// Tags the filter bar offers beyond the chosen ones: the most used, so the bar stays short at
/// any number of tags.
pub const TAG_CHOICES: usize = 16;

/// One choice in the filter bar and how many articles it would show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterChoice {
    pub slug: String,
    pub name: String,
    pub count: usize,
}

/// What the filter bar offers for a query. The app builds it from each [`Selection`]; the
/// compiler builds the same for its pre-rendered listings, so both bars hold the same choices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterChoices {
    /// Every category, in the site's order, with its count (0 when the other filters rule it
    /// out: it stays in place rather than making the bar jump).
    pub categories: Vec<FilterChoice>,
    /// The chosen tags first, then the tags with the most articles (ties by slug), up to
    /// [`TAG_CHOICES`] in all unless more are chosen; tags with no article are left out unless
    /// chosen.
    pub tags: Vec<FilterChoice>,
}

impl FilterChoices {
    pub fn new(
        categories: &[CategoryInfo],
        tags: &[TagInfo],
        query: &ListingQuery,
        category_counts: &HashMap<&str, usize>,
        tag_counts: &HashMap<&str, usize>,
    ) -> Self {
        let categories = categories
            .iter()
            .map(|category| FilterChoice {
                slug: category.slug.clone(),
                name: category.name.clone(),
                count: category_counts
                    .get(category.slug.as_str())
                    .copied()
                    .unwrap_or(0),
            })
            .collect();
        let mut offered: Vec<(bool, &TagInfo, usize)> = tags
            .iter()
            .map(|tag| {
                let count = tag_counts.get(tag.slug.as_str()).copied().unwrap_or(0);
                (query.tags.contains(&tag.slug), tag, count)
            })
            .filter(|&(chosen, _, count)| chosen || count > 0)
            .collect();
        crate::order::sort_by(&mut offered, |a, b| {
            b.0.cmp(&a.0)
                .then(b.2.cmp(&a.2))
                .then(a.1.slug.cmp(&b.1.slug))
        });
        offered.truncate(TAG_CHOICES.max(query.tags.len()));
        let tags = offered
            .into_iter()
            .map(|(_, tag, count)| FilterChoice {
                slug: tag.slug.clone(),
                name: tag.name.clone(),
                count,
            })
            .collect();
        Self { categories, tags }
    }
}

/// How many of `articles` are in each category and carry each tag: the counts a listing's
/// [`FilterChoices`] take when nothing narrows it.
pub fn taxonomy_counts<'a>(
    articles: impl IntoIterator<Item = &'a ArticleSummary>,
) -> (HashMap<&'a str, usize>, HashMap<&'a str, usize>) {
    let mut categories: HashMap<&str, usize> = HashMap::new();
    let mut tags: HashMap<&str, usize> = HashMap::new();
    for article in articles {
        if let Some(category) = &article.category {
            *categories.entry(category.as_str()).or_default() += 1;
        }
        for tag in &article.tags {
            *tags.entry(tag.as_str()).or_default() += 1;
        }
    }
    (categories, tags)
}

/// "12 articles", "1 article", "No articles".
pub fn count_label(count: usize) -> String {
    match count {
        0 => "No articles".to_owned(),
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(
        slug: &str,
        date: &str,
        category: &str,
        tags: &[&str],
        title: &str,
    ) -> ArticleSummary {
        ArticleSummary {
            time: None,
            authors: Vec::new(),
            slug: slug.into(),
            title: title.into(),
            summary: format!("About {slug}."),
            own_summary: false,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
            date: Date::parse(date).unwrap(),
            updated: None,
            category: (!category.is_empty()).then(|| category.into()),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            reading_minutes: 1,
            word_count: 1,
            featured: false,
        }
    }

    #[test]
    fn taxonomy_counts_count_each_category_and_tag_once_per_article() {
        let articles = corpus();
        let (categories, tags) = taxonomy_counts(&articles);
        let listing = Listing::new(articles.clone());
        let selection = listing.select(&ListingQuery::default());
        // What an unfiltered selection counts.
        assert_eq!(categories, selection.category_counts);
        assert_eq!(tags, selection.tag_counts);
        assert_eq!(categories.get("ops"), Some(&2));
        assert_eq!(tags.get("cost"), Some(&3));
        assert_eq!(
            taxonomy_counts(&articles[..0]),
            (HashMap::new(), HashMap::new())
        );
    }

    /// Newest first, as the bundle lists them.
    fn corpus() -> Vec<ArticleSummary> {
        vec![
            article("e", "2026-11-02", "ops", &["k8s", "cost"], "Café latency"),
            article("d", "2026-10-31", "dev", &["k8s"], "Queue depth"),
            article("c", "2026-10-01", "ops", &["cost"], "Cost of retries"),
            article("b", "2026-09-15", "ai", &["llm", "cost"], "Prompt budgets"),
            article("a", "2026-08-01", "dev", &[], "Flaky tests"),
        ]
    }

    fn slugs(articles: &[&ArticleSummary]) -> Vec<String> {
        articles.iter().map(|a| a.slug.clone()).collect()
    }

    fn check(query_string: &str, expected: &[&str]) {
        let articles = corpus();
        let query = ListingQuery::parse(query_string);
        assert_eq!(
            slugs(&Listing::new(articles).select(&query).articles),
            expected,
            "{query_string:?} -> {query:?}"
        );
    }

    #[test]
    fn filters_by_every_parameter_and_their_combinations() {
        check("", &["e", "d", "c", "b", "a"]);
        check("category=ops", &["e", "c"]);
        check("category=ops&category=ai", &["e", "c", "b"]);
        check("tag=cost", &["e", "c", "b"]);
        check("tag=cost&tag=k8s", &["e"]);
        check("from=2026-10", &["e", "d", "c"]);
        check("to=2026-10", &["d", "c", "b", "a"]);
        check("from=2026-10&to=2026-10", &["d", "c"]);
        check("from=2026-10-02&to=2026-11-01", &["d"]);
        check("q=cost", &["c"]);
        check("q=budgets", &["b"]);
        check("q=CAFE", &["e"]);
        check("q=queue%20DEPTH", &["d"]);
        check("q=retries+cost", &["c"]);
        check("sort=oldest", &["a", "b", "c", "d", "e"]);
        check("category=dev&tag=k8s&from=2026-10&sort=oldest", &["d"]);
        check("category=ops&tag=llm", &[]);
    }

    #[test]
    fn invalid_parameters_are_ignored_or_clamped() {
        let default = ListingQuery::parse("");
        assert_eq!(default.page, 1);
        for junk in [
            "from=banana",
            "to=2026-13",
            "from=2026-02-30",
            "page=-3",
            "page=abc",
            "page=0",
            "sort=sideways",
            "category=Not%20A%20Slug",
            "tag=%3Cscript%3E",
            "unknown=1",
            "&&&=&",
            "%zz=%",
            "category",
        ] {
            assert_eq!(ListingQuery::parse(junk), default, "{junk}");
        }
        assert_eq!(ListingQuery::parse("page=99999999999999999999999").page, 1);
        assert_eq!(ListingQuery::parse("page=7").page, 7);
        let long = ListingQuery::parse(&format!("q={}", "x".repeat(5000)));
        assert_eq!(long.text.len(), MAX_TEXT_LENGTH);
        let many = ListingQuery::parse(&"tag=a&".repeat(100));
        assert_eq!(many.tags, ["a"]);
    }

    #[test]
    fn a_reversed_range_is_read_the_right_way_round() {
        let query = ListingQuery::parse("from=2026-11&to=2026-09");
        assert_eq!(query.to_query_string(), "from=2026-09&to=2026-11");
    }

    #[test]
    fn round_trips_through_the_canonical_query_string() {
        for canonical in [
            "",
            "category=ai&category=ops",
            "tag=cost&tag=k8s",
            "from=2026-01&to=2026-03-15",
            "q=caf%C3%A9%20latency",
            "sort=oldest&page=3",
            "category=dev&tag=k8s&from=2026-10&to=2026-11&q=queue&sort=oldest&page=2",
        ] {
            let query = ListingQuery::parse(canonical);
            assert_eq!(query.to_query_string(), canonical);
            assert_eq!(ListingQuery::parse(&query.to_query_string()), query);
        }
        assert_eq!(
            ListingQuery::parse("?page=1&sort=newest&category=ops&category=ops&tag=b&tag=a")
                .to_query_string(),
            "category=ops&tag=a&tag=b"
        );
    }

    #[test]
    fn unknown_slugs_are_dropped_against_the_bundle() {
        let query = ListingQuery::parse("category=ops&category=gone&tag=cost&tag=gone")
            .retain_known(|c| c == "ops", |t| t == "cost");
        assert_eq!(query.to_query_string(), "category=ops&tag=cost");
    }

    #[test]
    fn counts_reflect_the_other_filters() {
        let listing = Listing::new(corpus());
        let query = ListingQuery::parse("category=ops&tag=cost");
        let selection = listing.select(&query);
        let categories = &selection.category_counts;
        assert_eq!(categories.get("ops"), Some(&2));
        assert_eq!(
            categories.get("ai"),
            Some(&1),
            "the category filter itself is not applied"
        );
        assert_eq!(categories.get("dev"), None);
        let tags = &selection.tag_counts;
        assert_eq!(tags.get("cost"), Some(&2));
        assert_eq!(tags.get("k8s"), Some(&1));
        assert_eq!(tags.get("llm"), None);
    }

    fn choices(query_string: &str, tag_total: usize) -> FilterChoices {
        let categories: Vec<CategoryInfo> = ["ops", "dev", "ai"]
            .iter()
            .map(|slug| CategoryInfo {
                slug: (*slug).to_owned(),
                name: slug.to_uppercase(),
                description: String::new(),
                count: 0,
            })
            .collect();
        let tags: Vec<TagInfo> = (0..tag_total)
            .map(|n| TagInfo {
                slug: format!("t{n:02}"),
                name: format!("Tag {n}"),
                count: 0,
            })
            .collect();
        let category_counts = HashMap::from([("ai", 3), ("ops", 1)]);
        // t00 has none; t01 one article, t02 two, and so on.
        let tag_counts: HashMap<&str, usize> = tags
            .iter()
            .enumerate()
            .map(|(n, tag)| (tag.slug.as_str(), n))
            .collect();
        FilterChoices::new(
            &categories,
            &tags,
            &ListingQuery::parse(query_string),
            &category_counts,
            &tag_counts,
        )
    }

    fn tag_slugs(choices: &FilterChoices) -> Vec<&str> {
        choices.tags.iter().map(|tag| tag.slug.as_str()).collect()
    }

    #[test]
    fn the_filter_bar_offers_every_category_in_site_order() {
        let offered = choices("", 0);
        let offered: Vec<(&str, &str, usize)> = offered
            .categories
            .iter()
            .map(|c| (c.slug.as_str(), c.name.as_str(), c.count))
            .collect();
        assert_eq!(
            offered,
            [("ops", "OPS", 1), ("dev", "DEV", 0), ("ai", "AI", 3)]
        );
    }

    #[test]
    fn the_filter_bar_offers_the_most_used_tags_and_every_chosen_one() {
        assert_eq!(tag_slugs(&choices("", 4)), ["t03", "t02", "t01"]);
        let many = choices("", 30);
        assert_eq!(many.tags.len(), TAG_CHOICES);
        assert_eq!(many.tags[0].slug, "t29");
        assert_eq!(many.tags[TAG_CHOICES - 1].slug, "t14");
        assert_eq!(many.tags[0].count, 29);
        let chosen = choices("tag=t00&tag=t05", 30);
        assert_eq!(&tag_slugs(&chosen)[..3], ["t05", "t00", "t29"]);
        assert_eq!(
            chosen.tags[1].count, 0,
            "a chosen tag stays, even with none"
        );
        assert_eq!(chosen.tags.len(), TAG_CHOICES);
        let all_chosen: Vec<String> = (0..20).map(|n| format!("tag=t{n:02}")).collect();
        assert_eq!(choices(&all_chosen.join("&"), 30).tags.len(), 20);
    }

    #[test]
    fn equally_used_tags_are_offered_by_slug() {
        let tags: Vec<TagInfo> = ["b", "c", "a"]
            .iter()
            .map(|slug| TagInfo {
                slug: (*slug).to_owned(),
                name: (*slug).to_owned(),
                count: 0,
            })
            .collect();
        let counts = HashMap::from([("a", 2), ("b", 2), ("c", 5)]);
        let offered = FilterChoices::new(
            &[],
            &tags,
            &ListingQuery::default(),
            &HashMap::new(),
            &counts,
        );
        assert_eq!(tag_slugs(&offered), ["c", "a", "b"]);
    }

    #[test]
    fn knows_an_unfiltered_query() {
        for unfiltered in ["", "page=3", "q=%20%20", "sort=newest"] {
            assert!(
                ListingQuery::parse(unfiltered).is_unfiltered(),
                "{unfiltered:?}"
            );
        }
        for filtered in [
            "category=ops",
            "tag=k8s",
            "from=2026-01",
            "to=2026-01-02",
            "q=cost",
            "sort=oldest",
        ] {
            assert!(
                !ListingQuery::parse(filtered).is_unfiltered(),
                "{filtered:?}"
            );
        }
    }

    #[test]
    fn counts_what_narrows_the_listing() {
        for (query, count) in [
            ("", 0),
            ("q=cost&sort=oldest&page=2", 0),
            ("category=ops", 1),
            ("category=ops&category=web&tag=k8s", 3),
            ("from=2026-01", 1),
            ("from=2026-01&to=2026-02-03&tag=a&tag=b&q=x", 4),
            // Repeated and malformed values are dropped by the parser, so not counted.
            ("tag=k8s&tag=k8s&tag=Bad%20Slug&from=never", 1),
        ] {
            assert_eq!(
                ListingQuery::parse(query).narrowing_count(),
                count,
                "{query:?}"
            );
        }
    }

    #[test]
    fn joined_and_picked_listings_filter_like_the_whole() {
        let whole = Listing::new(corpus());
        let articles = corpus();
        let (newer, older) = articles.split_at(2);
        let joined = Listing::concat([Listing::new(newer.to_vec()), Listing::new(older.to_vec())]);
        assert_eq!(joined, whole);
        let picked = whole.subset([4, 0, 99, 2]);
        let query = ListingQuery::parse("q=cafe");
        assert_eq!(slugs(&picked.select(&query).articles), ["e"]);
        assert_eq!(
            picked
                .articles()
                .iter()
                .map(|a| a.slug.as_str())
                .collect::<Vec<_>>(),
            ["a", "e", "c"]
        );
    }

    #[test]
    fn paginates_and_clamps() {
        assert_eq!(
            paginate(0, 1, 10),
            Page {
                number: 1,
                total_pages: 1,
                range: 0..0
            }
        );
        assert_eq!(
            paginate(25, 1, 10),
            Page {
                number: 1,
                total_pages: 3,
                range: 0..10
            }
        );
        assert_eq!(
            paginate(25, 3, 10),
            Page {
                number: 3,
                total_pages: 3,
                range: 20..25
            }
        );
        assert_eq!(
            paginate(25, 99, 10),
            Page {
                number: 3,
                total_pages: 3,
                range: 20..25
            }
        );
        assert_eq!(
            paginate(25, 0, 10),
            Page {
                number: 1,
                total_pages: 3,
                range: 0..10
            }
        );
        assert_eq!(paginate(10, 2, 0).total_pages, 10);
    }

    #[test]
    fn decodes_and_encodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%FF"), "\u{fffd}");
        assert_eq!(percent_encode("café & co"), "caf%C3%A9%20%26%20co");
        for text in ["", "plain", "a b&c=d", "naïve ✓", "%41"] {
            assert_eq!(percent_decode(&percent_encode(text)), text);
        }
    }

    #[test]
    fn labels_counts() {
        assert_eq!(count_label(0), "No articles");
        assert_eq!(count_label(1), "1 article");
        assert_eq!(count_label(12), "12 articles");
    }

    #[test]
    fn date_bounds_cover_whole_months() {
        let feb = DateBound::parse("2024-02").unwrap();
        assert_eq!(feb.first_day().to_string(), "2024-02-01");
        assert_eq!(feb.last_day().to_string(), "2024-02-29");
        assert_eq!(
            DateBound::parse("2026-04").unwrap().last_day().to_string(),
            "2026-04-30"
        );
        assert_eq!(
            DateBound::parse("2026-04-09").unwrap().to_string(),
            "2026-04-09"
        );
        assert_eq!(DateBound::parse("2026-4"), None);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any query string at all becomes a valid query, and its canonical form is a fixed point.
        #[test]
        fn any_query_string_parses_to_a_canonical_fixed_point(raw in ".{0,400}") {
            let query = ListingQuery::parse(&raw);
            prop_assert!(query.page >= 1);
            prop_assert!(query.text.chars().count() <= MAX_TEXT_LENGTH);
            let canonical = query.to_query_string();
            let reparsed = ListingQuery::parse(&canonical);
            prop_assert_eq!(&reparsed, &query);
            prop_assert_eq!(reparsed.to_query_string(), canonical);
        }

        /// Structured pairs, including repeated keys and unicode, survive a round trip.
        #[test]
        fn structured_queries_round_trip(
            categories in prop::collection::vec("[a-z0-9-]{1,12}", 0..4),
            tags in prop::collection::vec("[a-z0-9-]{1,12}", 0..4),
            text in "\\PC{0,30}",
            page in 0usize..10_000,
            oldest in any::<bool>(),
        ) {
            let mut pairs: Vec<(String, String)> = Vec::new();
            pairs.extend(categories.iter().map(|c| ("category".to_owned(), c.clone())));
            pairs.extend(tags.iter().map(|t| ("tag".to_owned(), t.clone())));
            pairs.push(("q".to_owned(), text.clone()));
            pairs.push(("page".to_owned(), page.to_string()));
            if oldest {
                pairs.push(("sort".to_owned(), "oldest".to_owned()));
            }
            let query = ListingQuery::from_pairs(pairs);
            prop_assert_eq!(ListingQuery::parse(&query.to_query_string()), query);
        }

        /// One pass gives what the three rules say, each applied on its own.
        #[test]
        fn selection_matches_the_rules_one_by_one(
            articles in prop::collection::vec(
                (0u16..800, 0usize..4, prop::collection::btree_set(0usize..4, 0..3), 0usize..4),
                0..40,
            ),
            categories in prop::collection::btree_set(0usize..3, 0..3),
            tags in prop::collection::btree_set(0usize..4, 0..3),
            from in prop::option::of(0u16..800),
            to in prop::option::of(0u16..800),
            word in prop::option::of(0usize..4),
            oldest in any::<bool>(),
        ) {
            const CATEGORIES: [&str; 3] = ["ops", "dev", "ai"];
            const TAGS: [&str; 4] = ["k8s", "cost", "llm", "rust"];
            const TITLES: [&str; 4] = ["Café latency", "Queue depth", "Cost of retries", "Élan"];
            let day = |offset: u16| Date::new(2024 + offset / 300, 1 + (offset % 300 / 25) as u8, 1 + (offset % 25) as u8).unwrap();
            let mut summaries: Vec<ArticleSummary> = articles
                .iter()
                .enumerate()
                .map(|(index, (date, category, tag_set, title))| ArticleSummary {
                    authors: Vec::new(),
                    time: None,
                    slug: format!("a{index}"),
                    title: TITLES[*title].to_owned(),
                    summary: format!("Summary {index}"),
                    own_summary: false,
                    image: None,
                    picture: None,
                    image_alt: None,
                    card: None,
                    date: day(*date),
                    updated: None,
                    // The fourth choice is an article with no category.
                    category: CATEGORIES.get(*category).map(|c| (*c).to_owned()),
                    tags: tag_set.iter().map(|t| TAGS[*t].to_owned()).collect(),
                    reading_minutes: 1,
                    word_count: 1,
                    featured: false,
                })
                .collect();
            summaries.sort_by_key(|article| std::cmp::Reverse(article.date));
            let query = ListingQuery {
                categories: categories.iter().map(|c| CATEGORIES[*c].to_owned()).collect(),
                tags: tags.iter().map(|t| TAGS[*t].to_owned()).collect(),
                from: from.map(|d| DateBound::Day(day(d))),
                to: to.map(|d| DateBound::Day(day(d))),
                text: word.map(|w| ["CAFE", "depth", "of", "elan"][w].to_owned()).unwrap_or_default(),
                sort: if oldest { Sort::Oldest } else { Sort::Newest },
                page: 1,
            };
            let text_ok = |a: &ArticleSummary| {
                let haystack = fold(&format!("{} {}", a.title, a.summary));
                query.words().iter().all(|w| haystack.contains(w.as_str()))
            };
            let others_ok = |a: &ArticleSummary| query.matches_tags(a) && query.matches_dates(a) && text_ok(a);
            let mut expected: Vec<&ArticleSummary> = summaries.iter().filter(|a| query.matches_categories(a) && others_ok(a)).collect();
            if oldest {
                expected.reverse();
            }
            let mut expected_categories: HashMap<&str, usize> = HashMap::new();
            let mut expected_tags: HashMap<&str, usize> = HashMap::new();
            for article in summaries.iter().filter(|a| others_ok(a)) {
                if let Some(category) = &article.category {
                    *expected_categories.entry(category.as_str()).or_default() += 1;
                }
                if query.matches_categories(article) {
                    for tag in &article.tags {
                        *expected_tags.entry(tag.as_str()).or_default() += 1;
                    }
                }
            }
            let listing = Listing::new(summaries.clone());
            let selection = listing.select(&query);
            prop_assert_eq!(selection.articles, expected);
            prop_assert_eq!(selection.category_counts, expected_categories);
            prop_assert_eq!(selection.tag_counts, expected_tags);
            if query.is_unfiltered() {
                prop_assert_eq!(listing.select(&query).articles.len(), summaries.len());
            }
        }

        #[test]
        fn pagination_always_lands_on_a_real_page(total in 0usize..100_000, requested in any::<usize>(), per_page in 1usize..500) {
            let page = paginate(total, requested, per_page);
            prop_assert!(page.number >= 1 && page.number <= page.total_pages);
            prop_assert!(page.range.end <= total);
            prop_assert!(page.range.len() <= per_page);
        }
    }
}
