//! The not-found page: says so plainly, links back, and suggests a few articles. Reached by a
//! link inside the app, it first lets the host answer (see `host_answer`).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

use crate::components::article_card::article_href;
use crate::components::host_answer::{ask_host, host_not_asked};
use crate::components::load_state::LoadingState;
use crate::components::route_focus::route_content_changed;
use crate::data::use_manifest;

/// How many recent articles the not-found page suggests.
const SUGGESTION_COUNT: usize = 3;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFoundView what="page" /> }
}

/// Shared by unknown routes and unknown slugs, so both look and read the same.
#[component]
pub fn NotFoundView(#[prop(default = "page")] what: &'static str) -> impl IntoView {
    if leptos_router::hooks::use_location()
        .pathname
        .with_untracked(|path| host_not_asked(path))
    {
        ask_host();
        return view! { <LoadingState /> }.into_any();
    }
    route_content_changed();
    let manifest = use_manifest().0;
    let suggestions = move || {
        manifest.get().and_then(Result::ok).map(|manifest| {
            let items = manifest
                .latest
                .iter()
                .take(SUGGESTION_COUNT)
                .map(|article| {
                    let title = article.title.clone();
                    view! {
                        <li>
                            <A href=article_href(&article.slug)>{title}</A>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="not-found__suggestions" aria-labelledby="suggestions-title">
                    <h2 id="suggestions-title" class="section-title">"Recent articles"</h2>
                    <ul>{items}</ul>
                </section>
            }
        })
    };
    view! {
        <Title text=quire_model::head::PageHead::not_found().title />
        <Meta name="robots" content="noindex" />
        <div class="page page--not-found">
            <header class="page-header">
                <h1 class="page-header__title" tabindex="-1">
                    {format!("This {what} does not exist")}
                </h1>
                <p class="page-header__lede">
                    "The link may be old or mistyped. Try the home page or the full list of articles."
                </p>
            </header>
            <p class="not-found__links">
                // Plain links: `<A>` would mark Home as the current page under any unknown path.
                <a href=crate::base::href("/") class="button">"Home"</a>
                " "
                <a href=crate::base::href(quire_model::routes::INSIGHTS) class="button button--secondary">"All articles"</a>
            </p>
            {suggestions}
        </div>
    }
    .into_any()
}
