//! Raster images written for readers: each JPEG, PNG, WebP or still GIF a document uses is
//! decoded once, turned upright by its EXIF orientation, and written in a few widths as WebP and
//! a fallback (which carries none of the original's metadata, GPS included), named by the hash of
//! its bytes; a previous build's copies are taken as they are. `rewrite` puts them in the pages,
//! `card` draws a preview card for an article without an image.

pub(crate) mod card;
pub(crate) mod rewrite;
pub(crate) mod svg;

use std::collections::HashMap;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use quire_model::picture::{self, Fallback, IMAGE_DIR, Picture};
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::parallel::BALANCED_RUN;
use crate::read::article::Article;
use crate::read::site_config::Site;
use crate::read::static_files::StaticFile;
use crate::spill::{Spill, SpilledBytes};
use crate::write::staging::{OutputFile, SiteStaging};

/// An image larger than this is published as it is, unresized: 50 megapixels is a high-end
/// camera's photo, and a decompression bomb claims far more.
pub(crate) const MAX_PIXELS: u64 = 50_000_000;

/// The most one decode may allocate; with `MAX_PIXELS`, what bounds a decode's time too.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// libwebp's quality for photos: its default, visually the original at a third of a JPEG's size.
const WEBP_QUALITY: f32 = 80.0;

/// libwebp's effort, 0 to 6: 2 encodes a photo in about half the time of the default 4, for files
/// a few percent larger.
const WEBP_METHOD: i32 = 2;

const JPEG_QUALITY: u8 = 82;

/// Changes whenever what is written for the same bytes does, so no stale copy is ever reused.
const PIPELINE_VERSION: &[u8] = b"quire-images-2";

/// What the image step did, for the build's report and the bench.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageReport {
    /// Images written in several widths.
    pub images: usize,
    /// Of those, images encoded by this build (the others' files came from the previous one).
    pub encoded: usize,
    /// Preview cards drawn by this build, and those taken from the previous one.
    pub cards_drawn: usize,
    pub cards_reused: usize,
    /// The originals' bytes, and the bytes of the widest fallback written for each: what a
    /// reader loads at most, without WebP.
    pub original_bytes: u64,
    pub written_bytes: u64,
}

/// The images written for this build: what each became, the files to publish and why any
/// could not be written.
pub struct Pictures {
    /// By the image's path relative to the site's root (`img/harbour.jpg`).
    pub(crate) by_path: HashMap<String, Picture>,
    /// What to publish: encoded by this build, or the previous build's file.
    pub(crate) files: Vec<ImageFile>,
    /// Images published as they are, and why.
    pub(crate) problems: HashMap<String, String>,
    pub(crate) report: ImageReport,
    spill: Arc<Spill>,
    previous: Option<PathBuf>,
}

/// A file the image step publishes: its path relative to the site's root, and its bytes.
#[derive(Debug)]
pub(crate) struct ImageFile {
    pub path: String,
    pub source: ImageSource,
}

#[derive(Debug)]
pub(crate) enum ImageSource {
    /// Encoded by this build; waiting in its spill, which costs no file per image until the
    /// site is staged (creating them twice was most of a cold build's image time on ext4).
    Encoded(SpilledBytes),
    /// The previous build's file of the same name, hence the same bytes.
    Previous(PathBuf),
}

impl ImageFile {
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> Result<Vec<u8>, BuildError> {
        match &self.source {
            ImageSource::Encoded(spilled) => spilled.read(),
            ImageSource::Previous(file) => fs::read(file).map_err(BuildError::io(file)),
        }
    }

    fn len(&self) -> u64 {
        match &self.source {
            ImageSource::Encoded(spilled) => spilled.len() as u64,
            ImageSource::Previous(file) => fs::metadata(file).map_or(0, |metadata| metadata.len()),
        }
    }

    fn publish(&self, site: &SiteStaging) -> Result<(), BuildError> {
        match &self.source {
            ImageSource::Encoded(spilled) => site.write(&OutputFile {
                path: self.path.clone(),
                bytes: spilled.read()?,
            }),
            // 1,000 covers are 8,000 files and hundreds of megabytes: copied, they tripled a
            // rebuild that changed none of them.
            ImageSource::Previous(file) => site.link_or_copy(&self.path, file),
        }
    }
}

impl Pictures {
    /// Writes each of `sources` that is a raster image, taking the files of `previous` (the
    /// site's last output) where they are there already.
    pub(crate) fn write(
        sources: Vec<&StaticFile>,
        previous: Option<&Path>,
    ) -> Result<Self, BuildError> {
        let spill = Spill::new()?;
        let places = Places {
            spill: &spill,
            previous,
        };
        let outcomes = sources
            .into_par_iter()
            .with_max_len(1)
            .map(|file| Ok((file.path.clone(), write_one(file, &places)?)))
            .collect::<Result<Vec<_>, BuildError>>()?;
        let mut pictures = Self {
            by_path: HashMap::new(),
            files: Vec::new(),
            problems: HashMap::new(),
            report: ImageReport::default(),
            spill,
            previous: previous.map(Path::to_path_buf),
        };
        for (path, outcome) in outcomes {
            pictures.add(path, outcome);
        }
        Ok(pictures)
    }

    fn add(&mut self, path: String, outcome: Outcome) {
        match outcome {
            Outcome::Written(written) => {
                self.report.images += 1;
                self.report.encoded += usize::from(written.encoded);
                self.report.original_bytes += written.original_bytes;
                self.report.written_bytes += written.widest_fallback_bytes;
                self.files.extend(written.files);
                self.by_path.insert(path, written.picture);
            }
            Outcome::AsIs => {}
            Outcome::Unreadable(problem) => {
                self.problems.insert(path, problem);
            }
        }
    }

    /// Gives each article without an `image` a preview card (drawn, or the previous build's when
    /// it drew the same one); warnings for a logo that cannot be drawn.
    pub(crate) fn draw_cards(
        &mut self,
        articles: &mut [Article],
        site: &Site,
        static_files: &[StaticFile],
    ) -> Result<Vec<Diagnostic>, BuildError> {
        let Some(style) = &site.cards else {
            return Ok(Vec::new());
        };
        let (logo, warnings) = card::logo(style, static_files);
        let places = Places {
            spill: &self.spill,
            previous: self.previous.as_deref(),
        };
        let drawn = articles
            .par_iter_mut()
            .with_max_len(BALANCED_RUN)
            .filter(|article| article.body.image.is_none())
            .map(|article| {
                let text = card::CardText {
                    title: &article.title,
                    category: article.category.as_ref().map(|c| c.name.as_str()),
                    site: &site.info.title,
                };
                let path = card::path_of(&article.slug, &text, style, logo.as_ref());
                let drawn = match places.reusable(&path) {
                    Some(file) => file,
                    None => {
                        let png =
                            card::draw(&text, &style.colours, logo.as_ref().map(|l| &l.image))
                                .map_err(|problem| BuildError::Card {
                                    slug: article.slug.clone(),
                                    problem,
                                })?;
                        places.put(&path, &png)?
                    }
                };
                let reused = matches!(drawn.source, ImageSource::Previous(_));
                article.body.card = Some(path);
                Ok((drawn, reused))
            })
            .collect::<Result<Vec<_>, BuildError>>()?;
        for (file, reused) in drawn {
            if reused {
                self.report.cards_reused += 1;
            } else {
                self.report.cards_drawn += 1;
            }
            self.files.push(file);
        }
        Ok(warnings)
    }
}

/// Stages every file the image step wrote or took; returns how many.
pub(crate) fn publish_written(
    pictures: &Pictures,
    site: &SiteStaging,
) -> Result<usize, BuildError> {
    for file in &pictures.files {
        file.publish(site)?;
    }
    Ok(pictures.files.len())
}

/// Stages every file of `static/` for the site, each SVG without what could run (see [`svg`]);
/// returns how many.
pub(crate) fn publish(files: &[StaticFile], site: &SiteStaging) -> Result<usize, BuildError> {
    for file in files {
        let is_svg = file
            .path
            .rsplit_once('.')
            .is_some_and(|(_, extension)| extension.eq_ignore_ascii_case("svg"));
        let sanitised = if is_svg {
            let bytes = fs::read(&file.source).map_err(BuildError::io(&file.source))?;
            std::str::from_utf8(&bytes).ok().and_then(svg::sanitise)
        } else {
            None
        };
        match sanitised {
            Some(svg) => site.write(&OutputFile {
                path: file.path.clone(),
                bytes: svg.into_bytes(),
            })?,
            None => site.copy(&file.path, &file.source)?,
        }
    }
    Ok(files.len())
}

/// Where an image's new files wait and where an earlier build's may be.
pub(crate) struct Places<'a> {
    pub spill: &'a Arc<Spill>,
    pub previous: Option<&'a Path>,
}

impl Places<'_> {
    /// The previous build's file at `site_path`, when it has one.
    pub(crate) fn reusable(&self, site_path: &str) -> Option<ImageFile> {
        let relative = site_path.trim_start_matches('/');
        let file = self.previous?.join(relative);
        file.is_file().then(|| ImageFile {
            path: relative.to_owned(),
            source: ImageSource::Previous(file),
        })
    }

    /// Keeps `bytes`, to be published at `site_path`.
    pub(crate) fn put(&self, site_path: &str, bytes: &[u8]) -> Result<ImageFile, BuildError> {
        Ok(ImageFile {
            path: site_path.trim_start_matches('/').to_owned(),
            source: ImageSource::Encoded(self.spill.keep(bytes)?),
        })
    }
}

enum Outcome {
    Written(Written),
    /// Not a raster image to resize (an animation, a format browsers read as it is).
    AsIs,
    Unreadable(String),
}

struct Written {
    picture: Picture,
    files: Vec<ImageFile>,
    encoded: bool,
    original_bytes: u64,
    widest_fallback_bytes: u64,
}

fn write_one(file: &StaticFile, places: &Places<'_>) -> Result<Outcome, BuildError> {
    let bytes = fs::read(&file.source).map_err(BuildError::io(&file.source))?;
    let plan = match plan(&bytes, &file.path) {
        Ok(Some(plan)) => plan,
        Ok(None) => return Ok(Outcome::AsIs),
        Err(problem) => return Ok(Outcome::Unreadable(problem)),
    };
    let variants = plan.variant_paths();
    let reused: Option<Vec<ImageFile>> = variants
        .iter()
        .map(|site_path| places.reusable(site_path))
        .collect();
    let (files, encoded) = match reused {
        Some(files) => (files, false),
        None => match encode(&bytes, &plan) {
            Ok(encoded) => {
                let files = variants
                    .iter()
                    .zip(&encoded)
                    .map(|(site_path, bytes)| places.put(site_path, bytes))
                    .collect::<Result<Vec<_>, _>>()?;
                (files, true)
            }
            Err(problem) => return Ok(Outcome::Unreadable(problem)),
        },
    };
    let widest_fallback_bytes = files.last().map_or(0, ImageFile::len);
    Ok(Outcome::Written(Written {
        picture: plan.picture,
        files,
        encoded,
        original_bytes: bytes.len() as u64,
        widest_fallback_bytes,
    }))
}

/// What an image will be written as, read from its header alone.
#[derive(Debug)]
pub(crate) struct Plan {
    pub picture: Picture,
    format: ImageFormat,
    orientation: image::metadata::Orientation,
}

impl Plan {
    /// Every file the image is written as: per width, its WebP then its fallback.
    fn variant_paths(&self) -> Vec<String> {
        self.picture
            .widths
            .iter()
            .flat_map(|&width| {
                [
                    self.picture.variant(width, true),
                    self.picture.variant(width, false),
                ]
            })
            .collect()
    }
}

/// The plan for an image's bytes (`path` names its files): `None` for what browsers are sent as
/// it is (an animated GIF, a format other than JPEG, PNG, GIF and WebP), else why it cannot be
/// read. Reads headers only, so a cached image is never decoded.
pub(crate) fn plan(bytes: &[u8], path: &str) -> Result<Option<Plan>, String> {
    if bytes.is_empty() {
        return Err("the file is empty".to_owned());
    }
    let format = image::guess_format(bytes).map_err(|_| {
        "its bytes are not an image of a format Quire reads (JPEG, PNG, GIF, WebP)".to_owned()
    })?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP
    ) {
        return Ok(None);
    }
    if format == ImageFormat::Gif && is_animated_gif(bytes) {
        return Ok(None);
    }
    // The JPEG decoder draws what a cut-off file holds and greys the rest, as browsers do; a
    // build should say the file is broken rather than resize half a photo.
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err("it is cut short: the file ends before the image does".to_owned());
    }
    let mut decoder = decoder(bytes, format)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err("it has no pixels".to_owned());
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(format!(
            "it is {width}×{height} pixels, more than the {} megapixels Quire decodes",
            MAX_PIXELS / 1_000_000
        ));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let (width, height) = upright(width, height, orientation);
    let fallback = if decoder.color_type().has_alpha() {
        Fallback::Png
    } else {
        Fallback::Jpeg
    };
    let hash = {
        let mut hashed = PIPELINE_VERSION.to_vec();
        hashed.extend_from_slice(bytes);
        crate::assemble::layout::content_hash(&hashed)
    };
    Ok(Some(Plan {
        picture: Picture {
            stem: format!("/{IMAGE_DIR}/{}.{hash}", name_of(path)),
            widths: picture::widths_for(width),
            fallback,
            width,
            height,
        },
        format,
        orientation,
    }))
}

fn decoder(bytes: &[u8], format: ImageFormat) -> Result<Box<dyn image::ImageDecoder + '_>, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    reader
        .into_decoder()
        .map(|decoder| Box::new(decoder) as Box<dyn image::ImageDecoder>)
        .map_err(|error| format!("it cannot be read as {format:?}: {error}"))
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn is_animated_gif(bytes: &[u8]) -> bool {
    use image::AnimationDecoder;
    image::codecs::gif::GifDecoder::new(Cursor::new(bytes))
        .map(|decoder| decoder.into_frames().take(2).count() > 1)
        .unwrap_or(false)
}

/// Whether a JPEG's compressed image reaches its end marker. The marker segments before the
/// first scan are stepped over by their lengths, so an EXIF thumbnail's own end marker is not
/// taken for the image's; within the scans an end marker cannot occur by chance (a 0xFF byte of
/// data is written as 0xFF 0x00).
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    const START_OF_SCAN: u8 = 0xDA;
    const END_OF_IMAGE: [u8; 2] = [0xFF, 0xD9];
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let next = at + 2 + length;
        if marker == START_OF_SCAN {
            return bytes
                .get(next..)
                .is_some_and(|scans| memchr::memmem::find(scans, &END_OF_IMAGE).is_some());
        }
        at = next;
    }
    false
}

fn upright(width: u32, height: u32, orientation: image::metadata::Orientation) -> (u32, u32) {
    use image::metadata::Orientation::*;
    match orientation {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => (height, width),
        _ => (width, height),
    }
}

/// The readable part of a written file's name: the source's file name as a slug, kept short.
pub(crate) fn name_of(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let slug: String = quire_model::slugify(stem).chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "image".to_owned()
    } else {
        slug.to_owned()
    }
}

/// An image's pixels, upright, for what is drawn rather than resized (a card's logo).
pub(crate) fn decode_whole(bytes: &[u8]) -> Result<DynamicImage, String> {
    let plan = plan(bytes, "logo")?.ok_or("it is not a still JPEG, PNG, GIF or WebP")?;
    let decoder = decoder(bytes, plan.format)?;
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|error| format!("it cannot be decoded: {error}"))?;
    image.apply_orientation(plan.orientation);
    Ok(image)
}

/// Decodes the image and encodes every variant in the order of [`Plan::variant_paths`].
fn encode(bytes: &[u8], plan: &Plan) -> Result<Vec<Vec<u8>>, String> {
    let decoder = decoder(bytes, plan.format)?;
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|error| format!("it cannot be decoded: {error}"))?;
    image.apply_orientation(plan.orientation);
    image = match plan.picture.fallback {
        Fallback::Jpeg => DynamicImage::ImageRgb8(image.into_rgb8()),
        Fallback::Png => DynamicImage::ImageRgba8(image.into_rgba8()),
    };
    // Widest first, each narrower one from the last: a 4,000-pixel photo is resampled once in
    // full, not once per width.
    let mut encoded = Vec::with_capacity(plan.picture.widths.len() * 2);
    let mut scaled = image;
    let mut resizer = fast_image_resize::Resizer::new();
    let options = fast_image_resize::ResizeOptions::new().resize_alg(
        fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::CatmullRom),
    );
    for &width in plan.picture.widths.iter().rev() {
        if scaled.width() != width {
            let height = picture::scaled_height(plan.picture.width, plan.picture.height, width);
            let mut smaller = DynamicImage::new(width, height, scaled.color());
            resizer
                .resize(&scaled, &mut smaller, &options)
                .map_err(|error| format!("it could not be resized: {error}"))?;
            scaled = smaller;
        }
        let fallback = encode_fallback(&scaled, plan.picture.fallback)?;
        encoded.push((webp_of(&scaled)?, fallback));
    }
    Ok(encoded
        .into_iter()
        .rev()
        .flat_map(|(webp, fallback)| [webp, fallback])
        .collect())
}

fn webp_of(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut config =
        webp::WebPConfig::new().map_err(|()| "libwebp refused its own defaults".to_owned())?;
    config.lossless = 0;
    config.alpha_compression = 1;
    config.quality = WEBP_QUALITY;
    config.method = WEBP_METHOD;
    let memory = match image.as_rgb8() {
        Some(rgb) => {
            webp::Encoder::from_rgb(rgb, rgb.width(), rgb.height()).encode_advanced(&config)
        }
        None => {
            let rgba = image.to_rgba8();
            webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height()).encode_advanced(&config)
        }
    };
    memory
        .map(|memory| memory.to_vec())
        .map_err(|error| format!("WebP could not encode it: {error:?}"))
}

fn encode_fallback(image: &DynamicImage, fallback: Fallback) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match fallback {
        Fallback::Jpeg => {
            // `encode` has made the image 8-bit RGB for a JPEG fallback already.
            let converted;
            let rgb = match image.as_rgb8() {
                Some(rgb) => rgb,
                None => {
                    converted = image.to_rgb8();
                    &converted
                }
            };
            let (Ok(width), Ok(height)) = (u16::try_from(rgb.width()), u16::try_from(rgb.height()))
            else {
                return Err("it is too large for a JPEG".to_owned());
            };
            jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY)
                .encode(rgb, width, height, jpeg_encoder::ColorType::Rgb)
                .map_err(|error| format!("it could not be encoded as JPEG: {error}"))?;
        }
        Fallback::Png => image
            .write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
            .map_err(|error| format!("it could not be encoded as PNG: {error}"))?,
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
