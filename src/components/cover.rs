//! An article's cover: a `<picture>` of the widths the compiler wrote (WebP, and JPEG or PNG for
//! browsers without it), cropped by the stylesheet to a fixed aspect ratio so nothing moves when
//! it loads; an image from elsewhere is a plain `<img>` in the same frame.

use leptos::prelude::*;
use quire_model::ArticleSummary;

/// Where a cover is shown, which decides how wide it is drawn and whether it loads at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoverPlace {
    /// A listing card: a column of the page, loaded as it scrolls into view.
    Card,
    /// The home page's featured article or an article's own page: the page's width, the
    /// largest thing painted, so fetched first.
    Lead,
}

impl CoverPlace {
    fn sizes(self) -> &'static str {
        match self {
            Self::Card => quire_model::picture::CARD_SIZES,
            Self::Lead => quire_model::picture::WIDE_SIZES,
        }
    }
}

/// The article's cover, or nothing when it has no `image`.
#[component]
pub fn Cover(article: ArticleSummary, place: CoverPlace) -> impl IntoView {
    let image = article.image.clone()?;
    let alt = article.image_alt.clone().unwrap_or(article.title.clone());
    let base = crate::base::site_base();
    let lead = place == CoverPlace::Lead;
    let loading = if lead { "eager" } else { "lazy" };
    let fetchpriority = lead.then_some("high");
    let sizes = place.sizes();
    let class = match place {
        CoverPlace::Card => "cover cover--card",
        CoverPlace::Lead => "cover cover--lead",
    };
    Some(match article.picture {
        Some(picture) => {
            let webp = picture.srcset(true, |path| base.prefixed(path));
            let fallback = picture.srcset(false, |path| base.prefixed(path));
            let src = base.prefixed(&picture.src());
            view! {
                <picture class=class>
                    <source type="image/webp" srcset=webp sizes=sizes />
                    <img src=src srcset=fallback sizes=sizes width=picture.width
                        height=picture.height alt=alt loading=loading decoding="async"
                        fetchpriority=fetchpriority />
                </picture>
            }
            .into_any()
        }
        None => view! {
            <picture class=class>
                <img src=base.prefixed(&image) alt=alt loading=loading decoding="async"
                    fetchpriority=fetchpriority />
            </picture>
        }
        .into_any(),
    })
}
