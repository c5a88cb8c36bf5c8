//! An article body file's JSON: byte for byte what serde_json writes for [`ArticleBody`], with
//! the body's HTML, its largest field, escaped eight bytes at a time; and [`ArticleParts`], the
//! borrowed body that the file and the article's page are both made from.
//!
//! serde_json looks at a string's bytes one at a time: 6% of a build's instructions, half of it
//! this HTML (the rest is the summaries' text, here and in the listing). The other fields go
//! through serde_json as they are; a test holds the whole to serde_json's own output, so a field
//! added to the body, or renamed, shows up as a failure here rather than as a different bundle.

use quire_model::swar::{byte_mask, control_mask, each_special};
use quire_model::{ArticleLink, ArticleSummary, TocEntry};

/// A [`quire_model::ArticleBody`], borrowed: what an article's body file and its page are made from. Its
/// related articles are the site's own summaries rather than copies in every body (three for
/// each article, 30,000 summaries at 10,000 articles).
pub(crate) struct ArticleParts<'a> {
    pub schema_version: u32,
    pub article: &'a ArticleSummary,
    pub html: &'a str,
    pub toc: &'a [TocEntry],
    pub newer: Option<&'a ArticleLink>,
    pub older: Option<&'a ArticleLink>,
    pub related: Vec<&'a ArticleSummary>,
}

#[cfg(test)]
impl<'a> ArticleParts<'a> {
    /// The parts of a whole body.
    pub fn of(body: &'a quire_model::ArticleBody) -> Self {
        Self {
            schema_version: body.schema_version,
            article: &body.article,
            html: &body.html,
            toc: &body.toc,
            newer: body.newer.as_ref(),
            older: body.older.as_ref(),
            related: body.related.iter().collect(),
        }
    }
}

/// Appends the JSON of the body made of `parts` to `out`.
pub(crate) fn write_article_body(out: &mut Vec<u8>, parts: &ArticleParts<'_>) {
    // The derive writes the fields in declaration order, with no `skip_serializing_if` among
    // these; the test below fails if either changes.
    let ArticleParts {
        schema_version,
        article,
        html,
        toc,
        newer,
        older,
        related,
    } = parts;
    out.reserve(html.len() + html.len() / 8 + 4096);
    out.extend_from_slice(b"{\"schema_version\":");
    write_value(out, schema_version);
    out.extend_from_slice(b",\"article\":");
    write_value(out, article);
    out.extend_from_slice(b",\"html\":");
    write_string(out, html);
    out.extend_from_slice(b",\"toc\":");
    write_value(out, toc);
    out.extend_from_slice(b",\"newer\":");
    write_value(out, newer);
    out.extend_from_slice(b",\"older\":");
    write_value(out, older);
    out.extend_from_slice(b",\"related\":");
    write_value(out, related);
    out.push(b'}');
}

fn write_value(out: &mut Vec<u8>, value: &impl serde::Serialize) {
    serde_json::to_writer(out, value).expect("bundle types always serialise");
}

/// Whether any of the eight bytes in `word` is one JSON escapes: under 0x20, `"` or `\`.
fn may_escape(word: u64) -> bool {
    control_mask(word) | byte_mask(word, b'"') | byte_mask(word, b'\\') != 0
}

/// `text` as a JSON string, escaped as serde_json escapes it.
fn write_string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    out.push(b'"');
    let mut run_start = 0;
    let is_escaped = |byte: u8| byte < 0x20 || byte == b'"' || byte == b'\\';
    each_special(bytes, may_escape, is_escaped, |index| {
        out.extend_from_slice(&bytes[run_start..index]);
        let byte = bytes[index];
        let short = match byte {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            b'\x08' => Some(b'b'),
            b'\t' => Some(b't'),
            b'\n' => Some(b'n'),
            b'\x0c' => Some(b'f'),
            b'\r' => Some(b'r'),
            _ => None,
        };
        match short {
            Some(letter) => out.extend_from_slice(&[b'\\', letter]),
            None => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]),
        }
        run_start = index + 1;
    });
    out.extend_from_slice(&bytes[run_start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::{ArticleBody, ArticleLink, ArticleSummary, Date, TocEntry};

    fn summary(slug: &str) -> ArticleSummary {
        ArticleSummary {
            time: None,
            slug: slug.to_owned(),
            title: format!("A \"quoted\" title\\ for {slug}"),
            summary: "Tabs\tand\nnew lines, and \u{1} a control.".to_owned(),
            date: Date::new(2026, 3, 13).unwrap(),
            updated: Some(Date::new(2026, 4, 1).unwrap()),
            category: Some("engineering".to_owned()),
            tags: vec!["rust".to_owned(), "wasm".to_owned()],
            authors: vec!["Ada".to_owned()],
            reading_minutes: 4,
            word_count: 812,
            featured: true,
            own_summary: true,
            image: None,
            picture: None,
            image_alt: None,
            card: None,
        }
    }

    fn body(html: &str) -> ArticleBody {
        ArticleBody {
            schema_version: 7,
            article: summary("first"),
            html: html.to_owned(),
            toc: vec![TocEntry {
                level: 2,
                id: "why".to_owned(),
                title: "Why \"now\"".to_owned(),
            }],
            newer: Some(ArticleLink {
                slug: "newer".to_owned(),
                title: "Newer".to_owned(),
            }),
            older: None,
            related: vec![summary("second"), summary("third")],
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        for html in [
            "",
            "<p class=\"lede\">Plain \\ text</p>\n<pre><code>a\tb\r\n\u{8}\u{c}\u{0}\u{1f}\u{7f}</code></pre>",
            "é — ünïcode “quotes” 😀 and a long run of ordinary prose without anything to escape",
        ] {
            let body = body(html);
            let mut ours = Vec::new();
            write_article_body(&mut ours, &ArticleParts::of(&body));
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&body).unwrap()
            );
        }
    }

    proptest::proptest! {
        /// Strings with escaped bytes at every offset from an eight-byte boundary.
        #[test]
        fn strings_escape_as_serde_json_escapes_them(text in "([a-z <>=]{0,9}(\"|\\\\|\n|\t|\r|\u{0}|\u{1f}|\u{7f}|\u{8}|\u{c}|é|😀)?){0,12}") {
            let mut ours = Vec::new();
            write_string(&mut ours, &text);
            proptest::prop_assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&text).unwrap());
        }
    }
}
