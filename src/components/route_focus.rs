//! After a client-side navigation to a new path, moves focus to the new page's heading so screen
//! readers announce it and keyboard users start from the top of the content, and brings a
//! `#fragment`'s target into view once the new page has rendered it.

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
    let location = use_location();
    let (pathname, hash) = (location.pathname, location.hash);
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
        // The first render is the page the reader opened: the browser already put focus there.
        if previous.is_some_and(|previous| previous != current) {
            // The old page's heading may still be in the DOM; wait for the new page's own.
            let old_heading = SendWrapper::new(main_heading());
            let fragment = fragment_id(&hash.get_untracked());
            if let Some(id) = fragment {
                scroll_to_fragment(old_heading.clone(), id, HEADING_WAIT);
            }
            focus_new_heading(old_heading, HEADING_WAIT);
        }
        current
    });
}

/// The element id a location's `#fragment` names, percent-decoded as the browser reads it.
fn fragment_id(hash: &str) -> Option<String> {
    let encoded = hash.strip_prefix('#').unwrap_or(hash);
    if encoded.is_empty() {
        return None;
    }
    js_sys::decode_uri_component(encoded)
        .ok()
        .and_then(|decoded| decoded.as_string())
        .or_else(|| Some(encoded.to_owned()))
}

/// Polls for the element `id` of the new page and scrolls it into view. The router looks for it
/// once, as it navigates, when an article's body (where most such targets are) is still being
/// fetched, or finds the old page's element of the same id.
fn scroll_to_fragment(old: SendWrapper<Option<web_sys::Element>>, id: String, remaining: Duration) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let new_page = main_heading().is_some_and(|heading| old.as_ref() != Some(&heading));
    if new_page && let Some(target) = document.get_element_by_id(&id) {
        target.scroll_into_view();
        return;
    }
    if remaining > Duration::ZERO {
        set_timeout(
            move || scroll_to_fragment(old, id, remaining.saturating_sub(POLL)),
            POLL,
        );
    }
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
