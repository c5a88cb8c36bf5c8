//! The category label, date and reading time line shown on cards, the hero and article pages.

use leptos::prelude::*;
use leptos_router::components::A;
use quire_model::text::reading_time_label;
use quire_model::{ArticleSummary, Manifest};

use crate::pages::taxonomy::category_href;

#[component]
pub fn ArticleMeta(manifest: std::sync::Arc<Manifest>, article: ArticleSummary) -> impl IntoView {
    let category = article.category.as_deref().map(|slug| {
        let name = manifest.category_name(slug).to_owned();
        view! { <A href=category_href(slug) attr:class="article-meta__category">{name}</A> }
    });
    let date = article.date.human();
    let reading_time = reading_time_label(article.reading_minutes);
    view! {
        <p class="article-meta">
            {category}
            <time class="article-meta__date" datetime=article.published_at()>
                {date}
            </time>
            <span class="article-meta__reading-time">
                {reading_time}
            </span>
        </p>
    }
}
