//! Route views, one module per route of the URL contract.

pub mod archive;
pub mod article;
pub mod case_studies;
pub mod content_page;
pub mod home;
pub mod insights;
pub mod not_found;
pub mod search;
pub mod taxonomy;
