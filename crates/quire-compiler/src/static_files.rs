//! The site owner's own files (`static/` in the content folder: images, downloads, a
//! `favicon.ico`, `.well-known/…`), copied as they are to the same paths under the site's root,
//! and the checks that keep them apart from what the compiler writes.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::build::BuildError;
use crate::diagnostic::Diagnostic;
use crate::markdown::SiteImage;

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
    if dir.is_dir() {
        walk(dir, "", &mut files, &mut problems)?;
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, problems))
}

fn walk(
    dir: &Path,
    prefix: &str,
    files: &mut Vec<StaticFile>,
    problems: &mut Vec<Diagnostic>,
) -> Result<(), BuildError> {
    for entry in fs::read_dir(dir).map_err(BuildError::io(dir))? {
        let entry = entry.map_err(BuildError::io(dir))?;
        let source = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            problems.push(Diagnostic::error(
                &source,
                1,
                "the file name is not UTF-8, so no URL can name it",
            ));
            continue;
        };
        let path = format!("{prefix}{name}");
        let kind = entry.file_type().map_err(BuildError::io(&source))?;
        // A link is followed to a file; to a folder it could loop, so it is refused.
        let is_dir = if kind.is_symlink() {
            fs::metadata(&source)
                .map_err(BuildError::io(&source))?
                .is_dir()
        } else {
            kind.is_dir()
        };
        if is_dir && kind.is_symlink() {
            problems.push(Diagnostic::error(
                &source,
                1,
                "a link to a folder is not followed; copy the folder into static/ instead",
            ));
        } else if is_dir {
            walk(&source, &format!("{path}/"), files, problems)?;
        } else {
            files.push(StaticFile { path, source });
        }
    }
    Ok(())
}

/// An error for each static file that would replace a file the compiler writes (`written`,
/// relative to the site's root) or land in one of the folders it owns (`owned`, such as
/// `bundle`).
pub fn clashes(
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
pub fn missing_images(
    document: &Path,
    images: &[SiteImage],
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
fn file_path_of(site_path: &str) -> String {
    let end = site_path.find(['?', '#']).unwrap_or(site_path.len());
    // In a path `+` is itself, not the space a query string means by it.
    let path = site_path[..end].trim_start_matches('/').replace('+', "%2B");
    quire_model::query::percent_decode(&path)
}

/// Copies every file into `site_out`, each through a temporary file renamed into place, so a
/// reader never sees half of one; returns how many.
pub fn copy(files: &[StaticFile], site_out: &Path) -> Result<usize, BuildError> {
    for file in files {
        let target = site_out.join(&file.path);
        let parent = target.parent().unwrap_or(site_out);
        fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
        let temporary = parent.join(format!(
            ".{}.partial-{}",
            target
                .file_name()
                .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned()),
            std::process::id()
        ));
        fs::copy(&file.source, &temporary).map_err(BuildError::io(&file.source))?;
        fs::rename(&temporary, &target).map_err(BuildError::io(&target))?;
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
            SiteImage {
                path: "/img/p99.svg".into(),
                line: 3,
            },
            SiteImage {
                path: "/img/c++.png".into(),
                line: 3,
            },
            SiteImage {
                path: "/img/a%20b.png?v=2#x".into(),
                line: 4,
            },
            SiteImage {
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
    fn copies_each_file_to_its_path_under_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("static");
        fs::create_dir_all(root.join("img")).unwrap();
        fs::write(root.join("img/p99.svg"), "<svg/>").unwrap();
        let site = dir.path().join("site");
        let (files, _) = list(&root).unwrap();
        assert_eq!(copy(&files, &site).unwrap(), 1);
        assert_eq!(
            fs::read_to_string(site.join("img/p99.svg")).unwrap(),
            "<svg/>"
        );
        let left: Vec<_> = fs::read_dir(site.join("img"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["p99.svg"], "no temporary file is left behind");
    }
}
