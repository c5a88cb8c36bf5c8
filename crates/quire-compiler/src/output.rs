//! Writes a bundle so that a reader or a dev server never sees half of it: everything goes to a
//! sibling temporary folder first, which then replaces the output folder in one rename.

use std::fs;
use std::path::{Path, PathBuf};

use crate::build::BuildError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A folder filled beside the output folder, which replaces it in one rename on
/// [`Staging::commit`]. Dropped uncommitted (a failed build), it is removed and the last good
/// output stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
    committed: bool,
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
        let dir = parent.join(format!(".{name}.partial-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(BuildError::io(&dir))?;
        }
        fs::create_dir_all(&dir).map_err(BuildError::io(&dir))?;
        Ok(Self {
            out: out.to_path_buf(),
            previous: parent.join(format!(".{name}.previous-{}", std::process::id())),
            dir,
            committed: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `files` into the staging folder; a path that would leave it is refused.
    pub fn write_all(&self, files: &[OutputFile]) -> Result<(), BuildError> {
        if let Some(outside) = files.iter().find(|file| {
            !Path::new(&file.path)
                .components()
                .all(|part| matches!(part, std::path::Component::Normal(_)))
        }) {
            return Err(BuildError::io(Path::new(&outside.path))(
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a path outside the bundle's folder",
                ),
            ));
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

    /// Puts the staging folder in the output folder's place.
    pub fn commit(mut self) -> Result<(), BuildError> {
        if self.out.exists() {
            fs::rename(&self.out, &self.previous).map_err(BuildError::io(&self.out))?;
        }
        if let Err(error) = fs::rename(&self.dir, &self.out) {
            // Put the last good output back: losing it would be worse than the failed build.
            let _ = fs::rename(&self.previous, &self.out);
            return Err(BuildError::io(&self.out)(error));
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&self.previous);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes individual files into an existing folder, each through a temporary file renamed into
/// place, so a reader never sees a half-written feed.
pub fn write_files(dir: &Path, files: &[OutputFile]) -> Result<(), BuildError> {
    files.iter().try_for_each(|file| write_file(dir, file))
}

/// Writes one file as [`write_files`] does. A path that would leave `dir` (an absolute one, or
/// one with a `..` part) is refused: every path here is made from content, and none may write
/// outside the site.
pub fn write_file(dir: &Path, file: &OutputFile) -> Result<(), BuildError> {
    let inside = Path::new(&file.path)
        .components()
        .all(|part| matches!(part, std::path::Component::Normal(_)));
    if !inside {
        return Err(BuildError::io(Path::new(&file.path))(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "a path outside the site's folder",
        )));
    }
    replace_file(&dir.join(&file.path), |temporary| {
        fs::write(temporary, &file.bytes).map_err(BuildError::io(temporary))
    })
}

/// Puts a file at `path` (making its folder) by having `make` write a temporary one beside it,
/// then renaming that into place, so a reader never sees half of it.
pub fn replace_file(
    path: &Path,
    make: impl FnOnce(&Path) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
    let temporary = parent.join(format!(
        ".{}.partial-{}",
        path.file_name()
            .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned()),
        std::process::id()
    ));
    make(&temporary)?;
    fs::rename(&temporary, path).map_err(BuildError::io(path))
}
