//! The facet index: every published article's date, category and tags, integer-coded column by
//! column, so a listing filters and counts at any size without downloading its titles and
//! summaries, then fetches the entries of the page it shows by position.
//!
//! A fragment holds [`FRAGMENT_LENGTH`] consecutive articles of the listing (newest first):
//! their days as a first day and then zigzag deltas, their categories as 1 + the index in
//! [`Manifest::categories`] (0 for none), their tag counts, then every tag as its index in
//! [`Manifest::tags`]. A category or tag the manifest does not list is left out: no query the
//! app makes can name it ([`ListingQuery::retain_known`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::bundle::{ArticleSummary, CategoryInfo, DecodeError, Manifest, ShardRef, TagInfo};
use crate::date::Date;
use crate::query::{ListingQuery, Sort};
use crate::search::codec::{FileKind, Reader, Writer};

/// Articles per facet fragment: at about five bytes an article, 20 kB raw, decoded well inside
/// one 50 ms task on a slow phone.
pub const FRAGMENT_LENGTH: usize = 4096;

/// Articles per entry file. A filtered page's 24 articles are scattered over the listing, so
/// each one costs a file; small files keep what is fetched close to what is shown.
pub const ENTRY_CHUNK_LENGTH: usize = 4;

/// Where the facet index and the listing's entries by position are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetsRef {
    /// In listing order; each holds [`FRAGMENT_LENGTH`] articles, the last one the rest.
    pub fragments: Vec<ShardRef>,
    /// The folder of the entry files ([`ListingShard`](crate::ListingShard)s of
    /// [`ENTRY_CHUNK_LENGTH`] articles), named by a hash of them all, so the manifest names it
    /// once at any size.
    pub entries: String,
}

impl Manifest {
    /// The entry file that holds the article at `position` in the listing, relative to the
    /// bundle.
    pub fn entry_file(&self, position: usize) -> String {
        format!(
            "{}/{}.json",
            self.facets.entries,
            position / ENTRY_CHUNK_LENGTH
        )
    }
}

/// Encodes one fragment: `articles` are consecutive in the listing, newest first; `categories`
/// and `tags` are the manifest's.
pub fn encode_fragment(
    categories: &[CategoryInfo],
    tags: &[TagInfo],
    articles: &[ArticleSummary],
) -> Vec<u8> {
    let categories = slug_indices(categories.iter().map(|c| c.slug.as_str()));
    let tags = slug_indices(tags.iter().map(|t| t.slug.as_str()));
    let mut writer = Writer::new(FileKind::Facets);
    writer.uint(articles.len() as u64);
    let mut previous = 0i64;
    for article in articles {
        let day = article.date.days_since_unix_epoch();
        writer.uint(zigzag(day - previous));
        previous = day;
    }
    for article in articles {
        let category = article.category.as_deref().and_then(|c| categories.get(c));
        writer.uint(category.map_or(0, |&index| u64::from(index) + 1));
    }
    let known_tags = |article: &'_ ArticleSummary| {
        article
            .tags
            .iter()
            .filter_map(|tag| tags.get(tag.as_str()).copied())
            .collect::<Vec<u32>>()
    };
    let article_tags: Vec<Vec<u32>> = articles.iter().map(known_tags).collect();
    for own in &article_tags {
        writer.uint(own.len() as u64);
    }
    for tag in article_tags.iter().flatten() {
        writer.uint(u64::from(*tag));
    }
    writer.bytes
}

fn slug_indices<'a>(slugs: impl Iterator<Item = &'a str>) -> HashMap<&'a str, u32> {
    slugs
        .enumerate()
        .map(|(index, slug)| (slug, index as u32))
        .collect()
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

/// The facts a filter needs of every article, by position in the listing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetIndex {
    days: Vec<i32>,
    /// 0 for none, else 1 + the index in [`Manifest::categories`].
    categories: Vec<u32>,
    /// Where each article's tags start in `tags`; one more entry than articles.
    tag_starts: Vec<u32>,
    tags: Vec<u32>,
}

fn malformed(what: &str) -> DecodeError {
    DecodeError::Malformed(format!("facet index: {what}"))
}

impl FacetIndex {
    /// Decodes one fragment, checking every index against the manifest it was named by.
    pub fn decode(bytes: &[u8], manifest: &Manifest) -> Result<Self, DecodeError> {
        let mut reader = Reader::new(bytes, FileKind::Facets)?;
        let count = reader.count()?;
        let mut index = Self {
            days: Vec::with_capacity(count),
            categories: Vec::with_capacity(count),
            tag_starts: Vec::with_capacity(count + 1),
            tags: Vec::new(),
        };
        let mut day = 0i64;
        let out_of_range = || malformed("a date is out of range");
        for _ in 0..count {
            day = day
                .checked_add(unzigzag(reader.uint()?))
                .ok_or_else(out_of_range)?;
            index
                .days
                .push(i32::try_from(day).map_err(|_| out_of_range())?);
        }
        for _ in 0..count {
            let category = reader.u32()?;
            if category as usize > manifest.categories.len() {
                return Err(malformed("a category the manifest does not list"));
            }
            index.categories.push(category);
        }
        let mut total = 0u32;
        index.tag_starts.push(0);
        for _ in 0..count {
            total = total
                .checked_add(reader.u32()?)
                .filter(|&total| total as usize <= reader.remaining())
                .ok_or_else(|| malformed("more tags than the file holds"))?;
            index.tag_starts.push(total);
        }
        index.tags.reserve(total as usize);
        for _ in 0..total {
            let tag = reader.u32()?;
            if tag as usize >= manifest.tags.len() {
                return Err(malformed("a tag the manifest does not list"));
            }
            index.tags.push(tag);
        }
        reader.finish()?;
        Ok(index)
    }

    /// Joins fragments in listing order.
    pub fn concat(parts: impl IntoIterator<Item = FacetIndex>) -> Self {
        let mut joined = Self {
            tag_starts: vec![0],
            ..Self::default()
        };
        for part in parts {
            let offset = *joined.tag_starts.last().expect("never empty");
            joined.days.extend(part.days);
            joined.categories.extend(part.categories);
            joined
                .tag_starts
                .extend(part.tag_starts.iter().skip(1).map(|start| start + offset));
            joined.tags.extend(part.tags);
        }
        joined
    }

    /// Articles indexed.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    fn tags_of(&self, position: usize) -> &[u32] {
        let start = self.tag_starts[position] as usize;
        let end = self.tag_starts[position + 1] as usize;
        &self.tags[start..end]
    }

    /// What `query` selects and how the filter bar counts it, as
    /// [`Listing::select`](crate::query::Listing::select) would over the whole listing.
    /// `candidates` is every article, or the ones a text search matched, in the order they are
    /// to be shown in (a search's ranking; ascending positions to show them by date). The
    /// query's own words are not read: the search that chose `candidates` has.
    pub fn select(
        &self,
        manifest: &Manifest,
        query: &ListingQuery,
        candidates: Candidates<'_>,
    ) -> FacetSelection {
        let filter = CodedFilter::new(manifest, query);
        let mut selection = FacetSelection {
            positions: Vec::new(),
            category_counts: vec![0; manifest.categories.len()],
            tag_counts: vec![0; manifest.tags.len()],
        };
        let mut visit = |position: usize| {
            let tags = self.tags_of(position);
            if !filter.passes_tags(tags) || !filter.passes_dates(self.days[position]) {
                return;
            }
            let category = self.categories[position];
            if category > 0 {
                selection.category_counts[category as usize - 1] += 1;
            }
            if filter.passes_category(category) {
                selection.positions.push(position as u32);
                for &tag in tags {
                    selection.tag_counts[tag as usize] += 1;
                }
            }
        };
        match candidates {
            Candidates::Every => (0..self.len()).for_each(&mut visit),
            Candidates::Only(positions) => positions
                .iter()
                .map(|&position| position as usize)
                .filter(|&position| position < self.len())
                .for_each(&mut visit),
        }
        if query.sort == Sort::Oldest {
            selection.positions.reverse();
        }
        selection
    }
}

/// Which articles a selection looks at.
#[derive(Clone, Copy, Debug)]
pub enum Candidates<'a> {
    /// Every article, in listing order.
    Every,
    /// These positions, in this order (out-of-range ones skipped).
    Only(&'a [u32]),
}

/// A query's filters as the index's integers.
struct CodedFilter {
    /// `None`: any category; otherwise the coded categories any of which an article must be in.
    categories: Option<Vec<u32>>,
    /// Every one must be carried; `None` when the query names a tag no article can carry.
    tags: Option<Vec<u32>>,
    from: i32,
    to: i32,
}

impl CodedFilter {
    fn new(manifest: &Manifest, query: &ListingQuery) -> Self {
        let categories = (!query.categories.is_empty()).then(|| {
            manifest
                .categories
                .iter()
                .enumerate()
                .filter(|(_, category)| query.categories.contains(&category.slug))
                .map(|(index, _)| index as u32 + 1)
                .collect()
        });
        let tags = query
            .tags
            .iter()
            .map(|slug| manifest.tags.iter().position(|tag| &tag.slug == slug))
            .map(|index| index.map(|index| index as u32))
            .collect();
        let day = |date: Date| date.days_since_unix_epoch() as i32;
        Self {
            categories,
            tags,
            from: query.from.map_or(i32::MIN, |from| day(from.first_day())),
            to: query.to.map_or(i32::MAX, |to| day(to.last_day())),
        }
    }

    fn passes_tags(&self, tags: &[u32]) -> bool {
        self.tags
            .as_ref()
            .is_some_and(|wanted| wanted.iter().all(|tag| tags.contains(tag)))
    }

    fn passes_dates(&self, day: i32) -> bool {
        (self.from..=self.to).contains(&day)
    }

    fn passes_category(&self, category: u32) -> bool {
        self.categories
            .as_ref()
            .is_none_or(|wanted| wanted.contains(&category))
    }
}

/// What [`FacetIndex::select`] found: positions in the listing, and counts by the manifest's
/// order of categories and tags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetSelection {
    /// In the order to show them.
    pub positions: Vec<u32>,
    /// Per category, how many articles the query would show with that category as the only one
    /// chosen.
    pub category_counts: Vec<usize>,
    /// Per tag, how many articles the query would show with that tag added.
    pub tag_counts: Vec<usize>,
}

impl FacetSelection {
    /// The counts by slug, as [`FilterChoices`](crate::query::FilterChoices) takes them.
    pub fn counts_by_slug<'a>(
        &self,
        manifest: &'a Manifest,
    ) -> (HashMap<&'a str, usize>, HashMap<&'a str, usize>) {
        let categories = manifest.categories.iter().map(|c| c.slug.as_str());
        let tags = manifest.tags.iter().map(|t| t.slug.as_str());
        (
            nonzero_by_slug(categories, &self.category_counts),
            nonzero_by_slug(tags, &self.tag_counts),
        )
    }
}

/// `counts`, in the order of `slugs`, keyed by slug; a slug counted 0 is left out.
fn nonzero_by_slug<'a>(
    slugs: impl Iterator<Item = &'a str>,
    counts: &[usize],
) -> HashMap<&'a str, usize> {
    slugs
        .zip(counts)
        .filter(|(_, count)| **count > 0)
        .map(|(slug, count)| (slug, *count))
        .collect()
}

/// The entry files that hold `positions`, each once, in the order first needed.
pub fn entry_chunks(positions: &[u32]) -> Vec<usize> {
    let mut chunks: Vec<usize> = Vec::with_capacity(positions.len());
    for &position in positions {
        let chunk = position as usize / ENTRY_CHUNK_LENGTH;
        if !chunks.contains(&chunk) {
            chunks.push(chunk);
        }
    }
    chunks
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;
    use crate::query::{DateBound, Listing, fold};
    use crate::{SCHEMA_VERSION, SiteInfo};

    const CATEGORIES: [&str; 3] = ["ops", "dev", "ai"];
    const TAGS: [&str; 5] = ["k8s", "cost", "llm", "rust", "wasm"];
    const TITLES: [&str; 4] = ["Café latency", "Queue depth", "Cost of retries", "Élan"];

    fn day(offset: u16) -> Date {
        Date::new(
            2024 + offset / 300,
            1 + (offset % 300 / 25) as u8,
            1 + (offset % 25) as u8,
        )
        .unwrap()
    }

    /// Articles newest first: (day, category (3 = none), tags, title).
    fn summaries(articles: &[(u16, usize, Vec<usize>, usize)]) -> Vec<ArticleSummary> {
        let mut summaries: Vec<ArticleSummary> = articles
            .iter()
            .enumerate()
            .map(|(index, (date, category, tags, title))| ArticleSummary {
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
                category: CATEGORIES.get(*category).map(|c| (*c).to_owned()),
                tags: tags.iter().map(|t| TAGS[*t].to_owned()).collect(),
                reading_minutes: 1,
                word_count: 1,
                featured: false,
            })
            .collect();
        summaries.sort_by_key(|article| std::cmp::Reverse(article.date));
        summaries
    }

    /// A manifest listing the categories in another order than their names and the first four
    /// tags only, so an unlisted tag is left out of the index.
    fn manifest() -> Manifest {
        Manifest {
            schema_version: SCHEMA_VERSION,
            site: SiteInfo::default(),
            categories: ["dev", "ai", "ops"]
                .map(|slug| CategoryInfo {
                    slug: slug.into(),
                    name: slug.into(),
                    description: String::new(),
                    count: 0,
                })
                .into(),
            tags: TAGS[..4]
                .iter()
                .map(|slug| TagInfo {
                    slug: (*slug).into(),
                    name: (*slug).into(),
                    count: 0,
                })
                .collect(),
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
        }
    }

    fn indexed(manifest: &Manifest, articles: &[ArticleSummary], fragment: usize) -> FacetIndex {
        FacetIndex::concat(articles.chunks(fragment.max(1)).map(|part| {
            FacetIndex::decode(
                &encode_fragment(&manifest.categories, &manifest.tags, part),
                manifest,
            )
            .unwrap()
        }))
    }

    fn owned(counts: HashMap<&str, usize>) -> HashMap<String, usize> {
        counts
            .into_iter()
            .map(|(slug, count)| (slug.to_owned(), count))
            .collect()
    }

    /// The listing's counts of what the manifest lists: the only ones a filter bar shows.
    fn listed<'a>(
        counts: HashMap<&'a str, usize>,
        slugs: impl IntoIterator<Item = &'a str>,
    ) -> HashMap<String, usize> {
        let slugs: Vec<&str> = slugs.into_iter().collect();
        owned(counts)
            .into_iter()
            .filter(|(slug, _)| slugs.contains(&slug.as_str()))
            .collect()
    }

    fn article_strategy() -> impl Strategy<Value = Vec<(u16, usize, Vec<usize>, usize)>> {
        prop::collection::vec(
            (
                0u16..900,
                0usize..4,
                prop::collection::btree_set(0usize..5, 0..4)
                    .prop_map(|tags| tags.into_iter().collect()),
                0usize..4,
            ),
            0..60,
        )
    }

    proptest! {
        /// Whatever the query, the index selects the articles, in the order, and counts what
        /// the whole listing does; split into fragments of any length.
        #[test]
        fn counts_and_results_equal_the_whole_listings(
            articles in article_strategy(),
            fragment in 1usize..20,
            categories in prop::collection::btree_set(0usize..4, 0..3),
            // A query names only tags the manifest lists (`retain_known`).
            tags in prop::collection::btree_set(0usize..4, 0..3),
            from in prop::option::of(0u16..900),
            to in prop::option::of(0u16..900),
            word in prop::option::of(0usize..4),
            oldest in any::<bool>(),
        ) {
            let manifest = manifest();
            let articles = summaries(&articles);
            let index = indexed(&manifest, &articles, fragment);
            prop_assert_eq!(index.len(), articles.len());
            let unknown = "not-listed".to_owned();
            let query = ListingQuery {
                categories: categories.iter().map(|&c| CATEGORIES.get(c).map_or(unknown.clone(), |c| (*c).to_owned())).collect(),
                tags: tags.iter().map(|&t| TAGS[t].to_owned()).collect(),
                from: from.map(|d| DateBound::Day(day(d))),
                to: to.map(|d| DateBound::Month { year: day(d).year(), month: day(d).month() }),
                text: word.map(|w| ["CAFE", "depth", "of", "elan"][w].to_owned()).unwrap_or_default(),
                sort: if oldest { Sort::Oldest } else { Sort::Newest },
                page: 1,
            };
            // The text is matched by whatever chose the candidates; here, the listing's own rule.
            let words: Vec<String> = fold(&query.text).split_whitespace().map(str::to_owned).collect();
            let matching: Vec<u32> = articles
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    let haystack = fold(&format!("{} {}", a.title, a.summary));
                    words.iter().all(|w| haystack.contains(w.as_str()))
                })
                .map(|(position, _)| position as u32)
                .collect();
            let candidates = if words.is_empty() { Candidates::Every } else { Candidates::Only(&matching) };
            let listing = Listing::new(articles.clone());
            let expected = listing.select(&query);
            let selection = index.select(&manifest, &query, candidates);
            let slugs: Vec<&str> = selection.positions.iter().map(|&p| articles[p as usize].slug.as_str()).collect();
            let expected_slugs: Vec<&str> = expected.articles.iter().map(|a| a.slug.as_str()).collect();
            prop_assert_eq!(slugs, expected_slugs);
            let (categories, tags) = selection.counts_by_slug(&manifest);
            prop_assert_eq!(owned(categories), listed(expected.category_counts, CATEGORIES));
            prop_assert_eq!(owned(tags), listed(expected.tag_counts, TAGS[..4].iter().copied()));
        }

        /// A search's order is kept: the filters only narrow it.
        #[test]
        fn candidates_keep_their_order(
            articles in article_strategy(),
            order in prop::collection::vec(0u32..80, 0..40),
            tag in 0usize..4,
        ) {
            let manifest = manifest();
            let articles = summaries(&articles);
            let index = indexed(&manifest, &articles, 7);
            let query = ListingQuery { tags: vec![TAGS[tag].to_owned()], page: 1, ..ListingQuery::default() };
            let selection = index.select(&manifest, &query, Candidates::Only(&order));
            let expected: Vec<u32> = order
                .iter()
                .copied()
                .filter(|&p| articles.get(p as usize).is_some_and(|a| a.tags.contains(&query.tags[0])))
                .collect();
            prop_assert_eq!(selection.positions, expected);
        }

        /// Each fragment decodes alone to exactly its own articles' facts: nothing of another
        /// fragment is needed to read it, and it holds nothing of theirs.
        #[test]
        fn each_fragment_decodes_alone_to_its_own_articles(
            articles in article_strategy(),
            fragment in 1usize..20,
        ) {
            let manifest = manifest();
            let articles = summaries(&articles);
            let whole = indexed(&manifest, &articles, articles.len().max(1));
            for (number, part) in articles.chunks(fragment).enumerate() {
                let bytes = encode_fragment(&manifest.categories, &manifest.tags, part);
                let alone = FacetIndex::decode(&bytes, &manifest).unwrap();
                let start = number * fragment;
                prop_assert_eq!(alone.len(), part.len());
                for offset in 0..part.len() {
                    prop_assert_eq!(alone.days[offset], whole.days[start + offset]);
                    prop_assert_eq!(alone.categories[offset], whole.categories[start + offset]);
                    prop_assert_eq!(alone.tags_of(offset), whole.tags_of(start + offset));
                }
            }
        }

        /// Bytes that are not a fragment of this manifest are refused, never a panic or an
        /// index naming what the manifest lacks.
        #[test]
        fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let manifest = manifest();
            let mut framed = Writer::new(FileKind::Facets).bytes;
            framed.extend_from_slice(&bytes);
            if let Ok(index) = FacetIndex::decode(&framed, &manifest) {
                prop_assert!(index.categories.iter().all(|&c| c as usize <= manifest.categories.len()));
                prop_assert!(index.tags.iter().all(|&t| (t as usize) < manifest.tags.len()));
                prop_assert_eq!(index.tag_starts.len(), index.len() + 1);
            }
        }
    }

    /// A fragment is bounded: a few bytes an article whatever the site, so the index of
    /// 100,000 articles is a few hundred kilobytes before compression.
    #[test]
    fn a_full_fragment_stays_small() {
        let manifest = manifest();
        let articles: Vec<(u16, usize, Vec<usize>, usize)> = (0..FRAGMENT_LENGTH)
            .map(|i| (899 - (i % 900) as u16, i % 4, vec![i % 5, (i / 5) % 5], 0))
            .collect();
        let bytes = encode_fragment(&manifest.categories, &manifest.tags, &summaries(&articles));
        assert!(bytes.len() <= 6 * FRAGMENT_LENGTH, "{} bytes", bytes.len());
    }

    /// Day deltas that would overflow are refused, not wrapped or a panic.
    #[test]
    fn a_date_past_any_range_is_refused() {
        let manifest = manifest();
        let mut writer = Writer::new(FileKind::Facets);
        writer.uint(2);
        writer.uint(zigzag(i64::MAX));
        writer.uint(zigzag(i64::MAX));
        writer.uint(0);
        writer.uint(0);
        writer.uint(0);
        writer.uint(0);
        assert!(matches!(
            FacetIndex::decode(&writer.bytes, &manifest),
            Err(DecodeError::Malformed(_))
        ));
    }

    #[test]
    fn a_file_of_another_kind_or_version_is_refused() {
        let manifest = manifest();
        let postings = Writer::new(FileKind::Postings).bytes;
        assert!(matches!(
            FacetIndex::decode(&postings, &manifest),
            Err(DecodeError::Malformed(_))
        ));
        let mut older = b"QSRC\x03".to_vec();
        older.push((SCHEMA_VERSION - 1) as u8);
        older.push(0);
        assert!(matches!(
            FacetIndex::decode(&older, &manifest),
            Err(DecodeError::SchemaMismatch(_))
        ));
    }

    #[test]
    fn entry_chunks_are_named_once_in_the_order_first_needed() {
        let step = ENTRY_CHUNK_LENGTH as u32;
        assert_eq!(
            entry_chunks(&[5 * step, 1, 0, 5 * step + 1, step]),
            vec![5, 0, 1]
        );
        let mut manifest = manifest();
        manifest.facets.entries = "entries/abc".into();
        assert_eq!(
            manifest.entry_file(2 * ENTRY_CHUNK_LENGTH + 1),
            "entries/abc/2.json"
        );
    }
}
