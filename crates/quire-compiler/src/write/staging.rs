//! Writes a build so that a reader or a dev server never sees half of it, and a failed build
//! leaves the last good output as it was: the bundle is filled in a sibling folder that replaces
//! the old one in one rename, and the site's own files in a hidden folder whose files move into
//! place only once all are written.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::BuildError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A folder filled beside the output folder, which replaces it in one rename on
/// [`Staging::swap`]. Dropped unswapped (a failed build), it is removed and the last good
/// output stays as it was.
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
    swapped: bool,
}

impl Staging {
    /// An empty staging folder for `out`, replacing any a crashed build left behind.
    pub fn new(out: &Path) -> Result<Self, BuildError> {
        let parent = match out.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(BuildError::io(&parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "bundle".into(), |n| n.to_string_lossy().into_owned());
        recover_moved_aside(out, &parent, &name)?;
        clear_leftovers(&parent, &name)?;
        let dir = parent.join(staging_name(&name, PARTIAL));
        fresh_dir(&dir)?;
        Ok(Self {
            out: out.to_path_buf(),
            previous: parent.join(staging_name(&name, PREVIOUS)),
            dir,
            swapped: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `files` into the staging folder; a path that would leave it is refused.
    pub(crate) fn write_all(&self, files: &[OutputFile]) -> Result<(), BuildError> {
        if let Some(outside) = files.iter().find(|file| !stays_inside(&file.path)) {
            return Err(outside_error(&outside.path, "the bundle's"));
        }
        let dirs: std::collections::BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|file| self.dir.join(&file.path).parent().map(Path::to_path_buf))
            .collect();
        for dir in &dirs {
            fs::create_dir_all(dir).map_err(BuildError::io(dir))?;
        }
        // One file at a time: threads creating files in one ext4 folder queue on its lock (the
        // kernel's lock spinning led the profile of a parallel write), so more writers gain nothing.
        for file in files {
            let path = self.dir.join(&file.path);
            fs::write(&path, &file.bytes).map_err(BuildError::io(&path))?;
        }
        Ok(())
    }

    /// Puts the staging folder in the output folder's place, keeping the old one aside until
    /// the returned [`Swapped`] is finished or undone.
    pub(crate) fn swap(mut self) -> Result<Swapped, BuildError> {
        let moved_aside = fs::symlink_metadata(&self.out).is_ok();
        if moved_aside {
            fs::rename(&self.out, &self.previous).map_err(BuildError::io(&self.out))?;
        }
        if let Err(error) = fs::rename(&self.dir, &self.out) {
            // Put the last good output back: losing it would be worse than the failed build.
            if moved_aside {
                fs::rename(&self.previous, &self.out).map_err(|source| BuildError::Unrestored {
                    path: self.previous.clone(),
                    source,
                })?;
            }
            return Err(BuildError::io(&self.out)(error));
        }
        self.swapped = true;
        Ok(Swapped {
            out: self.out.clone(),
            previous: moved_aside.then(|| self.previous.clone()),
        })
    }

    /// [`Self::swap`] with nothing else to wait for.
    pub(crate) fn commit(self) -> Result<(), BuildError> {
        self.swap().map(Swapped::finish)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.swapped {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// An output folder swapped in, its predecessor still kept aside.
pub(crate) struct Swapped {
    out: PathBuf,
    /// Where the old output was moved aside; `None` when there was none.
    previous: Option<PathBuf>,
}

impl Swapped {
    /// Drops the old output.
    pub(crate) fn finish(self) {
        if let Some(previous) = &self.previous {
            let _ = fs::remove_dir_all(previous);
        }
    }

    /// Puts the old output back in place (none if there was none). Should that fail, the old
    /// output is left where it was moved aside, and the error names that folder.
    pub(crate) fn undo(self) -> Result<(), BuildError> {
        let unrestored = |path: &Path| {
            let path = path.to_path_buf();
            move |source| BuildError::Unrestored { path, source }
        };
        fs::remove_dir_all(&self.out).map_err(unrestored(&self.out))?;
        if let Some(previous) = &self.previous {
            fs::rename(previous, &self.out).map_err(unrestored(previous))?;
        }
        Ok(())
    }
}

/// Everything a build writes into the site's own folder (pages, feeds, host rules, static
/// files, compressed copies), filled in a hidden folder inside it and moved into place on
/// [`SiteStaging::commit`]; undone whole if any move fails, so a failed build leaves every
/// file of the site as it was. Inside the site, not beside it, so every move is a rename on
/// one file system.
pub struct SiteStaging {
    site: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
}

/// One rename made while committing, undone by renaming back.
struct Moved {
    from: PathBuf,
    to: PathBuf,
}

impl SiteStaging {
    pub fn new(site: &Path) -> Result<Self, BuildError> {
        fs::create_dir_all(site).map_err(BuildError::io(site))?;
        clear_leftovers(site, "site")?;
        let dir = site.join(staging_name("site", PARTIAL));
        fresh_dir(&dir)?;
        Ok(Self {
            site: site.to_path_buf(),
            previous: site.join(staging_name("site", PREVIOUS)),
            dir,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    pub fn site(&self) -> &Path {
        &self.site
    }

    /// Stages one file. A path that would leave the site (an absolute one, or one with a `..`
    /// part) is refused: every path here is made from content, and none may write outside it.
    pub fn write(&self, file: &OutputFile) -> Result<(), BuildError> {
        let path = self.staged(&file.path)?;
        fs::write(&path, &file.bytes).map_err(BuildError::io(&path))
    }

    /// Stages a copy of `source` at `path`.
    pub fn copy(&self, path: &str, source: &Path) -> Result<(), BuildError> {
        let staged = self.staged(path)?;
        fs::copy(source, &staged)
            .map(drop)
            .map_err(BuildError::io(source))
    }

    /// Stages `source` at `path` as a second name for the same file where the file system
    /// allows (a previous build's resized image: nothing writes a published file in place, every
    /// build stages a new one and renames it over), else as a copy.
    pub fn link_or_copy(&self, path: &str, source: &Path) -> Result<(), BuildError> {
        let staged = self.staged(path)?;
        if fs::hard_link(source, &staged).is_ok() {
            return Ok(());
        }
        fs::copy(source, &staged)
            .map(drop)
            .map_err(BuildError::io(source))
    }

    /// Where `path` is staged, its folder made.
    fn staged(&self, path: &str) -> Result<PathBuf, BuildError> {
        if !stays_inside(path) {
            return Err(outside_error(path, "the site's"));
        }
        let staged = self.dir.join(path);
        let parent = staged.parent().unwrap_or(&self.dir);
        fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
        Ok(staged)
    }

    /// Whether the site's file at `path` (relative to the site) is replaced by a staged one.
    pub(crate) fn replaces(&self, path: &Path) -> bool {
        self.dir.join(path).exists()
    }

    /// Moves every staged file into the site, replacing the file at its path; a folder the
    /// site lacks moves whole. Any failure puts back what was moved and keeps aside nothing.
    pub(crate) fn commit(self) -> Result<(), BuildError> {
        let mut moved = Vec::new();
        let Err(error) = self.place(Path::new(""), &mut moved) else {
            let _ = fs::remove_dir_all(&self.previous);
            return Ok(());
        };
        // What could not be renamed back stays where it was moved aside, named by the error.
        undo(moved)?;
        let _ = fs::remove_dir_all(&self.previous);
        Err(error)
    }

    fn place(&self, folder: &Path, moved: &mut Vec<Moved>) -> Result<(), BuildError> {
        let staged_folder = self.dir.join(folder);
        let mut entries = fs::read_dir(&staged_folder)
            .and_then(|entries| entries.collect::<Result<Vec<_>, _>>())
            .map_err(BuildError::io(&staged_folder))?;
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            let path = folder.join(entry.file_name());
            let (staged, target) = (self.dir.join(&path), self.site.join(&path));
            let staged_is_folder = entry.file_type().map_err(BuildError::io(&staged))?.is_dir();
            let Ok(target_kind) = fs::symlink_metadata(&target) else {
                rename(staged, target, moved)?;
                continue;
            };
            if staged_is_folder && target_kind.is_symlink() {
                // Moving files through a link could write outside the site, or across file
                // systems, where a rename cannot go.
                return Err(in_the_way(&target, "a link stands where a folder goes"));
            }
            match (staged_is_folder, target.is_dir()) {
                (true, true) => self.place(&path, moved)?,
                (false, false) => {
                    let previous = self.previous.join(&path);
                    let parent = previous.parent().unwrap_or(&self.previous);
                    fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
                    rename(target.clone(), previous, moved)?;
                    rename(staged, target, moved)?;
                }
                (true, false) => {
                    return Err(in_the_way(&target, "a file stands where a folder goes"));
                }
                (false, true) => {
                    return Err(in_the_way(&target, "a folder stands where a file goes"));
                }
            }
        }
        Ok(())
    }
}

impl Drop for SiteStaging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn rename(from: PathBuf, to: PathBuf, moved: &mut Vec<Moved>) -> Result<(), BuildError> {
    fs::rename(&from, &to).map_err(BuildError::io(&to))?;
    moved.push(Moved { from, to });
    Ok(())
}

/// Renames back, last first, everything a failed commit moved: every one is tried, and the
/// first that fails is the error.
fn undo(moved: Vec<Moved>) -> Result<(), BuildError> {
    let mut first_failure = None;
    for Moved { from, to } in moved.into_iter().rev() {
        if let Err(source) = fs::rename(&to, &from) {
            first_failure.get_or_insert(BuildError::Unrestored { path: to, source });
        }
    }
    first_failure.map_or(Ok(()), Err)
}

/// Removes the staging folders for `name` that an earlier build, which no longer runs, left in
/// `dir` (a crash, or a kill): a host would otherwise publish them. A build that still runs
/// keeps its own.
fn clear_leftovers(dir: &Path, name: &str) -> Result<(), BuildError> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let left_by = file_name
            .to_str()
            .and_then(staging_parts)
            .filter(|(staged, _, _)| *staged == name)
            .map(|(_, _, pid)| pid);
        if left_by.is_some_and(is_left_over) {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(BuildError::io(&path))?;
        }
    }
    Ok(())
}

/// Puts back an output folder that a build which no longer runs moved aside and never
/// replaced (it stopped between the two renames of a swap).
fn recover_moved_aside(out: &Path, parent: &Path, name: &str) -> Result<(), BuildError> {
    if fs::symlink_metadata(out).is_ok() {
        return Ok(());
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let moved_aside = entries.flatten().find(|entry| {
        entry
            .file_name()
            .to_str()
            .and_then(staging_parts)
            .is_some_and(|(staged, stage, pid)| {
                staged == name && stage == PREVIOUS && is_left_over(pid)
            })
    });
    if let Some(entry) = moved_aside {
        fs::rename(entry.path(), out).map_err(BuildError::io(out))?;
    }
    Ok(())
}

/// Whether a folder made by the build of that process id is a leftover: that build is over
/// (an earlier process of this id is over too, since this one runs).
fn is_left_over(pid: u32) -> bool {
    pid == std::process::id() || !is_running(pid)
}

/// Whether a process of that id runs; where that cannot be told, it is taken to run, so that
/// nothing of a build still under way is removed.
fn is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

fn in_the_way(path: &Path, problem: &str) -> BuildError {
    BuildError::io(path)(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        problem,
    ))
}

const PARTIAL: &str = "partial";
const PREVIOUS: &str = "previous";

/// `.<name>.<stage>-<pid>`: hidden, and this process's own.
fn staging_name(name: &str, stage: &str) -> String {
    format!(".{name}.{stage}-{}", std::process::id())
}

/// Whether `name` is a staging folder's (this build's or one a crashed build left behind):
/// nothing in one belongs to the site.
pub(crate) fn is_staging_name(name: &str) -> bool {
    staging_parts(name).is_some()
}

/// A staging folder's name read back: what it stages (`site`, `bundle`), its stage, and the
/// process id of the build that made it.
fn staging_parts(file_name: &str) -> Option<(&str, &'static str, u32)> {
    let hidden = file_name.strip_prefix('.')?;
    [PARTIAL, PREVIOUS].into_iter().find_map(|stage| {
        let (name, pid) = hidden.rsplit_once(&format!(".{stage}-"))?;
        let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
        Some((name, stage, pid.parse().ok().filter(|_| digits)?))
    })
}

fn fresh_dir(dir: &Path) -> Result<(), BuildError> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(BuildError::io(dir))?;
    }
    fs::create_dir_all(dir).map_err(BuildError::io(dir))
}

fn stays_inside(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|part| matches!(part, std::path::Component::Normal(_)))
}

fn outside_error(path: &str, folder: &str) -> BuildError {
    BuildError::io(Path::new(path))(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("a path outside {folder} folder"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_folders_are_told_from_the_sites_own_hidden_ones() {
        for name in [
            ".site.partial-12",
            ".bundle.previous-7",
            ".my.bundle.partial-1",
        ] {
            assert!(is_staging_name(name), "{name}");
        }
        for name in [
            ".well-known",
            "site.partial-12",
            ".site.partial-",
            ".site.partial-12a",
            ".github",
        ] {
            assert!(!is_staging_name(name), "{name}");
        }
    }

    #[test]
    fn a_commit_replaces_files_moves_new_folders_whole_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        fs::create_dir_all(site.join("a")).unwrap();
        fs::write(site.join("a/old.html"), "old").unwrap();
        fs::write(site.join("a/kept.html"), "kept").unwrap();
        let staging = SiteStaging::new(site).unwrap();
        for (path, text) in [("a/old.html", "new"), ("b/c/page.html", "page")] {
            staging
                .write(&OutputFile {
                    path: path.into(),
                    bytes: text.into(),
                })
                .unwrap();
        }
        assert_eq!(fs::read_to_string(site.join("a/old.html")).unwrap(), "old");
        staging.commit().unwrap();
        for (path, text) in [
            ("a/old.html", "new"),
            ("a/kept.html", "kept"),
            ("b/c/page.html", "page"),
        ] {
            assert_eq!(fs::read_to_string(site.join(path)).unwrap(), text, "{path}");
        }
        let mut left: Vec<_> = fs::read_dir(site)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["a", "b"]);
    }

    /// A build that was killed leaves its folders behind; the next one clears them, and puts
    /// back an output it had moved aside and never replaced.
    #[test]
    fn what_a_killed_build_left_is_cleared_and_its_moved_aside_output_recovered() {
        let dir = tempfile::tempdir().unwrap();
        let dead = 4_000_000_000u32;
        let out = dir.path().join("bundle");
        for leftover in [
            format!(".bundle.partial-{dead}"),
            format!(".site.partial-{dead}"),
        ] {
            fs::create_dir_all(dir.path().join(leftover).join("x")).unwrap();
        }
        let moved_aside = dir.path().join(format!(".bundle.previous-{dead}"));
        fs::create_dir_all(&moved_aside).unwrap();
        fs::write(moved_aside.join("manifest.json"), "last good").unwrap();
        let staging = Staging::new(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("manifest.json")).unwrap(),
            "last good"
        );
        let site = SiteStaging::new(dir.path()).unwrap();
        drop((staging, site));
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["bundle"]);
    }

    #[test]
    fn a_link_where_a_folder_goes_is_refused_and_nothing_moves() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::create_dir_all(&site).unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("img")).unwrap();
        let staging = SiteStaging::new(&site).unwrap();
        for path in ["a.html", "img/p.svg"] {
            let file = OutputFile {
                path: path.into(),
                bytes: b"new".to_vec(),
            };
            staging.write(&file).unwrap();
        }
        let error = staging.commit().unwrap_err();
        assert!(error.left_output_untouched(), "{error}");
        assert!(
            error
                .to_string()
                .ends_with("a link stands where a folder goes"),
            "{error}"
        );
        assert!(!site.join("a.html").exists(), "what moved is moved back");
        assert_eq!(
            fs::read_dir(&elsewhere).unwrap().count(),
            0,
            "nothing is written through the link"
        );
    }

    #[test]
    fn a_path_outside_the_site_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let staging = SiteStaging::new(dir.path()).unwrap();
        for path in ["../x.html", "/etc/x.html"] {
            let file = OutputFile {
                path: path.into(),
                bytes: Vec::new(),
            };
            assert!(staging.write(&file).is_err(), "{path}");
        }
    }
}
