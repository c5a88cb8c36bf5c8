//! Renders its content once the manifest is loaded, with explicit loading and error states.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::Manifest;

use crate::components::load_state::{LoadErrorView, LoadingState};
use crate::data::use_manifest;

#[component]
pub fn WithManifest<Render, View>(render: Render) -> impl IntoView
where
    Render: Fn(Arc<Manifest>) -> View + Send + Sync + 'static,
    View: IntoView + 'static,
{
    let manifest = use_manifest().0;
    move || match manifest.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Ok(loaded)) => render(loaded).into_any(),
        Some(Err(error)) => view! {
            <LoadErrorView
                error
                heading="The articles could not be loaded"
                on_retry=move || manifest.refetch()
            />
        }
        .into_any(),
    }
}

/// Like [`WithManifest`], for routes keyed by a path parameter (`/insights/:slug`): the content is
/// rebuilt whenever the parameter changes, so one route view serves every slug.
#[component]
pub fn WithManifestAndParam<Render, View>(param: &'static str, render: Render) -> impl IntoView
where
    Render: Fn(Arc<Manifest>, &str) -> View + Clone + Send + Sync + 'static,
    View: IntoView + 'static,
{
    let params = use_params_map();
    let value = Memo::new(move |_| params.read().get(param).unwrap_or_default());
    move || {
        let value = value.get();
        let render = render.clone();
        view! { <WithManifest render=move |manifest| render(manifest, &value) /> }
    }
}
