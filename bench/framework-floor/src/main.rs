//! A bare routed Leptos app: a router with two routes and a not-found fallback, a page title,
//! a link and a signal. Nothing of Quire's; it measures what any such app ships.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

#[component]
fn Home() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <Title text="Home" />
        <h1>"Home"</h1>
        <button on:click=move |_| set_count.update(|count| *count += 1)>{count}</button>
        <A href="/page/first">"First page"</A>
    }
}

#[component]
fn Page() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    view! {
        <Title text=slug />
        <h1>{slug}</h1>
    }
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <main>
                <Routes fallback=|| view! { <p>"Not found"</p> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/page/:slug") view=Page />
                </Routes>
            </main>
        </Router>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
