//! The search index files: the compiler's builder and the app's decoders.
//!
//! Two kinds of file. The *dictionary* (loaded on first search) holds every document's field
//! lengths and two `fst` maps: folded words -> stem, and stems -> (stem id, document frequency).
//! The *postings shards* (loaded per query, only those its stems live in) hold, per stem, the
//! documents containing it with the word's count in the title and in the body. Stem ids follow
//! the stems' sorted order and each shard covers a contiguous run of them.

use std::collections::{BTreeMap, HashMap};

use fst::{Map, MapBuilder};

use super::codec::{FileKind, Reader, Writer};
use super::tokens::{WordStemmer, tokens};
use crate::bundle::DecodeError;

/// Raw bytes after which a postings shard is closed: small enough that a query fetches little
/// it does not use, large enough that a few requests cover most queries.
pub const SHARD_TARGET_BYTES: usize = 32 * 1024;

/// Where one document's words sit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Posting {
    /// Position in the listing, newest first.
    pub doc: u32,
    pub title_count: u32,
    pub body_count: u32,
}

/// A stem and what the dictionary says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StemEntry {
    pub id: u32,
    /// How many documents contain it.
    pub documents: u32,
}

impl StemEntry {
    fn pack(self) -> u64 {
        (u64::from(self.id) << 32) | u64::from(self.documents)
    }

    fn unpack(value: u64) -> Self {
        Self {
            id: (value >> 32) as u32,
            documents: value as u32,
        }
    }
}

/// A surface word and how often the corpus uses it (to rank suggestions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordEntry {
    pub stem: u32,
    pub uses: u32,
}

impl WordEntry {
    fn pack(self) -> u64 {
        (u64::from(self.stem) << 32) | u64::from(self.uses)
    }

    fn unpack(value: u64) -> Self {
        Self {
            stem: (value >> 32) as u32,
            uses: value as u32,
        }
    }
}

/// Collects documents in listing order and writes the index files.
#[derive(Default)]
pub struct IndexBuilder {
    field_lengths: Vec<(u32, u32)>,
    /// stem -> (doc, title count, body count), docs ascending.
    postings: BTreeMap<String, Vec<Posting>>,
    /// word -> (stem, uses)
    words: BTreeMap<String, (String, u32)>,
}

/// The bytes of every search file; shard `i` covers stems from `shard_starts[i]`.
pub struct IndexFiles {
    pub dictionary: Vec<u8>,
    pub shards: Vec<Vec<u8>>,
}

/// One document's words, counted: the part of indexing that needs no shared state, so the
/// compiler can run it on every core.
pub struct AnalysedDocument {
    lengths: (u32, u32),
    /// stem -> (title count, body count)
    stems: HashMap<String, (u32, u32)>,
    /// folded word -> (stem, uses)
    words: HashMap<String, (String, u32)>,
}

impl AnalysedDocument {
    pub fn new(title: &str, body: &str) -> Self {
        let stemmer = WordStemmer::default();
        let mut document = Self {
            lengths: (0, 0),
            stems: HashMap::new(),
            words: HashMap::new(),
        };
        for (text, in_title) in [(title, true), (body, false)] {
            for token in tokens(text) {
                let word = match document.words.get_mut(&token.folded) {
                    Some(word) => word,
                    None => {
                        let stem = stemmer.stem(&token.folded).into_owned();
                        document.words.entry(token.folded).or_insert((stem, 0))
                    }
                };
                word.1 += 1;
                let count = document.stems.entry(word.0.clone()).or_default();
                if in_title {
                    count.0 += 1;
                    document.lengths.0 += 1;
                } else {
                    count.1 += 1;
                    document.lengths.1 += 1;
                }
            }
        }
        document
    }
}

impl IndexBuilder {
    /// Adds the next document; its id is the number of documents added before it.
    pub fn add(&mut self, title: &str, body: &str) {
        self.push(AnalysedDocument::new(title, body));
    }

    /// Adds the next document, analysed beforehand.
    pub fn push(&mut self, document: AnalysedDocument) {
        let doc = self.field_lengths.len() as u32;
        self.field_lengths.push(document.lengths);
        for (stem, (title_count, body_count)) in document.stems {
            self.postings.entry(stem).or_default().push(Posting {
                doc,
                title_count,
                body_count,
            });
        }
        for (word, (stem, uses)) in document.words {
            let entry = self.words.entry(word).or_insert((stem, 0));
            entry.1 = entry.1.saturating_add(uses);
        }
    }

    pub fn finish(self) -> IndexFiles {
        let stem_ids: HashMap<&str, u32> = self
            .postings
            .keys()
            .enumerate()
            .map(|(id, stem)| (stem.as_str(), id as u32))
            .collect();

        let mut shards = Vec::new();
        let mut shard_starts = Vec::new();
        let mut shard: Option<(u32, Vec<u8>, u32)> = None;
        let close = |shard: (u32, Vec<u8>, u32), shards: &mut Vec<Vec<u8>>| {
            let (first, body, stems) = shard;
            let mut writer = Writer::new(FileKind::Postings);
            writer.uint(u64::from(first));
            writer.uint(u64::from(stems));
            writer.bytes.extend_from_slice(&body);
            shards.push(writer.bytes);
        };
        for (id, list) in self.postings.values().enumerate() {
            let (_, body, stems) = shard.get_or_insert_with(|| {
                shard_starts.push(id as u32);
                (id as u32, Vec::new(), 0)
            });
            let mut writer = Writer {
                bytes: std::mem::take(body),
            };
            writer.uint(list.len() as u64);
            let mut previous = 0;
            for posting in list {
                writer.uint(u64::from(posting.doc - previous));
                writer.uint(u64::from(posting.title_count));
                writer.uint(u64::from(posting.body_count));
                previous = posting.doc;
            }
            *body = writer.bytes;
            *stems += 1;
            if body.len() >= SHARD_TARGET_BYTES {
                close(shard.take().expect("a shard is open"), &mut shards);
            }
        }
        if let Some(open) = shard.take() {
            close(open, &mut shards);
        }

        let mut stems = MapBuilder::memory();
        for (stem, list) in &self.postings {
            let entry = StemEntry {
                id: stem_ids[stem.as_str()],
                documents: list.len() as u32,
            };
            stems
                .insert(stem, entry.pack())
                .expect("BTreeMap keys are sorted and unique");
        }
        let mut words = MapBuilder::memory();
        for (word, (stem, uses)) in &self.words {
            let entry = WordEntry {
                stem: stem_ids[stem.as_str()],
                uses: *uses,
            };
            words
                .insert(word, entry.pack())
                .expect("BTreeMap keys are sorted and unique");
        }

        let mut writer = Writer::new(FileKind::Dictionary);
        writer.uint(self.field_lengths.len() as u64);
        for (title, body) in &self.field_lengths {
            writer.uint(u64::from(*title));
            writer.uint(u64::from(*body));
        }
        writer.uint(shard_starts.len() as u64);
        for start in &shard_starts {
            writer.uint(u64::from(*start));
        }
        writer.blob(&words.into_inner().expect("writing to memory cannot fail"));
        writer.blob(&stems.into_inner().expect("writing to memory cannot fail"));
        IndexFiles {
            dictionary: writer.bytes,
            shards,
        }
    }
}

/// The dictionary, decoded: enough to plan a query and to score what the shards return.
pub struct Dictionary {
    /// (title words, body words) per document.
    pub field_lengths: Vec<(u32, u32)>,
    pub average_title: f32,
    pub average_body: f32,
    shard_starts: Vec<u32>,
    pub(crate) words: Map<Vec<u8>>,
    pub(crate) stems: Map<Vec<u8>>,
}

fn bad_fst(error: fst::Error) -> DecodeError {
    DecodeError::Malformed(format!("search index: {error}"))
}

impl Dictionary {
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut reader = Reader::new(bytes, FileKind::Dictionary)?;
        let documents = reader.count()?;
        let mut field_lengths = Vec::with_capacity(documents);
        for _ in 0..documents {
            field_lengths.push((reader.u32()?, reader.u32()?));
        }
        let shard_count = reader.count()?;
        let mut shard_starts = Vec::with_capacity(shard_count);
        for _ in 0..shard_count {
            shard_starts.push(reader.u32()?);
        }
        if !shard_starts.is_sorted() {
            return Err(DecodeError::Malformed(
                "search index: shards out of order".to_owned(),
            ));
        }
        let words = Map::new(reader.blob()?.to_vec()).map_err(bad_fst)?;
        let stems = Map::new(reader.blob()?.to_vec()).map_err(bad_fst)?;
        reader.finish()?;
        let average = |field: fn(&(u32, u32)) -> u32| {
            let total: u64 = field_lengths.iter().map(|l| u64::from(field(l))).sum();
            (total as f32 / documents.max(1) as f32).max(1.0)
        };
        Ok(Self {
            average_title: average(|l| l.0),
            average_body: average(|l| l.1),
            field_lengths,
            shard_starts,
            words,
            stems,
        })
    }

    pub fn document_count(&self) -> usize {
        self.field_lengths.len()
    }

    pub fn shard_count(&self) -> usize {
        self.shard_starts.len()
    }

    /// The shard holding a stem's postings.
    pub fn shard_of(&self, stem: u32) -> usize {
        self.shard_starts
            .partition_point(|&start| start <= stem)
            .saturating_sub(1)
    }

    pub fn stem(&self, stem: &str) -> Option<StemEntry> {
        self.stems.get(stem).map(StemEntry::unpack)
    }

    pub(crate) fn word_entry(value: u64) -> WordEntry {
        WordEntry::unpack(value)
    }
}

/// One postings file, decoded.
#[derive(Debug, PartialEq)]
pub struct PostingsShard {
    pub first_stem: u32,
    pub lists: Vec<Vec<Posting>>,
}

impl PostingsShard {
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut reader = Reader::new(bytes, FileKind::Postings)?;
        let first_stem = reader.u32()?;
        let stems = reader.count()?;
        let mut lists = Vec::with_capacity(stems);
        for _ in 0..stems {
            let length = reader.count()?;
            let mut list = Vec::with_capacity(length);
            let mut doc = 0u32;
            for _ in 0..length {
                doc = doc.checked_add(reader.u32()?).ok_or_else(|| {
                    DecodeError::Malformed("search index: document id overflows".to_owned())
                })?;
                list.push(Posting {
                    doc,
                    title_count: reader.u32()?,
                    body_count: reader.u32()?,
                });
            }
            lists.push(list);
        }
        reader.finish()?;
        Ok(Self { first_stem, lists })
    }

    pub fn postings(&self, stem: u32) -> Option<&[Posting]> {
        let index = stem.checked_sub(self.first_stem)?;
        self.lists.get(index as usize).map(Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_files() {
        let mut builder = IndexBuilder::default();
        builder.add("Caching at the edge", "A cache in front of every origin.");
        builder.add("Deploying on Fridays", "Deployments with caches warmed.");
        let files = builder.finish();
        let dictionary = Dictionary::decode(&files.dictionary).unwrap();
        assert_eq!(dictionary.document_count(), 2);
        assert_eq!(dictionary.field_lengths, [(4, 7), (3, 4)]);
        let cache = dictionary.stem("cach").unwrap();
        assert_eq!(cache.documents, 2);
        let shards: Vec<PostingsShard> = files
            .shards
            .iter()
            .map(|bytes| PostingsShard::decode(bytes).unwrap())
            .collect();
        let postings = shards[dictionary.shard_of(cache.id)]
            .postings(cache.id)
            .unwrap();
        assert_eq!(
            postings,
            [
                Posting {
                    doc: 0,
                    title_count: 1,
                    body_count: 1
                },
                Posting {
                    doc: 1,
                    title_count: 0,
                    body_count: 1
                },
            ]
        );
    }

    #[test]
    fn large_corpora_split_into_shards_that_cover_every_stem() {
        let mut builder = IndexBuilder::default();
        for doc in 0..3000 {
            builder.add(
                &format!("Article number {doc}"),
                &format!("word{} word{} shared text", doc % 700, doc % 13),
            );
        }
        let files = builder.finish();
        let dictionary = Dictionary::decode(&files.dictionary).unwrap();
        assert!(files.shards.len() > 1, "{} shards", files.shards.len());
        assert_eq!(dictionary.shard_count(), files.shards.len());
        let shards: Vec<PostingsShard> = files
            .shards
            .iter()
            .map(|bytes| PostingsShard::decode(bytes).unwrap())
            .collect();
        let mut stream = dictionary.stems.stream();
        let mut seen = 0;
        while let Some((stem, value)) = fst::Streamer::next(&mut stream) {
            let entry = StemEntry::unpack(value);
            let list = shards[dictionary.shard_of(entry.id)]
                .postings(entry.id)
                .unwrap_or_else(|| panic!("{}", String::from_utf8_lossy(stem)));
            assert_eq!(list.len() as u32, entry.documents);
            seen += 1;
        }
        assert_eq!(seen, dictionary.stems.len());
    }

    #[test]
    fn an_empty_corpus_has_a_valid_index() {
        let files = IndexBuilder::default().finish();
        let dictionary = Dictionary::decode(&files.dictionary).unwrap();
        assert_eq!(dictionary.document_count(), 0);
        assert!(files.shards.is_empty());
    }

    #[test]
    fn damaged_files_are_refused_not_panicked_on() {
        let mut builder = IndexBuilder::default();
        builder.add("One", "two three");
        let files = builder.finish();
        for cut in 0..files.dictionary.len() {
            assert!(Dictionary::decode(&files.dictionary[..cut]).is_err());
        }
        for cut in 0..files.shards[0].len() {
            assert!(PostingsShard::decode(&files.shards[0][..cut]).is_err());
        }
    }
}
