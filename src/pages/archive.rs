//! `/archive`, `/archive/<yyyy>`, `/archive/<yyyy>/<mm>`: counts per year and month, and the
//! articles of the chosen period.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map};
use quire_model::archive::{ArchivePeriod, whole_archive_note, years};
use quire_model::head::PageHead;
use quire_model::query::{ListingQuery, count_label, paginate};
use quire_model::{Date, Manifest};

use crate::components::article_card::ArticleList;
use crate::components::filtered_listing::{PAGE_SIZE, QueryPending};
use crate::components::load_state::{LoadErrorView, LoadingState};
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
    let tree = years(&manifest.archive)
        .into_iter()
        .map(|year| {
            let months = year
                .months
                .iter()
                .map(|month| {
                    let current = period == ArchivePeriod::Month { year: year.year, month: month.month };
                    let label = Date::new(year.year, month.month, 1).map(|d| d.month_heading()).unwrap_or_default();
                    view! {
                        <li>
                            <A href=crate::base::href(&quire_model::routes::archive_month(year.year, month.month)) attr:aria-current=current.then_some("page")>
                                {label}
                            </A>
                            <span class="archive__count">{format!(" ({})", month.count)}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="archive__year">
                    <A href=crate::base::href(&quire_model::routes::archive_year(year.year))>{year.year.to_string()}</A>
                    <span class="archive__count">{format!(" ({})", year.count)}</span>
                    <ul class="archive__months">{months}</ul>
                </li>
            }
        })
        .collect_view();
    // The whole archive lists periods, not articles: it loads none.
    let range = period.range();
    let listing = range.map(|(from, to)| use_listing_between(from.first_day(), to.last_day()));
    // A year can hold thousands of articles: its list is paged like every other, by `?page=`.
    let location = use_location();
    let url_query = Memo::new(move |_| ListingQuery {
        page: ListingQuery::parse(&location.search.get()).page,
        ..ListingQuery::default()
    });
    let whole_archive = range
        .is_none()
        .then(|| whole_archive_note(&manifest.archive));
    let articles = move || {
        let manifest = manifest.clone();
        let (from, to) = range?;
        let listing = listing?;
        Some(match listing.get() {
            None => view! { <LoadingState label="Loading the articles…" /> }.into_any(),
            Some(Err(error)) => view! {
                <LoadErrorView error heading="The articles could not be loaded" on_retry=move || listing.refetch() />
            }
            .into_any(),
            Some(Ok(all)) => {
                let query = ListingQuery { from: Some(from), to: Some(to), page: 1, ..ListingQuery::default() };
                let selected = all.select(&query).articles;
                let page = paginate(selected.len(), url_query.get().page, PAGE_SIZE);
                let shown: Vec<_> = selected[page.range.clone()].iter().map(|article| (*article).clone()).collect();
                view! {
                    <p class="filtered-listing__count" role="status">{count_label(selected.len())}</p>
                    <ArticleList manifest articles=shown />
                    <Pagination page url_query pathname=location.pathname />
                }
                .into_any()
            }
        })
    };
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
