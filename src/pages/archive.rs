//! `/archive`, `/archive/<yyyy>`, `/archive/<yyyy>/<mm>`: counts per year and month, and the
//! articles of the chosen period.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map};
use quire_model::Manifest;
use quire_model::archive::{ArchivePeriod, month_label, whole_archive_note, years};
use quire_model::head::PageHead;
use quire_model::listing_page::{PAGE_SIZE, PageOfArticles, count_in_parentheses};
use quire_model::query::{ListingQuery, count_label};

use crate::components::article_card::ArticleList;
use crate::components::filtered_listing::QueryPending;
use crate::components::load_state::WhenLoaded;
use crate::components::page_meta::PageMeta;
use crate::components::pagination::Pagination;
use crate::components::with_manifest::WithManifest;
use crate::data::use_listing_between;
use crate::pages::not_found::NotFoundView;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let params = use_params_map();
    let period = Memo::new(move |_| {
        let params = params.read();
        ArchivePeriod::from_segments(
            params.get("year").as_deref(),
            params.get("month").as_deref(),
        )
    });
    move || {
        let period = period.get();
        view! {
            <WithManifest render=move |manifest| match period {
                Some(period) if period.exists_in(&manifest.archive) || period == ArchivePeriod::All => {
                    view! { <ArchiveView manifest period /> }.into_any()
                }
                _ => view! { <NotFoundView what="archive page" /> }.into_any(),
            } />
        }
    }
}

#[component]
fn ArchiveView(manifest: Arc<Manifest>, period: ArchivePeriod) -> impl IntoView {
    let heading = period.heading();
    let site = manifest.site.clone();
    let tree = archive_index(&manifest, period);
    let whole_archive = period
        .range()
        .is_none()
        .then(|| whole_archive_note(&manifest.archive));
    let articles = period_articles(manifest, period);
    view! {
        <PageMeta site=site head=PageHead::archive(period) />
        <div class="page page--archive">
            <header class="page-header">
                <h1 class="page-header__title" tabindex="-1">{heading}</h1>
            </header>
            <div class="archive">
                <nav class="archive__index" aria-label="Archive by month">
                    <ul class="archive__years">{tree}</ul>
                </nav>
                <div class="archive__articles">
                    {match whole_archive {
                        None => view! {
                            <h2 class="visually-hidden">"Articles"</h2>
                            <QueryPending />
                            <div data-query-results>{articles}</div>
                        }
                        .into_any(),
                        Some(note) => view! { <p class="archive__note">{note}</p> }.into_any(),
                    }}
                </div>
            </div>
        </div>
    }
}

/// Every year with its months, each linked, with its count; the period shown is marked.
fn archive_index(manifest: &Manifest, period: ArchivePeriod) -> impl IntoView + use<> {
    years(&manifest.archive)
        .into_iter()
        .map(|year| {
            let months = year
                .months
                .iter()
                .map(|month| {
                    let current = period == ArchivePeriod::Month { year: year.year, month: month.month };
                    let label = month_label(year.year, month.month);
                    let count = count_in_parentheses(month.count);
                    view! {
                        <li>
                            <A href=crate::base::href(&quire_model::routes::archive_month(year.year, month.month)) attr:aria-current=current.then_some("page")>
                                {label}
                            </A>
                            <span class="archive__count">{count}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="archive__year">
                    <A href=crate::base::href(&quire_model::routes::archive_year(year.year))>{year.year.to_string()}</A>
                    <span class="archive__count">{count_in_parentheses(year.count)}</span>
                    <ul class="archive__months">{months}</ul>
                </li>
            }
        })
        .collect_view()
}

/// A year's or a month's articles, paged by `?page=` (a year can hold thousands); the whole
/// archive lists periods, not articles, and loads none.
fn period_articles(manifest: Arc<Manifest>, period: ArchivePeriod) -> Option<impl IntoView> {
    let range = period.range()?;
    let listing = use_listing_between(range.0.first_day(), range.1.last_day());
    let location = use_location();
    let url_query = Memo::new(move |_| ListingQuery {
        page: ListingQuery::parse(&location.search.get()).page,
        ..ListingQuery::default()
    });
    Some(view! {
        <WhenLoaded
            state=move || listing.get()
            ready=move |all| {
                let shown = PageOfArticles::between(&all, range, url_query.get().page, PAGE_SIZE);
                view! {
                    <p class="filtered-listing__count" role="status">{count_label(shown.total)}</p>
                    <ArticleList manifest=manifest.clone() articles=shown.items />
                    <Pagination page=shown.page url_query pathname=location.pathname />
                }
            }
            loading="Loading the articles…"
            error_heading="The articles could not be loaded"
            on_retry=move || listing.refetch()
        />
    })
}
