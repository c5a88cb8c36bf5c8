//! The site header: the publication's name, its navigation (the current page marked), search
//! and the theme toggle.

use leptos::prelude::*;

use crate::components::site_link::SiteLink;
use crate::components::site_search::SiteSearch;
use crate::components::theme_toggle::ThemeToggle;
use crate::data::use_manifest;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let manifest = use_manifest().0;
    let site = move || manifest.get().and_then(Result::ok).map(|m| m.site.clone());
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <SiteLink link="/".to_owned() class="site-header__brand">
                    {move || site().map_or_else(|| "Insights".to_owned(), |site| site.title)}
                </SiteLink>
                <nav class="site-header__nav" aria-label="Main">
                    <ul>
                        {move || {
                            site()
                                .map(|site| {
                                    site.nav
                                        .into_iter()
                                        .map(|link| {
                                            view! {
                                                <li>
                                                    <SiteLink link=link.href>{link.label}</SiteLink>
                                                </li>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </ul>
                </nav>
                <SiteSearch />
                <ThemeToggle />
            </div>
        </header>
    }
}
