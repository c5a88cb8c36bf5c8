//! One listing entry: an `<article>` whose heading links to the article, with its meta and summary.

use std::sync::Arc;

use leptos::prelude::*;
use quire_model::{ArticleSummary, Manifest};

use crate::components::article_meta::ArticleMeta;
use crate::components::cover::{Cover, CoverPlace};

pub fn article_href(slug: &str) -> String {
    crate::base::href(&quire_model::routes::article(slug))
}

/// Its links are plain anchors, which the router still opens in the app: a card never links to
/// the page it is on, so it needs none of `A`'s tracking of the current address, whose effects
/// were a large part of drawing a page of cards after a filter change.
#[component]
pub fn ArticleCard(manifest: Arc<Manifest>, article: ArticleSummary) -> impl IntoView {
    let href = article_href(&article.slug);
    view! {
        <article class="article-card">
            <Cover article=article.clone() place=CoverPlace::Card />
            <ArticleMeta manifest article=article.clone() />
            <h3 class="article-card__title">
                <a href=href>{article.title.clone()}</a>
            </h3>
            <p class="article-card__summary">{article.summary.clone()}</p>
        </article>
    }
}

/// A list of cards; keyed by slug so re-sorting moves nodes instead of rebuilding them.
#[component]
pub fn ArticleList(manifest: Arc<Manifest>, articles: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <div class="article-list">
            <For each=move || articles.clone() key=|article| article.slug.clone() let(article)>
                <ArticleCard manifest=manifest.clone() article />
            </For>
        </div>
    }
}
