//! The site owner's own files (`static/` in the content folder: images, downloads, a
//! `favicon.ico`, `.well-known/…`), copied as they are to the same paths under the site's root,
//! and the checks that keep them apart from what the compiler writes.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::error::BuildError;
use crate::markdown::SitePath;
use crate::write::staging::SiteStaging;

/// One file of `static/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaticFile {
    /// Relative to `static/` and to the site's root, `/`-separated.
    pub path: String,
    pub source: PathBuf,
}

/// Every file under `dir` (none when it does not exist), in path order, and a problem for each
/// entry that cannot be published: a name that is not UTF-8, or a link to a folder.
pub fn list(dir: &Path) -> Result<(Vec<StaticFile>, Vec<Diagnostic>), BuildError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        return Ok((files, problems));
    }
    let mut walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(BuildError::walk(dir))?;
        let source = entry.path();
        // A link is followed to a file; to a folder it could loop, so it is refused.
        let is_dir = if entry.path_is_symlink() {
            fs::metadata(source)
                .map_err(BuildError::io(source))?
                .is_dir()
        } else {
            entry.file_type().is_dir()
        };
        let problem = if entry.file_name().to_str().is_none() {
            Some("the file name is not UTF-8, so no URL can name it")
        } else if is_dir && entry.path_is_symlink() {
            Some("a link to a folder is not followed; copy the folder into static/ instead")
        } else {
            None
        };
        if let Some(problem) = problem {
            problems.push(Diagnostic::error(source, 1, problem));
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
        } else if !is_dir {
            files.push(StaticFile {
                path: url_path(source.strip_prefix(dir).unwrap_or(source)),
                source: source.to_path_buf(),
            });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, problems))
}

/// A relative path of UTF-8 names as a URL names it, `/`-separated.
fn url_path(relative: &Path) -> String {
    let names: Vec<_> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect();
    names.join("/")
}

/// An error for each static file that would replace a file the compiler writes (`written`,
/// relative to the site's root) or land in one of the folders it owns (`owned`, such as
/// `bundle`).
pub(crate) fn clashes(
    files: &[StaticFile],
    written: &BTreeSet<String>,
    owned: &[&str],
) -> Vec<Diagnostic> {
    files
        .iter()
        .filter_map(|file| {
            let folder = owned
                .iter()
                .find(|folder| file.path.starts_with(&format!("{folder}/")));
            let message = if let Some(folder) = folder {
                format!(
                    "/{}/ holds the compiled content bundle; put this file elsewhere in static/",
                    folder
                )
            } else if written.contains(&file.path) {
                format!(
                    "would replace /{}, which the compiler writes; rename or move it",
                    file.path
                )
            } else {
                return None;
            };
            Some(Diagnostic::error(&file.source, 1, message))
        })
        .collect()
}

/// A warning for each image `document` loads from the site that is not among `files`: it would
/// be a broken image on the published page.
pub(crate) fn missing_images(
    document: &Path,
    images: &[SitePath],
    files: &BTreeSet<&str>,
    static_dir: &Path,
) -> Vec<Diagnostic> {
    images
        .iter()
        .filter_map(|image| {
            let path = file_path_of(&image.path);
            (!files.contains(path.as_str())).then(|| {
                Diagnostic::warning(
                    document,
                    image.line,
                    format!(
                        "the image {} is not in static/ (looked for {})",
                        image.path,
                        static_dir.join(&path).display()
                    ),
                )
            })
        })
        .collect()
}

/// The file a site path names: without its query or fragment, percent-decoded, relative.
pub(crate) fn file_path_of(site_path: &str) -> String {
    let end = site_path.find(['?', '#']).unwrap_or(site_path.len());
    // In a path `+` is itself, not the space a query string means by it.
    let path = site_path[..end].trim_start_matches('/').replace('+', "%2B");
    quire_model::query::percent_decode(&path)
}

/// An image file's width and height in CSS pixels, when its format says: a raster image's header,
/// or an SVG's `width` and `height` (unitless or `px`) or else its `viewBox`.
pub(crate) fn intrinsic_size(file: &Path) -> Option<(u32, u32)> {
    let is_svg = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if !is_svg {
        let size = imagesize::size(file).ok()?;
        return positive(size.width as f64, size.height as f64);
    }
    let text = fs::read_to_string(file).ok()?;
    let document = roxmltree::Document::parse(&text).ok()?;
    let svg = document.root_element();
    let length = |name: &str| {
        let value = svg.attribute(name)?.trim();
        value
            .strip_suffix("px")
            .unwrap_or(value)
            .trim()
            .parse::<f64>()
            .ok()
    };
    if let (Some(width), Some(height)) = (length("width"), length("height")) {
        return positive(width, height);
    }
    let view_box: Vec<f64> = svg
        .attribute("viewBox")?
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match view_box[..] {
        [_, _, width, height] => positive(width, height),
        _ => None,
    }
}

fn positive(width: f64, height: f64) -> Option<(u32, u32)> {
    let round = |value: f64| (value.is_finite() && value >= 0.5).then(|| value.round() as u32);
    Some((round(width)?, round(height)?))
}

/// The files `images` name, found among `files`, with their sizes; read once each.
pub(crate) fn image_sizes<'a>(
    images: impl IntoIterator<Item = &'a SitePath>,
    files: &[StaticFile],
) -> std::collections::HashMap<String, (u32, u32)> {
    let mut sizes = std::collections::HashMap::new();
    for image in images {
        let path = file_path_of(&image.path);
        if sizes.contains_key(&path) {
            continue;
        }
        let found = files
            .binary_search_by(|file| file.path.as_str().cmp(&path))
            .ok()
            .and_then(|index| intrinsic_size(&files[index].source));
        if let Some(size) = found {
            sizes.insert(path, size);
        }
    }
    sizes
}

/// Stages a copy of every file for the site; returns how many.
pub fn copy(files: &[StaticFile], site: &SiteStaging) -> Result<usize, BuildError> {
    for file in files {
        site.copy(&file.path, &file.source)?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> StaticFile {
        StaticFile {
            path: path.to_owned(),
            source: PathBuf::from("content/static").join(path),
        }
    }

    #[test]
    fn lists_nested_files_in_path_order_and_nothing_when_there_is_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(list(&dir.path().join("static")).unwrap(), (vec![], vec![]));
        let root = dir.path().join("static");
        fs::create_dir_all(root.join("img/diagrams")).unwrap();
        fs::create_dir_all(root.join(".well-known")).unwrap();
        for path in [
            "img/diagrams/p99.svg",
            "favicon.ico",
            ".well-known/security.txt",
            "img/a b.png",
        ] {
            fs::write(root.join(path), path).unwrap();
        }
        let (files, problems) = list(&root).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                ".well-known/security.txt",
                "favicon.ico",
                "img/a b.png",
                "img/diagrams/p99.svg"
            ]
        );
        assert_eq!(files[3].source, root.join("img/diagrams/p99.svg"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_is_refused_and_a_link_to_a_file_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("static");
        fs::create_dir_all(&root).unwrap();
        fs::write(dir.path().join("outside.txt"), "hi").unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.txt"), root.join("linked.txt"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("loop")).unwrap();
        let (files, problems) = list(&root).unwrap();
        assert_eq!(
            files,
            [StaticFile {
                path: "linked.txt".into(),
                source: root.join("linked.txt")
            }]
        );
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .contains("loop:1: a link to a folder is not followed"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn refuses_files_the_compiler_writes_and_the_bundle_folder() {
        let written: BTreeSet<String> = ["index.html", "insights/index.html", "robots.txt"]
            .map(str::to_owned)
            .into();
        let files = [
            file("index.html"),
            file("insights/index.html"),
            file("insights/diagram.png"),
            file("bundle/manifest.json"),
            file("bundles.txt"),
            file("robots.txt"),
        ];
        let messages: Vec<String> = clashes(&files, &written, &["bundle"])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "content/static/index.html:1: would replace /index.html, which the compiler writes; rename or move it",
                "content/static/insights/index.html:1: would replace /insights/index.html, which the compiler writes; rename or move it",
                "content/static/bundle/manifest.json:1: /bundle/ holds the compiled content bundle; put this file elsewhere in static/",
                "content/static/robots.txt:1: would replace /robots.txt, which the compiler writes; rename or move it",
            ]
        );
    }

    #[test]
    fn warns_of_each_site_image_that_static_does_not_hold() {
        let present: BTreeSet<&str> = ["img/p99.svg", "img/a b.png", "img/c++.png"].into();
        let images = [
            SitePath {
                path: "/img/p99.svg".into(),
                line: 3,
            },
            SitePath {
                path: "/img/c++.png".into(),
                line: 3,
            },
            SitePath {
                path: "/img/a%20b.png?v=2#x".into(),
                line: 4,
            },
            SitePath {
                path: "/img/missing.png".into(),
                line: 9,
            },
        ];
        let warnings: Vec<String> = missing_images(
            Path::new("articles/a.md"),
            &images,
            &present,
            Path::new("content/static"),
        )
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            warnings,
            [
                "articles/a.md:9: warning: the image /img/missing.png is not in static/ (looked for content/static/img/missing.png)"
            ]
        );
    }

    #[test]
    fn reads_the_size_of_svg_and_raster_images() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            path
        };
        let svg =
            |attributes: &str| format!("<svg xmlns=\"http://www.w3.org/2000/svg\" {attributes}/>");
        for (attributes, size) in [
            (
                "width=\"640\" height=\"290\" viewBox=\"0 0 10 10\"",
                Some((640, 290)),
            ),
            ("width=\"64.4px\" height=\" 30px \"", Some((64, 30))),
            ("width=\"100%\" viewBox=\"0 0 320,180\"", Some((320, 180))),
            ("viewBox=\"0 0 0 180\"", None),
            ("width=\"2em\" height=\"1em\"", None),
            ("", None),
        ] {
            let path = write("a.svg", svg(attributes).as_bytes());
            assert_eq!(intrinsic_size(&path), size, "{attributes}");
        }
        assert_eq!(intrinsic_size(&write("b.SVG", b"not xml")), None);
        // A 3 x 2 PNG: the signature and the IHDR chunk are all a size needs.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(intrinsic_size(&write("c.png", &png)), Some((3, 2)));
        assert_eq!(intrinsic_size(&write("d.png", b"garbage")), None);
    }

    #[test]
    fn an_unreadable_file_has_no_size() {
        let files = [StaticFile {
            path: "img/a b.svg".into(),
            source: PathBuf::from("/nonexistent/a b.svg"),
        }];
        let images = [SitePath {
            path: "/img/a%20b.svg".into(),
            line: 1,
        }];
        assert!(
            image_sizes(&images, &files).is_empty(),
            "an unreadable file has no size"
        );
    }

    #[test]
    fn copies_each_file_to_its_path_under_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("static");
        fs::create_dir_all(root.join("img")).unwrap();
        fs::write(root.join("img/p99.svg"), "<svg/>").unwrap();
        let site = dir.path().join("site");
        let (files, _) = list(&root).unwrap();
        let staging = SiteStaging::new(&site).unwrap();
        assert_eq!(copy(&files, &staging).unwrap(), 1);
        assert!(
            !site.join("img").exists(),
            "nothing is in place before the commit"
        );
        staging.commit().unwrap();
        assert_eq!(
            fs::read_to_string(site.join("img/p99.svg")).unwrap(),
            "<svg/>"
        );
        for (folder, expected) in [(site.clone(), "img"), (site.join("img"), "p99.svg")] {
            let left: Vec<_> = fs::read_dir(folder)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(left, [expected], "no temporary file is left behind");
        }
    }
}
