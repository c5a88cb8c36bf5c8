//! The route table's split points: each kind of page is a lazy route whose code, in a split build
//! (the `split` feature, which Trunk's build turns on; see `crates/quire-split`), is a chunk of
//! wasm of its own, fetched when a reader first opens such a page.
//!
//! Each split point is a `wasm_split` function (the macro behind Leptos's `#[lazy]`) named by a
//! fixed module name rather than a hash of its source location, so the compiler can tell a page
//! which chunk it needs (`data-split-point` on `#app`) and `public/boot.js` can fetch it beside
//! the entry module. A chunk that cannot be fetched (a deploy removed it, or the network is down)
//! is a failed load with the new-version prompt, never a panic.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::components::load_state::LoadErrorView;
use crate::data::LoadError;
use crate::pages::archive::ArchivePage;
use crate::pages::article::ArticlePage;
use crate::pages::case_studies::{CaseStudiesPage, CaseStudyPage};
use crate::pages::content_page::ContentPage;
use crate::pages::home::HomePage;
use crate::pages::insights::InsightsPage;
use crate::pages::search::SearchPage;
use crate::pages::taxonomy::{CategoryPage, TagPage, TagsPage};

/// A route's chunk could not be fetched.
#[derive(Debug, Clone, Copy)]
pub struct ChunkUnavailable;

#[cfg(all(feature = "split", target_arch = "wasm32"))]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self
    }
}

impl From<ChunkUnavailable> for LoadError {
    /// Every file of the app is named by its content and kept until a deploy replaces it: one
    /// that cannot be fetched is, but for a lost connection, one a new deploy removed.
    fn from(_: ChunkUnavailable) -> Self {
        Self::NewVersion
    }
}

/// The split point of the route a render drew, for the compiler (provided by `render`).
#[derive(Clone, Default)]
pub struct RenderedSplitPoint(pub Arc<Mutex<Option<&'static str>>>);

fn note_split_point(name: &'static str) {
    if let Some(point) = use_context::<RenderedSplitPoint>() {
        *point.0.lock().expect("never poisoned") = Some(name);
    }
}

/// What a route shows when its code could not be fetched: only a reload can help.
fn chunk_unavailable() -> AnyView {
    view! { <LoadErrorView error=LoadError::from(ChunkUnavailable) on_retry=|()| {} /> }.into_any()
}

/// Each lazy route `$route` whose view is `$page`, in the chunk `$split`, loaded by the split
/// function `$load` with its preload function `$preload`; and [`load_split_point`]. Routes whose
/// pages share most of their code share a split point: every page built on the filtered listing
/// (`/insights`, a category, a tag, the tags, search, the archive) is `listing`. Each subset of
/// split points that shares code gets a chunk of its own, so fewer points mean fewer, larger
/// files.
macro_rules! split_routes {
    ($($split:ident: $route:ident($load:ident, $preload:ident) => $page:ident;)*) => {
        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_: Self) -> AnyView {
                    note_split_point(stringify!($split));
                    #[cfg(all(feature = "split", target_arch = "wasm32"))]
                    let loaded = $load().await;
                    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
                    let loaded = $load();
                    loaded.unwrap_or_else(|ChunkUnavailable| chunk_unavailable())
                }

                async fn preload() {
                    #[cfg(all(feature = "split", target_arch = "wasm32"))]
                    let _ = $preload().await;
                }
            }

            #[cfg_attr(
                all(feature = "split", target_arch = "wasm32"),
                leptos::wasm_split::wasm_split(
                    $split,
                    wasm_split_path = ::leptos::wasm_split,
                    preload($preload),
                    fallible
                )
            )]
            fn $load() -> Result<AnyView, ChunkUnavailable> {
                Ok(view! { <$page /> }.into_any())
            }
        )*

        /// Fetches the chunk of the split point `name` (a served page's `data-split-point`), so
        /// that the page is hydrated only once its code is here: hydrating the error view over
        /// the served page would not match it. An unknown name has no chunk to fetch.
        #[cfg(all(feature = "split", target_arch = "wasm32"))]
        pub async fn load_split_point(name: &str) -> Result<(), ChunkUnavailable> {
            $(
                if name == stringify!($split) {
                    return $preload().await.map_err(ChunkUnavailable::from);
                }
            )*
            Ok(())
        }

        /// Without the split, every route's code is in the one module.
        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        pub async fn load_split_point(_: &str) -> Result<(), ChunkUnavailable> {
            Ok(())
        }
    };
}

split_routes! {
    home: HomeRoute(load_home, preload_home) => HomePage;
    listing: InsightsRoute(load_insights, preload_insights) => InsightsPage;
    listing: CategoryRoute(load_category, preload_category) => CategoryPage;
    listing: TagRoute(load_tag, preload_tag) => TagPage;
    listing: TagsRoute(load_tags, preload_tags) => TagsPage;
    listing: SearchRoute(load_search, preload_search) => SearchPage;
    listing: ArchiveRoute(load_archive, preload_archive) => ArchivePage;
    article: ArticleRoute(load_article, preload_article) => ArticlePage;
    case_studies: CaseStudiesRoute(load_case_studies, preload_case_studies) => CaseStudiesPage;
    case_studies: CaseStudyRoute(load_case_study, preload_case_study) => CaseStudyPage;
    page: ContentRoute(load_content, preload_content) => ContentPage;
}
