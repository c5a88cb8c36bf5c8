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

/// How hard each copy of a file is compressed.
#[derive(Clone, Copy)]
struct Levels {
    brotli: u8,
    gzip: u32,
}

/// The app's own files (wasm, JS, CSS) are fetched by every reader and change once per release:
/// the smallest settings. Everything else (pages, bundle files, feeds) is thousands of files a
/// build rewrites: brotli 5 and gzip 6 are within 1.5% of brotli 9 and 0.5% of gzip 9 on them
/// at 1.4x and 1.7x the speed (measured on a 10,000-article site's pages and article files).
fn levels(path: &Path) -> Levels {
    match path.extension().and_then(|e| e.to_str()) {
        Some("wasm" | "js" | "css") => Levels {
            brotli: 11,
            gzip: 9,
        },
        _ => Levels { brotli: 5, gzip: 6 },
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

fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

fn brotli(bytes: &[u8], quality: u8) -> Vec<u8> {
    let quality = brotlic::Quality::new(quality).expect("a quality from `levels` is 0 to 11");
    let window = brotlic::WindowSize::new(window_bits(bytes.len()))
        .expect("window_bits stays within brotli's limits");
    let bound = brotlic::compress_bound(bytes.len(), quality).unwrap_or(bytes.len() + 1024);
    let mut out = vec![0; bound];
    let written = brotlic::compress(
        bytes,
        &mut out,
        quality,
        window,
        brotlic::CompressionMode::Generic,
    )
    .expect("the output holds brotli's bound for the input");
    out.truncate(written);
    out
}

/// The smallest brotli window that holds the whole file (10 to 22 bits): a bigger one compresses
/// no better and costs the encoder memory it must set up for every file.
fn window_bits(len: usize) -> u8 {
    let needed = usize::BITS - len.saturating_sub(1).leading_zeros();
    needed.clamp(10, 22) as u8
}

/// Whether both copies exist and are no older than the file: true for the app shell's hashed
/// files when a build reuses them (the wasm alone takes brotli 11 about two seconds).
fn compressed_copies_are_fresh(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|meta| copies_are_newer(path, &meta))
}

/// Whether both copies of the file at `path`, whose metadata is `meta`, are no older than it.
fn copies_are_newer(path: &Path, meta: &fs::Metadata) -> bool {
    let modified = |path: &Path| fs::metadata(path).and_then(|meta| meta.modified()).ok();
    let Ok(source) = meta.modified() else {
        return false;
    };
    [".gz", ".br"]
        .iter()
        .all(|suffix| modified(&with_suffix(path, suffix)).is_some_and(|copy| copy >= source))
}

/// Places the previous build's copies of `previous` at `copies` when that file held exactly
/// `bytes` and its copies are fresh; whether it did. A page or bundle file that did not change
/// is most of a rebuild, and compressing it again was most of a release build's time.
fn reuse_copies(previous: &Path, bytes: &[u8], copies: &Path) -> bool {
    // Its size first: a file that changed is seldom read back for nothing.
    let unchanged = fs::metadata(previous)
        .is_ok_and(|meta| meta.len() == bytes.len() as u64 && copies_are_newer(previous, &meta))
        && fs::read(previous).ok().as_deref() == Some(bytes);
    if !unchanged {
        return false;
    }
    // Copied, not linked: a copy is newer than the file it is staged beside, as a fresh copy
    // must be, and nothing written later can reach the previous build through it.
    [".gz", ".br"]
        .iter()
        .all(|suffix| fs::copy(with_suffix(previous, suffix), with_suffix(copies, suffix)).is_ok())
}

/// Where a staged build's files are: the site with its staged files, the bundle's folder with
/// the folder it is staged in, and a previous build of the same site (the site itself, or the
/// `dist/` a Trunk build replaces) whose copies serve again for the files that have not changed.
pub struct Layout<'a> {
    pub staging: &'a SiteStaging,
    pub bundle: Option<(&'a Path, &'a Path)>,
    pub previous: &'a Path,
}

/// One file to compress, the path its copies take their names from, and where the previous build
/// held it.
struct Job {
    source: PathBuf,
    copies: PathBuf,
    previous: PathBuf,
    /// A file the site keeps: its own copies serve until it is newer than they are.
    kept: bool,
}

/// How many files got copies, and how many of them were taken from the previous build.
#[derive(Clone, Copy, Debug)]
pub struct Precompressed {
    pub files: usize,
    pub reused: usize,
}

/// Stages `<file>.gz` and `<file>.br` for every compressible file the site will hold once the
/// build is committed.
pub fn precompress(layout: &Layout<'_>) -> Result<Precompressed, BuildError> {
    let jobs = jobs(layout)?;
    let reused = jobs
        .par_iter()
        .map(compress)
        .try_fold(
            || 0,
            |sum, reused| Ok::<_, BuildError>(sum + usize::from(reused?)),
        )
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok(Precompressed {
        files: jobs.len(),
        reused,
    })
}

/// Staged files get their copies beside them; the site's other files, in the staging folder at
/// their own path. The bundle's old folder is left out, since the staged one replaces it whole.
fn jobs(layout: &Layout<'_>) -> Result<Vec<Job>, BuildError> {
    let site = layout.staging.site();
    let staged = layout.staging.path();
    let in_site_bundle = layout.bundle.and_then(|(bundle, staged)| {
        let within = path_within(site, bundle)?;
        Some((site.join(&within), within, staged))
    });
    let mut jobs = Vec::new();
    written_jobs(staged, layout.previous, &mut jobs)?;
    if let Some((_, within, staged_bundle)) = &in_site_bundle {
        written_jobs(staged_bundle, &layout.previous.join(within), &mut jobs)?;
    }
    let mut site_files = Vec::new();
    let skip = |folder: &Path| {
        in_site_bundle
            .as_ref()
            .is_some_and(|(bundle, _, _)| folder == bundle)
            || folder
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(is_staging_name)
    };
    files_under(site, &skip, &mut site_files)?;
    for source in site_files {
        let path = source.strip_prefix(site).expect("found under the site");
        if !layout.staging.replaces(path) {
            jobs.push(Job {
                copies: staged.join(path),
                previous: layout.previous.join(path),
                source,
                kept: true,
            });
        }
    }
    Ok(jobs)
}

/// A job for each compressible file under `dir`, which the previous build held under `previous`.
fn written_jobs(dir: &Path, previous: &Path, jobs: &mut Vec<Job>) -> Result<(), BuildError> {
    let mut files = Vec::new();
    files_under(dir, &|_| false, &mut files)?;
    jobs.extend(files.into_iter().map(|source| {
        let relative = source.strip_prefix(dir).expect("found under the folder");
        Job {
            previous: previous.join(relative),
            copies: source.clone(),
            source,
            kept: false,
        }
    }));
    Ok(())
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

/// Stages the job's copies; whether they were the previous build's.
fn compress(job: &Job) -> Result<bool, BuildError> {
    if job.kept && compressed_copies_are_fresh(&job.source) {
        return Ok(true);
    }
    let bytes = fs::read(&job.source).map_err(BuildError::io(&job.source))?;
    if let Some(parent) = job.copies.parent() {
        fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
    }
    if reuse_copies(&job.previous, &bytes, &job.copies) {
        return Ok(true);
    }
    let levels = levels(&job.source);
    for (suffix, compressed) in [
        (".gz", gzip(&bytes, levels.gzip)),
        (".br", brotli(&bytes, levels.brotli)),
    ] {
        let target = with_suffix(&job.copies, suffix);
        fs::write(&target, compressed).map_err(BuildError::io(&target))?;
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Precompresses the site in `dir` as a build without a bundle does, and commits it.
    fn precompress_site(dir: &Path) -> usize {
        build_site(dir, &[], None).files
    }

    /// Stages `files` into the site in `dir`, precompresses it with `previous` (the site itself
    /// when `None`) as the previous build, and commits it.
    fn build_site(dir: &Path, files: &[(&str, &str)], previous: Option<&Path>) -> Precompressed {
        let staging = SiteStaging::new(dir).unwrap();
        for (path, text) in files {
            let file = crate::write::staging::OutputFile {
                path: (*path).to_owned(),
                bytes: text.as_bytes().to_vec(),
            };
            staging.write(&file).unwrap();
        }
        let copies = precompress(&Layout {
            staging: &staging,
            bundle: None,
            previous: previous.unwrap_or(dir),
        })
        .unwrap();
        staging.commit().unwrap();
        copies
    }

    fn gunzip(path: &Path) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&fs::read(with_suffix(path, ".gz")).unwrap()[..])
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn unbrotli(path: &Path) -> String {
        let mut text = String::new();
        brotlic::DecompressorReader::new(&fs::read(with_suffix(path, ".br")).unwrap()[..])
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn a_rebuild_takes_the_copies_of_unchanged_files_and_compresses_the_changed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let (same, changed) = ("<p>same</p>".repeat(50), "<p>old</p>".repeat(50));
        let first = build_site(
            dir.path(),
            &[("a/index.html", &same), ("b/index.html", &changed)],
            None,
        );
        assert_eq!((first.files, first.reused), (2, 0));
        let new = "<p>new</p>".repeat(50);
        let second = build_site(
            dir.path(),
            &[("a/index.html", &same), ("b/index.html", &new)],
            None,
        );
        assert_eq!((second.files, second.reused), (2, 1));
        for (path, text) in [("a/index.html", &same), ("b/index.html", &new)] {
            let path = dir.path().join(path);
            assert_eq!(
                (gunzip(&path), unbrotli(&path)),
                (text.clone(), text.clone())
            );
        }
        // Copies taken once are fresh for the next build too.
        let third = build_site(
            dir.path(),
            &[("a/index.html", &same), ("b/index.html", &new)],
            None,
        );
        assert_eq!((third.files, third.reused), (2, 2));
    }

    #[test]
    fn copies_come_from_a_previous_build_elsewhere_only_when_they_match_its_file() {
        let previous = tempfile::tempdir().unwrap();
        let text = "<p>page</p>".repeat(50);
        build_site(
            previous.path(),
            &[("a.html", &text), ("b.html", &text)],
            None,
        );
        // A copy older than its file no longer tells what the file holds.
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(previous.path().join("b.html"), &text).unwrap();
        let site = tempfile::tempdir().unwrap();
        let copies = build_site(
            site.path(),
            &[("a.html", &text), ("b.html", &text)],
            Some(previous.path()),
        );
        assert_eq!((copies.files, copies.reused), (2, 1));
        assert_eq!(unbrotli(&site.path().join("a.html")), text);
        assert_eq!(gunzip(&site.path().join("b.html")), text);
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
        assert_eq!(gunzip(&html), text);
        assert_eq!(unbrotli(&html), text);
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
        fs::write(with_suffix(&wasm, ".gz"), gzip(b"kept", 9)).unwrap();
        precompress_site(dir.path());
        assert_eq!(
            fs::read(with_suffix(&wasm, ".gz")).unwrap(),
            gzip(b"kept", 9)
        );

        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&wasm, "new ".repeat(100)).unwrap();
        precompress_site(dir.path());
        assert_eq!(gunzip(&wasm), "new ".repeat(100));
    }
}
