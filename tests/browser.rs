//! Browser tests: components mounted in headless Chromium by wasm-bindgen-test.

#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::Router;
use quire::components::load_state::LoadErrorView;
use quire::data::LoadError;
use quire::pages::home::HomeView;
use quire_model::Manifest;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE_MANIFEST: &str =
    include_str!("../crates/quire-compiler/tests/fixtures/valid-site.manifest.json");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container per test, so tests never see each other's DOM.
fn container() -> web_sys::HtmlElement {
    let element = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element.unchecked_into()
}

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits up to five seconds for `selector` to match inside `root`.
async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..500 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        next_tick().await;
    }
    panic!(
        "nothing matched {selector:?}; the DOM is {}",
        root.inner_html()
    );
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|index| nodes.item(index))
        .filter_map(|node| node.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn home_view_lists_every_article_with_its_link_and_meta() {
    let manifest = Arc::new(Manifest::from_json(FIXTURE_MANIFEST).expect("the fixture decodes"));
    let root = container();
    let shown = manifest.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_meta_context();
        view! { <Router><HomeView manifest=shown.clone() /></Router> }
    });
    let root: web_sys::Element = root.into();
    wait_for(&root, ".hero").await;

    let featured = manifest.featured.as_ref().unwrap();
    assert_eq!(
        texts(&root, ".hero__title"),
        std::slice::from_ref(&featured.title)
    );
    let card_titles = texts(&root, ".latest article h3 a");
    let expected: Vec<_> = manifest
        .latest_after_featured(12)
        .iter()
        .map(|article| article.title.clone())
        .collect();
    assert_eq!(card_titles, expected);

    let first_card_link = root
        .query_selector(".latest article h3 a")
        .unwrap()
        .unwrap();
    assert_eq!(
        first_card_link.get_attribute("href").as_deref(),
        Some(format!("/insights/{}/", manifest.latest_after_featured(1)[0].slug).as_str())
    );
    let dates = root
        .query_selector_all(".latest article time[datetime]")
        .unwrap();
    assert_eq!(dates.length() as usize, expected.len());
    assert!(texts(&root, ".latest .article-meta__reading-time")[0].ends_with("min read"));
}

/// A site whose one article is the hero says so under "Latest articles", as its pre-rendered
/// page does, instead of a heading over nothing.
#[wasm_bindgen_test]
async fn home_view_with_only_the_featured_article_says_there_are_no_others() {
    let mut manifest = Manifest::from_json(FIXTURE_MANIFEST).expect("the fixture decodes");
    let featured = manifest.featured.clone().unwrap();
    manifest.latest = vec![featured];
    let manifest = Arc::new(manifest);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_meta_context();
        view! { <Router><HomeView manifest=manifest.clone() /></Router> }
    });
    let root: web_sys::Element = root.into();
    let empty = wait_for(&root, ".latest .empty-state").await;
    assert_eq!(
        empty.text_content().as_deref(),
        Some("No other articles have been published yet.")
    );
    assert!(root.query_selector(".latest article").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn load_error_view_explains_and_retries() {
    let root = container();
    let (retries, set_retries) = signal(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <LoadErrorView
                error=LoadError::Status { status: 503, path: "manifest.json".into() }
                on_retry=move || set_retries.update(|count| *count += 1)
            />
        }
    });
    let root: web_sys::Element = root.into();
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("the server answered 503 for manifest.json"),
        "{}",
        alert.inner_html()
    );
    let button: web_sys::HtmlButtonElement = wait_for(&root, "button").await.unchecked_into();
    button.click();
    button.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn the_app_shows_a_retry_when_the_bundle_is_missing() {
    // The test runner serves no bundle, so the real fetch fails with a 404.
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), quire::App);
    let root: web_sys::Element = root.into();
    let alert = wait_for(&root, "[role=alert]").await;
    let text = alert.text_content().unwrap();
    assert!(text.contains("The articles could not be loaded"), "{text}");
    assert!(text.contains("404"), "{text}");
    assert!(
        root.query_selector("[role=alert] button")
            .unwrap()
            .is_some()
    );
}
