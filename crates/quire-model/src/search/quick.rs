//! The header search box's list of best matches, apart from the DOM: which option the arrow
//! keys make active, and what the list and its status line say.

use crate::query::count_label;

/// The option an arrow key makes active among `count` options (at least one): the first or
/// last when none is, and round the ends.
pub fn next_active(active: Option<usize>, count: usize, down: bool) -> usize {
    match (active, down) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(index), true) => (index + 1) % count,
        (Some(index), false) => (index + count - 1) % count,
    }
}

/// The last option, which opens `/search` for the whole answer to `query`.
pub fn see_all_label(total: usize, query: &str) -> String {
    if total == 0 {
        format!("No matches for “{}”: search with suggestions", query.trim())
    } else {
        format!("See all {} for “{}”", count_label(total), query.trim())
    }
}

/// What the status line says of an answered query: how many articles match, or, when the
/// index could not be loaded (`None`), that search is unavailable.
pub fn status_line(total: Option<usize>) -> String {
    match total {
        None => "Search is not available right now.".to_owned(),
        Some(0) => "No articles match.".to_owned(),
        Some(total) => format!("{} match.", count_label(total)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_keys_walk_the_options_round_the_ends() {
        let check = |active: Option<usize>, down: bool, expected: usize| {
            assert_eq!(next_active(active, 3, down), expected, "{active:?} {down}");
        };
        check(None, true, 0);
        check(None, false, 2);
        check(Some(0), true, 1);
        check(Some(2), true, 0);
        check(Some(0), false, 2);
        check(Some(2), false, 1);
        assert_eq!(next_active(Some(0), 1, true), 0);
        assert_eq!(next_active(None, 1, false), 0);
    }

    #[test]
    fn the_labels_say_how_many_match_and_quote_the_trimmed_query() {
        assert_eq!(
            see_all_label(0, " cahce "),
            "No matches for “cahce”: search with suggestions"
        );
        assert_eq!(see_all_label(1, "cache"), "See all 1 article for “cache”");
        assert_eq!(
            see_all_label(12, "cache "),
            "See all 12 articles for “cache”"
        );
        assert_eq!(status_line(None), "Search is not available right now.");
        assert_eq!(status_line(Some(0)), "No articles match.");
        assert_eq!(status_line(Some(1)), "1 article match.");
        assert_eq!(status_line(Some(7)), "7 articles match.");
    }
}
