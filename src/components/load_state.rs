//! The loading and error states every data-driven view shows while it cannot show its data,
//! and [`WhenLoaded`], the one place a view chooses between them and its data.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::route_focus::route_content_changed;
use crate::data::LoadError;

/// A view already made from loaded data, or why there is none yet; type-erased, so that every
/// view shares one copy of [`load_states`] in the wasm.
type ViewState = Arc<dyn Fn() -> Option<Result<AnyView, LoadError>> + Send + Sync>;
/// What a page already shows of itself around its loading and error states.
pub type Frame = Arc<dyn Fn(AnyView) -> AnyView + Send + Sync>;

/// Shows `ready`'s view of the value `state` gives once it has loaded, the loading placeholder
/// while `state` is `None`, and the error with its retry button when the load failed. Each time
/// it shows something new it tells `RouteFocus` that the route's content changed.
///
/// It renders what a hand-written `move || match state() { … }` would, so a page rendered with
/// it at build time is the page the browser hydrates.
#[component]
pub fn WhenLoaded<T, State, Ready, View>(
    /// The value; `None` while it loads.
    state: State,
    /// The view of the loaded value.
    ready: Ready,
    /// Loads the value again after an error.
    #[prop(into)]
    on_retry: Callback<()>,
    /// What the loading placeholder says to a screen reader.
    #[prop(default = "Loading…")]
    loading: &'static str,
    /// The error's heading.
    #[prop(default = "This content could not be loaded")]
    error_heading: &'static str,
    /// What the page shows of itself around the loading and error states (an article's
    /// header, known from the manifest before its body arrives).
    #[prop(default = None)]
    frame: Option<Frame>,
) -> impl IntoView
where
    T: 'static,
    State: Fn() -> Option<Result<T, LoadError>> + Send + Sync + 'static,
    Ready: Fn(T) -> View + Send + Sync + 'static,
    View: IntoView + 'static,
{
    load_states(
        Arc::new(move || state().map(|loaded| loaded.map(|value| ready(value).into_any()))),
        LoadCopy {
            on_retry,
            loading,
            error_heading,
            frame,
        },
    )
}

/// What [`WhenLoaded`] shows while it has no data.
struct LoadCopy {
    on_retry: Callback<()>,
    loading: &'static str,
    error_heading: &'static str,
    frame: Option<Frame>,
}

fn load_states(state: ViewState, copy: LoadCopy) -> impl IntoView {
    let LoadCopy {
        on_retry,
        loading,
        error_heading,
        frame,
    } = copy;
    let framed = move |view: AnyView| match &frame {
        Some(frame) => frame(view),
        None => view,
    };
    move || {
        let shown = match state() {
            None => framed(view! { <LoadingState label=loading /> }.into_any()),
            Some(Ok(ready)) => ready,
            Some(Err(error)) => {
                framed(view! { <LoadErrorView error heading=error_heading on_retry /> }.into_any())
            }
        };
        route_content_changed();
        shown
    }
}

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
