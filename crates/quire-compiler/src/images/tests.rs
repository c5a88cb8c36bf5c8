//! The image step on real encoded images: widths, orientation, metadata, the cache, bad input.

use super::*;
use image::{Rgb, RgbImage, Rgba, RgbaImage};
use proptest::prelude::*;

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    });
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(image)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut out, 90,
        ))
        .unwrap();
    out
}

fn png_with_alpha(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, _| Rgba([10, 20, 30, (x % 256) as u8]));
    let mut out = Vec::new();
    DynamicImage::ImageRgba8(image)
        .write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
        .unwrap();
    out
}

/// An EXIF segment saying "rotate 90° clockwise to show" (orientation 6), with a GPS IFD
/// pointer and a camera make beside it, as a phone writes.
fn exif_segment() -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    let entries: [(u16, u16, u32, u32); 3] = [
        (0x010F, 2, 4, u32::from_le_bytes(*b"Cam\0")),
        (0x0112, 3, 1, 6),
        (0x8825, 4, 1, 0),
    ];
    tiff.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, kind, count, value) in entries {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value.to_le_bytes());
    }
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut segment = vec![0xFF, 0xE1];
    let length = (2 + 6 + tiff.len()) as u16;
    segment.extend_from_slice(&length.to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend(exif_segment());
    out.extend_from_slice(&jpeg[2..]);
    out
}

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new(files: &[(&str, &[u8])]) -> (Self, Vec<StaticFile>) {
        let dir = tempfile::tempdir().unwrap();
        let files = files
            .iter()
            .map(|(path, bytes)| {
                let source = dir.path().join("static").join(path);
                fs::create_dir_all(source.parent().unwrap()).unwrap();
                fs::write(&source, bytes).unwrap();
                StaticFile {
                    path: (*path).to_owned(),
                    source,
                }
            })
            .collect();
        (Self { dir }, files)
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// Publishes what a build wrote, as staging would.
    fn publish(&self, pictures: &Pictures) {
        for file in &pictures.files {
            let to = self.out().join(&file.path);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::write(to, file.bytes().unwrap()).unwrap();
        }
    }
}

fn first_ending<'a>(pictures: &'a Pictures, extension: &str) -> &'a ImageFile {
    pictures
        .files
        .iter()
        .find(|file| file.path.ends_with(extension))
        .unwrap()
}

fn decoded(file: &ImageFile) -> DynamicImage {
    image::load_from_memory(&file.bytes().unwrap()).unwrap()
}

#[test]
fn a_photo_is_written_at_each_width_below_its_own_in_webp_and_jpeg() {
    let (site, files) = Site::new(&[("img/Harbour View.jpg", &jpeg(1000, 500))]);
    let pictures = Pictures::write(files.iter().collect(), Some(&site.out())).unwrap();
    let picture = &pictures.by_path["img/Harbour View.jpg"];
    assert_eq!(picture.widths, vec![400, 800, 1000]);
    assert_eq!((picture.width, picture.height), (1000, 500));
    assert_eq!(picture.fallback, Fallback::Jpeg);
    assert!(
        picture.stem.starts_with("/_img/harbour-view."),
        "{}",
        picture.stem
    );
    let written: Vec<&str> = pictures.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(written.len(), 6);
    for file in &pictures.files {
        let image = decoded(file);
        let width: u32 = file
            .path
            .rsplit_once('-')
            .unwrap()
            .1
            .split('.')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(image.width(), width, "{}", file.path);
        assert_eq!(image.height(), width / 2, "{}", file.path);
        let format = image::guess_format(&file.bytes().unwrap()).unwrap();
        let expected = if file.path.ends_with(".webp") {
            ImageFormat::WebP
        } else {
            ImageFormat::Jpeg
        };
        assert_eq!(format, expected, "{}", file.path);
    }
    assert_eq!(pictures.report.images, 1);
    assert_eq!(pictures.report.encoded, 1);
    assert!(pictures.problems.is_empty());
}

#[test]
fn an_image_with_transparency_falls_back_to_png_and_keeps_its_alpha() {
    let (site, files) = Site::new(&[("logo.png", &png_with_alpha(300, 100))]);
    let pictures = Pictures::write(files.iter().collect(), Some(&site.out())).unwrap();
    let picture = &pictures.by_path["logo.png"];
    assert_eq!(picture.fallback, Fallback::Png);
    assert_eq!(picture.widths, vec![300]);
    for extension in [".png", ".webp"] {
        assert!(
            decoded(first_ending(&pictures, extension))
                .color()
                .has_alpha()
        );
    }
}

#[test]
fn a_phone_photo_is_turned_upright_and_loses_its_exif_and_gps() {
    let original = with_exif(&jpeg(600, 200));
    assert!(
        jpeg_is_complete(&original),
        "an EXIF segment is stepped over"
    );
    assert_eq!(
        ImageReader::new(Cursor::new(&original))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap()
            .orientation()
            .unwrap(),
        image::metadata::Orientation::Rotate90,
        "the fixture carries its orientation"
    );
    let (site, files) = Site::new(&[("phone.jpg", &original)]);
    let pictures = Pictures::write(files.iter().collect(), Some(&site.out())).unwrap();
    let picture = &pictures.by_path["phone.jpg"];
    assert_eq!((picture.width, picture.height), (200, 600), "upright");
    for file in &pictures.files {
        let bytes = file.bytes().unwrap();
        let image = decoded(file);
        assert_eq!((image.width(), image.height()), (200, 600), "{}", file.path);
        assert!(
            memchr::memmem::find(&bytes, b"Exif").is_none(),
            "{} keeps EXIF",
            file.path
        );
        assert!(memchr::memmem::find(&bytes, b"Cam\0").is_none());
    }
    // The top-left corner of the upright image is the original's bottom-left: dark red, high
    // green (the gradient's y), so the rotation went the right way.
    let jpg = first_ending(&pictures, ".jpg");
    let corner = decoded(jpg).to_rgb8().get_pixel(0, 0).0;
    assert!(corner[0] < 40 && corner[1] > 200, "{corner:?}");
}

#[test]
fn a_second_build_takes_every_file_from_the_first_and_encodes_nothing() {
    let (site, files) = Site::new(&[
        ("a.jpg", &jpeg(900, 600)),
        ("b.png", &png_with_alpha(50, 50)),
    ]);
    let first = Pictures::write(files.iter().collect(), Some(&site.out())).unwrap();
    assert_eq!(first.report.encoded, 2);
    site.publish(&first);
    let second = Pictures::write(files.iter().collect(), Some(&site.out())).unwrap();
    assert_eq!(second.report.encoded, 0);
    assert_eq!(second.report.images, 2);
    assert_eq!(second.by_path, first.by_path);
    assert!(second.files.iter().all(|file| matches!(
        &file.source,
        ImageSource::Previous(path) if path.starts_with(site.out())
    )));
    // A changed image is a new name, written again.
    fs::write(&files[0].source, jpeg(901, 600)).unwrap();
    let third = Pictures::write(files.iter().collect(), Some(&site.out())).unwrap();
    assert_eq!(third.report.encoded, 1);
    assert_ne!(third.by_path["a.jpg"].stem, first.by_path["a.jpg"].stem);
}

#[test]
fn bad_images_are_named_with_why_and_published_as_they_are() {
    let full = jpeg(64, 64);
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty.jpg", Vec::new(), "the file is empty"),
        ("text.jpg", b"hello, not a picture".to_vec(), "not an image"),
        (
            "truncated.jpg",
            full[..full.len() / 3].to_vec(),
            "cut short",
        ),
        (
            "corrupt.png",
            png_with_alpha(40, 40)[..200].to_vec(),
            "cannot be",
        ),
        (
            "bomb.png",
            bomb_png(60_000, 60_000),
            "more than the 50 megapixels",
        ),
    ];
    let inputs: Vec<(&str, &[u8])> = cases.iter().map(|(p, b, _)| (*p, &b[..])).collect();
    let (site, files) = Site::new(&inputs);
    let pictures = Pictures::write(files.iter().collect(), Some(&site.out())).unwrap();
    assert!(pictures.by_path.is_empty());
    assert!(pictures.files.is_empty());
    for (path, _, why) in &cases {
        let problem = &pictures.problems[*path];
        assert!(problem.contains(why), "{path}: {problem}");
    }
}

/// A PNG that claims `width` × `height` pixels in its header and holds none.
fn bomb_png(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    for chunk in [&b"IDAT"[..], b"IEND"] {
        png.extend_from_slice(&0u32.to_be_bytes());
        png.extend_from_slice(chunk);
        png.extend_from_slice(&crc32(chunk).to_be_bytes());
    }
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

#[test]
fn animations_and_formats_browsers_read_as_they_are_are_left_alone() {
    let mut gif = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut gif);
        for shade in [0u8, 255] {
            let frame = RgbaImage::from_pixel(8, 8, Rgba([shade, 0, 0, 255]));
            encoder.encode_frame(image::Frame::new(frame)).unwrap();
        }
    }
    assert!(plan(&gif, "spin.gif").unwrap().is_none());
    let mut still = Vec::new();
    DynamicImage::ImageRgb8(RgbImage::new(8, 8))
        .write_to(&mut Cursor::new(&mut still), ImageFormat::Gif)
        .unwrap();
    assert!(plan(&still, "still.gif").unwrap().is_some());
    // A BMP's signature: browsers read it, Quire does not resize it.
    assert!(
        plan(b"BM\x46\0\0\0\0\0\0\0\x36\0\0\0", "old.bmp")
            .unwrap()
            .is_none()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the bytes (a real image's, cut or flipped anywhere), reading them never panics:
    /// a plan and its encoding, or a reason.
    #[test]
    fn any_bytes_are_read_or_refused_with_a_reason(
        cut in 0usize..2_000,
        flips in proptest::collection::vec((0usize..2_000, any::<u8>()), 0..8),
        kind in 0u8..3,
    ) {
        let mut bytes = match kind {
            0 => jpeg(40, 30),
            1 => png_with_alpha(20, 10),
            _ => with_exif(&jpeg(30, 20)),
        };
        for (at, value) in flips {
            let len = bytes.len();
            bytes[at % len] ^= value;
        }
        bytes.truncate(cut.min(bytes.len()));
        match plan(&bytes, "fuzz.jpg") {
            Ok(Some(plan)) => {
                if let Ok(encoded) = encode(&bytes, &plan) {
                    prop_assert_eq!(encoded.len(), plan.picture.widths.len() * 2);
                }
            }
            Ok(None) => {}
            Err(problem) => prop_assert!(!problem.is_empty()),
        }
    }
}
