//! A value that loads: `LocalResource`'s shape, but ready at the first render when the page was
//! rendered with its data (see [`super::preload`]). A `LocalResource` is always pending at build
//! time and always waits a tick in the browser, so a page rendered from one would only ever show
//! its loading state.

use std::future::Future;
use std::ops::Deref;

use leptos::prelude::*;

pub struct Loadable<T: 'static> {
    data: AsyncDerived<T>,
    refetch: RwSignal<usize>,
}

impl<T: 'static> Clone for Loadable<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Loadable<T> {}

impl<T: 'static> Deref for Loadable<T> {
    type Target = AsyncDerived<T>;

    fn deref(&self) -> &Self::Target {
        &self.data
    }
}

impl<T: 'static> Loadable<T> {
    /// Runs `fetcher` at once. A future that is ready when first polled (a preloaded file) sets
    /// the value before this returns; otherwise, in the browser, it runs as a task of its own.
    /// At build time nothing is fetched: a future that is not ready leaves the value loading.
    pub fn new<Fut>(fetcher: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let refetch = RwSignal::new(0);
        let fetcher = move || {
            refetch.track();
            fetcher()
        };
        let data = if cfg!(target_arch = "wasm32") {
            AsyncDerived::new_unsync_threadsafe_storage(fetcher)
        } else {
            AsyncDerived::new_mock(fetcher)
        };
        Self { data, refetch }
    }

    /// Runs the fetcher again (a retry after an error).
    pub fn refetch(&self) {
        self.refetch.try_update(|n| *n += 1);
    }
}

impl<T: Clone + 'static> std::future::IntoFuture for Loadable<T> {
    type Output = T;
    type IntoFuture = leptos::reactive::computed::AsyncDerivedFuture<T>;

    fn into_future(self) -> Self::IntoFuture {
        self.data.into_future()
    }
}
