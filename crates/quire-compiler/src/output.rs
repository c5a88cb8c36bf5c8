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

pub fn replace_dir(out: &Path, files: &[OutputFile]) -> Result<(), BuildError> {
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

    let written = write_all(&staging, files);
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
    for file in files {
        let path = staging.join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(BuildError::io(dir))?;
        }
        fs::write(&path, &file.bytes).map_err(BuildError::io(&path))?;
    }
    Ok(())
}

/// Writes individual files into an existing folder, each through a temporary file renamed into
/// place, so a reader never sees a half-written feed.
pub fn write_files(dir: &Path, files: &[OutputFile]) -> Result<(), BuildError> {
    for file in files {
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
        fs::rename(&temporary, &path).map_err(BuildError::io(&path))?;
    }
    Ok(())
}
