//! `/insights/<slug>`: an article found through the bundle's slug lookup; its header shows at once
//! when the manifest already lists it, and a failed body fetch is reported in the body area only.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use quire_model::code::with_copy_buttons;
use quire_model::text::byline;
use quire_model::{ArticleBody, ArticleLink, ArticleSummary, Manifest};

use crate::components::article_card::{ArticleList, article_href};
use crate::components::article_meta::ArticleMeta;
use crate::components::call_to_action::CallToAction;
use crate::components::code_copy::copy_code_on_click;
use crate::components::cover::{Cover, CoverPlace};
use crate::components::load_state::{Frame, WhenLoaded};
use crate::components::page_meta::{PageMeta, canonical_url};
use crate::components::table_of_contents::TableOfContents;
use crate::components::with_manifest::WithManifestAndParam;
use crate::data::{Loadable, fetch_article};
use crate::pages::not_found::NotFoundView;
use crate::pages::taxonomy::tag_href;
use quire_model::head::{PageHead, article_json_ld};

#[component]
pub fn ArticlePage() -> impl IntoView {
    view! {
        <WithManifestAndParam param="slug" render=|manifest, slug: &str| {
            view! { <ArticleLoader manifest slug=slug.to_owned() /> }
        } />
    }
}

#[component]
fn ArticleLoader(manifest: Arc<Manifest>, slug: String) -> impl IntoView {
    let listed = manifest
        .latest
        .iter()
        .find(|article| article.slug == slug)
        .cloned();
    let article = Loadable::new({
        let (manifest, slug) = (manifest.clone(), slug.clone());
        move || fetch_article(manifest.clone(), slug.clone())
    });
    // The manifest lists the newest articles: their header shows while the body loads.
    let frame = listed.map(|summary| -> Frame {
        let manifest = manifest.clone();
        Arc::new(move |state: AnyView| {
            let (manifest, summary) = (manifest.clone(), summary.clone());
            view! { <ArticleFrame manifest summary>{state}</ArticleFrame> }.into_any()
        })
    });
    view! {
        <WhenLoaded
            state=move || article.get()
            ready=move |body| match body {
                None => view! { <NotFoundView what="article" /> }.into_any(),
                Some(body) => view! { <ArticleView manifest=manifest.clone() body /> }.into_any(),
            }
            loading="Loading the article…"
            error_heading="The article text could not be loaded"
            on_retry=move || article.refetch()
            frame
        />
    }
}

/// The article's header and frame; the body area is whatever the caller puts inside.
#[component]
fn ArticleFrame(
    manifest: Arc<Manifest>,
    summary: ArticleSummary,
    children: Children,
) -> impl IntoView {
    let tags: Vec<(String, String)> = summary
        .tags
        .iter()
        .map(|slug| (slug.clone(), manifest.tag_name(slug).to_owned()))
        .collect();
    let updated = summary.updated.map(|updated| {
        let (datetime, date) = (updated.to_string(), updated.human());
        view! {
            <p class="article__updated">
                "Updated " <time datetime=datetime>{date}</time>
            </p>
        }
    });
    let json_ld =
        canonical_url(&manifest.site).map(|url| article_json_ld(&manifest, &summary, &url));
    view! {
        <PageMeta site=manifest.site.clone() head=PageHead::article(&summary) json_ld />
        <article class="article">
            <header class="article__header">
                <ArticleMeta manifest=manifest.clone() article=summary.clone() />
                <h1 class="article__title" tabindex="-1">{summary.title.clone()}</h1>
                // A summary cut from the first paragraph is not repeated above it.
                {summary.own_summary.then(|| view! { <p class="article__summary">{summary.summary.clone()}</p> })}
                {byline(&summary.authors).map(|byline| view! { <p class="article__byline">{byline}</p> })}
                {updated}
                {(!tags.is_empty()).then(|| view! {
                    <ul class="article__tags" aria-label="Tags">
                        {tags.into_iter().map(|(slug, name)| view! {
                            <li><A href=tag_href(&slug) attr:class="tag">{name}</A></li>
                        }).collect_view()}
                    </ul>
                })}
            </header>
            <Cover article=summary.clone() place=CoverPlace::Lead />
            {children()}
        </article>
    }
}

fn neighbour_link(label: &'static str, neighbour: Option<ArticleLink>) -> impl IntoView {
    neighbour.map(|neighbour| {
        let title = neighbour.title;
        view! {
            <A href=article_href(&neighbour.slug) attr:class="article-nav__link">
                <span class="article-nav__label">{label}</span>
                <span class="article-nav__title">{title}</span>
            </A>
        }
    })
}

#[component]
fn ArticleView(manifest: Arc<Manifest>, body: Arc<ArticleBody>) -> impl IntoView {
    let related = body.related.clone();
    view! {
        <ArticleFrame manifest=manifest.clone() summary=body.article.clone()>
            <TableOfContents entries=body.toc.clone() page_href=article_href(&body.article.slug) />
            <div
                class="article__body prose"
                inner_html=with_copy_buttons(&body.html).into_owned()
                on:click=copy_code_on_click
            ></div>
            <nav class="article-nav" aria-label="Newer and older articles">
                {neighbour_link("Newer", body.newer.clone())}
                {neighbour_link("Older", body.older.clone())}
            </nav>
        </ArticleFrame>
            {(!related.is_empty()).then(|| view! {
                <section class="related" aria-labelledby="related-title">
                    <h2 id="related-title" class="section-title">"Related articles"</h2>
                    <ArticleList manifest=manifest.clone() articles=related.clone() />
                </section>
            })}
            <CallToAction call_to_action=manifest.site.call_to_action.clone() />
    }
}
