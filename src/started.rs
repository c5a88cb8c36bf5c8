//! Whether the app has taken over the page it was served. Until it has, a view draws what the
//! build drew for its route, so that hydration finds the same nodes: the build knew the path but
//! not the query string, nor anything the browser keeps (the reader's theme).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[derive(Clone, Copy)]
struct Started(ReadSignal<bool>);

/// Set once the first render (the hydration of the served page) is over: effects run after it,
/// in the browser only.
pub fn provide_started() {
    let (started, set_started) = signal(false);
    Effect::new(move |_| {
        set_started.set(true);
        mark_document_started();
    });
    provide_context(Started(started));
}

/// Whether the served page has been taken over.
pub fn use_started() -> ReadSignal<bool> {
    expect_context::<Started>().0
}

/// The URL's query string (without `?`), empty until the served page has been taken over.
pub fn use_query_string() -> Signal<String> {
    let started = use_started();
    let search = use_location().search;
    Signal::derive(move || {
        if started.get() {
            search.get()
        } else {
            String::new()
        }
    })
}

/// `<html data-app="started">`: the served page's controls work from here on (the styles stop
/// holding back a listing the URL filters, see `public/theme.js`), and tests wait for it.
fn mark_document_started() {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("data-app", "started");
    }
}
