//! Other generators' template syntax in a post's body (Hugo shortcodes, Jekyll's Liquid, Zola
//! shortcodes, MDX's JSX), rendered at build time into markdown the renderer reads, so none of
//! it reaches a reader.
//!
//! Expansion runs before the markdown parser, as each generator runs its templates, but never
//! inside code: a construct in a fenced, indented or inline code span is shown as written. Markup
//! a construct renders to (a figure, a link card, a disclosure) stands in the markdown as a
//! placeholder, a pair of Unicode noncharacters around a number, and is put in place after the
//! markdown is rendered and before the whole body is sanitised; text a construct renders to (a
//! setting's value, a link's address) is written into the markdown as the generator would.

mod args;
mod embed;
mod hugo;
mod liquid;
mod mdx;
mod zola;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

use crate::generator::origin::Generator;
use crate::markdown::math::{self, Placement};
use crate::markdown::syntax::MathSyntax;
use crate::read::front_matter::{FrontMatter, Value};

pub(crate) use embed::CARD_CLASSES;

/// How a reference to another document (Hugo's `ref`, Jekyll's `post_url`) is written into the
/// markdown, for the build to make that document's address once every document has one.
pub(crate) const REFERENCE_PREFIX: &str = "@ref/";
/// Unicode noncharacters, which no interchanged text holds (an author's are dropped), unlike
/// private-use ones that icon fonts use.
const PLACEHOLDER_OPEN: char = '\u{FDD0}';
const PLACEHOLDER_CLOSE: char = '\u{FDD1}';
/// How deep includes and nested constructs may go: a file that includes itself stops here.
const MAX_DEPTH: usize = 12;

/// What a site's generator renders in its posts, read from its config.
#[derive(Clone, Debug)]
pub struct TemplateSite {
    pub generator: Generator,
    /// The site's config, for `{{ site.x }}` and Hugo's `param`.
    pub config: Value,
    /// Jekyll's `_includes` folder.
    pub includes: Option<PathBuf>,
    /// The folders a site's own shortcodes are in (`layouts/shortcodes`, `templates/shortcodes`),
    /// its own before its theme's.
    pub shortcodes: Vec<PathBuf>,
    /// Which math delimiters the site's setup renders in every post.
    pub math: SiteMath,
}

/// Math delimiters a site renders; a post's `math: true` turns them all on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SiteMath {
    pub dollars: MathSyntax,
    /// `\(…\)` and `\[…\]`.
    pub brackets: bool,
}

impl SiteMath {
    /// Both: what either turns on.
    pub fn or(self, other: Self) -> Self {
        Self {
            dollars: MathSyntax {
                double_dollar: self.dollars.double_dollar || other.dollars.double_dollar,
                single_dollar: self.dollars.single_dollar || other.dollars.single_dollar,
            },
            brackets: self.brackets || other.brackets,
        }
    }

    pub const ALL: Self = Self {
        dollars: MathSyntax {
            double_dollar: true,
            single_dollar: true,
        },
        brackets: true,
    };
}

impl TemplateSite {
    /// Quire's own layout: markdown only, math where a post asks for it.
    pub fn quire() -> Self {
        Self::plain(Generator::Quire)
    }

    pub fn plain(generator: Generator) -> Self {
        Self::with_config(generator, Value::Map(BTreeMap::new()))
    }

    pub fn with_config(generator: Generator, config: Value) -> Self {
        Self {
            generator,
            config,
            includes: None,
            shortcodes: Vec::new(),
            math: SiteMath::default(),
        }
    }

    /// The math a theme turns on for every post (`extra.math`, `params.katex`, ...).
    pub(crate) fn math_from_settings(config: &Value) -> SiteMath {
        if asks_for_math(config) {
            SiteMath::ALL
        } else {
            SiteMath::default()
        }
    }
}

/// The math a site's own templates load a browser script for (MathJax, KaTeX): that script
/// typesets `$$…$$`, `\\(…\\)` and `\\[…\\]` by default, and `$…$` where it is configured to.
/// `folders` are the template folders under `root` (`layouts`, `_includes`, `templates`).
pub(crate) fn math_of_templates(root: &Path, folders: &[&str]) -> SiteMath {
    let mut found = SiteMath::default();
    for folder in folders {
        scan_templates(&root.join(folder), &mut found);
    }
    found
}

/// Looks through the templates up to seven folders deep under `dir`; what cannot be read is
/// passed by, since this only guesses which math syntax the old site turned on.
fn scan_templates(dir: &Path, found: &mut SiteMath) {
    const TEMPLATE_EXTENSIONS: &[&str] = &["html", "htm", "liquid", "astro", "njk", "tsx", "jsx"];
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(7)
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        let is_template = path.extension().is_some_and(|extension| {
            TEMPLATE_EXTENSIONS.contains(&extension.to_string_lossy().to_ascii_lowercase().as_str())
        });
        let small = entry.metadata().is_ok_and(|meta| meta.len() < 512 * 1024);
        if !entry.file_type().is_file() || !is_template || !small {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let lower = text.to_ascii_lowercase();
        if lower.contains("mathjax") || lower.contains("katex") {
            found.dollars.double_dollar = true;
            found.brackets = true;
            found.dollars.single_dollar |= [
                "['$','$']",
                "['$', '$']",
                "[\"$\",\"$\"]",
                "left: '$'",
                "left: \"$\"",
            ]
            .iter()
            .any(|written| lower.contains(written));
        }
    }
}

/// The post being expanded.
pub struct PageContext<'a> {
    pub path: &'a Path,
    pub front_matter: &'a FrontMatter,
    /// The post's address on the site, for `{{ page.url }}`.
    pub route: &'a str,
    /// An MDX post's default imports of files, by name (`cover` -> `./cover.png`).
    pub imports: &'a [(String, String)],
}

/// A construct the expansion could not render, at the line (of the body) it is first written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unrendered {
    pub name: String,
    pub line: usize,
    pub why: Why,
}

/// Why a construct was left unrendered, and what the reader gets instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// A shortcode, tag or component of the site's own or of a plugin.
    NotBuiltIn,
    /// Template logic (`if`, `for`), which Quire does not run.
    Logic,
    /// A value neither the config nor the front matter holds.
    NoValue,
    /// A built-in one whose arguments name nothing it can show (a video without an id).
    BadArguments,
    /// An MDX expression of code, which only JavaScript could give a value.
    Code,
}

impl Why {
    /// What the build's warning says after the construct's name.
    pub(crate) fn explain(self) -> &'static str {
        match self {
            Self::NotBuiltIn => {
                "is the site's own or a plugin's, which Quire does not render; its content is kept and the tag left out"
            }
            Self::Logic => {
                "is template logic, which Quire does not run; the content of its first branch is kept"
            }
            Self::NoValue => {
                "has no value in the site's config or the front matter; it shows nothing"
            }
            Self::BadArguments => {
                "names nothing Quire can show (its arguments are missing or not an address it knows); it is left out"
            }
            Self::Code => "is code, which Quire does not run; it shows nothing",
        }
    }

    /// What the build's summary says of it, after its name and place.
    pub fn short(self) -> &'static str {
        match self {
            Self::NotBuiltIn => "its content is kept",
            Self::Logic => "its first branch is kept",
            Self::NoValue => "no value to show",
            Self::BadArguments => "nothing it names could be shown",
            Self::Code => "code, not shown",
        }
    }
}

/// A body with its template syntax rendered.
#[derive(Debug, Default)]
pub struct Expanded {
    pub markdown: String,
    /// The markup of each placeholder, by its number.
    pub blocks: Vec<String>,
    pub math: MathSyntax,
    /// How many of each construct were rendered, by name.
    pub rendered: BTreeMap<String, usize>,
    /// Each construct left unrendered, once per name.
    pub unrendered: Vec<Unrendered>,
    /// Problems worth a warning (an include that is missing, a formula that does not parse),
    /// at their lines in the body.
    pub problems: Vec<(usize, String)>,
    /// The body line of each line of `markdown`.
    lines: Vec<usize>,
}

impl Expanded {
    /// The body's own markdown, untouched.
    pub(crate) fn unchanged(body: &str, math: MathSyntax) -> Self {
        Self {
            markdown: body.to_owned(),
            math,
            ..Self::default()
        }
    }

    /// The line of the body that line `line` (1-based) of the expanded markdown came from.
    pub(crate) fn body_line(&self, line: usize) -> usize {
        if self.lines.is_empty() {
            return line;
        }
        self.lines
            .get(line.saturating_sub(1))
            .or(self.lines.last())
            .copied()
            .unwrap_or(line)
    }
}

/// Renders the template syntax of `site`'s generator in `body`.
pub fn expand(body: &str, page: &PageContext<'_>, site: &TemplateSite) -> Expanded {
    let math = page_math(page.front_matter, site);
    let syntax = Syntax::of(site.generator, page.path);
    let clean: Cow<'_, str> = if body.contains([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE]) {
        Cow::Owned(body.replace([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE], ""))
    } else {
        Cow::Borrowed(body)
    };
    if !might_hold_syntax(&clean, syntax, math) {
        return Expanded::unchanged(&clean, math.dollars);
    }
    let mut expander = Expander {
        site,
        page,
        syntax,
        math,
        out: Out::default(),
        expanded: Expanded::default(),
        variables: BTreeMap::new(),
        pair_budget: clean.len().saturating_mul(16).saturating_add(64 * 1024),
        closers: HashSet::new(),
        unrendered_names: HashSet::new(),
        static_shortcodes: std::collections::HashMap::new(),
        includes_left: MAX_INCLUDES,
        include_bytes_left: MAX_EXPANDED_LENGTH,
        no_math_end_from: [None; 3],
    };
    expander.run(&clean, 1, 0);
    let mut expanded = expander.expanded;
    expanded.markdown = expander.out.text;
    expanded.lines = expander.out.lines;
    expanded.math = math.dollars;
    expanded
}

/// Whether `body` holds any opening the expansion looks for: most posts hold none, and are
/// spared the parse that finds their code.
fn might_hold_syntax(body: &str, syntax: Option<Syntax>, math: SiteMath) -> bool {
    let has = |needle: &str| memchr::memmem::find(body.as_bytes(), needle.as_bytes()).is_some();
    let template = match syntax {
        None => false,
        Some(Syntax::Hugo) => has("{{<") || has("{{%"),
        Some(Syntax::Liquid) => has("{{") || has("{%") || has("{:"),
        Some(Syntax::Zola) => has("{{") || has("{%"),
        Some(Syntax::Mdx) => has("{") || has("<"),
    };
    template
        || (math.brackets && (has("\\(") || has("\\[")))
        || (math.dollars.double_dollar && has("$$"))
}

/// Which template language a file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Hugo,
    Liquid,
    Zola,
    Mdx,
}

impl Syntax {
    fn of(generator: Generator, path: &Path) -> Option<Self> {
        match generator {
            Generator::Hugo => Some(Self::Hugo),
            Generator::Jekyll => Some(Self::Liquid),
            Generator::Zola => Some(Self::Zola),
            Generator::Astro | Generator::Quire => path
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("mdx"))
                .then_some(Self::Mdx),
        }
    }
}

/// The site's math, or all of it where the post (or a theme's `params`/`extra`) says `math`.
fn page_math(front_matter: &FrontMatter, site: &TemplateSite) -> SiteMath {
    if asks_for_math(&Value::Map(front_matter.fields.clone())) {
        SiteMath::ALL
    } else {
        site.math
    }
}

/// The keys themes turn math on with, at the top or under `params` (Hugo) or `extra` (Zola).
const MATH_KEYS: &[&str] = &["math", "katex", "katex_enable", "mathjax", "usemathjax"];

/// Whether settings (a config, or a post's front matter) turn math on.
pub(crate) fn asks_for_math(settings: &Value) -> bool {
    let on = |path: &str| matches!(lookup(Some(settings), path), Some(Value::Bool(true)));
    // `math = true`, or a table of its own (`[params.page.math] enable = true`, LoveIt's and
    // DoIt's form).
    ["", "params.", "extra.", "params.page."]
        .iter()
        .any(|table| {
            MATH_KEYS
                .iter()
                .any(|key| on(&format!("{table}{key}")) || on(&format!("{table}{key}.enable")))
        })
}
/// A front-matter value at a dotted path (`title`, `author.name`), as a template prints it.
fn front_matter_text(front_matter: &FrontMatter, key: &str) -> Option<String> {
    let (first, rest) = key.split_once('.').unwrap_or((key, ""));
    let value = front_matter.fields.get(first)?;
    let value = if rest.is_empty() {
        Some(value)
    } else {
        lookup(Some(value), rest)
    };
    printed(value?)
}

/// The value at a dotted path under `value`; keys match in any case, as Hugo matches them.
pub fn lookup<'v>(value: Option<&'v Value>, dotted: &str) -> Option<&'v Value> {
    let mut value = value?;
    for key in dotted.split('.') {
        let Value::Map(fields) = value else {
            return None;
        };
        value = fields.get(key).or_else(|| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })?;
    }
    Some(value)
}

/// A value as the text a template prints; `None` for a list or a table.
fn printed(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some(String::new()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(text) | Value::Text(text) => Some(text.clone()),
        Value::List(_) | Value::Map(_) => None,
    }
}

/// The markdown being written, and the body line each of its lines came from.
#[derive(Default)]
struct Out {
    text: String,
    lines: Vec<usize>,
}

impl Out {
    /// Appends `text`, whose first character is on body line `line`; when `advances`, each
    /// newline in it is a line of the body too (copied text), else it stays on `line`.
    fn push(&mut self, text: &str, line: usize, advances: bool) {
        if self.lines.is_empty() {
            self.lines.push(line);
        }
        let mut current = line;
        for piece in text.split_inclusive('\n') {
            self.text.push_str(piece);
            if piece.ends_with('\n') {
                if advances {
                    current += 1;
                }
                self.lines.push(current);
            }
        }
    }

    /// Starts a new line unless the markdown is at the start of one.
    fn start_line(&mut self, line: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push("\n", line, false);
        }
    }
}

struct Expander<'a> {
    site: &'a TemplateSite,
    page: &'a PageContext<'a>,
    syntax: Option<Syntax>,
    math: SiteMath,
    out: Out,
    expanded: Expanded,
    /// Liquid's `assign`ed values.
    variables: BTreeMap<String, String>,
    /// How many more bytes searches for closing tags may read.
    pair_budget: usize,
    /// The names of `expanded.unrendered`, to name each once.
    unrendered_names: HashSet<String>,
    /// Each of the site's own shortcodes asked for, and its markup when it is plain HTML.
    static_shortcodes: std::collections::HashMap<String, Option<String>>,
    /// The names whose closing tag the text being expanded holds (`endif`'s `if`, Hugo's
    /// `{{< /x >}}`'s `x`): only these are looked for, so a tag without a body costs no search.
    closers: HashSet<String>,
    /// How many more includes the post may read, and how many more bytes of them.
    includes_left: usize,
    include_bytes_left: usize,
    /// Where a search for the end of `\(`, `\[` or `$$` found none: none lies past it either.
    no_math_end_from: [Option<usize>; 3],
}

/// What a construct at some offset came to.
pub(crate) struct Found {
    /// Where the construct ends in the text.
    end: usize,
    kind: Output,
}

pub(crate) enum Output {
    /// Markdown text, copied as it is.
    Text(String),
    /// Markup, put in place after rendering.
    Markup(String),
    /// A code block.
    Code { info: String, code: String },
    /// Markup around content that is itself expanded (`details`, an unknown shortcode's).
    Around {
        before: String,
        inner: Range<usize>,
        after: String,
        /// MDX reads a component's children with their indentation ignored (it has no
        /// indented code blocks).
        dedent: bool,
    },
    /// Nothing: a comment, an assignment.
    Nothing,
    /// Template text to expand again (a Liquid include, whose file is itself Liquid).
    Expand(String),
}

impl Expander<'_> {
    /// Expands `text`, whose first line is line `first_line` of the body, at nesting `depth`.
    fn run(&mut self, text: &str, first_line: usize, depth: usize) {
        let (code, html) = code_and_html_ranges(text, self.protected_math());
        let closers = match self.syntax {
            Some(Syntax::Hugo) => hugo::closers(text),
            Some(Syntax::Liquid) => liquid::closers(text),
            Some(Syntax::Zola) => zola::closers(text),
            Some(Syntax::Mdx) => mdx::closers(text),
            None => HashSet::new(),
        };
        let outer_closers = std::mem::replace(&mut self.closers, closers);
        self.run_with_ranges(text, first_line, depth, &code, &html);
        self.closers = outer_closers;
    }

    /// Whether `$` math is read by the markdown renderer, and so is no template text: in Jekyll,
    /// Liquid runs first, as it does there.
    fn protected_math(&self) -> bool {
        self.math.dollars.double_dollar && self.syntax != Some(Syntax::Liquid)
    }

    /// `text` expanded into a string of its own (Liquid's `capture`), its markup placeholders
    /// kept for the post they end up in.
    fn expand_to_string(&mut self, text: &str, line: usize, depth: usize) -> String {
        let outer = std::mem::take(&mut self.out);
        if depth < MAX_DEPTH {
            self.run(text, line, depth + 1);
        }
        std::mem::replace(&mut self.out, outer).text
    }

    fn run_with_ranges(
        &mut self,
        text: &str,
        first_line: usize,
        depth: usize,
        code: &[Range<usize>],
        html: &[Range<usize>],
    ) {
        let mut lines = LineCounter::new(text, first_line);
        let mut copied = 0;
        let mut at = 0;
        while let Some(found) = text[at..].find(['{', '<', '\\', '$']) {
            let start = at + found;
            if let Some(range) = containing(code, start) {
                // A construct before it may have run into the code (a block whose end follows).
                let code_start = range.start.max(copied);
                self.out
                    .push(&text[copied..code_start], lines.at(copied), true);
                let shown = self.in_code(&text[code_start..range.end]);
                self.out.push(&shown, lines.at(code_start), true);
                copied = range.end;
                at = range.end;
                continue;
            }
            let line = lines.at(start);
            // The markdown renderer reads `$$` math in prose; in an HTML block, which it leaves
            // alone, the browser script the site had would have found it.
            let in_html = containing(html, start).is_some();
            let found = if in_html && text[start..].starts_with("$$") {
                self.dollar_math(text, start, line)
            } else {
                self.construct(text, start, line, depth)
            };
            let Some(found) = found else {
                at = start + text[start..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            self.out.push(&text[copied..start], lines.at(copied), true);
            self.emit(text, found.kind, start, line, depth);
            copied = found.end;
            at = found.end;
        }
        self.out.push(&text[copied..], lines.at(copied), true);
    }

    /// Runs `search` for the end of a construct that opens before `from` (a closing tag) over
    /// the text the expansion still has budget to read, and charges what it read: a body of
    /// thousands of openers that never close costs a bounded time, not the square of its length.
    fn search_pair<T>(
        &mut self,
        text: &str,
        from: usize,
        search: impl FnOnce(&str) -> Option<T>,
        end_of: impl Fn(&T) -> usize,
    ) -> Option<T> {
        let window = prefix(text, from.saturating_add(self.pair_budget));
        let found = search(window);
        let read = found
            .as_ref()
            .map_or(window.len(), &end_of)
            .saturating_sub(from);
        self.pair_budget = self.pair_budget.saturating_sub(read);
        found
    }

    /// The construct starting at `start`, if any: math in brackets, then the file's own syntax.
    fn construct(&mut self, text: &str, start: usize, line: usize, depth: usize) -> Option<Found> {
        let rest = &text[start..];
        if self.math.brackets && (rest.starts_with("\\(") || rest.starts_with("\\[")) {
            return self.bracket_math(text, start, line);
        }
        match self.syntax? {
            Syntax::Hugo if rest.starts_with("{{<") || rest.starts_with("{{%") => {
                hugo::construct(self, text, start, line)
            }
            Syntax::Liquid if rest.starts_with("{{") || rest.starts_with("{%") => {
                liquid::construct(self, text, start, line, depth)
            }
            Syntax::Liquid if rest.starts_with("{:") => liquid::kramdown_attributes(text, start),
            Syntax::Zola if rest.starts_with("{{") || rest.starts_with("{%") => {
                zola::construct(self, text, start, line)
            }
            Syntax::Mdx if rest.starts_with('{') || rest.starts_with('<') => {
                mdx::construct(self, text, start, line)
            }
            _ => None,
        }
    }

    fn emit(&mut self, text: &str, output: Output, start: usize, line: usize, depth: usize) {
        match output {
            Output::Text(value) => self.out.push(&value, line, false),
            Output::Markup(html) => {
                let placeholder = self.block(html);
                self.out.push(&placeholder, line, false);
            }
            Output::Code { info, code } => {
                let longest = longest_run(&code, '`');
                let fence = "`".repeat(longest.max(2) + 1);
                self.out.start_line(line);
                let code = code.strip_suffix('\n').unwrap_or(&code);
                self.out.push(&format!("{fence}{info}\n"), line, false);
                self.out.push(code, line + 1, true);
                let end_line = line + 1 + code.matches('\n').count();
                self.out.push(&format!("\n{fence}\n"), end_line, true);
            }
            Output::Around {
                before,
                inner,
                after,
                dedent,
            } => {
                if !before.is_empty() {
                    let placeholder = self.block(before);
                    self.out.push(&format!("{placeholder}\n\n"), line, false);
                }
                let inner_text = &text[inner.clone()];
                let first = line + text[start..inner.start].matches('\n').count();
                let inner_text = if dedent {
                    dedented(inner_text)
                } else {
                    Cow::Borrowed(inner_text)
                };
                if depth < MAX_DEPTH {
                    self.run(&inner_text, first, depth + 1);
                } else {
                    self.note_problem(line, "constructs nest too deep; the innermost are left out");
                }
                if !after.is_empty() {
                    let placeholder = self.block(after);
                    self.out.push(&format!("\n\n{placeholder}"), line, false);
                }
            }
            Output::Nothing => {}
            Output::Expand(template) => {
                if self.includes_left == 0 || template.len() > self.include_bytes_left {
                    self.note_problem(
                        line,
                        "the post includes more than 10,000 files or 64 MB; the rest are left out",
                    );
                } else if depth < MAX_DEPTH {
                    self.includes_left -= 1;
                    self.include_bytes_left -= template.len();
                    let start = self.out.lines.len();
                    self.run(&template, line, depth + 1);
                    // Lines of an included file all stand for the line that includes it.
                    for mapped in self.out.lines.iter_mut().skip(start) {
                        *mapped = line;
                    }
                } else {
                    self.note_problem(line, "includes nest too deep; the innermost is left out");
                }
            }
        }
    }

    /// The markup of a site's own shortcode that is plain HTML, with no template code in it (a
    /// disclaimer, a badge): it renders as it is, whatever the generator.
    fn static_shortcode(&mut self, name: &str) -> Option<String> {
        if let Some(known) = self.static_shortcodes.get(name) {
            return known.clone();
        }
        let html = self
            .site
            .shortcodes
            .iter()
            .find_map(|folder| read_inside(folder, &format!("{name}.html")))
            .filter(|html| !html.contains("{{") && !html.contains("{%"));
        self.static_shortcodes.insert(name.to_owned(), html.clone());
        html
    }

    /// A placeholder for `html`.
    fn block(&mut self, html: String) -> String {
        self.expanded.blocks.push(html);
        format!(
            "{PLACEHOLDER_OPEN}{}{PLACEHOLDER_CLOSE}",
            self.expanded.blocks.len() - 1
        )
    }

    fn note_rendered(&mut self, name: &str) {
        *self.expanded.rendered.entry(name.to_owned()).or_default() += 1;
    }

    fn note_unrendered(&mut self, name: &str, line: usize, why: Why) {
        let unrendered = &mut self.expanded.unrendered;
        if self.unrendered_names.insert(name.to_owned()) {
            unrendered.push(Unrendered {
                name: name.to_owned(),
                line,
                why,
            });
        }
    }

    fn note_problem(&mut self, line: usize, message: impl Into<String>) {
        self.expanded.problems.push((line, message.into()));
    }

    /// A code span's text as shown: the generator's escaped forms unescaped (`{{</* x */>}}`
    /// shows `{{< x >}}`), Liquid's `raw` markers gone; nothing else is run.
    fn in_code<'t>(&self, code: &'t str) -> Cow<'t, str> {
        match self.syntax {
            Some(Syntax::Hugo) => hugo::unescape(code),
            Some(Syntax::Zola) => zola::unescape(code),
            Some(Syntax::Liquid) => liquid::without_raw_markers(code),
            _ => Cow::Borrowed(code),
        }
    }

    /// `\(…\)` or `\[…\]` as MathML.
    fn bracket_math(&mut self, text: &str, start: usize, line: usize) -> Option<Found> {
        let (closer, placement) = if text[start..].starts_with("\\(") {
            ("\\)", Placement::Inline)
        } else {
            ("\\]", Placement::Display)
        };
        let from = start + 2;
        let end = from
            + self.math_end(
                text,
                from,
                closer,
                usize::from(placement == Placement::Display),
            )?;
        let tex = &text[from..end];
        if tex.contains("\n\n") {
            return None;
        }
        Some(Found {
            end: end + 2,
            kind: Output::Markup(self.formula(tex, placement, line)),
        })
    }

    /// `$$…$$` in an HTML block, where the site renders that math.
    fn dollar_math(&mut self, text: &str, start: usize, line: usize) -> Option<Found> {
        if !self.math.dollars.double_dollar {
            return None;
        }
        let from = start + 2;
        let end = from + self.math_end(text, from, "$$", 2)?;
        let tex = &text[from..end];
        if tex.trim().is_empty() || tex.contains("\n\n") || tex.contains('<') {
            return None;
        }
        Some(Found {
            end: end + 2,
            kind: Output::Markup(self.formula(tex, Placement::Display, line)),
        })
    }

    /// Where `closer` is next in `text` after `from`, remembering where there is none (`kind`
    /// names the delimiter), so that many openers without one are not each searched to the end.
    fn math_end(&mut self, text: &str, from: usize, closer: &str, kind: usize) -> Option<usize> {
        if self.no_math_end_from[kind].is_some_and(|none_from| from >= none_from) {
            return None;
        }
        let found = memchr::memmem::find(&text.as_bytes()[from..], closer.as_bytes());
        if found.is_none() {
            self.no_math_end_from[kind] = Some(from);
        }
        found
    }

    fn formula(&mut self, tex: &str, placement: Placement, line: usize) -> String {
        match math::to_mathml(tex, placement) {
            Ok(mathml) => {
                self.note_rendered("math");
                mathml
            }
            Err(error) => {
                self.note_problem(line, error.to_string());
                math::as_code(tex)
            }
        }
    }
}

/// How much a post may include, in files and in bytes: a file that includes another many times
/// stops here, whatever it prints.
const MAX_INCLUDES: usize = 10_000;
const MAX_EXPANDED_LENGTH: usize = 64 * 1024 * 1024;

/// How far a construct's own tag may run (`{{< figure … >}}`, `{% include … %}`): searching for
/// its end stops here, so a body of unclosed openers is read in linear time.
const MAX_TAG_LENGTH: usize = 8 * 1024;

/// `text` up to `end` (at most its length), cut at a character boundary.
pub(crate) fn prefix(text: &str, end: usize) -> &str {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The part of `text` a tag opening at `start` may take.
pub(crate) fn tag_window(text: &str, start: usize) -> &str {
    prefix(text, start.saturating_add(MAX_TAG_LENGTH))
}

/// The range of `ranges` (sorted, not overlapping) that holds `offset`.
fn containing(ranges: &[Range<usize>], offset: usize) -> Option<&Range<usize>> {
    let after = ranges.partition_point(|range| range.start <= offset);
    ranges[..after]
        .last()
        .filter(|range| range.contains(&offset))
}

/// Body lines of offsets in a text, counted from the last offset asked for rather than from the
/// start each time.
struct LineCounter<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str, first_line: usize) -> Self {
        Self {
            text,
            offset: 0,
            line: first_line,
        }
    }

    fn at(&mut self, offset: usize) -> usize {
        if offset >= self.offset {
            self.line +=
                memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.offset..offset]).count();
        } else {
            self.line -=
                memchr::memchr_iter(b'\n', &self.text.as_bytes()[offset..self.offset]).count();
        }
        self.offset = offset;
        self.line
    }
}

/// `text` with the indentation all its lines share taken off.
fn dedented(text: &str) -> Cow<'_, str> {
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if indent == 0 {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let cut = (line.len() - line.trim_start_matches([' ', '\t']).len()).min(indent);
        out.push_str(&line[cut..]);
    }
    Cow::Owned(out)
}

/// The file `name` in `folder`, if it is there and does not lead out of it.
pub(crate) fn read_inside(folder: &Path, name: &str) -> Option<String> {
    let folder = folder.canonicalize().ok()?;
    let file = folder.join(name).canonicalize().ok()?;
    if !file.starts_with(&folder) || !file.is_file() {
        return None;
    }
    std::fs::read_to_string(file).ok()
}

const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg"];
const VIDEO_EXTENSIONS: &[&str] = &["mp4", "webm", "ogv", "mov"];

/// What a site's own shortcode still shows when Quire cannot run it: the image or video it
/// names (`image(src="a.png", alt="…")`, as nearly every theme's image shortcode takes), and the
/// text it is given to show (`note(body="…")`), its title first.
pub(crate) fn own_shortcode_fallback(args: &args::Args) -> Option<Output> {
    let address = ["src", "url", "image", "img", "path", "file"]
        .iter()
        .find_map(|name| args.named(name))
        // A theme's light or default variant (`light_src`, `default_src`).
        .or_else(|| {
            args.named
                .iter()
                .find(|(key, _)| key.ends_with("_src") || key.ends_with("_url"))
                .map(|(_, value)| value.as_str())
        })
        .or_else(|| args.positional.first().map(String::as_str))
        .filter(|address| !address.contains(char::is_whitespace));
    let extension = address.and_then(|address| {
        address
            .split(['?', '#'])
            .next()?
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
    });
    let described = ["alt", "caption", "title", "description"]
        .iter()
        .find_map(|name| args.named(name))
        .unwrap_or_default();
    if let (Some(address), Some(extension)) = (address, extension.as_deref()) {
        let address = quire_model::escape::xml_escape(address);
        if IMAGE_EXTENSIONS.contains(&extension) {
            // A description is text, its markup gone; a caption shows too, as markup.
            let alt = quire_model::escape::xml_escape(&embed::inline_text(described));
            let image = format!("<img src=\"{address}\" alt=\"{alt}\">");
            return Some(Output::Markup(match args.named("caption") {
                Some(caption) => format!(
                    "<figure>{image}<figcaption>{}</figcaption></figure>",
                    embed::inline_markdown(caption)
                ),
                None => image,
            }));
        }
        if VIDEO_EXTENSIONS.contains(&extension) {
            return Some(Output::Markup(format!(
                "<video src=\"{address}\" controls></video>"
            )));
        }
    }
    let text = ["body", "text", "content", "quote"]
        .iter()
        .find_map(|name| args.named(name))?;
    Some(Output::Text(match args.named("title") {
        Some(title) => format!("**{title}** {text}"),
        None => text.to_owned(),
    }))
}

/// The opening markup of a site's own shortcode around content: its title, if it has one
/// (an admonition's "Tip", a quote's source), shown above the content.
pub(crate) fn own_shortcode_title(args: &args::Args) -> String {
    args.named("title").map_or(String::new(), |title| {
        format!(
            "<p><strong>{}</strong></p>",
            quire_model::escape::xml_escape(title)
        )
    })
}

fn longest_run(text: &str, of: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == of { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The byte ranges of `text` that are code (fenced and indented blocks, inline code spans, and
/// `$` math when the renderer reads it) and that are HTML blocks.
fn code_and_html_ranges(text: &str, math: bool) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut code = Vec::new();
    let mut html = Vec::new();
    let options = if math {
        crate::markdown::syntax::options() | pulldown_cmark::Options::ENABLE_MATH
    } else {
        crate::markdown::syntax::options()
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_))
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => code.push(range),
            Event::Start(Tag::HtmlBlock) => html.push(range),
            _ => {}
        }
    }
    (code, html)
}

/// `text` without placeholders: they stand for markup, never for words.
pub(crate) fn without_placeholders(text: &str) -> Cow<'_, str> {
    if !text.contains(PLACEHOLDER_OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            PLACEHOLDER_OPEN => inside = true,
            PLACEHOLDER_CLOSE => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Rendered HTML with each placeholder replaced by its markup; one that is a paragraph of its
/// own replaces the paragraph, since its markup is a block.
pub(crate) fn fill(html: &str, blocks: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + blocks.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(open) = rest.find(PLACEHOLDER_OPEN) {
        let after_open = &rest[open + PLACEHOLDER_OPEN.len_utf8()..];
        let Some(close) = after_open.find(PLACEHOLDER_CLOSE) else {
            break;
        };
        let markup = after_open[..close]
            .parse::<usize>()
            .ok()
            .and_then(|index| blocks.get(index))
            .map_or("", String::as_str);
        let after = &after_open[close + PLACEHOLDER_CLOSE.len_utf8()..];
        let before = &rest[..open];
        // Inside a tag (an image's `alt` written with math in it) markup has no place.
        let in_tag = out
            .bytes()
            .chain(before.bytes())
            .rev()
            .find(|&b| b == b'<' || b == b'>')
            == Some(b'<');
        let markup = if in_tag { "" } else { markup };
        let (before, after) = match (before.strip_suffix("<p>"), after.strip_prefix("</p>")) {
            (Some(before), Some(after)) => (before, after),
            _ => (before, after),
        };
        out.push_str(before);
        out.push_str(markup);
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
