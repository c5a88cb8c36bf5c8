//! The search index and its files: each article's text, analysed a run at a time on every core.

use crate::parallel::BALANCED_RUN;

use quire_model::search::{AnalysedDocument, Analyser, IndexBuilder, IndexFiles};
use quire_model::{
    ArticleSummary, SCHEMA_VERSION, SEARCH_DOCUMENTS_PER_FILE, SearchDocument, SearchDocuments,
    SearchRef,
};
use rayon::prelude::*;

use crate::assemble::hashed_file;
use crate::assemble::layout::{SEARCH_DIR, content_hash};
use crate::assemble::rendered::{RenderedBody, SearchText};
use crate::error::BuildError;
use crate::write::staging::OutputFile;

thread_local! {
    /// One per worker thread, kept from run to run so that it remembers the corpus's stems.
    static ANALYSER: std::cell::RefCell<Analyser> = std::cell::RefCell::new(Analyser::default());
}

/// Documents analysed for the search index at once: enough to keep both cores busy.
const ANALYSIS_RUN: usize = 256;

/// Analyses a run of articles for the search index, on every core, dropping each text once
/// it is analysed.
fn analyse_run(
    run: &mut [RenderedBody],
    summaries: &[ArticleSummary],
) -> Result<Vec<AnalysedDocument>, BuildError> {
    run.par_iter_mut()
        .zip(summaries)
        .with_max_len(BALANCED_RUN)
        .map(|(article, summary)| {
            let SearchText { labels, body } = std::mem::take(&mut article.search);
            let body = body.take()?;
            Ok(ANALYSER
                .with_borrow_mut(|analyser| analyser.analyse(&summary.title, &[&labels, &body])))
        })
        .collect()
}

/// The search index of every article, newest first. A run at a time: an analysed document's
/// word tables are several times its text, so all 10,000 of them at once were the largest
/// thing the compiler held. Adding a run to the index is serial, so it overlaps the analysis
/// of the next one rather than leaving a core idle.
pub fn index(
    rendered: &mut [RenderedBody],
    summaries: &[ArticleSummary],
) -> Result<IndexBuilder, BuildError> {
    let mut search_index = IndexBuilder::default();
    let mut waiting: Vec<AnalysedDocument> = Vec::new();
    let runs = rendered
        .chunks_mut(ANALYSIS_RUN)
        .zip(summaries.chunks(ANALYSIS_RUN));
    for (run, run_summaries) in runs {
        let (analysed, ()) = rayon::join(
            || analyse_run(run, run_summaries),
            || {
                waiting
                    .drain(..)
                    .for_each(|document| search_index.push(document))
            },
        );
        waiting = analysed?;
    }
    waiting
        .into_iter()
        .for_each(|document| search_index.push(document));
    Ok(search_index)
}

/// The search files the app reads (the dictionary, postings shards, and the documents' titles
/// and dates), added to `files`, and the manifest's reference to them.
pub fn files(
    index: IndexFiles,
    summaries: &[ArticleSummary],
    files: &mut Vec<OutputFile>,
) -> SearchRef {
    let mut search = SearchRef {
        dictionary: format!(
            "{SEARCH_DIR}/dictionary.{}.bin",
            content_hash(&index.dictionary)
        ),
        postings: index
            .shards
            .iter()
            .enumerate()
            .map(|(index, bytes)| {
                format!("{SEARCH_DIR}/postings-{index}.{}.bin", content_hash(bytes))
            })
            .collect(),
        documents: Vec::new(),
    };
    let document_files: Vec<OutputFile> = summaries
        .par_chunks(SEARCH_DOCUMENTS_PER_FILE)
        .enumerate()
        .map(|(index, chunk)| {
            let documents = SearchDocuments {
                schema_version: SCHEMA_VERSION,
                documents: chunk
                    .iter()
                    .map(|article| SearchDocument {
                        slug: article.slug.clone(),
                        title: article.title.clone(),
                        date: article.date,
                    })
                    .collect(),
            };
            hashed_file(SEARCH_DIR, &format!("documents-{index}"), &documents)
        })
        .collect();
    search
        .documents
        .extend(document_files.iter().map(|file| file.path.clone()));
    files.extend(document_files);
    files.push(OutputFile {
        path: search.dictionary.clone(),
        bytes: index.dictionary,
    });
    for (path, bytes) in search.postings.iter().zip(index.shards) {
        files.push(OutputFile {
            path: path.clone(),
            bytes,
        });
    }
    search
}
