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

/// The 1-based line of byte `offset` in `text`.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
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
    fn finds_lines_of_offsets() {
        let text = "a\nbc\n\nd";
        for (offset, line) in [(0, 1), (1, 1), (2, 2), (4, 2), (5, 3), (6, 4), (99, 4)] {
            assert_eq!(line_of_offset(text, offset), line, "offset {offset}");
        }
    }
}
