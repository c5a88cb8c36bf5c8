//! The category label, date and reading time line shown on cards, the hero and article pages.

use leptos::prelude::*;
use quire_model::{ArticleSummary, Manifest};

#[component]
pub fn ArticleMeta(manifest: std::sync::Arc<Manifest>, article: ArticleSummary) -> impl IntoView {
    let category = manifest.category_name(&article.category).to_owned();
    view! {
        <p class="article-meta">
            <span class="article-meta__category">{category}</span>
            <time class="article-meta__date" datetime=article.date.to_string()>
                {article.date.human()}
            </time>
            <span class="article-meta__reading-time">
                {format!("{} min read", article.reading_minutes)}
            </span>
        </p>
    }
}
