//! Quire's content compiler: `content/` (markdown with front matter, `site.toml`) -> JSON bundle.
//!
//! The only part of Quire that reads files, front matter or markdown; the app never sees either.

pub mod article;
pub mod body_json;
pub mod build;
pub mod diagnostic;
pub mod document;
pub mod document_links;
mod fast_clean;
pub mod fields;
mod flat_yaml;
pub mod front_matter;
pub mod generator;
pub mod highlight;
pub mod markdown;
pub mod math;
pub mod migrate;
pub mod output;
pub mod pages;
pub mod precompress;
pub mod related;
pub mod shell;
pub mod site;
pub mod site_files;
pub mod static_files;
pub mod synth;
pub mod template;

pub use build::{BuildError, Options, Report, build, compile};
pub use diagnostic::Diagnostic;
