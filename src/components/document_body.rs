//! The fetched body of a page or case study, with its own loading and error states.

use leptos::prelude::*;

use crate::components::load_state::{LoadErrorView, LoadingState};
use crate::data::fetch_document;

#[component]
pub fn DocumentBody(
    manifest: std::sync::Arc<quire_model::Manifest>,
    path: String,
) -> impl IntoView {
    let body = LocalResource::new(move || fetch_document(manifest.clone(), path.clone()));
    move || match body.get() {
        None => view! { <LoadingState label="Loading…" /> }.into_any(),
        Some(Ok(body)) => {
            view! { <div class="prose" inner_html=body.html.clone()></div> }.into_any()
        }
        Some(Err(error)) => view! {
            <LoadErrorView
                error
                heading="This text could not be loaded"
                on_retry=move || body.refetch()
            />
        }
        .into_any(),
    }
}
