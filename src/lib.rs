//! Quire's reader app: routes, pages and components over a compiled content bundle.
//!
//! The view layer is thin wiring: what to show is decided by `quire_model` and the URL.

mod app;
pub mod base;
pub mod components;
pub mod data;
pub mod pages;
pub mod search;

pub use app::App;
