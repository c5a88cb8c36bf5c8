//! The pure part of a split: content names, placeholders, the split map and the page's app tag.

use std::collections::{BTreeMap, HashMap};

/// Sixteen hex digits of a hash of `parts`, each length-prefixed so no two lists collide.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    format!("{:016x}", hasher.digest())
}

/// Replaces every `from` in `bytes` by `to`, of the same length: a name inside a wasm module is
/// length-prefixed, so only a same-length change keeps the module valid.
pub fn replace_same_length(bytes: &mut [u8], from: &str, to: &str) {
    assert_eq!(
        from.len(),
        to.len(),
        "a placeholder and its value differ in length"
    );
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let mut start = 0;
    while let Some(found) = find(&bytes[start..], from) {
        let at = start + found;
        bytes[at..at + to.len()].copy_from_slice(to);
        start = at + to.len();
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Each split point's name (the `wasm_split` module, e.g. `article`) and the files it needs, in
/// the order the loader fetches them (shared chunks first).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SplitMap(pub BTreeMap<String, Vec<String>>);

impl SplitMap {
    /// From the splitter's map of split point to file stems, and each stem's published name.
    pub fn new(prefetch: &HashMap<String, Vec<String>>, named: &BTreeMap<String, String>) -> Self {
        let map = prefetch
            .iter()
            .map(|(split, stems)| {
                let files = stems
                    .iter()
                    .filter_map(|stem| named.get(stem).cloned())
                    .collect();
                (split.clone(), files)
            })
            .collect();
        Self(map)
    }

    /// `article:a.wasm,b.wasm listing:c.wasm`: split points by name, separated by spaces; what
    /// `public/boot.js` reads from the page's `data-split`.
    pub fn to_attribute(&self) -> String {
        self.0
            .iter()
            .map(|(split, files)| format!("{split}:{}", files.join(",")))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A page with its app tag naming the split build.
#[derive(Debug, PartialEq, Eq)]
pub struct RewrittenPage {
    pub page: String,
    /// The file names the tag named before (Trunk's unsplit files), to remove.
    pub replaced: Vec<String>,
}

/// The entry's files, by name: the wasm-bindgen glue, its module and the chunks' loader.
pub struct EntryFiles<'a> {
    pub glue: &'a str,
    pub main: &'a str,
    pub loader: &'a str,
}

/// Points the page's `<meta name="quire-app" data-js data-wasm>` at the entry's new files (under
/// the same base path) and adds the loader as `data-loader` and the split map as `data-split`.
/// The page is Trunk's, minified or not, so it is read as HTML rather than searched as text.
pub fn rewrite_app_tag(
    page: &str,
    entry: &EntryFiles,
    map: &SplitMap,
) -> Result<RewrittenPage, String> {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    let mut replaced = Vec::new();
    let mut found = 0;
    let page = rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![element!("meta[name=quire-app]", |tag| {
                found += 1;
                if tag.has_attribute("data-split") {
                    return Err("the quire-app tag is already split".into());
                }
                let mut folder = String::new();
                for (attribute, file) in [("data-js", entry.glue), ("data-wasm", entry.main)] {
                    let value = tag
                        .get_attribute(attribute)
                        .ok_or_else(|| format!("the quire-app tag has no {attribute}"))?;
                    let (in_folder, old) = value.split_at(value.rfind('/').map_or(0, |at| at + 1));
                    replaced.push(old.to_owned());
                    folder = in_folder.to_owned();
                    tag.set_attribute(attribute, &format!("{folder}{file}"))?;
                }
                tag.set_attribute("data-loader", &format!("{folder}{}", entry.loader))?;
                tag.set_attribute("data-split", &map.to_attribute())?;
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|error| error.to_string())?;
    match found {
        1 => Ok(RewrittenPage { page, replaced }),
        0 => Err("no <meta name=\"quire-app\"> tag (see pattern_preload in Trunk.toml)".into()),
        _ => Err("more than one <meta name=\"quire-app\"> tag".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> SplitMap {
        let prefetch = HashMap::from([
            (
                "article".to_owned(),
                vec!["chunk_0".to_owned(), "split_article".to_owned()],
            ),
            (
                "listing".to_owned(),
                vec!["chunk_0".to_owned(), "split_listing".to_owned()],
            ),
        ]);
        let named = BTreeMap::from([
            ("chunk_0".to_owned(), "quire-chunk_0-aa.wasm".to_owned()),
            (
                "split_article".to_owned(),
                "quire-split_article-bb.wasm".to_owned(),
            ),
            (
                "split_listing".to_owned(),
                "quire-split_listing-cc.wasm".to_owned(),
            ),
        ]);
        SplitMap::new(&prefetch, &named)
    }

    fn entry() -> EntryFiles<'static> {
        EntryFiles {
            glue: "quire-2.js",
            main: "quire-2_bg.wasm",
            loader: "quire-split-2.js",
        }
    }

    #[test]
    fn the_map_lists_each_split_point_with_its_shared_chunks_first() {
        assert_eq!(
            map().to_attribute(),
            "article:quire-chunk_0-aa.wasm,quire-split_article-bb.wasm \
             listing:quire-chunk_0-aa.wasm,quire-split_listing-cc.wasm"
        );
    }

    #[test]
    fn the_app_tag_names_the_new_files_under_the_same_base() {
        // As Trunk writes it in a release build: minified, attributes unquoted.
        let page = "<head><meta data-js=/blog/quire-1.js data-wasm=/blog/quire-1_bg.wasm \
                    name=quire-app><title>x</title></head>";
        let rewritten = rewrite_app_tag(page, &entry(), &map()).unwrap();
        assert_eq!(rewritten.replaced, ["quire-1.js", "quire-1_bg.wasm"]);
        assert!(rewritten.page.starts_with(
            "<head><meta data-js=\"/blog/quire-2.js\" data-wasm=\"/blog/quire-2_bg.wasm\" \
             name=quire-app data-loader=\"/blog/quire-split-2.js\" data-split=\"article:"
        ));
        assert!(rewritten.page.ends_with("\"><title>x</title></head>"));
    }

    #[test]
    fn a_page_without_the_app_tag_or_split_already_is_an_error() {
        assert!(rewrite_app_tag("<head></head>", &entry(), &map()).is_err());
        let split =
            "<meta name=\"quire-app\" data-js=\"a.js\" data-wasm=\"a.wasm\" data-split=\"\">";
        assert!(rewrite_app_tag(split, &entry(), &map()).is_err());
        let no_wasm = "<meta name=\"quire-app\" data-js=\"a.js\">";
        assert!(rewrite_app_tag(no_wasm, &entry(), &map()).is_err());
    }

    #[test]
    fn placeholders_are_replaced_everywhere_and_only_by_their_own_length() {
        let mut bytes = b"\x05xx./q-____.js\x00./q-____.js".to_vec();
        replace_same_length(&mut bytes, "./q-____.js", "./q-abcd.js");
        assert_eq!(bytes, b"\x05xx./q-abcd.js\x00./q-abcd.js");
    }

    #[test]
    #[should_panic(expected = "differ in length")]
    fn a_placeholder_of_another_length_is_refused() {
        replace_same_length(&mut [], "abc", "ab");
    }

    #[test]
    fn content_hashes_differ_when_any_part_or_its_boundaries_change() {
        let base = content_hash(&[b"ab", b"c"]);
        assert_eq!(base.len(), 16);
        assert_eq!(base, content_hash(&[b"ab", b"c"]));
        assert_ne!(base, content_hash(&[b"a", b"bc"]));
        assert_ne!(base, content_hash(&[b"ab", b"d"]));
    }
}
