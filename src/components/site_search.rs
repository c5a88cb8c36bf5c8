//! The header's search box: an ARIA combobox that lists the best matches while the reader
//! types, opens `/search?q=…` on Enter, and takes focus when `/` is pressed anywhere else.
//! Nothing of the index is fetched until the first keystroke.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use quire_model::query::percent_encode;
use quire_model::search::quick::{next_active, see_all_label, status_line};
use wasm_bindgen::JsCast;

use crate::components::article_card::article_href;
use crate::components::search_result::marked_text;
use crate::data::{KeptOwner, LoadError, settled};
use crate::search::{QuickResults, use_search_index};

/// Matches listed under the box; the rest are one Enter away on `/search`.
const QUICK_RESULTS: usize = 6;
const LISTBOX_ID: &str = "site-search-listbox";

fn option_id(index: usize) -> String {
    format!("site-search-option-{index}")
}

pub fn search_href(query: &str) -> String {
    format!(
        "{}?q={}",
        crate::base::href("/search"),
        percent_encode(query.trim())
    )
}

/// Whether a key press belongs to something the reader is typing into.
fn typing_target(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| {
            element.is_content_editable()
                || matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}

/// The box's state: what is typed, whether the list is open, which option is active, and the
/// best matches for what is typed.
#[derive(Clone, Copy)]
struct BoxState {
    text: ReadSignal<String>,
    set_text: WriteSignal<String>,
    open: ReadSignal<bool>,
    set_open: WriteSignal<bool>,
    active: ReadSignal<Option<usize>>,
    set_active: WriteSignal<Option<usize>>,
    results: LocalResource<Option<Result<QuickResults, LoadError>>>,
}

impl BoxState {
    fn quick(&self) -> Option<QuickResults> {
        self.results.get().flatten().and_then(Result::ok)
    }

    /// Options: the top matches, then "see all".
    fn option_count(&self) -> usize {
        self.quick().map_or(0, |found| found.top.len() + 1)
    }

    fn close(&self) {
        self.set_open.set(false);
        self.set_active.set(None);
    }

    /// Where option `index` leads.
    fn target(&self, index: usize) -> Option<String> {
        let found = self.quick()?;
        match found.top.get(index) {
            Some(article) => Some(article_href(&article.slug)),
            None => Some(search_href(&self.text.get_untracked())),
        }
    }
}

#[component]
pub fn SiteSearch() -> impl IntoView {
    let (text, set_text) = signal(String::new());
    let (open, set_open) = signal(false);
    let (active, set_active) = signal(None::<usize>);
    let input = NodeRef::<leptos::html::Input>::new();
    let state = BoxState {
        text,
        set_text,
        open,
        set_open,
        active,
        set_active,
        results: quick_results(text),
    };
    focus_on_slash(input);
    let go = go_to(state);
    let on_keydown = keydown_handler(state, go.clone());
    let options = move || options_view(state, go.clone());
    let status = move || match state.results.get().flatten() {
        None => String::new(),
        Some(found) => status_line(found.ok().map(|found| found.total)),
    };
    let expanded = move || open.get() && state.quick().is_some();

    view! {
        <div
            class="site-search"
            data-needs-js
            on:focusout=move |event: ev::FocusEvent| {
                if focus_leaves(&event) {
                    state.close();
                }
            }
        >
            <form
                role="search"
                aria-label="Site"
                action=crate::base::href("/search")
                method="get"
                on:submit=|event| event.prevent_default()
            >
                <label for="site-search-input" class="visually-hidden">"Search articles"</label>
                <input
                    id="site-search-input"
                    node_ref=input
                    class="site-search__input"
                    type="search"
                    name="q"
                    placeholder="Search"
                    autocomplete="off"
                    spellcheck="false"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls=LISTBOX_ID
                    aria-expanded=move || if expanded() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                    aria-keyshortcuts="/"
                    prop:value=move || text.get()
                    on:input=move |event| {
                        set_text.set(event_target_value(&event));
                        set_active.set(None);
                        set_open.set(true);
                    }
                    on:focus=move |_| set_open.set(true)
                    on:keydown=on_keydown
                />
                <kbd class="site-search__hint" aria-hidden="true">"/"</kbd>
            </form>
            <ul id=LISTBOX_ID role="listbox" aria-label="Best matches" class="site-search__listbox" hidden=move || !expanded()>
                {options}
            </ul>
            <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
        </div>
    }
}

/// The best matches for what is typed, with how many there are in all.
fn quick_results(
    text: ReadSignal<String>,
) -> LocalResource<Option<Result<QuickResults, LoadError>>> {
    let owner = KeptOwner::current();
    LocalResource::new(move || {
        let query = text.get().trim().to_owned();
        let owner = owner.clone();
        async move {
            if query.is_empty() {
                return None;
            }
            let index = owner.with(use_search_index);
            let found = async {
                let index = settled(index).await?;
                index.quick(query, QUICK_RESULTS).await
            };
            Some(found.await)
        }
    })
}

/// `/` anywhere but in a field focuses the box, for as long as the box is on the page.
fn focus_on_slash(input: NodeRef<leptos::html::Input>) {
    let handle = window_event_listener(ev::keydown, move |event| {
        if event.key() == "/"
            && !event.ctrl_key()
            && !event.meta_key()
            && !event.alt_key()
            && !typing_target(&event)
            && let Some(input) = input.get_untracked()
        {
            event.prevent_default();
            let _ = input.focus();
            input.select();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Whether focus is leaving the box and its list for something outside them.
fn focus_leaves(event: &ev::FocusEvent) -> bool {
    event
        .related_target()
        .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
        .is_none_or(|next| {
            event
                .current_target()
                .and_then(|container| container.dyn_into::<web_sys::Node>().ok())
                .is_none_or(|container| !container.contains(Some(&next)))
        })
}

/// Opens `url` in the app and empties the box.
fn go_to(state: BoxState) -> impl Fn(String) + Clone + Send + Sync + 'static {
    let navigate = use_navigate();
    move |url: String| {
        state.close();
        state.set_text.set(String::new());
        navigate(
            &url,
            NavigateOptions {
                // The URL already carries the hosting base.
                resolve: false,
                ..NavigateOptions::default()
            },
        );
    }
}

/// The combobox's keys: arrows move through the options, Enter opens the active one (or the
/// search page), Escape closes the list, then empties the box.
fn keydown_handler(
    state: BoxState,
    go: impl Fn(String) + Clone + 'static,
) -> impl Fn(web_sys::KeyboardEvent) + 'static {
    move |event: web_sys::KeyboardEvent| {
        let count = state.option_count();
        match event.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                event.prevent_default();
                state.set_open.set(true);
                let down = event.key() == "ArrowDown";
                state
                    .set_active
                    .update(|active| *active = Some(next_active(*active, count, down)));
            }
            "Enter" => {
                event.prevent_default();
                let query = state.text.get_untracked();
                let url = match state.active.get_untracked() {
                    Some(index) if state.open.get_untracked() => state.target(index),
                    _ => (!query.trim().is_empty()).then(|| search_href(&query)),
                };
                if let Some(url) = url {
                    go(url);
                }
            }
            "Escape" => {
                if state.open.get_untracked() && state.option_count() > 0 {
                    // The first Escape closes the list; the browser's own clearing of a
                    // search field waits for the second.
                    event.prevent_default();
                    state.close();
                } else {
                    state.set_text.set(String::new());
                }
            }
            _ => {}
        }
    }
}

/// The list's options: the best matches with their dates, then "see all".
fn options_view(state: BoxState, go: impl Fn(String) + Clone + Send + Sync + 'static) -> AnyView {
    let Some(found) = state.quick() else {
        return ().into_any();
    };
    let active = state.active;
    let query = state.text.get_untracked();
    let see_all_index = found.top.len();
    let see_all_label = see_all_label(found.total, &query);
    let matches = found
        .top
        .into_iter()
        .enumerate()
        .map(|(index, article)| {
            let title = marked_text(article.title);
            let href = article_href(&article.slug);
            let date = article.date;
            let go = go.clone();
            view! {
                <li
                    role="option"
                    id=option_id(index)
                    class="site-search__option"
                    aria-selected=move || if active.get() == Some(index) { "true" } else { "false" }
                >
                    <A
                        href=href.clone()
                        attr:tabindex="-1"
                        on:click=move |event: ev::MouseEvent| {
                            event.prevent_default();
                            go(href.clone());
                        }
                    >
                        {title}
                    </A>
                    <span class="site-search__meta">{date}</span>
                </li>
            }
        })
        .collect_view();
    let see_all_href = search_href(&query);
    view! {
        {matches}
        <li
            role="option"
            id=option_id(see_all_index)
            class="site-search__option site-search__option--all"
            aria-selected=move || if active.get() == Some(see_all_index) { "true" } else { "false" }
        >
            <A
                href=see_all_href.clone()
                attr:tabindex="-1"
                on:click=move |event: ev::MouseEvent| {
                    event.prevent_default();
                    go(see_all_href.clone());
                }
            >
                {see_all_label}
            </A>
        </li>
    }
    .into_any()
}
