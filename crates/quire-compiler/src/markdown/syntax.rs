//! What markdown an author may write: pulldown-cmark's extensions, and which dollar forms are
//! math.

use pulldown_cmark::Options;

/// The extensions authors get, listed explicitly so an upgrade cannot change them silently.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Which dollar forms are math in a document (the bracket forms are the template expansion's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MathSyntax {
    /// `$$…$$`, as kramdown and every math extension read it.
    pub double_dollar: bool,
    /// `$…$` too, which kramdown leaves as text.
    pub single_dollar: bool,
}
