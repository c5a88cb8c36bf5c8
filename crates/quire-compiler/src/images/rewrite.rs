//! A body's `<img>` of an image written in several widths becomes a `<picture>`: WebP and the
//! fallback at each width with the text column's `sizes`, its upright size, and lazy loading
//! unless it is the first thing a reader sees.

use std::cell::Cell;
use std::collections::HashMap;

use quire_model::escape::xml_escape;
use quire_model::picture::{BODY_SIZES, Picture};

use crate::read::static_files::file_path_of;

/// How much text may come before a body's first image for it to be in view when the article
/// opens, and so its largest paint: about two short paragraphs.
pub(crate) const ABOVE_THE_FOLD_TEXT: usize = 320;

/// The images a body may use: those written in several widths, and the sizes of the others.
pub(crate) struct BodyImages<'a> {
    pub pictures: &'a HashMap<String, Picture>,
    pub sizes: &'a HashMap<String, (u32, u32)>,
}

/// `html` with each of its site images placed: a `<picture>` for each written in several widths
/// (the first eager and of high priority when `lead` and little text comes before it), and
/// `width` and `height` on the others whose size is known. Runs on sanitised HTML; what it adds
/// is the compiler's own (paths it named, numbers and fixed words).
pub(crate) fn place_images(html: String, images: &BodyImages<'_>, lead: bool) -> String {
    use lol_html::html_content::ContentType;
    use lol_html::{RewriteStrSettings, doc_text, element, rewrite_str};
    if images.pictures.is_empty() && images.sizes.is_empty() {
        return html;
    }
    let text_before = Cell::new(0usize);
    let placed_one = Cell::new(false);
    rewrite_str(
        &html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("img[src]", |el| {
                let Some(src) = el.get_attribute("src") else {
                    return Ok(());
                };
                let key =
                    (src.starts_with('/') && !src.starts_with("//")).then(|| file_path_of(&src));
                let sized = el.has_attribute("width") || el.has_attribute("height");
                if let Some(picture) = key.as_ref().and_then(|key| images.pictures.get(key)) {
                    let first = !placed_one.replace(true);
                    let eager = lead && first && text_before.get() <= ABOVE_THE_FOLD_TEXT;
                    el.set_attribute("src", &picture.src())?;
                    el.set_attribute("srcset", &picture.srcset(false, str::to_owned))?;
                    el.set_attribute("sizes", BODY_SIZES)?;
                    if !sized {
                        el.set_attribute("width", &picture.width.to_string())?;
                        el.set_attribute("height", &picture.height.to_string())?;
                    }
                    el.set_attribute("decoding", "async")?;
                    if eager {
                        el.remove_attribute("loading");
                        el.set_attribute("fetchpriority", "high")?;
                    }
                    el.before(&source_tag(picture, BODY_SIZES), ContentType::Html);
                    el.after("</picture>", ContentType::Html);
                } else if let Some(&(width, height)) = key
                    .as_ref()
                    .and_then(|key| images.sizes.get(key))
                    .filter(|_| !sized)
                {
                    el.set_attribute("width", &width.to_string())?;
                    el.set_attribute("height", &height.to_string())?;
                }
                Ok(())
            })],
            document_content_handlers: vec![doc_text!(|text| {
                text_before.set(text_before.get() + text.as_str().trim().len());
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    // The input is the sanitiser's own well-formed output; should lol_html still refuse it, the
    // images stay as written, which is what they were before.
    .unwrap_or(html)
}

/// A `<picture>`'s opening and its WebP `<source>`, for the `<img>` that follows.
fn source_tag(picture: &Picture, sizes: &str) -> String {
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
        xml_escape(&picture.srcset(true, str::to_owned)),
        xml_escape(sizes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::picture::Fallback;

    fn picture() -> Picture {
        Picture {
            stem: "/_img/harbour.00ff".into(),
            widths: vec![400, 800],
            fallback: Fallback::Jpeg,
            width: 800,
            height: 600,
        }
    }

    fn place(html: &str, lead: bool) -> String {
        let pictures = HashMap::from([("img/harbour.jpg".to_owned(), picture())]);
        let sizes = HashMap::from([("img/chart.svg".to_owned(), (640, 290))]);
        let images = BodyImages {
            pictures: &pictures,
            sizes: &sizes,
        };
        place_images(html.to_owned(), &images, lead)
    }

    #[test]
    fn a_written_image_becomes_a_picture_of_webp_and_its_fallback() {
        assert_eq!(
            place(
                "<p><img src=\"/img/harbour.jpg\" alt=\"Boats\" loading=\"lazy\"></p>",
                false
            ),
            "<p><picture><source type=\"image/webp\" srcset=\"/_img/harbour.00ff-400.webp 400w, \
             /_img/harbour.00ff-800.webp 800w\" sizes=\"(min-width: 46rem) 44rem, 100vw\">\
             <img src=\"/_img/harbour.00ff-800.jpg\" alt=\"Boats\" loading=\"lazy\" \
             srcset=\"/_img/harbour.00ff-400.jpg 400w, /_img/harbour.00ff-800.jpg 800w\" \
             sizes=\"(min-width: 46rem) 44rem, 100vw\" width=\"800\" height=\"600\" \
             decoding=\"async\"></picture></p>"
        );
    }

    #[test]
    fn only_a_leading_first_image_near_the_top_loads_eagerly() {
        let near = place(
            "<p>Short.</p><p><img src=\"/img/harbour.jpg\" loading=\"lazy\"></p><p><img src=\"/img/harbour.jpg\" loading=\"lazy\"></p>",
            true,
        );
        assert_eq!(near.matches("fetchpriority=\"high\"").count(), 1, "{near}");
        assert_eq!(near.matches("loading=\"lazy\"").count(), 1, "{near}");
        let far = format!(
            "<p>{}</p><p><img src=\"/img/harbour.jpg\" loading=\"lazy\"></p>",
            "word ".repeat(100)
        );
        assert!(!place(&far, true).contains("fetchpriority"));
        let covered = "<p><img src=\"/img/harbour.jpg\" loading=\"lazy\"></p>";
        assert!(
            !place(covered, false).contains("fetchpriority"),
            "the cover leads"
        );
    }

    #[test]
    fn other_images_get_their_size_unless_the_author_gave_one() {
        assert_eq!(
            place(
                "<img src=\"/img/chart.svg?v=1\"><img src=\"/img/chart.svg\" width=\"10\">\
                 <img src=\"//cdn.example/img/harbour.jpg\"><img src=\"/img/other.png\">",
                true
            ),
            "<img src=\"/img/chart.svg?v=1\" width=\"640\" height=\"290\"><img src=\"/img/chart.svg\" width=\"10\">\
             <img src=\"//cdn.example/img/harbour.jpg\"><img src=\"/img/other.png\">"
        );
    }

    #[test]
    fn an_authors_own_size_is_kept_on_a_picture() {
        let placed = place("<img src=\"/img/harbour.jpg\" width=\"200\">", false);
        assert!(placed.contains("width=\"200\""), "{placed}");
        assert!(!placed.contains("height=\"600\""), "{placed}");
    }
}
