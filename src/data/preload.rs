//! The bundle files a page was rendered with, handed to its first render: the compiler renders
//! each route from files it holds in memory and embeds the ones the render read in the page, and
//! the browser hydrates the page from that same JSON, so both draw the same thing without a
//! request.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use quire_model::{BundleFile, DecodeError};

/// The `id` of the `<script type="application/json">` a page embeds its files in (scripts of that
/// type are data, never run, so the Content-Security-Policy needs nothing for them).
pub const PRELOAD_ELEMENT_ID: &str = "quire-data";

/// The attribute of that element naming the manifest the page was rendered with (its
/// content-named copy, `manifest.<hash>.json`): the one file every page reads, fetched rather
/// than embedded so that one copy serves every page.
pub const PRELOAD_MANIFEST_ATTRIBUTE: &str = "data-manifest";

/// One bundle file: decoded, as the compiler holds it, or as the JSON the page embeds.
pub enum Preload {
    Decoded(Arc<dyn Any + Send + Sync>),
    Json(Arc<str>),
}

/// Where a render's files come from, asked by bundle path (`manifest.json`, `shards/…`).
pub trait PreloadSource {
    fn take(&mut self, path: &str) -> Option<Preload>;
}

thread_local! {
    /// The files of the render under way on this thread. A thread renders one page at a time,
    /// and a file is asked for while the view that reads it is built, on the same thread.
    static SOURCE: RefCell<Option<Box<dyn PreloadSource>>> = RefCell::new(None);
}

/// Makes `source` the one [`take`] reads, until [`clear`].
pub fn install(source: Box<dyn PreloadSource>) {
    SOURCE.with_borrow_mut(|slot| *slot = Some(source));
}

/// Hands back the installed source (the compiler reads which files its render took).
pub fn clear() -> Option<Box<dyn PreloadSource>> {
    SOURCE.with_borrow_mut(Option::take)
}

/// The file at `path` if the page was rendered with it: `None` means it must be fetched.
pub fn take<T: BundleFile + Send + Sync + 'static>(
    path: &str,
) -> Option<Result<Arc<T>, DecodeError>> {
    let found = SOURCE.with_borrow_mut(|source| source.as_mut()?.take(path))?;
    match found {
        Preload::Decoded(value) => value.downcast::<T>().ok().map(Ok),
        Preload::Json(json) => Some(T::from_slice(json.as_bytes()).map(Arc::new)),
    }
}

/// The files a served page embeds, each given to the first view that asks for it: a later
/// request of the same file (a retry, a second visit to the route) goes to the network.
#[derive(Default)]
pub struct EmbeddedFiles {
    embedded: HashMap<String, Box<serde_json::value::RawValue>>,
    decoded: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

impl EmbeddedFiles {
    /// Reads the embedded JSON object (`{"<bundle path>": <file>, …}`).
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        Ok(Self {
            embedded: serde_json::from_str(json)?,
            decoded: HashMap::new(),
        })
    }

    /// Adds a file the page named rather than embedded, fetched and decoded before hydration.
    pub fn insert_decoded<T: BundleFile + Send + Sync + 'static>(
        &mut self,
        path: &str,
        file: Arc<T>,
    ) {
        self.decoded.insert(path.to_owned(), file);
    }
}

impl PreloadSource for EmbeddedFiles {
    fn take(&mut self, path: &str) -> Option<Preload> {
        if let Some(decoded) = self.decoded.remove(path) {
            return Some(Preload::Decoded(decoded));
        }
        let json = self.embedded.remove(path)?;
        Some(Preload::Json(Arc::from(json.get())))
    }
}

/// JSON as it may stand inside `<script type="application/json">`: a `<` only occurs inside
/// strings, where `\u003c` means the same and no `</script>` or `<!--` can end the element early.
pub fn embeddable_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script_and_reads_back_the_same() {
        let json = r#"{"a":"</script><!-- x"}"#;
        let embedded = embeddable_json(json);
        assert!(!embedded.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&embedded).unwrap();
        assert_eq!(back["a"], "</script><!-- x");
    }
}
