//! `/case-studies` (studies grouped in their sections, a study may sit in several) and
//! `/case-studies/<slug>` (one study).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use quire_model::Manifest;

use crate::components::call_to_action::CallToAction;
use crate::components::document_body::DocumentBody;
use crate::components::page_meta::PageMeta;
use crate::components::with_manifest::{WithManifest, WithManifestAndParam};
use crate::pages::not_found::NotFoundView;
use quire_model::head::PageHead;
use quire_model::text::reading_time_label;

pub fn case_study_href(slug: &str) -> String {
    crate::base::href(&quire_model::routes::case_study(slug))
}

#[component]
pub fn CaseStudiesPage() -> impl IntoView {
    view! { <WithManifest render=|manifest| view! { <CaseStudiesView manifest /> } /> }
}

#[component]
fn CaseStudiesView(manifest: Arc<Manifest>) -> impl IntoView {
    let sections = manifest
        .case_study_sections
        .iter()
        .filter_map(|section| {
            let studies: Vec<_> = manifest
                .case_studies
                .iter()
                .filter(|study| study.sections.contains(&section.slug))
                .collect();
            if studies.is_empty() {
                return None;
            }
            let heading_id = format!("section-{}", section.slug);
            let labelled_by = heading_id.clone();
            let items = studies
                .into_iter()
                .map(|study| {
                    let title = study.title.clone();
                    view! {
                        <li class="case-study-entry">
                            <h3 class="case-study-entry__title">
                                <A href=case_study_href(&study.slug)>{title}</A>
                            </h3>
                            <p class="case-study-entry__subtitle">{study.subtitle.clone()}</p>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="case-study-section" aria-labelledby=labelled_by>
                    <h2 id=heading_id class="section-title">{section.name.clone()}</h2>
                    <ul class="case-study-list">{items}</ul>
                </section>
            })
        })
        .collect_view();
    let empty = manifest.case_studies.is_empty();
    view! {
        <PageMeta site=manifest.site.clone() head=PageHead::case_studies(&manifest.site) />
        <div class="page page--case-studies">
            <header class="page-header">
                <h1 class="page-header__title" tabindex="-1">"Case studies"</h1>
            </header>
            {empty.then(|| view! { <p class="empty-state">"No case studies have been published yet."</p> })}
            {sections}
        </div>
        <CallToAction call_to_action=manifest.site.call_to_action.clone() />
    }
}

#[component]
pub fn CaseStudyPage() -> impl IntoView {
    view! {
        <WithManifestAndParam param="slug" render=|manifest, slug: &str| {
            match manifest.case_studies.iter().find(|study| study.slug == slug) {
                None => view! { <NotFoundView what="case study" /> }.into_any(),
                Some(study) => {
                    let sections: Vec<String> = study
                        .sections
                        .iter()
                        .filter_map(|slug| manifest.case_study_sections.iter().find(|s| &s.slug == slug))
                        .map(|section| section.name.clone())
                        .collect();
                    let date = study.date.map(|date| (date.to_string(), date.human()));
                    let reading_time = reading_time_label(study.reading_minutes);
                    view! {
                        <PageMeta site=manifest.site.clone() head=PageHead::case_study(study) />
                        <article class="article">
                            <header class="article__header">
                                <p class="article-meta">
                                    <A href=crate::base::href(quire_model::routes::CASE_STUDIES) attr:class="article-meta__category">"Case study"</A>
                                    <span>{sections.join(" · ")}</span>
                                    {date.map(|(datetime, date)| view! { <time datetime=datetime>{date}</time> })}
                                    <span>{reading_time}</span>
                                </p>
                                <h1 class="article__title" tabindex="-1">{study.title.clone()}</h1>
                                <p class="article__summary">{study.subtitle.clone()}</p>
                            </header>
                            <DocumentBody manifest=manifest.clone() path=study.body.clone() />
                        </article>
                        <CallToAction call_to_action=manifest.site.call_to_action.clone() />
                    }
                    .into_any()
                }
            }
        } />
    }
}
