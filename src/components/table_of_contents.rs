//! The article's table of contents, shown for longer articles, with the section being read marked.

use leptos::prelude::*;
use quire_model::TocEntry;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Articles with fewer sections than this read fine without a table of contents.
pub const MIN_ENTRIES: usize = 3;

/// `page_href` is the page's own path under the hosting base: each entry links it with the
/// heading's fragment, since under `<base href>` a bare `#id` would mean the site's root.
#[component]
pub fn TableOfContents(entries: Vec<TocEntry>, page_href: String) -> impl IntoView {
    if entries.len() < MIN_ENTRIES {
        return None;
    }
    let (current, set_current) = signal(None::<String>);
    let ids: Vec<String> = entries.iter().map(|entry| entry.id.clone()).collect();
    // Observe the headings once they are in the DOM; the observer and its callback go with
    // the view.
    Effect::new(move |_| {
        let Some(observer) = observe_headings(&ids, set_current) else {
            return;
        };
        let observer = send_wrapper::SendWrapper::new(observer);
        on_cleanup(move || drop(observer));
    });
    let items = entries
        .into_iter()
        .map(|entry| {
            let id = entry.id.clone();
            let is_current =
                move || (current.get().as_deref() == Some(id.as_str())).then_some("location");
            view! {
                <li class=format!("toc__item toc__item--level-{}", entry.level)>
                    <a href=format!("{page_href}#{}", entry.id) aria-current=is_current>{entry.title}</a>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <nav class="toc" aria-label="On this page">
            <h2 class="toc__title">"On this page"</h2>
            <ol class="toc__list">{items}</ol>
        </nav>
    })
}

/// An observer of the article's headings with the callback it calls, which lives exactly as
/// long as the observer: forgotten, one callback a visited article was left in the wasm heap.
struct HeadingObserver {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for HeadingObserver {
    fn drop(&mut self) {
        // Entries already queued would still be delivered, to a callback about to be freed.
        self.observer.take_records();
        self.observer.disconnect();
    }
}

fn observe_headings(
    ids: &[String],
    set_current: WriteSignal<Option<String>>,
) -> Option<HeadingObserver> {
    let document = web_sys::window()?.document()?;
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        for entry in entries.iter() {
            let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
            if entry.is_intersecting() {
                set_current.set(Some(entry.target().id()));
            }
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    // A heading counts as "being read" while it sits in the top fifth of the viewport.
    options.set_root_margin("0px 0px -80% 0px");
    let observer = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    let observer = HeadingObserver {
        observer,
        _callback: callback,
    };
    // Searched inside the app only: until the app takes over, the pre-rendered copy of the same
    // article carries the same ids, and its headings are about to be removed.
    let app = document
        .get_element_by_id("app")
        .or_else(|| document.document_element())?;
    let with_ids = app.query_selector_all("[id]").ok()?;
    for index in 0..with_ids.length() {
        let Some(element) = with_ids
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if ids.contains(&element.id()) {
            observer.observer.observe(&element);
        }
    }
    Some(observer)
}
