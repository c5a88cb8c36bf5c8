//! `/insights`: every published article, newest first, from the full listing.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use quire_model::{ArticleSummary, Manifest};

use crate::components::article_card::ArticleList;
use crate::components::load_state::{LoadErrorView, LoadingState};
use crate::components::with_manifest::WithManifest;
use crate::data::use_listing;

#[component]
pub fn InsightsPage() -> impl IntoView {
    view! { <WithManifest render=|manifest| view! { <InsightsView manifest /> } /> }
}

#[component]
fn InsightsView(manifest: Arc<Manifest>) -> impl IntoView {
    let listing = use_listing();
    let count = manifest.article_count;
    let title = format!("All articles · {}", manifest.site.title);
    let description = format!("Every article published on {}.", manifest.site.title);
    let articles = move || {
        let manifest = manifest.clone();
        match listing.get() {
            None => view! { <LoadingState label="Loading the articles…" /> }.into_any(),
            Some(Ok(articles)) => {
                let articles: Vec<ArticleSummary> = articles.as_ref().clone();
                view! { <ArticleList manifest articles /> }.into_any()
            }
            Some(Err(error)) => view! {
                <LoadErrorView
                    error
                    heading="The articles could not be loaded"
                    on_retry=move || listing.refetch()
                />
            }
            .into_any(),
        }
    };
    view! {
        <Title text=title />
        <Meta name="description" content=description />
        <div class="page page--insights">
            <header class="page-header">
                <h1 class="page-header__title" tabindex="-1">"All articles"</h1>
                <p class="page-header__lede" role="status">
                    {if count == 1 { "1 article".to_owned() } else { format!("{count} articles") }}
                </p>
            </header>
            {articles}
        </div>
    }
}
