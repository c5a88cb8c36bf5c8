//! After a client-side navigation to a new path, moves focus to the new page's heading so screen
//! readers announce it and keyboard users start from the top of the content.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// How long to wait for a page whose data is still loading to render its heading.
const HEADING_WAIT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(50);

#[component]
pub fn RouteFocus() -> impl IntoView {
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
        // The first render is the page the reader opened: the browser already put focus there.
        if previous.is_some_and(|previous| previous != current) {
            focus_heading(HEADING_WAIT);
        }
        current
    });
}

fn focus_heading(remaining: Duration) {
    let heading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main h1").ok().flatten());
    match heading {
        Some(heading) => {
            let options = web_sys::FocusOptions::new();
            // Back navigation restores the scroll position; focusing must not undo that.
            options.set_prevent_scroll(true);
            let _ = heading
                .unchecked_into::<web_sys::HtmlElement>()
                .focus_with_options(&options);
        }
        None if remaining > Duration::ZERO => {
            set_timeout(move || focus_heading(remaining.saturating_sub(POLL)), POLL);
        }
        None => {}
    }
}
