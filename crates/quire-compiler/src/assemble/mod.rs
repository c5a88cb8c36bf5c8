//! Assembling the bundle's files from compiled content: article bodies as JSON, and each
//! article's related articles.

pub mod body_json;
pub mod related;

/// The bundle folder of the listing shards.
pub const SHARD_DIR: &str = "listing";

/// The bundle folder of the slug lookup's buckets.
pub const LOOKUP_DIR: &str = "lookup";
