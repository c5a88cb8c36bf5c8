//! Where each kind of file sits in the bundle, and how a file is named by its content.

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::write::staging::OutputFile;

/// The bundle folder of the listing shards.
pub(crate) const SHARD_DIR: &str = "listing";

/// The bundle folder of the slug lookup's buckets.
pub(crate) const LOOKUP_DIR: &str = "lookup";

/// The 64-bit XXH3 of `bytes` in 16 hex digits: a name that changes whenever the bytes do, so a
/// CDN may cache the file forever.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}

/// The bundle folder of the facet index's fragments.
pub(crate) const FACET_DIR: &str = "facets";

/// The bundle folder of the listing's entries by position (in a folder of their own within it).
pub(crate) const ENTRY_DIR: &str = "entries";

/// The bundle folder of the search index's files.
pub(crate) const SEARCH_DIR: &str = "search";

/// `files` (paths and bytes) in a folder under `parent` named by a hash of them all, and that
/// folder: the manifest names the folder once, however many files it holds.
pub(crate) fn in_hashed_folder(
    parent: &str,
    files: Vec<(String, Vec<u8>)>,
) -> (String, Vec<OutputFile>) {
    let mut hasher = Xxh3::new();
    for (path, bytes) in &files {
        hasher.update(path.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let dir = format!("{parent}/{:016x}", hasher.digest());
    let files = files
        .into_iter()
        .map(|(path, bytes)| OutputFile {
            path: format!("{dir}/{path}"),
            bytes,
        })
        .collect();
    (dir, files)
}
