//! `quire-synth`: writes a synthetic corpus (site.toml + N articles) for benchmarks and scale tests.

use std::path::PathBuf;
use std::process::ExitCode;

use quire_compiler::synth;
use quire_model::Date;

const USAGE: &str = "\
usage: quire-synth --articles N --out DIR [--seed N] [--newest YYYY-MM-DD]

  --articles N          how many articles to write (1,000 / 10,000 / 100,000 for the benchmarks)
  --out DIR             content folder to create (must not exist, so nothing is overwritten)
  --seed N              generator seed; the same seed writes the same corpus (default: 1)
  --newest YYYY-MM-DD   date of the newest article; the rest spread over four years (default: 2026-11-01)";

fn main() -> ExitCode {
    match run() {
        Ok(message) => {
            eprintln!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("quire-synth: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<String, String> {
    use lexopt::prelude::*;

    let mut articles: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = 1u64;
    let mut newest = Date::parse("2026-11-01").expect("a valid default date");
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("articles") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                articles = Some(value.parse().map_err(|e: lexopt::Error| e.to_string())?);
            }
            Long("out") => out = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("seed") => {
                seed = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .parse()
                    .map_err(|e: lexopt::Error| e.to_string())?
            }
            Long("newest") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                newest =
                    Date::parse(&value.to_string_lossy()).map_err(|e| format!("--newest: {e}"))?;
            }
            Short('h') | Long("help") => return Ok(USAGE.to_owned()),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let articles = articles.ok_or("--articles is required")?;
    let out = out.ok_or("--out is required")?;
    if out.exists() {
        return Err(format!(
            "{} exists already; choose a new folder",
            out.display()
        ));
    }
    for file in synth::corpus(articles, seed, newest) {
        let path = out.join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, file.text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(format!(
        "quire-synth: wrote {articles} articles into {}",
        out.display()
    ))
}
