//! Loads bundle files over HTTP and shares the manifest and the full listing through context.

use std::sync::Arc;

use leptos::prelude::*;
use quire_model::lookup::lookup_bucket;
use quire_model::{
    ArticleBody, ArticleSummary, BundleFile, DecodeError, DocumentBody, ListingShard, LookupBucket,
    MANIFEST_FILE, Manifest,
};

/// Why a bundle file could not be shown. Cloneable so resources can hand it to several views.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the content could not be reached ({0}); check your connection")]
    Network(String),
    #[error("the server answered {status} for {path}")]
    Status { status: u16, path: String },
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

/// Bundle paths are relative so they resolve against the document's `<base href>`, which keeps
/// the app working when it is hosted under a sub-path.
fn bundle_url(path: &str) -> String {
    format!("bundle/{path}")
}

async fn fetch_text(path: &str) -> Result<String, LoadError> {
    let response = gloo_net::http::Request::get(&bundle_url(path))
        .send()
        .await
        .map_err(|error| LoadError::Network(error.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Status {
            status: response.status(),
            path: path.to_owned(),
        });
    }
    response
        .text()
        .await
        .map_err(|error| LoadError::Network(error.to_string()))
}

async fn fetch_file<T: BundleFile>(path: &str) -> Result<T, LoadError> {
    Ok(T::from_json(&fetch_text(path).await?)?)
}

pub async fn fetch_manifest() -> Result<Arc<Manifest>, LoadError> {
    let text = fetch_text(MANIFEST_FILE).await?;
    Ok(Arc::new(Manifest::from_json(&text)?))
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
    let bucket: LookupBucket = fetch_file(bucket_path).await?;
    let Some(body_path) = bucket.bodies.get(&slug) else {
        return Ok(None);
    };
    Ok(Some(Arc::new(fetch_file(body_path).await?)))
}

pub async fn fetch_document(path: String) -> Result<Arc<DocumentBody>, LoadError> {
    Ok(Arc::new(fetch_file(&path).await?))
}

/// Every article, newest first: the manifest's shards fetched together and joined in order.
pub async fn fetch_listing(manifest: Arc<Manifest>) -> Result<Arc<Vec<ArticleSummary>>, LoadError> {
    let shards = futures::future::try_join_all(
        manifest
            .shards
            .iter()
            .map(|shard| fetch_file::<ListingShard>(&shard.path)),
    )
    .await?;
    let mut articles = Vec::with_capacity(manifest.article_count);
    for shard in shards {
        articles.extend(shard.articles);
    }
    Ok(Arc::new(articles))
}

pub type ManifestResult = Result<Arc<Manifest>, LoadError>;
pub type ListingResult = Result<Arc<Vec<ArticleSummary>>, LoadError>;

/// The manifest, loaded once per visit and shared by every route.
#[derive(Clone, Copy)]
pub struct ManifestResource(pub LocalResource<ManifestResult>);

/// The full listing, created by the first view that needs more than the manifest's latest page,
/// and owned by the app root so it outlives that view.
#[derive(Clone)]
struct ListingCell {
    root: Owner,
    resource: StoredValue<Option<LocalResource<ListingResult>>>,
}

pub fn provide_manifest() {
    provide_context(ManifestResource(LocalResource::new(fetch_manifest)));
    provide_context(ListingCell {
        root: Owner::current().expect("provide_manifest runs inside the app"),
        resource: StoredValue::new(None),
    });
}

pub fn use_manifest() -> ManifestResource {
    expect_context::<ManifestResource>()
}

/// The full listing; the shards are fetched on the first call only.
pub fn use_listing() -> LocalResource<ListingResult> {
    let cell = expect_context::<ListingCell>();
    if let Some(resource) = cell.resource.get_value() {
        return resource;
    }
    let manifest = use_manifest().0;
    let resource = cell
        .root
        .with(|| LocalResource::new(move || async move { fetch_listing(manifest.await?).await }));
    cell.resource.set_value(Some(resource));
    resource
}
