//! Per-route `<head>` tags: title, description, canonical URL, Open Graph and Twitter cards, and
//! the site's feeds.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_location;
use quire_model::SiteInfo;

/// `og:type`: articles are `article`, every other route a `website`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Website,
    Article,
}

#[component]
pub fn PageMeta(
    site: SiteInfo,
    /// The page's own title; the site's title is appended unless they are the same.
    #[prop(into)]
    title: String,
    #[prop(into)] description: String,
    #[prop(default = PageKind::Website)] kind: PageKind,
) -> impl IntoView {
    let full_title = if title == site.title {
        title
    } else {
        format!("{title} · {}", site.title)
    };
    let location = use_location();
    // The canonical URL leaves out the query string: filtered views are variants of one page.
    let canonical = (!site.base_url.is_empty())
        .then(|| format!("{}{}", site.base_url, location.pathname.get_untracked()));
    let og_type = match kind {
        PageKind::Website => "website",
        PageKind::Article => "article",
    };
    view! {
        <Title text=full_title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=full_title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:type" content=og_type />
        <Meta property="og:site_name" content=site.title.clone() />
        <Meta name="twitter:card" content="summary" />
        <Meta name="twitter:title" content=full_title />
        <Meta name="twitter:description" content=description />
        {canonical.map(|url| view! {
            <Link rel="canonical" href=url.clone() />
            <Meta property="og:url" content=url />
            // The compiler writes feeds only for sites with a base URL, so the links go with it.
            <Link rel="alternate" type_="application/rss+xml" title=format!("{} (RSS)", site.title) href="feed.xml" />
            <Link rel="alternate" type_="application/atom+xml" title=format!("{} (Atom)", site.title) href="atom.xml" />
        })}
    }
}
