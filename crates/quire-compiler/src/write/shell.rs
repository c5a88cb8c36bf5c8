//! The app's built `index.html` as a template for every pre-rendered route: parsed once with
//! lol_html, split where the head tags and the app go, then filled per route with what the app's
//! components rendered.

use lol_html::html_content::{ContentType, Element, TextChunk};
use lol_html::{RewriteStrSettings, element, rewrite_str, text};
use quire::data::preload::{PRELOAD_ELEMENT_ID, PRELOAD_MANIFEST_ATTRIBUTE};
use quire_model::escape::xml_escape as escape;

pub use crate::error::ShellError;

/// The policy every page ships with: scripts, styles, fonts and fetches from the site itself
/// only, wasm compilation allowed, and no inline code but the shell's own, each piece allowed by
/// its hash. Images, video and audio may come from any https origin, since articles may show them.
pub(crate) fn content_security_policy(inline: &InlineCode) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; img-src 'self' https: data:; media-src 'self' https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; manifest-src 'self'",
        inline.scripts.concat(),
        inline.styles.concat()
    )
}

/// The hashes (` 'sha256-…'`, each with its leading space) of the shell's inline scripts and
/// stylesheets: the only inline code the policy allows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct InlineCode {
    scripts: Vec<String>,
    styles: Vec<String>,
}

impl InlineCode {
    fn source(code: &str) -> String {
        use base64::Engine as _;
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(code.as_bytes());
        format!(
            " 'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    }
}

/// Whether `code` could end the element it is inlined into early.
fn closes_element(code: &str, element: &str) -> bool {
    code.to_ascii_lowercase().contains(&format!("</{element}"))
}

/// Replaces `el` with an `<{element}>` holding the file its `attribute` names, when that file
/// can be read and cannot end the element early; otherwise leaves it as it is.
fn inline_asset(
    el: &mut Element,
    attribute: &str,
    element: &str,
    read_asset: &dyn Fn(&str) -> Option<String>,
) {
    let code = el
        .get_attribute(attribute)
        .and_then(|url| read_asset(&url))
        .filter(|code| !closes_element(code, element));
    if let Some(code) = code {
        el.replace(&format!("<{element}>{code}</{element}>"), ContentType::Html);
    }
}

/// Where a route's head tags begin: the comment `leptos_meta` hydrates the tags after.
const HEAD_START: &str = "<!--HEAD-->";
/// Where they end, so that a page this compiler wrote can serve as the shell again.
const HEAD_END: &str = "<!--/HEAD-->";

// Markers placed by lol_html and cut out again at once; the shell's minifier ran before us, so
// they survive to the split.
const HEAD: &str = "<!--quire:head-->";
const BODY: &str = "<!--quire:body-->";
const POLICY: &str = "<!--quire:policy-->";

/// The shell cut at the two places a route fills in.
#[derive(Debug)]
pub struct Shell {
    before_head: String,
    before_app: String,
    rest: String,
    inline: InlineCode,
}

/// One route's page as the app's components rendered it.
pub(crate) struct RoutePage {
    /// The route (`/insights/x`), or `None` for the host's not-found page, which is served at
    /// any address and so is not hydrated but rendered again by the app.
    pub route: Option<String>,
    /// The split point whose chunk of the app the route needs (`quire::routes`), which
    /// `public/boot.js` fetches beside the entry module.
    pub split_point: Option<&'static str>,
    /// The head tags the components asked for, title included.
    pub head: String,
    /// The contents of `#app`.
    pub body: String,
    /// The bundle files the render read, as the JSON object the app hydrates from.
    pub data: String,
    /// The bundle path of the manifest the render read, which the app fetches to hydrate.
    pub manifest: String,
}

/// The hashes of the inline scripts (those a browser runs, not data blocks such as JSON-LD) and
/// stylesheets in `html`.
fn inline_code(html: &str) -> Result<InlineCode, ShellError> {
    /// Adds `chunk` to `text`, and `text`'s hash to `sources` once the element's text is whole.
    fn hash_when_whole(chunk: &TextChunk, text: &mut String, sources: &mut Vec<String>) {
        text.push_str(chunk.as_str());
        if chunk.last_in_text_node() {
            sources.push(InlineCode::source(text));
            text.clear();
        }
    }
    let mut inline = InlineCode::default();
    let (mut script, mut style) = (String::new(), String::new());
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                text!(
                    "script:not([src]):not([type]), script[type=module]:not([src])",
                    |chunk| {
                        hash_when_whole(chunk, &mut script, &mut inline.scripts);
                        Ok(())
                    }
                ),
                text!("style", |chunk| {
                    hash_when_whole(chunk, &mut style, &mut inline.styles);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|error| ShellError::Parse(error.to_string()))?;
    for sources in [&mut inline.scripts, &mut inline.styles] {
        sources.sort();
        sources.dedup();
    }
    Ok(inline)
}

/// `html` with an earlier route's head tags (and its title among them) cut out for a `<title>`
/// of its own: a page this compiler wrote works as a shell too.
fn without_route_head(html: &str) -> std::borrow::Cow<'_, str> {
    let Some(start) = html.find(HEAD_START) else {
        return html.into();
    };
    let Some(end) = html[start..]
        .find(HEAD_END)
        .map(|end| start + end + HEAD_END.len())
    else {
        return html.into();
    };
    format!("{}<title></title>{}", &html[..start], &html[end..]).into()
}

/// `html` (the app's built `index.html`) with its stylesheets and parser-blocking scripts
/// inlined, its title and app element marked for the route's head and body, the policy's place
/// marked after the charset when `csp`, and what a page this compiler wrote adds removed.
fn marked_shell(
    html: &str,
    csp: bool,
    read_asset: &dyn Fn(&str) -> Option<String>,
) -> Result<String, ShellError> {
    let html = without_route_head(html);
    rewrite_str(
        &html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("meta[charset]", |el| {
                    if csp {
                        el.after(POLICY, ContentType::Html);
                    }
                    Ok(())
                }),
                element!("link[rel=stylesheet][href]", |el| {
                    inline_asset(el, "href", "style", read_asset);
                    Ok(())
                }),
                // Modules and async or deferred scripts do not hold the first paint.
                element!("script[src]", |el| {
                    let blocks_parsing = el.get_attribute("type").is_none()
                        && !el.has_attribute("async")
                        && !el.has_attribute("defer");
                    if blocks_parsing {
                        inline_asset(el, "src", "script", read_asset);
                    }
                    Ok(())
                }),
                // The route's head tags, its title among them, take the shell's title's
                // place: a minified shell has no `<head>` tag to find.
                element!("title", |el| {
                    el.replace(HEAD, ContentType::Html);
                    Ok(())
                }),
                element!("#app", |el| {
                    el.replace(BODY, ContentType::Html);
                    Ok(())
                }),
                // Left from before pages were pre-rendered; every route now reads without JS.
                element!("noscript", |el| {
                    el.remove();
                    Ok(())
                }),
                // A page this compiler wrote works as a shell too (publishing new content
                // into an existing dist/ without rebuilding the app): its own parts go.
                element!(
                    "#quire-data, meta[http-equiv=\"Content-Security-Policy\"]",
                    |el| {
                        el.remove();
                        Ok(())
                    }
                ),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|error| ShellError::Parse(error.to_string()))
}

impl Shell {
    /// Prepares `html`, the app's built `index.html`. Its stylesheets and parser-blocking
    /// scripts are inlined, read through `read_asset` (given each `href` or `src`; `None` keeps
    /// the element as it is): the first paint then needs the page alone, where each of them was
    /// a request that held it. With `csp`, the policy goes in as a `<meta>` right after the
    /// charset, before any script it governs.
    pub fn parse(
        html: &str,
        csp: bool,
        read_asset: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, ShellError> {
        let marked = marked_shell(html, csp, read_asset)?;
        let inline = inline_code(&marked)?;
        let marked = marked.replacen(
            POLICY,
            &format!(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
                escape(&content_security_policy(&inline))
            ),
            1,
        );
        let (before_head, rest) = marked
            .split_once(HEAD)
            .ok_or(ShellError::Missing("<title>"))?;
        let (before_app, rest) = rest
            .split_once(BODY)
            .ok_or(ShellError::Missing("<div id=\"app\">"))?;
        Ok(Self {
            before_head: before_head.to_owned(),
            before_app: before_app.to_owned(),
            rest: rest.to_owned(),
            inline,
        })
    }

    /// The policy for every page made from this shell (see [`content_security_policy`]).
    pub(crate) fn content_security_policy(&self) -> String {
        content_security_policy(&self.inline)
    }

    /// Says in `<html lang>` which language the site is written in (another generator's
    /// config names it; the shell says `en`).
    pub(crate) fn set_language(&mut self, language: &str) {
        let rewritten = rewrite_str(
            &self.before_head,
            RewriteStrSettings {
                element_content_handlers: vec![element!("html", |el| {
                    el.set_attribute("lang", language)?;
                    Ok(())
                })],
                ..RewriteStrSettings::new()
            },
        );
        if let Ok(rewritten) = rewritten {
            self.before_head = rewritten;
        }
    }

    /// The whole page for one route. `leptos_meta` hydrates the head tags that follow its
    /// `<!--HEAD-->` marker; the app hydrates `#app` when `data-route` is the address it runs at.
    pub fn render(&self, page: &RoutePage) -> String {
        let mut out = String::with_capacity(
            self.before_head.len()
                + self.before_app.len()
                + self.rest.len()
                + page.head.len()
                + page.body.len()
                + page.data.len()
                + 160,
        );
        out += &self.before_head;
        out += HEAD_START;
        out += &page.head;
        out += HEAD_END;
        out += &self.before_app;
        out += "<div id=\"app\"";
        if let Some(route) = &page.route {
            out += " data-route=\"";
            out += &escape(route);
            out += "\"";
        }
        if let Some(split_point) = page.split_point {
            out += " data-split-point=\"";
            out += &escape(split_point);
            out += "\"";
        }
        out += ">";
        out += &page.body;
        out += "</div><script type=\"application/json\" id=\"";
        out += PRELOAD_ELEMENT_ID;
        out += "\" ";
        out += PRELOAD_MANIFEST_ATTRIBUTE;
        out += "=\"";
        out += &escape(&page.manifest);
        out += "\">";
        out += &page.data;
        out += "</script>";
        out += &self.rest;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_OUTPUT: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>Insights</title><base href=/blog/><script src=/blog/boot-1.js type=module></script></head><body><noscript>old</noscript><div id=app></div></body></html>";

    fn no_assets(_: &str) -> Option<String> {
        None
    }

    fn page(route: Option<&str>) -> RoutePage {
        RoutePage {
            route: route.map(str::to_owned),
            split_point: None,
            head: "<meta name=\"description\" content=\"D\"><title>A &lt;b&gt;</title>".into(),
            body: "<!><main id=\"main\"><h1>Hi</h1></main>".into(),
            data: "{\"listing/1.a.json\":{}}".into(),
            manifest: "manifest.b.json".into(),
        }
    }

    #[test]
    fn the_site_language_goes_into_html_lang() {
        let mut shell = Shell::parse(TRUNK_OUTPUT, false, &|_| None).unwrap();
        shell.set_language("fr-CA");
        let html = shell.render(&page(None));
        assert!(
            html.starts_with("<!doctype html><html lang=\"fr-CA\">"),
            "{html}"
        );
    }

    #[test]
    fn a_route_gets_its_head_tags_app_and_data_in_place() {
        let shell = Shell::parse(TRUNK_OUTPUT, true, &no_assets).unwrap();
        let html = shell.render(&page(Some("/insights/a")));
        assert!(
            html.contains("<!--HEAD--><meta name=\"description\" content=\"D\"><title>A &lt;b&gt;</title><!--/HEAD-->"),
            "{html}"
        );
        assert!(
            !html.contains("<title>Insights</title>"),
            "one title: {html}"
        );
        assert!(html.contains("<div id=\"app\" data-route=\"/insights/a\"><!><main id=\"main\"><h1>Hi</h1></main></div><script type=\"application/json\" id=\"quire-data\" data-manifest=\"manifest.b.json\">{\"listing/1.a.json\":{}}</script>"), "{html}");
        assert!(!html.contains("noscript"));
        let csp = html.find("Content-Security-Policy").unwrap();
        assert!(
            csp < html.find("<script").unwrap(),
            "the policy comes before any script"
        );
    }

    #[test]
    fn the_not_found_page_is_rendered_afresh_by_the_app() {
        let shell = Shell::parse(TRUNK_OUTPUT, false, &no_assets).unwrap();
        let html = shell.render(&page(None));
        assert!(
            html.contains("<div id=\"app\"><!>"),
            "no data-route: {html}"
        );
        assert!(!html.contains("Content-Security-Policy"));
    }

    #[test]
    fn a_pre_rendered_page_used_as_the_shell_gives_the_same_pages() {
        let first = Shell::parse(TRUNK_OUTPUT, true, &no_assets).unwrap();
        let rendered = first.render(&page(Some("/a")));
        let again = Shell::parse(&rendered, true, &no_assets).unwrap();
        for route in [Some("/b"), None] {
            assert_eq!(again.render(&page(route)), first.render(&page(route)));
        }
    }

    const SHELL_WITH_ASSETS: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>Insights</title><base href=/blog/><script src=/blog/theme-1.js></script><script src=/blog/boot-1.js type=module></script><script src=/blog/late-1.js defer></script><link href=/blog/quire-1.css rel=stylesheet><link href=/blog/missing.css rel=stylesheet></head><body><div id=app></div></body></html>";

    fn assets(url: &str) -> Option<String> {
        match url {
            "/blog/theme-1.js" => Some("document.documentElement.dataset.js='';".into()),
            "/blog/quire-1.css" => Some(":root{color:red}".into()),
            "/blog/late-1.js" | "/blog/boot-1.js" => Some("never inlined".into()),
            _ => None,
        }
    }

    #[test]
    fn stylesheets_and_blocking_scripts_are_inlined_and_allowed_by_hash() {
        let shell = Shell::parse(SHELL_WITH_ASSETS, true, &assets).unwrap();
        let html = shell.render(&page(Some("/")));
        assert!(html.contains("<script>document.documentElement.dataset.js='';</script>"));
        assert!(html.contains("<style>:root{color:red}</style>"));
        assert!(!html.contains("quire-1.css"));
        // Modules and deferred scripts never held the first paint; a file that cannot be read
        // stays a link.
        assert!(html.contains("<script src=/blog/boot-1.js type=module></script>"));
        assert!(html.contains("<script src=/blog/late-1.js defer></script>"));
        assert!(html.contains("<link href=/blog/missing.css rel=stylesheet>"));

        let policy = shell.content_security_policy();
        let script_source = InlineCode::source("document.documentElement.dataset.js='';");
        let style_source = InlineCode::source(":root{color:red}");
        assert!(
            policy.contains(&format!(
                "script-src 'self' 'wasm-unsafe-eval'{script_source};"
            )),
            "{policy}"
        );
        assert!(
            policy.contains(&format!("style-src 'self'{style_source};")),
            "{policy}"
        );
        assert!(!policy.contains("unsafe-inline"));
        let meta = html.find("Content-Security-Policy").unwrap();
        assert!(meta < html.find("<script>").unwrap() && meta < html.find("<style>").unwrap());
        assert!(html.contains(&escape(&policy)));

        // A page made from this shell, used as the shell in turn, gives the same pages and policy.
        let again = Shell::parse(&html, true, &no_assets).unwrap();
        assert_eq!(again.content_security_policy(), policy);
    }

    #[test]
    fn hash_sources_are_base64_sha256() {
        assert_eq!(
            InlineCode::source(""),
            " 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
        assert_eq!(
            content_security_policy(&InlineCode::default()),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; media-src 'self' https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; manifest-src 'self'"
        );
    }

    #[test]
    fn code_that_would_close_its_element_is_not_inlined() {
        let shell = Shell::parse(
            "<html><meta charset=utf-8><title>x</title><link href=/a.css rel=stylesheet><script src=/b.js></script><div id=app></div></html>",
            true,
            &|url| Some(if url == "/a.css" { "a{content:'</STYLE>'}".into() } else { "x='</script>'".into() }),
        )
        .unwrap();
        assert_eq!(
            shell.content_security_policy(),
            content_security_policy(&InlineCode::default())
        );
        assert!(
            shell
                .before_app
                .contains("<link href=/a.css rel=stylesheet>")
        );
        assert!(shell.before_app.contains("<script src=/b.js></script>"));
    }

    #[test]
    fn a_shell_without_a_mount_point_is_refused_by_name() {
        let error = Shell::parse(
            "<html><head><title>x</title></head><body></body></html>",
            false,
            &no_assets,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the app shell has no <div id=\"app\">; it needs a <title> and a <div id=\"app\">"
        );
    }
}
