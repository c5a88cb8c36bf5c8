//! Listing a site's folders: the markdown files at any depth, and the files beside them.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::BuildError;

/// The extensions a post or page is written in.
pub(crate) const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];

pub(crate) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| MARKDOWN_EXTENSIONS.contains(&extension))
}

/// Folders no generator publishes from: version control, dependencies and build output.
fn is_skipped_folder(name: &str) -> bool {
    name.starts_with('.') || matches!(name, "node_modules" | "vendor" | "target" | "_site")
}

/// Every markdown file under `dir` at any depth, in path order; none when `dir` does not exist.
/// Hidden folders and dependency folders are passed by.
pub(crate) fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, BuildError> {
    files_where(dir, &is_markdown)
}

/// Every file under `dir` that `wanted` takes, at any depth, in path order.
pub(crate) fn files_where(
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, BuildError> {
    // A link to a folder could lead back up the tree: only real folders are entered.
    let entered = |entry: &walkdir::DirEntry| {
        entry.depth() == 0
            || !entry.file_type().is_dir()
            || entry
                .file_name()
                .to_str()
                .is_some_and(|name| !is_skipped_folder(name))
    };
    let mut files = Vec::new();
    for entry in walkdir_where(dir, entered) {
        let entry = entry.map_err(BuildError::walk(dir))?;
        if entry.file_name().to_str().is_some() && is_file(&entry) && wanted(entry.path()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// A walk of `dir` (itself first) in path order that follows no link and enters only the
/// folders `entered` takes; nothing at all when `dir` does not exist.
pub(crate) fn walkdir_where(
    dir: &Path,
    entered: impl FnMut(&walkdir::DirEntry) -> bool,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    let exists = dir.exists();
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(entered)
        .filter(move |_| exists)
}

/// A file, or a link to one (a link to a folder or to nothing is passed by).
fn is_file(entry: &walkdir::DirEntry) -> bool {
    if entry.path_is_symlink() {
        entry.path().is_file()
    } else {
        entry.file_type().is_file()
    }
}

/// `path` under `root`, `/`-separated.
pub fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One entry of a folder.
pub(crate) struct Entry {
    pub name: String,
    pub path: PathBuf,
    pub is_dir: bool,
    /// A symbolic link (to a file or a folder).
    pub is_link: bool,
}

/// The entries of `dir` whose names are UTF-8, sorted by name; none when it does not exist.
pub(crate) fn entries(dir: &Path) -> Result<Vec<Entry>, BuildError> {
    let listing = match fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(BuildError::io(dir)(error)),
    };
    let mut entries = Vec::new();
    for entry in listing {
        let entry = entry.map_err(BuildError::io(dir))?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        // The listing says what most entries are; only a link needs a look at its target, and
        // a link to nothing is passed by.
        let is_link = entry.file_type().map_or(true, |kind| kind.is_symlink());
        let is_dir = match entry.file_type() {
            Ok(kind) if !kind.is_symlink() => kind.is_dir(),
            _ if !entry.path().exists() => continue,
            _ => entry.path().is_dir(),
        };
        entries.push(Entry {
            name,
            path: entry.path(),
            is_dir,
            is_link,
        });
    }
    entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// The files of a page bundle other than its markdown, at any depth, with their paths relative
/// to the bundle (`images/chart.png`).
pub(crate) fn bundle_resources(bundle: &Path) -> Result<Vec<(String, PathBuf)>, BuildError> {
    // Hidden files and links (which may lead out of the site) are never published, and a
    // folder holding its own index is a bundle of its own.
    let published = |entry: &walkdir::DirEntry| {
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let nested_bundle = entry.file_type().is_dir() && holds_an_index(entry.path());
        entry.depth() == 0 || !(hidden || entry.path_is_symlink() || nested_bundle)
    };
    let mut found = Vec::new();
    for entry in walkdir_where(bundle, published) {
        let entry = entry.map_err(BuildError::walk(bundle))?;
        if !entry.file_type().is_file() || is_markdown(entry.path()) {
            continue;
        }
        if let Ok(relative) = entry.path().strip_prefix(bundle)
            && let Some(relative) = relative.to_str()
        {
            found.push((
                relative.replace(std::path::MAIN_SEPARATOR, "/"),
                entry.into_path(),
            ));
        }
    }
    Ok(found)
}

fn holds_an_index(dir: &Path) -> bool {
    ["index.md", "index.markdown", "index.mdx"]
        .iter()
        .any(|index| dir.join(index).is_file())
}

/// Whether the file at `path` opens with front matter, read from its first bytes only (it may
/// be a video).
pub(crate) fn file_has_front_matter(path: &Path) -> bool {
    use std::io::Read;
    let mut start = Vec::with_capacity(64);
    fs::File::open(path)
        .and_then(|file| file.take(64).read_to_end(&mut start))
        .is_ok_and(|_| has_front_matter(&String::from_utf8_lossy(&start)))
}

/// Whether the text opens with front matter (`---` or `+++`, after blank lines or a BOM).
pub(crate) fn has_front_matter(text: &str) -> bool {
    let text = text
        .trim_start_matches('\u{feff}')
        .trim_start_matches(['\n', '\r']);
    let first = text.lines().next().unwrap_or_default().trim_end();
    first == "---" || first == "+++"
}

/// The top-level `key: value` (or `key = value`) lines of a text's front matter, keys and values
/// trimmed of quotes, read cheaply without parsing: enough to tell a dated post from an undated
/// page before the file is compiled.
fn top_level_fields(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let text = text
        .trim_start_matches('\u{feff}')
        .trim_start_matches(['\n', '\r']);
    let mut lines = text.lines();
    let fence = lines.next().unwrap_or_default().trim_end();
    let has_front_matter = fence == "---" || fence == "+++";
    lines
        .take_while(move |line| has_front_matter && line.trim_end() != fence)
        .filter(|line| !line.starts_with([' ', '\t']))
        .filter_map(|line| {
            let (key, value) = line.split_once([':', '='])?;
            Some((
                key.trim().trim_matches(['"', '\'']),
                value.trim().trim_matches(['"', '\'']),
            ))
        })
}

/// Whether the front matter has one of `keys` at the top level, in any case (as Hugo reads
/// them).
pub(crate) fn front_matter_has_key(text: &str, keys: &[&str]) -> bool {
    top_level_fields(text).any(|(key, _)| keys.iter().any(|known| known.eq_ignore_ascii_case(key)))
}

/// The text of a top-level front-matter key.
pub(crate) fn front_matter_value(text: &str, key: &str) -> Option<String> {
    top_level_fields(text)
        .find(|(name, _)| *name == key)
        .map(|(_, value)| value.to_owned())
}

/// A glob (Jekyll's `exclude`, Zola's `ignored_content`) as a pattern over a `/`-separated path:
/// `*` within a name, `**` across folders, `{a,b}` either, a folder's name for everything in it.
pub fn glob(pattern: &str) -> Option<regex::Regex> {
    let pattern = pattern
        .trim()
        .trim_start_matches("./")
        .trim_end_matches('/');
    if pattern.is_empty() {
        return None;
    }
    let mut expression = String::from("^");
    let mut rest = pattern;
    while let Some(character) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**/") {
            // Any folders, or none.
            expression.push_str("(.*/)?");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("**") {
            expression.push_str(".*");
            rest = after;
        } else {
            match character {
                '*' => expression.push_str("[^/]*"),
                '?' => expression.push_str("[^/]"),
                '{' => expression.push('('),
                '}' => expression.push(')'),
                ',' if expression.contains('(') => expression.push('|'),
                other => expression.push_str(&regex::escape(&other.to_string())),
            }
            rest = &rest[character.len_utf8()..];
        }
    }
    expression.push_str("(/.*)?$");
    regex::Regex::new(&expression).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dated_front_matter_without_parsing() {
        assert!(front_matter_has_key(
            "---\ntitle: A\ndate: 2024-01-01\n---\n",
            &["date"]
        ));
        assert!(front_matter_has_key(
            "+++\ndate = 2024-01-01\n+++\n",
            &["date"]
        ));
        assert!(!front_matter_has_key(
            "---\ntitle: A\n---\ndate: no\n",
            &["date"]
        ));
        assert!(!front_matter_has_key(
            "---\nextra:\n  date: 1\n---\n",
            &["date"]
        ));
        assert!(!front_matter_has_key("date: 1\n", &["date"]));
    }

    #[test]
    fn reads_a_front_matter_value_without_parsing() {
        let toml = "+++\ntitle = \"A\"\npath = \"2015/01/09/Rust-1.0-alpha\"\n+++\n";
        assert_eq!(
            front_matter_value(toml, "path").as_deref(),
            Some("2015/01/09/Rust-1.0-alpha")
        );
        assert_eq!(front_matter_value(toml, "date"), None);
    }
}
