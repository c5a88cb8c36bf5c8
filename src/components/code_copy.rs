//! The copy buttons of a body's code blocks (`quire_model::code` puts them in the markup): one
//! click handler on the body, since the buttons live in HTML the app does not render itself.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long a button says "Copied" before it offers to copy again.
const CONFIRMATION: Duration = Duration::from_secs(2);

/// Handles a click anywhere in a body: on a copy button, copies its block's code. Where the
/// clipboard refuses (an insecure origin, a denied permission), the code is selected instead
/// and the status says how to copy it by hand.
pub fn copy_code_on_click(event: web_sys::MouseEvent) {
    let Some(button) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest(".code-block__copy").ok().flatten())
    else {
        return;
    };
    let Some(block) = button.parent_element() else {
        return;
    };
    let code = block.query_selector("code").ok().flatten();
    let status = block.query_selector("[role=status]").ok().flatten();
    let (Some(code), Some(status), Some(window)) = (code, status, web_sys::window()) else {
        return;
    };
    let text = code.text_content().unwrap_or_default();
    let copying = window.navigator().clipboard().write_text(&text);
    let (button, code, status) = (
        send_wrapper::SendWrapper::new(button),
        send_wrapper::SendWrapper::new(code),
        send_wrapper::SendWrapper::new(status),
    );
    leptos::task::spawn_local(async move {
        if JsFuture::from(copying).await.is_ok() {
            button.set_text_content(Some("Copied"));
            status.set_text_content(Some("Code copied"));
            set_timeout(
                move || {
                    button.set_text_content(Some("Copy"));
                    status.set_text_content(None);
                },
                CONFIRMATION,
            );
        } else {
            select_contents(&code);
            status.set_text_content(Some(
                "The code could not be copied; it is selected, so your copy shortcut will copy it",
            ));
        }
    });
}

fn select_contents(element: &web_sys::Element) {
    if let Some(selection) =
        web_sys::window().and_then(|window| window.get_selection().ok().flatten())
    {
        let _ = selection.select_all_children(element);
    }
}
