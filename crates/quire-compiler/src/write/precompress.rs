//! `.br` and `.gz` copies beside every text asset of a built site, for hosts and CDNs that serve
//! precompressed files (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, S3 + CloudFront).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::BuildError;
use crate::write::staging::{SiteStaging, is_staging_name};

/// Extensions worth compressing: text, and wasm, which compresses like text.
const COMPRESSIBLE: [&str; 11] = [
    "bin",
    "html",
    "css",
    "js",
    "mjs",
    "json",
    "xml",
    "txt",
    "svg",
    "wasm",
    "webmanifest",
];

/// What the app shell is made of: fetched by every reader, compressed once per release, so it
/// gets brotli's slowest, smallest setting; content files get a setting ten times faster.
fn brotli_quality(path: &Path) -> u32 {
    match path.extension().and_then(|e| e.to_str()) {
        Some("wasm" | "js" | "css") => 11,
        _ => 9,
    }
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|extension| COMPRESSIBLE.contains(&extension))
}

/// The compressible files under `dir`, leaving out the folders `skip` names.
fn files_under(
    dir: &Path,
    skip: &dyn Fn(&Path) -> bool,
    found: &mut Vec<PathBuf>,
) -> Result<(), BuildError> {
    let entered = |entry: &walkdir::DirEntry| !entry.file_type().is_dir() || !skip(entry.path());
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_entry(entered) {
        let entry = entry.map_err(BuildError::walk(dir))?;
        if !entry.path().is_dir() && is_compressible(entry.path()) {
            found.push(entry.into_path());
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

pub(crate) fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut writer =
        brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, window_bits(bytes.len()));
    writer
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    drop(writer);
    out
}

/// The smallest brotli window that holds the whole file (10 to 22 bits): a bigger one compresses
/// no better, and its encoder tables are allocated and zeroed for every file, which made that
/// allocation the larger part of precompressing thousands of small pages.
fn window_bits(len: usize) -> u32 {
    let needed = usize::BITS - len.saturating_sub(1).leading_zeros();
    needed.clamp(10, 22)
}

/// Whether both copies exist and are no older than the file: true for the app shell's hashed
/// files when a build reuses them (the wasm alone takes brotli 11 about two seconds).
fn compressed_copies_are_fresh(path: &Path) -> bool {
    let modified = |path: &Path| fs::metadata(path).and_then(|meta| meta.modified()).ok();
    let Some(source) = modified(path) else {
        return false;
    };
    [".gz", ".br"]
        .iter()
        .all(|suffix| modified(&with_suffix(path, suffix)).is_some_and(|copy| copy >= source))
}

/// Where a staged build's files are: the site with its staged files, and the bundle's folder
/// with the folder it is staged in.
pub struct Layout<'a> {
    pub staging: &'a SiteStaging,
    pub bundle: Option<(&'a Path, &'a Path)>,
}

/// One file to compress, and the path its copies take their names from.
struct Job {
    source: PathBuf,
    copies: PathBuf,
    /// A file the site keeps: its copies are redone only when older than it.
    kept: bool,
}

/// Stages `<file>.gz` and `<file>.br` for every compressible file the site will hold once the
/// build is committed; returns how many such files there are.
pub fn precompress(layout: &Layout<'_>) -> Result<usize, BuildError> {
    let jobs = jobs(layout)?;
    jobs.par_iter().try_for_each(compress)?;
    Ok(jobs.len())
}

/// Staged files get their copies beside them; the site's other files, in the staging folder at
/// their own path. The bundle's old folder is left out, since the staged one replaces it whole.
fn jobs(layout: &Layout<'_>) -> Result<Vec<Job>, BuildError> {
    let site = layout.staging.site();
    let staged = layout.staging.path();
    let in_site_bundle = layout
        .bundle
        .and_then(|(bundle, staged)| Some((site.join(path_within(site, bundle)?), staged)));
    let mut new = Vec::new();
    files_under(staged, &|_| false, &mut new)?;
    if let Some((_, staged_bundle)) = in_site_bundle {
        files_under(staged_bundle, &|_| false, &mut new)?;
    }
    let mut site_files = Vec::new();
    let skip = |folder: &Path| {
        in_site_bundle
            .as_ref()
            .is_some_and(|(bundle, _)| folder == bundle)
            || folder
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(is_staging_name)
    };
    files_under(site, &skip, &mut site_files)?;
    let mut jobs: Vec<Job> = new
        .into_iter()
        .map(|source| Job {
            copies: source.clone(),
            source,
            kept: false,
        })
        .collect();
    for source in site_files {
        let path = source.strip_prefix(site).expect("found under the site");
        if !layout.staging.replaces(path) {
            jobs.push(Job {
                copies: staged.join(path),
                source,
                kept: true,
            });
        }
    }
    Ok(jobs)
}

/// `path` relative to `site`, when it is inside it, however either is spelled.
fn path_within(site: &Path, path: &Path) -> Option<PathBuf> {
    let site = fs::canonicalize(site).ok()?;
    let parent = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty());
    let folder = fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()?;
    Some(folder.strip_prefix(site).ok()?.join(path.file_name()?))
}

fn compress(job: &Job) -> Result<(), BuildError> {
    if job.kept && compressed_copies_are_fresh(&job.source) {
        return Ok(());
    }
    let bytes = fs::read(&job.source).map_err(BuildError::io(&job.source))?;
    if let Some(parent) = job.copies.parent() {
        fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
    }
    for (suffix, compressed) in [
        (".gz", gzip(&bytes)),
        (".br", brotli(&bytes, brotli_quality(&job.source))),
    ] {
        let target = with_suffix(&job.copies, suffix);
        fs::write(&target, compressed).map_err(BuildError::io(&target))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Precompresses the site in `dir` as a build without a bundle does, and commits it.
    fn precompress_site(dir: &Path) -> usize {
        let staging = SiteStaging::new(dir).unwrap();
        let count = precompress(&Layout {
            staging: &staging,
            bundle: None,
        })
        .unwrap();
        staging.commit().unwrap();
        count
    }

    #[test]
    fn the_window_fits_the_file_within_brotlis_limits() {
        assert_eq!(window_bits(0), 10);
        assert_eq!(window_bits(1024), 10);
        assert_eq!(window_bits(1025), 11);
        assert_eq!(window_bits(64 * 1024), 16);
        assert_eq!(window_bits(64 * 1024 + 1), 17);
        assert_eq!(window_bits(100 << 20), 22);
    }

    #[test]
    fn every_text_asset_gets_both_copies_that_decompress_to_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let text = "<p>hello</p>".repeat(200);
        fs::create_dir_all(dir.path().join("insights/a")).unwrap();
        fs::write(dir.path().join("insights/a/index.html"), &text).unwrap();
        fs::write(dir.path().join("app.wasm"), [0u8, 97, 115, 109]).unwrap();
        fs::write(dir.path().join("photo.png"), [1u8, 2, 3]).unwrap();
        fs::write(dir.path().join("_headers"), "/*").unwrap();
        assert_eq!(precompress_site(dir.path()), 2);

        let html = dir.path().join("insights/a/index.html");
        let mut gunzipped = String::new();
        flate2::read::GzDecoder::new(&fs::read(with_suffix(&html, ".gz")).unwrap()[..])
            .read_to_string(&mut gunzipped)
            .unwrap();
        assert_eq!(gunzipped, text);
        let mut unbrotlied = String::new();
        brotli::Decompressor::new(&fs::read(with_suffix(&html, ".br")).unwrap()[..], 4096)
            .read_to_string(&mut unbrotlied)
            .unwrap();
        assert_eq!(unbrotlied, text);
        assert!(dir.path().join("app.wasm.br").exists());
        assert!(!dir.path().join("photo.png.gz").exists());
        assert!(!dir.path().join("_headers.gz").exists());
    }

    #[test]
    fn fresh_copies_are_kept_and_stale_ones_redone() {
        let dir = tempfile::tempdir().unwrap();
        let wasm = dir.path().join("app.wasm");
        fs::write(&wasm, "old ".repeat(100)).unwrap();
        precompress_site(dir.path());
        // A copy that no longer matches its file, but is newer: a second run must keep it.
        fs::write(with_suffix(&wasm, ".gz"), gzip(b"kept")).unwrap();
        precompress_site(dir.path());
        assert_eq!(fs::read(with_suffix(&wasm, ".gz")).unwrap(), gzip(b"kept"));

        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&wasm, "new ".repeat(100)).unwrap();
        precompress_site(dir.path());
        let mut gunzipped = String::new();
        flate2::read::GzDecoder::new(&fs::read(with_suffix(&wasm, ".gz")).unwrap()[..])
            .read_to_string(&mut gunzipped)
            .unwrap();
        assert_eq!(gunzipped, "new ".repeat(100));
    }
}
