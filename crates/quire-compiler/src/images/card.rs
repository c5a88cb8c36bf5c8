//! A link preview card for an article without an image of its own: 1200×630 PNG with its
//! category, its title (wrapped, and ellipsised after four lines) and the site's name in the
//! site's colours, drawn with the fonts built into the compiler. Shaping, bidi and font fallback
//! are cosmic-text's, so an Arabic title reads right to left and a Japanese one in CJK glyphs.

use std::cell::RefCell;
use std::sync::Arc;

use cosmic_text::{
    Attrs, Buffer, Ellipsize, EllipsizeHeightLimit, Family, FontSystem, Metrics, Shaping,
    SwashCache, Weight, Wrap,
};
use image::{Rgb, RgbImage};
use unicode_script::Script;

use crate::diagnostic::Diagnostic;
pub use crate::read::site_config::CardColours;
use crate::read::site_config::CardStyle;
use crate::read::static_files::{StaticFile, file_path_of};
use quire_model::picture::IMAGE_DIR;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const MARGIN: f32 = 80.0;
const TITLE_SIZE: f32 = 68.0;
const TITLE_LINES: usize = 4;
const LABEL_SIZE: f32 = 34.0;
const ACCENT_BAND: u32 = 14;

/// Changes whenever a card for the same words would be drawn differently, so no stale card is
/// reused from an earlier build.
pub(crate) const CARD_VERSION: &str = "quire-card-3";

const FONTS: [&[u8]; 3] = [
    include_bytes!("../../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../../fonts/DejaVuSans.ttf"),
    include_bytes!("../../fonts/DroidSansFallback.ttf"),
];
const PRIMARY: &str = "DejaVu Sans";
const FALLBACKS: &[&str] = &["DejaVu Sans", "Droid Sans Fallback"];

/// What one card shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CardText<'a> {
    pub title: &'a str,
    pub category: Option<&'a str>,
    pub site: &'a str,
}

/// The fonts and glyph cache of one thread: cards are drawn on every core.
struct Painter {
    fonts: FontSystem,
    glyphs: SwashCache,
}

/// Only the built-in fonts, in this order, whatever the script: the card must not depend on
/// the fonts of the machine that builds it.
struct BuiltInFallback;

impl cosmic_text::Fallback for BuiltInFallback {
    fn common_fallback(&self) -> &[&'static str] {
        FALLBACKS
    }

    fn forbidden_fallback(&self) -> &[&'static str] {
        &[]
    }

    fn script_fallback(&self, _script: Script, _locale: &str) -> &[&'static str] {
        FALLBACKS
    }
}

impl Painter {
    fn new() -> Self {
        let mut database = fontdb::Database::new();
        for font in FONTS {
            database.load_font_source(fontdb::Source::Binary(Arc::new(font)));
        }
        database.set_sans_serif_family(PRIMARY);
        Self {
            fonts: FontSystem::new_with_locale_and_db_and_fallback(
                "en".to_owned(),
                database,
                BuiltInFallback,
            ),
            glyphs: SwashCache::new(),
        }
    }
}

thread_local! {
    static PAINTER: RefCell<Option<Painter>> = const { RefCell::new(None) };
}

/// The card as PNG bytes, optionally with `logo` (already scaled) in its lower right corner.
pub fn draw(
    text: &CardText<'_>,
    colours: &CardColours,
    logo: Option<&image::RgbaImage>,
) -> Result<Vec<u8>, String> {
    let mut canvas = Canvas::new(colours);
    PAINTER.with(|painter| {
        let mut painter = painter.borrow_mut();
        let painter = painter.get_or_insert_with(Painter::new);
        layout_and_draw(painter, &mut canvas, text, colours);
    });
    match logo {
        Some(logo) => {
            let mut rgb = canvas.to_rgb();
            overlay(&mut rgb, logo);
            encode_png(Pixels::Rgb(&rgb))
        }
        None => encode_png(Pixels::Indexed(&canvas)),
    }
}

/// A card being drawn, as an index into its colours per pixel: a card has a background, three
/// inks and their edges at 32 levels of coverage, far fewer than the 256 a palette holds, and a
/// third of RGB's bytes to fill, filter and deflate.
struct Canvas {
    indices: Vec<u8>,
    palette: Vec<[u8; 3]>,
    inks: Vec<[u8; 3]>,
    /// (colour under, ink, coverage level) -> colour over, as an index; `u16::MAX` until met.
    blends: Vec<u16>,
}

const LEVELS: usize = 32;
const MAX_INKS: usize = 4;

impl Canvas {
    fn new(colours: &CardColours) -> Self {
        let mut indices = vec![0u8; (WIDTH * HEIGHT) as usize];
        indices[..(WIDTH * ACCENT_BAND) as usize].fill(1);
        Self {
            indices,
            palette: vec![colours.background, colours.accent],
            inks: Vec::new(),
            blends: vec![u16::MAX; 256 * MAX_INKS * LEVELS],
        }
    }

    /// The slot of `ink` in the blend table.
    fn ink(&mut self, ink: [u8; 3]) -> Option<usize> {
        match self.inks.iter().position(|&known| known == ink) {
            Some(slot) => Some(slot),
            None if self.inks.len() < MAX_INKS => {
                self.inks.push(ink);
                Some(self.inks.len() - 1)
            }
            None => None,
        }
    }

    /// A glyph's coverage mask (`width` × `height`, `step` bytes a pixel, coverage in the last)
    /// in `ink` with its top left at `x`, `y`; what falls outside the card is left out.
    fn blit(
        &mut self,
        (x, y): (i32, i32),
        (width, height): (u32, u32),
        mask: &[u8],
        step: usize,
        ink: usize,
    ) {
        for row in 0..height as i32 {
            let Ok(card_y) = u32::try_from(y + row) else {
                continue;
            };
            if card_y >= HEIGHT {
                break;
            }
            let line = &mask[row as usize * width as usize * step..][..width as usize * step];
            for (column, pixel) in line.chunks_exact(step).enumerate() {
                let coverage = pixel[step - 1];
                let card_x = x + column as i32;
                if coverage == 0 || card_x < 0 || card_x >= WIDTH as i32 {
                    continue;
                }
                self.blend(
                    card_y as usize * WIDTH as usize + card_x as usize,
                    ink,
                    coverage,
                );
            }
        }
    }

    fn blend(&mut self, pixel: usize, ink: usize, coverage: u8) {
        let level = usize::from(coverage) * LEVELS / 256;
        let under = self.indices[pixel];
        let key = (usize::from(under) * MAX_INKS + ink) * LEVELS + level;
        let over = match self.blends[key] {
            u16::MAX => {
                let alpha = ((level * 255 + LEVELS / 2) / (LEVELS - 1)).min(255) as u8;
                let colour = mix_alpha(self.palette[usize::from(under)], self.inks[ink], alpha);
                let index = match self.palette.iter().position(|&known| known == colour) {
                    Some(index) => index,
                    None if self.palette.len() < 256 => {
                        self.palette.push(colour);
                        self.palette.len() - 1
                    }
                    // Cannot happen with three inks at 32 levels; the colour under stays if it did.
                    None => usize::from(under),
                };
                self.blends[key] = index as u16;
                index as u16
            }
            known => known,
        };
        self.indices[pixel] = over as u8;
    }

    fn to_rgb(&self) -> RgbImage {
        let mut rgb = RgbImage::new(WIDTH, HEIGHT);
        for (pixel, &index) in rgb.pixels_mut().zip(&self.indices) {
            *pixel = Rgb(self.palette[usize::from(index)]);
        }
        rgb
    }
}

/// `ink` at `alpha` over `under`.
fn mix_alpha(under: [u8; 3], ink: [u8; 3], alpha: u8) -> [u8; 3] {
    let a = u16::from(alpha);
    std::array::from_fn(|i| {
        ((u16::from(ink[i]) * a + u16::from(under[i]) * (255 - a) + 127) / 255) as u8
    })
}

/// Draws the label, the title and the site's name.
fn layout_and_draw(
    painter: &mut Painter,
    canvas: &mut Canvas,
    text: &CardText<'_>,
    colours: &CardColours,
) {
    let width = WIDTH as f32 - 2.0 * MARGIN;
    let mut top = MARGIN + ACCENT_BAND as f32;
    if let Some(category) = text.category {
        let label = paragraph(painter, category, LABEL_SIZE, Weight::BOLD, width, 1);
        top += paint(painter, canvas, label, (MARGIN, top), colours.accent) + 18.0;
    }
    let title = paragraph(
        painter,
        text.title,
        TITLE_SIZE,
        Weight::BOLD,
        width,
        TITLE_LINES,
    );
    paint(painter, canvas, title, (MARGIN, top), colours.text);
    let site = paragraph(
        painter,
        text.site,
        LABEL_SIZE,
        Weight::NORMAL,
        width - 200.0,
        1,
    );
    let site_top = HEIGHT as f32 - MARGIN - LABEL_SIZE * 1.3;
    let muted = mix_alpha(colours.background, colours.text, 191);
    paint(painter, canvas, site, (MARGIN, site_top), muted);
}

/// A laid-out paragraph of at most `lines` lines, the last ellipsised when the text runs on.
fn paragraph(
    painter: &mut Painter,
    text: &str,
    size: f32,
    weight: Weight,
    width: f32,
    lines: usize,
) -> Buffer {
    let mut buffer = Buffer::new(&mut painter.fonts, Metrics::relative(size, 1.2));
    let mut borrowed = buffer.borrow_with(&mut painter.fonts);
    borrowed.set_wrap(Wrap::WordOrGlyph);
    borrowed.set_ellipsize(Ellipsize::End(EllipsizeHeightLimit::Lines(lines)));
    borrowed.set_size(Some(width), None);
    let attrs = Attrs::new().family(Family::Name(PRIMARY)).weight(weight);
    // One line: a title's line breaks would only be what the author's editor wrapped.
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    borrowed.set_text(&one_line, &attrs, Shaping::Advanced, None);
    borrowed.shape_until_scroll(true);
    buffer
}

/// Draws `buffer` with its top left at `at`; returns the height it took. Glyphs are rasterised
/// once per thread (swash's cache) and their masks blitted whole: a callback per pixel was a
/// third of a card's time.
fn paint(
    painter: &mut Painter,
    canvas: &mut Canvas,
    buffer: Buffer,
    at: (f32, f32),
    colour: [u8; 3],
) -> f32 {
    let height = buffer
        .layout_runs()
        .map(|run| run.line_top + run.line_height)
        .fold(0.0, f32::max);
    let Some(ink) = canvas.ink(colour) else {
        return height;
    };
    let (left, top) = (at.0 as i32, at.1 as i32);
    for run in buffer.layout_runs() {
        for glyph in run.glyphs {
            let physical = glyph.physical((0.0, run.line_y), 1.0);
            let Some(image) = painter
                .glyphs
                .get_image(&mut painter.fonts, physical.cache_key)
            else {
                continue;
            };
            let step = match image.content {
                cosmic_text::SwashContent::Mask => 1,
                // A colour glyph (none of the built-in fonts has one): drawn by its alpha.
                _ => 4,
            };
            canvas.blit(
                (
                    left + physical.x + image.placement.left,
                    top + physical.y - image.placement.top,
                ),
                (image.placement.width, image.placement.height),
                &image.data,
                step,
                ink,
            );
        }
    }
    height
}

fn blend(canvas: &mut RgbImage, x: u32, y: u32, colour: [u8; 3], alpha: u8) {
    if x < canvas.width() && y < canvas.height() {
        let pixel = canvas.get_pixel_mut(x, y);
        pixel.0 = mix_alpha(pixel.0, colour, alpha);
    }
}

/// A site's logo as cards draw it, with the hash of its file.
pub(crate) struct Logo {
    pub image: image::RgbaImage,
    hash: String,
}

/// The logo `[cards]` names, read and scaled once; a warning when it cannot be.
pub(crate) fn logo(
    style: &CardStyle,
    static_files: &[StaticFile],
) -> (Option<Logo>, Vec<Diagnostic>) {
    let Some(written) = &style.logo else {
        return (None, Vec::new());
    };
    let path = file_path_of(&written.path);
    // One that static/ lacks is named by the check of the site's images.
    let Ok(index) = static_files.binary_search_by(|file| file.path.as_str().cmp(&path)) else {
        return (None, Vec::new());
    };
    let file = &static_files[index].source;
    let read = std::fs::read(file)
        .map_err(|error| error.to_string())
        .and_then(|bytes| {
            let image = super::decode_whole(&bytes)?;
            Ok(Logo {
                image: scaled_logo(&image),
                hash: crate::assemble::layout::content_hash(&bytes),
            })
        });
    match read {
        Ok(logo) => (Some(logo), Vec::new()),
        Err(problem) => (
            None,
            vec![Diagnostic::warning(
                file,
                1,
                format!("the cards' logo cannot be drawn ({problem}); cards are drawn without it"),
            )],
        ),
    }
}

/// The site path of an article's card: its slug and the hash of everything drawn on it.
pub(crate) fn path_of(
    slug: &str,
    text: &CardText<'_>,
    style: &CardStyle,
    logo: Option<&Logo>,
) -> String {
    let mut key = String::from(CARD_VERSION);
    for part in [
        text.title,
        text.category.unwrap_or(""),
        text.site,
        logo.map_or("", |l| &l.hash),
    ] {
        key.push('\0');
        key.push_str(part);
    }
    let colours = style.colours;
    key.extend(
        [colours.background, colours.text, colours.accent]
            .iter()
            .flatten()
            .map(|&byte| char::from(byte)),
    );
    let hash = crate::assemble::layout::content_hash(key.as_bytes());
    format!("/{IMAGE_DIR}/card-{}.{hash}.png", super::name_of(slug))
}

/// The height a logo is drawn at, in the card's lower right corner.
pub const LOGO_HEIGHT: u32 = 72;

fn overlay(canvas: &mut RgbImage, logo: &image::RgbaImage) {
    let left = WIDTH.saturating_sub(MARGIN as u32 + logo.width());
    let top = HEIGHT.saturating_sub(MARGIN as u32 + logo.height()) + 14;
    for (x, y, pixel) in logo.enumerate_pixels() {
        let [r, g, b, a] = pixel.0;
        blend(canvas, left + x, top + y, [r, g, b], a);
    }
}

/// The logo as drawn: scaled to [`LOGO_HEIGHT`], at most a third of the card's width.
pub fn scaled_logo(logo: &image::DynamicImage) -> image::RgbaImage {
    logo.resize(
        WIDTH / 3,
        LOGO_HEIGHT,
        image::imageops::FilterType::CatmullRom,
    )
    .to_rgba8()
}

enum Pixels<'a> {
    Indexed(&'a Canvas),
    Rgb(&'a RgbImage),
}

fn encode_png(pixels: Pixels<'_>) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    // fdeflate's fast mode, with Sub turning each run of one colour into zeros: a card is flat
    // colour and text, which this packs within a few percent of the best at a fraction of the time.
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Sub);
    encoder.set_depth(png::BitDepth::Eight);
    let data: &[u8] = match pixels {
        Pixels::Indexed(canvas) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(canvas.palette.concat());
            &canvas.indices
        }
        Pixels::Rgb(rgb) => {
            encoder.set_color(png::ColorType::Rgb);
            rgb.as_raw()
        }
    };
    let problem =
        |error: png::EncodingError| format!("the preview card could not be encoded: {error}");
    let mut writer = encoder.write_header().map_err(problem)?;
    writer.write_image_data(data).map_err(problem)?;
    writer.finish().map_err(problem)?;
    Ok(out)
}

/// The glyphs `text` is laid out in, as (font family, glyph id): for tests, which check that
/// no character falls back to the empty box (glyph 0).
#[cfg(test)]
pub(crate) fn glyphs_of(text: &str) -> Vec<(String, u16)> {
    PAINTER.with(|painter| {
        let mut painter = painter.borrow_mut();
        let painter = painter.get_or_insert_with(Painter::new);
        let buffer = paragraph(painter, text, TITLE_SIZE, Weight::BOLD, 1040.0, TITLE_LINES);
        let mut glyphs = Vec::new();
        for run in buffer.layout_runs() {
            for glyph in run.glyphs {
                let family = painter
                    .fonts
                    .db()
                    .face(glyph.font_id)
                    .and_then(|face| face.families.first().map(|(name, _)| name.clone()))
                    .unwrap_or_default();
                glyphs.push((family, glyph.glyph_id));
            }
        }
        glyphs
    })
}

/// The text of each laid-out line of a title, for tests of wrapping and ellipsis.
#[cfg(test)]
pub(crate) fn title_lines(text: &str) -> Vec<String> {
    PAINTER.with(|painter| {
        let mut painter = painter.borrow_mut();
        let painter = painter.get_or_insert_with(Painter::new);
        let buffer = paragraph(painter, text, TITLE_SIZE, Weight::BOLD, 1040.0, TITLE_LINES);
        buffer
            .layout_runs()
            .map(|run| {
                run.glyphs
                    .iter()
                    .map(|glyph| &run.text[glyph.start..glyph.end])
                    .collect::<String>()
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(title: &str) -> CardText<'_> {
        CardText {
            title,
            category: Some("Engineering"),
            site: "Quire Insights",
        }
    }

    #[test]
    fn a_card_is_a_1200_by_630_png_in_the_sites_colours() {
        let colours = CardColours::default();
        let png = draw(
            &text("Measuring what a filter change costs"),
            &colours,
            None,
        )
        .unwrap();
        let card = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!((card.width(), card.height()), (1200, 630));
        assert_eq!(card.get_pixel(5, 5).0, colours.accent);
        assert_eq!(card.get_pixel(1190, 620).0, colours.background);
        let inked = card.pixels().filter(|p| p.0 == colours.text).count();
        assert!(inked > 1_000, "the title is drawn: {inked} pixels of ink");
    }

    #[test]
    fn a_long_title_wraps_and_ends_in_an_ellipsis_on_its_fourth_line() {
        let long = "word ".repeat(60);
        let lines = title_lines(&long);
        assert_eq!(lines.len(), TITLE_LINES, "{lines:?}");
        let ellipsis = glyphs_of("…");
        assert_eq!(
            glyphs_of(&long).last(),
            ellipsis.last(),
            "the last glyph is an ellipsis"
        );
        assert_ne!(glyphs_of("word word").last(), ellipsis.last());
        let short = title_lines("A short title");
        assert_eq!(short, ["A short title"]);
    }

    #[test]
    fn one_long_word_breaks_between_glyphs_rather_than_running_off_the_card() {
        let lines = title_lines(&"x".repeat(200));
        assert!(lines.len() > 1 && lines.len() <= TITLE_LINES, "{lines:?}");
    }

    #[test]
    fn arabic_hebrew_chinese_and_japanese_titles_have_a_glyph_for_every_character() {
        for title in [
            "كيف نقيس سرعة البناء",
            "איך אנחנו מודדים",
            "我们如何测量构建速度",
            "ビルドの速さを測る方法",
            "한국어 제목",
            "Mixed English and 中文 title",
        ] {
            let glyphs = glyphs_of(title);
            assert!(!glyphs.is_empty(), "{title}");
            assert!(
                glyphs.iter().all(|(_, id)| *id != 0),
                "{title} falls back to boxes: {glyphs:?}"
            );
        }
        let families: Vec<String> = glyphs_of("我们").into_iter().map(|(f, _)| f).collect();
        assert!(
            families.iter().all(|f| f == "Droid Sans Fallback"),
            "{families:?}"
        );
    }

    #[test]
    fn a_logo_is_drawn_in_the_lower_right_corner() {
        let logo = image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            400,
            400,
            image::Rgba([255, 0, 0, 255]),
        ));
        let scaled = scaled_logo(&logo);
        assert_eq!(scaled.height(), LOGO_HEIGHT);
        let png = draw(&text("T"), &CardColours::default(), Some(&scaled)).unwrap();
        let card = image::load_from_memory(&png).unwrap().to_rgb8();
        let red = card.pixels().filter(|p| p.0 == [255, 0, 0]).count();
        assert_eq!(red as u32, LOGO_HEIGHT * LOGO_HEIGHT);
        assert_eq!(
            card.get_pixel(1200 - 80 - 1, 630 - 80 + 14 - 1).0,
            [255, 0, 0]
        );
    }
}
