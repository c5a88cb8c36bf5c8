//! A path the app cannot show may still be the host's: a file from `static/`, a feed, an old
//! address an `aliases` key redirects. The router follows every same-site link itself, so links
//! to paths no page of the app can have are kept from it, and the browser loads them; so are
//! links to a place on the page itself (a heading, the skip link's `main`), which the browser
//! follows best: it scrolls, and moves where the next Tab starts. A path shaped like a page that
//! turns out not to exist is handed to the host once, when the reader reached it inside the
//! app; the path the document was loaded at needs no second asking, since the host's answer to
//! it is this very page.

use std::sync::OnceLock;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use quire_model::routes;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::base::site_base;

/// The router's path when the app started: the one the host has answered already.
static LOADED_PATH: OnceLock<String> = OnceLock::new();

/// Notes the path the document was loaded at and keeps the router from the host's links.
/// Rendered once inside the `<Router>`, before any navigation can happen.
#[component]
pub fn HostLinks() -> impl IntoView {
    // A build renders many pages in one process: only the browser's app has a loaded path.
    if cfg!(target_arch = "wasm32") {
        let pathname = use_location().pathname.get_untracked();
        if LOADED_PATH.set(pathname).is_ok() {
            keep_host_links_from_router();
        }
    }
}

/// The router handles link clicks when they reach the window; a click on a link to a path that
/// cannot be a page stops short of it, in the capture phase, and the browser follows the link.
fn keep_host_links_from_router() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        if is_for_the_browser(&event) {
            event.stop_propagation();
        }
    });
    let _ = window.add_event_listener_with_callback_and_bool(
        "click",
        listener.as_ref().unchecked_ref(),
        true,
    );
    // Listens for as long as the page lives.
    listener.forget();
}

/// Whether the click is on a link to a path no page could have, or to a place on this page.
fn is_for_the_browser(event: &web_sys::Event) -> bool {
    let Some(link) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    let Ok(url) = web_sys::Url::new(&link.href()) else {
        return false;
    };
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return false;
    };
    if location.origin().ok() != Some(url.origin()) {
        return false;
    }
    let on_this_page = !url.hash().is_empty()
        && location.pathname().ok() == Some(url.pathname())
        && location.search().ok() == Some(url.search());
    on_this_page
        || site_base()
            .route(&url.pathname())
            .is_some_and(|route| !routes::could_be_page(route))
}

/// Whether the host has not been asked for `path` by this document. A new document is loaded
/// at the path it shows, so asking the host cannot repeat itself.
pub fn host_not_asked(path: &str) -> bool {
    LOADED_PATH.get().is_some_and(|loaded| loaded != path)
}

/// Loads the router's current address from the host, in place of the history entry the router
/// made for it. Deferred a task, so the router has written the address before it is read.
pub fn ask_host() {
    let location = use_location();
    let search = location.search.get_untracked();
    let target = format!(
        "{}{}{search}{}",
        location.pathname.get_untracked(),
        if search.is_empty() { "" } else { "?" },
        location.hash.get_untracked(),
    );
    set_timeout(
        move || {
            let Some(window) = web_sys::window() else {
                return;
            };
            let location = window.location();
            let Ok(url) = location
                .origin()
                .and_then(|origin| web_sys::Url::new_with_base(&target, &origin))
            else {
                return;
            };
            // Replacing an address with itself is only a jump to its fragment when it has one.
            let _ = if location.href().is_ok_and(|current| current == url.href()) {
                location.reload()
            } else {
                location.replace(&url.href())
            };
        },
        Duration::ZERO,
    );
}
