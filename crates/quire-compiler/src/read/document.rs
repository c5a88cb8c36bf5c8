//! Pages (`content/pages`, routed at `/<slug>`) and case studies (`content/case-studies`).

use std::path::Path;

use quire_model::Date;
use quire_model::routes::RESERVED_PAGE_SLUGS;
use quire_model::text::reading_minutes;

use crate::diagnostic::Diagnostic;
use crate::generator::SiteFolders;
use crate::generator::origin::{Origin, SourceFile};
use crate::read::article::{
    Compiled, LocalFiles, Placed, aliases, is_known_key, old_address_of, resolve_category, slug_of,
    social_image, tag_names, written_categories,
};
use crate::read::body::Body;

use crate::read::fields::{Fields, read_source};
use crate::read::site_config::Site;
use crate::read::static_files::StaticFile;

const PAGE_KEYS: &[&str] = &[
    "title",
    "description",
    "summary",
    "slug",
    "draft",
    "aliases",
    "image",
    "image_alt",
    "math",
];
const CASE_STUDY_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "description",
    "sections",
    "date",
    "category",
    "categories",
    "tags",
    "slug",
    "draft",
    "aliases",
    "image",
    "image_alt",
    "math",
];

#[derive(Debug, PartialEq, Eq)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub draft: bool,
    pub body: Body,
    /// Where the old site published it, when it came from another generator.
    pub old_address: Option<String>,
    /// Files beside it (a page bundle's images) published under its address.
    pub local_files: Vec<StaticFile>,
    /// The template syntax its body held, for the build summary.
    pub templates: crate::read::article::TemplateUse,
}

#[derive(Debug, PartialEq, Eq)]
pub struct CaseStudy {
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    pub section_slugs: Vec<String>,
    pub date: Option<Date>,
    pub category_slug: Option<String>,
    pub tags: Vec<String>,
    /// The line of `tags`, for problems found across files.
    pub tags_line: usize,
    pub draft: bool,
    pub body: Body,
    pub reading_minutes: u32,
}

fn stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default()
}

/// A page of Quire's own layout.
pub fn compile_page(path: &Path, bytes: &[u8]) -> Compiled<Page> {
    let source = SourceFile {
        path: path.to_path_buf(),
        origin: Origin::quire(String::new()),
    };
    compile_page_from(&source, bytes, &SiteFolders::quire())
}

/// A page of any generator's site, whose root is `root`.
pub(crate) fn compile_page_from(
    file: &SourceFile,
    bytes: &[u8],
    folders: &SiteFolders<'_>,
) -> Compiled<Page> {
    let mut diagnostics = Vec::new();
    let page = compile_page_inner(file, bytes, folders, &mut diagnostics);
    Compiled::from_parts(page, diagnostics)
}

fn compile_page_inner(
    file: &SourceFile,
    bytes: &[u8],
    folders: &SiteFolders<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let (path, origin) = (file.path.as_path(), &file.origin);
    let source = read_source(
        path,
        bytes,
        &|key| is_known_key(origin, PAGE_KEYS, key),
        origin,
        diagnostics,
    )?;
    let fields = Fields {
        path,
        front_matter: &source.front_matter,
    };
    let title = crate::read::article::title_of(&fields, origin, &source.body, diagnostics);
    let stem = if origin.is_foreign() {
        origin.content_name()
    } else {
        stem(path)
    };
    let slug = crate::read::article::document_slug(&fields, origin, stem, diagnostics);
    if RESERVED_PAGE_SLUGS.contains(&slug.as_str()) {
        diagnostics.push(Diagnostic::error(
            path,
            fields.front_matter.line_of("slug"),
            format!(
                "the page slug `{slug}` is taken by a built-in route; reserved: {}",
                RESERVED_PAGE_SLUGS.join(", ")
            ),
        ));
    }
    let description = fields
        .text("description", diagnostics)
        .or_else(|| fields.text("summary", diagnostics))
        .unwrap_or_default();
    let draft = crate::read::article::is_draft(&fields, origin, diagnostics);
    let old_address = title
        .as_deref()
        .and_then(|title| old_address_of(&fields, origin, title, None, &[], false));
    let route = quire_model::routes::page(&slug);
    let place = Placed::new(&fields, origin, folders, &route, old_address.as_deref());
    let aliases = aliases(&fields, origin, old_address.as_deref(), diagnostics);
    let (mut rendered, mut paths, image, local_files) = place.render(&source, diagnostics);
    Some(Page {
        slug,
        title: title?,
        description: description.trim().to_owned(),
        draft,
        body: paths.take_body(&mut rendered, aliases, image),
        old_address,
        local_files,
        templates: paths.templates,
    })
}

pub fn compile_case_study(path: &Path, bytes: &[u8], site: &Site) -> Compiled<CaseStudy> {
    let mut diagnostics = Vec::new();
    let study = case_study(path, bytes, site, &mut diagnostics);
    Compiled::from_parts(study, diagnostics)
}

/// The case study in `path`, or `None` when a problem reported in `diagnostics` leaves it out.
fn case_study(
    path: &Path,
    bytes: &[u8],
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CaseStudy> {
    let origin = Origin::quire(String::new());
    let known = |key: &str| CASE_STUDY_KEYS.contains(&key);
    let source = read_source(path, bytes, &known, &origin, diagnostics)?;
    let fields = Fields {
        path,
        front_matter: &source.front_matter,
    };
    let title = fields.required_text("title", diagnostics);
    let subtitle = fields
        .text("subtitle", diagnostics)
        .or_else(|| fields.text("description", diagnostics))
        .unwrap_or_default();
    let slug = slug_of(&fields, stem(path), diagnostics);
    let date = fields.date("date", diagnostics);
    let category_slug = case_study_category(&fields, site, diagnostics);
    let tags = tag_names(&fields, "tags", diagnostics);
    let draft = fields.flag("draft", diagnostics);
    let section_slugs = section_slugs(&fields, site, diagnostics);
    let mut image = social_image(&fields, diagnostics);
    let route = quire_model::routes::case_study(&slug);
    let page = crate::template::PageContext {
        path,
        front_matter: fields.front_matter,
        route: &route,
        imports: &source.imports,
    };
    let (mut rendered, mut paths) = image.render_body(
        &source,
        &page,
        SiteFolders::quire().templates,
        &LocalFiles::none(Path::new("")),
        diagnostics,
    );
    Some(CaseStudy {
        slug,
        title: title?,
        subtitle: subtitle.split_whitespace().collect::<Vec<_>>().join(" "),
        section_slugs,
        date,
        category_slug,
        tags,
        tags_line: fields.front_matter.line_of("tags"),
        draft,
        reading_minutes: reading_minutes(rendered.word_count),
        body: paths.take_body(
            &mut rendered,
            aliases(&fields, &origin, None, diagnostics),
            image,
        ),
    })
}

/// The slug of the declared category a case study names (`category`, else the first of
/// `categories`), if it names one.
fn case_study_category(
    fields: &Fields<'_>,
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let written = written_categories(fields, diagnostics);
    resolve_category(fields, &written, site, diagnostics)
        .flatten()
        .map(|category| category.slug)
}

/// The slugs of the declared sections a case study's `sections` names, once each, in order; a
/// section not declared is an error, and so is a study with no `sections` at all.
fn section_slugs(
    fields: &Fields<'_>,
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut section_slugs = Vec::new();
    for written in fields
        .text_list("sections", diagnostics)
        .unwrap_or_default()
    {
        match site.resolve_section(&written) {
            Some(section) if !section_slugs.contains(&section.slug) => {
                section_slugs.push(section.slug.clone());
            }
            Some(_) => {}
            None => diagnostics.push(fields.error(
                "sections",
                format!(
                    "unknown case-study section {written:?}; declared in site.toml: {}",
                    site.declared_section_names()
                ),
            )),
        }
    }
    if section_slugs.is_empty() && !fields.has("sections") {
        diagnostics.push(fields.missing("sections"));
    }
    section_slugs
}

/// Tag slugs for display names.
pub fn tag_slugs(tags: &[String]) -> Vec<String> {
    tags.iter()
        .map(|tag| crate::read::article::name_slug(tag))
        .collect()
}
