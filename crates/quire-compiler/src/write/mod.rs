//! Writing the site: staging every file so a failed build changes nothing, the pre-rendered
//! pages in the app's shell, feeds and host rules, and compressed copies.

pub mod feeds;
pub mod pages;
pub mod precompress;
pub mod shell;
pub mod staging;
