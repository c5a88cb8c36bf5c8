//! After a client-side navigation to a new path, moves focus to the new page's heading so screen
//! readers announce it and keyboard users start from the top of the content.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

/// How long to wait for a page whose data is still loading to render its heading.
const HEADING_WAIT: Duration = Duration::from_secs(3);
const POLL: Duration = Duration::from_millis(30);

#[component]
pub fn RouteFocus() -> impl IntoView {
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
        // The first render is the page the reader opened: the browser already put focus there.
        if previous.is_some_and(|previous| previous != current) {
            // The old page's heading may still be in the DOM; wait for the new page's own.
            let old_heading = SendWrapper::new(main_heading());
            focus_new_heading(old_heading, HEADING_WAIT);
        }
        current
    });
}

fn main_heading() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#app main h1").ok().flatten())
}

/// Polls for the new page's heading and focuses it while nothing else has focus. Polling goes on
/// for the whole window because a page may replace its heading once its data arrives (an
/// article's header is rebuilt when its body loads); it stops as soon as the reader moves focus.
fn focus_new_heading(old: SendWrapper<Option<web_sys::Element>>, remaining: Duration) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let active = document.active_element();
    let body: Option<web_sys::Element> = document.body().map(Into::into);
    let heading = main_heading();
    let nothing_focused = active.is_none() || active == body;
    if let Some(heading) = heading.filter(|heading| old.as_ref() != Some(heading)) {
        if active.as_ref() == Some(&heading) {
            // Focused already; keep watching in case the page rebuilds it.
        } else if nothing_focused {
            let options = web_sys::FocusOptions::new();
            // Back navigation restores the scroll position; focusing must not undo that.
            options.set_prevent_scroll(true);
            let _ = heading
                .unchecked_into::<web_sys::HtmlElement>()
                .focus_with_options(&options);
        } else if active
            .as_ref()
            .is_some_and(|element| element.is_connected())
        {
            return;
        }
    }
    if remaining > Duration::ZERO {
        set_timeout(
            move || focus_new_heading(old, remaining.saturating_sub(POLL)),
            POLL,
        );
    }
}
