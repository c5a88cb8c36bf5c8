//! Each route's page as plain HTML, in the same markup and classes the app renders, so a deep
//! link works on a host without rewrites, a reader without JavaScript can read and follow every
//! link, and link previews see the route's own title. Pure: strings in, strings out.

use quire_model::archive::{ArchivePeriod, whole_archive_note, years};
use quire_model::code::with_copy_buttons;
use quire_model::head::{PageHead, article_json_ld, website_json_ld};
use quire_model::query::{FilterChoices, ListingQuery, count_label, taxonomy_counts};
use quire_model::routes::{self, SiteBase};
use quire_model::source::ListingScope;
use quire_model::text::byline;
use quire_model::{
    ArticleLink, ArticleSummary, CaseStudySummary, CategoryInfo, Date, Manifest, NavLink,
    PageSummary, TagInfo, TocEntry,
};

use crate::body_json::ArticleParts;
use crate::shell::MarkedLinks;
use quire_model::escape::{push_xml_escaped, xml_escape as escape};

/// Entries a pre-rendered listing shows before pointing at the archive, which lists every
/// article month by month.
pub const LISTING_LIMIT: usize = 48;
/// Articles the home page lists below the hero, as the app does.
const HOME_LATEST: usize = 12;
/// Recent articles the not-found page suggests, as the app does.
const NOT_FOUND_SUGGESTIONS: usize = 3;
/// A table of contents is shown from this many headings on, as the app does.
const TOC_MIN_ENTRIES: usize = 3;

/// Stand-ins for the header controls only the app can run (see [`Prerender::header`]).
const APP_CONTROLS_ROOM: &str = "<div class=\"site-search\" data-needs-js inert aria-hidden=\"true\"><div class=\"site-search__field\"><input class=\"site-search__input\" type=\"search\" placeholder=\"Search\" tabindex=\"-1\"><kbd class=\"site-search__hint\">/</kbd></div></div><button class=\"theme-toggle\" type=\"button\" data-needs-js inert aria-hidden=\"true\" tabindex=\"-1\">Theme: system</button>";

/// One route's page: where it is written, what its head says, and its `<main>` content.
pub struct RoutePage {
    /// The route (`/insights/x`), or `None` for the host's not-found page.
    pub route: Option<String>,
    pub head: PageHead,
    pub json_ld: Option<String>,
    pub main: String,
}

impl RoutePage {
    /// The file the page is written to: `insights/x/index.html`, `index.html` or `404.html`.
    pub fn file_path(&self) -> String {
        page_file(self.route.as_deref())
    }
}

fn archive_route(period: ArchivePeriod) -> String {
    match period {
        ArchivePeriod::All => "/archive".to_owned(),
        ArchivePeriod::Year(year) => routes::archive_year(year),
        ArchivePeriod::Month { year, month } => routes::archive_month(year, month),
    }
}

/// The file a route's page is written to (`None`: the not-found page).
pub fn page_file(route: Option<&str>) -> String {
    match route {
        None => "404.html".to_owned(),
        Some("/") => "index.html".to_owned(),
        Some(route) => format!("{}/index.html", route.trim_start_matches('/')),
    }
}

/// Renders routes for one site: the manifest, the hosting base and every article, newest first.
pub struct Prerender<'a> {
    pub manifest: &'a Manifest,
    pub base: &'a SiteBase,
    pub articles: &'a [ArticleSummary],
}

impl Prerender<'_> {
    fn href(&self, route: &str) -> String {
        escape(&self.base.href(route))
    }

    /// [`Self::href`] onto the end of `out`.
    fn push_href(&self, out: &mut String, route: &str) {
        push_xml_escaped(out, &self.base.href(route));
    }

    fn canonical(&self, route: &str) -> Option<String> {
        let root = &self.manifest.site.base_url;
        (!root.is_empty()).then(|| format!("{root}{route}"))
    }

    /// `site.toml` links as list items.
    fn push_link_items(&self, out: &mut MarkedLinks, links: &[NavLink]) {
        for link in links {
            out.push_str("<li>");
            out.push_link(&link.href, &self.href(&link.href), "", &escape(&link.label));
            out.push_str("</li>");
        }
    }

    /// The site header, shared by every page (the skip link before it is each page's own, see
    /// [`crate::shell::Shell::render`]).
    ///
    /// The app's header also holds the search box and the theme toggle. Their inert look-alikes
    /// keep the same room while the app starts (shown only to a browser running scripts, see
    /// `public/theme.js`), so the page does not move when the app takes over.
    pub fn header(&self) -> MarkedLinks {
        let site = &self.manifest.site;
        let mut out =
            MarkedLinks::from("<header class=\"site-header\"><div class=\"site-header__inner\">");
        out.push_link(
            "/",
            &self.href("/"),
            " class=\"site-header__brand\"",
            &escape(&site.title),
        );
        out.push_str("<nav class=\"site-header__nav\" aria-label=\"Main\"><ul>");
        self.push_link_items(&mut out, &site.nav);
        out.push_str("</ul></nav>");
        out.push_str(APP_CONTROLS_ROOM);
        out.push_str("</div></header>");
        out
    }

    pub fn footer(&self) -> MarkedLinks {
        let site = &self.manifest.site;
        let mut out = MarkedLinks::from(
            "<footer class=\"site-footer\"><div class=\"site-footer__inner\"><div class=\"site-footer__columns\">",
        );
        for column in &site.footer {
            let title = escape(&column.title);
            out.push_str(&format!(
                "<nav class=\"site-footer__column\" aria-label=\"{title}\"><h2 class=\"site-footer__heading\">{title}</h2><ul>"
            ));
            self.push_link_items(&mut out, &column.links);
            out.push_str("</ul></nav>");
        }
        out.push_str(&format!(
            "</div><p class=\"site-footer__fineprint\">{} · {}</p></div></footer>",
            escape(&site.title),
            escape(&site.tagline)
        ));
        out
    }

    // Article cards and their meta lines are most of a large site's listing markup (every
    // archive month lists each of its articles, every article page three related ones), so they
    // are written into one buffer rather than formatted: `format!` and its intermediate strings
    // were 4% of the instructions of a 1,000-article build.

    fn meta_line(&self, article: &ArticleSummary) -> String {
        let mut out = String::with_capacity(384);
        self.push_meta_line(&mut out, article);
        out
    }

    fn push_meta_line(&self, out: &mut String, article: &ArticleSummary) {
        out.push_str("<p class=\"article-meta\">");
        if let Some(category) = &article.category {
            out.push_str("<a href=\"");
            self.push_href(out, &routes::category(category));
            out.push_str("\" class=\"article-meta__category\">");
            push_xml_escaped(out, self.manifest.category_name(category));
            out.push_str("</a>");
        }
        out.push_str("<time class=\"article-meta__date\" datetime=\"");
        match article.time {
            None => article.date.push_iso(out),
            Some(_) => out.push_str(&article.published_at()),
        }
        out.push_str("\">");
        article.date.push_human(out);
        out.push_str("</time><span class=\"article-meta__reading-time\">");
        out.push_str(&article.reading_minutes.to_string());
        out.push_str(" min read</span></p>");
    }

    fn push_card(&self, out: &mut String, article: &ArticleSummary) {
        out.push_str("<article class=\"article-card\">");
        self.push_meta_line(out, article);
        out.push_str("<h3 class=\"article-card__title\"><a href=\"");
        self.push_href(out, &routes::article(&article.slug));
        out.push_str("\">");
        push_xml_escaped(out, &article.title);
        out.push_str("</a></h3><p class=\"article-card__summary\">");
        push_xml_escaped(out, &article.summary);
        out.push_str("</p></article>");
    }

    fn card_list<'b>(&self, articles: impl IntoIterator<Item = &'b ArticleSummary>) -> String {
        let mut out = String::from("<div class=\"article-list\">");
        for article in articles {
            self.push_card(&mut out, article);
        }
        out.push_str("</div>");
        out
    }

    fn page_header(&self, eyebrow: Option<&str>, title: &str, lede: Option<&str>) -> String {
        let eyebrow = eyebrow
            .map(|text| format!("<p class=\"page-header__eyebrow\">{}</p>", escape(text)))
            .unwrap_or_default();
        let lede = lede
            .filter(|text| !text.is_empty())
            .map(|text| format!("<p class=\"page-header__lede\">{}</p>", escape(text)))
            .unwrap_or_default();
        format!(
            "<header class=\"page-header\">{eyebrow}<h1 class=\"page-header__title\" tabindex=\"-1\">{}</h1>{lede}</header>",
            escape(title)
        )
    }

    fn call_to_action(&self) -> String {
        let Some(cta) = &self.manifest.site.call_to_action else {
            return String::new();
        };
        format!(
            "<aside class=\"call-to-action\" aria-labelledby=\"call-to-action-title\"><h2 id=\"call-to-action-title\" class=\"call-to-action__title\">{}</h2><p class=\"call-to-action__text\">{}</p><a href=\"{}\" class=\"button\">{}</a></aside>",
            escape(&cta.title),
            escape(&cta.text),
            self.href(&cta.href),
            escape(&cta.label)
        )
    }

    /// A listing of `matching` articles (newest first): the filter bar's stand-in, the count, the
    /// first entries, and a way on to the rest through the archive.
    fn listing(&self, matching: &[&ArticleSummary], scope: ListingScope) -> String {
        let mut out = format!(
            "<div class=\"filtered-listing\">{}<p class=\"filtered-listing__count\">{}</p><h2 class=\"visually-hidden\">Results</h2>",
            self.filter_bar_room(matching, scope),
            count_label(matching.len())
        );
        if matching.is_empty() {
            out += "<div class=\"empty-state\"><p>No articles match these filters.</p></div>";
        } else {
            out += &self.card_list(matching.iter().take(LISTING_LIMIT).copied());
        }
        if matching.len() > LISTING_LIMIT {
            out += &format!(
                "<p class=\"latest__more\">Older articles are listed month by month in <a href=\"{}\">the archive</a>.</p>",
                self.href("/archive")
            );
        }
        out + "</div>"
    }

    /// An inert look-alike of the app's filter bar over `matching`, unfiltered: the same
    /// fields, categories and tags with the same counts (through [`FilterChoices`], as the app),
    /// collapsed behind the same toggle on a phone, so the page does not change when the app
    /// takes over. Like the header's stand-ins it is shown only while scripts run, and is
    /// hidden from assistive technology: the real bar arrives with the app.
    fn filter_bar_room(&self, matching: &[&ArticleSummary], scope: ListingScope) -> String {
        // Over `matching`, these are the counts the app's `Listing::select` gives for the
        // fields the bar shows on this page (a category page shows no categories).
        let (category_counts, tag_counts) = taxonomy_counts(matching.iter().copied());
        let mut query = ListingQuery::default();
        if let ListingScope::Tag(tag) = scope {
            query.tags.push(tag.to_owned());
        }
        let choices = FilterChoices::new(
            &self.manifest.categories,
            &self.manifest.tags,
            &query,
            &category_counts,
            &tag_counts,
        );
        let field = |label: &str, shown: &str| {
            format!(
                "<div class=\"filter-bar__field\"><label>{label}</label><select><option>{shown}</option></select></div>"
            )
        };
        let mut out = format!(
            "<form class=\"filter-bar filter-bar--collapsed\" data-needs-js inert aria-hidden=\"true\"><div class=\"filter-bar__field filter-bar__field--text\"><label>Search titles and summaries</label><input type=\"search\"></div><button type=\"button\" class=\"filter-bar__toggle\">Filters</button><div class=\"filter-bar__panel\"><div class=\"filter-bar__row\">{}{}{}</div>",
            field("From", "Any month"),
            field("To", "Any month"),
            field("Sort", "Newest first")
        );
        if !matches!(scope, ListingScope::Category(_)) {
            out += "<fieldset class=\"filter-bar__group\"><legend>Categories</legend>";
            for choice in &choices.categories {
                out += &format!(
                    "<div class=\"filter-bar__option\"><input type=\"checkbox\"><label>{}<span class=\"filter-bar__count\"> ({})</span></label></div>",
                    escape(&choice.name),
                    choice.count
                );
            }
            out += "</fieldset>";
        }
        out += "<fieldset class=\"filter-bar__group\"><legend>Tags</legend><div class=\"filter-bar__tags\">";
        for choice in &choices.tags {
            if matches!(scope, ListingScope::Tag(tag) if tag == choice.slug) {
                continue;
            }
            out += &format!(
                "<button type=\"button\" class=\"tag-toggle\" aria-pressed=\"false\">{}<span class=\"filter-bar__count\"> {}</span></button>",
                escape(&choice.name),
                choice.count
            );
        }
        out + "</div></fieldset></div></form>"
    }

    pub fn home(&self) -> RoutePage {
        let site = &self.manifest.site;
        let hero = self.manifest.featured.as_ref().map(|article| {
            let href = self.href(&routes::article(&article.slug));
            format!(
                "<section class=\"hero\" aria-labelledby=\"hero-title\"><p class=\"hero__eyebrow\">Featured</p>{}<h2 id=\"hero-title\" class=\"hero__title\"><a href=\"{href}\">{title}</a></h2><p class=\"hero__summary\">{}</p><a href=\"{href}\" class=\"button\" aria-label=\"Read article: {title}\">Read article</a></section>",
                self.meta_line(article),
                escape(&article.summary),
                title = escape(&article.title),
            )
        });
        let latest = self.manifest.latest_after_featured(HOME_LATEST);
        let latest = match self.manifest.home_latest_empty_state(latest.len()) {
            Some(empty) => format!("<p class=\"empty-state\">{empty}</p>"),
            None => self.card_list(latest),
        };
        let categories: String = self
            .manifest
            .categories
            .iter()
            .filter(|category| category.count > 0)
            .map(|category| {
                format!(
                    "<li class=\"categories__item\"><a href=\"{}\">{}</a><span class=\"categories__count\">{}</span></li>",
                    self.href(&routes::category(&category.slug)),
                    escape(&category.name),
                    count_label(category.count)
                )
            })
            .collect();
        let main = format!(
            "<div class=\"page page--home\">{}{}<section class=\"latest\" aria-labelledby=\"latest-title\"><h2 id=\"latest-title\" class=\"section-title\">Latest articles</h2>{latest}<p class=\"latest__more\"><a href=\"{}\">All articles</a></p></section><section class=\"categories\" aria-labelledby=\"categories-title\"><h2 id=\"categories-title\" class=\"section-title\">Categories</h2><ul class=\"categories__list\">{categories}</ul></section>{}</div>",
            self.page_header(None, &site.title, Some(&site.tagline)),
            hero.unwrap_or_default(),
            self.href("/insights"),
            self.call_to_action()
        );
        RoutePage {
            json_ld: self.canonical("/").map(|url| website_json_ld(site, &url)),
            route: Some("/".to_owned()),
            head: PageHead::home(site),
            main,
        }
    }

    pub fn insights(&self) -> RoutePage {
        let all: Vec<&ArticleSummary> = self.articles.iter().collect();
        RoutePage {
            route: Some("/insights".to_owned()),
            head: PageHead::insights(&self.manifest.site),
            json_ld: None,
            main: format!(
                "<div class=\"page page--insights\">{}{}</div>",
                self.page_header(None, "All articles", None),
                self.listing(&all, ListingScope::All)
            ),
        }
    }

    pub fn category(&self, category: &CategoryInfo) -> RoutePage {
        let head = PageHead::category(category, &self.manifest.site);
        let matching: Vec<&ArticleSummary> = self
            .articles
            .iter()
            .filter(|article| article.category.as_ref() == Some(&category.slug))
            .collect();
        RoutePage {
            route: Some(routes::category(&category.slug)),
            main: format!(
                "<div class=\"page page--category\">{}{}</div>",
                self.page_header(Some("Category"), &category.name, Some(&head.description)),
                self.listing(&matching, ListingScope::Category(&category.slug))
            ),
            head,
            json_ld: None,
        }
    }

    pub fn tag(&self, tag: &TagInfo) -> RoutePage {
        let head = PageHead::tag(tag, &self.manifest.site);
        let matching: Vec<&ArticleSummary> = self
            .articles
            .iter()
            .filter(|article| article.tags.contains(&tag.slug))
            .collect();
        RoutePage {
            route: Some(routes::tag(&tag.slug)),
            main: format!(
                "<div class=\"page page--tag\">{}{}</div>",
                self.page_header(None, &head.title, None),
                self.listing(&matching, ListingScope::Tag(&tag.slug))
            ),
            head,
            json_ld: None,
        }
    }

    /// `/archive` and every year and month in it, each page made by [`Self::archive_page`].
    pub fn archive_periods(&self) -> Vec<ArchivePeriod> {
        let mut periods = vec![ArchivePeriod::All];
        for year in years(&self.manifest.archive) {
            periods.push(ArchivePeriod::Year(year.year));
            for month in &year.months {
                periods.push(ArchivePeriod::Month {
                    year: year.year,
                    month: month.month,
                });
            }
        }
        periods
    }

    /// Every route but the articles' that has a page, as the pages rendered from the same
    /// manifest have them (home, listings, search, not found, archive periods, case studies and
    /// pages), without rendering any.
    pub fn route_paths(&self) -> Vec<Option<String>> {
        let manifest = self.manifest;
        let mut paths: Vec<Option<String>> =
            ["/", "/insights", "/case-studies", "/search", routes::TAGS]
                .map(|route| Some(route.to_owned()))
                .into();
        paths.push(None);
        paths.extend(
            manifest
                .categories
                .iter()
                .map(|c| Some(routes::category(&c.slug))),
        );
        paths.extend(manifest.tags.iter().map(|t| Some(routes::tag(&t.slug))));
        paths.extend(
            self.archive_periods()
                .into_iter()
                .map(|period| Some(archive_route(period))),
        );
        paths.extend(
            manifest
                .case_studies
                .iter()
                .map(|s| Some(routes::case_study(&s.slug))),
        );
        paths.extend(manifest.pages.iter().map(|p| Some(routes::page(&p.slug))));
        paths
    }

    /// The tree of periods and the period's articles.
    pub fn archive_page(&self, period: ArchivePeriod) -> RoutePage {
        let tree: String = years(&self.manifest.archive)
            .into_iter()
            .map(|year| {
                let months: String = year
                    .months
                    .iter()
                    .map(|month| {
                        let current = period
                            == ArchivePeriod::Month {
                                year: year.year,
                                month: month.month,
                            };
                        format!(
                            "<li><a href=\"{}\"{}>{}</a><span class=\"archive__count\"> ({})</span></li>",
                            self.href(&routes::archive_month(year.year, month.month)),
                            if current { " aria-current=\"page\"" } else { "" },
                            Date::new(year.year, month.month, 1)
                                .map(Date::month_heading)
                                .unwrap_or_default(),
                            month.count
                        )
                    })
                    .collect();
                format!(
                    "<li class=\"archive__year\"><a href=\"{}\">{}</a><span class=\"archive__count\"> ({})</span><ul class=\"archive__months\">{months}</ul></li>",
                    self.href(&routes::archive_year(year.year)),
                    year.year,
                    year.count
                )
            })
            .collect();
        let articles = period
            .range()
            .map(|(from, to)| {
                let (from, to) = (from.first_day(), to.last_day());
                let matching: Vec<&ArticleSummary> = self
                    .articles
                    .iter()
                    .filter(|article| article.date >= from && article.date <= to)
                    .collect();
                // A month lists every article it holds: it is how a reader without JavaScript
                // reaches any article, however old.
                let shown = match period {
                    ArchivePeriod::Month { .. } => matching.len(),
                    _ => LISTING_LIMIT,
                };
                format!(
                    "<p class=\"filtered-listing__count\">{}</p>{}",
                    count_label(matching.len()),
                    self.card_list(matching.into_iter().take(shown))
                )
            })
            .map_or_else(
                || {
                    format!(
                        "<p class=\"archive__note\">{}</p>",
                        whole_archive_note(&self.manifest.archive)
                    )
                },
                |articles| format!("<h2 class=\"visually-hidden\">Articles</h2>{articles}"),
            );
        let route = archive_route(period);
        let head = PageHead::archive(period);
        RoutePage {
            route: Some(route),
            main: format!(
                "<div class=\"page page--archive\">{}<div class=\"archive\"><nav class=\"archive__index\" aria-label=\"Archive by month\"><ul class=\"archive__years\">{tree}</ul></nav><div class=\"archive__articles\">{articles}</div></div></div>",
                self.page_header(None, &head.title, None)
            ),
            head,
            json_ld: None,
        }
    }

    fn push_neighbour(&self, out: &mut String, label: &str, link: Option<&ArticleLink>) {
        let Some(link) = link else {
            return;
        };
        out.push_str("<a href=\"");
        self.push_href(out, &routes::article(&link.slug));
        out.push_str("\" class=\"article-nav__link\"><span class=\"article-nav__label\">");
        out.push_str(label);
        out.push_str("</span><span class=\"article-nav__title\">");
        push_xml_escaped(out, &link.title);
        out.push_str("</span></a>");
    }

    /// An article, with its sanitised body exactly as the bundle carries it.
    pub fn article(&self, body: &ArticleParts<'_>) -> RoutePage {
        let article = body.article;
        let route = routes::article(&article.slug);
        let html = with_copy_buttons(body.html);
        // Room for the body and the related cards, so the page is copied once.
        let mut main = String::with_capacity(html.len() + 4096 + 1024 * body.related.len());
        main.push_str("<article class=\"article\"><header class=\"article__header\">");
        self.push_meta_line(&mut main, article);
        main.push_str("<h1 class=\"article__title\" tabindex=\"-1\">");
        push_xml_escaped(&mut main, &article.title);
        main.push_str("</h1>");
        // As the app: a summary cut from the first paragraph is not repeated above it.
        if article.own_summary {
            main.push_str("<p class=\"article__summary\">");
            push_xml_escaped(&mut main, &article.summary);
            main.push_str("</p>");
        }
        if let Some(byline) = byline(&article.authors) {
            main.push_str("<p class=\"article__byline\">");
            push_xml_escaped(&mut main, &byline);
            main.push_str("</p>");
        }
        if let Some(updated) = article.updated {
            main.push_str("<p class=\"article__updated\">Updated <time datetime=\"");
            updated.push_iso(&mut main);
            main.push_str("\">");
            updated.push_human(&mut main);
            main.push_str("</time></p>");
        }
        if !article.tags.is_empty() {
            main.push_str("<ul class=\"article__tags\" aria-label=\"Tags\">");
            for slug in &article.tags {
                main.push_str("<li><a href=\"");
                self.push_href(&mut main, &routes::tag(slug));
                main.push_str("\" class=\"tag\">");
                push_xml_escaped(&mut main, self.manifest.tag_name(slug));
                main.push_str("</a></li>");
            }
            main.push_str("</ul>");
        }
        main.push_str("</header>");
        main.push_str(&table_of_contents(body.toc, &self.href(&route)));
        main.push_str("<div class=\"article__body prose\">");
        main.push_str(&html);
        main.push_str("</div><nav class=\"article-nav\" aria-label=\"Newer and older articles\">");
        self.push_neighbour(&mut main, "Newer", body.newer);
        self.push_neighbour(&mut main, "Older", body.older);
        main.push_str("</nav></article>");
        if !body.related.is_empty() {
            main.push_str("<section class=\"related\" aria-labelledby=\"related-title\"><h2 id=\"related-title\" class=\"section-title\">Related articles</h2>");
            main.push_str(&self.card_list(body.related.iter().copied()));
            main.push_str("</section>");
        }
        main.push_str(&self.call_to_action());
        RoutePage {
            json_ld: self
                .canonical(&route)
                .map(|url| article_json_ld(self.manifest, article, &url)),
            route: Some(route),
            head: PageHead::article(article),
            main,
        }
    }

    /// `/tags`: every tag with articles, A to Z in groups by initial, with a link to each group.
    pub fn tags_index(&self) -> RoutePage {
        RoutePage {
            route: Some(routes::TAGS.to_owned()),
            head: PageHead::tags(&self.manifest.site),
            json_ld: None,
            main: format!(
                "<div class=\"page page--tags\">{}<div class=\"tag-directory\">{}</div></div>",
                self.page_header(None, "Tags", Some(Manifest::TAGS_LEDE)),
                self.manifest.tags_index_html(self.base)
            ),
        }
    }

    pub fn case_studies(&self) -> RoutePage {
        let sections: String = self
            .manifest
            .case_study_sections
            .iter()
            .filter_map(|section| {
                let items: String = self
                    .manifest
                    .case_studies
                    .iter()
                    .filter(|study| study.sections.contains(&section.slug))
                    .map(|study| {
                        format!(
                            "<li class=\"case-study-entry\"><h3 class=\"case-study-entry__title\"><a href=\"{}\">{}</a></h3><p class=\"case-study-entry__subtitle\">{}</p></li>",
                            self.href(&routes::case_study(&study.slug)),
                            escape(&study.title),
                            escape(&study.subtitle)
                        )
                    })
                    .collect();
                (!items.is_empty()).then(|| {
                    format!(
                        "<section class=\"case-study-section\" aria-labelledby=\"section-{slug}\"><h2 id=\"section-{slug}\" class=\"section-title\">{}</h2><ul class=\"case-study-list\">{items}</ul></section>",
                        escape(&section.name),
                        slug = escape(&section.slug)
                    )
                })
            })
            .collect();
        let empty = if self.manifest.case_studies.is_empty() {
            "<p class=\"empty-state\">No case studies have been published yet.</p>"
        } else {
            ""
        };
        RoutePage {
            route: Some("/case-studies".to_owned()),
            head: PageHead::case_studies(&self.manifest.site),
            json_ld: None,
            main: format!(
                "<div class=\"page page--case-studies\">{}{empty}{sections}</div>{}",
                self.page_header(None, "Case studies", None),
                self.call_to_action()
            ),
        }
    }

    pub fn case_study(&self, study: &CaseStudySummary, html: &str) -> RoutePage {
        let sections: Vec<&str> = study
            .sections
            .iter()
            .filter_map(|slug| {
                self.manifest
                    .case_study_sections
                    .iter()
                    .find(|section| &section.slug == slug)
            })
            .map(|section| section.name.as_str())
            .collect();
        let date = study
            .date
            .map(|date| format!("<time datetime=\"{date}\">{}</time>", date.human()))
            .unwrap_or_default();
        RoutePage {
            route: Some(routes::case_study(&study.slug)),
            head: PageHead::case_study(study),
            json_ld: None,
            main: format!(
                "<article class=\"article\"><header class=\"article__header\"><p class=\"article-meta\"><a href=\"{}\" class=\"article-meta__category\">Case study</a><span>{}</span>{date}<span>{} min read</span></p><h1 class=\"article__title\" tabindex=\"-1\">{}</h1><p class=\"article__summary\">{}</p></header><div class=\"prose\">{}</div></article>{}",
                self.href("/case-studies"),
                escape(&sections.join(" · ")),
                study.reading_minutes,
                escape(&study.title),
                escape(&study.subtitle),
                with_copy_buttons(html),
                self.call_to_action()
            ),
        }
    }

    pub fn page(&self, page: &PageSummary, html: &str) -> RoutePage {
        RoutePage {
            route: Some(routes::page(&page.slug)),
            head: PageHead::page(page),
            json_ld: None,
            main: format!(
                "<article class=\"page page--content article\">{}<div class=\"prose\">{}</div></article>",
                self.page_header(None, &page.title, Some(&page.description)),
                with_copy_buttons(html)
            ),
        }
    }

    /// The host's answer for any path it has no file for.
    /// Search needs the app; without it the page says so and points at the archive, which
    /// reaches every article with plain links.
    pub fn search(&self) -> RoutePage {
        RoutePage {
            route: Some("/search".to_owned()),
            head: PageHead::search(&self.manifest.site),
            json_ld: None,
            main: format!(
                "<div class=\"page page--search\">{}<p>Search runs in your browser and needs JavaScript. Every article is also listed by month in the <a href=\"{}\">archive</a>.</p></div>",
                self.page_header(None, "Search", None),
                self.href("/archive")
            ),
        }
    }

    pub fn not_found(&self) -> RoutePage {
        let suggestions: String = self
            .manifest
            .latest
            .iter()
            .take(NOT_FOUND_SUGGESTIONS)
            .map(|article| {
                format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    self.href(&routes::article(&article.slug)),
                    escape(&article.title)
                )
            })
            .collect();
        let head = PageHead::not_found();
        RoutePage {
            route: None,
            json_ld: None,
            main: format!(
                "<div class=\"page page--not-found\"><header class=\"page-header\"><h1 class=\"page-header__title\" tabindex=\"-1\">This page does not exist</h1><p class=\"page-header__lede\">{}</p></header><p class=\"not-found__links\"><a href=\"{}\" class=\"button\">Home</a> <a href=\"{}\" class=\"button button--secondary\">All articles</a></p><section class=\"not-found__suggestions\" aria-labelledby=\"suggestions-title\"><h2 id=\"suggestions-title\" class=\"section-title\">Recent articles</h2><ul>{suggestions}</ul></section></div>",
                escape(&head.description),
                self.href("/"),
                self.href("/insights")
            ),
            head,
        }
    }
}

/// The contents of the page at `page_href` (its route under the hosting base): each entry links
/// the page's own path with the heading's fragment, since a bare `#id` means the site's root
/// under `<base href>`.
fn table_of_contents(entries: &[TocEntry], page_href: &str) -> String {
    if entries.len() < TOC_MIN_ENTRIES {
        return String::new();
    }
    let items: String = entries
        .iter()
        .map(|entry| {
            format!(
                "<li class=\"toc__item toc__item--level-{}\"><a href=\"{page_href}#{}\">{}</a></li>",
                entry.level,
                escape(&entry.id),
                escape(&entry.title)
            )
        })
        .collect();
    format!(
        "<nav class=\"toc\" aria-label=\"On this page\"><h2 class=\"toc__title\">On this page</h2><ol class=\"toc__list\">{items}</ol></nav>"
    )
}
