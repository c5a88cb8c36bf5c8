//! Renders its content once the manifest is loaded, with explicit loading and error states.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::Manifest;

use crate::components::load_state::WhenLoaded;
use crate::data::use_manifest;

/// A page made from the manifest, its type erased: every page then shares one copy of the
/// frame below, where a generic frame was compiled into the wasm once per page.
type ManifestView = Arc<dyn Fn(Arc<Manifest>) -> AnyView + Send + Sync>;
/// The same, for a page that also takes its route's parameter.
type ManifestAndParamView = Arc<dyn Fn(Arc<Manifest>, &str) -> AnyView + Send + Sync>;

#[component]
pub fn WithManifest<Render, View>(render: Render) -> impl IntoView
where
    Render: Fn(Arc<Manifest>) -> View + Send + Sync + 'static,
    View: IntoView + 'static,
{
    manifest_frame(Arc::new(move |manifest| render(manifest).into_any()))
}

fn manifest_frame(render: ManifestView) -> impl IntoView {
    let manifest = use_manifest().0;
    view! {
        <WhenLoaded
            state=move || manifest.get()
            ready=move |loaded| render(loaded)
            error_heading="The articles could not be loaded"
            on_retry=move || manifest.refetch()
        />
    }
}

/// Like [`WithManifest`], for routes keyed by a path parameter (`/insights/:slug`): the content is
/// rebuilt whenever the parameter changes, so one route view serves every slug.
#[component]
pub fn WithManifestAndParam<Render, View>(param: &'static str, render: Render) -> impl IntoView
where
    Render: Fn(Arc<Manifest>, &str) -> View + Send + Sync + 'static,
    View: IntoView + 'static,
{
    manifest_and_param_frame(
        param,
        Arc::new(move |manifest, value| render(manifest, value).into_any()),
    )
}

fn manifest_and_param_frame(param: &'static str, render: ManifestAndParamView) -> impl IntoView {
    let params = use_params_map();
    let value = Memo::new(move |_| params.read().get(param).unwrap_or_default());
    move || {
        let value = value.get();
        let render = Arc::clone(&render);
        manifest_frame(Arc::new(move |manifest| render(manifest, &value)))
    }
}
