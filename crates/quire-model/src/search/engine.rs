//! Turning a query into ranked documents: each query word widens to the stems it may mean
//! (its own stem, words it begins, words one typo away), documents must match every word, and
//! matches are ranked title-first, then by BM25 (summed from the index's quantised impacts).

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use fst::automaton::{Levenshtein, Str};
use fst::{Automaton, IntoStreamer, Streamer};

use super::index::{Dictionary, Posting};
use super::tokens::{WordStemmer, tokens};

/// Query words this long or longer also match words one edit away.
pub const TYPO_MIN_CHARS: usize = 5;
/// Query words shorter than this are matched whole: a one-letter prefix matches everything.
pub const PREFIX_MIN_CHARS: usize = 2;
/// The most stems a single query word widens to, most common first.
pub const MAX_EXPANSIONS: usize = 32;
/// Query words beyond this are ignored; a pasted paragraph is not a query.
pub const MAX_QUERY_WORDS: usize = 12;

const EXACT_WEIGHT: f32 = 1.0;
const PREFIX_WEIGHT: f32 = 0.8;
const TYPO_WEIGHT: f32 = 0.5;

/// How a stem came to stand for a query word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    Exact,
    Prefix,
    Typo,
}

impl MatchKind {
    fn weight(self) -> f32 {
        match self {
            Self::Exact => EXACT_WEIGHT,
            Self::Prefix => PREFIX_WEIGHT,
            Self::Typo => TYPO_WEIGHT,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub stem_id: u32,
    pub stem: String,
    pub documents: u32,
    pub kind: MatchKind,
}

/// One word the reader typed and the stems it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedWord {
    pub folded: String,
    pub alternatives: Vec<Alternative>,
}

/// A query, resolved against the dictionary: which stems to fetch and how to weigh them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchPlan {
    pub words: Vec<PlannedWord>,
}

impl SearchPlan {
    /// Whether the query has no words at all (as opposed to words that match nothing).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The postings shards the query needs, each once.
    pub fn shards(&self, dictionary: &Dictionary) -> BTreeSet<usize> {
        self.words
            .iter()
            .flat_map(|word| &word.alternatives)
            .map(|alternative| dictionary.shard_of(alternative.stem_id))
            .collect()
    }

    /// Every stem the query may match, for marking words in titles and snippets.
    pub fn stems(&self) -> BTreeSet<String> {
        self.words
            .iter()
            .flat_map(|word| &word.alternatives)
            .map(|alternative| alternative.stem.clone())
            .collect()
    }
}

/// A document that matched every word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    /// How many query words it has in its title: ranks before the score.
    pub title_words: u32,
    pub score: f32,
}

impl Dictionary {
    pub fn plan(&self, query: &str) -> SearchPlan {
        let stemmer = WordStemmer::default();
        let mut words: Vec<PlannedWord> = Vec::new();
        for token in tokens(query).take(MAX_QUERY_WORDS) {
            if words.iter().any(|word| word.folded == token.folded) {
                continue;
            }
            let alternatives = self.alternatives(&stemmer, &token.folded);
            words.push(PlannedWord {
                folded: token.folded,
                alternatives,
            });
        }
        SearchPlan { words }
    }

    fn alternatives(&self, stemmer: &WordStemmer, word: &str) -> Vec<Alternative> {
        let mut found: HashMap<u32, Alternative> = HashMap::default();
        // The compiler stemmed every word with this same stemmer, so stemming a dictionary word
        // again names its stem exactly.
        let mut add = |stem: &str, kind: MatchKind| {
            let Some(entry) = self.stem(stem) else { return };
            found
                .entry(entry.id)
                .and_modify(|existing| existing.kind = existing.kind.min(kind))
                .or_insert_with(|| Alternative {
                    stem_id: entry.id,
                    stem: stem.to_owned(),
                    documents: entry.documents,
                    kind,
                });
        };
        add(&stemmer.stem(word), MatchKind::Exact);
        let length = word.chars().count();
        if length >= PREFIX_MIN_CHARS {
            for matched in self.most_used_words(Str::new(word).starts_with()) {
                add(&stemmer.stem(&matched), MatchKind::Prefix);
            }
        }
        if length >= TYPO_MIN_CHARS
            && let Ok(automaton) = Levenshtein::new(word, 1)
        {
            for matched in self.most_used_words(automaton) {
                add(&stemmer.stem(&matched), MatchKind::Typo);
            }
        }
        let mut alternatives: Vec<Alternative> = found.into_values().collect();
        crate::order::sort_by(&mut alternatives, |a, b| {
            a.kind
                .cmp(&b.kind)
                .then(b.documents.cmp(&a.documents))
                .then(a.stem.cmp(&b.stem))
        });
        alternatives.truncate(MAX_EXPANSIONS);
        alternatives
    }

    /// The most used words an automaton accepts, one per stem, most used first.
    fn most_used_words(&self, automaton: impl Automaton) -> Vec<String> {
        let mut matches: Vec<(String, u32, u32)> = Vec::new();
        let mut stream = self.words.search(automaton).into_stream();
        while let Some((word, value)) = stream.next() {
            let entry = Dictionary::word_entry(value);
            matches.push((
                String::from_utf8_lossy(word).into_owned(),
                entry.stem,
                entry.uses,
            ));
        }
        crate::order::sort_by(&mut matches, |a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut stems_seen: Vec<u32> = Vec::new();
        let mut words = Vec::new();
        for (word, stem, _) in matches {
            if !stems_seen.contains(&stem) {
                stems_seen.push(stem);
                words.push(word);
                if words.len() == MAX_EXPANSIONS {
                    break;
                }
            }
        }
        words
    }

    /// Documents matching every word of `plan`, best first. `postings` gives a stem's list, or
    /// `None` when its shard is not loaded (the stem then matches nothing).
    pub fn rank<'a>(
        &self,
        plan: &SearchPlan,
        postings: impl Fn(u32) -> Option<&'a [Posting]>,
    ) -> Vec<Hit> {
        if plan.words.is_empty() {
            return Vec::new();
        }
        let documents = self.document_count() as u32;
        let mut per_word: Vec<HashMap<u32, (f32, bool)>> = Vec::with_capacity(plan.words.len());
        for word in &plan.words {
            let mut scores: HashMap<u32, (f32, bool)> = HashMap::default();
            for alternative in &word.alternatives {
                let Some(list) = postings(alternative.stem_id) else {
                    continue;
                };
                let weight = alternative.kind.weight();
                for posting in list.iter().filter(|posting| posting.doc < documents) {
                    let score = weight * f32::from(posting.impact);
                    let entry = scores.entry(posting.doc).or_insert((0.0, false));
                    entry.0 = entry.0.max(score);
                    entry.1 |= posting.in_title;
                }
            }
            per_word.push(scores);
        }
        crate::order::sort_by_key(&mut per_word, HashMap::len);
        let (smallest, others) = per_word.split_first().expect("the plan has words");
        let mut hits: Vec<Hit> = smallest
            .iter()
            .filter_map(|(&doc, &(score, in_title))| {
                let mut hit = Hit {
                    doc,
                    title_words: u32::from(in_title),
                    score,
                };
                for other in others {
                    let &(score, in_title) = other.get(&doc)?;
                    hit.score += score;
                    hit.title_words += u32::from(in_title);
                }
                Some(hit)
            })
            .collect();
        crate::order::sort_by(&mut hits, |a, b| {
            b.title_words
                .cmp(&a.title_words)
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        });
        hits
    }

    /// Queries close to a planned one that found nothing: each word that matches nothing on its
    /// own is replaced by the most used words within two edits. Best first, at most `limit`.
    pub fn suggest(&self, plan: &SearchPlan, limit: usize) -> Vec<String> {
        let mut suggestions = Vec::new();
        for (index, word) in plan.words.iter().enumerate() {
            if !word.alternatives.is_empty() {
                continue;
            }
            for replacement in self.nearest_words(&word.folded, limit) {
                let mut words: Vec<&str> = plan.words.iter().map(|w| w.folded.as_str()).collect();
                words[index] = &replacement;
                suggestions.push(words.join(" "));
            }
        }
        suggestions.truncate(limit);
        suggestions
    }

    fn nearest_words(&self, word: &str, limit: usize) -> Vec<String> {
        let mut nearest: Vec<String> = Vec::new();
        let max_distance = if word.chars().count() >= 4 { 2 } else { 1 };
        for distance in 1..=max_distance {
            let Ok(automaton) = Levenshtein::new(word, distance) else {
                break;
            };
            let mut found: Vec<(u32, String)> = Vec::new();
            let mut stream = self.words.search(automaton).into_stream();
            while let Some((candidate, value)) = stream.next() {
                let candidate = String::from_utf8_lossy(candidate).into_owned();
                if !nearest.contains(&candidate) {
                    found.push((Dictionary::word_entry(value).uses, candidate));
                }
            }
            crate::order::sort_by(&mut found, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            nearest.extend(found.into_iter().map(|(_, word)| word));
            if nearest.len() >= limit {
                break;
            }
        }
        nearest.truncate(limit);
        nearest
    }
}
