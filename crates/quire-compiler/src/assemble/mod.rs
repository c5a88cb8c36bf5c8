//! Assembling the bundle's files from compiled content: article bodies as JSON, and each
//! article's related articles.

pub mod body_json;
pub mod related;
