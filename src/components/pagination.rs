//! The links between the pages of a paginated list.

use leptos::prelude::*;
use leptos_router::components::A;

use quire_model::listing_page::PageLinks;
use quire_model::query::{self, ListingQuery};

/// "Previous" and "Next" around "Page n of m": links to the same URL with another `page`; nothing
/// when everything fits on one page.
#[component]
pub fn Pagination(
    page: query::Page,
    url_query: Memo<ListingQuery>,
    pathname: Memo<String>,
) -> impl IntoView {
    let links = PageLinks::new(&page, &url_query.get_untracked(), &pathname.get_untracked());
    links.map(
        |PageLinks {
             previous,
             position,
             next,
         }| {
            let previous =
                previous.map(|href| view! { <A href=href attr:rel="prev">"Previous"</A> });
            let next = next.map(|href| view! { <A href=href attr:rel="next">"Next"</A> });
            view! {
                <nav class="pagination" aria-label="Pages">
                    {previous}
                    <span class="pagination__position">{position}</span>
                    {next}
                </nav>
            }
        },
    )
}
