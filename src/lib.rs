//! Quire's reader app: routes, pages and components over a compiled content bundle, rendered to
//! HTML at build time (`render`, native) and hydrated in the browser (wasm).
//!
//! The view layer is thin wiring: what to show is decided by `quire_model` and the URL.

// The native render resolves the route views' nested types at build time.
#![recursion_limit = "256"]

mod app;
pub mod base;
pub mod components;
pub mod data;
pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
pub mod routes;
pub mod search;
pub mod started;

pub use app::{App, NOT_FOUND_ROUTE};
