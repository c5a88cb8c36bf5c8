//! `/insights/<slug>`: an article's header from the manifest, its body fetched on demand.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use quire_model::{ArticleSummary, Manifest};

use crate::components::article_card::article_href;
use crate::components::article_meta::ArticleMeta;
use crate::components::call_to_action::CallToAction;
use crate::components::load_state::{LoadErrorView, LoadingState};
use crate::components::with_manifest::WithManifest;
use crate::data::fetch_article_body;
use crate::pages::not_found::NotFoundView;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    move || {
        let slug = slug.get();
        view! {
            <WithManifest render=move |manifest| {
                match manifest.article(&slug).cloned() {
                    Some(article) => view! { <ArticleView manifest article /> }.into_any(),
                    None => view! { <NotFoundView what="article" /> }.into_any(),
                }
            } />
        }
    }
}

#[component]
fn ArticleView(manifest: Arc<Manifest>, article: ArticleSummary) -> impl IntoView {
    let body_path = article.body.clone();
    let body = LocalResource::new(move || fetch_article_body(body_path.clone()));
    let (newer, older) = manifest.neighbours(&article.slug);
    let neighbour_link = |label: &'static str, neighbour: Option<&ArticleSummary>| {
        neighbour.map(|n| {
            let title = n.title.clone();
            view! {
                <A href=article_href(&n.slug) attr:class="article-nav__link">
                    <span class="article-nav__label">{label}</span>
                    <span class="article-nav__title">{title}</span>
                </A>
            }
        })
    };
    let newer_link = neighbour_link("Newer", newer);
    let older_link = neighbour_link("Older", older);
    let tags: Vec<_> = article
        .tags
        .iter()
        .map(|slug| {
            manifest
                .tag(slug)
                .map_or_else(|| slug.clone(), |tag| tag.name.clone())
        })
        .collect();
    let updated = article.updated.map(|updated| {
        view! {
            <p class="article__updated">
                "Updated " <time datetime=updated.to_string()>{updated.human()}</time>
            </p>
        }
    });
    let body_view = move || match body.get() {
        None => view! { <LoadingState label="Loading the article…" /> }.into_any(),
        Some(Ok(body)) => {
            view! { <div class="article__body prose" inner_html=body.html.clone()></div> }
                .into_any()
        }
        Some(Err(error)) => view! {
            <LoadErrorView
                error
                heading="The article text could not be loaded"
                on_retry=move || body.refetch()
            />
        }
        .into_any(),
    };
    view! {
        <Title text=format!("{} · {}", article.title, manifest.site.title) />
        <Meta name="description" content=article.summary.clone() />
        <article class="article">
            <header class="article__header">
                <ArticleMeta manifest=manifest.clone() article=article.clone() />
                <h1 class="article__title" tabindex="-1">{article.title.clone()}</h1>
                <p class="article__summary">{article.summary.clone()}</p>
                {updated}
                {(!tags.is_empty()).then(|| view! {
                    <ul class="article__tags" aria-label="Tags">
                        {tags.into_iter().map(|tag| view! { <li class="tag">{tag}</li> }).collect_view()}
                    </ul>
                })}
            </header>
            {body_view}
            <nav class="article-nav" aria-label="More articles">{newer_link} {older_link}</nav>
        </article>
        <CallToAction call_to_action=manifest.site.call_to_action.clone() />
    }
}
