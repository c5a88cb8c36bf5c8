//! The category label, date and reading time line shown on cards, the hero and article pages.

use leptos::prelude::*;
use leptos_router::components::A;
use quire_model::{ArticleSummary, Manifest};

use crate::pages::taxonomy::category_href;

#[component]
pub fn ArticleMeta(manifest: std::sync::Arc<Manifest>, article: ArticleSummary) -> impl IntoView {
    let category = manifest.category_name(&article.category).to_owned();
    view! {
        <p class="article-meta">
            <A href=category_href(&article.category) attr:class="article-meta__category">{category}</A>
            <time class="article-meta__date" datetime=article.date.to_string()>
                {article.date.human()}
            </time>
            <span class="article-meta__reading-time">
                {format!("{} min read", article.reading_minutes)}
            </span>
        </p>
    }
}
