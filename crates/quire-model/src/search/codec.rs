//! The byte format of search files: LEB128 varints behind a magic, a file kind and the schema
//! version, so a stale or foreign file is refused before it is read.

use crate::bundle::{DecodeError, SCHEMA_VERSION, SchemaMismatch};

const MAGIC: &[u8; 4] = b"QSRC";

/// Which search file a buffer claims to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Dictionary = 1,
    Postings = 2,
    Facets = 3,
}

#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn new(kind: FileKind) -> Self {
        let mut writer = Self::default();
        writer.bytes.extend_from_slice(MAGIC);
        writer.bytes.push(kind as u8);
        writer.uint(u64::from(SCHEMA_VERSION));
        writer
    }

    pub fn uint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub fn blob(&mut self, blob: &[u8]) {
        self.uint(blob.len() as u64);
        self.bytes.extend_from_slice(blob);
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
}

fn malformed(what: &str) -> DecodeError {
    DecodeError::Malformed(format!("search index: {what}"))
}

impl<'a> Reader<'a> {
    /// Checks the header: a file of another kind is malformed, one of another version a mismatch.
    pub fn new(bytes: &'a [u8], kind: FileKind) -> Result<Self, DecodeError> {
        if bytes.len() < 5 || &bytes[..4] != MAGIC {
            return Err(malformed("not a Quire search file"));
        }
        if bytes[4] != kind as u8 {
            return Err(malformed("a search file of the wrong kind"));
        }
        let mut reader = Self { bytes, position: 5 };
        let version = reader.uint()?;
        if version != u64::from(SCHEMA_VERSION) {
            return Err(SchemaMismatch {
                found: u32::try_from(version).unwrap_or(u32::MAX),
                expected: SCHEMA_VERSION,
            }
            .into());
        }
        Ok(reader)
    }

    pub fn uint(&mut self) -> Result<u64, DecodeError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self
                .bytes
                .get(self.position)
                .ok_or_else(|| malformed("the file ends early"))?;
            self.position += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(malformed("a number is too long"))
    }

    pub fn byte(&mut self) -> Result<u8, DecodeError> {
        let byte = *self
            .bytes
            .get(self.position)
            .ok_or_else(|| malformed("the file ends early"))?;
        self.position += 1;
        Ok(byte)
    }

    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.position
    }

    pub fn u32(&mut self) -> Result<u32, DecodeError> {
        u32::try_from(self.uint()?).map_err(|_| malformed("a number is out of range"))
    }

    /// A length read from the file, refused when the rest of the file could not hold that many items.
    pub fn count(&mut self) -> Result<usize, DecodeError> {
        let count = self.uint()?;
        if count > (self.bytes.len() - self.position) as u64 {
            return Err(malformed("a count is larger than the file"));
        }
        Ok(count as usize)
    }

    pub fn blob(&mut self) -> Result<&'a [u8], DecodeError> {
        let length = self.count()?;
        let blob = &self.bytes[self.position..self.position + length];
        self.position += length;
        Ok(blob)
    }

    pub fn finish(self) -> Result<(), DecodeError> {
        if self.position == self.bytes.len() {
            Ok(())
        } else {
            Err(malformed("trailing bytes"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn numbers_and_blobs_round_trip(numbers in proptest::collection::vec(any::<u64>(), 0..50), blob in proptest::collection::vec(any::<u8>(), 0..100)) {
            let mut writer = Writer::new(FileKind::Postings);
            for &number in &numbers {
                writer.uint(number);
            }
            writer.blob(&blob);
            let mut reader = Reader::new(&writer.bytes, FileKind::Postings).unwrap();
            for &number in &numbers {
                prop_assert_eq!(reader.uint().unwrap(), number);
            }
            prop_assert_eq!(reader.blob().unwrap(), &blob[..]);
            prop_assert!(reader.finish().is_ok());
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut framed = b"QSRC\x02\x02".to_vec();
            framed.extend_from_slice(&bytes);
            if let Ok(mut reader) = Reader::new(&framed, FileKind::Postings) {
                while reader.uint().is_ok() {}
            }
        }
    }

    #[test]
    fn headers_are_checked() {
        let dictionary = Writer::new(FileKind::Dictionary).bytes;
        assert!(Reader::new(&dictionary, FileKind::Dictionary).is_ok());
        assert!(matches!(
            Reader::new(&dictionary, FileKind::Postings),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            Reader::new(b"{\"json\": true}", FileKind::Dictionary),
            Err(DecodeError::Malformed(_))
        ));
        let mut other_version = b"QSRC\x01".to_vec();
        other_version.push(99);
        assert!(matches!(
            Reader::new(&other_version, FileKind::Dictionary),
            Err(DecodeError::SchemaMismatch(SchemaMismatch {
                found: 99,
                ..
            }))
        ));
    }

    #[test]
    fn counts_larger_than_the_file_are_refused() {
        let mut writer = Writer::new(FileKind::Postings);
        writer.uint(1 << 40);
        let mut reader = Reader::new(&writer.bytes, FileKind::Postings).unwrap();
        assert!(reader.count().is_err());
    }
}
