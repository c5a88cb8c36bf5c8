//! The loading and error states every data-driven view shows while it cannot show its data.

use leptos::prelude::*;

use crate::data::LoadError;

/// A placeholder with the rough shape of a listing, so the page does not jump when data arrives.
/// It is not a live region: each page has one (its result count), and two would compete.
#[component]
pub fn LoadingState(#[prop(default = "Loading…")] label: &'static str) -> impl IntoView {
    view! {
        <div class="loading-state" aria-busy="true">
            <p class="visually-hidden">{label}</p>
            <div class="loading-state__bar" aria-hidden="true"></div>
            <div class="loading-state__bar loading-state__bar--short" aria-hidden="true"></div>
            <div class="loading-state__bar" aria-hidden="true"></div>
        </div>
    }
}

/// A failed load: what went wrong, in words, and a button that tries again without a reload.
#[component]
pub fn LoadErrorView(
    error: LoadError,
    #[prop(into)] on_retry: Callback<()>,
    #[prop(default = "This content could not be loaded")] heading: &'static str,
) -> impl IntoView {
    view! {
        <div class="load-error" role="alert">
            <h2 class="load-error__heading">{heading}</h2>
            <p class="load-error__detail">{error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </div>
    }
}
