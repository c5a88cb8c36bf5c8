//! The fetched body of a page or case study, with its own loading and error states.

use leptos::prelude::*;
use quire_model::code::with_copy_buttons;

use crate::components::code_copy::copy_code_on_click;
use crate::components::load_state::WhenLoaded;
use crate::data::{Loadable, fetch_document};

#[component]
pub fn DocumentBody(
    manifest: std::sync::Arc<quire_model::Manifest>,
    path: String,
) -> impl IntoView {
    let body = Loadable::new(move || fetch_document(manifest.clone(), path.clone()));
    view! {
        <WhenLoaded
            state=move || body.get()
            ready=|body| view! {
                <div
                    class="prose"
                    inner_html=with_copy_buttons(&body.html).into_owned()
                    on:click=copy_code_on_click
                ></div>
            }
            error_heading="This text could not be loaded"
            on_retry=move || body.refetch()
        />
    }
}
