//! Problems found in content, each pinned to a file and line so an author can jump straight to it.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: printed as `file:line: message` (warnings say so after the location).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, line, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match self.severity {
            Severity::Error => write!(f, "{file}:{}: {}", self.line, self.message),
            Severity::Warning => write!(f, "{file}:{}: warning: {}", self.line, self.message),
        }
    }
}

/// Diagnostics as printed: every error, and each warning once per message, at its first place,
/// with how many more places say the same (a key a thousand posts carry is one line, not a
/// thousand). Order is kept.
pub fn fold(diagnostics: &[Diagnostic]) -> Vec<(&Diagnostic, usize)> {
    let mut folded: Vec<(&Diagnostic, usize)> = Vec::new();
    let mut first_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for diagnostic in diagnostics {
        if diagnostic.is_error() {
            folded.push((diagnostic, 0));
            continue;
        }
        match first_of.entry(kind_of(&diagnostic.message)) {
            std::collections::hash_map::Entry::Occupied(at) => folded[*at.get()].1 += 1,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(folded.len());
                folded.push((diagnostic, 0));
            }
        }
    }
    folded
}

/// A message with its double-quoted values left out: `the class "note" on <div> …` and `the
/// class "tip" on <div> …` are one kind. Values in backticks (a key's name) stay, so each
/// unknown key keeps a line of its own.
fn kind_of(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut quoted = false;
    for character in message.chars() {
        if character == '"' {
            quoted = !quoted;
            kind.push('"');
        } else if !quoted {
            kind.push(character);
        }
    }
    kind
}

/// A folded diagnostic's line: `file:line: warning: message (and 41 more like it)`.
pub fn folded_line(diagnostic: &Diagnostic, more: usize) -> String {
    match more {
        0 => diagnostic.to_string(),
        1 => format!("{diagnostic} (and 1 more like it; --verbose lists it)"),
        _ => format!("{diagnostic} (and {more} more like it; --verbose lists them)"),
    }
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_of_offset(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_file_line_message() {
        let path = Path::new("content/articles/a.md");
        assert_eq!(
            Diagnostic::error(path, 3, "missing required field `title`").to_string(),
            "content/articles/a.md:3: missing required field `title`"
        );
        assert_eq!(
            Diagnostic::warning(path, 4, "unknown key `author` ignored").to_string(),
            "content/articles/a.md:4: warning: unknown key `author` ignored"
        );
    }

    #[test]
    fn folds_repeated_warnings_but_never_errors() {
        let warning = |file: &str, message: &str| Diagnostic::warning(Path::new(file), 2, message);
        let error = Diagnostic::error(Path::new("c.md"), 1, "missing");
        let all = [
            warning("a.md", "unknown key `x` ignored"),
            error.clone(),
            warning("b.md", "unknown key `x` ignored"),
            warning("b.md", "unknown key `y` ignored"),
            error.clone(),
            warning("c.md", "unknown key `x` ignored"),
            warning("c.md", "the class \"note\" on <div> was left out"),
            warning("d.md", "the class \"tip\" on <div> was left out"),
        ];
        let lines: Vec<String> = fold(&all)
            .into_iter()
            .map(|(diagnostic, more)| folded_line(diagnostic, more))
            .collect();
        assert_eq!(
            lines,
            [
                "a.md:2: warning: unknown key `x` ignored (and 2 more like it; --verbose lists them)",
                "c.md:1: missing",
                "b.md:2: warning: unknown key `y` ignored",
                "c.md:1: missing",
                "c.md:2: warning: the class \"note\" on <div> was left out (and 1 more like it; --verbose lists it)",
            ]
        );
    }

    #[test]
    fn finds_lines_of_offsets() {
        let text = "a\nbc\n\nd";
        for (offset, line) in [(0, 1), (1, 1), (2, 2), (4, 2), (5, 3), (6, 4), (99, 4)] {
            assert_eq!(line_of_offset(text, offset), line, "offset {offset}");
        }
    }
}
