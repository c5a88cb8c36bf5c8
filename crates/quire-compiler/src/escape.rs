//! Escaping text for HTML and XML output, shared by code highlighting and the feeds.

/// Escapes text for HTML or XML element content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Characters XML 1.0 forbids outright are dropped rather than breaking the feed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml_and_drops_forbidden_characters() {
        assert_eq!(
            xml_escape("a < b & \"c\" 'd' >"),
            "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;"
        );
        assert_eq!(xml_escape("bell\u{7}tab\tok"), "belltab\tok");
    }
}
