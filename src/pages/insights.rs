//! `/insights`: every published article, newest first.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use quire_model::Manifest;

use crate::components::article_card::ArticleList;
use crate::components::with_manifest::WithManifest;

#[component]
pub fn InsightsPage() -> impl IntoView {
    view! { <WithManifest render=|manifest| view! { <InsightsView manifest /> } /> }
}

#[component]
fn InsightsView(manifest: Arc<Manifest>) -> impl IntoView {
    let articles = manifest.articles.clone();
    let count = articles.len();
    let title = format!("All articles · {}", manifest.site.title);
    view! {
        <Title text=title />
        <Meta name="description" content=format!("Every article published on {}.", manifest.site.title) />
        <div class="page page--insights">
            <header class="page-header">
                <h1 class="page-header__title" tabindex="-1">"All articles"</h1>
                <p class="page-header__lede" role="status">
                    {if count == 1 { "1 article".to_owned() } else { format!("{count} articles") }}
                </p>
            </header>
            <ArticleList manifest=manifest.clone() articles />
        </div>
    }
}
