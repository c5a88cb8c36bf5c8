//! A listing driven by the URL's query string: the filter bar, the live result count, the
//! results page and the pagination links. Used by `/insights`, `/category/<slug>`, `/tag/<slug>`
//! and, ranked by the search index instead of by date, `/search`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use std::collections::{BTreeMap, HashMap};

use quire_model::query::{
    self, FilterChoice, FilterChoices, Listing, ListingQuery, Sort, count_label, paginate,
};
use quire_model::source::{ListingScope, ListingSource};
use quire_model::{ArticleSummary, FirstPage, Manifest};

use crate::components::article_card::ArticleList;
use crate::components::load_state::{LoadErrorView, LoadingState};
use crate::components::pagination::Pagination;
use crate::components::search_result::SearchResultList;
use crate::data::{
    FirstPageResult, LoadError, Loadable, fetch_first_page, listing_loader, newest_shard_loader,
    settled, whole_listing_retrier,
};
use crate::search::{SearchOutcome, use_search_index};

/// Articles per page: enough to scan, few enough to keep the DOM small at any corpus size.
pub const PAGE_SIZE: usize = 24;
/// Search results per page: each shows a passage of its body, fetched as it is shown.
pub const SEARCH_PAGE_SIZE: usize = 10;
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
    stems: Arc<std::collections::BTreeSet<String>>,
    suggestions: Vec<String>,
}

type OutcomeResult = Option<Result<SearchOutcome, LoadError>>;

/// What the path fixes, on top of what the query string chooses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixedFilter {
    pub category: Option<String>,
    pub tag: Option<String>,
}

impl FixedFilter {
    fn scope(&self) -> ListingScope<'_> {
        match (&self.category, &self.tag) {
            (Some(category), _) => ListingScope::Category(category),
            (None, Some(tag)) => ListingScope::Tag(tag),
            (None, None) => ListingScope::All,
        }
    }
}

/// The page's results, computed once per URL change.
#[derive(Clone, Debug, PartialEq)]
struct Results {
    total: usize,
    page: query::Page,
    items: Vec<ArticleSummary>,
    choices: FilterChoices,
    search: Option<SearchView>,
}

#[component]
pub fn FilteredListing(
    manifest: Arc<Manifest>,
    #[prop(optional)] fixed: FixedFilter,
    #[prop(optional)] mode: ListingMode,
) -> impl IntoView {
    let location = use_location();
    let load_newest = newest_shard_loader();
    let retry_whole = whole_listing_retrier();
    let load_whole = listing_loader();
    let fixed = Arc::new(fixed);

    let url_query = Memo::new({
        let manifest = manifest.clone();
        move |_| {
            ListingQuery::parse(&location.search.get()).retain_known(
                |slug| manifest.category(slug).is_some(),
                |slug| manifest.tag(slug).is_some(),
            )
        }
    });

    // The fewest bundle files that hold this page: landing on a listing costs the same at any
    // number of articles; only a filter, another order or a later page needs every article.
    let source = Memo::new({
        let (manifest, fixed) = (manifest.clone(), fixed.clone());
        move |_| {
            if mode == ListingMode::Search {
                // Nothing to search for and nothing to narrow: the page waits for words, with
                // the manifest's counts, and needs no article yet.
                let waiting = url_query
                    .with(|query| query.text.trim().is_empty() && query.narrowing_count() == 0);
                return if waiting {
                    ListingSource::Latest
                } else {
                    ListingSource::EveryShard
                };
            }
            url_query.with(|query| manifest.listing_source(fixed.scope(), query, PAGE_SIZE))
        }
    });
    // A category's or tag's first page: one file for the life of this view, fetched when asked.
    let first_page: StoredValue<Option<Loadable<FirstPageResult>>> = StoredValue::new(None);
    let load_first_page = {
        let manifest = manifest.clone();
        let owner = Owner::current().expect("a listing renders inside the app");
        move |path: String| {
            if let Some(resource) = first_page.get_value() {
                return resource;
            }
            let manifest = manifest.clone();
            let resource = owner
                .with(|| Loadable::new(move || fetch_first_page(manifest.clone(), path.clone())));
            first_page.set_value(Some(resource));
            resource
        }
    };
    let loaded = {
        let (load_first_page, load_newest, load_whole) = (
            load_first_page.clone(),
            load_newest.clone(),
            load_whole.clone(),
        );
        move || -> Option<Result<Loaded, LoadError>> {
            match source.get() {
                ListingSource::Latest => Some(Ok(Loaded::Latest)),
                ListingSource::FirstPage(path) => load_first_page(path)
                    .get()
                    .map(|result| result.map(Loaded::FirstPage)),
                ListingSource::NewestShard => {
                    load_newest().get().map(|result| result.map(Loaded::Newest))
                }
                ListingSource::EveryShard => {
                    load_whole().get().map(|result| result.map(Loaded::Whole))
                }
            }
        }
    };

    let search_index = (mode == ListingMode::Search).then(use_search_index);
    let search_text = Memo::new(move |_| url_query.with(|query| query.text.trim().to_owned()));
    let outcome: Option<LocalResource<OutcomeResult>> = search_index.map(|index| {
        LocalResource::new(move || {
            let text = search_text.get();
            async move {
                if text.is_empty() {
                    return None;
                }
                match settled(index).await {
                    Ok(index) => Some(index.search(text).await),
                    Err(error) => Some(Err(error)),
                }
            }
        })
    });

    let results = Memo::new({
        let (manifest, fixed) = (manifest.clone(), fixed.clone());
        let loaded = loaded.clone();
        move |_| {
            let loaded = loaded()?.ok()?;
            let mut effective = url_query.get();
            if let Some(category) = &fixed.category {
                effective.categories = vec![category.clone()];
            }
            if let Some(tag) = &fixed.tag
                && !effective.tags.contains(tag)
            {
                effective.tags.push(tag.clone());
            }
            if mode == ListingMode::Search && matches!(loaded, Loaded::Latest) {
                let mut results = first_page_results(&manifest, &loaded, &effective)?;
                results.items.clear();
                results.search = Some(SearchView {
                    awaiting_query: true,
                    stems: Arc::default(),
                    suggestions: Vec::new(),
                });
                return Some(results);
            }
            if let Some(results) = first_page_results(&manifest, &loaded, &effective) {
                return Some(results);
            }
            let Loaded::Whole(articles) = loaded else {
                return None;
            };
            let Some(outcome) = outcome else {
                return Some(compute_results(&manifest, &articles, &effective, PAGE_SIZE));
            };
            // The search decided which articles and in what order; the filters only narrow.
            effective.text.clear();
            effective.sort = Sort::Newest;
            match outcome.get()? {
                None => {
                    let mut results = compute_results(&manifest, &articles, &effective, 0);
                    results.search = Some(SearchView {
                        awaiting_query: true,
                        stems: Arc::default(),
                        suggestions: Vec::new(),
                    });
                    Some(results)
                }
                Some(Err(_)) => None,
                Some(Ok(outcome)) => {
                    let hits = articles.subset(outcome.hits.iter().map(|hit| hit.doc as usize));
                    let mut results =
                        compute_results(&manifest, &hits, &effective, SEARCH_PAGE_SIZE);
                    results.search = Some(SearchView {
                        awaiting_query: false,
                        stems: Arc::new(outcome.plan.stems()),
                        suggestions: outcome.suggestions,
                    });
                    Some(results)
                }
            }
        }
    });

    let navigate = use_navigate();
    let go = move |query: ListingQuery, replace: bool| {
        let search = query.to_query_string();
        let path = crate::base::canonical_path(&location.pathname.get_untracked());
        let url = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        navigate(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                // The path already carries the hosting base; resolving would add it twice.
                resolve: false,
                ..NavigateOptions::default()
            },
        );
    };
    let change = {
        let go = go.clone();
        move |update: &dyn Fn(&mut ListingQuery), replace: bool| {
            let mut next = url_query.get_untracked();
            update(&mut next);
            next.page = 1;
            go(next, replace);
        }
    };

    let filter_bar = FilterBar {
        mode,
        manifest: manifest.clone(),
        fixed: fixed.clone(),
        url_query,
        results,
        change: Arc::new(change.clone()),
        // A reader about to filter will need every article: start fetching them now.
        prefetch: Arc::new({
            let load_whole = load_whole.clone();
            move || {
                load_whole();
            }
        }),
    };

    let body = move || match loaded() {
        None => view! { <LoadingState label="Loading the articles…" /> }.into_any(),
        Some(Err(error)) => {
            let (load_first_page, load_newest, retry_whole) = (
                load_first_page.clone(),
                load_newest.clone(),
                retry_whole.clone(),
            );
            view! {
                <LoadErrorView error heading="The articles could not be loaded" on_retry=move || {
                    match source.get_untracked() {
                        // The manifest is loaded, or this listing would not be showing.
                        ListingSource::Latest => {}
                        ListingSource::FirstPage(path) => load_first_page(path).refetch(),
                        ListingSource::NewestShard => load_newest().refetch(),
                        ListingSource::EveryShard => retry_whole(),
                    }
                } />
            }
            .into_any()
        }
        Some(Ok(_)) => {
            let manifest = manifest.clone();
            let change = change.clone();
            view! {
                    {move || {
                        if let Some(outcome) = outcome {
                            match outcome.get() {
                                None => return view! { <LoadingState label="Searching…" /> }.into_any(),
                                Some(Some(Err(error))) => {
                                    return view! {
                                        <LoadErrorView
                                            error
                                            heading="Search could not be loaded"
                                            on_retry=move || {
                                                if let Some(index) = search_index
                                                    && matches!(index.get_untracked(), Some(Err(_)))
                                                {
                                                    index.refetch();
                                                }
                                                outcome.refetch();
                                            }
                                        />
                                    }
                                    .into_any();
                                }
                                Some(_) => {}
                            }
                        }
                        let Some(results) = results.get() else { return ().into_any() };
                        if let Some(search) = &results.search {
                            if search.awaiting_query {
                                return view! {
                                    <div class="empty-state">
                                        <p>"Type a word or two to search every article."</p>
                                    </div>
                                }
                                .into_any();
                            }
                            if results.total == 0 {
                                return no_matches(search.suggestions.clone(), url_query, location.pathname, change.clone()).into_any();
                            }
                            return view! {
                                <SearchResultList manifest=manifest.clone() articles=results.items.clone() stems=search.stems.clone() />
                                <Pagination page=results.page.clone() url_query pathname=location.pathname />
                            }
                            .into_any();
                        }
                        if results.total == 0 {
                            let change = change.clone();
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
                            <ArticleList manifest=manifest.clone() articles=results.items.clone() />
                            <Pagination page=results.page.clone() url_query pathname=location.pathname />
                        }
                        .into_any()
                    }}
                }
                .into_any()
        }
    };

    // Search runs in the browser: without scripts the page says where else to look.
    let needs_js = mode == ListingMode::Search;
    view! {
        <div class="filtered-listing" data-needs-js=needs_js>
            {filter_bar.clone().render()}
            <p class="filtered-listing__count" role="status" aria-live="polite" data-query-results>
                {move || {
                    results
                        .get()
                        .filter(|r| !r.search.as_ref().is_some_and(|search| search.awaiting_query))
                        .map(|r| count_label(r.total))
                        .unwrap_or_default()
                }}
            </p>
            <h2 class="visually-hidden">"Results"</h2>
            <QueryPending />
            <div class="filtered-listing__results" data-query-results>{body}</div>
            {(mode == ListingMode::Browse).then(|| view! { <ArchivePointer /> })}
        </div>
    }
}

/// The articles the query selects, one page of them (`per_page` of them; none when 0), and the
/// counts the filter bar shows.
fn compute_results(
    manifest: &Manifest,
    listing: &Listing,
    query: &ListingQuery,
    per_page: usize,
) -> Results {
    let selection = listing.select(query);
    let page = paginate(selection.articles.len(), query.page, per_page.max(1));
    let items = if per_page == 0 {
        Vec::new()
    } else {
        selection.articles[page.range.clone()]
            .iter()
            .map(|article| (*article).clone())
            .collect()
    };
    assemble_results(
        manifest,
        query,
        selection.articles.len(),
        page,
        items,
        &selection.category_counts,
        &selection.tag_counts,
    )
}

/// What a page of the listing was loaded as.
#[derive(Clone)]
enum Loaded {
    /// The manifest's latest articles.
    Latest,
    /// A category's or tag's first page.
    FirstPage(Arc<FirstPage>),
    /// The newest shard, counted by the manifest.
    Newest(Arc<Listing>),
    /// Every article.
    Whole(Arc<Listing>),
}

/// A page of an unfiltered listing from the head of it that was loaded, with the counts over
/// all of it: what [`compute_results`] gives for the same query over every article, as long as
/// the head holds that page ([`Manifest::listing_source`] sees to that). `None` for the whole
/// listing, which is selected from instead.
fn first_page_results(
    manifest: &Manifest,
    loaded: &Loaded,
    query: &ListingQuery,
) -> Option<Results> {
    let (articles, total, (category_counts, tag_counts)) = match loaded {
        Loaded::Latest => (
            manifest.latest.as_slice(),
            manifest.article_count,
            manifest_counts(manifest),
        ),
        Loaded::Newest(newest) => (
            newest.articles(),
            manifest.article_count,
            manifest_counts(manifest),
        ),
        Loaded::FirstPage(page) => (
            page.articles.as_slice(),
            page.count,
            (
                borrowed_counts(&page.category_counts),
                borrowed_counts(&page.tag_counts),
            ),
        ),
        Loaded::Whole(_) => return None,
    };
    let page = paginate(total, query.page, PAGE_SIZE);
    let items = articles
        .get(page.range.clone())
        .unwrap_or_default()
        .to_vec();
    Some(assemble_results(
        manifest,
        query,
        total,
        page,
        items,
        &category_counts,
        &tag_counts,
    ))
}

fn borrowed_counts(counts: &BTreeMap<String, usize>) -> HashMap<&str, usize> {
    counts
        .iter()
        .map(|(slug, count)| (slug.as_str(), *count))
        .collect()
}

/// Every category's and tag's count over the whole site, as the manifest has them.
fn manifest_counts(manifest: &Manifest) -> (HashMap<&str, usize>, HashMap<&str, usize>) {
    let categories = manifest
        .categories
        .iter()
        .map(|category| (category.slug.as_str(), category.count))
        .collect();
    let tags = manifest
        .tags
        .iter()
        .map(|tag| (tag.slug.as_str(), tag.count))
        .collect();
    (categories, tags)
}

fn assemble_results(
    manifest: &Manifest,
    query: &ListingQuery,
    total: usize,
    page: query::Page,
    items: Vec<ArticleSummary>,
    category_totals: &HashMap<&str, usize>,
    tag_totals: &HashMap<&str, usize>,
) -> Results {
    Results {
        total,
        page,
        items,
        choices: FilterChoices::new(
            &manifest.categories,
            &manifest.tags,
            query,
            category_totals,
            tag_totals,
        ),
        search: None,
    }
}

/// A search that found nothing: say so, offer the nearest words the index knows, let the
/// reader drop the filters that may be in the way, and point at the archive.
fn no_matches(
    suggestions: Vec<String>,
    url_query: Memo<ListingQuery>,
    pathname: Memo<String>,
    change: impl Fn(&dyn Fn(&mut ListingQuery), bool) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let query = url_query.get_untracked();
    let filtered = !query.categories.is_empty()
        || !query.tags.is_empty()
        || query.from.is_some()
        || query.to.is_some();
    let suggestion_links = (!suggestions.is_empty()).then(|| {
        let links = suggestions
            .into_iter()
            .map(|suggestion| {
                let mut next = url_query.get_untracked();
                next.text = suggestion.clone();
                next.page = 1;
                let href = format!("{}?{}", pathname.get_untracked(), next.to_query_string());
                view! { <li><A href=href>{suggestion}</A></li> }
            })
            .collect_view();
        view! {
            <p>"Did you mean:"</p>
            <ul class="search-suggestions">{links}</ul>
        }
    });
    let clear_filters = filtered.then(|| {
        view! {
            <button
                type="button"
                class="button button--secondary"
                on:click=move |_| change(&|query: &mut ListingQuery| {
                    let text = std::mem::take(&mut query.text);
                    *query = query.cleared();
                    query.text = text;
                }, false)
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

type Change = Arc<dyn Fn(&dyn Fn(&mut ListingQuery), bool) + Send + Sync>;

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
        let Self {
            mode,
            manifest,
            fixed,
            url_query,
            results,
            change,
            prefetch,
        } = self;
        // (value, label) per archive month, newest first; computed once for both selects.
        let months: Arc<Vec<(String, String)>> = Arc::new(
            manifest
                .archive
                .iter()
                .map(|month| {
                    let bound = query::DateBound::Month {
                        year: month.year,
                        month: month.month,
                    };
                    (bound.to_string(), bound.first_day().month_heading())
                })
                .collect(),
        );

        let categories = (fixed.category.is_none()).then(|| {
            let change = change.clone();
            view! {
                <fieldset class="filter-bar__group">
                    <legend>"Categories"</legend>
                    {move || {
                        let chosen = url_query.get().categories;
                        results.get().map(|r| r.choices.categories).unwrap_or_default().into_iter().map(|FilterChoice { slug, name, count }| {
                            let checked = chosen.contains(&slug);
                            let change = change.clone();
                            let id = format!("filter-category-{slug}");
                            view! {
                                <div class="filter-bar__option">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        prop:checked=checked
                                        on:change=move |_| {
                                            let slug = slug.clone();
                                            change(&move |query: &mut ListingQuery| toggle(&mut query.categories, &slug), false)
                                        }
                                    />
                                    <label for=id>{name} <span class="filter-bar__count">{format!(" ({count})")}</span></label>
                                </div>
                            }
                        }).collect_view()
                    }}
                </fieldset>
            }
        });

        let tags = {
            let change = change.clone();
            let fixed_tag = fixed.tag.clone();
            view! {
                <fieldset class="filter-bar__group">
                    <legend>"Tags"</legend>
                    <div class="filter-bar__tags">
                        {move || {
                            let chosen = url_query.get().tags;
                            results.get().map(|r| r.choices.tags).unwrap_or_default().into_iter()
                                .filter(|choice| Some(&choice.slug) != fixed_tag.as_ref())
                                .map(|FilterChoice { slug, name, count }| {
                                    let pressed = chosen.contains(&slug);
                                    let change = change.clone();
                                    view! {
                                        <button
                                            type="button"
                                            class="tag-toggle"
                                            aria-pressed=if pressed { "true" } else { "false" }
                                            on:click=move |_| {
                                                let slug = slug.clone();
                                                change(&move |query: &mut ListingQuery| toggle(&mut query.tags, &slug), false)
                                            }
                                        >
                                            {name} <span class="filter-bar__count">{format!(" {count}")}</span>
                                        </button>
                                    }
                                }).collect_view()
                        }}
                    </div>
                </fieldset>
            }
        };

        let text_change = change.clone();
        let from_select = month_select(MonthSelect {
            id: "filter-from",
            label: "From",
            months: months.clone(),
            url_query,
            change: change.clone(),
            bound: |query| query.from,
            set_bound: |query, bound| query.from = bound,
        });
        let to_select = month_select(MonthSelect {
            id: "filter-to",
            label: "To",
            months,
            url_query,
            change: change.clone(),
            bound: |query| query.to,
            set_bound: |query, bound| query.to = bound,
        });
        let sort_change = change.clone();
        let chosen_sort = Memo::new(move |_| url_query.with(|query| query.sort));
        let searching = mode == ListingMode::Search;
        // Search ranks by relevance; date order is what browsing is for.
        let sort = (!searching).then(|| view! {
            <div class="filter-bar__field">
                <label for="filter-sort">"Sort"</label>
                <select id="filter-sort" on:change=move |event| {
                    let sort = if event_target_value(&event) == "oldest" { Sort::Oldest } else { Sort::Newest };
                    sort_change(&move |query: &mut ListingQuery| query.sort = sort, false)
                }>
                    <option value="newest" prop:selected=move || chosen_sort.get() == Sort::Newest>"Newest first"</option>
                    <option value="oldest" prop:selected=move || chosen_sort.get() == Sort::Oldest>"Oldest first"</option>
                </select>
            </div>
        });
        let (text_label, form_label) = if searching {
            ("Search every article", "Search articles")
        } else {
            ("Search titles and summaries", "Filter articles")
        };
        // On a narrow or short screen the panel starts collapsed behind its toggle, so the
        // results are on the first screen; elsewhere the stylesheet shows it and hides the toggle.
        let (expanded, set_expanded) = signal(false);
        let narrowing = Memo::new(move |_| {
            url_query.with(|query| {
                // What the path fixes is not a choice the panel offers.
                let mut offered = query.clone();
                if fixed.category.is_some() {
                    offered.categories.clear();
                }
                offered.tags.retain(|tag| Some(tag) != fixed.tag.as_ref());
                offered.narrowing_count()
            })
        });
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
                <div class="filter-bar__field filter-bar__field--text">
                    <label for="filter-text">{text_label}</label>
                    <input
                        id="filter-text"
                        type="search"
                        name="q"
                        autocomplete="off"
                        prop:value=move || url_query.get().text
                        on:input=move |event| {
                            let text = event_target_value(&event);
                            // Typing replaces the history entry: back is not flooded with keystrokes.
                            text_change(&move |query: &mut ListingQuery| query.text = text.clone(), true)
                        }
                    />
                </div>
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
                <div id=FILTER_PANEL_ID class="filter-bar__panel">
                    <div class="filter-bar__row">{from_select} {to_select} {sort}</div>
                    {categories}
                    {tags}
                </div>
            </form>
        }
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

fn toggle(slugs: &mut Vec<String>, slug: &str) {
    if let Some(index) = slugs.iter().position(|s| s == slug) {
        slugs.remove(index);
    } else {
        slugs.push(slug.to_owned());
        quire_model::order::sort(slugs);
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
