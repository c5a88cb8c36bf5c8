//! `/insights`: every article, newest first, with the URL-driven filter bar.

use leptos::prelude::*;

use crate::components::filtered_listing::FilteredListing;
use crate::components::page_meta::PageMeta;
use crate::components::with_manifest::WithManifest;

#[component]
pub fn InsightsPage() -> impl IntoView {
    view! {
        <WithManifest render=|manifest| {
            view! {
                <PageMeta site=manifest.site.clone() head=quire_model::head::PageHead::insights(&manifest.site) />
                <div class="page page--insights">
                    <header class="page-header">
                        <h1 class="page-header__title" tabindex="-1">"All articles"</h1>
                    </header>
                    <FilteredListing manifest />
                </div>
            }
        } />
    }
}
