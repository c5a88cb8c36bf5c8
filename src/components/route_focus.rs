//! After a client-side navigation to a new path, moves focus to the new page's heading so screen
//! readers announce it and keyboard users start from the top of the content, and brings a
//! `#fragment`'s target into view once the new page has rendered it. The route's views say when
//! they have put new content on the page (`route_content_changed`); nothing watches the DOM.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// How long after a navigation the new page may still take the focus and scroll to its
/// fragment: later, the reader has most likely started reading or moved on.
const ARRIVAL_WINDOW_MS: f64 = 3000.0;

/// Raised each time a route's view has put new content on the page: a page once its data has
/// loaded, an article's header while its body loads, then the body.
#[derive(Clone, Copy)]
struct RouteContent(Trigger);

/// Makes the signal the route's views raise; called once, by the app.
pub fn provide_route_content() {
    provide_context(RouteContent(Trigger::new()));
}

/// Tells `RouteFocus` that the view being built has changed the route's content, once it is on
/// the page (an effect runs after the view it belongs to is mounted, and never at build time).
pub fn route_content_changed() {
    if let Some(RouteContent(changed)) = use_context::<RouteContent>() {
        Effect::new(move |_| changed.notify());
    }
}

#[component]
pub fn RouteFocus() -> impl IntoView {
    let location = use_location();
    let (pathname, hash) = (location.pathname, location.hash);
    let arrival = StoredValue::new_local(None::<Arrival>);
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
        // The first render is the page the reader opened: the browser already put focus there.
        if previous.is_some_and(|previous| previous != current) {
            // The old page's heading may still be in the DOM; wait for the new page's own.
            arrival.set_value(Some(Arrival {
                old_heading: main_heading(),
                fragment: fragment_id(&hash.get_untracked()),
                focusing: true,
                until: js_sys::Date::now() + ARRIVAL_WINDOW_MS,
            }));
            look(arrival);
        }
        current
    });
    if let Some(RouteContent(changed)) = use_context::<RouteContent>() {
        Effect::new(move |_| {
            changed.track();
            look(arrival);
        });
    }
}

/// A navigation whose new page has yet to be focused or scrolled to its fragment.
struct Arrival {
    /// The heading of the page navigated from, if it is still on the page.
    old_heading: Option<web_sys::Element>,
    /// The element to bring into view, until it has been.
    fragment: Option<String>,
    /// Whether the new heading may still take the focus: not once the reader has moved it.
    focusing: bool,
    /// `Date.now()` past which the arrival is over.
    until: f64,
}

/// Looks at the page as it is now, and forgets the arrival once nothing is left to do.
fn look(arrival: StoredValue<Option<Arrival>, LocalStorage>) {
    let waiting = arrival
        .try_update_value(|arrival| arrival.as_mut().is_some_and(Arrival::settle))
        .unwrap_or(false);
    if !waiting {
        arrival.set_value(None);
    }
}

impl Arrival {
    /// Scrolls to the fragment and focuses the new heading if the new page shows them; whether
    /// there is still something to wait for. A page may replace its heading once its data
    /// arrives (an article's header is rebuilt with its body), so focusing goes on until the
    /// window closes or the reader moves the focus.
    fn settle(&mut self) -> bool {
        if js_sys::Date::now() > self.until {
            return false;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return false;
        };
        let new_heading =
            main_heading().filter(|heading| self.old_heading.as_ref() != Some(heading));
        // The router looks for a fragment's target once, as it navigates, when an article's
        // body (where most such targets are) is still being fetched, or finds the old page's
        // element of the same id.
        if new_heading.is_some()
            && let Some(target) = self
                .fragment
                .as_ref()
                .and_then(|id| document.get_element_by_id(id))
        {
            target.scroll_into_view();
            self.fragment = None;
        }
        if self.focusing
            && let Some(heading) = new_heading
        {
            self.focusing = focus_heading(&document, heading);
        }
        self.focusing || self.fragment.is_some()
    }
}

/// Focuses `heading` while nothing else has focus; whether focusing should go on.
fn focus_heading(document: &web_sys::Document, heading: web_sys::Element) -> bool {
    let active = document.active_element();
    let body: Option<web_sys::Element> = document.body().map(Into::into);
    if active.as_ref() == Some(&heading) {
        // Focused already; go on in case the page rebuilds it.
        return true;
    }
    // A focused element the old page took away leaves the focus to the page: take it.
    let nothing_focused =
        active.is_none() || active == body || active.as_ref().is_some_and(|e| !e.is_connected());
    if nothing_focused {
        let options = web_sys::FocusOptions::new();
        // Back navigation restores the scroll position; focusing must not undo that.
        options.set_prevent_scroll(true);
        let _ = heading
            .unchecked_into::<web_sys::HtmlElement>()
            .focus_with_options(&options);
        return true;
    }
    // The reader moved the focus to something on the new page: leave it there.
    false
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

fn main_heading() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#app main h1").ok().flatten())
}
