//! The content bundle's schema: the manifest every view starts from, and one body file per article.
//!
//! The compiler writes these types and the app reads them, so the two can never disagree on a
//! field. `SCHEMA_VERSION` changes whenever a change would make an old app misread a new bundle.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The bundle format this code writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Where the manifest lives, relative to the bundle folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Everything the first screen needs: the site, its taxonomies and the article listing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    pub site: SiteInfo,
    /// In the site's declared display order.
    pub categories: Vec<CategoryInfo>,
    /// Sorted by slug.
    pub tags: Vec<TagInfo>,
    /// Newest first; ties broken by slug so the order is deterministic.
    pub articles: Vec<ArticleSummary>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub title: String,
    pub tagline: String,
    pub base_url: String,
    pub nav: Vec<NavLink>,
    pub footer: Vec<FooterColumn>,
    pub call_to_action: Option<CallToAction>,
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

/// One listing entry: what a card shows, plus where the body lives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub date: Date,
    pub updated: Option<Date>,
    /// Category slug.
    pub category: String,
    /// Tag slugs.
    pub tags: Vec<String>,
    pub reading_minutes: u32,
    pub word_count: usize,
    pub featured: bool,
    /// Body file path relative to the bundle folder, named by content hash.
    pub body: String,
}

/// An article's rendered, sanitised body and what is computed from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleBody {
    pub schema_version: u32,
    pub slug: String,
    pub html: String,
    pub toc: Vec<TocEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
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

/// Decodes a bundle file, checking its schema version before anything else so an old or new
/// bundle is reported as such rather than as a confusing missing field.
fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, DecodeError> {
    let probe: VersionProbe =
        serde_json::from_str(json).map_err(|error| DecodeError::Malformed(error.to_string()))?;
    if probe.schema_version != SCHEMA_VERSION {
        return Err(SchemaMismatch {
            found: probe.schema_version,
            expected: SCHEMA_VERSION,
        }
        .into());
    }
    serde_json::from_str(json).map_err(|error| DecodeError::Malformed(error.to_string()))
}

impl Manifest {
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        decode(json)
    }
}

impl ArticleBody {
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        decode(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            articles: vec![ArticleSummary {
                slug: "hello".into(),
                title: "Hello".into(),
                summary: "A first post.".into(),
                date: Date::parse("2026-01-02").unwrap(),
                updated: None,
                category: "engineering".into(),
                tags: vec![],
                reading_minutes: 1,
                word_count: 3,
                featured: false,
                body: "articles/hello.0123456789abcdef.json".into(),
            }],
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
    fn an_article_body_checks_its_version_too() {
        let body = ArticleBody {
            schema_version: SCHEMA_VERSION,
            slug: "hello".into(),
            html: "<p>Hi</p>".into(),
            toc: vec![],
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(ArticleBody::from_json(&json), Ok(body));
        assert!(matches!(
            ArticleBody::from_json(r#"{"schema_version": 0}"#),
            Err(DecodeError::SchemaMismatch(_))
        ));
    }
}
