//! The links between the pages of a paginated list.

use leptos::prelude::*;
use leptos_router::components::A;

use quire_model::query::{self, ListingQuery};

/// "Previous" and "Next" around "Page n of m": links to the same URL with another `page`; nothing
/// when everything fits on one page.
#[component]
pub fn Pagination(
    page: query::Page,
    url_query: Memo<ListingQuery>,
    pathname: Memo<String>,
) -> impl IntoView {
    (page.total_pages > 1).then(|| {
        let href_for = move |number: usize| {
            let mut query = url_query.get_untracked();
            query.page = number;
            let search = query.to_query_string();
            let path = pathname.get_untracked();
            if search.is_empty() { path } else { format!("{path}?{search}") }
        };
        let previous = (page.number > 1).then(|| view! { <A href=href_for(page.number - 1) attr:rel="prev">"Previous"</A> });
        let next = (page.number < page.total_pages).then(|| view! { <A href=href_for(page.number + 1) attr:rel="next">"Next"</A> });
        view! {
            <nav class="pagination" aria-label="Pages">
                {previous}
                <span class="pagination__position">{format!("Page {} of {}", page.number, page.total_pages)}</span>
                {next}
            </nav>
        }
    })
}
