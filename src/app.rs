//! The route table and the page frame (header, main landmark, footer) around it.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::hooks::use_location;
use leptos_router::{Lazy, path};

use crate::components::host_answer::HostLinks;
use crate::components::route_focus::{RouteFocus, provide_route_content};
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::data::provide_manifest;
use crate::pages::not_found::NotFoundPage;
use crate::routes::*;
use crate::search::provide_search;
use crate::started::mark_started;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_manifest();
    provide_search();
    provide_route_content();
    mark_started();
    view! {
        <Router base=crate::base::site_base().prefix().to_owned()>
            <HostLinks />
            <RouteFocus />
            <SkipLink />
            <SiteHeader />
            <main id="main" class="site-main" tabindex="-1">
                <FlatRoutes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view={Lazy::<HomeRoute>::new()} />
                    <Route path=path!("/insights") view={Lazy::<InsightsRoute>::new()} />
                    <Route path=path!("/insights/:slug") view={Lazy::<ArticleRoute>::new()} />
                    <Route path=path!("/category/:slug") view={Lazy::<CategoryRoute>::new()} />
                    <Route path=path!("/tag/:slug") view={Lazy::<TagRoute>::new()} />
                    <Route path=path!("/tags") view={Lazy::<TagsRoute>::new()} />
                    <Route path=path!("/search") view={Lazy::<SearchRoute>::new()} />
                    <Route path=path!("/archive") view={Lazy::<ArchiveRoute>::new()} />
                    <Route path=path!("/archive/:year") view={Lazy::<ArchiveRoute>::new()} />
                    <Route path=path!("/archive/:year/:month") view={Lazy::<ArchiveRoute>::new()} />
                    <Route path=path!("/case-studies") view={Lazy::<CaseStudiesRoute>::new()} />
                    <Route path=path!("/case-studies/:slug") view={Lazy::<CaseStudyRoute>::new()} />
                    <Route path=path!("/:page") view={Lazy::<ContentRoute>::new()} />
                </FlatRoutes>
            </main>
            <SiteFooter />
        </Router>
    }
}

/// The route the host's not-found page is rendered at: one no route matches. The page is served
/// at any address, so its links cannot name the one it is read at.
pub const NOT_FOUND_ROUTE: &str = "/_/not-found";

/// The skip link, to the current page's own address and query: under `<base href>` a bare
/// `#main` would lead to the site's root. The not-found page, served at addresses it cannot
/// know, keeps the bare fragment.
#[component]
fn SkipLink() -> impl IntoView {
    let location = use_location();
    let href = move || {
        let not_found = crate::base::href(NOT_FOUND_ROUTE);
        if location.pathname.with(|path| *path == not_found) {
            return "#main".to_owned();
        }
        let search = location.search.get();
        let separator = if search.is_empty() { "" } else { "?" };
        format!("{}{separator}{search}#main", location.pathname.get())
    };
    view! { <a class="skip-link" href=href>"Skip to content"</a> }
}
