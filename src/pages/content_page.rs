//! `/<page>`: a page from `content/pages` (About, Services, …).

use leptos::prelude::*;

use crate::components::document_body::DocumentBody;
use crate::components::page_meta::PageMeta;
use crate::components::with_manifest::WithManifestAndParam;
use crate::pages::not_found::NotFoundView;

#[component]
pub fn ContentPage() -> impl IntoView {
    view! {
        <WithManifestAndParam param="page" render=|manifest, slug: &str| {
            match manifest.pages.iter().find(|page| page.slug == slug) {
                None => view! { <NotFoundView what="page" /> }.into_any(),
                Some(page) => view! {
                    <PageMeta site=manifest.site.clone() head=quire_model::head::PageHead::page(page) />
                    <article class="page page--content article">
                        <header class="page-header">
                            <h1 class="page-header__title" tabindex="-1">{page.title.clone()}</h1>
                            {(!page.description.is_empty()).then(|| view! {
                                <p class="page-header__lede">{page.description.clone()}</p>
                            })}
                        </header>
                        <DocumentBody manifest=manifest.clone() path=page.body.clone() />
                    </article>
                }
                .into_any(),
            }
        } />
    }
}
