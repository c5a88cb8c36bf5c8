//! Where each kind of file sits in the bundle, and how a file is named by its content.

use xxhash_rust::xxh3::xxh3_64;

/// The bundle folder of the listing shards.
pub(crate) const SHARD_DIR: &str = "listing";

/// The bundle folder of the slug lookup's buckets.
pub(crate) const LOOKUP_DIR: &str = "lookup";

/// The 64-bit XXH3 of `bytes` in 16 hex digits: a name that changes whenever the bytes do, so a
/// CDN may cache the file forever.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}
