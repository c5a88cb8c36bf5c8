//! An article as the bundle is assembled from it: its summary, its body's HTML with links
//! placed, its table of contents, and the text search finds it by.

use quire_model::{ArticleSummary, TocEntry};

use crate::spill::Stored;

pub(crate) struct RenderedArticle {
    pub summary: ArticleSummary,
    pub body: RenderedBody,
}

/// An article's body, apart from its summary once the listing is sorted: the summaries are then
/// the listing, and are not held twice.
pub(crate) struct RenderedBody {
    pub html: Stored,
    pub toc: Vec<TocEntry>,
    pub search: SearchText,
}

/// What search finds an article by besides its title: its body's text, and its summary, tag
/// and author names, which no passage of the body shows. Kept apart, as the analyser reads them,
/// so that the body's text is not copied.
#[derive(Default)]
pub(crate) struct SearchText {
    pub labels: String,
    pub body: Stored,
}
