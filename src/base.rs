//! The sub-path the app is hosted under, and the helper every in-app link goes through. In the
//! browser it is read once from the document's `<base href>` (which `trunk build --public-url`
//! writes); at build time the compiler names it for the render under way.

use quire_model::routes::SiteBase;

#[cfg(target_arch = "wasm32")]
fn with_base<R>(read: impl FnOnce(&SiteBase) -> R) -> R {
    use std::sync::OnceLock;
    // The document's base never changes while the app runs.
    static BASE: OnceLock<SiteBase> = OnceLock::new();
    read(BASE.get_or_init(|| {
        let path = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| url.pathname())
            .unwrap_or_default();
        SiteBase::new(&path)
    }))
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// The base of the render under way on this thread (see `crate::render`).
    static RENDER_BASE: std::cell::RefCell<SiteBase> = std::cell::RefCell::new(SiteBase::new("/"));
}

#[cfg(not(target_arch = "wasm32"))]
fn with_base<R>(read: impl FnOnce(&SiteBase) -> R) -> R {
    RENDER_BASE.with_borrow(read)
}

/// Makes `base` the one this thread's renders link under.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn set_render_base(base: &SiteBase) {
    RENDER_BASE.with_borrow_mut(|current| current.clone_from(base));
}

/// The hosting base.
pub fn site_base() -> SiteBase {
    with_base(SiteBase::clone)
}

/// A root-relative route (`/insights/x`) as a link under the hosting base (`/blog/insights/x`).
pub fn href(route: &str) -> String {
    with_base(|base| base.href(route))
}

/// A browser path (`/blog/insights`) in the address form every link uses (`/blog/insights/`); a
/// path outside the base as it is.
pub fn canonical_path(pathname: &str) -> String {
    with_base(|base| {
        base.route(pathname)
            .map_or_else(|| pathname.to_owned(), |route| base.href(route))
    })
}
