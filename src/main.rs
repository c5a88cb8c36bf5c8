//! Browser entry point: installs the panic hook, hands the app the bundle files its page was
//! rendered with, and hydrates the served page, or renders the route afresh where the page was
//! served for another address (the host's not-found page).

use std::time::Duration;

use leptos::prelude::set_timeout;
use quire::data::preload::{self, EmbeddedFiles, PRELOAD_ELEMENT_ID};
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    // wasm-bindgen runs `main` in the task that finishes compiling the module. Starting in a task
    // of its own lets the browser paint and handle input in between: two shorter tasks instead
    // of one long one (Lighthouse counts every task's time beyond 50 ms as blocking).
    set_timeout(start, Duration::ZERO);
}

fn start() {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("the app runs in a browser document");
    let Some(root) = document
        .get_element_by_id("app")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::logging::error!("The page has no #app element to start the app in.");
        return;
    };
    if let Some(embedded) = document.get_element_by_id(PRELOAD_ELEMENT_ID) {
        match EmbeddedFiles::parse(&embedded.text_content().unwrap_or_default()) {
            Ok(files) => preload::install(Box::new(files)),
            // Each view fetches what it needs instead.
            Err(error) => leptos::logging::warn!("The page's embedded data is unreadable: {error}"),
        }
    }
    if served_for_this_address(&root) {
        leptos::mount::hydrate_from(root, quire::App).forget();
    } else {
        root.set_inner_html("");
        leptos::mount::mount_to(root, quire::App).forget();
    }
}

/// Whether the page was rendered for the address it is shown at (`data-route`, under the
/// hosting base; a folder's trailing slash aside).
fn served_for_this_address(root: &web_sys::HtmlElement) -> bool {
    let Some(served) = root.get_attribute("data-route") else {
        return false;
    };
    let pathname = web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_default();
    // The address is percent-encoded; the route is written as the app names it.
    let pathname = js_sys::decode_uri(&pathname)
        .ok()
        .and_then(|decoded| decoded.as_string())
        .unwrap_or(pathname);
    let base = quire::base::site_base();
    let here = base.route(&pathname).unwrap_or(&pathname);
    let trimmed = |route: &str| route.trim_end_matches('/').to_owned();
    trimmed(here) == trimmed(&served)
}
