//! The site's call-to-action block, shown when `site.toml` declares one.

use leptos::prelude::*;
use leptos_router::components::A;
use quire_model::CallToAction as CallToActionData;

#[component]
pub fn CallToAction(call_to_action: Option<CallToActionData>) -> impl IntoView {
    call_to_action.map(|cta| {
        view! {
            <aside class="call-to-action" aria-labelledby="call-to-action-title">
                <h2 id="call-to-action-title" class="call-to-action__title">{cta.title}</h2>
                <p class="call-to-action__text">{cta.text}</p>
                <A href=crate::base::href(&cta.href) attr:class="button">{cta.label}</A>
            </aside>
        }
    })
}
