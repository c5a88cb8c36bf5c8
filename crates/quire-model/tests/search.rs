//! Search behaviour on a fixed corpus: exact result order for a set of queries, prefixes, typos,
//! stemming, folding, highlighting and suggestions.

mod common;

use common::DecodedIndex;
use quire_model::search::{Highlighter, Segment};

/// (title, body): ids are positions, as in the listing.
const CORPUS: &[(&str, &str)] = &[
    /* 0 */
    (
        "Caching strategies for busy APIs",
        "We put a cache in front of the origin and measured hit ratios for a month.",
    ),
    /* 1 */
    (
        "Running Kubernetes on a budget",
        "Node pools, autoscaling and the cost of idle capacity in a Kubernetes cluster.",
    ),
    /* 2 */
    (
        "What the incident taught us",
        "A stale cache entry served old prices. Cache invalidation was the root cause, and caching \
         rules changed afterwards. The cache now expires on every deploy.",
    ),
    /* 3 */
    (
        "Deploying on Fridays",
        "Deployments are boring when rollbacks are fast. We deploy forty times a week.",
    ),
    /* 4 */
    (
        "Café culture and remote teams",
        "The café near the office became a meeting room. Remote work changed how we meet.",
    ),
    /* 5 */
    (
        "Observability without the noise",
        "Tracing, metrics and logs: a Kubernetes operator that samples traces by latency.",
    ),
    /* 6 */
    (
        "Edge caching at scale",
        "Edge nodes keep a cache per region; the origin sees a fraction of requests.",
    ),
    /* 7 */
    (
        "Postgres migrations without downtime",
        "Expand, migrate, contract: the three steps of a schema change that never locks a table.",
    ),
];

fn fixture() -> DecodedIndex {
    DecodedIndex::build(CORPUS.iter().copied())
}

#[test]
fn results_come_in_the_expected_order() {
    let fixture = fixture();
    for (query, expected) in [
        // Title matches first (the shorter title ahead), then the body match.
        ("cache", vec![6, 0, 2]),
        ("caching", vec![6, 0, 2]),
        ("kubernetes", vec![1, 5]),
        ("edge cache", vec![6]),
        ("deploy", vec![3, 2]),
        ("origin", vec![6, 0]),
        ("remote", vec![4]),
        ("migrations downtime", vec![7]),
        // Titles first; then the body that says it twice. A word every document has scores
        // next to nothing, so the index's impacts cannot tell the other bodies apart: newest first.
        ("the", vec![2, 5, 4, 0, 1, 6, 7]),
    ] {
        assert_eq!(fixture.search(query), expected, "query {query:?}");
    }
}

#[test]
fn every_word_must_match() {
    let fixture = fixture();
    assert_eq!(fixture.search("kubernetes latency"), [5]);
    assert_eq!(fixture.search("kubernetes postgres"), Vec::<u32>::new());
}

#[test]
fn prefixes_match_while_typing() {
    let fixture = fixture();
    assert_eq!(fixture.search("kube"), [1, 5]);
    assert_eq!(fixture.search("obs"), [5]);
    assert_eq!(fixture.search("postg"), [7]);
    // One letter is too little to expand: only the word itself.
    assert_eq!(fixture.search("k"), Vec::<u32>::new());
}

#[test]
fn case_and_accents_fold() {
    let fixture = fixture();
    assert_eq!(fixture.search("CAFE"), [4]);
    assert_eq!(fixture.search("café"), [4]);
    assert_eq!(fixture.search("Kubernetes"), fixture.search("kubernetes"));
}

#[test]
fn stemming_joins_word_forms() {
    let fixture = fixture();
    assert_eq!(fixture.search("deployments"), fixture.search("deploy"));
    assert_eq!(fixture.search("cached"), [6, 0, 2]);
    assert_eq!(fixture.search("migrate"), [7]);
}

#[test]
fn one_typo_is_forgiven_in_words_of_five_letters_or_more() {
    let fixture = fixture();
    assert_eq!(fixture.search("kubernetis"), [1, 5]);
    assert_eq!(
        fixture.search("postgrse"),
        Vec::<u32>::new(),
        "a swap is two edits"
    );
    assert_eq!(fixture.search("migrtions"), [7]);
    assert_eq!(fixture.search("tracng"), [5]);
    // Four letters: "cafe" with a typo is not stretched to other words.
    assert_eq!(fixture.search("cafx"), Vec::<u32>::new());
    // Two typos are too many.
    assert_eq!(fixture.search("kuberntis"), Vec::<u32>::new());
}

#[test]
fn exact_matches_outrank_typo_matches() {
    let index = DecodedIndex::build([
        ("Notes on latency", "budget"),
        ("Notes on latenty", "budget"),
    ]);
    assert_eq!(index.search("latency"), [0, 1]);
    assert_eq!(index.search("latenty"), [1, 0]);
}

#[test]
fn queries_without_words_find_nothing() {
    let fixture = fixture();
    assert!(fixture.dictionary.plan("  ?! — ").is_empty());
    assert_eq!(fixture.search(""), Vec::<u32>::new());
}

#[test]
fn a_query_only_fetches_the_shards_its_stems_live_in() {
    let index = DecodedIndex::build((0..10_000).map(|doc| {
        (
            format!("Entry {doc}"),
            format!("topic{} filler words", doc % 900),
        )
    }));
    assert!(index.shards.len() > 2);
    let plan = index.dictionary.plan("filler");
    assert_eq!(plan.shards(&index.dictionary).len(), 1);
}

#[test]
fn suggestions_name_the_nearest_words() {
    let fixture = fixture();
    assert_eq!(
        fixture
            .dictionary
            .suggest(&fixture.dictionary.plan("kubrnetis"), 3),
        ["kubernetes"]
    );
    let suggestions = fixture
        .dictionary
        .suggest(&fixture.dictionary.plan("remote tems"), 3);
    assert_eq!(
        suggestions[0], "remote teams",
        "only the word that matched nothing is replaced: {suggestions:?}"
    );
    assert!(
        fixture
            .dictionary
            .suggest(&fixture.dictionary.plan("zzzzzz"), 3)
            .is_empty()
    );
    assert!(
        fixture
            .dictionary
            .suggest(&fixture.dictionary.plan("cache"), 3)
            .is_empty()
    );
}

fn marked(segments: &[Segment]) -> Vec<&str> {
    segments
        .iter()
        .filter(|s| s.marked)
        .map(|s| s.text.as_str())
        .collect()
}

fn joined(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn titles_mark_every_form_of_a_matched_word() {
    let fixture = fixture();
    let highlighter = Highlighter::new(fixture.dictionary.plan("cache").stems());
    let title = "Caching the cache, cached";
    let segments = highlighter.highlight(title);
    assert_eq!(marked(&segments), ["Caching", "cache", "cached"]);
    assert_eq!(joined(&segments), title);
}

#[test]
fn snippets_show_the_densest_passage_with_ellipses() {
    let fixture = fixture();
    let highlighter = Highlighter::new(fixture.dictionary.plan("invalidation cause").stems());
    let text = CORPUS[2].1;
    let snippet = highlighter.snippet(text, 8);
    let passage = joined(&snippet);
    assert!(passage.starts_with("… "), "{passage}");
    assert!(passage.ends_with(" …"), "{passage}");
    assert_eq!(marked(&snippet), ["invalidation", "cause"]);
    // The whole text when it is short enough; its opening when nothing matches.
    let short = highlighter.snippet("Cause and effect.", 8);
    assert_eq!(joined(&short), "Cause and effect.");
    let opening = highlighter.snippet(CORPUS[0].1, 4);
    assert_eq!(joined(&opening), "We put a cache …");
    assert!(marked(&opening).is_empty());
}

#[test]
fn snippets_keep_words_and_punctuation_as_written() {
    let highlighter = Highlighter::new(["kubernet".to_owned()].into());
    let text = "Before  the\nKubernetes   upgrade, Kubernetes\u{a0}1.29 broke.";
    let snippet = highlighter.snippet(text, 50);
    assert_eq!(
        joined(&snippet),
        "Before the Kubernetes upgrade, Kubernetes 1.29 broke."
    );
    assert_eq!(marked(&snippet), ["Kubernetes", "Kubernetes"]);
}
