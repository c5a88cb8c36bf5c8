//! Related articles: shared tags weigh most, a shared category less; ties go to the newer article,
//! so the choice is deterministic.

use std::collections::HashMap;

use quire_model::ArticleSummary;
use rayon::prelude::*;

const TAG_WEIGHT: u32 = 2;
const CATEGORY_WEIGHT: u32 = 1;

/// For each article of a listing sorted newest first, the indices of up to `count` related ones.
/// Articles sharing nothing are never related; an article short of tag matches is topped up with
/// its category's nearest neighbours in the listing.
pub fn related_indices(articles: &[ArticleSummary], count: usize) -> Vec<Vec<usize>> {
    let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_category: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        for tag in &article.tags {
            by_tag.entry(tag.as_str()).or_default().push(index);
        }
        by_category
            .entry(article.category.as_str())
            .or_default()
            .push(index);
    }

    // Scores live in one array per worker (rayon's `map_init`), indexed by article, and only the
    // entries an article touched are reset: a popular tag makes thousands of candidates, and hashing them or
    // sorting them all was most of this step's time at 10,000 articles.
    let fresh_scores = || (vec![0u32; articles.len()], Vec::new());
    (0..articles.len())
        .into_par_iter()
        .map_init(fresh_scores, |(scores, touched), index| {
            let article = &articles[index];
            for tag in &article.tags {
                for &other in &by_tag[tag.as_str()] {
                    if other != index {
                        if scores[other] == 0 {
                            touched.push(other);
                        }
                        scores[other] += TAG_WEIGHT;
                    }
                }
            }
            // Best first: higher score, then the newer article (the lower index).
            let mut best: Vec<(u32, usize)> = Vec::with_capacity(count + 1);
            for &other in touched.iter() {
                let mut score = std::mem::take(&mut scores[other]);
                if articles[other].category == article.category {
                    score += CATEGORY_WEIGHT;
                }
                let rank = (std::cmp::Reverse(score), other);
                let position = best.partition_point(|&(s, o)| (std::cmp::Reverse(s), o) < rank);
                if position < count {
                    best.insert(position, (score, other));
                    best.truncate(count);
                }
            }
            touched.clear();
            let mut chosen: Vec<usize> = Vec::with_capacity(count);
            chosen.extend(best.iter().map(|&(_, other)| other));
            if chosen.len() < count {
                top_up_from_category(
                    &by_category[article.category.as_str()],
                    index,
                    count,
                    &mut chosen,
                );
            }
            chosen
        })
        .collect()
}

/// Fills `chosen` up to `count` with the articles of the same category nearest in the listing,
/// the newer first at equal distance.
fn top_up_from_category(
    same_category: &[usize],
    index: usize,
    count: usize,
    chosen: &mut Vec<usize>,
) {
    let position = same_category.binary_search(&index).unwrap_or(0);
    let (mut newer, mut older) = (position, position + 1);
    while chosen.len() < count && (newer > 0 || older < same_category.len()) {
        let distance_newer = (newer > 0).then(|| position - (newer - 1));
        let distance_older = (older < same_category.len()).then(|| older - position);
        let take_newer = match (distance_newer, distance_older) {
            (Some(newer), Some(older)) => newer <= older,
            (newer, _) => newer.is_some(),
        };
        let candidate = if take_newer {
            newer -= 1;
            same_category[newer]
        } else {
            older += 1;
            same_category[older - 1]
        };
        if candidate != index && !chosen.contains(&candidate) {
            chosen.push(candidate);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::Date;

    fn article(slug: &str, day: u8, category: &str, tags: &[&str]) -> ArticleSummary {
        ArticleSummary {
            slug: slug.into(),
            title: slug.into(),
            summary: String::new(),
            date: Date::new(2026, 1, day).unwrap(),
            updated: None,
            category: category.into(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            reading_minutes: 1,
            word_count: 1,
            featured: false,
        }
    }

    fn related_slugs(articles: &[ArticleSummary], count: usize) -> Vec<Vec<&str>> {
        related_indices(articles, count)
            .into_iter()
            .map(|indices| {
                indices
                    .into_iter()
                    .map(|i| articles[i].slug.as_str())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn ranks_shared_tags_above_a_shared_category_and_breaks_ties_by_recency() {
        // Newest first, as the listing is.
        let articles = vec![
            article("a", 9, "ops", &["k8s", "cost"]),
            article("b", 8, "dev", &["k8s", "cost"]),
            article("c", 7, "ops", &["k8s"]),
            article("d", 6, "ops", &[]),
            article("e", 5, "dev", &["cost"]),
            article("f", 4, "ai", &[]),
        ];
        let related = related_slugs(&articles, 3);
        assert_eq!(
            related[0],
            ["b", "c", "e"],
            "b: 2 tags; c: tag + category; e: 1 tag"
        );
        assert_eq!(
            related[3],
            ["c", "a"],
            "no tags: the category's nearest neighbours"
        );
        assert_eq!(
            related[5],
            Vec::<&str>::new(),
            "nothing shared, nothing related"
        );
        assert_eq!(related_slugs(&articles, 1)[1], ["a"]);
    }

    #[test]
    fn is_deterministic() {
        let articles: Vec<_> = (1..=28)
            .map(|day| {
                article(
                    &format!("a{day}"),
                    day,
                    if day % 2 == 0 { "x" } else { "y" },
                    &["t"],
                )
            })
            .collect();
        assert_eq!(related_indices(&articles, 4), related_indices(&articles, 4));
    }

    /// The definition, computed the slow way: every other article scored, sorted by score then
    /// recency; then the category's nearest neighbours by distance in the listing.
    fn related_by_definition(articles: &[ArticleSummary], count: usize) -> Vec<Vec<usize>> {
        let same_category: Vec<Vec<usize>> = articles
            .iter()
            .map(|a| {
                (0..articles.len())
                    .filter(|&i| articles[i].category == a.category)
                    .collect()
            })
            .collect();
        (0..articles.len())
            .map(|index| {
                let article = &articles[index];
                let mut ranked: Vec<(u32, usize)> = (0..articles.len())
                    .filter(|&other| other != index)
                    .filter_map(|other| {
                        let shared = articles[other]
                            .tags
                            .iter()
                            .filter(|tag| article.tags.contains(tag))
                            .count() as u32;
                        let category = u32::from(articles[other].category == article.category);
                        (shared > 0)
                            .then_some((shared * TAG_WEIGHT + category * CATEGORY_WEIGHT, other))
                    })
                    .collect();
                ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                let mut chosen: Vec<usize> = ranked.iter().take(count).map(|r| r.1).collect();
                let neighbours = &same_category[index];
                let position = neighbours.iter().position(|&i| i == index).unwrap();
                let mut nearest: Vec<usize> = neighbours
                    .iter()
                    .copied()
                    .filter(|other| *other != index && !chosen.contains(other))
                    .collect();
                nearest.sort_by_key(|other| {
                    let at = neighbours.iter().position(|i| i == other).unwrap();
                    (at.abs_diff(position), *other)
                });
                let missing = count - chosen.len().min(count);
                chosen.extend(nearest.into_iter().take(missing));
                chosen
            })
            .collect()
    }

    #[test]
    fn matches_the_definition_on_a_varied_listing() {
        let tags = ["a", "b", "c", "d", "e", "f", "g"];
        let categories = ["x", "y", "z"];
        let mut seed = 0x2545_f491u32;
        let mut next = move |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize % bound
        };
        let articles: Vec<ArticleSummary> = (0..300)
            .map(|i| {
                let tag_count = next(4);
                let chosen: Vec<&str> = (0..tag_count).map(|_| tags[next(tags.len())]).collect();
                let mut unique: Vec<&str> = Vec::new();
                for tag in chosen {
                    if !unique.contains(&tag) {
                        unique.push(tag);
                    }
                }
                article(&format!("a{i}"), 1, categories[next(3)], &unique)
            })
            .collect();
        for count in [1, 3, 5] {
            assert_eq!(
                related_indices(&articles, count),
                related_by_definition(&articles, count),
                "count {count}"
            );
        }
    }
}
