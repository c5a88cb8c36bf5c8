//! Browser entry point: installs the panic hook, hands the app the bundle files its page was
//! rendered with (those it embeds, and the manifest it names), and hydrates the served page, or
//! renders the route afresh where the page was served for another address (the host's not-found
//! page) or its manifest cannot be had.

use std::time::Duration;

use leptos::prelude::set_timeout;
use quire::data::preload::{self, EmbeddedFiles, PRELOAD_ELEMENT_ID, PRELOAD_MANIFEST_ATTRIBUTE};
use quire_model::MANIFEST_FILE;
use quire_model::query::ListingQuery;
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
    let on_its_path = served_for_this_path(&root);
    if on_its_path {
        use_folder_address();
    }
    // A page is rendered unfiltered; `public/theme.js` holds a filtered listing back until the
    // app has rendered it.
    let hydratable = on_its_path && query_chooses_nothing();
    let Some((mut files, manifest_path)) = hydratable.then(|| served_data(&document)).flatten()
    else {
        render_afresh(&document, root);
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        match quire::data::fetch_manifest_at(&manifest_path).await {
            Ok(manifest) => {
                files.insert_decoded(MANIFEST_FILE, manifest);
                preload::install(Box::new(files));
                // A task of its own: the manifest's decoding above and the hydration are each
                // one uninterrupted run of work, and the browser may paint or answer input
                // between them.
                set_timeout(
                    move || wasm_bindgen_futures::spawn_local(hydrate_with_its_code(root)),
                    Duration::ZERO,
                );
            }
            // Deployed again since the page was served (its manifest is gone), or offline: the
            // app renders the route from what it can fetch, with its own loading and error states.
            Err(error) => {
                leptos::logging::warn!("The page's manifest could not be read: {error}");
                render_afresh(&document, root);
            }
        }
    });
}

/// Hydrates the served page once its route's chunk (`quire::routes`) is here; a page whose chunk
/// cannot be fetched (a deploy removed it) is rendered afresh, with the new-version prompt, rather
/// than hydrated with a view that does not match it.
async fn hydrate_with_its_code(root: web_sys::HtmlElement) {
    let split_point = root.get_attribute("data-split-point").unwrap_or_default();
    if quire::routes::load_split_point(&split_point).await.is_err() {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            render_afresh(&document, root);
        }
        return;
    }
    leptos::mount::hydrate_from_async(root, quire::App)
        .await
        .forget();
}

/// The files the page embeds and the manifest it names; `None` when the app must render the
/// route afresh (a page saved without its data, or data that cannot be read).
fn served_data(document: &web_sys::Document) -> Option<(EmbeddedFiles, String)> {
    let element = document.get_element_by_id(PRELOAD_ELEMENT_ID)?;
    let manifest_path = element.get_attribute(PRELOAD_MANIFEST_ATTRIBUTE)?;
    let files = EmbeddedFiles::parse(&element.text_content().unwrap_or_default())
        .inspect_err(|error| {
            leptos::logging::warn!("The page's embedded data is unreadable: {error}")
        })
        .ok()?;
    Some((files, manifest_path))
}

fn render_afresh(document: &web_sys::Document, root: web_sys::HtmlElement) {
    root.set_inner_html("");
    drop_served_head_tags(document);
    leptos::mount::mount_to(root, quire::App).forget();
}

/// Shows a page opened without its folder's trailing slash (`/insights/x`, on a host that serves
/// both forms) at the address its links and canonical URL name (`/insights/x/`), so a link to a
/// place on it is a link to the same page. Only a page that exists: an unknown address stays as
/// the reader typed it.
fn use_folder_address() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Ok(pathname) = location.pathname() else {
        return;
    };
    let folder = quire::base::canonical_path(&pathname);
    if folder == pathname {
        return;
    }
    let rest = format!(
        "{}{}",
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{folder}{rest}")),
        );
    }
}

/// Whether the address's query chooses no listing filter, page or order.
fn query_chooses_nothing() -> bool {
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return false;
    };
    let search = location.search().unwrap_or_default();
    ListingQuery::parse(search.trim_start_matches('?')) == ListingQuery::parse("")
}

/// Whether the page was rendered for the route the address's path shows (`data-route`, under
/// the hosting base; a folder's trailing slash aside): not the host's not-found page served at
/// any path.
fn served_for_this_path(root: &web_sys::HtmlElement) -> bool {
    let Some(served) = root.get_attribute("data-route") else {
        return false;
    };
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return false;
    };
    let pathname = location.pathname().unwrap_or_default();
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

/// Removes the head tags the page was served with (between `<!--HEAD-->` and `<!--/HEAD-->`;
/// the title stays, and the app retitles it): the app's own, for the route it renders, replace
/// them, where hydration would have adopted them.
fn drop_served_head_tags(document: &web_sys::Document) {
    let Some(head) = document.head() else {
        return;
    };
    let mut inside = false;
    let mut node = head.first_child();
    while let Some(current) = node {
        node = current.next_sibling();
        if current.node_type() == web_sys::Node::COMMENT_NODE {
            match current.text_content().as_deref() {
                Some("HEAD") => inside = true,
                Some("/HEAD") => inside = false,
                _ => {}
            }
        } else if inside && current.node_name() != "TITLE" {
            let _ = head.remove_child(&current);
        }
    }
}
