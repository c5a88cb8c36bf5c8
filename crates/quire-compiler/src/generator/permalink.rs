//! The address a post or page had on its old site, computed by its generator's own rules
//! (Hugo's `[permalinks]`, Jekyll's `permalink`, Zola's sections and `path`, Astro's routes), so
//! that every old link can be redirected. Pure: no I/O.

use quire_model::Date;

use super::{Generator, Origin};

/// What the old address of one file depends on besides where the file is.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Facts<'a> {
    /// `slug` as written.
    pub slug: Option<&'a str>,
    /// An address written out: Hugo's `url`, Jekyll's `permalink`, Zola's `path`.
    pub url: Option<&'a str>,
    pub title: &'a str,
    pub date: Option<Date>,
    /// Jekyll's `:categories`, as written.
    pub categories: &'a [String],
    /// A dated post rather than a page (Jekyll gives them different default addresses).
    pub is_post: bool,
}

/// The old site path of a file, from the site's root, or `None` for a Quire file.
pub fn old_address(origin: &Origin, facts: &Facts<'_>) -> Option<String> {
    let path = match origin.generator {
        Generator::Quire => return None,
        Generator::Hugo => hugo(origin, facts),
        Generator::Jekyll => jekyll(origin, facts),
        Generator::Zola => zola(origin, facts),
        Generator::Astro => astro(origin, facts),
    };
    Some(clean(&path))
}

/// One leading `/`, no doubled `/`, no `.`/`..` segments.
fn clean(path: &str) -> String {
    let trailing = path.ends_with('/');
    let parts: Vec<&str> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != "." && *part != "..")
        .collect();
    let mut cleaned = format!("/{}", parts.join("/"));
    if trailing && cleaned.len() > 1 {
        cleaned.push('/');
    }
    cleaned
}

fn hugo(origin: &Origin, facts: &Facts<'_>) -> String {
    if let Some(url) = facts.url {
        return url.to_owned();
    }
    let name = origin.content_name();
    let path = match &origin.permalink {
        Some(template) => expand_hugo(template, origin, facts),
        None => {
            let mut folders = origin.folders().join("/");
            folders.push('/');
            format!("/{folders}{}/", urlize(facts.slug.unwrap_or(name)))
        }
    };
    // A page is a folder (`/x/`), or with `uglyURLs` a file (`/x.html`); a rule that names
    // a file (`/:slug.html`) is kept as it is.
    let page = path.trim_end_matches('/');
    let names_a_file = page
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    let path = match (names_a_file, origin.ugly_urls) {
        (true, _) => page.to_owned(),
        (false, true) => format!("{page}.html"),
        (false, false) => format!("{page}/"),
    };
    if origin.lowercase_paths {
        path.to_lowercase()
    } else {
        path
    }
}

/// Hugo's permalink tokens (`/:year/:month/:slug/`).
fn expand_hugo(template: &str, origin: &Origin, facts: &Facts<'_>) -> String {
    let name = origin.content_name();
    let folders = origin.folders();
    let section = folders.first().copied().unwrap_or_default();
    let slug_or_title = urlize(facts.slug.unwrap_or(facts.title));
    let slug_or_name = urlize(facts.slug.unwrap_or(name));
    let date = facts.date;
    let value = |token: &str| -> Option<String> {
        let date_part = |f: fn(Date) -> String| date.map(f).unwrap_or_default();
        Some(match token {
            "year" => date_part(|d| format!("{:04}", d.year())),
            "month" => date_part(|d| format!("{:02}", d.month())),
            "monthname" => date_part(|d| MONTHS[usize::from(d.month() - 1)].to_owned()),
            "day" => date_part(|d| format!("{:02}", d.day())),
            "yearday" => date_part(|d| day_of_year(d).to_string()),
            "weekday" => date_part(|d| weekday(d).to_string()),
            "weekdayname" => date_part(|d| WEEKDAYS[weekday(d)].to_owned()),
            "section" => section.to_owned(),
            "sections" => folders.join("/"),
            "title" => urlize(facts.title),
            "slug" => slug_or_title.clone(),
            "filename" | "contentbasename" => name.to_owned(),
            "slugorfilename" | "slugorcontentbasename" => slug_or_name.clone(),
            _ => return None,
        })
    };
    expand(template, &value)
}

fn jekyll(origin: &Origin, facts: &Facts<'_>) -> String {
    if let Some(url) = facts.url {
        return url.to_owned();
    }
    let style = origin.permalink.as_deref().unwrap_or("date");
    let template = match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        custom => custom,
    };
    let name = origin.content_name();
    let (_, stem_slug) = crate::read::file_names::split_jekyll_stem(name);
    if !facts.is_post {
        // Pages keep their path; a permalink style ending in `/` makes them folders too, and a
        // folder's `index.md` is the folder itself.
        let folders = origin.folders().join("/");
        if origin
            .relative
            .rsplit('/')
            .next()
            .is_some_and(|file| file.starts_with("index."))
        {
            return format!("/{folders}/{name}/");
        }
        let ending = if template.ends_with('/') {
            "/"
        } else {
            ".html"
        };
        return format!("/{folders}/{name}{ending}");
    }
    let title = jekyll_slugify(facts.slug.unwrap_or(stem_slug), true);
    let categories: Vec<String> = facts
        .categories
        .iter()
        .map(|category| category.to_lowercase())
        .collect();
    let date = facts.date;
    let value = |token: &str| -> Option<String> {
        let date_part = |f: fn(Date) -> String| date.map(f).unwrap_or_default();
        Some(match token {
            "categories" => categories.join("/"),
            "year" => date_part(|d| format!("{:04}", d.year())),
            "short_year" => date_part(|d| format!("{:02}", d.year() % 100)),
            "month" => date_part(|d| format!("{:02}", d.month())),
            "i_month" => date_part(|d| d.month().to_string()),
            "day" => date_part(|d| format!("{:02}", d.day())),
            "i_day" => date_part(|d| d.day().to_string()),
            "y_day" => date_part(|d| format!("{:03}", day_of_year(d))),
            "short_day" => date_part(|d| WEEKDAYS[weekday(d)][..3].to_owned()),
            "title" => title.clone(),
            "slug" => jekyll_slugify(facts.slug.unwrap_or(stem_slug), false),
            "name" | "basename" => stem_slug.to_owned(),
            "output_ext" => ".html".to_owned(),
            _ => return None,
        })
    };
    expand(template, &value)
}

fn zola(origin: &Origin, facts: &Facts<'_>) -> String {
    if let Some(path) = facts.url {
        return format!("/{}/", path.trim_matches('/'));
    }
    let name = origin.content_name();
    let (_, undated) = split_zola_date(name);
    let slug = zola_slugify(facts.slug.unwrap_or(undated));
    let folders: Vec<String> = origin.folders().iter().map(|f| zola_slugify(f)).collect();
    format!("/{}/{slug}/", folders.join("/"))
}

fn astro(origin: &Origin, facts: &Facts<'_>) -> String {
    let prefix = origin.route_prefix.as_deref().unwrap_or_default();
    let id = match facts.slug {
        Some(slug) => slug.to_owned(),
        None => {
            let without_extension = origin
                .relative
                .rsplit_once('.')
                .map_or(origin.relative.as_str(), |(stem, _)| stem);
            let id: Vec<String> = without_extension
                .split('/')
                .skip(usize::from(origin.route_prefix.is_some()))
                .map(github_slug)
                .collect();
            let id = id.join("/");
            // A collection's `post/index.md` is the entry `post`.
            id.strip_suffix("/index").unwrap_or(&id).to_owned()
        }
    };
    format!("{prefix}/{id}/")
}

/// Zola names a file `2021-04-01-name.md` or `2021-04-01_name.md` to date it.
pub(crate) fn split_zola_date(name: &str) -> (Option<Date>, &str) {
    crate::read::file_names::split_dated_name(name, b"-_")
}

/// Replaces each `:token` that `value` knows, longest names first.
fn expand(template: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_length = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let known = (1..=name_length)
            .rev()
            .find_map(|length| value(&after[..length]).map(|v| (length, v)));
        match known {
            Some((length, replacement)) => {
                out.push_str(&replacement);
                rest = &after[length..];
            }
            None => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Hugo's `urlize`: spaces become `-`, characters that cannot stand in a path are dropped.
pub(crate) fn urlize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.trim().chars() {
        match character {
            ' ' | '\t' => out.push('-'),
            c if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '~') => out.push(c),
            _ => {}
        }
    }
    out
}

/// Jekyll's `Utils.slugify`: the `pretty` mode keeps more punctuation than the default.
fn jekyll_slugify(text: &str, pretty: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = false;
    for character in text.chars() {
        let kept = character.is_alphanumeric()
            || (pretty && "._~!$&'()+,;=@".contains(character))
            || character == '_' && pretty;
        if kept {
            if pending && !out.is_empty() {
                out.push('-');
            }
            pending = false;
            out.push(character);
        } else {
            pending = true;
        }
    }
    if pretty { out } else { out.to_lowercase() }
}

/// Zola's `slugify.paths = "on"`: ASCII, lower case, words joined by `-`.
fn zola_slugify(text: &str) -> String {
    quire_model::slugify(text)
}

/// `github-slugger`, which Astro's content ids go through: lower case, spaces to `-`, most
/// punctuation dropped.
fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

/// 0 for Sunday, as Go's `time.Weekday`.
fn weekday(date: Date) -> usize {
    // 1970-01-01 was a Thursday.
    (date.days_since_unix_epoch() + 4).rem_euclid(7) as usize
}

fn day_of_year(date: Date) -> i64 {
    let first = Date::new(date.year(), 1, 1).expect("1 January is a date");
    date.days_since_unix_epoch() - first.days_since_unix_epoch() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(generator: Generator, relative: &str, bundle: bool) -> Origin {
        Origin {
            bundle: bundle.then(|| "x".into()),
            lowercase_paths: generator == Generator::Hugo,
            ..Origin::new(generator, relative.to_owned())
        }
    }

    fn date(text: &str) -> Option<Date> {
        Some(Date::parse(text).unwrap())
    }

    #[test]
    fn hugo_addresses_follow_the_file_its_slug_and_the_permalinks() {
        let facts = Facts {
            title: "Hello, World Again",
            date: date("2024-03-09"),
            ..Facts::default()
        };
        let page =
            |relative, bundle| old_address(&origin(Generator::Hugo, relative, bundle), &facts);
        assert_eq!(
            page("posts/first-post.md", false).unwrap(),
            "/posts/first-post/"
        );
        assert_eq!(
            page("posts/My-Bundle/index.md", true).unwrap(),
            "/posts/my-bundle/"
        );
        assert_eq!(
            page("posts/2024/nested.md", false).unwrap(),
            "/posts/2024/nested/"
        );
        assert_eq!(page("about.md", false).unwrap(), "/about/");
        let mut ugly = origin(Generator::Hugo, "posts/first-post.md", false);
        ugly.ugly_urls = true;
        assert_eq!(
            old_address(&ugly, &facts).unwrap(),
            "/posts/first-post.html"
        );
        let mut with_rule = origin(Generator::Hugo, "posts/first-post.md", false);
        with_rule.permalink = Some("/:year/:month/:slug/".into());
        assert_eq!(
            old_address(&with_rule, &facts).unwrap(),
            "/2024/03/hello-world-again/"
        );
        let slugged = Facts {
            slug: Some("short"),
            ..facts
        };
        assert_eq!(
            old_address(&with_rule, &slugged).unwrap(),
            "/2024/03/short/"
        );
        with_rule.permalink = Some("/:year/:slug.html".into());
        assert_eq!(
            old_address(&with_rule, &facts).unwrap(),
            "/2024/hello-world-again.html"
        );
        with_rule.permalink = Some("/:sections/:yearday-:filename/".into());
        assert_eq!(
            old_address(&with_rule, &facts).unwrap(),
            "/posts/69-first-post/"
        );
        let own = Facts {
            url: Some("/custom/Place/"),
            ..facts
        };
        assert_eq!(old_address(&with_rule, &own).unwrap(), "/custom/Place/");
    }

    #[test]
    fn jekyll_addresses_follow_the_permalink_style() {
        let categories = vec!["Engineering".to_owned(), "notes".to_owned()];
        let facts = Facts {
            title: "ignored",
            date: date("2023-01-29"),
            categories: &categories,
            is_post: true,
            ..Facts::default()
        };
        let mut post = origin(
            Generator::Jekyll,
            "_posts/2023-01-29-welcome-to-jekyll.md",
            false,
        );
        assert_eq!(
            old_address(&post, &facts).unwrap(),
            "/engineering/notes/2023/01/29/welcome-to-jekyll.html"
        );
        post.permalink = Some("pretty".into());
        assert_eq!(
            old_address(&post, &facts).unwrap(),
            "/engineering/notes/2023/01/29/welcome-to-jekyll/"
        );
        post.permalink = Some("/blog/:year/:i_month/:title/".into());
        let uncategorised = Facts {
            categories: &[],
            ..facts
        };
        assert_eq!(
            old_address(&post, &uncategorised).unwrap(),
            "/blog/2023/1/welcome-to-jekyll/"
        );
        let page = origin(Generator::Jekyll, "about.md", false);
        let page_facts = Facts {
            is_post: false,
            ..facts
        };
        assert_eq!(old_address(&page, &page_facts).unwrap(), "/about.html");
        let folder_page = origin(Generator::Jekyll, "docs/guide/index.md", false);
        assert_eq!(
            old_address(&folder_page, &page_facts).unwrap(),
            "/docs/guide/"
        );
        let own = Facts {
            url: Some("/custom/path/"),
            ..facts
        };
        assert_eq!(old_address(&post, &own).unwrap(), "/custom/path/");
    }

    #[test]
    fn zola_addresses_are_sections_and_slugs_or_the_written_path() {
        let facts = Facts::default();
        let page =
            |relative, bundle| old_address(&origin(Generator::Zola, relative, bundle), &facts);
        assert_eq!(
            page("blog/2021-04-01-dated-name.md", false).unwrap(),
            "/blog/dated-name/"
        );
        assert_eq!(
            page("blog/2021-04-01_Under Score.md", false).unwrap(),
            "/blog/under-score/"
        );
        assert_eq!(
            page("blog/bundle-post/index.md", true).unwrap(),
            "/blog/bundle-post/"
        );
        let kept = Facts {
            url: Some("2020/06/15/kept-path"),
            ..facts
        };
        let blog = origin(Generator::Zola, "blog/x.md", false);
        assert_eq!(old_address(&blog, &kept).unwrap(), "/2020/06/15/kept-path/");
    }

    #[test]
    fn astro_addresses_are_the_collection_route_and_the_entry_id() {
        let mut post = origin(Generator::Astro, "blog/series/Part One.mdx", false);
        post.route_prefix = Some("/blog".into());
        assert_eq!(
            old_address(&post, &Facts::default()).unwrap(),
            "/blog/series/part-one/"
        );
        let slugged = Facts {
            slug: Some("kept"),
            ..Facts::default()
        };
        assert_eq!(old_address(&post, &slugged).unwrap(), "/blog/kept/");
    }

    #[test]
    fn finds_zola_dates_in_names() {
        assert_eq!(split_zola_date("2021-04-01-a"), (date("2021-04-01"), "a"));
        assert_eq!(split_zola_date("2021-04-01_a"), (date("2021-04-01"), "a"));
        assert_eq!(split_zola_date("2021-04-a"), (None, "2021-04-a"));
    }
}
