//! `/category/<slug>` and `/tag/<slug>`: one category's or tag's articles, with the same filters;
//! `/tags`: every tag, A to Z.

use leptos::prelude::*;

use crate::components::filtered_listing::FilteredListing;
use crate::components::page_meta::PageMeta;
use crate::components::with_manifest::{WithManifest, WithManifestAndParam};
use crate::pages::not_found::NotFoundView;
use quire_model::listing_page::FixedFilter;

pub fn category_href(slug: &str) -> String {
    crate::base::href(&quire_model::routes::category(slug))
}

pub fn tag_href(slug: &str) -> String {
    crate::base::href(&quire_model::routes::tag(slug))
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    view! {
        <WithManifestAndParam param="slug" render=|manifest, slug: &str| {
            let Some(category) = manifest.category(slug).cloned() else {
                return view! { <NotFoundView what="category" /> }.into_any();
            };
            let fixed = FixedFilter { category: Some(category.slug.clone()), tag: None };
            let head = quire_model::head::PageHead::category(&category, &manifest.site);
            let description = head.description.clone();
            view! {
                <PageMeta site=manifest.site.clone() head />
                <div class="page page--category">
                    <header class="page-header">
                        <p class="page-header__eyebrow">"Category"</p>
                        <h1 class="page-header__title" tabindex="-1">{category.name.clone()}</h1>
                        <p class="page-header__lede">{description}</p>
                    </header>
                    <FilteredListing manifest=manifest.clone() fixed />
                </div>
            }
            .into_any()
        } />
    }
}

#[component]
pub fn TagPage() -> impl IntoView {
    view! {
        <WithManifestAndParam param="slug" render=|manifest, slug: &str| {
            let Some(tag) = manifest.tag(slug).cloned() else {
                return view! { <NotFoundView what="tag" /> }.into_any();
            };
            let fixed = FixedFilter { category: None, tag: Some(tag.slug.clone()) };
            view! {
                <PageMeta site=manifest.site.clone() head=quire_model::head::PageHead::tag(&tag, &manifest.site) />
                <div class="page page--tag">
                    <header class="page-header">
                        <h1 class="page-header__title" tabindex="-1">{format!("Tag: {}", tag.name)}</h1>
                    </header>
                    <FilteredListing manifest=manifest.clone() fixed />
                </div>
            }
            .into_any()
        } />
    }
}

#[component]
pub fn TagsPage() -> impl IntoView {
    view! {
        <WithManifest render=|manifest| {
            view! {
                <PageMeta site=manifest.site.clone() head=quire_model::head::PageHead::tags(&manifest.site) />
                <div class="page page--tags">
                    <header class="page-header">
                        <h1 class="page-header__title" tabindex="-1">"Tags"</h1>
                        <p class="page-header__lede">{quire_model::Manifest::TAGS_LEDE}</p>
                    </header>
                    <div
                        class="tag-directory"
                        inner_html=manifest.tags_index_html(&crate::base::site_base())
                    ></div>
                </div>
            }
        } />
    }
}
