//! What a content file's name says: the date Jekyll and Zola names start with.

use quire_model::Date;

/// Jekyll names posts `YYYY-MM-DD-slug.md`; the date and slug come from the name when not written.
pub(crate) fn split_jekyll_stem(stem: &str) -> (Option<Date>, &str) {
    split_dated_name(stem, b"-")
}

/// A name that starts with its date (`2021-04-01-name`), split after any of `separators`.
pub(crate) fn split_dated_name<'a>(name: &'a str, separators: &[u8]) -> (Option<Date>, &'a str) {
    // Byte 10 being an ASCII separator makes both slice points character boundaries.
    if name.len() > 11
        && separators.contains(&name.as_bytes()[10])
        && let Ok(date) = Date::parse(&name[..10])
    {
        return (Some(date), &name[11..]);
    }
    (None, name)
}
