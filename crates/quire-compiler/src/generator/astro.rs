//! An Astro site: `astro.config.*`, content collections under `src/content/` (or where the
//! collections' `glob()` loaders point), markdown pages under `src/pages/`, `public/`.

use std::path::{Path, PathBuf};

use super::config::{self, Settings};
use super::walk;
use super::{Generator, Layout, LeftOut, Origin, SourceFile};
use crate::error::BuildError;

/// The collections a blog keeps its posts in.
const POST_COLLECTIONS: &[&str] = &["blog", "posts", "post", "articles", "news"];

const CONFIG_NAMES: &[&str] = &[
    "astro.config.mjs",
    "astro.config.js",
    "astro.config.ts",
    "astro.config.mts",
    "astro.config.cjs",
];

pub fn read(root: &Path) -> Result<Layout, BuildError> {
    let path = CONFIG_NAMES
        .iter()
        .map(|name| root.join(name))
        .find(|path| path.is_file())
        .expect("detected as an Astro site");
    let code = std::fs::read_to_string(&path).map_err(BuildError::io(&path))?;
    let consts = [
        "src/consts.ts",
        "src/consts.js",
        "src/config.ts",
        "src/site.config.ts",
    ]
    .iter()
    .find_map(|name| std::fs::read_to_string(root.join(name)).ok())
    .unwrap_or_default();
    let settings = Settings {
        title: string_constant(&consts, &["SITE_TITLE", "title"]),
        description: string_constant(&consts, &["SITE_DESCRIPTION", "description"]),
        base_url: string_constant(&code, &["site"]),
        language: string_constant(&consts, &["SITE_LANG", "lang", "locale"]),
        authors: string_constant(&consts, &["SITE_AUTHOR", "author"])
            .into_iter()
            .collect(),
        nav: Vec::new(),
    };
    let mut layout = Layout::new(
        Generator::Astro,
        root,
        path,
        config::site_from(settings, "Blog"),
    );
    // remark-math reads `$…$` and `$$…$$`; a site that loads it renders both in every post.
    if code.contains("remark-math") {
        layout.templates.math.dollars = crate::markdown::syntax::MathSyntax {
            double_dollar: true,
            single_dollar: true,
        };
    }
    layout.templates.math = layout.templates.math.or(crate::template::math_of_templates(
        root,
        &["src/layouts", "src/components"],
    ));
    layout.static_dirs.push(root.join("public"));
    // The blog's collections hold the posts; another (`authors`, `docs`) is no list of posts,
    // unless the site has no collection by a blog's name.
    let collections = collections(root)?;
    let has_blog = collections
        .iter()
        .any(|(name, _)| POST_COLLECTIONS.contains(&name.as_str()));
    for (collection, folder) in collections {
        if has_blog && !POST_COLLECTIONS.contains(&collection.as_str()) {
            for _ in walk::markdown_files(&folder)? {
                layout.leave_out(LeftOut::OtherCollection);
            }
            continue;
        }
        layout.sections += 1;
        find_posts(&mut layout, root, &collection, &folder)?;
    }
    let declared = std::sync::Arc::new(schema_keys(&content_config(root)));
    for file in &mut layout.articles {
        file.origin.declared_keys = declared.clone();
    }
    find_pages(&mut layout, &root.join("src/pages"))?;
    Ok(layout)
}

/// `NAME = 'text'` or `name: "text"` in JavaScript or TypeScript source, the first of `names`
/// found: where Astro sites keep their settings.
fn string_constant(code: &str, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        code.lines().find_map(|line| {
            let line = line
                .trim_start()
                .trim_start_matches("export ")
                .trim_start_matches("const ");
            let rest = line.strip_prefix(name)?.trim_start();
            let rest = rest.strip_prefix([':', '='])?.trim_start();
            let quote = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '\'' | '"' | '`'))?;
            let value = &rest[1..];
            let end = value.find(quote)?;
            Some(value[..end].trim().to_owned()).filter(|value| !value.is_empty())
        })
    })
}

/// The collections' config (`src/content.config.ts`, or the older `src/content/config.ts`).
fn content_config(root: &Path) -> String {
    [
        "src/content.config.ts",
        "src/content.config.js",
        "src/content.config.mjs",
        "src/content/config.ts",
        "src/content/config.js",
    ]
    .iter()
    .find_map(|name| std::fs::read_to_string(root.join(name)).ok())
    .unwrap_or_default()
}

/// The keys the collections' schemas name (`title: z.string()`, `snippet: z.string()`): every
/// word written before a `:` in the config, which is more than the schemas hold but never less.
fn schema_keys(config: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for (at, _) in config.match_indices(':') {
        let before = config[..at].trim_end();
        // The word's characters are ASCII, so the byte after the last other character is a
        // character boundary.
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '$'))
            .map_or(0, |(at, c)| at + c.len_utf8());
        let word = &before[start..];
        if !word.is_empty() && !keys.iter().any(|key| key == word) {
            keys.push(word.to_owned());
        }
    }
    keys
}

/// Each collection's name and folder: `glob({ base: './src/data/blog' })` loaders, else every
/// folder of `src/content/` that holds markdown.
fn collections(root: &Path) -> Result<Vec<(String, PathBuf)>, BuildError> {
    let config = content_config(root);
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for part in config.split("base:").skip(1) {
        let part = part.trim_start();
        let Some(quote) = part
            .chars()
            .next()
            .filter(|c| matches!(c, '\'' | '"' | '`'))
        else {
            continue;
        };
        let Some(end) = part[1..].find(quote) else {
            continue;
        };
        let base = part[1..=end].trim_start_matches("./");
        let folder = root.join(base);
        let name = base
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let inside = folder
            .canonicalize()
            .ok()
            .zip(root.canonicalize().ok())
            .is_some_and(|(folder, root)| folder.starts_with(root));
        if inside && folder.is_dir() && !found.iter().any(|(_, known)| *known == folder) {
            found.push((name, folder));
        }
    }
    if found.is_empty() {
        for entry in walk::entries(&root.join("src/content"))? {
            if entry.is_dir && !walk::markdown_files(&entry.path)?.is_empty() {
                found.push((entry.name, entry.path));
            }
        }
    }
    Ok(found)
}

fn find_posts(
    layout: &mut Layout,
    root: &Path,
    collection: &str,
    folder: &Path,
) -> Result<(), BuildError> {
    let route = collection_route(&root.join("src/pages"), collection)?;
    for path in walk::markdown_files(folder)? {
        let relative = format!("{collection}/{}", walk::relative(folder, &path));
        let name = relative.rsplit('/').next().unwrap_or_default();
        let bundle = name
            .starts_with("index.")
            .then(|| path.parent().map(Path::to_path_buf))
            .flatten();
        layout.articles.push(SourceFile {
            path,
            origin: Origin {
                bundle,
                // A route at the pages' root puts posts at `/<id>/`.
                route_prefix: Some(if route.is_empty() {
                    String::new()
                } else {
                    format!("/{route}")
                }),
                ..Origin::new(Generator::Astro, relative)
            },
        });
    }
    Ok(())
}

/// The folder of `src/pages/` whose dynamic route (`[...slug].astro`, `[slug].astro`, `[id]`)
/// shows a collection's entries: the one named like the collection, else the only one, else the
/// collection's name.
fn collection_route(pages: &Path, collection: &str) -> Result<String, BuildError> {
    let mut routes = Vec::new();
    dynamic_routes(pages, "", &mut routes)?;
    if routes.iter().any(|route| route == collection) {
        return Ok(collection.to_owned());
    }
    Ok(match routes.as_slice() {
        [only] => only.clone(),
        _ => collection.to_owned(),
    })
}

/// The folders (from `src/pages/`, `""` for the root) holding an entry route: a
/// `[...slug].astro` file, or a `[...slug]/` folder with its `index.astro`.
fn dynamic_routes(dir: &Path, prefix: &str, found: &mut Vec<String>) -> Result<(), BuildError> {
    const ENTRY_ROUTES: &[&str] = &["[...slug]", "[slug]", "[...id]", "[id]", "[...path]"];
    for entry in walk::entries(dir)? {
        let name = entry.name.strip_suffix(".astro").unwrap_or(&entry.name);
        let is_route = ENTRY_ROUTES.contains(&name)
            && (!entry.is_dir || entry.path.join("index.astro").is_file());
        if is_route {
            let route = prefix.trim_end_matches('/').to_owned();
            if !found.contains(&route) {
                found.push(route);
            }
        } else if entry.is_dir && !entry.is_link && !entry.name.starts_with('[') {
            dynamic_routes(&entry.path, &format!("{prefix}{}/", entry.name), found)?;
        }
    }
    Ok(())
}

/// Markdown pages routed by their place under `src/pages/`; component pages are counted.
fn find_pages(layout: &mut Layout, pages: &Path) -> Result<(), BuildError> {
    count_component_pages(layout, pages)?;
    for path in walk::markdown_files(pages)? {
        let relative = walk::relative(pages, &path);
        let stem = relative
            .rsplit_once('.')
            .map_or(relative.as_str(), |(stem, _)| stem);
        if stem == "index" {
            layout.leave_out(LeftOut::HomePage);
            continue;
        }
        let origin = Origin::new(Generator::Astro, relative.clone());
        layout.pages.push(SourceFile { path, origin });
    }
    Ok(())
}

/// `.astro` pages with a fixed address (not `index`, not a `[param]` route): content an owner
/// may miss, so the summary names how many.
fn count_component_pages(layout: &mut Layout, dir: &Path) -> Result<(), BuildError> {
    for entry in walk::entries(dir)? {
        if entry.is_dir {
            if !entry.name.starts_with('[') && !entry.is_link {
                count_component_pages(layout, &entry.path)?;
            }
        } else if entry.name.ends_with(".astro")
            && entry.name != "index.astro"
            && !entry.name.starts_with('[')
        {
            layout.leave_out(LeftOut::ComponentPage);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schemas_keys_are_known() {
        // Words after letters outside ASCII are read without cutting a character in two.
        assert_eq!(
            schema_keys("// Résumé: x\nGröße: 1\ntitle: z"),
            ["e", "title"]
        );
        let config = "const blog = defineCollection({\n  schema: z.object({\n    title: z.string(),\n    snippet: z.string().optional(),\n    'quoted': z.boolean(),\n  }),\n});";
        let keys = schema_keys(config);
        for key in ["title", "snippet", "schema"] {
            assert!(keys.iter().any(|k| k == key), "{key}: {keys:?}");
        }
    }

    #[test]
    fn finds_the_route_that_shows_a_collection() {
        let pages = tempfile::tempdir().unwrap();
        let write = |path: &str| {
            let path = pages.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "---\n---\n").unwrap();
        };
        write("writing/[...slug]/index.astro");
        write("index.astro");
        assert_eq!(collection_route(pages.path(), "blog").unwrap(), "writing");
        write("[slug].astro");
        assert_eq!(
            collection_route(pages.path(), "blog").unwrap(),
            "blog",
            "two routes: the name"
        );
        let root_only = tempfile::tempdir().unwrap();
        std::fs::write(root_only.path().join("[slug].astro"), "").unwrap();
        assert_eq!(collection_route(root_only.path(), "posts").unwrap(), "");
    }

    #[test]
    fn reads_settings_from_source() {
        let code = "export const SITE_TITLE = 'Astro Blog';\nexport const SITE_DESCRIPTION = \"Welcome\";\nexport default defineConfig({\n  site: `https://example.com`,\n});";
        assert_eq!(
            string_constant(code, &["SITE_TITLE"]).as_deref(),
            Some("Astro Blog")
        );
        assert_eq!(
            string_constant(code, &["SITE_DESCRIPTION"]).as_deref(),
            Some("Welcome")
        );
        assert_eq!(
            string_constant(code, &["site"]).as_deref(),
            Some("https://example.com")
        );
        assert_eq!(string_constant(code, &["missing"]), None);
    }
}
