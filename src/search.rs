//! Search in the browser: the index dictionary is fetched the first time a reader searches,
//! postings shards as queries need them, and both are kept for the rest of the visit. The engine
//! that decodes, plans, ranks and marks (`quire_model::search`: the stemmer, the dictionary's FST)
//! is, in a split build, a chunk of its own, fetched with the dictionary on the first search: the
//! entry module holds only the calls into it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use quire_model::search::{Dictionary, Highlighter, Hit, PostingsShard, SearchPlan, Segment};
use quire_model::{
    DecodeError, Manifest, SEARCH_DOCUMENTS_PER_FILE, SearchDocument, SearchDocuments,
};

use crate::data::{KeptOwner, LoadError, fetch_binary_file, use_manifest};

/// Suggestions offered when a query finds nothing.
const SUGGESTIONS: usize = 3;

pub struct SearchIndex {
    manifest: Arc<Manifest>,
    dictionary: Dictionary,
    shards: Mutex<HashMap<usize, Arc<PostingsShard>>>,
    documents: Mutex<HashMap<usize, Arc<SearchDocuments>>>,
}

/// What a query found, with what the views need to mark it and to help when it found nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchOutcome {
    pub plan: SearchPlan,
    pub hits: Vec<Hit>,
    pub suggestions: Vec<String>,
}

pub type SearchIndexResult = Result<Arc<SearchIndex>, LoadError>;

/// The best matches for a query, ready to list under the header's search box.
#[derive(Clone, Debug, PartialEq)]
pub struct QuickResults {
    /// How many articles match in all.
    pub total: usize,
    pub top: Vec<QuickMatch>,
}

/// One article offered under the search box: its title with the query's words marked.
#[derive(Clone, Debug, PartialEq)]
pub struct QuickMatch {
    pub slug: String,
    pub title: Vec<Segment>,
    pub date: String,
}

impl SearchIndex {
    async fn load(manifest: Arc<Manifest>) -> SearchIndexResult {
        // The engine's chunk is fetched beside the dictionary, not after it.
        let (dictionary, _) = futures::future::join(
            fetch_binary_file(&manifest, &manifest.search.dictionary, |bytes| async move {
                Ok(engine::decode_dictionary(&bytes).await??)
            }),
            engine::load(),
        )
        .await;
        let dictionary = dictionary?;
        if dictionary.shard_count() != manifest.search.postings.len() {
            return Err(DecodeError::Malformed(
                "the search index does not match the manifest".to_owned(),
            )
            .into());
        }
        Ok(Arc::new(Self {
            manifest,
            dictionary,
            shards: Mutex::new(HashMap::new()),
            documents: Mutex::new(HashMap::new()),
        }))
    }

    pub fn document_count(&self) -> usize {
        self.dictionary.document_count()
    }

    /// Title, slug and date of each of `docs`, in order, from the small per-100 files (not the
    /// listing shards), so quick results cost a few kilobytes at any corpus size.
    async fn documents(&self, docs: &[u32]) -> Result<Vec<SearchDocument>, LoadError> {
        let files: Vec<usize> = {
            let cached = self.documents.lock().expect("the app is single-threaded");
            let mut files: Vec<usize> = docs
                .iter()
                .map(|&doc| doc as usize / SEARCH_DOCUMENTS_PER_FILE)
                .filter(|file| !cached.contains_key(file))
                .collect();
            quire_model::order::sort(&mut files);
            files.dedup();
            files
        };
        let paths = files
            .iter()
            .map(|&file| {
                self.manifest.search.documents.get(file).ok_or_else(|| {
                    LoadError::from(DecodeError::Malformed(
                        "the search index names a document the manifest does not".to_owned(),
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let fetched = futures::future::try_join_all(
            paths
                .into_iter()
                .map(|path| crate::data::fetch_file::<SearchDocuments>(&self.manifest, path)),
        )
        .await?;
        let mut cached = self.documents.lock().expect("the app is single-threaded");
        for (file, documents) in files.into_iter().zip(fetched) {
            cached.insert(file, documents);
        }
        Ok(docs
            .iter()
            .filter_map(|&doc| {
                let doc = doc as usize;
                cached
                    .get(&(doc / SEARCH_DOCUMENTS_PER_FILE))?
                    .documents
                    .get(doc % SEARCH_DOCUMENTS_PER_FILE)
                    .cloned()
            })
            .collect())
    }

    /// What `query` finds: ranked hits, or words the reader may have meant.
    pub async fn search(self: Arc<Self>, query: String) -> Result<SearchOutcome, LoadError> {
        engine::search(self, query).await?.await
    }

    /// The `limit` best matches for `query`, with their titles marked.
    pub async fn quick(
        self: Arc<Self>,
        query: String,
        limit: usize,
    ) -> Result<QuickResults, LoadError> {
        engine::quick(self, query, limit).await?.await
    }

    /// [`Self::search`], run in the engine's chunk.
    async fn search_here(self: Arc<Self>, query: String) -> Result<SearchOutcome, LoadError> {
        let (plan, needed) = engine::plan_query(&self.dictionary, &query);
        let missing: Vec<usize> = {
            let cached = self.shards.lock().expect("the app is single-threaded");
            needed
                .into_iter()
                .filter(|shard| !cached.contains_key(shard))
                .collect()
        };
        let fetched = futures::future::try_join_all(
            missing
                .iter()
                .map(|&shard| self.fetch_postings(&self.manifest.search.postings[shard])),
        )
        .await?;
        let shards = {
            let mut cached = self.shards.lock().expect("the app is single-threaded");
            for (shard, postings) in missing.into_iter().zip(fetched) {
                cached.insert(shard, Arc::new(postings));
            }
            cached.clone()
        };
        let (hits, suggestions) = engine::rank(&self.dictionary, &plan, &shards);
        Ok(SearchOutcome {
            plan,
            hits,
            suggestions,
        })
    }

    /// [`Self::quick`], run in the engine's chunk.
    async fn quick_here(
        self: Arc<Self>,
        query: String,
        limit: usize,
    ) -> Result<QuickResults, LoadError> {
        let outcome = self.clone().search_here(query).await?;
        let top: Vec<u32> = outcome.hits.iter().take(limit).map(|hit| hit.doc).collect();
        let highlighter = Highlighter::new(outcome.plan.stems());
        let top = self
            .documents(&top)
            .await?
            .into_iter()
            .map(|document| QuickMatch {
                title: highlighter.highlight(&document.title),
                date: document.date.human(),
                slug: document.slug,
            })
            .collect();
        Ok(QuickResults {
            total: outcome.hits.len(),
            top,
        })
    }

    async fn fetch_postings(&self, path: &str) -> Result<PostingsShard, LoadError> {
        fetch_binary_file(&self.manifest, path, |bytes| async move {
            Ok(PostingsShard::decode(&bytes)?)
        })
        .await
    }
}

/// The search engine's work. In a split build, what the entry module calls is a `wasm_split`
/// function of the `search_engine` chunk (see `crate::routes`); what those call is in the chunk
/// with them, so that no code of the engine is in the entry module.
mod engine {
    use std::collections::HashMap;
    use std::sync::Arc;

    use futures::future::LocalBoxFuture;
    use quire_model::DecodeError;
    use quire_model::search::{Dictionary, Hit, PostingsShard, SearchPlan};

    use super::{QuickResults, SUGGESTIONS, SearchIndex, SearchOutcome};
    use crate::data::LoadError;
    use crate::routes::ChunkUnavailable;

    /// A way into the chunk: a `wasm_split` function in a split build, an async function
    /// otherwise.
    macro_rules! engine_step {
        ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block) => {
            $(#[$doc])*
            #[cfg(all(feature = "split", target_arch = "wasm32"))]
            #[leptos::wasm_split::wasm_split(
                search_engine,
                wasm_split_path = ::leptos::wasm_split,
                fallible
            )]
            pub fn $name($($arg: $ty),*) -> Result<$out, ChunkUnavailable> {
                Ok($body)
            }

            $(#[$doc])*
            #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
            pub async fn $name($($arg: $ty),*) -> Result<$out, ChunkUnavailable> {
                Ok($body)
            }
        };
    }

    engine_step! {
        /// Fetches the engine's chunk, if it is not here yet.
        fn load() -> () {}
    }

    engine_step! {
        fn decode_dictionary(bytes: &[u8]) -> Result<Dictionary, DecodeError> {
            Dictionary::decode(bytes)
        }
    }

    engine_step! {
        /// The work of [`SearchIndex::search`], to be awaited.
        fn search(
            index: Arc<SearchIndex>,
            query: String
        ) -> LocalBoxFuture<'static, Result<SearchOutcome, LoadError>> {
            Box::pin(index.search_here(query))
        }
    }

    engine_step! {
        /// The work of [`SearchIndex::quick`], to be awaited.
        fn quick(
            index: Arc<SearchIndex>,
            query: String,
            limit: usize
        ) -> LocalBoxFuture<'static, Result<QuickResults, LoadError>> {
            Box::pin(index.quick_here(query, limit))
        }
    }

    /// The query's plan, and the postings shards it needs.
    pub fn plan_query(dictionary: &Dictionary, query: &str) -> (SearchPlan, Vec<usize>) {
        let plan = dictionary.plan(query);
        let shards = plan.shards(dictionary).into_iter().collect();
        (plan, shards)
    }

    /// The hits, ranked; and when there are none, words the reader may have meant.
    pub fn rank(
        dictionary: &Dictionary,
        plan: &SearchPlan,
        shards: &HashMap<usize, Arc<PostingsShard>>,
    ) -> (Vec<Hit>, Vec<String>) {
        let hits = dictionary.rank(plan, |stem| {
            shards
                .get(&dictionary.shard_of(stem))
                .and_then(|shard| shard.postings(stem))
        });
        let suggestions = if hits.is_empty() && !plan.is_empty() {
            dictionary.suggest(plan, SUGGESTIONS)
        } else {
            Vec::new()
        };
        (hits, suggestions)
    }
}

/// Created by the first view that searches and owned by the app root, so the index is fetched
/// once per visit.
#[derive(Clone)]
struct SearchCell {
    root: KeptOwner,
    resource: StoredValue<Option<LocalResource<SearchIndexResult>>>,
}

pub fn provide_search() {
    provide_context(SearchCell {
        root: KeptOwner::current(),
        resource: StoredValue::new(None),
    });
}

/// The search index; fetched on the first call only.
pub fn use_search_index() -> LocalResource<SearchIndexResult> {
    search_index_loader()()
}

/// The search index, as a function that fetches it on its first call only, from a view or from
/// an event handler (which runs outside any component's context): a listing needs it only once
/// its address has words.
pub fn search_index_loader()
-> impl Fn() -> LocalResource<SearchIndexResult> + Clone + Send + Sync + 'static {
    let cell = expect_context::<SearchCell>();
    let manifest = use_manifest().0;
    move || {
        if let Some(resource) = cell.resource.get_value() {
            return resource;
        }
        let resource = cell.root.with(|| {
            LocalResource::new(move || async move { SearchIndex::load(manifest.await?).await })
        });
        cell.resource.set_value(Some(resource));
        resource
    }
}

/// The plain text of an article body's HTML, read by the browser's own parser into an inert
/// document (no scripts run, nothing is fetched), for choosing a snippet.
pub fn html_text(html: &str) -> Option<String> {
    let parser = web_sys::DomParser::new().ok()?;
    let document = parser
        .parse_from_string(html, web_sys::SupportedType::TextHtml)
        .ok()?;
    document.body()?.text_content()
}
