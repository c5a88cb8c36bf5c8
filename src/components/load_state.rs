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
    let reload = error.needs_reload();
    let (heading, label) = if reload {
        (
            "A new version of this site is available",
            "Load the new version",
        )
    } else {
        (heading, "Try again")
    };
    let act = move |_| {
        if reload {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        } else {
            on_retry.run(());
        }
    };
    view! {
        <div class="load-error" role="alert">
            <h2 class="load-error__heading">{heading}</h2>
            <p class="load-error__detail">{error.to_string()}</p>
            <button type="button" class="button" on:click=act>
                {label}
            </button>
        </div>
    }
}
