//! Browser entry point: installs the panic hook and mounts the app into `#app`, beside the page's
//! pre-rendered content (which `public/boot.js` removes once the app has drawn the same route).

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    // wasm-bindgen runs `main` in the task that finishes compiling the module. Mounting in a task
    // of its own lets the browser paint and handle input in between: two shorter tasks instead
    // of one long one (Lighthouse counts every task's time beyond 50 ms as blocking).
    set_timeout(mount, Duration::ZERO);
}

fn mount() {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("the app runs in a browser document");
    let root = document
        .get_element_by_id("app")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body())
        .expect("the page has a body");
    leptos::mount::mount_to(root, quire::App).forget();
}
