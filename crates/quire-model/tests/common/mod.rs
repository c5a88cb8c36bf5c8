//! The search index as the app holds it, built from a corpus and decoded from its files, for
//! the integration tests that search it.

use quire_model::search::{Dictionary, IndexBuilder, PostingsShard};

pub struct DecodedIndex {
    pub dictionary: Dictionary,
    pub shards: Vec<PostingsShard>,
}

impl DecodedIndex {
    /// Indexes `(title, body)` pairs; ids are positions, as in the listing.
    pub fn build<T: AsRef<str>>(documents: impl IntoIterator<Item = (T, T)>) -> Self {
        let mut builder = IndexBuilder::default();
        for (title, body) in documents {
            builder.add(title.as_ref(), body.as_ref());
        }
        let files = builder.finish();
        Self {
            dictionary: Dictionary::decode(&files.dictionary).unwrap(),
            shards: files
                .shards
                .iter()
                .map(|bytes| PostingsShard::decode(bytes).unwrap())
                .collect(),
        }
    }

    /// The ids of the documents matching `query`, best first.
    pub fn search(&self, query: &str) -> Vec<u32> {
        let plan = self.dictionary.plan(query);
        self.dictionary
            .rank(&plan, |stem| {
                self.shards[self.dictionary.shard_of(stem)].postings(stem)
            })
            .into_iter()
            .map(|hit| hit.doc)
            .collect()
    }
}
