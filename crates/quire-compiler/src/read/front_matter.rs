//! Splits a content file into front matter and body, and reads the front matter (YAML `---` or
//! TOML `+++`) into one neutral map, so every field rule is written once for both syntaxes.

use std::collections::BTreeMap;

use crate::diagnostic::line_of_offset;
use crate::read::flat_yaml;
pub use crate::read::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
}

/// A file's front matter, keyed by field name, with where each top-level key sits.
#[derive(Debug, PartialEq)]
pub struct FrontMatter {
    pub fields: BTreeMap<String, Value>,
    key_lines: BTreeMap<String, usize>,
    /// The line of the opening fence; problems with no line of their own point here.
    pub start_line: usize,
}

impl FrontMatter {
    /// Renames each key written in another case than one of `canonical` (`Title`, `publishdate`)
    /// to that spelling, for generators that read keys in any case (Hugo).
    pub(crate) fn canonicalise_keys(&mut self, canonical: &[&str]) {
        let renames: Vec<(String, &str)> = self
            .fields
            .keys()
            .filter_map(|key| {
                canonical
                    .iter()
                    .find(|name| name.eq_ignore_ascii_case(key) && **name != key)
                    .map(|name| (key.clone(), *name))
            })
            .collect();
        for (written, name) in renames {
            if self.fields.contains_key(name) {
                continue;
            }
            if let Some(value) = self.fields.remove(&written) {
                self.fields.insert(name.to_owned(), value);
            }
            if let Some(line) = self.key_lines.remove(&written) {
                self.key_lines.insert(name.to_owned(), line);
            }
        }
    }

    /// The line a key is written on, or the opening fence when it is absent.
    pub(crate) fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(self.start_line)
    }
}

/// A file split at its front-matter fences.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub syntax: Syntax,
    pub front_matter: &'a str,
    /// 1-based line of the first front-matter line (the one after the fence).
    pub front_matter_first_line: usize,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_first_line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FrontMatterError {
    #[error("no front matter: a content file starts with `---` (YAML) or `+++` (TOML)")]
    Missing,
    #[error("front matter opened with `{fence}` on line 1 is never closed")]
    Unclosed { fence: &'static str },
    #[error("malformed {syntax} front matter: {message}")]
    Malformed {
        syntax: &'static str,
        message: String,
        line: usize,
    },
    #[error("front matter must be a map of `key: value` fields")]
    NotAMap,
}

impl FrontMatterError {
    /// Where the problem is, in the file's own line numbers.
    pub fn line(&self) -> usize {
        match self {
            Self::Malformed { line, .. } => *line,
            Self::Missing | Self::Unclosed { .. } | Self::NotAMap => 1,
        }
    }
}

/// Finds the fences. A byte-order mark and blank lines before the opening fence are tolerated,
/// as Hugo and Jekyll tolerate them.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let without_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let leading = without_bom.len() - without_bom.trim_start_matches(['\n', '\r']).len();
    let start = text.len() - without_bom.len() + leading;
    let rest = &text[start..];
    let (syntax, fence) = if fence_line(rest, "---") {
        (Syntax::Yaml, "---")
    } else if fence_line(rest, "+++") {
        (Syntax::Toml, "+++")
    } else {
        return Err(FrontMatterError::Missing);
    };
    let open_end = start + rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut offset = open_end;
    while offset < text.len() {
        let line_end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..line_end].trim_end_matches(['\n', '\r']);
        if line.trim_end() == fence {
            return Ok(Split {
                syntax,
                front_matter: &text[open_end..offset],
                front_matter_first_line: line_of_offset(text, open_end),
                body: &text[line_end..],
                body_first_line: line_of_offset(text, line_end),
            });
        }
        offset = line_end;
    }
    Err(FrontMatterError::Unclosed { fence })
}

fn fence_line(text: &str, fence: &str) -> bool {
    let first_line = text.split('\n').next().unwrap_or("");
    first_line.trim_end() == fence
}

/// Parses the front matter of a split file.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, FrontMatterError> {
    let value = parse_value(split)?;
    let fields = match value {
        Value::Map(fields) => fields,
        Value::Null => BTreeMap::new(),
        _ => return Err(FrontMatterError::NotAMap),
    };
    let key_lines = key_lines(split);
    Ok(FrontMatter {
        fields,
        key_lines,
        start_line: split.front_matter_first_line.saturating_sub(1).max(1),
    })
}

/// The front matter (or a config file's whole text) as one value, whatever its syntax.
pub(crate) fn parse_value(split: &Split<'_>) -> Result<Value, FrontMatterError> {
    match split.syntax {
        Syntax::Yaml => parse_yaml(split),
        Syntax::Toml => parse_toml(split),
    }
}

/// Flat front matter is read directly; anything else, and every mistake, by the YAML parser.
fn parse_yaml(split: &Split<'_>) -> Result<Value, FrontMatterError> {
    match flat_yaml::parse(split.front_matter) {
        Some(fields) => Ok(Value::Map(fields)),
        None => parse_yaml_slowly(split),
    }
}

pub(crate) fn parse_yaml_slowly(split: &Split<'_>) -> Result<Value, FrontMatterError> {
    let yaml: serde_norway::Value =
        serde_norway::from_str(split.front_matter).map_err(|error| {
            let line = error
                .location()
                .map_or(split.front_matter_first_line, |location| {
                    split.front_matter_first_line + location.line().saturating_sub(1)
                });
            FrontMatterError::Malformed {
                syntax: "YAML",
                message: first_sentence(&error.to_string()),
                line,
            }
        })?;
    Ok(from_yaml(yaml))
}

fn parse_toml(split: &Split<'_>) -> Result<Value, FrontMatterError> {
    let table: toml::Table = toml::from_str(split.front_matter).map_err(|error| {
        let line = error.span().map_or(split.front_matter_first_line, |span| {
            split.front_matter_first_line + line_of_offset(split.front_matter, span.start) - 1
        });
        FrontMatterError::Malformed {
            syntax: "TOML",
            message: error.message().to_owned(),
            line,
        }
    })?;
    Ok(from_toml(toml::Value::Table(table)))
}

/// Keeps the parser's message but drops its own location suffix: ours names the file's line.
fn first_sentence(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

fn from_yaml(value: serde_norway::Value) -> Value {
    use serde_norway::Value as Yaml;
    match value {
        Yaml::Null => Value::Null,
        Yaml::Bool(flag) => Value::Bool(flag),
        Yaml::Number(number) => Value::Number(number.to_string()),
        Yaml::String(text) => Value::Text(text),
        Yaml::Sequence(items) => Value::List(items.into_iter().map(from_yaml).collect()),
        Yaml::Mapping(mapping) => Value::Map(
            mapping
                .into_iter()
                .map(|(key, value)| (yaml_key(key), from_yaml(value)))
                .collect(),
        ),
        Yaml::Tagged(tagged) => from_yaml(tagged.value),
    }
}

fn yaml_key(key: serde_norway::Value) -> String {
    match from_yaml(key) {
        Value::Text(text) | Value::Number(text) => text,
        Value::Bool(flag) => flag.to_string(),
        Value::Null => "null".to_owned(),
        Value::List(_) | Value::Map(_) => "<complex key>".to_owned(),
    }
}

fn from_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::Text(text),
        toml::Value::Integer(number) => Value::Number(number.to_string()),
        toml::Value::Float(number) => Value::Number(number.to_string()),
        toml::Value::Boolean(flag) => Value::Bool(flag),
        toml::Value::Datetime(datetime) => Value::Text(datetime.to_string()),
        toml::Value::Array(items) => Value::List(items.into_iter().map(from_toml).collect()),
        toml::Value::Table(table) => Value::Map(
            table
                .into_iter()
                .map(|(key, value)| (key, from_toml(value)))
                .collect(),
        ),
    }
}

/// Where each key is written, only used to point messages at a line.
fn key_lines(split: &Split<'_>) -> BTreeMap<String, usize> {
    match split.syntax {
        Syntax::Yaml => yaml_key_lines(split),
        Syntax::Toml => toml_key_lines(split),
    }
}

/// Where each unindented YAML key is written: a cheap scan that is right for the flat front
/// matter authors write.
fn yaml_key_lines(split: &Split<'_>) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    for (index, line) in split.front_matter.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-', '[']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']);
            if !key.is_empty() {
                lines
                    .entry(key.to_owned())
                    .or_insert(split.front_matter_first_line + index);
            }
        }
    }
    lines
}

/// Where each TOML key is written, from the parser's spans: a table (`[taxonomies]`) is at its
/// header's line, and the keys inside it are recorded by their path (`taxonomies.tags`), never
/// as top-level keys. Nothing when the text is no TOML, which its parse then reports.
fn toml_key_lines(split: &Split<'_>) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    if let Ok(table) = toml::de::DeTable::parse(split.front_matter) {
        let at = |offset: usize| {
            split.front_matter_first_line + line_of_offset(split.front_matter, offset) - 1
        };
        record_toml_keys(table.get_ref(), "", &at, &mut lines);
    }
    lines
}

fn record_toml_keys(
    table: &toml::de::DeTable<'_>,
    prefix: &str,
    at: &dyn Fn(usize) -> usize,
    lines: &mut BTreeMap<String, usize>,
) {
    for (key, value) in table {
        let path = format!("{prefix}{}", key.get_ref());
        lines
            .entry(path.clone())
            .or_insert_with(|| at(key.span().start));
        let tables: Vec<&toml::de::DeTable<'_>> = match value.get_ref() {
            toml::de::DeValue::Table(inner) => vec![inner],
            toml::de::DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    toml::de::DeValue::Table(inner) => Some(inner),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for inner in tables {
            record_toml_keys(inner, &format!("{path}."), at, lines);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Value {
        Value::Text(value.to_owned())
    }

    #[test]
    fn splits_yaml_and_toml() {
        let yaml = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(yaml.syntax, Syntax::Yaml);
        assert_eq!(yaml.front_matter, "title: A\n");
        assert_eq!(yaml.front_matter_first_line, 2);
        assert_eq!(yaml.body, "Body\n");
        assert_eq!(yaml.body_first_line, 4);

        let toml = split("\u{feff}\n+++\r\ntitle = \"A\"\r\n+++\r\nBody").unwrap();
        assert_eq!(toml.syntax, Syntax::Toml);
        assert_eq!(toml.front_matter, "title = \"A\"\r\n");
        assert_eq!(toml.front_matter_first_line, 3);
        assert_eq!(toml.body, "Body");
    }

    #[test]
    fn a_fence_inside_the_body_is_body() {
        let split = split("---\na: 1\n---\nintro\n---\nmore\n").unwrap();
        assert_eq!(split.body, "intro\n---\nmore\n");
    }

    #[test]
    fn refuses_files_without_front_matter() {
        assert_eq!(split("# Just markdown\n"), Err(FrontMatterError::Missing));
        assert_eq!(split(""), Err(FrontMatterError::Missing));
        assert_eq!(split("----\n"), Err(FrontMatterError::Missing));
        assert_eq!(
            split("---\ntitle: A\n"),
            Err(FrontMatterError::Unclosed { fence: "---" })
        );
        assert_eq!(
            split("+++\ntitle = 1\n---\n"),
            Err(FrontMatterError::Unclosed { fence: "+++" })
        );
    }

    #[test]
    fn yaml_and_toml_read_into_the_same_values() {
        let yaml =
            "---\ntitle: Hello\ndate: 2026-03-13\ntags: [a, b]\ndraft: true\nweight: 3\n---\n";
        let toml = "+++\ntitle = \"Hello\"\ndate = 2026-03-13\ntags = [\"a\", \"b\"]\ndraft = true\nweight = 3\n+++\n";
        let from_yaml = parse(&split(yaml).unwrap()).unwrap();
        let from_toml = parse(&split(toml).unwrap()).unwrap();
        assert_eq!(from_yaml.fields, from_toml.fields);
        assert_eq!(from_yaml.fields["title"], text("Hello"));
        assert_eq!(from_yaml.fields["date"], text("2026-03-13"));
        assert_eq!(
            from_yaml.fields["tags"],
            Value::List(vec![text("a"), text("b")])
        );
        assert_eq!(from_yaml.line_of("tags"), 4);
        assert_eq!(from_toml.line_of("draft"), 5);
        assert_eq!(from_yaml.line_of("absent"), 1);
    }

    #[test]
    fn reports_malformed_front_matter_on_its_line() {
        let error = parse(&split("---\ntitle: A\ntags: [a, b\n---\n").unwrap()).unwrap_err();
        assert!(
            matches!(error, FrontMatterError::Malformed { syntax: "YAML", .. }),
            "{error:?}"
        );
        assert!((3..=4).contains(&error.line()), "line {}", error.line());

        let error = parse(&split("+++\ntitle = \"A\"\ndate = \n+++\n").unwrap()).unwrap_err();
        assert!(
            matches!(error, FrontMatterError::Malformed { syntax: "TOML", .. }),
            "{error:?}"
        );
        assert_eq!(error.line(), 3);

        assert_eq!(
            parse(&split("---\n- a\n- b\n---\n").unwrap()),
            Err(FrontMatterError::NotAMap)
        );
    }

    #[test]
    fn a_toml_table_is_at_its_header_and_its_keys_are_not_top_level() {
        let text = "+++\ntitle = \"A\"\n\n[taxonomies]\ntags = [\"a\"]\n[[extra.links]]\nurl = \"x\"\n+++\n";
        let front_matter = parse(&split(text).unwrap()).unwrap();
        assert_eq!(front_matter.line_of("taxonomies"), 4);
        assert_eq!(front_matter.line_of("taxonomies.tags"), 5);
        assert_eq!(front_matter.line_of("extra"), 6);
        assert_eq!(front_matter.line_of("extra.links.url"), 7);
        assert_eq!(front_matter.line_of("tags"), 1, "no top-level `tags`");
    }

    /// Read from the parser, not the text: a key's text inside a multi-line string, or after a
    /// quoted key, is no key, and a dotted key is a table's.
    #[test]
    fn toml_keys_are_where_the_parser_found_them() {
        let text = "+++\ndescription = \"\"\"\ntitle = \"not a key\"\n\"\"\"\n\"title\" = \"A\"\nextra.image = \"x.png\"\n+++\n";
        let front_matter = parse(&split(text).unwrap()).unwrap();
        assert_eq!(front_matter.line_of("description"), 2);
        assert_eq!(front_matter.line_of("title"), 5);
        assert_eq!(front_matter.line_of("extra.image"), 6);
    }

    #[test]
    fn empty_front_matter_is_an_empty_map() {
        let front_matter = parse(&split("---\n---\nbody").unwrap()).unwrap();
        assert!(front_matter.fields.is_empty());
    }
}
