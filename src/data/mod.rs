//! Loads bundle files (from the page they were rendered into, else over HTTP) and shares the
//! manifest and the listing through context.

mod kept_owner;
mod loadable;
pub mod preload;

pub use kept_owner::KeptOwner;
pub use loadable::Loadable;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Poll, Waker};

use leptos::prelude::*;
use quire_model::facets::{ENTRY_CHUNK_LENGTH, FacetIndex, entry_chunks};
use quire_model::lookup::lookup_bucket;
use quire_model::query::Listing;
use quire_model::{
    ArticleBody, ArticleSummary, BundleFile, Date, DecodeError, DocumentBody, FirstPage,
    ListingShard, LookupBucket, MANIFEST_FILE, Manifest, ShardRef,
};

/// Why a bundle file could not be shown. Cloneable so resources can hand it to several views.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the content could not be reached ({0}); check your connection")]
    Network(String),
    #[error("the server answered {status} for {path}")]
    Status { status: u16, path: String },
    #[error("the server did not answer within {} seconds; check your connection", FETCH_TIMEOUT_MS / 1000)]
    Timeout,
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The site was deployed again since this page was opened: the files this copy of the app
    /// knows are gone, or the bundle is of a version it cannot read. Only a reload helps.
    #[error("this site has been updated since you opened it; reload to read the new version")]
    NewVersion,
}

impl LoadError {
    /// Whether trying again in place can help, or only a reload of the page will.
    pub fn needs_reload(&self) -> bool {
        matches!(self, Self::NewVersion)
    }
}

/// How long a bundle file may take before the reader is told and offered a retry.
pub const FETCH_TIMEOUT_MS: u32 = 10_000;

/// Bundle paths are relative so they resolve against the document's `<base href>`, which keeps
/// the app working when it is hosted under a sub-path.
#[cfg(target_arch = "wasm32")]
fn bundle_url(path: &str) -> String {
    format!("bundle/{path}")
}

#[cfg(target_arch = "wasm32")]
/// The response to a GET of a bundle file, and the signal that aborts it (reading the body too)
/// once [`FETCH_TIMEOUT_MS`] have passed.
async fn fetch_response(
    path: &str,
) -> Result<(gloo_net::http::Response, web_sys::AbortSignal), LoadError> {
    let timeout = web_sys::AbortSignal::timeout_with_u32(FETCH_TIMEOUT_MS);
    let response = gloo_net::http::Request::get(&bundle_url(path))
        .abort_signal(Some(&timeout))
        .send()
        .await
        .map_err(|error| transport_error(&timeout, error))?;
    if !response.ok() {
        return Err(LoadError::Status {
            status: response.status(),
            path: path.to_owned(),
        });
    }
    Ok((response, timeout))
}

#[cfg(target_arch = "wasm32")]
fn transport_error(timeout: &web_sys::AbortSignal, error: gloo_net::Error) -> LoadError {
    if timeout.aborted() {
        LoadError::Timeout
    } else {
        LoadError::Network(error.to_string())
    }
}

/// A file's bytes. JSON is decoded from them too: copying bytes into wasm memory is a memcpy,
/// where a JS string would be transcoded from UTF-16 (most of a shard's arrival cost).
#[cfg(target_arch = "wasm32")]
async fn fetch_bytes(path: &str) -> Result<Vec<u8>, LoadError> {
    let (response, timeout) = fetch_response(path).await?;
    response
        .binary()
        .await
        .map_err(|error| transport_error(&timeout, error))
}

/// At build time nothing is fetched: a route renders from the files the compiler hands it (see
/// [`preload`]), and whatever else it would fetch stays loading, as it is in the browser until it
/// arrives.
#[cfg(not(target_arch = "wasm32"))]
async fn fetch_bytes(_path: &str) -> Result<Vec<u8>, LoadError> {
    std::future::pending().await
}

/// A content-hashed file named by `manifest`, from the page when it was rendered with it. Such a file never changes, so a 404 or a file of
/// another schema means the site was deployed again since the manifest was read; that is checked
/// against the current manifest before it is reported as [`LoadError::NewVersion`].
pub async fn fetch_file<T: BundleFile + Send + Sync + 'static>(
    manifest: &Manifest,
    path: &str,
) -> Result<Arc<T>, LoadError> {
    if let Some(preloaded) = preload::take::<T>(path) {
        return Ok(preloaded?);
    }
    decode_fetched(manifest, fetch_bytes(path).await)
        .await
        .map(Arc::new)
}

async fn decode_fetched<T: BundleFile>(
    manifest: &Manifest,
    fetched: Result<Vec<u8>, LoadError>,
) -> Result<T, LoadError> {
    let result = fetched.and_then(|json| T::from_slice(&json).map_err(LoadError::from));
    confirm_redeploy(manifest, result).await
}

/// Resolves in a later task of the browser's event loop. Futures joined in one Leptos resource
/// are polled together, so shards whose responses arrive together would otherwise all be decoded
/// in a single long task.
#[cfg(target_arch = "wasm32")]
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window()
            .map(|window| window.set_timeout_with_callback(&resolve).is_ok())
            .unwrap_or(false);
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// At build time a render has no event loop to share.
#[cfg(not(target_arch = "wasm32"))]
async fn next_task() {}

/// A content-hashed binary file (the search index), decoded by `decode` (the search engine's,
/// which may first fetch the engine's chunk); failures are read as [`fetch_file`] reads them.
pub async fn fetch_binary_file<T, Decoded>(
    manifest: &Manifest,
    path: &str,
    decode: impl FnOnce(Vec<u8>) -> Decoded,
) -> Result<T, LoadError>
where
    Decoded: Future<Output = Result<T, LoadError>>,
{
    let result = match fetch_bytes(path).await {
        Ok(bytes) => decode(bytes).await,
        Err(error) => Err(error),
    };
    confirm_redeploy(manifest, result).await
}

async fn confirm_redeploy<T>(
    manifest: &Manifest,
    result: Result<T, LoadError>,
) -> Result<T, LoadError> {
    match result {
        Err(
            LoadError::Status { status: 404, .. }
            | LoadError::Decode(DecodeError::SchemaMismatch(_)),
        ) if site_was_redeployed(manifest).await => Err(LoadError::NewVersion),
        other => other,
    }
}

/// Whether the manifest on the server is no longer the one this page loaded.
async fn site_was_redeployed(loaded: &Manifest) -> bool {
    match fetch_bytes(MANIFEST_FILE).await {
        Ok(json) => Manifest::from_slice(&json).map_or(true, |current| current != *loaded),
        Err(_) => false,
    }
}

pub async fn fetch_manifest() -> Result<Arc<Manifest>, LoadError> {
    if let Some(preloaded) = preload::take::<Manifest>(MANIFEST_FILE) {
        return Ok(preloaded?);
    }
    fetch_manifest_at(MANIFEST_FILE).await
}

/// The manifest at `path`: the live one ([`MANIFEST_FILE`]) or a content-named copy a served
/// page names (see [`quire_model::pinned_manifest_file`]).
pub async fn fetch_manifest_at(path: &str) -> Result<Arc<Manifest>, LoadError> {
    let json = fetch_bytes(path).await?;
    Ok(Arc::new(Manifest::from_slice(&json)?))
}

/// Finds an article through the slug lookup; `Ok(None)` when the bundle has no such slug.
pub async fn fetch_article(
    manifest: Arc<Manifest>,
    slug: String,
) -> Result<Option<Arc<ArticleBody>>, LoadError> {
    if manifest.lookup.is_empty() {
        return Ok(None);
    }
    let bucket_path = &manifest.lookup[lookup_bucket(&slug, manifest.lookup.len())];
    let bucket = fetch_lookup_bucket(&manifest, bucket_path).await?;
    let Some(body_path) = bucket.bodies.get(&slug) else {
        return Ok(None);
    };
    Ok(Some(fetch_file(&manifest, body_path).await?))
}

/// A lookup bucket on its way, with whoever waits for it, or arrived.
enum BucketState {
    Loading(Vec<Waker>),
    Loaded(Result<Arc<LookupBucket>, LoadError>),
}

thread_local! {
    /// Lookup buckets fetched or on their way, with their paths: the results of one search
    /// (several to a bucket), or an article opened from them, share one request, where Chromium
    /// sent five of a search's eight to the server. Paths are content-hashed, so an entry never
    /// goes stale, and there are only as many as the manifest names (256 at most,
    /// so a list). A cell and a waker list rather than `futures`' `Shared`, which cost the wasm
    /// 2.3 kB brotli where this costs 1.0 kB.
    static LOOKUP_BUCKETS: RefCell<Vec<(String, Rc<RefCell<BucketState>>)>> = RefCell::default();
}

async fn fetch_lookup_bucket(
    manifest: &Arc<Manifest>,
    path: &str,
) -> Result<Arc<LookupBucket>, LoadError> {
    // A bucket a page was rendered with holds that page's article alone: used for it, never
    // kept for others.
    if let Some(preloaded) = preload::take::<LookupBucket>(path) {
        return preloaded.map_err(LoadError::from);
    }
    let bucket = LOOKUP_BUCKETS.with_borrow_mut(|buckets| {
        if let Some((_, bucket)) = buckets.iter().find(|(known, _)| known == path) {
            return bucket.clone();
        }
        let bucket = Rc::new(RefCell::new(BucketState::Loading(Vec::new())));
        let (manifest, owned_path, filled) = (manifest.clone(), path.to_owned(), bucket.clone());
        leptos::task::spawn_local(async move {
            let result = fetch_file(&manifest, &owned_path).await;
            let waiting = std::mem::replace(&mut *filled.borrow_mut(), BucketState::Loaded(result));
            if let BucketState::Loading(wakers) = waiting {
                wakers.into_iter().for_each(Waker::wake);
            }
        });
        buckets.push((path.to_owned(), bucket.clone()));
        bucket
    });
    let result = std::future::poll_fn(|context| match &mut *bucket.borrow_mut() {
        BucketState::Loading(wakers) => {
            wakers.push(context.waker().clone());
            Poll::Pending
        }
        BucketState::Loaded(result) => Poll::Ready(result.clone()),
    })
    .await;
    if result.is_err() {
        // Forgotten, so that a retry asks the server again; unless a retry already has.
        LOOKUP_BUCKETS.with_borrow_mut(|buckets| {
            buckets.retain(|(_, current)| !Rc::ptr_eq(current, &bucket));
        });
    }
    result
}

pub async fn fetch_document(
    manifest: Arc<Manifest>,
    path: String,
) -> Result<Arc<DocumentBody>, LoadError> {
    fetch_file(&manifest, &path).await
}

/// A category's or a tag's first page: landing on its listing needs nothing more.
pub async fn fetch_first_page(manifest: Arc<Manifest>, path: String) -> FirstPageResult {
    fetch_file(&manifest, &path).await
}

/// The newest shard's articles: the first pages of the unfiltered listing need nothing more.
async fn fetch_newest_shard(manifest: Arc<Manifest>) -> ListingResult {
    let Some(newest) = manifest.shards.first() else {
        return Ok(Arc::default());
    };
    let shard: Arc<ListingShard> = fetch_file(&manifest, &newest.path).await?;
    Ok(Arc::new(Listing::new(Arc::unwrap_or_clone(shard).articles)))
}

/// `shards`, fetched together, in order. Each is requested, decoded and folded in tasks of its
/// own, so no one task does all of it.
async fn fetch_shards(
    manifest: &Arc<Manifest>,
    shards: Vec<ShardRef>,
) -> Result<Vec<Listing>, LoadError> {
    futures::future::try_join_all(shards.into_iter().map(|shard| {
        let manifest = manifest.clone();
        async move {
            // Each request is made in a task of its own too: starting forty fetches in one task
            // was itself a long task.
            if let Some(preloaded) = preload::take::<ListingShard>(&shard.path) {
                return Ok(Listing::new(Arc::unwrap_or_clone(preloaded?).articles));
            }
            next_task().await;
            let fetched = fetch_bytes(&shard.path).await;
            next_task().await;
            let shard: ListingShard = decode_fetched(&manifest, fetched).await?;
            Ok::<_, LoadError>(Listing::new(shard.articles))
        }
    }))
    .await
}

/// Which part of the listing a resource holds.
#[derive(Clone, Copy)]
enum ListingPart {
    Newest,
    /// The shards whose dates meet `from..=to`.
    Between(Date, Date),
}

/// A resource of `part` of the listing. Every listing resource is made here, from one future
/// type: each resource type costs the wasm several kilobytes of Leptos's async machinery.
fn listing_resource(
    manifest: Loadable<ManifestResult>,
    part: ListingPart,
) -> Loadable<ListingResult> {
    Loadable::new(move || async move {
        let manifest = manifest.await?;
        match part {
            ListingPart::Newest => fetch_newest_shard(manifest).await,
            ListingPart::Between(from, to) => {
                let shards = manifest.shards_between(from, to).cloned().collect();
                Ok(Arc::new(Listing::concat(
                    fetch_shards(&manifest, shards).await?,
                )))
            }
        }
    })
}

pub type ManifestResult = Result<Arc<Manifest>, LoadError>;
pub type ListingResult = Result<Arc<Listing>, LoadError>;
pub type FirstPageResult = Result<Arc<FirstPage>, LoadError>;
pub type FacetResult = Result<Arc<FacetIndex>, LoadError>;

/// Waits for `resource` without subscribing to it. A resource whose fetcher awaits another one
/// that is still loading runs again, fetching everything again, the moment that one arrives.
pub async fn settled<T: Clone + 'static>(resource: LocalResource<T>) -> T {
    leptos::reactive::computed::ScopedFuture::new_untracked(resource.into_future()).await
}

/// The manifest, loaded once per visit and shared by every route.
#[derive(Clone, Copy)]
pub struct ManifestResource(pub Loadable<ManifestResult>);

/// The newest shard and the facet index, each created by the first view that needs it and
/// owned by the app root so it outlives that view.
#[derive(Clone)]
struct ListingCell {
    root: KeptOwner,
    newest: StoredValue<Option<Loadable<ListingResult>>>,
    facets: StoredValue<Option<Loadable<FacetResult>>>,
}

pub fn provide_manifest() {
    provide_context(ManifestResource(Loadable::new(fetch_manifest)));
    provide_context(ListingCell {
        root: KeptOwner::current(),
        newest: StoredValue::new(None),
        facets: StoredValue::new(None),
    });
}

pub fn use_manifest() -> ManifestResource {
    expect_context::<ManifestResource>()
}

/// The newest shard, as a function that fetches it on its first call only, from a view or from
/// an event handler (which runs outside any component's context).
pub fn newest_shard_loader() -> impl Fn() -> Loadable<ListingResult> + Clone + Send + Sync + 'static
{
    let cell = expect_context::<ListingCell>();
    let manifest = use_manifest().0;
    let (root, newest) = (cell.root.clone(), cell.newest);
    move || {
        if let Some(resource) = newest.get_value() {
            return resource;
        }
        let resource = root.with(|| listing_resource(manifest, ListingPart::Newest));
        newest.set_value(Some(resource));
        resource
    }
}

/// Every article dated `from..=to` (and others that share their shards): only the shards whose
/// dates meet the range.
pub fn use_listing_between(from: Date, to: Date) -> Loadable<ListingResult> {
    listing_resource(use_manifest().0, ListingPart::Between(from, to))
}

/// The facet index, as a function that fetches it on its first call only, from a view or from
/// an event handler (which runs outside any component's context).
pub fn facet_loader() -> impl Fn() -> Loadable<FacetResult> + Clone + Send + Sync + 'static {
    let cell = expect_context::<ListingCell>();
    let manifest = use_manifest().0;
    move || {
        if let Some(resource) = cell.facets.get_value() {
            return resource;
        }
        let resource = cell
            .root
            .with(|| Loadable::new(move || async move { fetch_facets(manifest.await?).await }));
        cell.facets.set_value(Some(resource));
        resource
    }
}

/// Every fragment of the facet index, fetched together, each requested and decoded in a task
/// of its own so no one task does all of it.
async fn fetch_facets(manifest: Arc<Manifest>) -> FacetResult {
    let parts = futures::future::try_join_all(manifest.facets.fragments.iter().map(|fragment| {
        let manifest = manifest.clone();
        async move {
            next_task().await;
            let bytes = fetch_bytes(&fragment.path).await;
            next_task().await;
            let decoded = bytes
                .and_then(|bytes| FacetIndex::decode(&bytes, &manifest).map_err(LoadError::from));
            confirm_redeploy(&manifest, decoded).await
        }
    }))
    .await?;
    Ok(Arc::new(FacetIndex::concat(parts)))
}

thread_local! {
    /// Entry files fetched this visit, by path: content-named, so never stale. A reader going
    /// back and forth between filters asks for the same few again.
    static ENTRY_FILES: RefCell<HashMap<String, Arc<ListingShard>>> = RefCell::default();
}

/// The articles at `positions` in the listing, in that order: only the entry files that hold
/// them, each fetched once a visit.
pub async fn fetch_entries(
    manifest: Arc<Manifest>,
    positions: Vec<u32>,
) -> Result<Vec<ArticleSummary>, LoadError> {
    let paths: Vec<String> = entry_chunks(&positions)
        .into_iter()
        .map(|chunk| manifest.entry_file(chunk * ENTRY_CHUNK_LENGTH))
        .filter(|path| !ENTRY_FILES.with_borrow(|files| files.contains_key(path)))
        .collect();
    let fetched = futures::future::try_join_all(
        paths
            .iter()
            .map(|path| fetch_file::<ListingShard>(&manifest, path)),
    )
    .await?;
    ENTRY_FILES.with_borrow_mut(|files| files.extend(paths.into_iter().zip(fetched)));
    ENTRY_FILES.with_borrow(|files| {
        positions
            .iter()
            .map(|&position| {
                let position = position as usize;
                files
                    .get(&manifest.entry_file(position))
                    .and_then(|file| file.articles.get(position % ENTRY_CHUNK_LENGTH))
                    .cloned()
                    .ok_or_else(|| {
                        DecodeError::Malformed(format!(
                            "the listing has no article at position {position}"
                        ))
                        .into()
                    })
            })
            .collect()
    })
}

/// Tries the facet index again, as a function an event handler can call.
pub fn facet_retrier() -> impl Fn() + Clone + Send + Sync + 'static {
    let cell = expect_context::<ListingCell>();
    move || {
        if let Some(facets) = cell.facets.get_value() {
            facets.refetch();
        }
    }
}
