//! Renders its content once the manifest is loaded, with explicit loading and error states.

use std::sync::Arc;

use leptos::prelude::*;
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
