//! A link from `site.toml`, or the header's home link, marked `aria-current` while the reader is
//! in the section it leads to: by the rule the pre-rendered pages follow
//! ([`routes::is_current`]), so the mark does not change when the app takes over.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use quire_model::routes;

use crate::base::{href, site_base};

#[component]
pub fn SiteLink(
    /// As written in `site.toml`: a root-relative route or a URL off the site.
    link: String,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let pathname = use_location().pathname;
    let target = href(&link);
    // The router follows a plain link's click itself; `<A>` would mark the link by its own rule.
    let current = move || {
        pathname.with(|path| {
            site_base()
                .route(path)
                .is_some_and(|route| routes::is_current(&link, route))
                .then_some("page")
        })
    };
    view! {
        <a href=target class=class aria-current=current>
            {children()}
        </a>
    }
}
