//! Reading the author's input: front matter, `site.toml`, articles, pages and case studies,
//! links between them, and the `static/` folder.

pub mod article;
pub mod body;
pub mod document;
pub mod fields;
pub(crate) mod file_names;
mod flat_yaml;
pub mod front_matter;
pub(crate) mod links;
pub mod site_config;
pub mod static_files;
pub(crate) mod value;
