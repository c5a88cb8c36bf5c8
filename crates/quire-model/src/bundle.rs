//! The content bundle's schema: the manifest every view starts from, and one body file per article.
//!
//! The compiler writes these types and the app reads them, so the two can never disagree on a
//! field. `SCHEMA_VERSION` changes whenever a change would make an old app misread a new bundle.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The bundle format this code writes and reads.
pub const SCHEMA_VERSION: u32 = 6;

/// Where the manifest lives, relative to the bundle folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The same manifest under a name of its content (`manifest.<hash>.json`): a pre-rendered page
/// names the one it was rendered with, which never changes, so the app hydrates the page from
/// exactly that manifest even after the site is deployed again, and a CDN may cache it forever.
pub fn pinned_manifest_file(content_hash: &str) -> String {
    format!("manifest.{content_hash}.json")
}

/// Everything the first screen needs, and where to find the rest. It is the only bundle file
/// that must be revalidated; every other file is named by content hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    pub site: SiteInfo,
    /// In the site's declared display order.
    pub categories: Vec<CategoryInfo>,
    /// Sorted by slug.
    pub tags: Vec<TagInfo>,
    /// Months that have articles, newest first.
    pub archive: Vec<ArchiveMonth>,
    pub article_count: usize,
    /// The home page hero: the newest article marked `featured`, else the newest article.
    pub featured: Option<ArticleSummary>,
    /// The newest articles, newest first: enough for the home page without loading a shard.
    pub latest: Vec<ArticleSummary>,
    /// The whole listing, newest first, in consecutive shards.
    pub shards: Vec<ShardRef>,
    /// The folder of every category's and every tag's [`FirstPage`], named by a hash of them all
    /// (see [`Manifest::category_first_page`] and [`Manifest::tag_first_page`]). One name for
    /// all of them keeps the manifest the same size at any number of tags.
    pub first_pages: String,
    /// Slug -> article body lookup, split into buckets by [`lookup_bucket`](crate::lookup::lookup_bucket).
    pub lookup: Vec<String>,
    pub case_study_sections: Vec<SectionInfo>,
    /// Newest first.
    pub case_studies: Vec<CaseStudySummary>,
    /// Sorted by slug.
    pub pages: Vec<PageSummary>,
    pub search: SearchRef,
    /// What a filtered listing reads: the facet index and the entries by position.
    pub facets: crate::facets::FacetsRef,
}

/// The full-text index: fetched only once a reader searches. See [`crate::search::index`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRef {
    pub dictionary: String,
    /// Postings shards, in stem order.
    pub postings: Vec<String>,
    /// [`SearchDocuments`] files of [`SEARCH_DOCUMENTS_PER_FILE`] documents each, in listing order.
    pub documents: Vec<String>,
}

/// Documents per [`SearchDocuments`] file: a handful of quick results fetch a few small files
/// instead of the listing shards that hold them.
pub const SEARCH_DOCUMENTS_PER_FILE: usize = 100;

/// What a quick search result shows, for a run of documents in listing order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDocuments {
    pub schema_version: u32,
    pub documents: Vec<SearchDocument>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDocument {
    pub slug: String,
    pub title: String,
    pub date: Date,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub title: String,
    pub tagline: String,
    pub base_url: String,
    pub nav: Vec<NavLink>,
    pub footer: Vec<FooterColumn>,
    pub call_to_action: Option<CallToAction>,
    /// The image a link to any page shows when the page names none of its own: a site path
    /// (`/img/card.png`) or an absolute URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The language the site is written in (`en`, `fr-CA`), from another generator's config;
    /// pages say so in `<html lang>`. Left out of the JSON when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavLink {
    pub label: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FooterColumn {
    pub title: String,
    pub links: Vec<NavLink>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallToAction {
    pub title: String,
    pub text: String,
    pub label: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInfo {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagInfo {
    pub slug: String,
    pub name: String,
    pub count: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveMonth {
    pub year: u16,
    pub month: u8,
    pub count: usize,
}

/// One file of the listing: `count` articles dated `oldest..=newest`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardRef {
    pub path: String,
    pub count: usize,
    pub newest: Date,
    pub oldest: Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingShard {
    pub schema_version: u32,
    pub articles: Vec<ArticleSummary>,
}

/// Articles in a [`FirstPage`], and in [`Manifest::latest`]: a page of a listing as the app
/// shows it.
pub const FIRST_PAGE_LENGTH: usize = 24;

/// The start of one category's or one tag's listing: its newest articles and the counts its
/// filter bar shows. Landing on such a listing needs this small file, not every listing shard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstPage {
    pub schema_version: u32,
    /// Newest first: the listing's first [`FIRST_PAGE_LENGTH`] articles, or all of them.
    pub articles: Vec<ArticleSummary>,
    /// Articles in the whole listing.
    pub count: usize,
    /// How many of the listing's articles are in each category; categories with none are left out.
    pub category_counts: BTreeMap<String, usize>,
    /// How many of the listing's articles carry each tag; tags with none are left out.
    pub tag_counts: BTreeMap<String, usize>,
}

/// One bucket of the slug lookup: article slug -> body file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupBucket {
    pub schema_version: u32,
    pub bodies: std::collections::BTreeMap<String, String>,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// One listing entry: what a card shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The summary is the author's own rather than cut from the first paragraph, so the article
    /// page shows it as a standfirst. Left out of the JSON when false, the common case.
    #[serde(default, skip_serializing_if = "is_false")]
    pub own_summary: bool,
    /// The image a link to the article shows (`image` in its front matter): a site path or an
    /// absolute URL. Left out of the JSON when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// `image` written in several widths, when it is a raster image the site holds: the
    /// article's cover on its page and on its card. Left out of the JSON otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<crate::picture::Picture>,
    /// The cover's text alternative (`image_alt`); the title stands in when none is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    /// The preview card the build drew for an article with no `image` of its own (a site path),
    /// which link previews show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// Who wrote it (`author` or `authors` in its front matter): display names in the order
    /// written. Left out of the JSON when none is named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub date: Date,
    /// The time of day the author gave with `date`, with its offset when written: it orders
    /// articles of one day and goes into feeds, `<time datetime>` and JSON-LD. Left out of the
    /// JSON when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<crate::TimeOfDay>,
    pub updated: Option<Date>,
    /// Category slug; an article may have none, and then counts under no category. Left out of
    /// the JSON when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Tag slugs.
    pub tags: Vec<String>,
    pub reading_minutes: u32,
    pub word_count: usize,
    pub featured: bool,
}

impl ArticleSummary {
    /// When it was published, for `<time datetime>` and JSON-LD: the day, or the day and time of
    /// day with its offset when one was written (`2026-03-13T09:30:00+01:00`).
    pub fn published_at(&self) -> String {
        match self.time {
            None => self.date.to_string(),
            Some(time) => format!("{}T{}", self.date, time.rfc3339()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    pub slug: String,
    pub title: String,
}

/// Everything an article page shows beyond the manifest: a deep link needs no listing shard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleBody {
    pub schema_version: u32,
    pub article: ArticleSummary,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub newer: Option<ArticleLink>,
    pub older: Option<ArticleLink>,
    pub related: Vec<ArticleSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionInfo {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStudySummary {
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    /// Section slugs; a study may sit in several.
    pub sections: Vec<String>,
    pub date: Option<Date>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub reading_minutes: u32,
    pub body: String,
    /// The image a link to the study shows, as an article's [`ArticleSummary::image`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSummary {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub body: String,
    /// The image a link to the page shows, as an article's [`ArticleSummary::image`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// The body of a page or a case study.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentBody {
    pub schema_version: u32,
    pub slug: String,
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// A bundle file written for another version of Quire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the content bundle has schema version {found}, this app reads version {expected}")]
pub struct SchemaMismatch {
    pub found: u32,
    pub expected: u32,
}

/// Why a bundle file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error(transparent)]
    SchemaMismatch(#[from] SchemaMismatch),
    #[error("the content bundle is malformed: {0}")]
    Malformed(String),
}

#[derive(Deserialize)]
struct VersionProbe {
    schema_version: u32,
}

/// Decodes a bundle file in one pass. Only when that fails is the file probed for its schema
/// version, so an old or new bundle is reported as such rather than as a confusing missing field;
/// a file that parses has its own version checked.
fn decode<T: serde::de::DeserializeOwned + Versioned>(json: &[u8]) -> Result<T, DecodeError> {
    let mismatch = |found| {
        DecodeError::from(SchemaMismatch {
            found,
            expected: SCHEMA_VERSION,
        })
    };
    match serde_json::from_slice::<T>(json) {
        Ok(value) if value.schema_version() == SCHEMA_VERSION => Ok(value),
        Ok(value) => Err(mismatch(value.schema_version())),
        Err(error) => match serde_json::from_slice::<VersionProbe>(json) {
            Ok(probe) if probe.schema_version != SCHEMA_VERSION => {
                Err(mismatch(probe.schema_version))
            }
            _ => Err(DecodeError::Malformed(error.to_string())),
        },
    }
}

/// A bundle file's own `schema_version` field.
pub trait Versioned {
    fn schema_version(&self) -> u32;
}

macro_rules! versioned {
    ($($file:ty),*) => {
        $(impl Versioned for $file {
            fn schema_version(&self) -> u32 {
                self.schema_version
            }
        })*
    };
}

versioned!(
    Manifest,
    ArticleBody,
    ListingShard,
    FirstPage,
    LookupBucket,
    DocumentBody,
    SearchDocuments
);

impl Manifest {
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        decode(json.as_bytes())
    }

    /// `from_json` on the bytes as fetched: no copy into a string first.
    pub fn from_slice(json: &[u8]) -> Result<Self, DecodeError> {
        decode(json)
    }
}

/// A bundle file that carries `schema_version`; one of another version is refused as such.
pub trait BundleFile: Sized + serde::de::DeserializeOwned + Versioned {
    fn from_json(json: &str) -> Result<Self, DecodeError> {
        decode(json.as_bytes())
    }

    /// `from_json` on the bytes as fetched: no copy into a string first.
    fn from_slice(json: &[u8]) -> Result<Self, DecodeError> {
        decode(json)
    }
}

impl BundleFile for Manifest {}
impl BundleFile for ArticleBody {}
impl BundleFile for ListingShard {}
impl BundleFile for FirstPage {}
impl BundleFile for LookupBucket {}
impl BundleFile for DocumentBody {}
impl BundleFile for SearchDocuments {}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(slug: &str) -> ArticleSummary {
        ArticleSummary {
            time: None,
            authors: Vec::new(),
            slug: slug.into(),
            title: "Hello".into(),
            summary: "A first post.".into(),
            own_summary: false,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
            date: Date::parse("2026-01-02").unwrap(),
            updated: None,
            category: Some("engineering".into()),
            tags: vec![],
            reading_minutes: 1,
            word_count: 3,
            featured: false,
        }
    }

    #[test]
    fn an_own_summary_is_marked_and_a_cut_one_costs_no_bytes() {
        let cut = summary("cut");
        let json = serde_json::to_string(&cut).unwrap();
        assert!(!json.contains("own_summary"), "{json}");
        assert_eq!(serde_json::from_str::<ArticleSummary>(&json).unwrap(), cut);
        let own = ArticleSummary {
            own_summary: true,
            time: None,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
            ..summary("own")
        };
        let json = serde_json::to_string(&own).unwrap();
        assert!(json.contains("\"own_summary\":true"), "{json}");
        assert_eq!(serde_json::from_str::<ArticleSummary>(&json).unwrap(), own);
    }

    fn sample_manifest() -> Manifest {
        Manifest {
            schema_version: SCHEMA_VERSION,
            site: SiteInfo {
                title: "Field Notes".into(),
                ..SiteInfo::default()
            },
            categories: vec![CategoryInfo {
                slug: "engineering".into(),
                name: "Engineering".into(),
                description: String::new(),
                count: 1,
            }],
            tags: vec![],
            archive: vec![ArchiveMonth {
                year: 2026,
                month: 1,
                count: 1,
            }],
            article_count: 1,
            featured: Some(summary("hello")),
            latest: vec![summary("hello")],
            shards: vec![],
            first_pages: "first-pages/0123456789abcdef".into(),
            lookup: vec![],
            case_study_sections: vec![],
            case_studies: vec![],
            pages: vec![],
            search: Default::default(),
            facets: Default::default(),
        }
    }

    #[test]
    fn a_manifest_round_trips_through_json() {
        let manifest = sample_manifest();
        let json = serde_json::to_string(&manifest).unwrap();
        assert_eq!(Manifest::from_json(&json), Ok(manifest));
    }

    #[test]
    fn another_schema_version_is_reported_as_such() {
        let json = r#"{"schema_version": 99, "something": "else"}"#;
        assert_eq!(
            Manifest::from_json(json),
            Err(DecodeError::SchemaMismatch(SchemaMismatch {
                found: 99,
                expected: SCHEMA_VERSION
            }))
        );
        assert_eq!(
            Manifest::from_json(json).unwrap_err().to_string(),
            format!(
                "the content bundle has schema version 99, this app reads version {SCHEMA_VERSION}"
            )
        );
    }

    #[test]
    fn a_file_of_another_version_that_parses_is_still_refused() {
        let bucket = r#"{"schema_version": 99, "bodies": {}}"#;
        assert_eq!(
            LookupBucket::from_slice(bucket.as_bytes()),
            Err(DecodeError::SchemaMismatch(SchemaMismatch {
                found: 99,
                expected: SCHEMA_VERSION
            }))
        );
        let current = format!(r#"{{"schema_version": {SCHEMA_VERSION}, "bodies": {{}}}}"#);
        assert!(LookupBucket::from_slice(current.as_bytes()).is_ok());
    }

    #[test]
    fn truncated_or_foreign_json_is_malformed() {
        for json in [
            "",
            "{",
            "[]",
            r#"{"schema_version": "1"}"#,
            "<!doctype html>",
        ] {
            assert!(
                matches!(Manifest::from_json(json), Err(DecodeError::Malformed(_))),
                "{json:?}"
            );
        }
        let missing_fields = format!(r#"{{"schema_version": {SCHEMA_VERSION}}}"#);
        assert!(matches!(
            Manifest::from_json(&missing_fields),
            Err(DecodeError::Malformed(_))
        ));
    }

    #[test]
    fn every_bundle_file_checks_its_version() {
        let body = ArticleBody {
            schema_version: SCHEMA_VERSION,
            article: summary("hello"),
            html: "<p>Hi</p>".into(),
            toc: vec![],
            newer: None,
            older: Some(ArticleLink {
                slug: "older".into(),
                title: "Older".into(),
            }),
            related: vec![summary("other")],
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(ArticleBody::from_json(&json), Ok(body));
        let old = r#"{"schema_version": 1}"#;
        assert!(matches!(
            ArticleBody::from_json(old),
            Err(DecodeError::SchemaMismatch(_))
        ));
        assert!(matches!(
            ListingShard::from_json(old),
            Err(DecodeError::SchemaMismatch(_))
        ));
        assert!(matches!(
            LookupBucket::from_json(old),
            Err(DecodeError::SchemaMismatch(_))
        ));
        assert!(matches!(
            DocumentBody::from_json(old),
            Err(DecodeError::SchemaMismatch(_))
        ));
    }
}
