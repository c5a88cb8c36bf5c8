//! The slug rule: lowercase ASCII, every run of other characters becomes one `-`, trimmed.

/// Turns a display name into its URL slug ("AI & Automation" -> "ai-automation").
///
/// Non-ASCII letters are not transliterated: they count as separators, so the rule stays
/// predictable and identical in the compiler and the app.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_separator = false;
    for character in name.chars() {
        if character.is_ascii_alphanumeric() {
            if pending_separator && !slug.is_empty() {
                slug.push('-');
            }
            pending_separator = false;
            slug.push(character.to_ascii_lowercase());
        } else {
            pending_separator = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    fn check(input: &str, expected: &str) {
        assert_eq!(slugify(input), expected, "slug of {input:?}");
    }

    #[test]
    fn follows_the_slug_rule() {
        check("AI & Automation", "ai-automation");
        check("Split Testing & Tracking", "split-testing-tracking");
        check("Kubernetes", "kubernetes");
        check("  leading and trailing  ", "leading-and-trailing");
        check("already-a-slug", "already-a-slug");
        check("many---dashes__and  spaces", "many-dashes-and-spaces");
        check("C++ in 2026!", "c-in-2026");
        check("Café déjà vu", "caf-d-j-vu");
        check("LLM", "llm");
        check("", "");
        check("&&&", "");
        check("ecommerce", "ecommerce");
    }

    #[test]
    fn is_idempotent() {
        for input in ["AI & Automation", "x--y", " Growth Ops ", "ÆØÅ abc"] {
            let once = slugify(input);
            assert_eq!(slugify(&once), once);
        }
    }
}
