//! Assembling the bundle from compiled content: the manifest, listing shards, the slug lookup,
//! first pages, the facet index and entries by position, search files, and the article bodies with their related articles.

pub mod bodies;
pub(crate) mod body_json;
pub(crate) mod facets;
pub(crate) mod first_pages;
pub(crate) mod layout;
pub(crate) mod related;
pub(crate) mod rendered;
pub(crate) mod search;

use std::collections::BTreeMap;
use std::path::Path;

use quire_model::listing::{archive_months, newest_first, pick_featured};
use quire_model::lookup::{bucket_count_for, lookup_bucket};
use quire_model::{
    ArticleSummary, CaseStudySummary, CategoryInfo, DocumentBody, FIRST_PAGE_LENGTH, LookupBucket,
    MANIFEST_FILE, Manifest, PageSummary, SCHEMA_VERSION, SectionInfo, ShardRef, TagInfo, TocEntry,
    pinned_manifest_file,
};
use rayon::prelude::*;

use crate::error::BuildError;
use crate::markdown::{self};
use crate::read::article::Article;
use crate::read::body::{Alias, Body};
use crate::read::document::{self, CaseStudy, Page};
use crate::read::site_config::Site;
use crate::read::static_files::StaticFile;
use crate::write::feeds;
use crate::write::shell::{InlineCode, Shell, content_security_policy};
use crate::write::staging::OutputFile;
use quire_model::routes::SiteBase;
use quire_model::search::IndexFiles;

use self::bodies::{ArticleBodies, DeferredOutput, WrittenBody, article_bodies};
use self::first_pages::first_pages;
pub use self::layout::content_hash;
use self::layout::{LOOKUP_DIR, SHARD_DIR};
use self::rendered::{RenderedArticle, RenderedBody, SearchText};

/// Articles the manifest lists itself: neither the home page nor the first page of `/insights`
/// needs a shard.
pub const LATEST_COUNT: usize = FIRST_PAGE_LENGTH;

/// Articles per listing shard.
pub const SHARD_SIZE: usize = 250;

/// The compiled bundle, before it is written.
pub struct Bundle {
    pub manifest: Manifest,
    pub files: Vec<OutputFile>,
    /// Feeds, sitemap, robots.txt and host rules, for the site's root folder.
    pub site_files: Vec<OutputFile>,
    /// The article body files and every route's pre-rendered page: rendered while they are
    /// written, so they are never all in memory at once.
    pub deferred: DeferredOutput,
    /// The content's `static/` files, copied to the site's root.
    pub static_files: Vec<StaticFile>,
    /// The images written in several widths, with their files to publish.
    pub pictures: Option<crate::images::Pictures>,
}

/// The redirects from a document's `aliases` to its route.
pub(crate) fn moved_to(aliases: &[Alias], route: String, title: &str) -> Vec<feeds::Redirect> {
    aliases
        .iter()
        .map(|alias| feeds::Redirect {
            from: alias.path.clone(),
            to: route.clone(),
            title: title.to_owned(),
        })
        .collect()
}

/// A [`quire_model::ListingShard`] as it is written, borrowing its articles: the same JSON
/// without a copy of every summary in the site (a test holds the two to the same bytes).
#[derive(serde::Serialize)]
pub(crate) struct ListingShardFile<'a> {
    schema_version: u32,
    articles: &'a [ArticleSummary],
}

/// Serialises a bundle file and names it `<dir>/<stem>.<hash>.json`.
pub(crate) fn hashed_file<T: serde::Serialize>(dir: &str, stem: &str, value: &T) -> OutputFile {
    let bytes = serde_json::to_vec(value).expect("bundle types always serialise");
    OutputFile {
        path: format!("{dir}/{stem}.{}.json", content_hash(&bytes)),
        bytes,
    }
}

/// A page's or case study's body file.
pub(crate) fn document_file(dir: &str, slug: &str, html: String, toc: Vec<TocEntry>) -> OutputFile {
    let body = DocumentBody {
        schema_version: SCHEMA_VERSION,
        slug: slug.to_owned(),
        html,
        toc,
    };
    hashed_file(dir, slug, &body)
}

/// What is published, compiled.
pub(crate) struct Sources {
    pub(crate) articles: Vec<Article>,
    pub(crate) pages: Vec<Page>,
    pub(crate) studies: Vec<CaseStudy>,
    /// Redirects of the old site's listing pages (`/posts/`, `/tags/rust/`) to the new ones.
    pub(crate) listing_redirects: Vec<feeds::Redirect>,
}

pub(crate) fn assemble(
    site: &Site,
    sources: Sources,
    shell: Option<Shell>,
    base: &SiteBase,
    bodies_to: Option<&Path>,
) -> Result<Bundle, BuildError> {
    let Sources {
        articles,
        pages,
        studies,
        listing_redirects: mut redirects,
    } = sources;
    let PublishedArticles {
        summaries,
        tag_names,
        search_files,
        bodies,
    } = publish_articles(articles, &mut redirects, base, bodies_to)?;
    let mut files = Vec::new();
    let lookup = lookup_files(&bodies.written);
    let (shards, shard_files) = listing_shards(&summaries);
    files.extend(shard_files);
    let case_studies = case_study_summaries(studies, base, &mut redirects, &mut files)?;
    let pages = page_summaries(pages, base, &mut redirects, &mut files)?;
    let search = search::files(search_files, &summaries, &mut files);
    let categories = category_infos(site, &summaries);
    let tags = tag_infos(tag_names);
    let (first_pages, first_page_files) = first_pages(&categories, &tags, &summaries);
    files.extend(first_page_files);
    let (facets, facet_files) = facets::facet_files(&categories, &tags, &summaries);
    files.extend(facet_files);
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        site: site.info.clone(),
        categories,
        tags,
        archive: archive_months(&summaries),
        article_count: summaries.len(),
        featured: pick_featured(&summaries).cloned(),
        latest: summaries.iter().take(LATEST_COUNT).cloned().collect(),
        shards,
        first_pages,
        lookup: lookup.iter().map(|file| file.path.clone()).collect(),
        case_study_sections: section_infos(site),
        case_studies,
        pages,
        search,
        facets,
    };
    files.extend(lookup);
    let pinned_manifest = manifest_files(&manifest, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let policy = page_policy(shell.as_ref());
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    let site_files = feeds::site_files(
        &manifest,
        &summaries,
        &bodies.feed_html,
        base,
        &policy,
        &redirects,
    );
    let deferred = DeferredOutput {
        shell,
        base: base.clone(),
        pinned_manifest,
        bodies_dir: bodies_to.map(Path::to_path_buf),
        articles: bodies.written,
    };
    Ok(Bundle {
        manifest,
        files,
        site_files,
        deferred,
        static_files: Vec::new(),
        pictures: None,
    })
}

/// The Content-Security-Policy every page ships with: the shell's, or without a shell, one
/// that allows no inline code.
fn page_policy(shell: Option<&Shell>) -> String {
    shell.map_or_else(
        || content_security_policy(&InlineCode::default()),
        Shell::content_security_policy,
    )
}

/// The articles as they are published: their summaries, newest first; every tag's name and
/// count; the search index's files; and their body files.
struct PublishedArticles {
    summaries: Vec<ArticleSummary>,
    tag_names: TagNames,
    search_files: IndexFiles,
    bodies: ArticleBodies,
}

/// Renders, sorts and indexes `articles`, and names (or, with `bodies_to`, writes) their body
/// files; the redirects from their old addresses are added to `redirects`.
fn publish_articles(
    articles: Vec<Article>,
    redirects: &mut Vec<feeds::Redirect>,
    base: &SiteBase,
    bodies_to: Option<&Path>,
) -> Result<PublishedArticles, BuildError> {
    // The shared tables first, in order; then each article on its own, on every core.
    let (tag_slugs, tag_names) = tag_tables(&articles, redirects);
    let mut rendered = render_articles(articles, tag_slugs);
    rendered.par_sort_by(|a, b| newest_first(&a.summary, &b.summary));
    let (summaries, mut rendered): (Vec<ArticleSummary>, Vec<RenderedBody>) = rendered
        .into_iter()
        .map(|article| (article.summary, article.body))
        .unzip();
    let search_index = search::index(&mut rendered, &summaries)?;
    // Finishing the index is serial: it overlaps naming and writing the article bodies.
    let (search_files, bodies) = rayon::join(
        || search_index.finish(),
        || article_bodies(rendered, &summaries, base, bodies_to),
    );
    Ok(PublishedArticles {
        summaries,
        tag_names,
        search_files,
        bodies: bodies?,
    })
}

/// Every tag's name (the first spelling met) and count, by slug.
type TagNames = BTreeMap<String, (String, usize)>;

/// The manifest's tags, in slug order.
fn tag_infos(tag_names: TagNames) -> Vec<TagInfo> {
    tag_names
        .into_iter()
        .map(|(slug, (name, count))| TagInfo { slug, name, count })
        .collect()
}

/// Each article's tag slugs, and every tag's name (the first spelling met) and count; the
/// redirects from the articles' old addresses are added to `redirects` on the way.
fn tag_tables(
    articles: &[Article],
    redirects: &mut Vec<feeds::Redirect>,
) -> (Vec<Vec<String>>, TagNames) {
    let mut tag_names = TagNames::new();
    let tag_slugs = articles
        .iter()
        .map(|article| {
            let route = quire_model::routes::article(&article.slug);
            redirects.extend(moved_to(&article.body.aliases, route, &article.title));
            let slugs = document::tag_slugs(&article.tags);
            for (slug, name) in slugs.iter().zip(&article.tags) {
                tag_names
                    .entry(slug.clone())
                    .or_insert_with(|| (name.clone(), 0))
                    .1 += 1;
            }
            slugs
        })
        .collect();
    (tag_slugs, tag_names)
}

/// Every article's summary, body HTML (still in the spill: its links are placed for its page
/// as its file is written) and search text, on every core.
fn render_articles(articles: Vec<Article>, tag_slugs: Vec<Vec<String>>) -> Vec<RenderedArticle> {
    articles
        .into_par_iter()
        .zip(tag_slugs)
        .map(|(article, tag_slugs)| {
            let search = SearchText {
                labels: format!(
                    "{} {} {}",
                    article.summary,
                    article.tags.join(" "),
                    article.authors.join(" ")
                ),
                body: article.text,
            };
            let summary = ArticleSummary {
                slug: article.slug,
                title: article.title,
                summary: article.summary,
                own_summary: article.own_summary,
                image: article.body.image,
                picture: article.body.picture,
                image_alt: article.body.image_alt,
                card: article.body.card,
                authors: article.authors,
                date: article.date,
                time: article.time,
                updated: article.updated,
                category: article.category.map(|category| category.slug),
                tags: tag_slugs,
                reading_minutes: article.reading_minutes,
                word_count: article.word_count,
                featured: article.featured,
            };
            RenderedArticle {
                summary,
                body: RenderedBody {
                    html: article.body.html,
                    toc: article.body.toc,
                    search,
                },
            }
        })
        .collect()
}

/// The slug lookup's buckets, each mapping its slugs to their body files; serialised on every
/// core, as are the other bundle files: made one after another, they left a core idle between
/// the bodies and the pages.
fn lookup_files(bodies: &[WrittenBody]) -> Vec<OutputFile> {
    let bucket_count = bucket_count_for(bodies.len());
    let mut buckets = vec![BTreeMap::new(); bucket_count];
    for body in bodies {
        buckets[lookup_bucket(&body.slug, bucket_count)]
            .insert(body.slug.clone(), body.path.clone());
    }
    buckets
        .into_par_iter()
        .enumerate()
        .map(|(index, bodies)| {
            let bucket = LookupBucket {
                schema_version: SCHEMA_VERSION,
                bodies,
            };
            hashed_file(LOOKUP_DIR, &index.to_string(), &bucket)
        })
        .collect()
}

/// The listing's shards, newest first, and the manifest's reference to each.
fn listing_shards(summaries: &[ArticleSummary]) -> (Vec<ShardRef>, Vec<OutputFile>) {
    summaries
        .par_chunks(SHARD_SIZE)
        .enumerate()
        .map(|(index, chunk)| {
            let shard = ListingShardFile {
                schema_version: SCHEMA_VERSION,
                articles: chunk,
            };
            let file = hashed_file(SHARD_DIR, &index.to_string(), &shard);
            let shard = ShardRef {
                path: file.path.clone(),
                count: chunk.len(),
                newest: chunk[0].date,
                oldest: chunk[chunk.len() - 1].date,
            };
            (shard, file)
        })
        .unzip()
}

/// A case study's or a page's body file, added to `files`, and the redirects from its old
/// addresses, added to `redirects`; returns the file's path, which its summary names, and the
/// document's image.
fn publish_body(
    files: &mut Vec<OutputFile>,
    redirects: &mut Vec<feeds::Redirect>,
    (route, dir): (String, &str),
    (slug, title, body): (&str, &str, Body),
    base: &SiteBase,
) -> Result<(String, Option<String>), BuildError> {
    let html = markdown::place_links(body.html.take()?, &route, base);
    redirects.extend(moved_to(&body.aliases, route, title));
    let file = document_file(dir, slug, html, body.toc);
    let path = file.path.clone();
    files.push(file);
    Ok((path, body.image))
}

/// Every case study's summary, newest first, with its body file added to `files`.
fn case_study_summaries(
    studies: Vec<CaseStudy>,
    base: &SiteBase,
    redirects: &mut Vec<feeds::Redirect>,
    files: &mut Vec<OutputFile>,
) -> Result<Vec<CaseStudySummary>, BuildError> {
    let mut summaries = studies
        .into_iter()
        .map(|study| {
            let route = quire_model::routes::case_study(&study.slug);
            let (body, image) = publish_body(
                files,
                redirects,
                (route, "case-studies"),
                (&study.slug, &study.title, study.body),
                base,
            )?;
            Ok(CaseStudySummary {
                tags: document::tag_slugs(&study.tags),
                slug: study.slug,
                title: study.title,
                subtitle: study.subtitle,
                sections: study.section_slugs,
                date: study.date,
                category: study.category_slug,
                reading_minutes: study.reading_minutes,
                body,
                image,
            })
        })
        .collect::<Result<Vec<_>, BuildError>>()?;
    summaries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    Ok(summaries)
}

/// Every page's summary, by slug, with its body file added to `files`.
fn page_summaries(
    pages: Vec<Page>,
    base: &SiteBase,
    redirects: &mut Vec<feeds::Redirect>,
    files: &mut Vec<OutputFile>,
) -> Result<Vec<PageSummary>, BuildError> {
    let mut summaries = pages
        .into_iter()
        .map(|page| {
            let route = quire_model::routes::page(&page.slug);
            let (body, image) = publish_body(
                files,
                redirects,
                (route, "pages"),
                (&page.slug, &page.title, page.body),
                base,
            )?;
            Ok(PageSummary {
                slug: page.slug,
                title: page.title,
                description: page.description,
                body,
                image,
            })
        })
        .collect::<Result<Vec<_>, BuildError>>()?;
    summaries.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(summaries)
}

/// Every declared category with the number of articles in it.
fn category_infos(site: &Site, summaries: &[ArticleSummary]) -> Vec<CategoryInfo> {
    site.categories
        .iter()
        .map(|category| CategoryInfo {
            slug: category.slug.clone(),
            name: category.name.clone(),
            description: category.description.clone(),
            count: summaries
                .iter()
                .filter(|a| a.category.as_ref() == Some(&category.slug))
                .count(),
        })
        .collect()
}

fn section_infos(site: &Site) -> Vec<SectionInfo> {
    let info = |section: &crate::read::site_config::DeclaredSection| SectionInfo {
        slug: section.slug.clone(),
        name: section.name.clone(),
    };
    site.case_study_sections.iter().map(info).collect()
}

/// The manifest twice, added to `files`: at its fixed name, and at the content-named one every
/// page names, which is returned.
fn manifest_files(manifest: &Manifest, files: &mut Vec<OutputFile>) -> String {
    let bytes = serde_json::to_vec(manifest).expect("bundle types always serialise");
    let pinned = pinned_manifest_file(&content_hash(&bytes));
    files.push(OutputFile {
        path: pinned.clone(),
        bytes: bytes.clone(),
    });
    files.push(OutputFile {
        path: MANIFEST_FILE.to_owned(),
        bytes,
    });
    pinned
}

#[cfg(test)]
mod tests {
    use quire_model::Date;

    use super::*;

    #[test]
    fn a_listing_shard_is_written_as_its_bundle_type_serialises() {
        let summary = |slug: &str, own_summary: bool| ArticleSummary {
            time: None,
            slug: slug.to_owned(),
            title: format!("\"{slug}\" & more"),
            summary: "A line\nand another.".to_owned(),
            own_summary,
            image: own_summary.then(|| "/images/a.png".to_owned()),
            picture: None,
            image_alt: None,
            card: None,
            authors: vec!["Ada".to_owned()],
            date: Date::new(2026, 3, 13).unwrap(),
            updated: None,
            category: Some("engineering".to_owned()),
            tags: vec!["rust".to_owned()],
            reading_minutes: 3,
            word_count: 640,
            featured: own_summary,
        };
        let articles = vec![summary("a", true), summary("b", false)];
        let written = ListingShardFile {
            schema_version: SCHEMA_VERSION,
            articles: &articles,
        };
        let bundle_type = quire_model::ListingShard {
            schema_version: SCHEMA_VERSION,
            articles: articles.clone(),
        };
        assert_eq!(
            serde_json::to_string(&written).unwrap(),
            serde_json::to_string(&bundle_type).unwrap()
        );
    }
}
