//! Quire's content model: the bundle schema shared by the compiler and the app, and pure queries over it.
//!
//! Nothing here does I/O or knows about the DOM, so every rule is tested natively and the
//! same code runs in the browser.

pub mod archive;
pub mod bundle;
pub mod code;
pub mod date;
pub mod escape;
pub mod facets;
pub mod head;
pub mod listing;
pub mod listing_page;
pub mod lookup;
pub mod order;
pub mod picture;
pub mod query;
pub mod routes;
pub mod search;
pub mod slug;
pub mod source;
pub mod swar;
pub mod text;
pub mod timestamp;

pub use bundle::{
    ArchiveMonth, ArticleBody, ArticleLink, ArticleSummary, BundleFile, CallToAction,
    CaseStudySummary, CategoryInfo, DecodeError, DocumentBody, FIRST_PAGE_LENGTH, FirstPage,
    FooterColumn, ListingShard, LookupBucket, MANIFEST_FILE, Manifest, NavLink, PageSummary,
    SCHEMA_VERSION, SEARCH_DOCUMENTS_PER_FILE, SchemaMismatch, SearchDocument, SearchDocuments,
    SearchRef, SectionInfo, ShardRef, SiteInfo, TagInfo, TocEntry, Versioned, pinned_manifest_file,
};
pub use date::{Date, DateError};
pub use slug::slugify;
pub use timestamp::{TimeOfDay, parse_timestamp};
