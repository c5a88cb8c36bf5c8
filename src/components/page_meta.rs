//! Per-route `<head>` tags: title, description, canonical URL, Open Graph and Twitter cards,
//! structured data and the site's feeds. What they say comes from `quire_model::head`, which the
//! compiler's pre-rendered pages use too.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};
use leptos_router::hooks::use_location;
use quire_model::SiteInfo;
use quire_model::head::{PageHead, PageKind};

use crate::base::{href, site_base};

#[component]
pub fn PageMeta(
    site: SiteInfo,
    head: PageHead,
    /// schema.org JSON-LD for the route, from `quire_model::head`.
    #[prop(default = None)]
    json_ld: Option<String>,
) -> impl IntoView {
    let full_title = head.full_title(&site);
    let image = head.image_url(&site);
    let description = head.description;
    let canonical = canonical_url(&site);
    let og_type = match head.kind {
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
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } />
        <Meta name="twitter:title" content=full_title />
        <Meta name="twitter:description" content=description />
        {image.map(|image| view! {
            <Meta property="og:image" content=image.clone() />
            <Meta name="twitter:image" content=image />
        })}
        {json_ld.map(|json| view! { <Script type_="application/ld+json">{json}</Script> })}
        {canonical.map(|url| view! {
            <Link rel="canonical" href=url.clone() />
            <Meta property="og:url" content=url />
            // The compiler writes feeds only for sites with a base URL, so the links go with it.
            <Link rel="alternate" type_="application/rss+xml" title=format!("{} (RSS)", site.title) href=href("/feed.xml") />
            <Link rel="alternate" type_="application/atom+xml" title=format!("{} (Atom)", site.title) href=href("/atom.xml") />
        })}
    }
}

/// The current route's public address, in its folder form whichever form it was opened at.
/// `base_url` already ends in the hosting base, so the route is taken without it; the query
/// string is left out, as filtered views are variants of one page.
pub fn canonical_url(site: &SiteInfo) -> Option<String> {
    if site.base_url.is_empty() {
        return None;
    }
    let pathname = use_location().pathname.get_untracked();
    let route = site_base().route(&pathname).unwrap_or(&pathname).to_owned();
    Some(quire_model::routes::public_url(&site.base_url, &route))
}
