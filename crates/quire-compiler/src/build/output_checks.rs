//! The checks on what a build will write: clashes with the compiler's own output, files of
//! another generator's that give way, and links to paths nothing serves.

use super::documents::Checked;
use super::{Options, Report};
use crate::assemble::Bundle;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::generator::{Generator, Layout};
use crate::markdown::SitePath;
use crate::read::body::Alias;
use crate::read::static_files::{self, StaticFile};
use crate::write::feeds;

/// The checks on what the build will write: another generator's own copies of Quire's files
/// give way (with a warning), and aliases and static files that would stand where the site's
/// own output does are errors, returned; links to paths nothing serves are warned about.
pub(crate) fn check_output(
    options: &Options,
    layout: &Layout,
    bundle: &Bundle,
    checked: &Checked,
    static_files: &mut Vec<StaticFile>,
    report: &mut Report,
) -> Vec<Diagnostic> {
    // The pages the site will have, listed once for the checks below, and only when any has
    // something to check.
    let page_files =
        if static_files.is_empty() && checked.aliases.is_empty() && checked.links.is_empty() {
            BTreeSet::new()
        } else {
            bundle.deferred.page_files(&bundle.manifest)
        };
    let site_files: Vec<&str> = bundle
        .site_files
        .iter()
        .map(|file| file.path.as_str())
        .collect();
    if layout.generator != Generator::Quire {
        report
            .warnings
            .extend(give_way(options, &page_files, &site_files, static_files));
    }
    let clashes = output_clashes(
        options,
        &page_files,
        &site_files,
        &checked.aliases,
        static_files,
    );
    let dead = dead_links(
        options,
        &page_files,
        &site_files,
        static_files,
        &checked.links,
    );
    report.warnings.extend(dead);
    report.warnings.sort();
    clashes
}

/// A warning for each site path a document links to that the built site will not serve: no
/// page, feed, host file (the pages at old addresses from `aliases` among them) or file from
/// `static/` stands there. Warnings, not errors: another application may serve paths on the
/// same host.
pub(crate) fn dead_links(
    options: &Options,
    page_files: &BTreeSet<String>,
    site_files: &[&str],
    static_files: &[StaticFile],
    links: &[(PathBuf, SitePath)],
) -> Vec<Diagnostic> {
    if links.is_empty() {
        return Vec::new();
    }
    let mut served = page_files.clone();
    served.extend(site_files.iter().map(|path| (*path).to_owned()));
    served.extend(static_files.iter().map(|file| file.path.clone()));
    let owned = owned_folders(options);
    let serves = |link: &str| {
        let file = static_files::file_path_of(link);
        let file = file.trim_end_matches('/');
        let page = if file.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{file}/index.html")
        };
        served.contains(file)
            || served.contains(&page)
            || owned
                .iter()
                .any(|folder| file == folder || file.starts_with(&format!("{folder}/")))
            // The app's own files (Trunk's output, `public/`) are already in the site's folder.
            || options
                .site_out
                .as_ref()
                .is_some_and(|root| !file.is_empty() && root.join(file).is_file())
    };
    links
        .iter()
        .filter(|(_, link)| !serves(&link.path))
        .map(|(file, link)| {
            Diagnostic::warning(
                file,
                link.line,
                format!(
                    "the link {} leads to nothing this site serves: no page, feed, file in \
                     static/ or alias has that path",
                    link.path
                ),
            )
        })
        .collect()
}

/// The folders the compiler owns whole: the bundle's, wherever it sits in the site.
pub(crate) fn owned_folders(options: &Options) -> Vec<String> {
    let bundle_folder = options
        .site_out
        .as_ref()
        .and_then(|site| options.out.strip_prefix(site).ok())
        .and_then(Path::to_str)
        .map(|folder| folder.trim_matches('/').to_owned());
    let mut owned = vec!["bundle".to_owned()];
    owned.extend(bundle_folder.filter(|folder| !folder.is_empty()));
    owned
}

/// An error for each alias or static file that would stand where the site's own output does:
/// its pages, feeds and host rules (`site_files`, the pages at old addresses among them), the
/// bundle's folder, and each other.
pub(crate) fn output_clashes(
    options: &Options,
    page_files: &BTreeSet<String>,
    site_files: &[&str],
    aliases: &[(PathBuf, Alias)],
    static_files: &[StaticFile],
) -> Vec<Diagnostic> {
    if static_files.is_empty() && aliases.is_empty() {
        return Vec::new();
    }
    let owned_folders = owned_folders(options);
    let owned: Vec<&str> = owned_folders.iter().map(String::as_str).collect();
    let moved: BTreeSet<String> = aliases
        .iter()
        .map(|(_, alias)| feeds::moved_page_file(&alias.path))
        .collect();
    // An alias's own page is no clash with itself; any other page of the site is.
    let mut served = page_files.clone();
    served.extend(
        site_files
            .iter()
            .filter(|path| !moved.contains(**path))
            .map(|path| (*path).to_owned()),
    );
    served.extend(static_files.iter().map(|file| file.path.clone()));
    let mut clashes = alias_clashes(aliases, &served, &owned);
    let mut written = page_files.clone();
    written.extend(site_files.iter().map(|path| (*path).to_owned()));
    clashes.extend(static_files::clashes(static_files, &written, &owned));
    clashes
}

/// Another generator's own copies of files Quire writes (its `sitemap.xml`, a feed, a
/// `_redirects`) give way to Quire's, each with a warning: the old site needed them, the new one
/// makes its own. In Quire's layout the same is an error (`output_clashes`).
pub(crate) fn give_way(
    options: &Options,
    page_files: &BTreeSet<String>,
    site_files: &[&str],
    static_files: &mut Vec<StaticFile>,
) -> Vec<Diagnostic> {
    let owned_folders = owned_folders(options);
    let owned: Vec<&str> = owned_folders.iter().map(String::as_str).collect();
    let mut written = page_files.clone();
    written.extend(site_files.iter().map(|path| (*path).to_owned()));
    let replaced: BTreeSet<PathBuf> = static_files::clashes(static_files, &written, &owned)
        .into_iter()
        .map(|clash| clash.file)
        .collect();
    let mut warnings = Vec::new();
    static_files.retain(|file| {
        let gives_way = replaced.contains(&file.source);
        if gives_way {
            warnings.push(Diagnostic::warning(
                &file.source,
                1,
                format!(
                    "/{} is written by Quire itself; this copy is left out",
                    file.path
                ),
            ));
        }
        !gives_way
    });
    warnings
}

/// An error for each alias that names a page the site has: the page would replace it.
/// An error for each alias that names something the site serves itself (a page, a feed, a static
/// file, the bundle): its redirect would stand in that file's way.
pub(crate) fn alias_clashes(
    aliases: &[(PathBuf, Alias)],
    served: &BTreeSet<String>,
    owned: &[&str],
) -> Vec<Diagnostic> {
    aliases
        .iter()
        .filter(|(_, alias)| {
            let file = alias.path.trim_start_matches('/');
            served.contains(&feeds::moved_page_file(&alias.path))
                || served.contains(file)
                || owned
                    .iter()
                    .any(|folder| file == *folder || file.starts_with(&format!("{folder}/")))
        })
        .map(|(file, alias)| {
            Diagnostic::error(
                file,
                alias.line,
                format!("the alias {} is served by the site itself", alias.path),
            )
        })
        .collect()
}
