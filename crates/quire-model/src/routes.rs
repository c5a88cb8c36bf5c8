//! The site's route paths and the sub-path it is hosted under, shared by the app's links and the
//! compiler's pre-rendered pages so both always agree.
//!
//! Routes are written root-relative (`/insights/x`); [`SiteBase::href`] puts them under the
//! hosting prefix in their [`address`] form (`/blog/insights/x/`) and [`SiteBase::route`] takes
//! the prefix off again.

pub fn article(slug: &str) -> String {
    format!("/insights/{slug}")
}

pub fn category(slug: &str) -> String {
    format!("/category/{slug}")
}

pub fn tag(slug: &str) -> String {
    format!("/tag/{slug}")
}

pub fn case_study(slug: &str) -> String {
    format!("/case-studies/{slug}")
}

/// Every tag, A to Z.
pub const TAGS: &str = "/tags";

/// Every article, newest first.
pub const INSIGHTS: &str = "/insights";

/// Every month and year that has articles.
pub const ARCHIVE: &str = "/archive";

/// Every case study, in its sections.
pub const CASE_STUDIES: &str = "/case-studies";

/// First path segments the app routes itself (and the bundle's folder): a page may not take one.
pub const RESERVED_PAGE_SLUGS: &[&str] = &[
    "insights",
    "category",
    "tag",
    "tags",
    "archive",
    "case-studies",
    "search",
    "bundle",
];

/// The id of a group on the `/tags` page (`tags-a`, `tags-other` for the `#` group), which the
/// page's initials link to.
pub fn tag_group_id(initial: char) -> String {
    if initial.is_ascii_alphabetic() {
        format!("tags-{}", initial.to_ascii_lowercase())
    } else {
        "tags-other".to_owned()
    }
}

pub fn page(slug: &str) -> String {
    format!("/{slug}")
}

pub fn archive_year(year: u16) -> String {
    format!("/archive/{year:04}")
}

pub fn archive_month(year: u16, month: u8) -> String {
    format!("/archive/{year:04}/{month:02}")
}

/// Whether a site link (`/insights`, `/about#team`, `https://…`) leads to the section the reader
/// is in: the route itself or a route below it (`/insights` for `/insights/x`). The home page
/// counts only for itself, and links off the site never do. The app's navigation and the
/// pre-rendered pages mark the same links `aria-current` through this rule.
pub fn is_current(link: &str, route: &str) -> bool {
    if !link.starts_with('/') || link.starts_with("//") {
        return false;
    }
    let path = link.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_end_matches('/');
    let route = route.trim_end_matches('/');
    if path.is_empty() {
        return route.is_empty();
    }
    route
        .strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether the app could have a page at a route path (`/insights/x`, without the hosting base
/// or query): its shape is one of the app's routes, with a slug wherever the route has a slug,
/// year or month. Every other path (a feed, a file from `static/`, an old address an `aliases`
/// key redirects) is the host's to answer, so the app must leave links to it to the browser.
///
/// The app's route table (`src/app.rs`) and this shape must change together.
pub fn could_be_page(route: &str) -> bool {
    let Some(path) = route.strip_prefix('/') else {
        return false;
    };
    let path = path.strip_suffix('/').unwrap_or(path);
    if path.is_empty() {
        return true;
    }
    let mut segments = path.split('/');
    let first = segments.next().unwrap_or_default();
    let rest: Vec<&str> = segments.collect();
    let slug_shaped = |segment: &str| !segment.is_empty() && crate::slugify(segment) == segment;
    if !slug_shaped(first) || !rest.iter().all(|segment| slug_shaped(segment)) {
        return false;
    }
    matches!(
        (first, rest.len()),
        (_, 0)
            | (
                "insights" | "category" | "tag" | "case-studies" | "archive",
                1
            )
            | ("archive", 2)
    )
}

/// A site link in the form every static host serves without a redirect: a page is a folder with
/// an `index.html`, and GitHub Pages, S3 website hosting, nginx and Apache answer a folder's
/// address without its trailing slash with a 301 to the address with it. So a page's path gets
/// its slash (`/insights/x/`, `/insights/?tag=a`, `/about/#team`); the home page, files
/// (`/atom.xml`, `/img/a.png`) and links off the site stay as they are. The app's routes match
/// both forms, so an address without the slash (the URL contract's older form) still works.
pub fn address(link: &str) -> String {
    if !link.starts_with('/') || link.starts_with("//") {
        return link.to_owned();
    }
    let end = link.find(['?', '#']).unwrap_or(link.len());
    let (path, rest) = link.split_at(end);
    if path.ends_with('/') || !could_be_page(path) {
        return link.to_owned();
    }
    format!("{path}/{rest}")
}

/// A route's absolute URL under the site's public root (see [`public_root`]), in its [`address`]
/// form: what canonical links, the sitemap and the feeds name.
pub fn public_url(root: &str, route: &str) -> String {
    format!("{root}{}", address(route))
}

/// The path prefix a site is served under: empty for the host's root, `/blog` for `/blog/`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteBase {
    prefix: String,
}

impl SiteBase {
    /// Accepts `/`, `/blog`, `/blog/`, `blog/` or a full `<base href>` path; empty means the root.
    pub fn new(path: &str) -> Self {
        let trimmed = path.trim().trim_matches('/');
        let prefix = if trimmed.is_empty() {
            String::new()
        } else {
            format!("/{trimmed}")
        };
        Self { prefix }
    }

    /// `""` at the root, `/blog` under `/blog/`: what goes in front of a root-relative route.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The base as a directory path with both slashes (`/`, `/blog/`), the form `<base href>` and
    /// host rules use.
    pub fn dir(&self) -> String {
        format!("{}/", self.prefix)
    }

    /// Puts a site link under the base, in its [`address`] form. Root-relative paths (`/about`)
    /// are prefixed (`/blog/about/`); absolute URLs, protocol-relative URLs, fragments and
    /// everything else pass through untouched.
    pub fn href(&self, link: &str) -> String {
        if link.starts_with('/') && !link.starts_with("//") {
            format!("{}{}", self.prefix, address(link))
        } else {
            link.to_owned()
        }
    }

    /// Puts a link an author wrote under the base, in the form it was written (`/about` ->
    /// `/blog/about`): the author's address, not one Quire makes (those go through [`Self::href`]).
    pub fn prefixed(&self, link: &str) -> String {
        if link.starts_with('/') && !link.starts_with("//") {
            format!("{}{link}", self.prefix)
        } else {
            link.to_owned()
        }
    }

    /// The route a browser path shows: the path with the base taken off, `None` when the path is
    /// outside the base (so nothing of the app may claim it).
    pub fn route<'a>(&self, path: &'a str) -> Option<&'a str> {
        if self.prefix.is_empty() {
            return Some(path);
        }
        let rest = path.strip_prefix(self.prefix.as_str())?;
        match rest {
            "" => Some("/"),
            rest if rest.starts_with('/') => Some(rest),
            _ => None,
        }
    }
}

/// The public address of the site's root: `base_url` as written in `site.toml`, with the hosting
/// base appended when `base_url` names only an origin (`https://example.com` + `/blog/`).
/// A `base_url` that already has a path is taken as the author's word.
pub fn public_root(base_url: &str, base: &SiteBase) -> String {
    let base_url = base_url.trim_end_matches('/');
    if base_url.is_empty() {
        return String::new();
    }
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    if after_scheme.contains('/') {
        base_url.to_owned()
    } else {
        format!("{base_url}{}", base.prefix())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_route_table_shapes_could_be_pages() {
        for route in [
            "/",
            "/insights",
            "/insights/",
            "/insights/postgres-connection-pooling",
            "/category/ai-automation",
            "/tag/k8s",
            "/search",
            "/archive",
            "/archive/2026",
            "/archive/2026/11",
            "/case-studies",
            "/case-studies/retail-checkout",
            "/about",
            "/2026",
        ] {
            assert!(could_be_page(route), "{route}");
        }
        for (slug, route) in [("x", article("x")), ("y-2", page("y-2"))] {
            assert!(could_be_page(&route), "{slug}: {route}");
        }
    }

    #[test]
    fn files_and_other_shapes_are_the_hosts() {
        for route in [
            "",
            "insights",
            "/feed.xml",
            "/atom.xml",
            "/robots.txt",
            "/img/checkout-budget-by-hop.svg",
            "/files/report.pdf",
            "/2026/11/postgres-connection-pooling/",
            "/insights/a/b",
            "/tag/K8s",
            "/insights/caf%C3%A9",
            "/about//",
            "//cdn.example/x",
            "/archive/2026/11/03",
            "/bundle/manifest.json",
        ] {
            assert!(!could_be_page(route), "{route}");
        }
    }

    #[test]
    fn every_spelling_of_a_base_means_the_same_prefix() {
        for spelling in ["/blog/", "/blog", "blog/", "blog", " /blog/ "] {
            assert_eq!(SiteBase::new(spelling).prefix(), "/blog", "{spelling:?}");
        }
        for root in ["", "/", "//"] {
            assert_eq!(SiteBase::new(root).prefix(), "", "{root:?}");
        }
        assert_eq!(SiteBase::new("/a/b/").dir(), "/a/b/");
        assert_eq!(SiteBase::new("/").dir(), "/");
    }

    #[test]
    fn href_prefixes_only_root_relative_links() {
        let base = SiteBase::new("/blog/");
        assert_eq!(base.href("/"), "/blog/");
        assert_eq!(base.href(&article("x")), "/blog/insights/x/");
        assert_eq!(base.href("/feed.xml"), "/blog/feed.xml");
        assert_eq!(base.href("https://example.com/a"), "https://example.com/a");
        assert_eq!(base.href("//cdn.example.com/a"), "//cdn.example.com/a");
        assert_eq!(base.href("#top"), "#top");
        assert_eq!(base.href("mailto:a@example.com"), "mailto:a@example.com");
        assert_eq!(SiteBase::default().href("/about"), "/about/");
        assert_eq!(base.prefixed("/about"), "/blog/about");
        assert_eq!(base.prefixed("/about/#team"), "/blog/about/#team");
        assert_eq!(base.prefixed("//cdn.example.com/a"), "//cdn.example.com/a");
        assert_eq!(base.prefixed("#top"), "#top");
    }

    #[test]
    fn a_page_address_is_its_folder_and_a_file_stays_a_file() {
        for (link, expected) in [
            ("/", "/"),
            ("/insights", "/insights/"),
            ("/insights/", "/insights/"),
            ("/insights/x", "/insights/x/"),
            ("/insights?tag=a&page=2", "/insights/?tag=a&page=2"),
            ("/about#team", "/about/#team"),
            ("/insights/x?q=1#why", "/insights/x/?q=1#why"),
            ("/archive/2026/03", "/archive/2026/03/"),
            ("/?utm=x", "/?utm=x"),
            ("/feed.xml", "/feed.xml"),
            ("/img/a.png", "/img/a.png"),
            ("/files/report.pdf?download", "/files/report.pdf?download"),
            ("/insights/a/b", "/insights/a/b"),
            (
                "https://example.com/insights",
                "https://example.com/insights",
            ),
            ("//cdn.example/insights", "//cdn.example/insights"),
            ("#top", "#top"),
            ("mailto:a@example.com", "mailto:a@example.com"),
        ] {
            assert_eq!(address(link), expected, "{link}");
        }
    }

    #[test]
    fn route_takes_the_base_off_and_refuses_paths_outside_it() {
        let base = SiteBase::new("/blog/");
        assert_eq!(base.route("/blog"), Some("/"));
        assert_eq!(base.route("/blog/"), Some("/"));
        assert_eq!(base.route("/blog/insights/x"), Some("/insights/x"));
        assert_eq!(base.route("/blogger"), None);
        assert_eq!(base.route("/other"), None);
        assert_eq!(SiteBase::default().route("/x"), Some("/x"));
    }

    #[test]
    fn public_root_adds_the_base_to_a_bare_origin_only() {
        let blog = SiteBase::new("/blog/");
        assert_eq!(
            public_root("https://example.com/", &blog),
            "https://example.com/blog"
        );
        assert_eq!(
            public_root("https://example.com/news", &blog),
            "https://example.com/news"
        );
        assert_eq!(
            public_root("https://example.com", &SiteBase::default()),
            "https://example.com"
        );
        assert_eq!(public_root("", &blog), "");
    }

    #[test]
    fn a_link_is_current_for_its_route_and_the_routes_below_it() {
        assert!(is_current("/insights", "/insights"));
        assert!(is_current("/insights", "/insights/x"));
        assert!(is_current("/insights/", "/insights"));
        assert!(is_current("/insights?category=ops", "/insights/x"));
        assert!(is_current("/about#team", "/about"));
        assert!(is_current("/archive", "/archive/2026/03"));
        assert!(!is_current("/insights", "/insightsx"));
        assert!(!is_current("/insights", "/"));
        assert!(!is_current("/insights/x", "/insights"));
        assert!(!is_current("/case-studies", "/insights"));
    }

    #[test]
    fn home_is_current_only_for_itself_and_off_site_links_never() {
        assert!(is_current("/", "/"));
        assert!(is_current("/?utm=x", "/"));
        assert!(!is_current("/", "/insights"));
        assert!(!is_current("/", "/insights/x"));
        assert!(!is_current("https://example.com/insights", "/insights"));
        assert!(!is_current("//example.com/insights", "/insights"));
        assert!(!is_current("mailto:a@example.com", "/"));
        assert!(!is_current("#top", "/"));
        assert!(!is_current("insights", "/insights"));
    }

    #[test]
    fn route_builders_pad_archive_periods() {
        assert_eq!(archive_year(987), "/archive/0987");
        assert_eq!(archive_month(2026, 3), "/archive/2026/03");
        assert_eq!(category("rust"), "/category/rust");
        assert_eq!(tag("wasm"), "/tag/wasm");
        assert_eq!(case_study("c"), "/case-studies/c");
        assert_eq!(page("about"), "/about");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::archive::ArchivePeriod;

    proptest! {
        #[test]
        fn any_path_either_stays_under_the_base_or_is_refused(base in "[a-z/]{0,12}", path in "\\PC{0,80}") {
            let base = SiteBase::new(&base);
            if let Some(route) = base.route(&path) {
                prop_assert!(route.starts_with('/') || base.prefix().is_empty());
                let back = base.href(route);
                prop_assert_eq!(base.route(&back).map(str::to_owned), Some(address(route)));
            }
        }

        #[test]
        fn an_address_only_adds_a_page_its_slash(link in "/[a-z0-9/.?#=-]{0,30}") {
            let shown = address(&link);
            prop_assert_eq!(address(&shown), shown.clone());
            let end = link.find(['?', '#']).unwrap_or(link.len());
            let (path, rest) = link.split_at(end);
            let with_slash = format!("{path}/{rest}");
            prop_assert!(shown == link || shown == with_slash);
            prop_assert_eq!(shown != link, could_be_page(path) && !path.ends_with('/'));
        }

        #[test]
        fn a_route_is_current_for_itself_and_its_ancestors_only(segments in proptest::collection::vec("[a-z0-9-]{1,6}", 0..5), cut in 0usize..6) {
            let route = format!("/{}", segments.join("/"));
            let ancestor = format!("/{}", segments[..cut.min(segments.len())].join("/"));
            prop_assert!(is_current(&route, &route));
            prop_assert_eq!(is_current(&ancestor, &route), ancestor != "/" || route == "/");
            let sibling = format!("{route}x");
            prop_assert!(!is_current(&sibling, &route));
        }

        #[test]
        fn any_archive_segments_give_a_period_or_not_found(year in "\\PC{0,8}", month in proptest::option::of("\\PC{0,4}")) {
            if let Some(period) = ArchivePeriod::from_segments(Some(&year), month.as_deref()) {
                prop_assert!(period.range().is_some());
                prop_assert!(!period.heading().is_empty());
            }
        }
    }
}
