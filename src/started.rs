//! Marks the document once the app has made the served page its own.

use leptos::prelude::*;

/// `<html data-app="started">` once the first render (the hydration of the served page, or the
/// route rendered afresh) is over: effects run after it, in the browser only. From then on the
/// styles stop holding back a listing its address filters (see `public/theme.js`), and tests
/// wait for it.
pub fn mark_started() {
    Effect::new(move |_| {
        #[cfg(target_arch = "wasm32")]
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("data-app", "started");
        }
    });
}
