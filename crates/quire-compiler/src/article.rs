//! One article file -> a validated article: front-matter rules, Hugo/Jekyll/Astro aliases, defaults.

use std::path::Path;

use quire_model::text::{reading_minutes, truncate_at_word, word_count};
use quire_model::{Date, TocEntry, slugify};

use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, FrontMatter, Value};
use crate::markdown;
use crate::site::Site;

/// Longest default summary, in characters, before it is cut at a word boundary.
pub const SUMMARY_LENGTH: usize = 220;

/// Keys read from an article's front matter; any other key is ignored with a warning.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "publishDate",
    "publish_date",
    "pubDate",
    "category",
    "categories",
    "tags",
    "summary",
    "description",
    "slug",
    "featured",
    "draft",
    "updated",
    "lastmod",
    "updatedDate",
];

#[derive(Debug, PartialEq, Eq)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub date: Date,
    /// When the article may first be shown; `date` unless `publishDate` says otherwise.
    pub publish_date: Date,
    pub updated: Option<Date>,
    pub category_slug: String,
    /// Display names, in the author's order, duplicates removed.
    pub tags: Vec<String>,
    pub featured: bool,
    pub draft: bool,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub reading_minutes: u32,
}

/// An article, or every problem that stops it; warnings travel with either.
pub struct Compiled {
    pub article: Option<Article>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn compile(path: &Path, bytes: &[u8], site: &Site) -> Compiled {
    let mut diagnostics = Vec::new();
    let article = compile_inner(path, bytes, site, &mut diagnostics);
    let article = article.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    Compiled {
        article,
        diagnostics,
    }
}

fn compile_inner(
    path: &Path,
    bytes: &[u8],
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            diagnostics.push(Diagnostic::error(path, line, "file is not valid UTF-8"));
            return None;
        }
    };
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(error) => {
            diagnostics.push(Diagnostic::error(path, error.line(), error.to_string()));
            return None;
        }
    };
    let front_matter = match front_matter::parse(&split) {
        Ok(front_matter) => front_matter,
        Err(error) => {
            diagnostics.push(Diagnostic::error(path, error.line(), error.to_string()));
            return None;
        }
    };
    let fields = Fields {
        path,
        front_matter: &front_matter,
    };

    for key in front_matter.fields.keys() {
        if !KNOWN_KEYS.contains(&key.as_str()) {
            diagnostics.push(Diagnostic::warning(
                path,
                front_matter.line_of(key),
                format!("unknown key `{key}` ignored"),
            ));
        }
    }

    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default();
    let (stem_date, stem_slug) = split_jekyll_stem(stem);

    let title = fields.text("title", diagnostics);
    let title = match title {
        Some(title) if !title.trim().is_empty() => Some(title.trim().to_owned()),
        Some(_) => {
            diagnostics.push(fields.error("title", "`title` must not be empty"));
            None
        }
        None => {
            diagnostics.push(fields.missing("title"));
            None
        }
    };

    let publish_date = fields.first_date(&["publishDate", "publish_date", "pubDate"], diagnostics);
    let date = match fields.date("date", diagnostics) {
        Some(date) => Some(date),
        None if fields.has("date") => None,
        None => match publish_date.or(stem_date) {
            Some(date) => Some(date),
            None => {
                diagnostics.push(fields.missing("date"));
                None
            }
        },
    };
    let updated = fields.first_date(&["updated", "lastmod", "updatedDate"], diagnostics);

    let category_slug = resolve_category(&fields, site, diagnostics);
    let tags = fields.text_list("tags", diagnostics).unwrap_or_default();
    let tags = dedup_tags(tags, &fields, diagnostics);

    let slug = match fields.text("slug", diagnostics) {
        Some(written) => {
            let slug = slugify(&written);
            if slug.is_empty() {
                diagnostics.push(
                    fields.error("slug", format!("slug {written:?} has no letters or digits")),
                );
            }
            slug
        }
        None => {
            let slug = slugify(stem_slug);
            if slug.is_empty() {
                diagnostics.push(Diagnostic::error(
                    path,
                    1,
                    "the file name gives no slug: name the file with letters or digits, or set `slug`",
                ));
            }
            slug
        }
    };

    let featured = fields.flag("featured", diagnostics);
    let draft = fields.flag("draft", diagnostics);
    let written_summary = fields
        .text("summary", diagnostics)
        .or_else(|| fields.text("description", diagnostics))
        .map(|summary| summary.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|summary| !summary.is_empty());

    let rendered = markdown::render(split.body);
    let words = word_count(&rendered.plain_text);
    let summary = written_summary
        .unwrap_or_else(|| truncate_at_word(&rendered.first_paragraph, SUMMARY_LENGTH));
    if rendered.plain_text.is_empty() {
        diagnostics.push(Diagnostic::warning(
            path,
            split.body_first_line,
            "the article has no body",
        ));
    }

    let (title, date, category_slug) = (title?, date?, category_slug?);
    Some(Article {
        slug,
        title,
        summary,
        publish_date: publish_date.map_or(date, |publish| publish.max(date)),
        date,
        updated,
        category_slug,
        tags,
        featured,
        draft,
        html: rendered.html,
        toc: rendered.toc,
        word_count: words,
        reading_minutes: reading_minutes(words),
    })
}

/// Jekyll names posts `YYYY-MM-DD-slug.md`; the date and slug come from the name when not written.
fn split_jekyll_stem(stem: &str) -> (Option<Date>, &str) {
    // Byte 10 being an ASCII '-' makes both slice points character boundaries.
    if stem.len() > 11
        && stem.as_bytes()[10] == b'-'
        && let Ok(date) = Date::parse(&stem[..10])
    {
        return (Some(date), &stem[11..]);
    }
    (None, stem)
}

fn resolve_category(
    fields: &Fields<'_>,
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let (key, written) = if fields.has("category") {
        ("category", fields.text("category", diagnostics)?)
    } else if fields.has("categories") {
        let list = fields.text_list("categories", diagnostics)?;
        match list.as_slice() {
            [one] => ("categories", one.clone()),
            [] => {
                diagnostics.push(fields.error(
                    "categories",
                    "`categories` is empty: give the article one category",
                ));
                return None;
            }
            [first, ..] => {
                diagnostics.push(fields.warning(
                    "categories",
                    format!(
                        "an article has one category: using {first:?}, the first of {}",
                        list.len()
                    ),
                ));
                ("categories", first.clone())
            }
        }
    } else {
        diagnostics.push(fields.missing("category"));
        return None;
    };
    match site.resolve_category(&written) {
        Some(category) => Some(category.slug.clone()),
        None => {
            diagnostics.push(fields.error(
                key,
                format!(
                    "unknown category {written:?}; declared in site.toml: {}",
                    site.declared_category_names()
                ),
            ));
            None
        }
    }
}

fn dedup_tags(
    tags: Vec<String>,
    fields: &Fields<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    let mut kept = Vec::new();
    for tag in tags {
        let tag = tag.trim().to_owned();
        let slug = slugify(&tag);
        if slug.is_empty() {
            diagnostics.push(fields.error("tags", format!("tag {tag:?} has no letters or digits")));
            continue;
        }
        if !seen.contains(&slug) {
            seen.push(slug);
            kept.push(tag);
        }
    }
    kept
}

/// Typed access to front-matter fields, each mistake reported at its key's line.
struct Fields<'a> {
    path: &'a Path,
    front_matter: &'a FrontMatter,
}

impl Fields<'_> {
    fn has(&self, key: &str) -> bool {
        !matches!(self.front_matter.fields.get(key), None | Some(Value::Null))
    }

    fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, self.front_matter.line_of(key), message)
    }

    fn warning(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.path, self.front_matter.line_of(key), message)
    }

    fn missing(&self, key: &str) -> Diagnostic {
        Diagnostic::error(
            self.path,
            self.front_matter.start_line,
            format!("missing required field `{key}`"),
        )
    }

    fn text(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
        match self.front_matter.fields.get(key)? {
            Value::Null => None,
            Value::Text(text) | Value::Number(text) => Some(text.clone()),
            _ => {
                diagnostics.push(self.error(key, format!("`{key}` must be text")));
                None
            }
        }
    }

    fn text_list(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<String>> {
        match self.front_matter.fields.get(key)? {
            Value::Null => None,
            Value::Text(text) => Some(vec![text.clone()]),
            Value::List(items) => {
                let mut texts = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::Text(text) | Value::Number(text) => texts.push(text.clone()),
                        _ => {
                            diagnostics
                                .push(self.error(key, format!("`{key}` must be a list of text")));
                            return None;
                        }
                    }
                }
                Some(texts)
            }
            _ => {
                diagnostics.push(self.error(key, format!("`{key}` must be a list of text")));
                None
            }
        }
    }

    fn flag(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
        match self.front_matter.fields.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(flag)) => *flag,
            Some(_) => {
                diagnostics.push(self.error(key, format!("`{key}` must be true or false")));
                false
            }
        }
    }

    fn date(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Date> {
        let text = self.text(key, diagnostics)?;
        match Date::parse(&text) {
            Ok(date) => Some(date),
            Err(error) => {
                diagnostics.push(self.error(key, format!("`{key}`: {error}")));
                None
            }
        }
    }

    fn first_date(&self, keys: &[&str], diagnostics: &mut Vec<Diagnostic>) -> Option<Date> {
        keys.iter()
            .find(|key| self.has(key))
            .and_then(|key| self.date(key, diagnostics))
    }
}
