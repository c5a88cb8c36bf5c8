//! Responsive images: the widths the compiler writes an image in, their file names, and the
//! `srcset` and `sizes` a page names them by, shared by the compiler (article bodies) and the app
//! (covers), so both name the same files.

use serde::{Deserialize, Serialize};

/// The widths an image is written in, in CSS pixels at 1x: a phone's column, a laptop's column at
/// 2x, and a wide cover at 2x. An image narrower than one of them is written at its own width
/// instead, never wider than it is.
pub const STANDARD_WIDTHS: [u32; 4] = [400, 800, 1200, 1600];

/// The folder under the site's root that holds every written image and preview card.
pub const IMAGE_DIR: &str = "_img";

/// How much of the viewport an image in an article's body takes: the text column
/// (`--measure`, 44rem) once the viewport is wider than it with its margins.
pub const BODY_SIZES: &str = "(min-width: 46rem) 44rem, 100vw";

/// A listing card's cover: one of up to three columns of the 72rem page.
pub const CARD_SIZES: &str = "(min-width: 72rem) 23rem, (min-width: 44rem) 50vw, 100vw";

/// The home page's featured article and an article's own cover: the page's width.
pub const WIDE_SIZES: &str = "(min-width: 72rem) 72rem, 100vw";

/// The format every browser reads, for a browser that reads no WebP: JPEG for an opaque image,
/// PNG for one with transparency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    Jpeg,
    Png,
}

impl Fallback {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }
}

/// An image the compiler has written in several widths: WebP and a fallback at each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// The site path every variant's name starts with (`/_img/harbour.3f9a0c1b2d4e5f60`): the
    /// source's name and the hash of its bytes.
    pub stem: String,
    /// Ascending; the last is the widest written.
    pub widths: Vec<u32>,
    pub fallback: Fallback,
    /// The image's own size, upright (its EXIF orientation applied), for `width` and `height`.
    pub width: u32,
    pub height: u32,
}

impl Picture {
    /// The site path of one variant.
    pub fn variant(&self, width: u32, webp: bool) -> String {
        let extension = if webp {
            "webp"
        } else {
            self.fallback.extension()
        };
        format!("{}-{width}.{extension}", self.stem)
    }

    /// `srcset` of the WebP variants or of the fallback's, each through `href` (the hosting
    /// sub-path).
    pub fn srcset(&self, webp: bool, href: impl Fn(&str) -> String) -> String {
        let mut set = String::new();
        for &width in &self.widths {
            if !set.is_empty() {
                set.push_str(", ");
            }
            set.push_str(&href(&self.variant(width, webp)));
            set.push(' ');
            set.push_str(&width.to_string());
            set.push('w');
        }
        set
    }

    /// The fallback a browser without `srcset` loads: the variant nearest a laptop's column at
    /// 1x.
    pub fn src(&self) -> String {
        let width = self
            .widths
            .iter()
            .copied()
            .find(|&width| width >= STANDARD_WIDTHS[1])
            .or(self.widths.last().copied())
            .unwrap_or(self.width);
        self.variant(width, false)
    }
}

/// The widths to write an image `width` pixels wide in: each standard width it is wider than, and
/// its own width when that is under the widest standard one.
pub fn widths_for(width: u32) -> Vec<u32> {
    let widest = STANDARD_WIDTHS[STANDARD_WIDTHS.len() - 1];
    let mut widths: Vec<u32> = STANDARD_WIDTHS
        .iter()
        .copied()
        .filter(|&standard| standard < width)
        .collect();
    if width <= widest && width > 0 {
        widths.push(width);
    }
    widths
}

/// The height of an image `width` × `height` scaled to `to_width`, rounded, at least 1.
pub fn scaled_height(width: u32, height: u32, to_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(to_width) + u64::from(width) / 2) / u64::from(width);
    scaled.clamp(1, u64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(widths: &[u32], fallback: Fallback) -> Picture {
        Picture {
            stem: "/_img/harbour.00ff".into(),
            widths: widths.to_vec(),
            fallback,
            width: *widths.last().unwrap(),
            height: 600,
        }
    }

    #[test]
    fn an_image_is_written_at_every_standard_width_below_its_own_and_never_wider() {
        assert_eq!(widths_for(4000), vec![400, 800, 1200, 1600]);
        assert_eq!(widths_for(1600), vec![400, 800, 1200, 1600]);
        assert_eq!(widths_for(1000), vec![400, 800, 1000]);
        assert_eq!(widths_for(800), vec![400, 800]);
        assert_eq!(widths_for(120), vec![120]);
        assert_eq!(widths_for(1), vec![1]);
        for width in 1..5000 {
            let widths = widths_for(width);
            assert!(widths.iter().all(|&w| w <= width), "{width}: {widths:?}");
            assert!(
                widths.windows(2).all(|pair| pair[0] < pair[1]),
                "{widths:?}"
            );
            assert!(!widths.is_empty());
        }
    }

    #[test]
    fn srcset_names_each_width_of_one_format_through_the_sub_path() {
        let picture = picture(&[400, 800, 1000], Fallback::Jpeg);
        assert_eq!(
            picture.srcset(true, |path| format!("/blog{path}")),
            "/blog/_img/harbour.00ff-400.webp 400w, /blog/_img/harbour.00ff-800.webp 800w, \
             /blog/_img/harbour.00ff-1000.webp 1000w"
        );
        assert_eq!(
            picture.srcset(false, str::to_owned),
            "/_img/harbour.00ff-400.jpg 400w, /_img/harbour.00ff-800.jpg 800w, \
             /_img/harbour.00ff-1000.jpg 1000w"
        );
    }

    #[test]
    fn the_plain_src_is_the_laptop_width_or_the_widest_there_is() {
        assert_eq!(
            picture(&[400, 800, 1200], Fallback::Png).src(),
            "/_img/harbour.00ff-800.png"
        );
        assert_eq!(
            picture(&[300], Fallback::Jpeg).src(),
            "/_img/harbour.00ff-300.jpg"
        );
    }

    #[test]
    fn a_scaled_height_keeps_the_aspect_and_is_never_zero() {
        assert_eq!(scaled_height(4000, 3000, 800), 600);
        assert_eq!(scaled_height(1000, 1, 400), 1);
        assert_eq!(scaled_height(3, 2, 2), 1);
    }
}
