//! Splits the reader app's wasm into an entry module and one chunk per route, and names every
//! file by its content, in the folder Trunk stages a build in.
//!
//! Trunk runs wasm-bindgen on the module cargo links, and has no hook between the two; the split
//! must happen before wasm-bindgen. So this runs after Trunk (its `post_build` hook), on the
//! module cargo left in `target/`, and replaces the two files Trunk staged:
//! 1. `wasm_split_cli_support` splits the module (linked with `--emit-relocs`) into a main
//!    module, a module per split point (`split_<name>`), chunks of code two split points share
//!    (`chunk_<n>`), and a loader script that fetches them.
//! 2. wasm-bindgen binds the main module, keeping the linker's exports the chunks link against.
//! 3. wasm-opt optimises every module, and terser minifies the glue and the loader (release
//!    builds).
//! 4. Every file is named by a hash of its content, so a deploy never mixes versions: the
//!    chunks by their own bytes; the glue, the main module and the loader, which name each
//!    other, by one hash of all three, written over same-length placeholders.
//! 5. The page's `quire-app` tag (see `pattern_preload` in Trunk.toml) names the new entry
//!    files, and the chunks each split point needs, so `public/boot.js` can fetch the current
//!    route's chunks beside the entry module.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

mod names;

pub use names::{EntryFiles, SplitMap, content_hash, rewrite_app_tag};

/// What went wrong, naming the file or tool.
#[derive(Debug, thiserror::Error)]
pub enum SplitError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: the wasm could not be split: {message}\n(is the app linked with `-Clink-args=--emit-relocs`? see .cargo/config.toml)"
    )]
    Split { path: PathBuf, message: String },
    #[error("{tool} could not run ({source}); `make tools` installs it")]
    ToolMissing {
        tool: &'static str,
        source: std::io::Error,
    },
    #[error("{tool} failed on {path}:\n{stderr}")]
    ToolFailed {
        tool: &'static str,
        path: PathBuf,
        stderr: String,
    },
    #[error("{path}: {message}")]
    Page { path: PathBuf, message: String },
}

/// What to split and where.
pub struct SplitJob<'a> {
    /// The module cargo linked (`target/wasm32-unknown-unknown/<profile>/quire.wasm`).
    pub wasm: &'a Path,
    /// Trunk's staging folder, with its `index.html` and the two files it wrote.
    pub staging: &'a Path,
    /// A folder of this build's own for intermediate files.
    pub scratch: &'a Path,
    /// Run wasm-opt on every module and terser on the scripts (release builds).
    pub optimise: bool,
}

/// What a split wrote.
#[derive(Debug)]
pub struct SplitReport {
    /// The entry's glue script and main module, by file name.
    pub entry: (String, String),
    /// The split points and the files each needs.
    pub map: SplitMap,
}

/// The base names the placeholders stand for; all of the same length as what replaces them.
const LINK_PLACEHOLDER: &str = "./quire-split-________________.js";
const GLUE_PLACEHOLDER: &str = "./quire-________________.js";
const HASH_PLACEHOLDER: &str = "________________";

/// Splits `job.wasm` into `job.staging`, in place of the two files Trunk staged there.
pub fn split_app(job: &SplitJob) -> Result<SplitReport, SplitError> {
    let input = read(job.wasm)?;
    recreate_dir(job.scratch)?;
    let main_module = job.scratch.join("main.wasm");
    let split = {
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = job.scratch;
        options.main_out_path = &main_module;
        options.link_name = LINK_PLACEHOLDER;
        options.main_module = GLUE_PLACEHOLDER;
        wasm_split_cli_support::transform(options).map_err(|error| SplitError::Split {
            path: job.wasm.to_owned(),
            message: format!("{error:#}"),
        })?
    };
    let bound = job.scratch.join("bindgen");
    bind(&main_module, &bound)?;
    let main_wasm = bound.join("quire_bg.wasm");
    let glue_path = bound.join("quire.js");
    if job.optimise {
        let mut modules = vec![main_wasm.clone()];
        modules.extend(split.split_modules.iter().cloned());
        optimise(&modules, &glue_path)?;
    }
    let chunks = name_chunks(&split.split_modules)?;
    let loader_path = job.scratch.join(LINK_PLACEHOLDER.trim_start_matches("./"));
    let mut loader = read_text(&loader_path)?;
    for (stem, named) in &chunks {
        loader = loader.replace(&format!("\"./{stem}.wasm\""), &format!("\"./{named}\""));
    }
    if job.optimise {
        // Minified once its chunks are named: the names are matched as they were written.
        write(&loader_path, loader.as_bytes())?;
        finish(
            "terser",
            spawn("terser", minify(&loader_path))?,
            &loader_path,
        )?;
        loader = read_text(&loader_path)?;
    }
    let mut glue = read(&glue_path)?;
    let mut main = read(&main_wasm)?;
    let hash = content_hash(&[&glue, &main, loader.as_bytes()]);
    let link = LINK_PLACEHOLDER.replace(HASH_PLACEHOLDER, &hash);
    let glue_name = GLUE_PLACEHOLDER.replace(HASH_PLACEHOLDER, &hash);
    names::replace_same_length(&mut glue, LINK_PLACEHOLDER, &link);
    names::replace_same_length(&mut main, LINK_PLACEHOLDER, &link);
    let loader = loader.replace(GLUE_PLACEHOLDER, &glue_name);

    let glue_file = glue_name.trim_start_matches("./").to_owned();
    let main_file = format!("quire-{hash}_bg.wasm");
    let map = SplitMap::new(&split.prefetch_map, &chunks);
    let loader_file = link.trim_start_matches("./");
    let entry = Entry {
        files: EntryFiles {
            glue: &glue_file,
            main: &main_file,
            loader: loader_file,
        },
        glue: &glue,
        main: &main,
    };
    publish(job, &bound, &entry, &map)?;
    write(&job.staging.join(loader_file), loader.as_bytes())?;
    for (stem, named) in &chunks {
        let from = job.scratch.join(format!("{stem}.wasm"));
        copy(&from, &job.staging.join(named))?;
    }
    Ok(SplitReport {
        entry: (glue_file, main_file),
        map,
    })
}

/// The entry's files, named, with the glue script's and the main module's bytes.
struct Entry<'a> {
    files: EntryFiles<'a>,
    glue: &'a [u8],
    main: &'a [u8],
}

/// Writes the entry's files in place of the two Trunk staged, and names them and the chunks in
/// the page.
fn publish(job: &SplitJob, bound: &Path, entry: &Entry, map: &SplitMap) -> Result<(), SplitError> {
    let page_path = job.staging.join("index.html");
    let page = read_text(&page_path)?;
    let rewritten =
        rewrite_app_tag(&page, &entry.files, map).map_err(|message| SplitError::Page {
            path: page_path.clone(),
            message,
        })?;
    for stale in &rewritten.replaced {
        let path = job.staging.join(stale);
        fs::remove_file(&path).map_err(io(&path))?;
    }
    write(&job.staging.join(entry.files.glue), entry.glue)?;
    write(&job.staging.join(entry.files.main), entry.main)?;
    let snippets = bound.join("snippets");
    if snippets.is_dir() {
        copy_tree(&snippets, &job.staging.join("snippets"))?;
    }
    write(&page_path, rewritten.page.as_bytes())
}

/// Runs wasm-bindgen as Trunk does, keeping the exports the chunks link against.
fn bind(main_module: &Path, out: &Path) -> Result<(), SplitError> {
    let mut command = Command::new("wasm-bindgen");
    command
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
        .arg("--out-dir")
        .arg(out)
        .args(["--out-name", "quire"])
        .arg(main_module);
    finish("wasm-bindgen", spawn("wasm-bindgen", command)?, main_module)
}

/// wasm-opt on every module and terser on the glue script at once: one process each, the
/// machine's cores shared among them.
fn optimise(modules: &[PathBuf], glue: &Path) -> Result<(), SplitError> {
    let minifying = spawn("terser", minify(glue))?;
    let mut running = Vec::new();
    for module in modules {
        let mut command = Command::new("wasm-opt");
        command
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
            ])
            .args(["--enable-sign-ext", "--enable-mutable-globals"])
            .arg(module)
            .arg("-o")
            .arg(module);
        running.push((module, spawn("wasm-opt", command)?));
    }
    for (module, child) in running {
        finish("wasm-opt", child, module)?;
    }
    finish("terser", minifying, glue)
}

/// terser on an ES module, in place. Its exports and string literals (the files' names, which
/// are replaced later) are kept as they are.
fn minify(script: &Path) -> Command {
    let mut command = Command::new("terser");
    command
        .arg(script)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(script);
    command
}

fn spawn(tool: &'static str, mut command: Command) -> Result<Child, SplitError> {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| SplitError::ToolMissing { tool, source })
}

/// Waits for `tool`, run on `path`; its error output is the error when it fails.
fn finish(tool: &'static str, child: Child, path: &Path) -> Result<(), SplitError> {
    let output = child.wait_with_output().map_err(io(path))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(SplitError::ToolFailed {
            tool,
            path: path.to_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}

/// Each chunk's stem (`chunk_0`, `split_article`) and the content-hashed name it is published as.
fn name_chunks(modules: &[PathBuf]) -> Result<BTreeMap<String, String>, SplitError> {
    let mut named = BTreeMap::new();
    for module in modules {
        let stem = module
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default()
            .to_owned();
        let hash = content_hash(&[&read(module)?]);
        named.insert(stem.clone(), format!("quire-{stem}-{hash}.wasm"));
    }
    Ok(named)
}

/// An I/O error, naming the file.
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SplitError + use<> {
    let path = path.to_owned();
    move |source| SplitError::Io { path, source }
}

fn read(path: &Path) -> Result<Vec<u8>, SplitError> {
    fs::read(path).map_err(io(path))
}

fn read_text(path: &Path) -> Result<String, SplitError> {
    fs::read_to_string(path).map_err(io(path))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), SplitError> {
    fs::write(path, bytes).map_err(io(path))
}

fn copy(from: &Path, to: &Path) -> Result<(), SplitError> {
    fs::copy(from, to).map(drop).map_err(io(from))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), SplitError> {
    fs::create_dir_all(to).map_err(io(to))?;
    for entry in fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            copy(&entry.path(), &target)?;
        }
    }
    Ok(())
}

fn recreate_dir(path: &Path) -> Result<(), SplitError> {
    if path.exists() {
        fs::remove_dir_all(path).map_err(io(path))?;
    }
    fs::create_dir_all(path).map_err(io(path))
}
