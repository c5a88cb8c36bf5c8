//! The category label, date and reading time line shown on cards, the hero and article pages.

use leptos::prelude::*;
use quire_model::text::reading_time_label;
use quire_model::{ArticleSummary, Manifest};

use crate::pages::taxonomy::category_href;

#[component]
pub fn ArticleMeta(manifest: std::sync::Arc<Manifest>, article: ArticleSummary) -> impl IntoView {
    let category = article.category.as_deref().map(|slug| {
        let name = manifest.category_name(slug).to_owned();
        // A plain anchor, opened in the app by the router like any other: on a category's own
        // page, `A` would mark each card's label as the current page.
        view! { <a href=category_href(slug) class="article-meta__category">{name}</a> }
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
