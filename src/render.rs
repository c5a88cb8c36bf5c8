//! Renders one route of the app to HTML at build time, for the compiler: the same components the
//! browser then hydrates, drawn from the bundle files the compiler hands over.

use std::cell::RefCell;
use std::future::Future;
use std::sync::{Arc, Once};

use any_spawner::{CustomExecutor, PinnedFuture, PinnedLocalFuture};
use futures::task::LocalSpawnExt;
use futures_executor::{LocalPool, LocalSpawner};

use hydration_context::{SharedContext, SsrSharedContext};

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use leptos::tachys::view::RenderHtml;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use quire_model::escape::xml_escape;
use quire_model::routes::SiteBase;

use crate::App;
use crate::data::preload::{self, PreloadSource};
use crate::routes::RenderedSplitPoint;

/// A route's page, in the parts the compiler places in its shell.
pub struct RenderedRoute {
    /// The app's markup, the contents of `#app`.
    pub body: String,
    /// The `<head>` tags its components asked for (`leptos_meta`), title first.
    pub head: String,
    /// The split point whose chunk the route's view is in (see `crate::routes`), if any.
    pub split_point: Option<&'static str>,
}

/// Renders `route` (`/insights/x`, under `base`) from the files `source` gives; hands the source
/// back, so the caller can tell which files the render read.
pub fn render_route(
    base: &SiteBase,
    route: &str,
    source: Box<dyn PreloadSource>,
) -> (RenderedRoute, Box<dyn PreloadSource>) {
    let (rendered, source, _) = render_in_root(base, route, source);
    (rendered, source)
}

/// [`render_route`], and the render's root owner, kept weakly: gone once the render is over.
fn render_in_root(
    base: &SiteBase,
    route: &str,
    source: Box<dyn PreloadSource>,
) -> (RenderedRoute, Box<dyn PreloadSource>, WeakOwner) {
    start_executor();
    let mut tasks = LocalPool::new();
    RENDER_TASKS.set(Some(tasks.spawner()));
    crate::base::set_render_base(base);
    preload::install(source);
    let context: Arc<dyn SharedContext + Send + Sync> = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(context));
    let (meta, meta_output) = ServerMetaContext::new();
    let split_point = RenderedSplitPoint::default();
    let body = owner.with(|| {
        provide_context(RequestUrl::new(&base.href(route)));
        provide_context(meta);
        provide_context(split_point.clone());
        view! { <App /> }.to_html()
    });
    let head = tasks.run_until(async move {
        let marked = "<head><!--HEAD--></head>".to_owned();
        let stream = meta_output
            .inject_meta_context(futures::stream::iter([marked]))
            .await;
        let mut chunks: Vec<String> = futures::StreamExt::collect(Box::pin(stream)).await;
        chunks.swap_remove(0)
    });
    let root = owner.downgrade();
    owner.unset_with_forced_cleanup();
    RENDER_TASKS.set(None);
    let source = preload::clear().expect("installed above");
    let head = head
        .trim_start_matches("<head><!--HEAD-->")
        .trim_end_matches("</head>");
    (
        RenderedRoute {
            body,
            head: with_escaped_title(head),
            split_point: *split_point.0.lock().expect("never poisoned"),
        },
        source,
        root,
    )
}

/// `head` with its title's text escaped: `leptos_meta` writes the `<title>` last, with its text
/// as it is, and a title (an author's) is text. No tag before it can hold `<title>`: attribute
/// values are escaped, and JSON-LD (`quire_model::head`) writes no `<`. A head whose title is
/// not whole loses it rather than keep markup.
fn with_escaped_title(head: &str) -> String {
    const OPEN: &str = "<title>";
    let Some(start) = head.find(OPEN) else {
        return head.to_owned();
    };
    let (before, title) = head.split_at(start);
    match title[OPEN.len()..].strip_suffix("</title>") {
        Some(text) => format!("{before}{OPEN}{}</title>", xml_escape(text)),
        None => before.to_owned(),
    }
}

thread_local! {
    /// The tasks of the render under way on this thread, in a pool dropped with the render.
    static RENDER_TASKS: RefCell<Option<LocalSpawner>> = const { RefCell::new(None) };
}

/// Leptos's executor here: each task runs on the thread of the render that spawned it. The one
/// task a render spawns is `leptos_meta`'s tick before it writes the head; on a shared thread
/// pool that tick cost every page two cross-thread wake-ups (a 10,000-article build took 3.2 s
/// with them, 2.05 s without).
struct RenderThreadExecutor;

impl CustomExecutor for RenderThreadExecutor {
    fn spawn(&self, task: PinnedFuture<()>) {
        spawn_on_render_thread(task);
    }

    fn spawn_local(&self, task: PinnedLocalFuture<()>) {
        spawn_on_render_thread(task);
    }

    fn poll_local(&self) {}
}

/// Leptos runs only inside [`render_route`] in a native build, so a task outside one has no
/// page to finish and is dropped.
fn spawn_on_render_thread(task: impl Future<Output = ()> + 'static) {
    RENDER_TASKS.with_borrow(|spawner| {
        if let Some(spawner) = spawner {
            let _ = spawner.spawn_local(task);
        }
    });
}

fn start_executor() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        let _ = any_spawner::Executor::init_custom_executor(RenderThreadExecutor);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::preload::Preload;

    /// Hands a render nothing, so each view shows what it shows while its data loads.
    struct NoFiles;

    impl PreloadSource for NoFiles {
        fn take(&mut self, _: &str) -> Option<Preload> {
            None
        }
    }

    #[test]
    fn a_render_leaves_nothing_of_its_reactive_tree_behind() {
        // The compiler renders every route of a site on the same threads: a tree that outlived
        // its render was memory held for the rest of the build, page after page.
        for route in [
            "/",
            "/insights",
            "/insights/an-article",
            "/search",
            "/tag/rust",
        ] {
            let (rendered, _, root) =
                render_in_root(&SiteBase::default(), route, Box::new(NoFiles));
            assert!(!rendered.body.is_empty(), "{route} rendered");
            assert!(
                root.upgrade().is_none(),
                "{route}'s root owner outlived its render"
            );
        }
    }

    #[test]
    fn a_title_is_text_whatever_it_holds() {
        let head = r#"<meta name="description" content="a &lt;b&gt;"><title></title><script>alert(1)</script><base href=//x></title>"#;
        assert_eq!(
            with_escaped_title(head),
            r#"<meta name="description" content="a &lt;b&gt;"><title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;base href=//x&gt;</title>"#
        );
        assert_eq!(with_escaped_title("<meta>"), "<meta>");
        assert_eq!(with_escaped_title("<meta><title>cut"), "<meta>");
    }
}
