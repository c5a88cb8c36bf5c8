//! The site footer: link columns from `site.toml` and the publication's name.

use leptos::prelude::*;

use crate::components::site_link::SiteLink;
use crate::data::use_manifest;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let manifest = use_manifest().0;
    let site = move || manifest.get().and_then(Result::ok).map(|m| m.site.clone());
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                {move || {
                    site()
                        .map(|site| {
                            let columns = site
                                .footer
                                .into_iter()
                                .map(|column| {
                                    let label = column.title.clone();
                                    view! {
                                        <nav class="site-footer__column" aria-label=label>
                                            <h2 class="site-footer__heading">{column.title}</h2>
                                            <ul>
                                                {column
                                                    .links
                                                    .into_iter()
                                                    .map(|link| view! { <li><SiteLink link=link.href>{link.label}</SiteLink></li> })
                                                    .collect_view()}
                                            </ul>
                                        </nav>
                                    }
                                })
                                .collect_view();
                            view! {
                                <div class="site-footer__columns">{columns}</div>
                                <p class="site-footer__fineprint">
                                    {site.title} " · " {site.tagline}
                                </p>
                            }
                        })
                }}
            </div>
        </footer>
    }
}
