//! `/insights`: every article, newest first, with the URL-driven filter bar.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::filtered_listing::FilteredListing;
use crate::components::with_manifest::WithManifest;

#[component]
pub fn InsightsPage() -> impl IntoView {
    view! {
        <WithManifest render=|manifest| {
            let title = format!("All articles · {}", manifest.site.title);
            let description = format!("Every article published on {}.", manifest.site.title);
            view! {
                <Title text=title />
                <Meta name="description" content=description />
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
