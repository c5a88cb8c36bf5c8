//! Stable sorting with the sort itself compiled once: the standard library's sort is generic, so
//! every element type and comparator the app sorts by compiled a copy of it into the wasm (ten
//! copies, 48 kB before optimisation). Here each call sorts positions through one type-erased
//! comparator and then moves the items into place.

use std::cmp::Ordering;

/// `items.sort_by(compare)`: stable, and `compare` may be any total order.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    rearrange(items, order);
}

/// `items.sort_by_key(key)`, stable.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `items.sort_by_cached_key(key)`: `key` runs once per item, for keys costly to build.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_positions(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    rearrange(items, order);
}

/// `items.sort()`, stable.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` ordered by `compare`, equal ones in their original order. The only
/// place the standard library's sort is instantiated.
#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts the item now at `order[i]` at `i`, for every `i`, by swaps along each cycle of the
/// permutation; `order` is used up as the record of positions already settled.
fn rearrange<T>(items: &mut [T], mut order: Vec<usize>) {
    const SETTLED: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != SETTLED {
            let from = order[at];
            order[at] = SETTLED;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn sorts_like_the_standard_librarys_stable_sort(
            items in proptest::collection::vec((0u8..6, proptest::prelude::any::<u16>()), 0..200),
        ) {
            // Sorting by the first field only: equal keys must keep their order.
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut sorted = items.clone();
            sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
            proptest::prop_assert_eq!(&sorted, &expected);

            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |item| std::cmp::Reverse(item.0));
            let mut expected_by_key = items.clone();
            expected_by_key.sort_by_key(|item| std::cmp::Reverse(item.0));
            proptest::prop_assert_eq!(&by_key, &expected_by_key);

            let mut cached = items.clone();
            sort_by_cached_key(&mut cached, |item| item.1 % 7);
            let mut expected_cached = items.clone();
            expected_cached.sort_by_cached_key(|item| item.1 % 7);
            proptest::prop_assert_eq!(&cached, &expected_cached);

            let mut whole = items.clone();
            sort(&mut whole);
            let mut expected_whole = items;
            expected_whole.sort();
            proptest::prop_assert_eq!(whole, expected_whole);
        }
    }

    #[test]
    fn moves_owned_values_without_losing_any() {
        let mut words: Vec<String> = ["pear", "apple", "fig", "apple", "date"]
            .map(String::from)
            .to_vec();
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "date", "fig", "pear"]);
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
