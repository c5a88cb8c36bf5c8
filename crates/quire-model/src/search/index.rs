//! The search index files: the compiler's builder and the app's decoders.
//!
//! Two kinds of file. The *dictionary* (loaded on first search) holds the document count and two
//! `fst` maps: folded words -> stem, and stems -> (stem id, document frequency). The *postings
//! shards* (loaded per query, only those its stems live in) hold, per stem, the documents
//! containing it, each with its BM25 score for that stem quantised to a small *impact* and a
//! bit saying whether the word is in the title. Stem ids follow the stems' sorted order and
//! each shard covers a contiguous run of them.
//!
//! Scores are computed here, at build time, because the index is static: every input to BM25
//! (term counts, field lengths, document frequencies) is known. Quantising them to impacts
//! (Anh & Moffat's impact-ordered indexes) keeps the ranking and drops the precision nobody
//! sees: a word most documents contain scores near zero wherever it occurs, so its impacts are
//! nearly all alike and cost almost nothing compressed, where raw term counts cost bits in
//! every posting.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use fst::{Map, MapBuilder};

use super::codec::{FileKind, Reader, Writer};
use super::tokens::{WordStemmer, fold_into, words};
use crate::bundle::DecodeError;

/// Raw bytes after which a postings shard is closed: small enough that a query fetches little
/// it does not use, large enough that a few requests cover most queries.
pub const SHARD_TARGET_BYTES: usize = 32 * 1024;

/// The highest impact: the best-scoring posting in the corpus gets it, every other posting a
/// share of it rounded to the nearest step, never below 1. Impact and title bit share a byte.
pub const MAX_IMPACT: u8 = 127;

/// A title word counts as much as this many body words before saturation.
const TITLE_WEIGHT: f64 = 3.0;
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Where one document's words sit, as the app reads it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Posting {
    /// Position in the listing, newest first.
    pub doc: u32,
    /// Whether the word is in the document's title.
    pub in_title: bool,
    /// The document's BM25 score for the stem, quantised to `1..=MAX_IMPACT`.
    pub impact: u8,
}

/// How often one document uses a stem, as the builder counts it. The counts are kept in 16 bits,
/// so that a large site's postings take two thirds of the memory (100,000 articles: about 20
/// million of them, the most the compiler holds at once). BM25 has saturated long before a count
/// of 65,535: the clamp moves the score of a word used more often than that in one article by
/// far less than one step of the quantised impact.
#[derive(Clone, Copy, Debug)]
struct Occurrences {
    doc: u32,
    title_count: u16,
    body_count: u16,
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

/// BM25 with a title field (BM25F-style: weighted, each field saturated on its own length).
struct Bm25 {
    documents: f64,
    average_title: f64,
    average_body: f64,
}

impl Bm25 {
    fn new(field_lengths: &[(u32, u32)]) -> Self {
        let documents = field_lengths.len() as f64;
        let average = |field: fn(&(u32, u32)) -> u32| {
            let total: f64 = field_lengths.iter().map(|l| f64::from(field(l))).sum();
            (total / documents.max(1.0)).max(1.0)
        };
        Self {
            documents,
            average_title: average(|l| l.0),
            average_body: average(|l| l.1),
        }
    }

    fn idf(&self, frequency: usize) -> f64 {
        let frequency = frequency as f64;
        (1.0 + (self.documents - frequency + 0.5) / (frequency + 0.5)).ln()
    }

    fn score(&self, idf: f64, occurrences: &Occurrences, lengths: (u32, u32)) -> f64 {
        idf * (TITLE_WEIGHT
            * saturate(
                occurrences.title_count.into(),
                lengths.0,
                self.average_title,
            )
            + saturate(occurrences.body_count.into(), lengths.1, self.average_body))
    }
}

/// BM25's term-frequency part for one field.
fn saturate(count: u32, length: u32, average: f64) -> f64 {
    if count == 0 {
        return 0.0;
    }
    let count = f64::from(count);
    count * (K1 + 1.0) / (count + K1 * (1.0 - B + B * f64::from(length) / average))
}

/// Linear steps: the engine can add impacts up as it would add scores. (Steps finer at the low
/// end, e.g. on a square-root scale, rank closer to exact BM25 but cost the common words their
/// cheap, nearly uniform impacts: 440 kB instead of 253 kB of postings at 10,000 articles.)
fn quantise(score: f64, best: f64) -> u8 {
    let step = (score / best * f64::from(MAX_IMPACT)).round();
    step.clamp(1.0, f64::from(MAX_IMPACT)) as u8
}

/// Collects documents in listing order and writes the index files.
#[derive(Default)]
pub struct IndexBuilder {
    field_lengths: Vec<(u32, u32)>,
    /// stem -> documents using it, ascending. Hashed while documents arrive (a lookup per stem
    /// of every document); sorted once, in `finish`.
    postings: HashMap<Arc<str>, Vec<Occurrences>>,
    /// word -> (stem, uses)
    words: HashMap<Arc<str>, (Arc<str>, u32)>,
}

/// The bytes of every search file; shard `i` covers stems from `shard_starts[i]`.
pub struct IndexFiles {
    pub dictionary: Vec<u8>,
    pub shards: Vec<Vec<u8>>,
}

/// One document's words, counted: the part of indexing that needs no shared state, so the
/// compiler can run it on every core. Its words and stems are shared with the [`Analyser`]
/// that met them first, so handing one to the builder copies no text.
pub struct AnalysedDocument {
    lengths: (u32, u32),
    /// (stem, title count, body count)
    stems: Vec<(Arc<str>, u32, u32)>,
    /// (folded word, index into `stems`, uses)
    words: Vec<(Arc<str>, usize, u32)>,
}

impl AnalysedDocument {
    pub fn new(title: &str, body: &str) -> Self {
        Analyser::default().analyse(title, &[body])
    }
}

/// A word of up to [`ShortWord::MAX`] bytes as a hash key of its own: hashed and compared a
/// machine word at a time, in the table itself. Most words are this short; as strings, each
/// lookup compared them through a pointer and `memcmp`, where a quarter of analysis's time went.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortWord([u64; 3]);

impl ShortWord {
    /// The last of the 24 bytes holds the length, so that no two words share a key.
    const MAX: usize = 23;

    /// The key of a word already folded.
    fn new(folded: &str) -> Option<Self> {
        Self::of_bytes(folded, |byte| byte)
    }

    /// The key of an ASCII word as [`fold`](super::tokens::fold) would fold it (to lower case),
    /// made without folding it into a string first: most words of most texts are ASCII, and
    /// folding, then copying, each one was a sixth of analysis.
    fn fold_ascii(word: &str) -> Option<Self> {
        if !word.is_ascii() {
            return None;
        }
        Self::of_bytes(word, |byte| byte.to_ascii_lowercase())
    }

    fn of_bytes(word: &str, map: impl Fn(u8) -> u8) -> Option<Self> {
        let bytes = word.as_bytes();
        if bytes.len() > Self::MAX {
            return None;
        }
        let mut key = [0u8; 24];
        for (slot, &byte) in key.iter_mut().zip(bytes) {
            *slot = map(byte);
        }
        key[23] = bytes.len() as u8;
        let lane = |lane: &[u8]| u64::from_le_bytes(lane.try_into().expect("eight bytes"));
        Some(Self([lane(&key[..8]), lane(&key[8..16]), lane(&key[16..])]))
    }
}

/// Analyses documents one after another, numbering every word it meets along with its stem: a
/// corpus repeats its vocabulary from document to document, so most words cost one hash lookup
/// and no allocation, and stemming (once most of the cost of analysis) happens once per word.
pub struct Analyser {
    stemmer: WordStemmer,
    /// folded word -> (word number, stem number), for words of up to [`ShortWord::MAX`] bytes
    short_words: HashMap<ShortWord, (u32, u32)>,
    /// the same for longer words
    long_words: HashMap<Arc<str>, (u32, u32)>,
    /// by word number
    word_names: Vec<Arc<str>>,
    /// stem -> stem number
    stem_numbers: HashMap<Arc<str>, u32>,
    /// by stem number
    stems: Vec<Arc<str>>,
    /// By word and by stem number: where the document being analysed lists it, plus one (zero
    /// while it has not used it). Reset after each document from `used_words` and `used_stems`.
    word_places: Vec<u32>,
    stem_places: Vec<u32>,
    used_words: Vec<u32>,
    used_stems: Vec<u32>,
    /// Words it remembers before it starts over between two documents: a bound on its memory
    /// that a real vocabulary rarely reaches.
    remembered_words: usize,
}

impl Default for Analyser {
    fn default() -> Self {
        Self::remembering(1 << 17)
    }
}

impl Analyser {
    fn remembering(remembered_words: usize) -> Self {
        Self {
            stemmer: WordStemmer::default(),
            short_words: HashMap::default(),
            long_words: HashMap::default(),
            word_names: Vec::new(),
            stem_numbers: HashMap::default(),
            stems: Vec::new(),
            word_places: Vec::new(),
            stem_places: Vec::new(),
            used_words: Vec::new(),
            used_stems: Vec::new(),
            remembered_words,
        }
    }

    /// Numbers `folded`, met for the first time since the analyser last started over.
    fn learn(&mut self, folded: &str) -> (u32, u32) {
        let stem = self.stemmer.stem(folded);
        let stem_number = match self.stem_numbers.get(&*stem) {
            Some(&number) => number,
            None => {
                let number = self.stems.len() as u32;
                let stem: Arc<str> = Arc::from(&*stem);
                self.stems.push(Arc::clone(&stem));
                self.stem_numbers.insert(stem, number);
                self.stem_places.push(0);
                number
            }
        };
        let numbers = (self.word_names.len() as u32, stem_number);
        let word: Arc<str> = Arc::from(folded);
        self.word_names.push(Arc::clone(&word));
        self.word_places.push(0);
        match ShortWord::new(folded) {
            Some(short) => self.short_words.insert(short, numbers),
            None => self.long_words.insert(word, numbers),
        };
        numbers
    }

    /// Counts the words of `title` and of `body`, whose pieces are read as if joined by spaces.
    pub fn analyse(&mut self, title: &str, body: &[&str]) -> AnalysedDocument {
        if self.word_names.len() >= self.remembered_words {
            *self = Self::remembering(self.remembered_words);
        }
        let mut document = AnalysedDocument {
            lengths: (0, 0),
            stems: Vec::new(),
            words: Vec::new(),
        };
        let mut folded = String::new();
        let pieces = std::iter::once((title, true)).chain(body.iter().map(|piece| (*piece, false)));
        for (text, in_title) in pieces {
            for (_, word) in words(text) {
                let numbers = self.numbers(word, &mut folded);
                self.count(&mut document, numbers, in_title);
            }
        }
        for word_number in self.used_words.drain(..) {
            self.word_places[word_number as usize] = 0;
        }
        for stem_number in self.used_stems.drain(..) {
            self.stem_places[stem_number as usize] = 0;
        }
        document
    }

    /// The word number and stem number of `word`, learnt if it is new; `folded` is room to
    /// fold it in, kept from word to word.
    #[inline]
    fn numbers(&mut self, word: &str, folded: &mut String) -> (u32, u32) {
        let known =
            ShortWord::fold_ascii(word).and_then(|short| self.short_words.get(&short).copied());
        if let Some(numbers) = known {
            return numbers;
        }
        folded.clear();
        fold_into(word, folded);
        let known = match ShortWord::new(folded) {
            Some(short) => self.short_words.get(&short),
            None => self.long_words.get(folded.as_str()),
        };
        match known {
            Some(&numbers) => numbers,
            None => self.learn(folded),
        }
    }

    /// Counts one use of the word numbered `word_number` (with its stem, `stem_number`) in
    /// `document`, in its title or its body, listing the word and the stem at their first use.
    #[inline]
    fn count(
        &mut self,
        document: &mut AnalysedDocument,
        (word_number, stem_number): (u32, u32),
        in_title: bool,
    ) {
        let Self {
            word_names,
            stems,
            word_places,
            stem_places,
            used_words,
            used_stems,
            ..
        } = self;
        let stem_place = match stem_places[stem_number as usize] {
            0 => {
                document
                    .stems
                    .push((Arc::clone(&stems[stem_number as usize]), 0, 0));
                stem_places[stem_number as usize] = document.stems.len() as u32;
                used_stems.push(stem_number);
                document.stems.len() - 1
            }
            place => place as usize - 1,
        };
        let word_place = match word_places[word_number as usize] {
            0 => {
                document
                    .words
                    .push((Arc::clone(&word_names[word_number as usize]), stem_place, 0));
                word_places[word_number as usize] = document.words.len() as u32;
                used_words.push(word_number);
                document.words.len() - 1
            }
            place => place as usize - 1,
        };
        document.words[word_place].2 += 1;
        let (_, title_count, body_count) = &mut document.stems[stem_place];
        if in_title {
            *title_count += 1;
            document.lengths.0 += 1;
        } else {
            *body_count += 1;
            document.lengths.1 += 1;
        }
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
        for (word, stem_slot, uses) in document.words {
            match self.words.get_mut(&*word) {
                Some(entry) => entry.1 = entry.1.saturating_add(uses),
                None => {
                    let stem = Arc::clone(&document.stems[stem_slot].0);
                    self.words.insert(word, (stem, uses));
                }
            }
        }
        for (stem, title_count, body_count) in document.stems {
            let clamp = |count: u32| u16::try_from(count).unwrap_or(u16::MAX);
            let occurrences = Occurrences {
                doc,
                title_count: clamp(title_count),
                body_count: clamp(body_count),
            };
            match self.postings.get_mut(&*stem) {
                Some(list) => list.push(occurrences),
                None => {
                    self.postings.insert(stem, vec![occurrences]);
                }
            }
        }
    }

    /// The index files: the postings shards and the dictionary that leads to them.
    pub fn finish(self) -> IndexFiles {
        let Self {
            field_lengths,
            postings,
            words,
        } = self;
        let postings: BTreeMap<Arc<str>, Vec<Occurrences>> = postings.into_iter().collect();
        let words: BTreeMap<Arc<str>, (Arc<str>, u32)> = words.into_iter().collect();
        let stem_ids: HashMap<&str, u32> = postings
            .keys()
            .enumerate()
            .map(|(id, stem)| (&**stem, id as u32))
            .collect();
        let (shards, shard_starts) = postings_shards(&postings, &field_lengths);
        let mut writer = Writer::new(FileKind::Dictionary);
        writer.uint(field_lengths.len() as u64);
        writer.uint(shard_starts.len() as u64);
        for start in &shard_starts {
            writer.uint(u64::from(*start));
        }
        writer.blob(&word_map(&words, &stem_ids));
        writer.blob(&stem_map(&postings, &stem_ids));
        IndexFiles {
            dictionary: writer.bytes,
            shards,
        }
    }
}

/// Every stem's postings, scored and in shards of about [`SHARD_TARGET_BYTES`], and the id of
/// the first stem of each shard.
fn postings_shards(
    postings: &BTreeMap<Arc<str>, Vec<Occurrences>>,
    field_lengths: &[(u32, u32)],
) -> (Vec<Vec<u8>>, Vec<u32>) {
    let bm25 = Bm25::new(field_lengths);
    let score = |list: &[Occurrences], occurrences: &Occurrences| {
        bm25.score(
            bm25.idf(list.len()),
            occurrences,
            field_lengths[occurrences.doc as usize],
        )
    };
    let best = postings
        .values()
        .flat_map(|list| list.iter().map(|occurrences| score(list, occurrences)))
        .fold(f64::MIN_POSITIVE, f64::max);

    let mut shards = Vec::new();
    let mut shard_starts = Vec::new();
    let mut shard = ShardWriter::default();
    for (id, list) in postings.values().enumerate() {
        if shard.is_empty() {
            shard_starts.push(id as u32);
        }
        shard.push(list.iter().map(|occurrences| Posting {
            doc: occurrences.doc,
            in_title: occurrences.title_count > 0,
            impact: quantise(score(list, occurrences), best),
        }));
        if shard.len() >= SHARD_TARGET_BYTES {
            shards.push(std::mem::take(&mut shard).finish(shard_starts[shards.len()]));
        }
    }
    if !shard.is_empty() {
        shards.push(shard.finish(shard_starts[shards.len()]));
    }
    (shards, shard_starts)
}

/// The dictionary's map of stems to their ids and document frequencies, as `fst` bytes.
fn stem_map(
    postings: &BTreeMap<Arc<str>, Vec<Occurrences>>,
    stem_ids: &HashMap<&str, u32>,
) -> Vec<u8> {
    let mut stems = MapBuilder::memory();
    for (stem, list) in postings {
        let entry = StemEntry {
            id: stem_ids[&**stem],
            documents: list.len() as u32,
        };
        stems
            .insert(stem.as_bytes(), entry.pack())
            .expect("BTreeMap keys are sorted and unique");
    }
    stems.into_inner().expect("writing to memory cannot fail")
}

/// The dictionary's map of folded words to their stems' ids and their uses, as `fst` bytes.
fn word_map(words: &BTreeMap<Arc<str>, (Arc<str>, u32)>, stem_ids: &HashMap<&str, u32>) -> Vec<u8> {
    let mut word_map = MapBuilder::memory();
    for (word, (stem, uses)) in words {
        let entry = WordEntry {
            stem: stem_ids[&**stem],
            uses: *uses,
        };
        word_map
            .insert(word.as_bytes(), entry.pack())
            .expect("BTreeMap keys are sorted and unique");
    }
    word_map
        .into_inner()
        .expect("writing to memory cannot fail")
}

/// One postings shard being written. Its lists are stored column by column (every list's
/// length, then every document gap, then every impact byte) because like values side by side
/// compress far better than interleaved ones.
#[derive(Default)]
struct ShardWriter {
    stems: u32,
    lengths: Writer,
    gaps: Writer,
    impacts: Vec<u8>,
}

impl ShardWriter {
    fn is_empty(&self) -> bool {
        self.stems == 0
    }

    fn len(&self) -> usize {
        self.lengths.bytes.len() + self.gaps.bytes.len() + self.impacts.len()
    }

    fn push(&mut self, list: impl ExactSizeIterator<Item = Posting>) {
        self.stems += 1;
        self.lengths.uint(list.len() as u64);
        let mut previous = 0;
        for posting in list {
            self.gaps.uint(u64::from(posting.doc - previous));
            self.impacts
                .push(posting.impact << 1 | u8::from(posting.in_title));
            previous = posting.doc;
        }
    }

    fn finish(self, first_stem: u32) -> Vec<u8> {
        let mut writer = Writer::new(FileKind::Postings);
        writer.uint(u64::from(first_stem));
        writer.uint(u64::from(self.stems));
        writer.bytes.extend_from_slice(&self.lengths.bytes);
        writer.bytes.extend_from_slice(&self.gaps.bytes);
        writer.bytes.extend_from_slice(&self.impacts);
        writer.bytes
    }
}

/// The dictionary, decoded: enough to plan a query and to score what the shards return.
pub struct Dictionary {
    documents: usize,
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
        let documents = reader.u32()? as usize;
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
        Ok(Self {
            documents,
            shard_starts,
            words,
            stems,
        })
    }

    pub fn document_count(&self) -> usize {
        self.documents
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
        let mut lengths = Vec::with_capacity(stems);
        let mut postings = 0usize;
        for _ in 0..stems {
            let length = reader.count()?;
            postings = postings.saturating_add(length);
            lengths.push(length);
        }
        // Every posting takes a gap byte and an impact byte at least: refuse lengths the file
        // cannot hold before allocating for them.
        if postings > reader.remaining() / 2 {
            return Err(DecodeError::Malformed(
                "search index: more postings than the file holds".to_owned(),
            ));
        }
        let mut lists: Vec<Vec<Posting>> = lengths
            .into_iter()
            .map(|length| vec![Posting::default(); length])
            .collect();
        for list in &mut lists {
            let mut doc = 0u32;
            for posting in list.iter_mut() {
                doc = doc.checked_add(reader.u32()?).ok_or_else(|| {
                    DecodeError::Malformed("search index: document id overflows".to_owned())
                })?;
                posting.doc = doc;
            }
        }
        for list in &mut lists {
            for posting in list.iter_mut() {
                let byte = reader.byte()?;
                posting.in_title = byte & 1 == 1;
                posting.impact = byte >> 1;
                if posting.impact == 0 {
                    return Err(DecodeError::Malformed(
                        "search index: a posting without an impact".to_owned(),
                    ));
                }
            }
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
        let docs: Vec<(u32, bool)> = postings.iter().map(|p| (p.doc, p.in_title)).collect();
        assert_eq!(docs, [(0, true), (1, false)]);
        assert!(postings[0].impact > postings[1].impact, "{postings:?}");
        // The best score in the corpus: a word of one document only, in its title and body.
        let deploy = dictionary.stem("deploy").unwrap();
        let deploy = shards[dictionary.shard_of(deploy.id)]
            .postings(deploy.id)
            .unwrap();
        assert_eq!(
            deploy,
            [Posting {
                doc: 1,
                in_title: true,
                impact: MAX_IMPACT
            }]
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
    fn an_analyser_that_remembers_stems_indexes_like_fresh_ones() {
        let corpus = [
            (
                "Caching at the edge",
                "Caches cached; caching the café's CAFÉ menu.",
            ),
            (
                "Deploying caches",
                "Deployments deploy cached pages and cafe menus.",
            ),
        ];
        let mut analyser = Analyser::default();
        let mut remembering = IndexBuilder::default();
        let mut fresh = IndexBuilder::default();
        for (title, body) in corpus {
            remembering.push(analyser.analyse(title, &[body]));
            fresh.add(title, body);
        }
        let (remembering, fresh) = (remembering.finish(), fresh.finish());
        assert_eq!(remembering.dictionary, fresh.dictionary);
        assert_eq!(remembering.shards, fresh.shards);
    }

    proptest::proptest! {
        /// One analyser for the whole corpus, starting over every few words, and a body given
        /// in pieces index exactly as a fresh analyser per document over the joined text.
        #[test]
        fn a_reused_analyser_indexes_like_fresh_ones(
            corpus in proptest::collection::vec(
                (
                    "[a-zA-Z0-9 éÉ]{0,24}",
                    proptest::collection::vec("[a-zA-Z0-9 .,éÉßø東京\\-]{0,40}", 0..4),
                ),
                0..8,
            ),
            remembered_words in 1usize..12,
        ) {
            let mut analyser = Analyser::remembering(remembered_words);
            let mut reused = IndexBuilder::default();
            let mut fresh = IndexBuilder::default();
            for (title, pieces) in &corpus {
                let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
                reused.push(analyser.analyse(title, &pieces));
                fresh.add(title, &pieces.join(" "));
            }
            let (reused, fresh) = (reused.finish(), fresh.finish());
            proptest::prop_assert_eq!(reused.dictionary, fresh.dictionary);
            proptest::prop_assert_eq!(reused.shards, fresh.shards);
        }
    }

    proptest::proptest! {
        /// An ASCII word's key, made as it is read, is the key of the word folded.
        #[test]
        fn an_ascii_word_keys_as_its_folded_form(word in "[ -~]{0,30}|\\PC{0,8}") {
            if let Some(key) = ShortWord::fold_ascii(&word) {
                proptest::prop_assert!(word.is_ascii());
                proptest::prop_assert!(key == ShortWord::new(&crate::search::tokens::fold(&word)).unwrap());
            } else {
                proptest::prop_assert!(!word.is_ascii() || word.len() > ShortWord::MAX);
            }
        }

        /// Two words share a key only when they are the same word; longer words have none.
        #[test]
        fn a_short_word_is_a_key_of_its_own(first in "\\PC{0,14}", second in "\\PC{0,14}") {
            let (first_key, second_key) = (ShortWord::new(&first), ShortWord::new(&second));
            proptest::prop_assert_eq!(first_key.is_none(), first.len() > ShortWord::MAX);
            proptest::prop_assert_eq!(second_key.is_none(), second.len() > ShortWord::MAX);
            if let (Some(first_key), Some(second_key)) = (first_key, second_key) {
                proptest::prop_assert_eq!(first_key == second_key, first == second);
            }
        }
    }

    #[test]
    fn words_either_side_of_the_short_length_are_counted_apart() {
        let at_most = "a".repeat(ShortWord::MAX);
        let over = "a".repeat(ShortWord::MAX + 1);
        let long = "a".repeat(ShortWord::MAX + 9);
        let body = format!("{at_most} {over} {long} {at_most} {long} {at_most}");
        let document = Analyser::default().analyse("", &[&body]);
        let mut uses: Vec<(usize, u32)> = document
            .words
            .iter()
            .map(|(word, _, uses)| (word.len(), *uses))
            .collect();
        uses.sort();
        assert_eq!(
            uses,
            [
                (ShortWord::MAX, 3),
                (ShortWord::MAX + 1, 1),
                (ShortWord::MAX + 9, 2)
            ]
        );
    }

    #[test]
    fn an_empty_corpus_has_a_valid_index() {
        let files = IndexBuilder::default().finish();
        let dictionary = Dictionary::decode(&files.dictionary).unwrap();
        assert_eq!(dictionary.document_count(), 0);
        assert!(files.shards.is_empty());
    }

    #[test]
    fn lengths_the_shard_cannot_hold_are_refused_before_allocating() {
        let mut writer = Writer::new(FileKind::Postings);
        writer.uint(0);
        writer.uint(4);
        // Each length alone fits in what follows; together they promise far more postings.
        for _ in 0..4 {
            writer.uint(20);
        }
        writer.bytes.extend_from_slice(&[1; 40]);
        let error = PostingsShard::decode(&writer.bytes).unwrap_err();
        assert!(error.to_string().contains("more postings"), "{error}");
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
