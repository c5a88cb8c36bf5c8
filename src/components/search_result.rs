//! One search result: the title with the matched words marked, its meta line, and the passage
//! of its body that best shows the match (the summary stands in until the body arrives).

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use quire_model::search::{Highlighter, Segment};
use quire_model::{ArticleSummary, Manifest};

use crate::components::article_card::article_href;
use crate::components::article_meta::ArticleMeta;
use crate::data::fetch_article;
use crate::search::html_text;

/// Words in a snippet: about two lines of a card.
const SNIPPET_WORDS: usize = 32;

/// Marked words as `<mark>`, the rest as text: no markup from the index reaches the DOM.
pub fn marked_text(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|segment| {
            if segment.marked {
                view! { <mark>{segment.text}</mark> }.into_any()
            } else {
                segment.text.into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn SearchResultList(
    manifest: Arc<Manifest>,
    articles: Vec<ArticleSummary>,
    stems: Arc<BTreeSet<String>>,
) -> impl IntoView {
    view! {
        <ol class="article-list search-results">
            {
                let highlighter = Arc::new(Highlighter::new((*stems).clone()));
                articles
                    .into_iter()
                    .map(|article| view! { <SearchResult manifest=manifest.clone() article highlighter=highlighter.clone() /> })
                    .collect_view()
            }
        </ol>
    }
}

#[component]
fn SearchResult(
    manifest: Arc<Manifest>,
    article: ArticleSummary,
    highlighter: Arc<Highlighter>,
) -> impl IntoView {
    let title = marked_text(highlighter.highlight(&article.title));
    let body_text = LocalResource::new({
        let (manifest, slug) = (manifest.clone(), article.slug.clone());
        move || {
            let (manifest, slug) = (manifest.clone(), slug.clone());
            async move {
                let body = fetch_article(manifest, slug).await.ok()??;
                html_text(&body.html)
            }
        }
    });
    let summary = article.summary.clone();
    let snippet = move || {
        let text = body_text.get().flatten().unwrap_or_else(|| summary.clone());
        marked_text(highlighter.snippet(&text, SNIPPET_WORDS))
    };
    view! {
        <li class="article-card search-result">
            <ArticleMeta manifest article=article.clone() />
            <h3 class="article-card__title">
                <A href=article_href(&article.slug)>{title}</A>
            </h3>
            <p class="article-card__summary search-result__snippet">{snippet}</p>
        </li>
    }
}
