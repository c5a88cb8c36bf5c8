//! `/search?q=…`: the full-text search, ranked, with the same filters as `/insights`.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::filtered_listing::{FilteredListing, ListingMode};
use crate::components::page_meta::PageMeta;
use crate::components::with_manifest::WithManifest;

#[component]
pub fn SearchPage() -> impl IntoView {
    view! {
        <WithManifest render=|manifest| {
            view! {
                <PageMeta site=manifest.site.clone() head=quire_model::head::PageHead::search(&manifest.site) />
                <div class="page page--search">
                    <header class="page-header">
                        <h1 class="page-header__title" tabindex="-1">"Search"</h1>
                    </header>
                    <p data-without-js>
                        "Search runs in your browser and needs JavaScript. Every article is also listed by month in the "
                        <A href=crate::base::href(quire_model::routes::ARCHIVE)>"archive"</A>
                        "."
                    </p>
                    <FilteredListing manifest mode=ListingMode::Search />
                </div>
            }
        } />
    }
}
