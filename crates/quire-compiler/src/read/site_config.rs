//! `content/site.toml`: the publication's settings. Only `title` is required, and not even that
//! beside another generator's config, whose settings it completes.

use std::path::Path;

use quire_model::{CallToAction, FooterColumn, NavLink, SiteInfo, slugify};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, line_of_offset};
use crate::markdown::SitePath;

/// `site.toml` as written; each value a message may point at keeps its place in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: Option<Spanned<String>>,
    #[serde(default)]
    tagline: String,
    base_url: Option<Spanned<String>>,
    #[serde(default)]
    nav: Vec<written::NavLink>,
    #[serde(default)]
    footer: Vec<written::FooterColumn>,
    call_to_action: Option<written::CallToAction>,
    image: Option<Spanned<String>>,
    #[serde(default)]
    categories: Vec<RawCategory>,
    #[serde(default)]
    case_study_sections: Vec<RawSection>,
    cards: Option<RawCards>,
}

/// `[cards]`: the link preview cards drawn for articles without an image of their own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCards {
    enabled: Option<bool>,
    background: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
}

/// How the site's preview cards look.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardStyle {
    pub colours: CardColours,
    /// A raster image of the site's own, drawn in each card's lower right corner.
    pub logo: Option<SitePath>,
}

/// The colours of a site's cards: Quire's dark theme's unless `[cards]` names others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardColours {
    pub background: [u8; 3],
    pub text: [u8; 3],
    pub accent: [u8; 3],
}

impl Default for CardColours {
    fn default() -> Self {
        Self {
            background: [0x0f, 0x12, 0x17],
            text: [0xe8, 0xeb, 0xf0],
            accent: [0x8f, 0xb0, 0xff],
        }
    }
}

/// The model's link types as written, each `href` with its place in the file. They keep the
/// model's names, which serde's messages about them name.
mod written {
    use serde::Deserialize;
    use toml::Spanned;

    #[derive(Debug, Deserialize)]
    pub(super) struct NavLink {
        pub(super) label: String,
        pub(super) href: Spanned<String>,
    }

    #[derive(Debug, Deserialize)]
    pub(super) struct FooterColumn {
        pub(super) title: String,
        pub(super) links: Vec<NavLink>,
    }

    #[derive(Debug, Deserialize)]
    pub(super) struct CallToAction {
        pub(super) title: String,
        pub(super) text: String,
        pub(super) label: String,
        pub(super) href: Spanned<String>,
    }
}

impl From<written::NavLink> for NavLink {
    fn from(link: written::NavLink) -> Self {
        Self {
            label: link.label,
            href: link.href.into_inner(),
        }
    }
}

impl From<written::FooterColumn> for FooterColumn {
    fn from(column: written::FooterColumn) -> Self {
        Self {
            title: column.title,
            links: column.links.into_iter().map(NavLink::from).collect(),
        }
    }
}

impl From<written::CallToAction> for CallToAction {
    fn from(cta: written::CallToAction) -> Self {
        Self {
            title: cta.title,
            text: cta.text,
            label: cta.label,
            href: cta.href.into_inner(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    name: Spanned<String>,
    slug: Option<String>,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    name: Spanned<String>,
    slug: Option<String>,
}

/// A declared category, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredCategory {
    pub name: String,
    pub slug: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredSection {
    pub name: String,
    pub slug: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub info: SiteInfo,
    pub categories: Vec<DeclaredCategory>,
    pub case_study_sections: Vec<DeclaredSection>,
    /// `image`, when it is a file of the site's own, with its line: `static/` should hold it.
    pub site_images: Vec<SitePath>,
    /// The site paths the nav, footer and call to action link to, with their lines: a link on
    /// every page that leads nowhere is worth a warning.
    pub site_links: Vec<SitePath>,
    /// Any category an article names is the site's: declared categories only name, describe
    /// and order them. So on a site that declares none, and always on another generator's site,
    /// where categories are whatever posts say.
    pub open_categories: bool,
    /// Who wrote an article that names no author (the site config's `author`).
    pub default_authors: Vec<String>,
    /// The preview cards' look; `None` when `[cards] enabled = false`.
    pub cards: Option<CardStyle>,
}

impl Site {
    /// Finds a declared category by its name (any case) or its slug.
    pub(crate) fn resolve_category(&self, written: &str) -> Option<&DeclaredCategory> {
        let written_slug = slugify(written);
        self.categories.iter().find(|category| {
            category.slug == written_slug || category.name.eq_ignore_ascii_case(written.trim())
        })
    }

    /// Finds a declared case-study section by its name (any case) or its slug.
    pub(crate) fn resolve_section(&self, written: &str) -> Option<&DeclaredSection> {
        let written_slug = slugify(written);
        self.case_study_sections.iter().find(|section| {
            section.slug == written_slug || section.name.eq_ignore_ascii_case(written.trim())
        })
    }

    pub(crate) fn declared_section_names(&self) -> String {
        if self.case_study_sections.is_empty() {
            return "none (add [[case_study_sections]])".to_owned();
        }
        self.case_study_sections
            .iter()
            .map(|section| section.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "Architecture, Engineering, …": for messages that list what may be written.
    pub(crate) fn declared_category_names(&self) -> String {
        self.categories
            .iter()
            .map(|category| category.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A category or case-study section as written in site.toml, before its slug is known.
struct Declared<'a> {
    kind: &'static str,
    name: &'a str,
    slug: Option<&'a str>,
    /// The line of its name, where a problem with it is reported.
    line: usize,
}

impl Declared<'_> {
    /// The slug (written, else made from the name), or an error at the name's line when there is
    /// none to make or an earlier one already has it: either would leave the item without an
    /// address (and its heading without an id) of its own.
    fn slug<'t>(
        &self,
        mut taken: impl Iterator<Item = &'t str>,
        path: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let Self {
            kind,
            name,
            slug,
            line,
        } = *self;
        let made = slugify(slug.unwrap_or(name));
        if made.is_empty() {
            let source = match slug {
                Some(slug) => format!("its slug {slug:?}"),
                None => "its name".to_owned(),
            };
            problems.push(Diagnostic::error(
                path,
                line,
                format!(
                    "{kind} {name:?} has no usable slug: {source} has no ASCII letters or \
                     digits to make one from; write one with `slug = \"…\"`"
                ),
            ));
            return None;
        }
        if taken.any(|known| known == made) {
            problems.push(Diagnostic::error(
                path,
                line,
                format!("{kind} {name:?} repeats the slug `{made}`"),
            ));
            return None;
        }
        Some(made)
    }
}

fn default_nav() -> Vec<NavLink> {
    vec![NavLink {
        label: "Insights".into(),
        href: "/insights".into(),
    }]
}

pub fn parse(path: &Path, text: &str) -> Result<Site, Vec<Diagnostic>> {
    parse_over(path, text, None)
}

/// `site.toml` over the settings read from another generator's config (`found`): what it
/// writes wins, what it leaves out comes from `found`.
pub(crate) fn parse_over(
    path: &Path,
    text: &str,
    found: Option<Site>,
) -> Result<Site, Vec<Diagnostic>> {
    let raw: RawSite = toml::from_str(text).map_err(|error| {
        let line = error
            .span()
            .map_or(1, |span| line_of_offset(text, span.start));
        vec![Diagnostic::error(
            path,
            line,
            error.message().trim().to_owned(),
        )]
    })?;
    let mut check = Check {
        path,
        text,
        problems: Vec::new(),
    };
    let title = check.title(raw.title.as_ref(), found.as_ref());
    let open_categories = raw.categories.is_empty() || found.is_some();
    let categories = check.categories(raw.categories);
    let case_study_sections = check.sections(raw.case_study_sections);
    let links = raw
        .nav
        .iter()
        .chain(raw.footer.iter().flat_map(|column| &column.links))
        .map(|link| (&link.label, &link.href))
        .chain(raw.call_to_action.iter().map(|cta| (&cta.label, &cta.href)));
    let site_links = check.links(links);
    let image = check.image(raw.image.as_ref());
    let cards = match raw.cards {
        Some(cards) => check.cards(cards),
        None => found
            .as_ref()
            .map_or(Some(CardStyle::default()), |site| site.cards.clone()),
    };
    check.base_url(raw.base_url.as_ref());
    if !check.problems.is_empty() {
        return Err(check.problems);
    }
    let settings = Settings {
        title: title.unwrap_or_default(),
        tagline: raw.tagline,
        base_url: raw.base_url.map(Spanned::into_inner).unwrap_or_default(),
        nav: raw.nav.into_iter().map(NavLink::from).collect(),
        footer: raw.footer.into_iter().map(FooterColumn::from).collect(),
        call_to_action: raw.call_to_action.map(CallToAction::from),
        image: image.as_ref().map(|image| image.path.clone()),
    };
    Ok(Site {
        info: settings.over(found.map(|site| site.info)),
        categories,
        case_study_sections,
        site_images: image
            .filter(|image| is_site_path(&image.path))
            .into_iter()
            .chain(cards.iter().flat_map(|cards| cards.logo.clone()))
            .collect(),
        site_links,
        open_categories,
        default_authors: Vec::new(),
        cards,
    })
}

/// The checks of what `site.toml` (at `path`, holding `text`) writes, and the problems found.
struct Check<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<Diagnostic>,
}

impl Check<'_> {
    /// The line of the file a value is written on.
    fn line<T>(&self, value: &Spanned<T>) -> usize {
        line_of_offset(self.text, value.span().start)
    }

    /// Reports an error at `line`.
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.problems
            .push(Diagnostic::error(self.path, line, message));
    }

    /// The site's title: the `written` one, else the one another generator's config gave
    /// (`found`); missing, or blank, it is an error.
    fn title(&mut self, written: Option<&Spanned<String>>, found: Option<&Site>) -> Option<String> {
        let title = written
            .map(|title| title.get_ref().clone())
            .or_else(|| found.map(|site| site.info.title.clone()));
        match &title {
            None => self.error(1, "missing field `title`"),
            Some(title) if title.trim().is_empty() => {
                let line = written.map_or(1, |title| self.line(title));
                self.error(line, "`title` must not be empty");
            }
            Some(_) => {}
        }
        title
    }

    /// The declared categories with their slugs, in file order; one without a slug of its own
    /// is an error and left out.
    fn categories(&mut self, written: Vec<RawCategory>) -> Vec<DeclaredCategory> {
        let mut categories: Vec<DeclaredCategory> = Vec::new();
        for raw_category in written {
            let taken = categories.iter().map(|known| known.slug.as_str());
            let declared = Declared {
                kind: "category",
                name: raw_category.name.get_ref(),
                slug: raw_category.slug.as_deref(),
                line: self.line(&raw_category.name),
            };
            if let Some(slug) = declared.slug(taken, self.path, &mut self.problems) {
                categories.push(DeclaredCategory {
                    name: raw_category.name.get_ref().trim().to_owned(),
                    slug,
                    description: raw_category.description.trim().to_owned(),
                });
            }
        }
        categories
    }

    /// The declared case-study sections with their slugs, in file order; one without a slug
    /// of its own is an error and left out.
    fn sections(&mut self, written: Vec<RawSection>) -> Vec<DeclaredSection> {
        let mut sections: Vec<DeclaredSection> = Vec::new();
        for section in written {
            let taken = sections.iter().map(|known| known.slug.as_str());
            let declared = Declared {
                kind: "case-study section",
                name: section.name.get_ref(),
                slug: section.slug.as_deref(),
                line: self.line(&section.name),
            };
            if let Some(slug) = declared.slug(taken, self.path, &mut self.problems) {
                sections.push(DeclaredSection {
                    name: section.name.into_inner(),
                    slug,
                });
            }
        }
        sections
    }

    /// The site paths the nav, footer and call to action link to, once each, at the first line
    /// of the file that names them (the footer may come first); a link of a kind that could run
    /// code is an error.
    fn links<'r>(
        &mut self,
        links: impl Iterator<Item = (&'r String, &'r Spanned<String>)>,
    ) -> Vec<SitePath> {
        let mut site_links: Vec<SitePath> = Vec::new();
        for (label, href) in links {
            let line = self.line(href);
            let href = href.get_ref();
            if !is_safe_link(href) {
                self.error(
                    line,
                    format!(
                        "link {label:?} goes to {href:?}; a link must be a site path (`/about`), a `#fragment`, or an http(s) or mailto: URL"
                    ),
                );
            } else if is_site_path(href) {
                match site_links.iter_mut().find(|known| known.path == *href) {
                    Some(known) => known.line = known.line.min(line),
                    None => site_links.push(SitePath {
                        path: href.clone(),
                        line,
                    }),
                }
            }
        }
        site_links
    }

    /// The site's `image` for link previews, trimmed, with its line; one that is not an
    /// image reference is an error.
    fn image(&mut self, written: Option<&Spanned<String>>) -> Option<SitePath> {
        let written = written?;
        let image = written.get_ref().trim();
        if image.is_empty() {
            return None;
        }
        let line = self.line(written);
        if !is_image_reference(image) {
            self.error(line, image_reference_problem(image));
        }
        Some(SitePath {
            path: image.to_owned(),
            line,
        })
    }

    /// `[cards]` as written: each colour `#rrggbb` or `#rgb`, the logo a site path, else an
    /// error at its line.
    fn cards(&mut self, cards: RawCards) -> Option<CardStyle> {
        let defaults = CardColours::default();
        let colours = CardColours {
            background: self.colour("background", cards.background.as_ref(), defaults.background),
            text: self.colour("text", cards.text.as_ref(), defaults.text),
            accent: self.colour("accent", cards.accent.as_ref(), defaults.accent),
        };
        let logo = cards.logo.as_ref().and_then(|logo| {
            let line = self.line(logo);
            let path = logo.get_ref().trim();
            if is_site_path(path) && is_image_reference(path) {
                Some(SitePath {
                    path: path.to_owned(),
                    line,
                })
            } else {
                self.error(
                    line,
                    format!("`cards.logo` is {path:?}; it must be an image of the site's own, a site path such as `/img/logo.png`"),
                );
                None
            }
        });
        cards
            .enabled
            .unwrap_or(true)
            .then_some(CardStyle { colours, logo })
    }

    fn colour(
        &mut self,
        key: &str,
        written: Option<&Spanned<String>>,
        default: [u8; 3],
    ) -> [u8; 3] {
        let Some(written) = written else {
            return default;
        };
        match parse_colour(written.get_ref()) {
            Some(colour) => colour,
            None => {
                let line = self.line(written);
                self.error(
                    line,
                    format!(
                        "`cards.{key}` is {:?}; write a colour as `#rrggbb` or `#rgb`",
                        written.get_ref()
                    ),
                );
                default
            }
        }
    }

    /// A `base_url` that is not an http(s) URL is an error.
    fn base_url(&mut self, written: Option<&Spanned<String>>) {
        let Some(written) = written else {
            return;
        };
        let base_url = written.get_ref().trim();
        let is_web_url = base_url.starts_with("https://") || base_url.starts_with("http://");
        if !base_url.is_empty() && !is_web_url {
            let line = self.line(written);
            self.error(
                line,
                format!("`base_url` must be an http(s) URL, not {base_url:?}"),
            );
        }
    }
}

/// The settings `site.toml` writes, checked, before what it leaves out is filled in.
struct Settings {
    title: String,
    tagline: String,
    base_url: String,
    nav: Vec<NavLink>,
    footer: Vec<FooterColumn>,
    call_to_action: Option<CallToAction>,
    image: Option<String>,
}

impl Settings {
    /// The site's settings: these, with what they leave blank taken from another generator's
    /// config (`found`); without one, an unwritten nav is the default one.
    fn over(self, found: Option<SiteInfo>) -> SiteInfo {
        let or_found = |written: String, from: fn(&SiteInfo) -> &String| match &found {
            Some(info) if written.trim().is_empty() => from(info).clone(),
            _ => written.trim().to_owned(),
        };
        let nav = match (self.nav.is_empty(), &found) {
            (false, _) => self.nav,
            (true, Some(info)) => info.nav.clone(),
            (true, None) => default_nav(),
        };
        SiteInfo {
            title: self.title.trim().to_owned(),
            tagline: or_found(self.tagline, |info| &info.tagline),
            base_url: or_found(self.base_url, |info| &info.base_url)
                .trim_end_matches('/')
                .to_owned(),
            nav,
            footer: self.footer,
            call_to_action: self.call_to_action,
            image: self
                .image
                .or_else(|| found.as_ref().and_then(|info| info.image.clone())),
            language: found.as_ref().and_then(|info| info.language.clone()),
        }
    }
}

/// Whether `value` may name a page's social image: a site path (`/img/card.png`) or an http(s)
/// URL, with nothing that could break out of an attribute.
/// `#rrggbb` or `#rgb` as red, green and blue.
fn parse_colour(written: &str) -> Option<[u8; 3]> {
    let hex = written.trim().strip_prefix('#')?;
    if !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |digits: &str| u8::from_str_radix(digits, 16).ok();
    match hex.len() {
        6 => Some([
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        ]),
        3 => {
            let short = |i: usize| channel(&hex[i..=i]).map(|value| value * 17);
            Some([short(0)?, short(1)?, short(2)?])
        }
        _ => None,
    }
}

pub(crate) fn is_image_reference(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    is_safe_link(value)
        && (is_site_path(value) || lower.starts_with("https://") || lower.starts_with("http://"))
}

/// What an author is told when `image` is not [`is_image_reference`].
pub(crate) fn image_reference_problem(value: &str) -> String {
    format!(
        "`image` must be a site path (`/img/card.png`, a file in static/) or an http(s) URL, not {value:?}"
    )
}

fn is_site_path(value: &str) -> bool {
    value.starts_with('/') && !value.starts_with("//")
}

/// Links from `site.toml` become `href`s on every page, so only kinds that cannot run code pass:
/// site paths, fragments, and http(s) and mailto: URLs without control characters or quotes.
pub(crate) fn is_safe_link(href: &str) -> bool {
    let clean = !href.is_empty()
        && !href.chars().any(|c| {
            c.is_control() || c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '`')
        });
    let lower = href.to_ascii_lowercase();
    clean
        && ((href.starts_with('/') && !href.starts_with("//"))
            || href.starts_with('#')
            || lower.starts_with("https://")
            || lower.starts_with("http://")
            || lower.starts_with("mailto:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Site {
        parse(Path::new("site.toml"), text).unwrap_or_else(|problems| panic!("{problems:?}"))
    }

    fn parse_err(text: &str) -> Vec<String> {
        parse(Path::new("site.toml"), text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn only_title_is_required() {
        let site = parse_ok("title = \"Notes\"\n");
        assert!(
            site.open_categories,
            "a site that declares no category takes its articles'"
        );
        let site = parse_ok("title = \"Notes\"\n[[categories]]\nname = \"AI & Automation\"\n");
        assert!(!site.open_categories);
        assert_eq!(site.info.title, "Notes");
        assert_eq!(site.info.nav, default_nav());
        assert_eq!(site.categories[0].slug, "ai-automation");
        assert!(site.info.call_to_action.is_none());
    }

    #[test]
    fn resolves_categories_by_name_or_slug() {
        let site = parse_ok(
            "title = \"N\"\n[[categories]]\nname = \"Growth Ops\"\n[[categories]]\nname = \"Leadership\"\nslug = \"lead\"\n",
        );
        assert_eq!(
            site.resolve_category("growth ops").unwrap().slug,
            "growth-ops"
        );
        assert_eq!(
            site.resolve_category("growth-ops").unwrap().slug,
            "growth-ops"
        );
        assert_eq!(site.resolve_category("lead").unwrap().name, "Leadership");
        assert_eq!(site.resolve_category("Leadership").unwrap().slug, "lead");
        assert!(site.resolve_category("Cooking").is_none());
        assert_eq!(site.declared_category_names(), "Growth Ops, Leadership");
    }

    #[test]
    fn names_the_line_of_each_problem() {
        assert_eq!(
            parse_err("tagline = \"x\"\n[[categories]]\nname = \"A\"\n"),
            ["site.toml:1: missing field `title`"]
        );
        assert_eq!(
            parse_err("title = \"N\"\n[[categories]]\nname = \"A\"\ncolour = \"red\"\n"),
            ["site.toml:4: unknown field `colour`, expected one of `name`, `slug`, `description`"]
        );
        assert_eq!(
            parse_err(
                "title = \"N\"\n[[categories]]\nname = \"A b\"\n[[categories]]\nname = \"a-b\"\n"
            ),
            ["site.toml:5: category \"a-b\" repeats the slug `a-b`"]
        );
        assert_eq!(
            parse_err("title = \"\"\ncategories = []\n"),
            ["site.toml:1: `title` must not be empty"]
        );
    }

    /// Lines used to be found by searching the text for the value: the first line holding it
    /// (a comment, another table's key) was named, or line 1 when it was written in single
    /// quotes. Each is now the line the value is written on.
    #[test]
    fn names_the_line_a_value_is_written_on_not_the_first_that_holds_its_text() {
        assert_eq!(
            parse_err(
                "# \"a-b\" was the old name\ntitle = \"N\"\n[[categories]]\nname = \"A b\"\n[[categories]]\nname = \"a-b\"\n"
            ),
            ["site.toml:6: category \"a-b\" repeats the slug `a-b`"]
        );
        assert_eq!(
            parse_err(
                "title = \"N\"\ntagline = \"日本\"\n[[categories]]\nname = \"A\"\n[[categories]]\nname = \"日本\"\n"
            ),
            [
                "site.toml:6: category \"日本\" has no usable slug: its name has no ASCII letters or \
                 digits to make one from; write one with `slug = \"…\"`"
            ]
        );
        assert_eq!(
            parse_err("title = 'N'\n[[categories]]\nname = 'A b'\n[[categories]]\nname = 'a-b'\n"),
            ["site.toml:5: category \"a-b\" repeats the slug `a-b`"]
        );
        assert_eq!(
            parse_err(
                "title = \"N\"\n[[categories]]\nname = \"C\"\n[call_to_action]\ntitle = \"T\"\ntext = \"x\"\nlabel = \"Go\"\nhref = 'javascript:alert(1)'\n"
            ),
            [
                "site.toml:8: link \"Go\" goes to \"javascript:alert(1)\"; a link must be a site \
                 path (`/about`), a `#fragment`, or an http(s) or mailto: URL"
            ]
        );
        // A path linked twice is named at its first line in the file: here the footer's.
        let site = parse_ok(
            "title = \"N\"\n[[footer]]\ntitle = \"F\"\n[[footer.links]]\nlabel = \"A\"\nhref = '/about'\n[[nav]]\nlabel = \"A\"\nhref = '/about'\n",
        );
        assert_eq!(
            site.site_links,
            [SitePath {
                path: "/about".to_owned(),
                line: 6
            }]
        );
    }

    /// A category or section without a slug of its own would share an address (and its heading
    /// an id) with another, or have none.
    #[test]
    fn every_category_and_section_has_a_slug_of_its_own() {
        let no_slug =
            "has no ASCII letters or digits to make one from; write one with `slug = \"…\"`";
        assert_eq!(
            parse_err(
                "title = \"N\"\n[[categories]]\nname = \"日本\"\n[[categories]]\nname = \"B\"\nslug = \"!!\"\n"
            ),
            [
                format!("site.toml:3: category \"日本\" has no usable slug: its name {no_slug}"),
                format!(
                    "site.toml:5: category \"B\" has no usable slug: its slug \"!!\" {no_slug}"
                ),
            ]
        );
        assert_eq!(
            parse_err(
                "title = \"N\"\n[[categories]]\nname = \"A\"\n[[case_study_sections]]\nname = \"日本\"\n[[case_study_sections]]\nname = \"Ops!\"\n[[case_study_sections]]\nname = \"ops\"\n"
            ),
            [
                format!(
                    "site.toml:5: case-study section \"日本\" has no usable slug: its name {no_slug}"
                ),
                "site.toml:9: case-study section \"ops\" repeats the slug `ops`".to_owned(),
            ]
        );
        let site = parse_ok(
            "title = \"N\"\n[[categories]]\nname = \"A\"\n[[case_study_sections]]\nname = \"日本\"\nslug = \"japan\"\n",
        );
        assert_eq!(site.case_study_sections[0].slug, "japan");
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;

    #[test]
    fn only_links_that_cannot_run_code_are_accepted() {
        for good in [
            "/about",
            "/",
            "#top",
            "https://example.com/a?b=c",
            "HTTP://x.example",
            "mailto:hi@example.com",
        ] {
            assert!(is_safe_link(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example",
            "about",
            "",
            "/a\"onmouseover=\"alert(1)",
            "https://x.example/<script>",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn a_hostile_nav_link_is_refused_on_its_line() {
        let text = "title = \"S\"\n[[categories]]\nname = \"C\"\n[[nav]]\nlabel = \"Go\"\nhref = \"javascript:alert(1)\"\n";
        let problems = parse(Path::new("site.toml"), text).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "site.toml:6: link \"Go\" goes to \"javascript:alert(1)\"; a link must be a site path (`/about`), a `#fragment`, or an http(s) or mailto: URL"
        );
    }
}
