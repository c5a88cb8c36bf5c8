//! Full-text search over the articles: the index files the compiler writes, and the query
//! engine the app runs on them.
//!
//! Library choice: `fst` holds the word and stem dictionaries (prefix and Levenshtein automata
//! run on it directly) and `rust-stemmers` supplies Snowball English; no full-text crate serves a
//! static, sharded index fetched piecemeal over HTTP, so the BM25 scoring over postings is ours.

pub(crate) mod codec;
pub mod engine;
pub mod index;
pub mod quick;
pub mod snippet;
pub mod tokens;

pub use engine::{Hit, MatchKind, SearchPlan};
pub use index::{
    AnalysedDocument, Analyser, Dictionary, IndexBuilder, IndexFiles, Posting, PostingsShard,
};
pub use snippet::{Highlighter, Segment};
