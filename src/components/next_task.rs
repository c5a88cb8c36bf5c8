//! Renders its children in a browser task of their own while the app starts behind the
//! pre-rendered page, so that starting is several short tasks instead of one long one.

use std::time::Duration;

use leptos::prelude::*;

/// Renders `children` once the current task has ended and the browser has had its turn, if the
/// pre-rendered page is still in front of the app; at once otherwise (after the take-over, a
/// part arriving a frame late would be seen).
///
/// Meanwhile a hidden placeholder says `aria-busy`, which `public/boot.js` waits out before the
/// app replaces the pre-rendered page: the reader never sees a part arrive late.
#[component]
pub fn NextTask(children: ChildrenFn) -> impl IntoView {
    let (started, set_started) = signal(!behind_prerendered_page());
    if !started.get_untracked() {
        set_timeout(move || set_started.set(true), Duration::ZERO);
    }
    move || {
        if started.get() {
            children().into_any()
        } else {
            view! { <span hidden aria-busy="true"></span> }.into_any()
        }
    }
}

/// Whether the compiler's pre-rendered page (`#prerender`, see `public/boot.js`) is still shown.
fn behind_prerendered_page() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("prerender"))
        .is_some()
}
