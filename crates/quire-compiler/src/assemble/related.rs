//! Related articles: shared tags weigh most, a shared category less; ties go to the newer article,
//! so the choice is deterministic.

use std::collections::HashMap;

use quire_model::ArticleSummary;
use rayon::prelude::*;

const TAG_WEIGHT: u32 = 2;
const CATEGORY_WEIGHT: u32 = 1;
// `beating` reads a score as whole shared tags plus a category remainder.
const _: () = assert!(CATEGORY_WEIGHT < TAG_WEIGHT);

/// For each article of a listing sorted newest first, the indices of up to `count` related ones.
/// Articles sharing nothing are never related; an article short of tag matches is topped up with
/// its category's nearest neighbours in the listing.
pub(crate) fn related_indices(articles: &[ArticleSummary], count: usize) -> Vec<Vec<usize>> {
    let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_category: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        for tag in &article.tags {
            by_tag.entry(tag.as_str()).or_default().push(index);
        }
        if let Some(category) = &article.category {
            by_category
                .entry(category.as_str())
                .or_default()
                .push(index);
        }
    }
    let words = articles.len().div_ceil(64);
    // A list with at least one member per 64 articles is kept as bits; sparser ones are spread
    // into a scratch row per article, which costs no more than their length.
    let dense_tags = dense_rows(&by_tag, words);
    let dense_categories = dense_rows(&by_category, words);

    (0..articles.len())
        .into_par_iter()
        .map_init(
            || Scratch::new(words),
            |scratch, index| {
                let article = &articles[index];
                let mut chosen = scratch.best(
                    index,
                    count,
                    article
                        .tags
                        .iter()
                        .map(|tag| Row::of(tag, &dense_tags, &by_tag)),
                    // An article with no category shares none with any other.
                    article
                        .category
                        .as_deref()
                        .map_or(Row::Sparse(&[]), |category| {
                            Row::of(category, &dense_categories, &by_category)
                        }),
                );
                if let Some(category) = &article.category
                    && chosen.len() < count
                {
                    top_up_from_category(
                        &by_category[category.as_str()],
                        index,
                        count,
                        &mut chosen,
                    );
                }
                chosen
            },
        )
        .collect()
}

fn dense_rows<'a>(
    lists: &HashMap<&'a str, Vec<usize>>,
    words: usize,
) -> HashMap<&'a str, Vec<u64>> {
    lists
        .iter()
        .filter(|(_, members)| members.len() >= words)
        .map(|(&name, members)| (name, bits_of(members, words)))
        .collect()
}

fn bits_of(members: &[usize], words: usize) -> Vec<u64> {
    let mut bits = vec![0u64; words];
    set_bits(&mut bits, members);
    bits
}

fn set_bits(bits: &mut [u64], members: &[usize]) {
    for &member in members {
        bits[member / 64] |= 1 << (member % 64);
    }
}

/// A tag's or a category's articles: as bits, or as the sorted list they are spread from.
enum Row<'a> {
    Dense(&'a [u64]),
    Sparse(&'a [usize]),
}

impl<'a> Row<'a> {
    fn of(
        name: &str,
        dense: &'a HashMap<&str, Vec<u64>>,
        lists: &'a HashMap<&str, Vec<usize>>,
    ) -> Self {
        dense
            .get(name)
            .map_or_else(|| Row::Sparse(&lists[name]), |bits| Row::Dense(bits))
    }
}

/// One worker's rows for sparse lists, all zero between articles.
struct Scratch {
    words: usize,
    rows: Vec<Vec<u64>>,
}

impl Scratch {
    fn new(words: usize) -> Self {
        Self {
            words,
            rows: Vec::new(),
        }
    }

    /// The `count` best candidates for article `index`, best first: most shared tags, then a
    /// shared category, then the newer article (the lower index). Scores are counted 64 articles
    /// at a time, as bit-sliced sums of the article's tag rows: a popular tag makes tens of
    /// thousands of candidates, and scoring them one by one was quadratic in the listing
    /// (100,000 articles: 45 s).
    fn best<'a>(
        &mut self,
        index: usize,
        count: usize,
        tags: impl Iterator<Item = Row<'a>>,
        category: Row<'a>,
    ) -> Vec<usize> {
        let rows: Vec<Row<'a>> = std::iter::once(category).chain(tags).collect();
        let sparse_rows = rows
            .iter()
            .filter(|row| matches!(row, Row::Sparse(_)))
            .count();
        while self.rows.len() < sparse_rows {
            self.rows.push(vec![0; self.words]);
        }
        let mut spread = self.rows.iter_mut();
        let mut filled: Vec<&[usize]> = Vec::new();
        for row in &rows {
            if let Row::Sparse(members) = row {
                set_bits(
                    spread.next().expect("one scratch row per sparse row"),
                    members,
                );
                filled.push(members);
            }
        }
        let mut scratch_rows = self.rows.iter();
        let bits: Vec<&[u64]> = rows
            .iter()
            .map(|row| match row {
                Row::Dense(bits) => *bits,
                Row::Sparse(_) => scratch_rows.next().expect("filled above").as_slice(),
            })
            .collect();
        let (category, tags) = bits.split_first().expect("the category row comes first");
        let best = best_by_bits(index, count, category, tags, self.words);
        for (bits, members) in self.rows.iter_mut().zip(filled) {
            for &member in members {
                bits[member / 64] = 0;
            }
        }
        best
    }
}

/// See [`Scratch::best`]. A score is `TAG_WEIGHT` per shared tag plus `CATEGORY_WEIGHT` for the
/// category; only articles sharing a tag are candidates.
fn best_by_bits(
    index: usize,
    count: usize,
    category: &[u64],
    tags: &[&[u64]],
    words: usize,
) -> Vec<usize> {
    if count == 0 {
        return Vec::new();
    }
    // Shared-tag counts, bit-sliced: slice `i` holds bit `i` of each article's count.
    let slices_needed = (usize::BITS - tags.len().leading_zeros()) as usize;
    let mut slices = vec![0u64; slices_needed];
    let mut best: Vec<(u32, usize)> = Vec::with_capacity(count + 1);
    // No candidate scores above sharing every tag and the category; later ones are older, so
    // once `count` of them do, the rest of the listing cannot change the choice. A publication
    // that tags consistently finds them among its latest articles.
    let ceiling = tags.len() as u32 * TAG_WEIGHT + CATEGORY_WEIGHT;
    for word in 0..words {
        if best.len() == count && best[count - 1].0 >= ceiling {
            break;
        }
        slices.iter_mut().for_each(|slice| *slice = 0);
        for tag in tags {
            let mut carry = tag[word];
            for slice in slices.iter_mut() {
                let next = *slice & carry;
                *slice ^= carry;
                carry = next;
                if carry == 0 {
                    break;
                }
            }
        }
        let mut candidates = slices.iter().fold(0, |any, slice| any | slice);
        if word == index / 64 {
            candidates &= !(1 << (index % 64));
        }
        if best.len() == count {
            candidates &= beating(best[count - 1].0, &slices, category[word]);
        }
        while candidates != 0 {
            let bit = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let shared = slices
                .iter()
                .enumerate()
                .map(|(i, slice)| ((slice >> bit) & 1) << i)
                .sum::<u64>() as u32;
            let score =
                shared * TAG_WEIGHT + ((category[word] >> bit) & 1) as u32 * CATEGORY_WEIGHT;
            // Later articles are older, so only a strictly higher score moves one up.
            if best.len() == count && score <= best[count - 1].0 {
                continue;
            }
            let position = best.partition_point(|&(better, _)| better >= score);
            best.insert(position, (score, word * 64 + bit));
            best.truncate(count);
        }
    }
    best.into_iter().map(|(_, other)| other).collect()
}

/// The articles of one word whose score is above `score`.
fn beating(score: u32, slices: &[u64], category: u64) -> u64 {
    let (needed, with_category) = (score / TAG_WEIGHT, score % TAG_WEIGHT);
    // Bit-sliced comparison of each count against `needed`, from the highest bit down.
    let (mut above, mut equal) = (0u64, u64::MAX);
    for bit in (0..slices.len()).rev() {
        if (needed >> bit) & 1 == 1 {
            equal &= slices[bit];
        } else {
            above |= equal & slices[bit];
            equal &= !slices[bit];
        }
    }
    if needed >> slices.len() != 0 {
        return 0;
    }
    let category_breaks_tie = if with_category == 0 { category } else { 0 };
    above | (equal & category_breaks_tie)
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
            time: None,
            authors: Vec::new(),
            slug: slug.into(),
            title: slug.into(),
            summary: String::new(),
            own_summary: false,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
            date: Date::new(2026, 1, day).unwrap(),
            updated: None,
            category: (!category.is_empty()).then(|| category.into()),
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
                    .filter(|&i| a.category.is_some() && articles[i].category == a.category)
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
                        let category = u32::from(
                            article.category.is_some()
                                && articles[other].category == article.category,
                        );
                        (shared > 0)
                            .then_some((shared * TAG_WEIGHT + category * CATEGORY_WEIGHT, other))
                    })
                    .collect();
                ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                let mut chosen: Vec<usize> = ranked.iter().take(count).map(|r| r.1).collect();
                let neighbours = &same_category[index];
                let position = neighbours.iter().position(|&i| i == index).unwrap_or(0);
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

    /// A listing of `size` articles with up to three tags each; `skewed` draws tags and
    /// categories from long lists where a few are common and most are rare.
    fn varied_listing(
        size: usize,
        tags: &[String],
        categories: &[String],
        skewed: bool,
    ) -> Vec<ArticleSummary> {
        let mut seed = 0x2545_f491u32;
        let mut next = move |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize % bound
        };
        let mut pick = |names: &[String]| {
            // The minimum of two draws favours the first names.
            let at = if skewed {
                next(names.len()).min(next(names.len()))
            } else {
                next(names.len())
            };
            names[at].clone()
        };
        (0..size)
            .map(|i| {
                let tag_count = (i * 7 + i / 3) % 4;
                let mut unique: Vec<String> = Vec::new();
                for _ in 0..tag_count {
                    let tag = pick(tags);
                    if !unique.contains(&tag) {
                        unique.push(tag);
                    }
                }
                let unique: Vec<&str> = unique.iter().map(String::as_str).collect();
                article(&format!("a{i}"), 1, &pick(categories), &unique)
            })
            .collect()
    }

    fn names(prefix: &str, count: usize) -> Vec<String> {
        (0..count).map(|i| format!("{prefix}{i}")).collect()
    }

    #[test]
    fn matches_the_definition_on_a_varied_listing() {
        // The empty name is an article without a category.
        let mut categories = names("c", 3);
        categories.push(String::new());
        let articles = varied_listing(300, &names("t", 7), &categories, false);
        for count in [1, 3, 5] {
            assert_eq!(
                related_indices(&articles, count),
                related_by_definition(&articles, count),
                "count {count}"
            );
        }
    }

    /// Common tags are scored as bits and rare ones spread from their lists: both kinds, and
    /// articles that have both, must rank as the definition does.
    #[test]
    fn matches_the_definition_with_common_and_rare_tags() {
        let articles = varied_listing(1500, &names("t", 150), &names("c", 40), true);
        let words = articles.len().div_ceil(64);
        let mut uses: HashMap<&str, usize> = HashMap::new();
        for tag in articles.iter().flat_map(|a| &a.tags) {
            *uses.entry(tag.as_str()).or_default() += 1;
        }
        assert!(uses.values().any(|&n| n >= words) && uses.values().any(|&n| n < words));
        for count in [0, 1, 3, 4] {
            assert_eq!(
                related_indices(&articles, count),
                related_by_definition(&articles, count),
                "count {count}"
            );
        }
    }
}
