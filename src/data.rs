//! Loads bundle files over HTTP and shares the manifest with every view through context.

use std::sync::Arc;

use leptos::prelude::*;
use quire_model::bundle::DecodeError;
use quire_model::{ArticleBody, MANIFEST_FILE, Manifest};

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

pub async fn fetch_manifest() -> Result<Arc<Manifest>, LoadError> {
    let text = fetch_text(MANIFEST_FILE).await?;
    Ok(Arc::new(Manifest::from_json(&text)?))
}

pub async fn fetch_article_body(path: String) -> Result<Arc<ArticleBody>, LoadError> {
    let text = fetch_text(&path).await?;
    Ok(Arc::new(ArticleBody::from_json(&text)?))
}

pub type ManifestResult = Result<Arc<Manifest>, LoadError>;

/// The manifest, loaded once per visit and shared by every route.
#[derive(Clone, Copy)]
pub struct ManifestResource(pub LocalResource<ManifestResult>);

pub fn provide_manifest() {
    provide_context(ManifestResource(LocalResource::new(fetch_manifest)));
}

pub fn use_manifest() -> ManifestResource {
    expect_context::<ManifestResource>()
}
