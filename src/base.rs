//! The sub-path the app is hosted under, read once from the document's `<base href>` (which
//! `trunk build --public-url` writes), and the helper every in-app link goes through.

use std::sync::OnceLock;

use quire_model::routes::SiteBase;

fn read_base() -> SiteBase {
    let path = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    SiteBase::new(&path)
}

/// The hosting base; the document's base never changes while the app runs.
pub fn site_base() -> &'static SiteBase {
    static BASE: OnceLock<SiteBase> = OnceLock::new();
    BASE.get_or_init(read_base)
}

/// A root-relative route (`/insights/x`) as a link under the hosting base (`/blog/insights/x`).
pub fn href(route: &str) -> String {
    site_base().href(route)
}
