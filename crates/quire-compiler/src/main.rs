//! The `quire-compiler` command: parses flags, runs a build, prints every problem, sets the exit code.

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use quire_compiler::{BuildError, Options, build};
use quire_model::Date;
use quire_model::routes::SiteBase;

const USAGE: &str = "\
usage: quire-compiler [--content DIR] [--out DIR] [--site-out DIR [--shell FILE] [--base PATH]
                      [--csp-meta] [--precompress [--reuse PREVIOUS]]]
                      [--drafts] [--future] [--check] [--today YYYY-MM-DD]

  --content DIR       content folder with site.toml and articles/, or the root of a Hugo, Jekyll,
                      Zola or Astro site (default: content)
  --out DIR           bundle folder to write; replaced whole, only on success (default: dist/bundle)
  --site-out DIR      also write feed.xml, atom.xml, per-category feeds, sitemap.xml, robots.txt,
                      _headers and _redirects into DIR (the site's root)
  --shell FILE        the app's built index.html: pre-render every route into DIR as
                      <route>/index.html, plus 404.html, with FILE as the template
  --base PATH         the path the site is served under, e.g. /blog/ (default: /)
  --csp-meta          also put the Content-Security-Policy in each page's <meta>
  --precompress       write .br and .gz copies beside every text file in DIR
  --reuse PREVIOUS    with --precompress: reuse the copies of each file that has not changed
                      from a previous build of the site in PREVIOUS (default: DIR itself)
  --drafts            include articles marked `draft: true`
  --future            include articles dated after today
  --check             validate only; write nothing
  --verbose           list every warning (repeated ones are otherwise folded into one line)
  --today YYYY-MM-DD  the day future dates are measured against (default: today, UTC)
  -h, --help          print this help";

/// Per-thread heaps: glibc's malloc, shared by both workers, was a sixth of the build's time
/// (10,000 articles 4.66 -> 3.84 s); it also reuses the encoders' large buffers, which glibc
/// had to be tuned with mallopt to stop unmapping and faulting in anew.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let (options, verbose) = match parse_args() {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings, verbose);
            if let Some(migration) = &report.migration {
                eprintln!("{}", migration_summary(migration, &options));
            }
            let verb = if options.check_only {
                "checked"
            } else {
                "compiled"
            };
            let mut line = format!("quire: {verb} {} article(s)", report.published);
            if !options.check_only {
                line += &format!(
                    " into {} ({} files)",
                    options.out.display(),
                    report.files_written
                );
            }
            if report.pages > 0 {
                line += &format!("; pre-rendered {} page(s)", report.pages);
            }
            if report.static_files > 0 {
                line += &format!("; copied {} static file(s)", report.static_files);
            }
            let images = &report.images;
            if images.images > 0 {
                line += &format!(
                    "; resized {} image(s) ({} encoded, {} from the last build; {:.1} MB of originals, {:.1} MB at their widest fallback)",
                    images.images,
                    images.encoded,
                    images.images - images.encoded,
                    images.original_bytes as f64 / 1e6,
                    images.written_bytes as f64 / 1e6
                );
            }
            if images.cards_drawn + images.cards_reused > 0 {
                line += &format!(
                    "; drew {} preview card(s) ({} from the last build)",
                    images.cards_drawn + images.cards_reused,
                    images.cards_reused
                );
            }
            if report.precompressed > 0 {
                line += &format!(
                    "; compressed {} file(s) ({} unchanged, their copies reused)",
                    report.precompressed, report.reused_copies
                );
            }
            if report.left_out_drafts + report.left_out_future > 0 {
                line += &format!(
                    "; left out {} draft(s) (--drafts) and {} future-dated (--future)",
                    report.left_out_drafts, report.left_out_future
                );
            }
            eprintln!("{line}");
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diagnostics)) => {
            print_diagnostics(&diagnostics, verbose);
            if let Some(found) = found_summary(&options) {
                eprintln!("{found}");
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "quire: build failed with {errors} error(s); the previous output is untouched"
            );
            ExitCode::FAILURE
        }
        Err(error) if error.left_output_untouched() => {
            eprintln!("quire: {error}; the previous output is untouched");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("quire: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[quire_compiler::Diagnostic], verbose: bool) {
    if verbose {
        diagnostics
            .iter()
            .for_each(|diagnostic| eprintln!("{diagnostic}"));
        return;
    }
    for (diagnostic, more) in quire_compiler::diagnostic::fold(diagnostics) {
        eprintln!(
            "{}",
            quire_compiler::diagnostic::folded_line(diagnostic, more)
        );
    }
}

/// What a build of another generator's site did: `quire: Hugo site: 8 posts, …`.
fn migration_summary(
    migration: &quire_compiler::generator::Migration,
    options: &Options,
) -> String {
    let name = migration
        .generator
        .map_or("other", |generator| generator.name());
    let verb = if options.check_only {
        "would publish"
    } else {
        "published"
    };
    let from_aliases = migration.redirects - migration.old_addresses - migration.listing_redirects;
    let mut line = format!(
        "quire: {name} site at {}: {verb} {} post(s) and {} page(s) from {} section(s); \
         {} redirect(s): {} from posts' and pages' old addresses, {} from old listing pages, \
         {from_aliases} from aliases; {} file(s) beside posts",
        options.content.display(),
        migration.posts,
        migration.pages,
        migration.sections,
        migration.redirects,
        migration.old_addresses,
        migration.listing_redirects,
        migration.images,
    );
    if migration.expired > 0 {
        line += &format!("; left out {} expired post(s)", migration.expired);
    }
    if let Some(old_base) = &migration.old_base_path
        && options.base.prefix().is_empty()
    {
        line += &format!(
            "\n  the old site was served under {old_base}: its old addresses are redirected from \
             there only if this one is too (make dist BASE={old_base}, or --base {old_base})"
        );
    }
    for (reason, count) in &migration.left_out {
        line += &format!("\n  left out {count} {reason}");
    }
    if !migration.templates_rendered.is_empty() {
        let total: usize = migration
            .templates_rendered
            .iter()
            .map(|(_, count)| count)
            .sum();
        let each: Vec<String> = migration
            .templates_rendered
            .iter()
            .map(|(name, count)| format!("{name} ×{count}"))
            .collect();
        line += &format!(
            "\n  rendered {total} shortcode(s), tag(s) and formula(s): {}",
            each.join(", ")
        );
    }
    for (name, at, why) in &migration.templates_unrendered {
        line += &format!(
            "\n  left unrendered: {name}, first at {at} ({})",
            why.short()
        );
    }
    line
}

/// What a failed build of another generator's site found, so the owner sees that every post
/// was seen: `quire: Hugo site at …: found 12 post(s) and 2 page(s) in 3 section(s)`.
fn found_summary(options: &Options) -> Option<String> {
    let layout = quire_compiler::generator::read(&options.content).ok()?;
    if layout.generator == quire_compiler::generator::Generator::Quire {
        return None;
    }
    let mut line = format!(
        "quire: {} site at {}: found {} post(s) and {} page(s) in {} section(s)",
        layout.generator.name(),
        options.content.display(),
        layout.articles.len(),
        layout.pages.len(),
        layout.sections,
    );
    for (reason, count) in &layout.left_out {
        line += &format!("\n  left out {count} {}", reason.describe());
    }
    Some(line)
}

/// The options, and whether every warning is to be listed (`--verbose`).
fn parse_args() -> Result<Option<(Options, bool)>, String> {
    use lexopt::prelude::*;

    let mut options = Options::new("content", "dist/bundle", today());
    let mut verbose = false;
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("content") => options.content = parser.value().map_err(|e| e.to_string())?.into(),
            Long("out") => options.out = parser.value().map_err(|e| e.to_string())?.into(),
            Long("site-out") => {
                options.site_out = Some(parser.value().map_err(|e| e.to_string())?.into())
            }
            Long("shell") => {
                options.shell = Some(parser.value().map_err(|e| e.to_string())?.into())
            }
            Long("base") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                options.base = SiteBase::new(&value.to_string_lossy());
            }
            Long("csp-meta") => options.csp_meta = true,
            Long("precompress") => options.precompress = true,
            Long("reuse") => {
                options.reuse = Some(parser.value().map_err(|e| e.to_string())?.into())
            }
            Long("drafts") => options.include_drafts = true,
            Long("future") => options.include_future = true,
            Long("check") => options.check_only = true,
            Long("verbose") => verbose = true,
            Long("today") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                let text = value.to_string_lossy();
                options.today = Date::parse(&text).map_err(|e| format!("--today: {e}"))?;
            }
            Short('h') | Long("help") => return Ok(None),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if options.site_out.is_none() && (options.shell.is_some() || options.precompress) {
        return Err(
            "--shell and --precompress write into the site's root: give --site-out DIR".into(),
        );
    }
    Ok(Some((options, verbose)))
}

fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    Date::from_days_since_unix_epoch(days).expect("the system clock is within years 1000-9999")
}
