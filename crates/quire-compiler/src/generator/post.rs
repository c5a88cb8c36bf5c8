//! A post's front matter as its generator defines it: where each generator keeps the title,
//! dates, taxonomies, cover image, aliases and old address, read into what Quire needs.

use std::path::Path;

use quire_model::{Date, TimeOfDay, parse_timestamp};

use super::permalink::split_zola_date;
use super::{Generator, Origin};
use crate::diagnostic::Diagnostic;
use crate::read::fields::Fields;
use crate::read::file_names::split_jekyll_stem;
use crate::read::front_matter::Value;

/// A day and, when written, a time of day.
pub(crate) type Timestamp = (Date, Option<TimeOfDay>);

/// Reads a date field in any form the generators accept; an unreadable one is an error at its
/// line.
pub(crate) fn timestamp(
    fields: &Fields<'_>,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Timestamp> {
    let text = fields.text(key, diagnostics)?;
    match parse_timestamp(&text) {
        Ok(stamp) => Some(stamp),
        Err(error) => {
            diagnostics.push(fields.error(key, format!("`{key}`: {error}")));
            None
        }
    }
}

/// A date written day first (`11-9-2017`, `11/09/2017`, `11.9.2017`), as Ruby's date parser
/// reads it.
pub(crate) fn day_first_date(written: &str) -> Option<Date> {
    let parts: Vec<&str> = written.trim().split(['-', '/', '.']).collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || day.len() > 2 || month.len() > 2 {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// Whether `key` is written, as its generator counts it: Hugo and Jekyll read a blank date
/// (`date: ""`) as none; Quire's own layout calls it a mistake.
pub(crate) fn is_written(fields: &Fields<'_>, origin: &Origin, key: &str) -> bool {
    let blank = matches!(
        fields.front_matter.fields.get(key),
        Some(Value::Text(text)) if text.trim().is_empty()
    );
    fields.has(key) && !(blank && origin.is_foreign())
}

/// The first of `keys` that is written, read as a date.
pub(crate) fn first_timestamp(
    fields: &Fields<'_>,
    origin: &Origin,
    keys: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Timestamp> {
    keys.iter()
        .find(|key| is_written(fields, origin, key))
        .and_then(|key| timestamp(fields, key, diagnostics))
}

/// The date a file's name or written address gives: Jekyll's and Zola's `2021-04-01-name.md`,
/// or a Zola `path` such as `2020/06/15/kept`.
pub(crate) fn date_from_place(origin: &Origin, written_path: Option<&str>) -> Option<Date> {
    let name = origin.content_name();
    let from_name = match origin.generator {
        Generator::Zola => split_zola_date(name).0,
        _ => split_jekyll_stem(name).0,
    };
    from_name.or_else(|| written_path.and_then(date_in_path))
}

/// `2020/06/15/x` or `2020-06-15-x` anywhere in a path.
pub(crate) fn date_in_path(path: &str) -> Option<Date> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    for window in parts.windows(3) {
        if let [year, month, day] = window
            && year.len() == 4
            && let (Ok(year), Ok(month), Ok(day)) = (year.parse(), month.parse(), day.parse())
            && let Ok(date) = Date::new(year, month, day)
        {
            return Some(date);
        }
    }
    parts
        .iter()
        .find_map(|part| split_jekyll_stem(part).0.or_else(|| Date::parse(part).ok()))
}

/// Names from a key that holds a list, one name, or (Jekyll) several names separated by spaces.
pub fn names(
    fields: &Fields<'_>,
    key: &str,
    origin: &Origin,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let Some(value) = lookup(fields, key) else {
        return Vec::new();
    };
    // Jekyll splits its plural keys' text at spaces (`tags: ruby jekyll`), never `category`.
    let split_words = origin.generator == Generator::Jekyll && matches!(key, "tags" | "categories");
    let mut out = Vec::new();
    let items: Vec<&Value> = match value {
        Value::List(items) => items.iter().collect(),
        other => vec![other],
    };
    for item in items {
        match item {
            Value::Text(text) | Value::Number(text)
                if split_words && !matches!(value, Value::List(_)) =>
            {
                out.extend(text.split_whitespace().map(str::to_owned));
            }
            Value::Text(text) | Value::Number(text) => out.push(text.trim().to_owned()),
            Value::Null => {}
            _ => {
                diagnostics
                    .push(fields.warning(key, format!("`{key}` is not a list of names; left out")));
                return Vec::new();
            }
        }
    }
    out.retain(|name| !name.is_empty());
    out
}

/// A value by a dotted key (`taxonomies.tags`, `cover.image`).
pub fn lookup<'a>(fields: &Fields<'a>, key: &str) -> Option<&'a Value> {
    let mut parts = key.split('.');
    let mut value = fields.front_matter.fields.get(parts.next()?)?;
    for part in parts {
        let Value::Map(map) = value else {
            return None;
        };
        value = map.get(part)?;
    }
    (!matches!(value, Value::Null)).then_some(value)
}

/// Text by a dotted key, or `None` when absent or not text.
pub(crate) fn lookup_text(fields: &Fields<'_>, key: &str) -> Option<String> {
    match lookup(fields, key)? {
        Value::Text(text) | Value::Number(text) => {
            Some(text.trim().to_owned()).filter(|text| !text.is_empty())
        }
        Value::List(items) => items.iter().find_map(|item| match item {
            Value::Text(text) => Some(text.trim().to_owned()).filter(|text| !text.is_empty()),
            _ => None,
        }),
        _ => None,
    }
}

/// The written category names (the first is the article's category) and tag names, from the
/// keys the post's generator uses.
pub fn taxonomies(
    fields: &Fields<'_>,
    origin: &Origin,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<String>, Vec<String>) {
    let mut categories = Vec::new();
    if origin.generator == Generator::Jekyll {
        // Folders above `_posts` are categories too (`engineering/_posts/x.md`).
        let folders = origin.folders();
        if let Some(at) = folders.iter().position(|folder| *folder == "_posts") {
            categories.extend(folders[..at].iter().map(|folder| (*folder).to_owned()));
        }
    }
    for key in [
        "category",
        "categories",
        "taxonomies.categories",
        "taxonomies.category",
    ] {
        categories.extend(names(fields, key, origin, diagnostics));
    }
    let mut tags = Vec::new();
    for key in ["tags", "taxonomies.tags", "taxonomies.tag"] {
        tags.extend(names(fields, key, origin, diagnostics));
    }
    // A taxonomy of the site's own (Zola's `series`) groups posts as tags do.
    if let Some(Value::Map(taxonomies)) = lookup(fields, "taxonomies") {
        for name in taxonomies.keys() {
            if !matches!(
                name.as_str(),
                "tags" | "tag" | "categories" | "category" | "authors" | "author"
            ) {
                tags.extend(names(
                    fields,
                    &format!("taxonomies.{name}"),
                    origin,
                    diagnostics,
                ));
            }
        }
    }
    (categories, tags)
}

/// The title a foreign post goes by when it writes none: the first level-one heading of its
/// body, else its file name as words (Jekyll's rule).
pub(crate) fn fallback_title(origin: &Origin, body: &str) -> Option<String> {
    if origin.generator != Generator::Jekyll
        && let Some(heading) = first_heading(body)
    {
        return Some(heading);
    }
    let name = origin.content_name();
    let (_, slug) = match origin.generator {
        Generator::Zola => split_zola_date(name),
        _ => split_jekyll_stem(name),
    };
    let words = words_of(slug);
    (!words.is_empty()).then_some(words)
}

/// A file name as words, each capitalised: `the-quiet-refactor` is "The Quiet Refactor".
pub(crate) fn words_of(name: &str) -> String {
    name.split(['-', '_', ' '])
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of the first `# Heading` outside code fences.
fn first_heading(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    Some(open) if open == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        if fence.is_none()
            && let Some(heading) = trimmed.strip_prefix("# ")
        {
            let heading = heading.trim().trim_end_matches('#').trim();
            if !heading.is_empty() {
                return Some(heading.to_owned());
            }
        }
    }
    None
}

/// The cover image a post names, by the key its generator or theme uses.
pub(crate) fn cover_image(fields: &Fields<'_>) -> Option<(String, &'static str)> {
    const KEYS: &[&str] = &[
        "image",
        "image.path",
        "image.src",
        "images",
        "cover.image",
        "cover",
        "heroImage",
        "hero_image",
        "featured_image",
        "featuredImage",
        "thumbnail",
        "params.image",
        "params.images",
        "params.cover.image",
        "params.cover",
        "params.featured_image",
        "extra.image",
        "extra.cover",
        "extra.hero",
        "extra.hero_image",
        "extra.banner",
        "extra.thumbnail",
    ];
    KEYS.iter()
        .find_map(|key| lookup_text(fields, key).map(|image| (image, *key)))
}

/// What a post's cover shows, by the key its generator or theme writes it under.
pub(crate) fn image_alt(fields: &Fields<'_>) -> Option<String> {
    const KEYS: &[&str] = &[
        "image_alt",
        "imageAlt",
        "image.alt",
        "cover.alt",
        "heroImageAlt",
        "hero_image_alt",
        "params.cover.alt",
        "extra.image_alt",
        "extra.cover_alt",
    ];
    KEYS.iter().find_map(|key| lookup_text(fields, key))
}

/// Where old links to a post pointed: `aliases` (Hugo, Zola) and `redirect_from` (Jekyll), as
/// written; each is made a site path by [`alias_path`].
pub(crate) fn alias_keys(origin: &Origin) -> &'static [&'static str] {
    match origin.generator {
        Generator::Quire => &["aliases"],
        _ => &["aliases", "redirect_from"],
    }
}

/// The site paths an alias stands for. Hugo resolves a relative alias against the folder of the
/// page's own old address; the others read it from the site's root. A Jekyll alias with no
/// extension was published as `name.html` too (jekyll-redirect-from writes that file).
pub(crate) fn alias_paths(
    written: &str,
    origin: &Origin,
    old_address: Option<&str>,
) -> Vec<String> {
    let relative = !written.trim().starts_with('/') && !written.contains("://");
    let mut path = alias_path(written);
    if relative
        && origin.generator == Generator::Hugo
        && let Some(address) = old_address
    {
        let folder = address.trim_end_matches('/');
        let folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
        path = format!("{folder}{path}");
    }
    let mut paths = vec![path.clone()];
    let last = path.rsplit('/').next().unwrap_or_default();
    if origin.generator == Generator::Jekyll && !path.ends_with('/') && !last.contains('.') {
        paths.push(format!("{path}.html"));
    }
    paths
}

/// An alias as a site path: relative ones are from the site's root, full URLs keep their path.
pub(crate) fn alias_path(written: &str) -> String {
    let written = written.trim();
    let without_origin = match written.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => written,
    };
    let path = without_origin.split(['?', '#']).next().unwrap_or_default();
    if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    }
}

/// The day a post's address is filed under: its own day, or with `address_days_in_utc`, the
/// day in UTC of a time written with an offset.
pub(crate) fn address_day(origin: &Origin, (date, time): Timestamp) -> Date {
    let Some(offset) = time
        .filter(|_| origin.address_days_in_utc)
        .and_then(TimeOfDay::offset_minutes)
    else {
        return date;
    };
    let seconds = i64::from(time.map_or(0, TimeOfDay::seconds)) - i64::from(offset) * 60;
    let shift = seconds.div_euclid(86_400);
    Date::from_days_since_unix_epoch(date.days_since_unix_epoch() + shift).unwrap_or(date)
}

/// A `Date` from a file's last modification, for a post that gives none anywhere.
pub(crate) fn modified_date(path: &Path) -> Option<Date> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_days_since_unix_epoch(i64::try_from(seconds / 86_400).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_in_paths() {
        let date = |text| Some(Date::parse(text).unwrap());
        assert_eq!(date_in_path("2020/06/15/kept-path"), date("2020-06-15"));
        assert_eq!(date_in_path("/blog/2020-06-15-kept/"), date("2020-06-15"));
        assert_eq!(date_in_path("blog/kept"), None);
        assert_eq!(date_in_path("2020/13/15/x"), None);
    }

    #[test]
    fn titles_come_from_the_first_heading_or_the_name() {
        let mut origin = Origin::quire("posts/2023-01-29-hello-again-world.md".into());
        origin.generator = Generator::Hugo;
        assert_eq!(
            fallback_title(&origin, "```\n# not this\n```\n\n# The Title #\n").as_deref(),
            Some("The Title")
        );
        assert_eq!(
            fallback_title(&origin, "No heading.").as_deref(),
            Some("Hello Again World")
        );
        origin.generator = Generator::Jekyll;
        assert_eq!(
            fallback_title(&origin, "# Heading").as_deref(),
            Some("Hello Again World")
        );
    }

    #[test]
    fn an_address_day_is_utc_only_where_the_generator_files_it_so() {
        let stamp = quire_model::parse_timestamp("2023-01-29 18:30:22 -0800").unwrap();
        let mut origin = Origin::quire("_posts/x.md".into());
        assert_eq!(address_day(&origin, stamp).to_string(), "2023-01-29");
        origin.address_days_in_utc = true;
        assert_eq!(address_day(&origin, stamp).to_string(), "2023-01-30");
        let early = quire_model::parse_timestamp("2023-01-29 01:00 +0200").unwrap();
        assert_eq!(address_day(&origin, early).to_string(), "2023-01-28");
        let floating = quire_model::parse_timestamp("2023-01-29 23:00").unwrap();
        assert_eq!(address_day(&origin, floating).to_string(), "2023-01-29");
    }

    #[test]
    fn aliases_are_site_paths() {
        assert_eq!(alias_path("releases/1.1.0"), "/releases/1.1.0");
        assert_eq!(alias_path("/old/"), "/old/");
        assert_eq!(alias_path("https://old.example/a/b?c#d"), "/a/b");
        assert_eq!(alias_path("https://old.example"), "/");
    }
}
