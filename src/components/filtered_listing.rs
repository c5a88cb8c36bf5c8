//! A listing driven by the URL's query string: the filter bar, the live result count, the
//! results page and the pagination links. Used by `/insights`, `/category/<slug>`, `/tag/<slug>`
//! and, ranked by the search index instead of by date, `/search`. What the page shows for a
//! query is `quire_model::listing_page`'s; this module loads the files and wires the DOM.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use quire_model::facets::{Candidates, FacetIndex};
use quire_model::listing_page::{
    FixedFilter, ListingPage, LoadedListing, PAGE_SIZE, SEARCH_PAGE_SIZE, count_in_parentheses,
    month_choices, search_source, toggle_slug,
};
use quire_model::query::{self, FilterChoice, FilterChoices, ListingQuery, Sort, count_label};
use quire_model::source::ListingSource;
use quire_model::{ArticleSummary, Manifest};

use crate::components::article_card::ArticleList;
use crate::components::load_state::WhenLoaded;
use crate::components::pagination::Pagination;
use crate::components::search_result::SearchResultList;
use crate::data::{
    FacetResult, FirstPageResult, KeptOwner, ListingResult, LoadError, Loadable, facet_loader,
    facet_retrier, fetch_entries, fetch_first_page, newest_shard_loader, settled,
};
use crate::search::{SearchIndexResult, SearchOutcome, search_index_loader};

/// The filter bar's collapsible part, named by its toggle's `aria-controls`; the pre-rendered
/// stand-in has the same structure.
const FILTER_PANEL_ID: &str = "filter-panel";

/// Whether the listing browses by date or ranks by a full-text search of `q`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListingMode {
    #[default]
    Browse,
    Search,
}

/// What a search adds to a results page.
#[derive(Clone, Debug, PartialEq)]
struct SearchView {
    /// The query has no words yet: prompt for some rather than show everything.
    awaiting_query: bool,
    stems: Arc<BTreeSet<String>>,
    suggestions: Vec<String>,
}

impl SearchView {
    fn awaiting_query() -> Self {
        Self {
            awaiting_query: true,
            stems: Arc::default(),
            suggestions: Vec::new(),
        }
    }
}

/// A search's outcome for the words it ran on; `None` when the query has no words.
type OutcomeResult = Option<Searched>;

#[derive(Clone, Debug, PartialEq)]
struct Searched {
    text: String,
    outcome: Result<SearchOutcome, LoadError>,
}

/// The page's results, computed once per URL change.
#[derive(Clone, Debug, PartialEq)]
struct Results {
    /// The query they are for, with what the path fixes.
    query: ListingQuery,
    listing: ListingPage,
    search: Option<SearchView>,
}

/// The results a query selects, with the positions of the page's articles while those are
/// still to be fetched.
#[derive(Clone, Debug, PartialEq)]
struct Selected {
    results: Results,
    positions: Option<Vec<u32>>,
}

/// The entries fetched for a page, with the positions they were fetched for.
type Entries = Option<(Vec<u32>, Result<Vec<ArticleSummary>, LoadError>)>;

/// A full-text search of the query's words, and the index it runs on (fetched only once there
/// are words).
#[derive(Clone)]
struct Search {
    load_index: Arc<dyn Fn() -> LocalResource<SearchIndexResult> + Send + Sync>,
    outcome: LocalResource<OutcomeResult>,
}

#[component]
pub fn FilteredListing(
    manifest: Arc<Manifest>,
    #[prop(optional)] fixed: FixedFilter,
    #[prop(optional)] mode: ListingMode,
) -> impl IntoView {
    let location = use_location();
    let loaders = ListingLoaders::new(manifest.clone());
    let fixed = Arc::new(fixed);
    let url_query = known_query(manifest.clone(), location.search);
    let source = listing_source(manifest.clone(), fixed.clone(), mode, url_query);
    let loaded = {
        let loaders = loaders.clone();
        move || loaders.load(source.get())
    };
    let search = search(url_query);
    let selected = selected(Listed {
        manifest: manifest.clone(),
        fixed: fixed.clone(),
        mode,
        url_query,
        loaded: Arc::new(loaded.clone()),
        search: search.clone(),
    });
    let entries = entries(manifest.clone(), selected);
    let results = results(selected, entries);
    let change = query_changer(location.pathname, url_query);
    // Busy while the results shown are not yet the address's. It marks the stale results
    // themselves, so a load error, which replaces them, is never inside a busy region.
    let busy = Memo::new({
        let fixed = fixed.clone();
        move |_| {
            let wanted = fixed.apply(url_query.get());
            results.with(|shown| shown.as_ref().is_none_or(|shown| shown.query != wanted))
        }
    });

    let filter_bar = FilterBar {
        mode,
        manifest: manifest.clone(),
        fixed: fixed.clone(),
        url_query,
        results,
        change: change.clone(),
        // A reader about to filter will need the facet index: start fetching it now.
        prefetch: Arc::new({
            let load_facets = loaders.facets.clone();
            move || {
                load_facets();
            }
        }),
    };
    let shown = Shown {
        manifest,
        url_query,
        pathname: location.pathname,
        results,
        change,
        busy,
    };
    let pending = Pending {
        search,
        selected,
        entries,
        results,
    };
    // Once there are results to show, a query that needs another file (a category's first page
    // after the facet index) keeps them on screen, marked busy, rather than a loading message:
    // the results view is built once and updated in place.
    let listing_state = Memo::new(move |_| match loaded() {
        Some(loaded) => Some(loaded.map(|_| ())),
        None => results.with(Option::is_some).then_some(Ok(())),
    });
    let body = view! {
        <WhenLoaded
            state=move || listing_state.get()
            ready=move |()| {
                let (shown, pending) = (shown.clone(), pending.clone());
                view! { <PendingView pending shown mode /> }
            }
            loading="Loading the articles…"
            error_heading="The articles could not be loaded"
            on_retry=move || loaders.retry(source.get_untracked())
        />
    };

    // Search runs in the browser: without scripts the page says where else to look.
    let needs_js = mode == ListingMode::Search;
    view! {
        <div class="filtered-listing" data-needs-js=needs_js>
            {filter_bar.clone().render()}
            <p class="filtered-listing__count" role="status" aria-live="polite" data-query-results>
                {live_count(results)}
            </p>
            <h2 class="visually-hidden">"Results"</h2>
            <QueryPending />
            <div class="filtered-listing__results" data-query-results>{body}</div>
            {(mode == ListingMode::Browse).then(|| view! { <ArchivePointer /> })}
        </div>
    }
}

/// The URL's query, without the categories and tags the bundle does not know.
fn known_query(manifest: Arc<Manifest>, search: Memo<String>) -> Memo<ListingQuery> {
    Memo::new(move |_| {
        ListingQuery::parse(&search.get()).retain_known(
            |slug| manifest.category(slug).is_some(),
            |slug| manifest.tag(slug).is_some(),
        )
    })
}

/// How many articles the page's query selects; nothing while a search waits for words.
fn live_count(results: Memo<Option<Results>>) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        results
            .get()
            .filter(|r| {
                !r.search
                    .as_ref()
                    .is_some_and(|search| search.awaiting_query)
            })
            .map(|r| count_label(r.listing.total))
            .unwrap_or_default()
    }
}

/// The fewest bundle files that hold this page: landing on a listing costs the same at any
/// number of articles; only a filter, another order or a later page needs every article.
fn listing_source(
    manifest: Arc<Manifest>,
    fixed: Arc<FixedFilter>,
    mode: ListingMode,
    url_query: Memo<ListingQuery>,
) -> Memo<ListingSource> {
    Memo::new(move |_| {
        if mode == ListingMode::Search {
            return url_query.with(search_source);
        }
        url_query.with(|query| manifest.listing_source(fixed.scope(), query, PAGE_SIZE))
    })
}

/// The bundle files a listing can be shown from, each fetched on its first use.
#[derive(Clone)]
struct ListingLoaders {
    first_page: Arc<dyn Fn(String) -> Loadable<FirstPageResult> + Send + Sync>,
    newest: Arc<dyn Fn() -> Loadable<ListingResult> + Send + Sync>,
    facets: Arc<dyn Fn() -> Loadable<FacetResult> + Send + Sync>,
    retry_facets: Arc<dyn Fn() + Send + Sync>,
}

impl ListingLoaders {
    fn new(manifest: Arc<Manifest>) -> Self {
        // Each category's or tag's first page this view has shown, kept for its life: a reader
        // going back and forth between two categories fetches each once.
        let first_pages: StoredValue<Vec<(String, Loadable<FirstPageResult>)>> =
            StoredValue::new(Vec::new());
        let owner = KeptOwner::current();
        let load_first_page = move |path: String| {
            let known = first_pages.with_value(|pages| {
                pages
                    .iter()
                    .find(|(known, _)| *known == path)
                    .map(|(_, resource)| *resource)
            });
            if let Some(resource) = known {
                return resource;
            }
            let (manifest, fetched) = (manifest.clone(), path.clone());
            let resource = owner.with(|| {
                Loadable::new(move || fetch_first_page(manifest.clone(), fetched.clone()))
            });
            first_pages.update_value(|pages| pages.push((path, resource)));
            resource
        };
        Self {
            first_page: Arc::new(load_first_page),
            newest: Arc::new(newest_shard_loader()),
            facets: Arc::new(facet_loader()),
            retry_facets: Arc::new(facet_retrier()),
        }
    }

    /// The listing `source` names, once its files have loaded.
    fn load(&self, source: ListingSource) -> Option<Result<LoadedListing, LoadError>> {
        match source {
            ListingSource::Latest => Some(Ok(LoadedListing::Latest)),
            ListingSource::FirstPage(path) => (self.first_page)(path)
                .get()
                .map(|result| result.map(LoadedListing::FirstPage)),
            ListingSource::NewestShard => (self.newest)()
                .get()
                .map(|result| result.map(LoadedListing::Newest)),
            ListingSource::Facets => (self.facets)()
                .get()
                .map(|result| result.map(LoadedListing::Facets)),
        }
    }

    fn retry(&self, source: ListingSource) {
        match source {
            // The manifest is loaded, or this listing would not be showing.
            ListingSource::Latest => {}
            ListingSource::FirstPage(path) => (self.first_page)(path).refetch(),
            ListingSource::NewestShard => (self.newest)().refetch(),
            ListingSource::Facets => (self.retry_facets)(),
        }
    }
}

/// Runs the search the query's words ask for; the index is fetched on the first words.
fn search(url_query: Memo<ListingQuery>) -> Search {
    let load_index: Arc<dyn Fn() -> LocalResource<SearchIndexResult> + Send + Sync> =
        Arc::new(search_index_loader());
    let text = Memo::new(move |_| url_query.with(|query| query.text.trim().to_owned()));
    let outcome = LocalResource::new({
        let load_index = load_index.clone();
        move || {
            let text = text.get();
            let index = (!text.is_empty()).then(|| load_index());
            async move {
                let index = index?;
                let outcome = match settled(index).await {
                    Ok(index) => index.search(text.clone()).await,
                    Err(error) => Err(error),
                };
                Some(Searched { text, outcome })
            }
        }
    });
    Search {
        load_index,
        outcome,
    }
}

/// What [`selected`] computes the page from.
struct Listed {
    manifest: Arc<Manifest>,
    fixed: Arc<FixedFilter>,
    mode: ListingMode,
    url_query: Memo<ListingQuery>,
    loaded: Arc<dyn Fn() -> Option<Result<LoadedListing, LoadError>> + Send + Sync>,
    search: Search,
}

/// What the query selects from the files loaded: `None` until they (and the search of its
/// words) have loaded, or when either failed.
fn selected(listed: Listed) -> Memo<Option<Selected>> {
    let Listed {
        manifest,
        fixed,
        mode,
        url_query,
        loaded,
        search,
    } = listed;
    Memo::new(move |_| {
        let loaded = loaded()?.ok()?;
        let query = fixed.apply(url_query.get());
        let complete = |listing, search| Selected {
            results: Results {
                query: query.clone(),
                listing,
                search,
            },
            positions: None,
        };
        if mode == ListingMode::Search && matches!(loaded, LoadedListing::Latest) {
            let mut listing = ListingPage::from_head(&manifest, &loaded, &query)?;
            listing.items.clear();
            return Some(complete(listing, Some(SearchView::awaiting_query())));
        }
        if let Some(listing) = ListingPage::from_head(&manifest, &loaded, &query) {
            return Some(complete(listing, None));
        }
        let LoadedListing::Facets(facets) = loaded else {
            return None;
        };
        let text = query.text.trim();
        let searched = if text.is_empty() {
            None
        } else {
            let searched = search.outcome.get()??;
            if searched.text != text {
                return None;
            }
            Some(searched.outcome.ok()?)
        };
        Some(from_facets(
            &manifest,
            &facets,
            mode,
            query.clone(),
            searched,
        ))
    })
}

/// The page the facet index selects for `query`: by date, or in a search's order.
fn from_facets(
    manifest: &Manifest,
    facets: &FacetIndex,
    mode: ListingMode,
    query: ListingQuery,
    searched: Option<SearchOutcome>,
) -> Selected {
    let doc_ids =
        |outcome: &SearchOutcome| -> Vec<u32> { outcome.hits.iter().map(|hit| hit.doc).collect() };
    let (listing, positions, search) = match (mode, searched) {
        (ListingMode::Browse, searched) => {
            // Browsing shows what the words matched by date, the listing's order.
            let matched = searched.map(|outcome| {
                let mut hits = doc_ids(&outcome);
                quire_model::order::sort(&mut hits);
                hits
            });
            let candidates = matched
                .as_deref()
                .map_or(Candidates::Every, Candidates::Only);
            let (listing, positions) =
                ListingPage::from_facets(manifest, facets, &query, candidates, PAGE_SIZE);
            (listing, positions, None)
        }
        (ListingMode::Search, None) => {
            // No words yet: the filters' counts, and a prompt for words in place of articles.
            let filters = query.filters_only();
            let (listing, positions) =
                ListingPage::from_facets(manifest, facets, &filters, Candidates::Every, 0);
            (listing, positions, Some(SearchView::awaiting_query()))
        }
        (ListingMode::Search, Some(outcome)) => {
            let filters = query.filters_only();
            let hits = doc_ids(&outcome);
            let candidates = Candidates::Only(&hits);
            let (listing, positions) =
                ListingPage::from_facets(manifest, facets, &filters, candidates, SEARCH_PAGE_SIZE);
            let search = SearchView {
                awaiting_query: false,
                stems: Arc::new(outcome.plan.stems()),
                suggestions: outcome.suggestions,
            };
            (listing, positions, Some(search))
        }
    };
    Selected {
        results: Results {
            query,
            listing,
            search,
        },
        positions: Some(positions),
    }
}

/// The entries of the selected page, fetched by position as the selection changes.
fn entries(manifest: Arc<Manifest>, selected: Memo<Option<Selected>>) -> LocalResource<Entries> {
    let wanted = Memo::new(move |_| {
        selected.with(|selected| selected.as_ref().and_then(|s| s.positions.clone()))
    });
    LocalResource::new(move || {
        let (manifest, wanted) = (manifest.clone(), wanted.get());
        async move {
            let positions = wanted?;
            let fetched = fetch_entries(manifest, positions.clone()).await;
            Some((positions, fetched))
        }
    })
}

/// The page shown: the newest selection whose articles are at hand. Until a new one's have
/// arrived the page shows the one before, whole, marked busy, so its count, choices and
/// articles never disagree and a filter change never flashes a loading message.
fn results(
    selected: Memo<Option<Selected>>,
    entries: LocalResource<Entries>,
) -> Memo<Option<Results>> {
    Memo::new(move |previous: Option<&Option<Results>>| {
        let kept = || previous.cloned().flatten();
        let Some(Selected {
            mut results,
            positions,
        }) = selected.get()
        else {
            return kept();
        };
        let Some(positions) = positions else {
            return Some(results);
        };
        match entries.get() {
            Some(Some((fetched_for, Ok(items)))) if fetched_for == positions => {
                results.listing.items = items;
                Some(results)
            }
            _ => kept(),
        }
    })
}

type Change = Arc<dyn Fn(&dyn Fn(&mut ListingQuery), bool) + Send + Sync>;

/// Changes the URL's query: `update` edits it, the listing goes back to its first page, and
/// `replace` says whether the history entry is replaced rather than added.
fn query_changer(pathname: Memo<String>, url_query: Memo<ListingQuery>) -> Change {
    let navigate = use_navigate();
    Arc::new(move |update: &dyn Fn(&mut ListingQuery), replace: bool| {
        let mut next = url_query.get_untracked();
        update(&mut next);
        next.page = 1;
        let path = crate::base::canonical_path(&pathname.get_untracked());
        navigate(
            &next.href(&path),
            NavigateOptions {
                replace,
                scroll: false,
                // The path already carries the hosting base; resolving would add it twice.
                resolve: false,
                ..NavigateOptions::default()
            },
        );
    })
}

/// What the results area shows once the listing has loaded.
#[derive(Clone)]
struct Shown {
    manifest: Arc<Manifest>,
    url_query: Memo<ListingQuery>,
    pathname: Memo<String>,
    results: Memo<Option<Results>>,
    change: Change,
    /// Whether the results shown are older than the address.
    busy: Memo<bool>,
}

/// What the shown results may be waiting for, and what failed.
#[derive(Clone)]
struct Pending {
    search: Search,
    selected: Memo<Option<Selected>>,
    entries: LocalResource<Entries>,
    results: Memo<Option<Results>>,
}

impl Pending {
    /// The search of the query's words, if it failed.
    fn search_state(&self) -> Option<Result<(), LoadError>> {
        match self.search.outcome.get() {
            Some(Some(Searched {
                outcome: Err(error),
                ..
            })) => Some(Err(error)),
            _ => Some(Ok(())),
        }
    }

    /// The page's entries, if fetching them failed; then the results, once there are any to
    /// show (while newer ones load, the page shows those, marked busy).
    fn entries_state(&self) -> Option<Result<(), LoadError>> {
        let wanted = self
            .selected
            .with(|selected| selected.as_ref().and_then(|s| s.positions.clone()));
        if let (Some(wanted), Some(Some((fetched_for, Err(error))))) = (wanted, self.entries.get())
            && fetched_for == wanted
        {
            return Some(Err(error));
        }
        self.results.with(Option::is_some).then_some(Ok(()))
    }

    fn retry_search(&self) {
        let index = (self.search.load_index)();
        if matches!(index.get_untracked(), Some(Err(_))) {
            index.refetch();
        }
        self.search.outcome.refetch();
    }
}

/// The results, once the search of the query's words and the page's entries have arrived.
#[component]
fn PendingView(pending: Pending, shown: Shown, mode: ListingMode) -> impl IntoView {
    // Memos, so that what the states read changing (a selection, entries on their way) rebuilds
    // the results only when a state itself changes: the results view reads the results alone.
    let search_state = Memo::new({
        let pending = pending.clone();
        move |_| pending.search_state()
    });
    let entries_state = Memo::new({
        let pending = pending.clone();
        move |_| pending.entries_state()
    });
    let retry = pending.entries;
    let loading = match mode {
        ListingMode::Search => "Searching…",
        ListingMode::Browse => "Loading the articles…",
    };
    view! {
        <WhenLoaded
            state=move || search_state.get()
            ready=move |()| {
                let shown = shown.clone();
                view! {
                    <WhenLoaded
                        state=move || entries_state.get()
                        ready=move |()| results_view(&shown)
                        loading
                        error_heading="The articles could not be loaded"
                        on_retry=move || retry.refetch()
                    />
                }
            }
            loading
            error_heading="Search could not be loaded"
            on_retry=move || pending.retry_search()
        />
    }
}

/// The results shown, marked busy while newer ones load.
fn results_view(shown: &Shown) -> AnyView {
    let busy = shown.busy;
    let page = results_page(shown);
    view! {
        <div class="filtered-listing__page" aria-busy=move || busy.get().then_some("true")>
            {page}
        </div>
    }
    .into_any()
}

fn results_page(shown: &Shown) -> AnyView {
    let Some(results) = shown.results.get() else {
        return ().into_any();
    };
    let Shown {
        manifest,
        url_query,
        pathname,
        change,
        ..
    } = shown.clone();
    let Results {
        listing, search, ..
    } = results;
    if let Some(search) = search {
        if search.awaiting_query {
            return view! {
                <div class="empty-state">
                    <p>"Type a word or two to search every article."</p>
                </div>
            }
            .into_any();
        }
        if listing.total == 0 {
            return no_matches(search.suggestions, url_query, pathname, change).into_any();
        }
        return view! {
            <SearchResultList manifest articles=listing.items stems=search.stems />
            <Pagination page=listing.page url_query pathname />
        }
        .into_any();
    }
    if listing.total == 0 {
        return view! {
            <div class="empty-state">
                <p>"No articles match these filters."</p>
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| change(&|query: &mut ListingQuery| *query = query.cleared(), false)
                >
                    "Clear all filters"
                </button>
            </div>
        }
        .into_any();
    }
    view! {
        <ArticleList manifest articles=listing.items />
        <Pagination page=listing.page url_query pathname />
    }
    .into_any()
}

/// A search that found nothing: say so, offer the nearest words the index knows, let the
/// reader drop the filters that may be in the way, and point at the archive.
fn no_matches(
    suggestions: Vec<String>,
    url_query: Memo<ListingQuery>,
    pathname: Memo<String>,
    change: Change,
) -> impl IntoView {
    let query = url_query.get_untracked();
    let suggestion_links = (!suggestions.is_empty()).then(|| {
        let links = suggestions
            .into_iter()
            .map(|suggestion| {
                let href = query.with_text(&suggestion).href(&pathname.get_untracked());
                view! { <li><A href=href>{suggestion}</A></li> }
            })
            .collect_view();
        view! {
            <p>"Did you mean:"</p>
            <ul class="search-suggestions">{links}</ul>
        }
    });
    let clear_filters = (query.narrowing_count() > 0).then(|| {
        view! {
            <button
                type="button"
                class="button button--secondary"
                on:click=move |_| change(&|query: &mut ListingQuery| *query = query.without_filters(), false)
            >
                "Search without filters"
            </button>
        }
    });
    view! {
        <div class="empty-state">
            <p>{format!("No articles match “{}”.", query.text.trim())}</p>
            {suggestion_links}
            {clear_filters}
            <p>
                "Or browse every article by month in the "
                <A href=crate::base::href(quire_model::routes::ARCHIVE)>"archive"</A>
                "."
            </p>
        </div>
    }
}

#[derive(Clone)]
struct FilterBar {
    mode: ListingMode,
    manifest: Arc<Manifest>,
    fixed: Arc<FixedFilter>,
    url_query: Memo<ListingQuery>,
    results: Memo<Option<Results>>,
    change: Change,
    prefetch: Arc<dyn Fn() + Send + Sync>,
}

impl FilterBar {
    fn render(self) -> impl IntoView {
        let searching = self.mode == ListingMode::Search;
        let (text_label, form_label) = if searching {
            ("Search every article", "Search articles")
        } else {
            ("Search these articles", "Filter articles")
        };
        // On a narrow or short screen the panel starts collapsed behind its toggle, so the
        // results are on the first screen; elsewhere the stylesheet shows it and hides the toggle.
        let (expanded, set_expanded) = signal(false);
        let text = text_field(text_label, self.url_query, self.change.clone());
        let toggle = self.panel_toggle(expanded, set_expanded);
        let panel = self.panel();
        let prefetch = self.prefetch;
        view! {
            <form
                class="filter-bar"
                data-needs-js
                class:filter-bar--search=searching
                class:filter-bar--collapsed=move || !expanded.get()
                role="search"
                aria-label=form_label
                on:submit=|event| event.prevent_default()
                on:focusin={
                    let prefetch = prefetch.clone();
                    move |_| prefetch()
                }
                on:pointerenter=move |_| prefetch()
            >
                {text}
                {toggle}
                {panel}
            </form>
        }
    }

    /// The button that opens and closes the panel, with how many choices it hides.
    fn panel_toggle(
        &self,
        expanded: ReadSignal<bool>,
        set_expanded: WriteSignal<bool>,
    ) -> impl IntoView + use<> {
        let (fixed, url_query) = (self.fixed.clone(), self.url_query);
        let narrowing =
            Memo::new(move |_| url_query.with(|query| fixed.offered_narrowing_count(query)));
        view! {
            <button
                type="button"
                class="filter-bar__toggle"
                aria-controls=FILTER_PANEL_ID
                aria-expanded=move || if expanded.get() { "true" } else { "false" }
                on:click=move |_| set_expanded.update(|open| *open = !*open)
            >
                // The space keeps "Filters" and the count two words to a screen reader.
                "Filters "
                {move || {
                    let count = narrowing.get();
                    (count > 0).then(|| view! { <span class="filter-bar__active">{format!("{count} active")}</span> })
                }}
            </button>
        }
    }

    /// The collapsible part: the month range, the order, the categories and the tags.
    fn panel(&self) -> impl IntoView + use<> {
        // (value, label) per archive month, newest first; computed once for both selects.
        let months = Arc::new(month_choices(&self.manifest.archive));
        let from_select = month_select(MonthSelect {
            id: "filter-from",
            label: "From",
            months: months.clone(),
            url_query: self.url_query,
            change: self.change.clone(),
            bound: |query| query.from,
            set_bound: |query, bound| query.from = bound,
        });
        let to_select = month_select(MonthSelect {
            id: "filter-to",
            label: "To",
            months,
            url_query: self.url_query,
            change: self.change.clone(),
            bound: |query| query.to,
            set_bound: |query, bound| query.to = bound,
        });
        // Search ranks by relevance; date order is what browsing is for.
        let sort = (self.mode != ListingMode::Search)
            .then(|| sort_select(self.url_query, self.change.clone()));
        let categories = self.categories();
        let tags = self.tags();
        view! {
            <div id=FILTER_PANEL_ID class="filter-bar__panel">
                <div class="filter-bar__row">{from_select} {to_select} {sort}</div>
                {categories}
                {tags}
            </div>
        }
    }

    /// Every category with its count, as checkboxes; none when the path fixes the category.
    fn categories(&self) -> Option<impl IntoView + use<>> {
        let (url_query, change) = (self.url_query, self.change.clone());
        let choices = self.choices(|choices| choices.categories.clone());
        self.fixed.category.is_none().then(|| {
            view! {
                <fieldset class="filter-bar__group">
                    <legend>"Categories"</legend>
                    <For each=move || choices.get() key=|choice| choice.slug.clone() let(FilterChoice { slug, name, .. })>
                        {
                            let id = format!("filter-category-{slug}");
                            let count = count_of(choices, slug.clone());
                            let checked = {
                                let slug = slug.clone();
                                move || url_query.with(|query| query.categories.contains(&slug))
                            };
                            let change = change.clone();
                            view! {
                                <div class="filter-bar__option">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        prop:checked=checked
                                        on:change=move |_| {
                                            let slug = slug.clone();
                                            change(&move |query: &mut ListingQuery| toggle_slug(&mut query.categories, &slug), false)
                                        }
                                    />
                                    <label for=id>{name} <span class="filter-bar__count">{move || count_in_parentheses(count())}</span></label>
                                </div>
                            }
                        }
                    </For>
                </fieldset>
            }
        })
    }

    /// The tags on offer with their counts, as toggle buttons; the path's own tag is not one.
    fn tags(&self) -> impl IntoView + use<> {
        let (url_query, change) = (self.url_query, self.change.clone());
        let fixed_tag = self.fixed.tag.clone();
        let choices = self.choices(move |choices| {
            choices
                .tags
                .iter()
                .filter(|choice| Some(&choice.slug) != fixed_tag.as_ref())
                .cloned()
                .collect()
        });
        view! {
            <fieldset class="filter-bar__group">
                <legend>"Tags"</legend>
                <div class="filter-bar__tags">
                    <For each=move || choices.get() key=|choice| choice.slug.clone() let(FilterChoice { slug, name, .. })>
                        {
                            let count = count_of(choices, slug.clone());
                            let pressed = {
                                let slug = slug.clone();
                                move || if url_query.with(|query| query.tags.contains(&slug)) { "true" } else { "false" }
                            };
                            let change = change.clone();
                            view! {
                                <button
                                    type="button"
                                    class="tag-toggle"
                                    aria-pressed=pressed
                                    on:click=move |_| {
                                        let slug = slug.clone();
                                        change(&move |query: &mut ListingQuery| toggle_slug(&mut query.tags, &slug), false)
                                    }
                                >
                                    {name} <span class="filter-bar__count">{move || format!(" {}", count())}</span>
                                </button>
                            }
                        }
                    </For>
                </div>
            </fieldset>
        }
    }

    /// One list of choices the results offer. Each choice is a node of its own, kept from change
    /// to change with its count and state updated in place, where rebuilding the list made every
    /// button's attributes, listener and text again on every change.
    fn choices(
        &self,
        pick: impl Fn(&FilterChoices) -> Vec<FilterChoice> + Send + Sync + 'static,
    ) -> Memo<Vec<FilterChoice>> {
        let results = self.results;
        Memo::new(move |_| {
            results.with(|results| {
                results
                    .as_ref()
                    .map(|results| pick(&results.listing.choices))
                    .unwrap_or_default()
            })
        })
    }
}

/// The count `choices` offer for `slug` now (0 once it is no longer offered).
fn count_of(
    choices: Memo<Vec<FilterChoice>>,
    slug: String,
) -> impl Fn() -> usize + Send + Sync + 'static {
    move || {
        choices.with(|choices| {
            choices
                .iter()
                .find(|choice| choice.slug == slug)
                .map_or(0, |choice| choice.count)
        })
    }
}

/// The words' field; typing replaces the history entry, so back is not flooded with keystrokes.
fn text_field(label: &'static str, url_query: Memo<ListingQuery>, change: Change) -> impl IntoView {
    view! {
        <div class="filter-bar__field filter-bar__field--text">
            <label for="filter-text">{label}</label>
            <input
                id="filter-text"
                type="search"
                name="q"
                autocomplete="off"
                prop:value=move || url_query.get().text
                on:input=move |event| {
                    let text = event_target_value(&event);
                    change(&move |query: &mut ListingQuery| query.text = text.clone(), true)
                }
            />
        </div>
    }
}

fn sort_select(url_query: Memo<ListingQuery>, change: Change) -> impl IntoView {
    let chosen_sort = Memo::new(move |_| url_query.with(|query| query.sort));
    view! {
        <div class="filter-bar__field">
            <label for="filter-sort">"Sort"</label>
            <select id="filter-sort" on:change=move |event| {
                let sort = if event_target_value(&event) == "oldest" { Sort::Oldest } else { Sort::Newest };
                change(&move |query: &mut ListingQuery| query.sort = sort, false)
            }>
                <option value="newest" prop:selected=move || chosen_sort.get() == Sort::Newest>"Newest first"</option>
                <option value="oldest" prop:selected=move || chosen_sort.get() == Sort::Oldest>"Oldest first"</option>
            </select>
        </div>
    }
}

/// One end of the month range.
struct MonthSelect {
    id: &'static str,
    label: &'static str,
    months: Arc<Vec<(String, String)>>,
    url_query: Memo<ListingQuery>,
    change: Change,
    bound: fn(&ListingQuery) -> Option<query::DateBound>,
    set_bound: fn(&mut ListingQuery, Option<query::DateBound>),
}

fn month_select(select: MonthSelect) -> impl IntoView {
    let MonthSelect {
        id,
        label,
        months,
        url_query,
        change,
        bound,
        set_bound,
    } = select;
    let selected = Memo::new(move |_| {
        bound(&url_query.get()).map_or_else(String::new, |bound| bound.to_string())
    });
    // The served page marks the chosen option; from then on one effect moves the selection
    // through the `value` property, which a reader's own pick does not override (as the
    // `selected` attribute stops deciding once a reader has picked an option), so back restores
    // the URL's choice. One effect per select, not one per month: a site with years of archive
    // has hundreds of options for the app to bring to life as it starts.
    let served = selected.get_untracked();
    let select_ref = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        let value = selected.get();
        if let Some(select) = select_ref.get() {
            select.set_value(&value);
        }
    });
    let options = months
        .iter()
        .map(|(value, label)| {
            view! { <option value=value.clone() selected=*value == served>{label.clone()}</option> }
        })
        .collect_view();
    view! {
        <div class="filter-bar__field">
            <label for=id>{label}</label>
            <select id=id node_ref=select_ref on:change=move |event| {
                let chosen = query::DateBound::parse(&event_target_value(&event));
                change(&move |query: &mut ListingQuery| set_bound(query, chosen), false)
            }>
                <option value="" selected=served.is_empty()>"Any month"</option>
                {options}
            </select>
        </div>
    }
}

/// Stands in for a listing's entries in a page served for an address with filters, until the
/// app has applied them (see `style/base.css`).
#[component]
pub fn QueryPending() -> impl IntoView {
    view! {
        <p class="loading-state" data-query-pending>"Applying the filters in the address…"</p>
    }
}

/// For a reader without scripts, who can open only a listing's first page: every article is
/// also listed month by month in the archive.
#[component]
pub fn ArchivePointer() -> impl IntoView {
    view! {
        <p class="latest__more" data-without-js>
            "Older articles are listed month by month in "
            <A href=crate::base::href(quire_model::routes::ARCHIVE)>"the archive"</A>
            "."
        </p>
    }
}
