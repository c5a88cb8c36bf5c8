//! The front-matter keys each generator documents, so that reading a site's posts warns only about keys no generator gives a meaning to.
//!
//! Each list is "documented or widely used", not "read by Quire": a key here is one the old site
//! could legitimately carry, so meeting it is no mistake even when Quire ignores it. Each group
//! names its source: a page of the generator's docs, or the file of a theme or plugin that reads it.
//!
//! Hugo matches front-matter keys case-insensitively (it lower-cases every key, hugolib
//! `page__meta.go`), and PaperMod-style themes write `ShowToc`, `TocOpen`, ...; compare Hugo keys
//! ASCII-case-insensitively. The other generators are case-sensitive.

/// The Hugo keys Quire reads, as it spells them: Hugo reads keys in any case (`Title`,
/// `publishdate`), so a file's keys are renamed to these before they are read.
pub(crate) const HUGO_READ: &[&str] = &[
    "title",
    "date",
    "publishDate",
    "expiryDate",
    "lastmod",
    "draft",
    "tags",
    "categories",
    "slug",
    "url",
    "aliases",
    "summary",
    "description",
    "images",
    "image",
    "author",
    "authors",
    "featured",
    "cover",
    "weight",
];

/// Hugo (gohugo.io). Keys are case-insensitive in Hugo: see the module note.
pub(crate) const HUGO: &[&str] = &[
    // gohugo.io/content-management/front-matter/ "Fields" (the reserved field names).
    "aliases",
    "build",
    "cascade",
    "date",
    "description",
    "draft",
    "expiryDate",
    "headless",
    "isCJKLanguage",
    "keywords",
    "lastmod",
    "layout",
    "linkTitle",
    "markup",
    "menus",
    "modified",
    "outputs",
    "params",
    "pubdate",
    "publishDate",
    "published",
    "resources",
    "sitemap",
    "sites",
    "slug",
    "summary",
    "title",
    "translationKey",
    "type",
    "unpublishdate",
    "url",
    "weight",
    // Aliases the docs name elsewhere: `menu` (content-management/menus/, "an alias for menus"),
    // `_build` (deprecated in 0.145 for `build`, still read).
    "menu",
    "_build",
    // The same reserved fields as Hugo lower-cases them, for exact-match callers.
    "expirydate",
    "iscjklanguage",
    "linktitle",
    "publishdate",
    "translationkey",
    // Taxonomies: the default `tags` and `categories` (configuration/taxonomies/), `series` (read
    // by the embedded Open Graph template), and the singular/plural author taxonomies the
    // taxonomy docs use as examples.
    "tags",
    "categories",
    "series",
    "authors",
    "author",
    "genres",
    // Embedded templates (templates/embedded/: Open Graph, Schema, X cards): page params read.
    "images",
    "audio",
    "videos",
    "locale",
    // content-management/mathematics/: the `math` page parameter.
    "math",
    // Widely used theme params. PaperMod (adityatelange/hugo-PaperMod layouts, `.Param`).
    "cover",
    "ShowToc",
    "showToc",
    "TocOpen",
    "tocOpen",
    "hidemeta",
    "hideMeta",
    "comments",
    "searchHidden",
    "ShowReadingTime",
    "ShowBreadCrumbs",
    "ShowPostNavLinks",
    "ShowWordCount",
    "ShowCodeCopyButtons",
    "ShowRssButtonInSectionTermList",
    "ShowShareButtons",
    "ShowCanonicalLink",
    "CanonicalLinkText",
    "ShareButtons",
    "UseHugoToc",
    "disableShare",
    "disableHLJS",
    "disableAnchoredHeadings",
    "hideSummary",
    "hideAuthor",
    "hideFooter",
    "canonicalURL",
    "editPost",
    "robotsNoIndex",
    // Stack (CaiJimmy/hugo-theme-stack layouts).
    "image",
    "toc",
    "license",
    "readingTime",
    "links",
    // Ananke (theNewDynamic/gohugo-theme-ananke layouts).
    "featured_image",
    "omit_header_text",
    "show_reading_time",
    "disable_share",
    "canonicalUrl",
];

/// Jekyll (jekyllrb.com) and the plugins and themes a Jekyll blog usually carries.
pub(crate) const JEKYLL: &[&str] = &[
    // jekyllrb.com/docs/front-matter/: global (`layout`, `permalink`, `published`) and post
    // (`date`, `category`, `categories`, `tags`) variables.
    "layout",
    "permalink",
    "published",
    "date",
    "category",
    "categories",
    "tags",
    // Read by Jekyll itself (lib/jekyll/document.rb, drops/url_drop.rb, docs/posts/ "Post
    // excerpts", docs/permalinks/): title (defaults from the file name), `slug` (overrides
    // `:title` / `:slug` in permalinks), singular `tag`, the excerpt and its separator,
    // `render_with_liquid` (Jekyll 4; docs/liquid/tags/).
    "title",
    "slug",
    "tag",
    "excerpt",
    "excerpt_separator",
    "render_with_liquid",
    // jekyll-seo-tag (docs/usage.md, advanced-usage.md, lib drop.rb).
    "description",
    "image",
    "author",
    "authors",
    "locale",
    "lang",
    "canonical_url",
    "seo",
    "title_category",
    "last_modified_at",
    // jekyll-redirect-from (README).
    "redirect_from",
    "redirect_to",
    // jekyll-feed (README "Optional front matter") and jekyll-sitemap.
    "feed",
    "sitemap",
    // minima (jekyll/minima layouts: 2.5.x `comments`; 3.0 `modified_date`, `list_title`).
    "comments",
    "modified_date",
    "list_title",
    // Chirpy (cotes2020/jekyll-theme-chirpy _posts/2019-08-08-write-a-new-post.md).
    "pin",
    "math",
    "mermaid",
    "toc",
    "media_subpath",
    // Minimal Mistakes (mmistakes/minimal-mistakes docs/_docs/10-layouts.md).
    "header",
    "classes",
    "toc_label",
    "toc_icon",
    "toc_sticky",
    "author_profile",
    "share",
    "sidebar",
    "search",
];

/// Zola (getzola.org).
pub(crate) const ZOLA: &[&str] = &[
    // getzola.org/documentation/content/page/ "Front matter" (= PageFrontMatter in
    // components/content/src/front_matter/page.rs; Zola ignores any other page key silently).
    "title",
    "description",
    "date",
    "updated",
    "weight",
    "draft",
    "render",
    "slug",
    "path",
    "aliases",
    "authors",
    "in_search_index",
    "template",
    "taxonomies",
    "extra",
    // documentation/content/section/ (`_index.md`; SectionFrontMatter denies unknown keys).
    "sort_by",
    "paginate_by",
    "paginate_path",
    "paginate_reversed",
    "insert_anchor_links",
    "redirect_to",
    "transparent",
    "page_template",
    "generate_feeds",
    // Before 0.19 `generate_feeds` was `generate_feed` (CHANGELOG 0.19.0).
    "generate_feed",
];

/// Astro (docs.astro.build): Astro has no fixed front matter; each collection's schema decides.
pub(crate) const ASTRO: &[&str] = &[
    // The blog starter's schema (withastro/astro examples/blog/src/content.config.ts).
    "title",
    "description",
    "pubDate",
    "updatedDate",
    "heroImage",
    // Astro itself: `slug` (the glob loader's id override, and the legacy collections' slug),
    // `layout` (Markdown pages under src/pages).
    "slug",
    "layout",
    // Common in community schemas and the Astro docs' examples (drafts are filtered by the
    // site's own `getCollection` callback; Astro has no built-in draft).
    "draft",
    "tags",
    "author",
    "authors",
    "image",
    // AstroPaper (satnaing/astro-paper src/content.config.ts).
    "pubDatetime",
    "modDatetime",
    "featured",
    "ogImage",
    "canonicalURL",
    "hideEditPost",
    "timezone",
];
