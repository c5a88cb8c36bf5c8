//! Typed access to a content file's front matter, each mistake reported at its key's line, and
//! the first steps every content kind shares: UTF-8, fences, parsing, unknown keys.

use std::path::Path;

use quire_model::Date;

use crate::diagnostic::Diagnostic;
use crate::generator::origin::Origin;
use crate::read::front_matter::{self, FrontMatter, FrontMatterError, Value};

/// A content file whose front matter parsed: its fields and its markdown body.
pub(crate) struct Source<'a> {
    pub front_matter: FrontMatter,
    /// The markdown; an MDX file's `import` and `export` lines are blanked (they are code).
    pub body: std::borrow::Cow<'a, str>,
    pub body_first_line: usize,
    /// An MDX file's default imports of files (`import cover from './cover.png'`), by name: what
    /// `<Image src={cover} />` shows.
    pub imports: Vec<(String, String)>,
}

/// Decodes, splits and parses a content file, warning about keys `is_known` does not know, by
/// the rules of its generator (`origin`): Hugo reads keys in any case and files without front
/// matter.
pub(crate) fn read_source<'a>(
    path: &Path,
    bytes: &'a [u8],
    is_known: &dyn Fn(&str) -> bool,
    origin: &Origin,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Source<'a>> {
    let text = decode(path, bytes, diagnostics)?;
    let split = split_front_matter(path, text, origin, diagnostics)?;
    let mut front_matter = parse_front_matter(path, &split, origin, diagnostics)?;
    if let Some(canonical) = origin.canonical_keys() {
        front_matter.canonicalise_keys(canonical);
    }
    for key in front_matter.fields.keys() {
        if !is_known(key) {
            diagnostics.push(Diagnostic::warning(
                path,
                front_matter.line_of(key),
                format!("unknown key `{key}` ignored"),
            ));
        }
    }
    let is_mdx = path.extension().is_some_and(|extension| extension == "mdx");
    let (body, imports) = if is_mdx {
        (
            std::borrow::Cow::Owned(blank_mdx_statements(split.body)),
            file_imports(split.body),
        )
    } else {
        (std::borrow::Cow::Borrowed(split.body), Vec::new())
    };
    Some(Source {
        front_matter,
        body,
        body_first_line: split.body_first_line,
        imports,
    })
}

/// The file's text, or an error at the line of its first byte that is not UTF-8.
fn decode<'a>(path: &Path, bytes: &'a [u8], diagnostics: &mut Vec<Diagnostic>) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            diagnostics.push(Diagnostic::error(path, line, "file is not valid UTF-8"));
            None
        }
    }
}

/// `text` split into its front matter and body; a file without front matter is all body where
/// its generator allows that, and an error elsewhere.
fn split_front_matter<'a>(
    path: &Path,
    text: &'a str,
    origin: &Origin,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<front_matter::Split<'a>> {
    match front_matter::split(text) {
        Ok(split) => Some(split),
        Err(FrontMatterError::Missing) if origin.front_matter_is_optional() => {
            Some(front_matter::Split {
                syntax: front_matter::Syntax::Yaml,
                front_matter: "",
                front_matter_first_line: 1,
                body: text,
                body_first_line: 1,
            })
        }
        Err(error) => {
            diagnostics.push(Diagnostic::error(path, error.line(), error.to_string()));
            None
        }
    }
}

/// The parsed front matter of `split`; on another generator's site, a key written twice is a
/// warning and its last value is read, as the generator reads it.
fn parse_front_matter(
    path: &Path,
    split: &front_matter::Split<'_>,
    origin: &Origin,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    let error = match front_matter::parse(split) {
        Ok(front_matter) => return Some(front_matter),
        Err(error) => error,
    };
    // Jekyll's and Hugo's YAML readers keep the last of a key written twice.
    if !(origin.is_foreign() && error.to_string().contains("duplicate entry")) {
        diagnostics.push(Diagnostic::error(path, error.line(), error.to_string()));
        return None;
    }
    let last_wins = keep_last_of_each_key(split.front_matter);
    let again = front_matter::Split {
        front_matter: &last_wins,
        ..*split
    };
    match front_matter::parse(&again) {
        Ok(front_matter) => {
            diagnostics.push(Diagnostic::warning(
                path,
                error.line(),
                format!("{error}; the last one is read, as the site's generator reads it"),
            ));
            Some(front_matter)
        }
        Err(error) => {
            diagnostics.push(Diagnostic::error(path, error.line(), error.to_string()));
            None
        }
    }
}

/// YAML front matter with each top-level key written twice kept only where it is written last
/// (with the lines indented under it); every other line becomes blank, so lines keep their
/// numbers.
fn keep_last_of_each_key(yaml: &str) -> String {
    let key_of = |line: &str| -> Option<String> {
        if line.starts_with([' ', '\t', '-', '#']) {
            return None;
        }
        line.split_once(':')
            .map(|(key, _)| key.trim().trim_matches(['"', '\'']).to_owned())
    };
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let mut last: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, line) in lines.iter().enumerate() {
        if let Some(key) = key_of(line) {
            last.insert(key, index);
        }
    }
    let mut out = String::with_capacity(yaml.len());
    let mut keeping = true;
    for (index, line) in lines.iter().enumerate() {
        if let Some(key) = key_of(line) {
            keeping = last.get(&key) == Some(&index);
        }
        if keeping {
            out.push_str(line);
        } else if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The default imports of files an MDX body makes (`import cover from "./cover.png";`): each
/// name with the path it is given. Imports of code (a component, a package) have no extension.
pub(crate) fn file_imports(body: &str) -> Vec<(String, String)> {
    body.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("import ")?;
            let (name, from) = rest.split_once(" from ")?;
            let name = name.trim();
            let path = from.trim().trim_end_matches(';').trim();
            let path = path.strip_prefix(['"', '\''])?.strip_suffix(['"', '\''])?;
            let is_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
            let is_file = path
                .rsplit('/')
                .next()
                .is_some_and(|file| file.contains('.'));
            (is_name && is_file).then(|| (name.to_owned(), path.to_owned()))
        })
        .collect()
}

/// An MDX body with its top-level `import` and `export` statements blanked, line for line, so
/// that they neither show nor become a summary and every other line keeps its number. Lines in
/// code fences are the author's examples and stay.
pub(crate) fn blank_mdx_statements(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<&str> = None;
    // How many brackets the statement being blanked has left open: it runs until they close.
    let mut open: Option<i64> = None;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if open.is_none() && trimmed.starts_with(marker) {
                fence = match fence {
                    Some(opened) if opened == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        let starts = open.is_none()
            && fence.is_none()
            && (line.starts_with("import ") || line.starts_with("export "));
        if starts || open.is_some() {
            let depth = open.unwrap_or(0) + bracket_balance(line);
            open = (depth > 0).then_some(depth);
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Brackets a line opens less those it closes.
fn bracket_balance(line: &str) -> i64 {
    line.bytes()
        .map(|byte| match byte {
            b'{' | b'[' | b'(' => 1,
            b'}' | b']' | b')' => -1,
            _ => 0,
        })
        .sum()
}

/// Typed access to front-matter fields, each mistake reported at its key's line.
pub struct Fields<'a> {
    pub path: &'a Path,
    pub front_matter: &'a FrontMatter,
}

impl Fields<'_> {
    pub fn has(&self, key: &str) -> bool {
        !matches!(self.front_matter.fields.get(key), None | Some(Value::Null))
    }

    pub fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, self.front_matter.line_of(key), message)
    }

    pub fn warning(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.path, self.front_matter.line_of(key), message)
    }

    pub fn missing(&self, key: &str) -> Diagnostic {
        Diagnostic::error(
            self.path,
            self.front_matter.start_line,
            format!("missing required field `{key}`"),
        )
    }

    pub fn text(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
        match self.front_matter.fields.get(key)? {
            Value::Null => None,
            Value::Text(text) | Value::Number(text) => Some(text.clone()),
            _ => {
                diagnostics.push(self.error(key, format!("`{key}` must be text")));
                None
            }
        }
    }

    pub(crate) fn text_list(
        &self,
        key: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Vec<String>> {
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

    /// Required text: missing or blank is an error.
    pub(crate) fn required_text(
        &self,
        key: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        match self.text(key, diagnostics) {
            Some(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
            Some(_) => {
                diagnostics.push(self.error(key, format!("`{key}` must not be empty")));
                None
            }
            None => {
                if !self.has(key) {
                    diagnostics.push(self.missing(key));
                }
                None
            }
        }
    }

    pub fn flag(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
        match self.front_matter.fields.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(flag)) => *flag,
            Some(_) => {
                diagnostics.push(self.error(key, format!("`{key}` must be true or false")));
                false
            }
        }
    }

    pub fn date(&self, key: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Date> {
        let text = self.text(key, diagnostics)?;
        match Date::parse(&text) {
            Ok(date) => Some(date),
            Err(error) => {
                diagnostics.push(self.error(key, format!("`{key}`: {error}")));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::blank_mdx_statements;

    #[test]
    fn a_key_written_twice_is_read_where_it_is_written_last() {
        let yaml = "title: First\ntags:\n  - a\ntitle: Second\ntags: [b]\n";
        assert_eq!(
            super::keep_last_of_each_key(yaml),
            "\n\n\ntitle: Second\ntags: [b]\n"
        );
    }

    #[test]
    fn mdx_statements_are_blanked_line_for_line() {
        let body = "import Callout from '../Callout.astro';\nimport {\n  A,\n  B,\n} from './x';\nexport const meta = {\n  nested: { a: 1 },\n  tags: [],\n};\n\nFirst paragraph.\n\n```js\nimport x from 'y';\n```\n";
        let blanked = blank_mdx_statements(body);
        assert_eq!(blanked.lines().count(), body.lines().count());
        assert_eq!(
            blanked,
            "\n\n\n\n\n\n\n\n\n\nFirst paragraph.\n\n```js\nimport x from 'y';\n```\n"
        );
    }
}
