//! Route views, one module per route of the URL contract.

pub mod article;
pub mod home;
pub mod insights;
pub mod not_found;
