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

/// Writes `files`, then lets `also` write more into the staging folder, before the swap.
pub fn replace_dir(
    out: &Path,
    files: &[OutputFile],
    also: impl FnOnce(&Path) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(BuildError::io(&parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "bundle".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));

    let written = write_all(&staging, files).and_then(|()| also(&staging));
    if let Err(error) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if out.exists() {
        fs::rename(out, &previous).map_err(BuildError::io(out))?;
    }
    if let Err(error) = fs::rename(&staging, out) {
        // Put the last good output back: losing it would be worse than the failed build.
        let _ = fs::rename(&previous, out);
        let _ = fs::remove_dir_all(&staging);
        return Err(BuildError::io(out)(error));
    }
    let _ = fs::remove_dir_all(&previous);
    Ok(())
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), BuildError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(BuildError::io(staging))?;
    }
    fs::create_dir_all(staging).map_err(BuildError::io(staging))?;
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|file| staging.join(&file.path).parent().map(Path::to_path_buf))
        .collect();
    for dir in &dirs {
        fs::create_dir_all(dir).map_err(BuildError::io(dir))?;
    }
    // One file at a time: threads creating files in one ext4 folder queue on its lock (the
    // kernel's lock spinning led the profile of a parallel write), so more writers gain nothing.
    for file in files {
        let path = staging.join(&file.path);
        fs::write(&path, &file.bytes).map_err(BuildError::io(&path))?;
    }
    Ok(())
}

/// Writes individual files into an existing folder, each through a temporary file renamed into
/// place, so a reader never sees a half-written feed.
pub fn write_files(dir: &Path, files: &[OutputFile]) -> Result<(), BuildError> {
    files.iter().try_for_each(|file| write_file(dir, file))
}

/// Writes one file as [`write_files`] does.
pub fn write_file(dir: &Path, file: &OutputFile) -> Result<(), BuildError> {
    let path = dir.join(&file.path);
    let parent = path.parent().unwrap_or(dir);
    fs::create_dir_all(parent).map_err(BuildError::io(parent))?;
    let temporary = parent.join(format!(
        ".{}.partial-{}",
        path.file_name()
            .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned()),
        std::process::id()
    ));
    fs::write(&temporary, &file.bytes).map_err(BuildError::io(&temporary))?;
    fs::rename(&temporary, &path).map_err(BuildError::io(&path))
}
