//! The facet index and the listing's entries by position: what a filtered listing reads instead
//! of every listing shard (see `quire_model::facets`).

use quire_model::facets::{ENTRY_CHUNK_LENGTH, FRAGMENT_LENGTH, FacetsRef, encode_fragment};
use quire_model::{ArticleSummary, CategoryInfo, SCHEMA_VERSION, ShardRef, TagInfo};
use rayon::prelude::*;

use super::ListingShardFile;
use super::layout::{ENTRY_DIR, FACET_DIR, content_hash, in_hashed_folder};
use crate::write::staging::OutputFile;

/// The facet fragments of `summaries` (newest first) and their entry files, with where the
/// manifest finds them.
pub(crate) fn facet_files(
    categories: &[CategoryInfo],
    tags: &[TagInfo],
    summaries: &[ArticleSummary],
) -> (FacetsRef, Vec<OutputFile>) {
    let (fragments, mut files): (Vec<ShardRef>, Vec<OutputFile>) = summaries
        .par_chunks(FRAGMENT_LENGTH)
        .enumerate()
        .map(|(index, chunk)| {
            let bytes = encode_fragment(categories, tags, chunk);
            let path = format!("{FACET_DIR}/{index}.{}.bin", content_hash(&bytes));
            let fragment = ShardRef {
                path: path.clone(),
                count: chunk.len(),
                newest: chunk[0].date,
                oldest: chunk[chunk.len() - 1].date,
            };
            (fragment, OutputFile { path, bytes })
        })
        .unzip();
    let entries: Vec<(String, Vec<u8>)> = summaries
        .par_chunks(ENTRY_CHUNK_LENGTH)
        .enumerate()
        .map(|(index, chunk)| {
            let file = ListingShardFile {
                schema_version: SCHEMA_VERSION,
                articles: chunk,
            };
            let bytes = serde_json::to_vec(&file).expect("bundle types always serialise");
            (format!("{index}.json"), bytes)
        })
        .collect();
    let (entries, entry_files) = in_hashed_folder(ENTRY_DIR, entries);
    files.extend(entry_files);
    (FacetsRef { fragments, entries }, files)
}
