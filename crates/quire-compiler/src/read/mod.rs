//! Reading the author's input: front matter, `site.toml`, articles, pages and case studies,
//! links between them, and the `static/` folder.

pub mod article;
pub(crate) mod body;
pub mod document;
pub(crate) mod fields;
pub(crate) mod file_names;
mod flat_yaml;
pub mod front_matter;
pub(crate) mod links;
pub mod site_config;
pub(crate) mod static_files;
pub(crate) mod value;
