//! The first page of each category's and tag's listing, so those pages need no shard.

use std::collections::{BTreeMap, HashMap};

use quire_model::query::{FilterChoice, FilterChoices, ListingQuery, taxonomy_counts};
use quire_model::{
    ArticleSummary, CategoryInfo, FIRST_PAGE_LENGTH, FirstPage, SCHEMA_VERSION, TagInfo,
};
use rayon::prelude::*;

use super::layout::in_hashed_folder;
use crate::write::staging::OutputFile;

/// Every category's and every tag's [`FirstPage`], and the folder they are in: named by a hash
/// of them all, so that the manifest names it once however many tags there are.
pub(crate) fn first_pages(
    categories: &[CategoryInfo],
    tags: &[TagInfo],
    summaries: &[ArticleSummary],
) -> (String, Vec<OutputFile>) {
    let (in_category, with_tag) = listing_members(categories, tags, summaries);
    // A category's listing chooses that category alone: each category counts what it would
    // show chosen instead, which is its count over every article.
    let (every_category, _) = taxonomy_counts(summaries);
    let mut pages: Vec<(String, Vec<u8>)> = categories
        .par_iter()
        .zip(&in_category)
        .map(|(category, members)| {
            let query = ListingQuery {
                categories: vec![category.slug.clone()],
                ..ListingQuery::default()
            };
            let (_, tag_counts) = taxonomy_counts(members.iter().copied());
            let counts = (every_category.clone(), tag_counts);
            (
                format!("category/{}.json", category.slug),
                first_page(members, &query, (categories, tags), counts),
            )
        })
        .collect();
    pages.par_extend(tags.par_iter().zip(&with_tag).map(|(tag, members)| {
        let query = ListingQuery {
            tags: vec![tag.slug.clone()],
            ..ListingQuery::default()
        };
        let counts = taxonomy_counts(members.iter().copied());
        (
            format!("tag/{}.json", tag.slug),
            first_page(members, &query, (categories, tags), counts),
        )
    }));
    in_hashed_folder("first-pages", pages)
}

/// Each category's and each tag's articles, newest first (as `summaries` are), in the order of
/// `categories` and `tags`.
fn listing_members<'s>(
    categories: &[CategoryInfo],
    tags: &[TagInfo],
    summaries: &'s [ArticleSummary],
) -> (Vec<Vec<&'s ArticleSummary>>, Vec<Vec<&'s ArticleSummary>>) {
    let category_index: HashMap<&str, usize> = categories
        .iter()
        .enumerate()
        .map(|(index, category)| (category.slug.as_str(), index))
        .collect();
    let tag_index: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(index, tag)| (tag.slug.as_str(), index))
        .collect();
    let mut in_category: Vec<Vec<&ArticleSummary>> = vec![Vec::new(); categories.len()];
    let mut with_tag: Vec<Vec<&ArticleSummary>> = vec![Vec::new(); tags.len()];
    for article in summaries {
        if let Some(&index) = article
            .category
            .as_deref()
            .and_then(|category| category_index.get(category))
        {
            in_category[index].push(article);
        }
        for tag in &article.tags {
            if let Some(&index) = tag_index.get(tag.as_str()) {
                with_tag[index].push(article);
            }
        }
    }
    (in_category, with_tag)
}

/// Counts by category and by tag slug.
type Counts<'a> = (HashMap<&'a str, usize>, HashMap<&'a str, usize>);

/// The JSON of the first page of the listing of `members` that `query` shows, with the counts
/// its filter bar shows.
fn first_page(
    members: &[&ArticleSummary],
    query: &ListingQuery,
    (categories, tags): (&[CategoryInfo], &[TagInfo]),
    (category_counts, tag_counts): Counts<'_>,
) -> Vec<u8> {
    // Only the counts the filter bar offers: a first page stays small at any number of tags,
    // and the app's `FilterChoices` over these picks the same choices as over all of them.
    let choices = FilterChoices::new(categories, tags, query, &category_counts, &tag_counts);
    let offered = |choices: Vec<FilterChoice>| -> BTreeMap<String, usize> {
        choices
            .into_iter()
            .filter(|choice| choice.count > 0)
            .map(|choice| (choice.slug, choice.count))
            .collect()
    };
    let page = FirstPage {
        schema_version: SCHEMA_VERSION,
        articles: members
            .iter()
            .take(FIRST_PAGE_LENGTH)
            .map(|article| (*article).clone())
            .collect(),
        count: members.len(),
        category_counts: offered(choices.categories),
        tag_counts: offered(choices.tags),
    };
    serde_json::to_vec(&page).expect("bundle types always serialise")
}
