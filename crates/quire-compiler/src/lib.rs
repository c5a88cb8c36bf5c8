//! Quire's content compiler: `content/` (markdown with front matter, `site.toml`) -> JSON bundle.
//!
//! The only part of Quire that reads files, front matter or markdown; the app never sees either.
//! Each folder is one concern: `read` (the author's input), `generator` and `template` (another
//! generator's site and the templates its posts hold), `markdown` (render, highlight, sanitise),
//! `assemble` (the bundle's files), `write` (staging, pages, feeds, compressed copies), and
//! `build`, the pipeline that runs them in order.

pub mod assemble;
pub mod build;
pub mod diagnostic;
pub mod error;
pub mod generator;
pub mod images;
pub mod markdown;
mod parallel;
pub mod read;
pub mod spill;
pub mod synth;
pub mod template;
pub(crate) mod write;

pub use build::{Options, Report, build, compile};
pub use diagnostic::Diagnostic;
pub use error::BuildError;
