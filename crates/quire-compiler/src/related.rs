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

    (0..articles.len())
        .into_par_iter()
        .map(|index| {
            let article = &articles[index];
            let mut scores: HashMap<usize, u32> = HashMap::new();
            for tag in &article.tags {
                for &other in &by_tag[tag.as_str()] {
                    if other != index {
                        *scores.entry(other).or_default() += TAG_WEIGHT;
                    }
                }
            }
            for (other, score) in &mut scores {
                if articles[*other].category == article.category {
                    *score += CATEGORY_WEIGHT;
                }
            }
            let mut ranked: Vec<(usize, u32)> = scores.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            // Not `ranked.into_iter()...collect()`: that collects in place and every article
            // would keep `ranked`'s whole allocation (240 MB at 10,000 articles).
            let mut chosen: Vec<usize> = Vec::with_capacity(count);
            chosen.extend(ranked.iter().take(count).map(|&(other, _)| other));
            if chosen.len() < count {
                let same_category = &by_category[article.category.as_str()];
                let position = same_category.binary_search(&index).unwrap_or(0);
                let mut nearest: Vec<usize> = same_category
                    .iter()
                    .copied()
                    .filter(|other| *other != index && !chosen.contains(other))
                    .collect();
                nearest.sort_by_key(|other| {
                    let other_position = same_category.binary_search(other).unwrap_or(0);
                    (other_position.abs_diff(position), *other)
                });
                chosen.extend(nearest.into_iter().take(count - chosen.len()));
            }
            chosen
        })
        .collect()
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
}
