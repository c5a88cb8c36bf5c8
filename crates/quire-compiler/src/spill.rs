//! Text a build makes early and reads once, much later: kept in a temporary file rather than in
//! memory until then. Every article's body HTML and search text, held from compiling to writing,
//! were most of a large build's memory (100,000 articles: about 800 MB of 1.5 GB); written here as
//! they are made, they cost the build a write and a read from the page cache instead.

use std::fs::File;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::BuildError;

/// One build's scratch file: unnamed, so the system removes it when the build ends, however it
/// ends. Written from every core at once, each text at a range of its own.
pub struct Spill {
    file: File,
    end: AtomicU64,
}

impl Spill {
    pub fn new() -> Result<Arc<Self>, BuildError> {
        // tempfile: an unnamed file in the system's temporary folder (`TMPDIR`), gone with the
        // process, with no name left behind for a killed build to leak.
        let file = tempfile::tempfile().map_err(BuildError::io(&scratch_folder()))?;
        Ok(Arc::new(Self {
            file,
            end: AtomicU64::new(0),
        }))
    }

    fn write(&self, text: &str) -> io::Result<(u64, usize)> {
        let length = text.len();
        let offset = self.end.fetch_add(length as u64, Ordering::Relaxed);
        write_at(&self.file, text.as_bytes(), offset)?;
        Ok((offset, length))
    }

    /// Spills `bytes`; the handle reads them back.
    pub fn keep(self: &Arc<Self>, bytes: &[u8]) -> Result<SpilledBytes, BuildError> {
        let length = bytes.len();
        let offset = self.end.fetch_add(length as u64, Ordering::Relaxed);
        write_at(&self.file, bytes, offset).map_err(BuildError::io(&scratch_folder()))?;
        Ok(SpilledBytes {
            spill: Arc::clone(self),
            offset,
            length,
        })
    }

    fn read(&self, offset: u64, length: usize) -> io::Result<String> {
        let mut bytes = vec![0; length];
        read_at(&self.file, &mut bytes, offset)?;
        String::from_utf8(bytes).map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))
    }
}

// Positioned reads and writes, which leave the file's cursor alone, so every core can use the
// one file at once.
#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let written = file.seek_write(bytes, offset)?;
        if written == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[written..];
        offset += written as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let read = file.seek_read(bytes, offset)?;
        if read == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[read..];
        offset += read as u64;
    }
    Ok(())
}

/// Bytes waiting in a [`Spill`] (an encoded image), read once when they are published.
#[derive(Clone)]
pub struct SpilledBytes {
    spill: Arc<Spill>,
    offset: u64,
    length: usize,
}

impl SpilledBytes {
    pub fn read(&self) -> Result<Vec<u8>, BuildError> {
        let mut bytes = vec![0; self.length];
        read_at(&self.spill.file, &mut bytes, self.offset)
            .map_err(BuildError::io(&scratch_folder()))?;
        Ok(bytes)
    }

    pub fn len(&self) -> usize {
        self.length
    }

    pub fn is_empty(&self) -> bool {
        self.length == 0
    }
}

impl std::fmt::Debug for SpilledBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SpilledBytes({} at {})", self.length, self.offset)
    }
}

/// Where the scratch file is, for a message about it.
fn scratch_folder() -> PathBuf {
    std::env::temp_dir()
}

/// A text in memory, or in a build's [`Spill`] until it is read. A clone of a spilled text
/// names the same bytes; an edit writes new ones.
#[derive(Clone)]
pub enum Stored {
    Held(String),
    Spilled {
        spill: Arc<Spill>,
        offset: u64,
        length: usize,
    },
}

impl Default for Stored {
    fn default() -> Self {
        Self::Held(String::new())
    }
}

impl From<String> for Stored {
    fn from(text: String) -> Self {
        Self::Held(text)
    }
}

impl Stored {
    /// Moves a held text into `spill`; an empty one stays, as there is nothing to keep.
    pub fn spill_to(&mut self, spill: &Arc<Spill>) -> Result<(), BuildError> {
        if let Self::Held(text) = self
            && !text.is_empty()
        {
            let (offset, length) = spill
                .write(text)
                .map_err(BuildError::io(&scratch_folder()))?;
            *self = Self::Spilled {
                spill: Arc::clone(spill),
                offset,
                length,
            };
        }
        Ok(())
    }

    /// Replaces the text with `change(text)`, spilled again if it was spilled.
    pub fn edit(&mut self, change: impl FnOnce(String) -> String) -> Result<(), BuildError> {
        match self {
            Self::Held(text) => {
                *text = change(std::mem::take(text));
                Ok(())
            }
            Self::Spilled { spill, .. } => {
                let spill = Arc::clone(spill);
                *self = Self::Held(change(self.read()?));
                self.spill_to(&spill)
            }
        }
    }

    /// The text, read back if it was spilled.
    pub fn read(&self) -> Result<String, BuildError> {
        match self {
            Self::Held(text) => Ok(text.clone()),
            Self::Spilled {
                spill,
                offset,
                length,
            } => spill
                .read(*offset, *length)
                .map_err(BuildError::io(&scratch_folder())),
        }
    }

    /// The text, without a copy when it was held.
    pub fn take(self) -> Result<String, BuildError> {
        match self {
            Self::Held(text) => Ok(text),
            spilled => spilled.read(),
        }
    }
}

/// Two texts are equal when they read the same (one that cannot be read equals none).
impl PartialEq for Stored {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Held(a), Self::Held(b)) => a == b,
            _ => matches!((self.read(), other.read()), (Ok(a), Ok(b)) if a == b),
        }
    }
}

impl Eq for Stored {}

impl std::fmt::Debug for Stored {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Held(text) => formatter.debug_tuple("Held").field(text).finish(),
            Self::Spilled { offset, length, .. } => formatter
                .debug_struct("Spilled")
                .field("offset", offset)
                .field("length", length)
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn texts_spilled_from_every_core_read_back_as_they_were() {
        let spill = Spill::new().unwrap();
        let texts: Vec<String> = (0..2_000)
            .map(|i| format!("{i}: é → {}", "word ".repeat(i % 97)))
            .collect();
        let stored: Vec<Stored> = texts
            .par_iter()
            .map(|text| {
                let mut stored = Stored::from(text.clone());
                stored.spill_to(&spill).unwrap();
                stored
            })
            .collect();
        assert!(stored.iter().all(|s| matches!(s, Stored::Spilled { .. })));
        for (stored, text) in stored.iter().zip(&texts) {
            assert_eq!(&stored.read().unwrap(), text);
        }
        let taken: Vec<String> = stored.into_par_iter().map(|s| s.take().unwrap()).collect();
        assert_eq!(taken, texts);
    }

    #[test]
    fn an_edited_text_stays_where_it_was() {
        let spill = Spill::new().unwrap();
        let mut spilled = Stored::from("a body".to_owned());
        spilled.spill_to(&spill).unwrap();
        spilled.edit(|text| text.replace("a", "the")).unwrap();
        assert!(matches!(spilled, Stored::Spilled { .. }));
        assert_eq!(spilled.read().unwrap(), "the body");
        let mut held = Stored::from("kept".to_owned());
        held.edit(|text| text + "!").unwrap();
        assert_eq!(held, Stored::Held("kept!".to_owned()));
    }

    #[test]
    fn an_empty_or_held_text_reads_as_itself() {
        let spill = Spill::new().unwrap();
        let mut empty = Stored::default();
        empty.spill_to(&spill).unwrap();
        assert!(matches!(empty, Stored::Held(_)));
        assert_eq!(empty.take().unwrap(), "");
        assert_eq!(Stored::from("kept".to_owned()).read().unwrap(), "kept");
    }
}
