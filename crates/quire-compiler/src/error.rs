//! The one error a build returns: what failed, and whether the output was left as it was.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A preview card could not be written; nothing an author wrote causes it.
    #[error("the preview card of the article `{slug}`: {problem}")]
    Card { slug: String, problem: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Shell {
        path: PathBuf,
        #[source]
        source: ShellError,
    },
    /// Every problem found, errors and warnings, in file and line order.
    #[error("{} error(s) in content", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    /// A failed build whose output could not be put back as it was: the one error that leaves
    /// the site changed.
    #[error("{path}: {source}; the previous output could not be put back whole")]
    Unrestored {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl BuildError {
    /// Whether the output is as the last good build left it, as after every failure but one.
    pub fn left_output_untouched(&self) -> bool {
        !matches!(self, Self::Unrestored { .. })
    }

    /// A failed folder walk, at the path it failed on (else `dir`, the walk's root).
    pub(crate) fn walk(dir: &Path) -> impl Fn(walkdir::Error) -> Self + '_ {
        move |error| Self::Io {
            path: error.path().unwrap_or(dir).to_path_buf(),
            source: error.into(),
        }
    }

    pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Self + '_ {
        move |source| Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Why the app's built `index.html` cannot be a shell for the pages.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("the app shell could not be parsed: {0}")]
    Parse(String),
    #[error("the app shell has no {0}; it needs a <title> and a <div id=\"app\">")]
    Missing(&'static str),
}
