//! `/`: the featured article as a hero, the latest articles, the categories and the call to action.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use quire_model::Manifest;

use crate::components::article_card::{ArticleList, article_href};
use crate::components::article_meta::ArticleMeta;
use crate::components::call_to_action::CallToAction;
use crate::components::cover::{Cover, CoverPlace};
use crate::components::page_meta::PageMeta;
use crate::components::with_manifest::WithManifest;
use crate::pages::taxonomy::category_href;
use quire_model::query::count_label;

/// How many articles the home page lists below the hero.
pub const LATEST_COUNT: usize = 12;

#[component]
pub fn HomePage() -> impl IntoView {
    view! { <WithManifest render=|manifest| view! { <HomeView manifest /> } /> }
}

#[component]
pub fn HomeView(manifest: Arc<Manifest>) -> impl IntoView {
    let site = manifest.site.clone();
    let featured = manifest.featured.clone();
    let latest: Vec<_> = manifest
        .latest_after_featured(LATEST_COUNT)
        .into_iter()
        .cloned()
        .collect();
    let latest_empty_state = manifest.home_latest_empty_state(latest.len());
    let hero = featured.map(|article| {
        let href = article_href(&article.slug);
        let title = article.title.clone();
        let read_label = format!("Read article: {}", article.title);
        view! {
            <section class="hero" aria-labelledby="hero-title">
                <Cover article=article.clone() place=CoverPlace::Lead />
                <p class="hero__eyebrow">"Featured"</p>
                <ArticleMeta manifest=manifest.clone() article=article.clone() />
                <h2 id="hero-title" class="hero__title">
                    <A href=href.clone()>{title}</A>
                </h2>
                <p class="hero__summary">{article.summary.clone()}</p>
                <A href=href attr:class="button" attr:aria-label=read_label>
                    "Read article"
                </A>
            </section>
        }
    });
    let json_ld = crate::components::page_meta::canonical_url(&site)
        .map(|url| quire_model::head::website_json_ld(&site, &url));
    view! {
        <PageMeta site=site.clone() head=quire_model::head::PageHead::home(&site) json_ld />
        <div class="page page--home">
            <header class="page-header">
                <h1 class="page-header__title" tabindex="-1">{site.title.clone()}</h1>
                <p class="page-header__lede">{site.tagline.clone()}</p>
            </header>
            {hero}
            <section class="latest" aria-labelledby="latest-title">
                <h2 id="latest-title" class="section-title">"Latest articles"</h2>
                {match latest_empty_state {
                    None => view! { <ArticleList manifest=manifest.clone() articles=latest /> }.into_any(),
                    Some(empty) => view! { <p class="empty-state">{empty}</p> }.into_any(),
                }}
                <p class="latest__more">
                    <A href=crate::base::href(quire_model::routes::INSIGHTS)>"All articles"</A>
                </p>
            </section>
                <section class="categories" aria-labelledby="categories-title">
                    <h2 id="categories-title" class="section-title">"Categories"</h2>
                    <ul class="categories__list">
                        {manifest.categories.iter().filter(|c| c.count > 0).map(|category| {
                            let name = category.name.clone();
                            view! {
                                <li class="categories__item">
                                    <A href=category_href(&category.slug)>{name}</A>
                                    <span class="categories__count">{count_label(category.count)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
                <CallToAction call_to_action=site.call_to_action.clone() />
        </div>
    }
}
