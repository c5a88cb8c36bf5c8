//! Another generator's config file (TOML, YAML or JSON) as one neutral value, and the Quire
//! settings made from what it says.

use std::collections::BTreeMap;
use std::path::Path;

use quire_model::{NavLink, SiteInfo};

use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::read::front_matter::{self, Split, Syntax, Value};
use crate::read::site_config::{Site, is_safe_link};

/// A parsed config file.
pub(crate) struct Config {
    pub value: Value,
}

impl Config {
    /// An empty config, for a site whose settings live in code (Astro).
    pub fn empty() -> Self {
        Self {
            value: Value::Map(BTreeMap::new()),
        }
    }

    /// Reads a config file by its extension; a malformed one is a diagnostic at its line.
    pub fn read(path: &Path) -> Result<Result<Self, Diagnostic>, BuildError> {
        let text = std::fs::read_to_string(path).map_err(BuildError::io(path))?;
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let parsed = match extension {
            "toml" => parse_text(&text, Syntax::Toml),
            "json" => serde_json::from_str::<serde_json::Value>(&text)
                .map(from_json)
                .map_err(|error| (error.line(), error.to_string())),
            _ => parse_text(&text, Syntax::Yaml),
        };
        Ok(match parsed {
            Ok(value) => Ok(Self { value }),
            Err((line, message)) => Err(Diagnostic::error(path, line, message)),
        })
    }

    /// Adds another file's settings under `key` (Hugo's `config/_default/menus.toml`), or at the
    /// top when `key` is `None`.
    pub(crate) fn merge(&mut self, key: Option<&str>, other: Value) {
        let Value::Map(fields) = &mut self.value else {
            return;
        };
        match key {
            // `languages.en.toml` is the `en` table of `languages`.
            Some(key) => insert_at(fields, &key.split('.').collect::<Vec<_>>(), other),
            None => {
                if let Value::Map(more) = other {
                    fields.extend(more);
                }
            }
        }
    }

    /// The value at a dotted path (`params.author.name`), each key matched in any case, as Hugo
    /// matches its settings.
    pub fn get(&self, dotted: &str) -> Option<&Value> {
        crate::template::lookup(Some(&self.value), dotted)
    }

    /// Text at the first of `paths` that holds some.
    pub fn text(&self, paths: &[&str]) -> Option<String> {
        paths.iter().find_map(|path| match self.get(path)? {
            Value::Text(text) | Value::Number(text) if !text.trim().is_empty() => {
                Some(text.trim().to_owned())
            }
            // An author given as a map (`author: {name: …}`) is named by its `name`.
            Value::Map(fields) => match fields.get("name") {
                Some(Value::Text(text)) => Some(text.trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
    }

    /// The default language (named at `default_key`, else English) and every language the
    /// `[languages]` table declares, lower case.
    pub fn languages(&self, default_key: &str) -> (String, std::collections::BTreeSet<String>) {
        let default = self
            .text(&[default_key])
            .unwrap_or_else(|| "en".into())
            .to_lowercase();
        let mut languages: std::collections::BTreeSet<String> = [default.clone()].into();
        if let Some(Value::Map(configured)) = self.get("languages") {
            languages.extend(configured.keys().map(|code| code.to_lowercase()));
        }
        (default, languages)
    }

    /// Reads the site's config, or an empty one with the problem that stopped it.
    pub(crate) fn read_or_empty(
        path: &Path,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Self, BuildError> {
        Ok(Self::read(path)?.unwrap_or_else(|problem| {
            diagnostics.push(problem);
            Self::empty()
        }))
    }

    pub fn flag(&self, path: &str) -> Option<bool> {
        match self.get(path)? {
            Value::Bool(flag) => Some(*flag),
            _ => None,
        }
    }
}

/// Puts `value` at the dotted path `keys` of `fields`, merging into tables already there.
fn insert_at(fields: &mut BTreeMap<String, Value>, keys: &[&str], value: Value) {
    let [first, rest @ ..] = keys else {
        return;
    };
    if rest.is_empty() {
        match (fields.get_mut(*first), value) {
            (Some(Value::Map(existing)), Value::Map(more)) => existing.extend(more),
            (_, value) => {
                fields.insert((*first).to_owned(), value);
            }
        }
        return;
    }
    let entry = fields
        .entry((*first).to_owned())
        .or_insert_with(|| Value::Map(BTreeMap::new()));
    if !matches!(entry, Value::Map(_)) {
        *entry = Value::Map(BTreeMap::new());
    }
    if let Value::Map(inner) = entry {
        insert_at(inner, rest, value);
    }
}

/// A whole config file in YAML or TOML, through the front matter's reader.
fn parse_text(text: &str, syntax: Syntax) -> Result<Value, (usize, String)> {
    let split = Split {
        syntax,
        front_matter: text,
        front_matter_first_line: 1,
        body: "",
        body_first_line: 1,
    };
    front_matter::parse_value(&split).map_err(|error| (error.line(), error.to_string()))
}

fn from_json(value: serde_json::Value) -> Value {
    use serde_json::Value as Json;
    match value {
        Json::Null => Value::Null,
        Json::Bool(flag) => Value::Bool(flag),
        Json::Number(number) => Value::Number(number.to_string()),
        Json::String(text) => Value::Text(text),
        Json::Array(items) => Value::List(items.into_iter().map(from_json).collect()),
        Json::Object(fields) => {
            Value::Map(fields.into_iter().map(|(k, v)| (k, from_json(v))).collect())
        }
    }
}

/// What a generator's config says that Quire shows.
#[derive(Default)]
pub(crate) struct Settings {
    pub title: Option<String>,
    pub description: Option<String>,
    pub base_url: Option<String>,
    pub language: Option<String>,
    pub authors: Vec<String>,
    pub nav: Vec<NavLink>,
}

/// Quire's settings from a generator's: every category is the articles' own.
pub(crate) fn site_from(settings: Settings, fallback_title: &str) -> Site {
    let base_url = settings
        .base_url
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
        .map(|url| url.trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let nav = settings
        .nav
        .into_iter()
        .filter(|link| is_safe_link(&link.href) && !link.label.trim().is_empty())
        .collect();
    Site {
        info: SiteInfo {
            title: settings
                .title
                .filter(|title| !title.trim().is_empty())
                .unwrap_or_else(|| fallback_title.to_owned()),
            tagline: settings.description.unwrap_or_default(),
            base_url,
            nav,
            footer: Vec::new(),
            call_to_action: None,
            image: None,
            language: settings
                .language
                .filter(|language| is_language_tag(language)),
        },
        categories: Vec::new(),
        case_study_sections: Vec::new(),
        site_images: Vec::new(),
        site_links: Vec::new(),
        open_categories: true,
        default_authors: settings.authors,
        cards: Some(crate::read::site_config::CardStyle::default()),
    }
}

/// A BCP 47 tag as configs write it (`en`, `en-US`, `pt_BR`): letters, digits and dashes only,
/// since it lands in an attribute of every page.
fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A menu entry's address on the new site: a site path or an http(s) URL as written (with the
/// old site's own origin removed), or `None` for what no link can be.
pub(crate) fn nav_href(written: &str, base_url: &str) -> Option<String> {
    let written = written.trim();
    let base = base_url.trim_end_matches('/');
    let local = if !base.is_empty() && written.starts_with(base) {
        &written[base.len()..]
    } else {
        written
    };
    let href = if local.is_empty() {
        "/".to_owned()
    } else if local.starts_with('/') || local.contains("://") || local.starts_with("mailto:") {
        local.to_owned()
    } else {
        format!("/{local}")
    };
    is_safe_link(&href).then_some(href)
}
