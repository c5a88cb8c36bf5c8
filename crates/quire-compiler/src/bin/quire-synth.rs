//! `quire-synth`: writes a synthetic corpus (site.toml + N articles) for benchmarks and scale tests.

use std::path::PathBuf;
use std::process::ExitCode;

use quire_compiler::synth;
use quire_model::Date;

const USAGE: &str = "\
usage: quire-synth --articles N --out DIR [--seed N] [--newest YYYY-MM-DD] [--covers]

  --articles N          how many articles to write (1,000 / 10,000 / 100,000 for the benchmarks)
  --out DIR             content folder to create (must not exist, so nothing is overwritten)
  --seed N              generator seed; the same seed writes the same corpus (default: 1)
  --newest YYYY-MM-DD   date of the newest article; the rest spread over four years (default: 2026-11-01)
  --covers              give every article a cover: a 1600x900 JPEG of its own in static/img/";

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
    let mut covers = false;
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
            Long("covers") => covers = true,
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
    let write = |relative: &str, bytes: &[u8]| {
        let path = out.join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    for (index, file) in synth::corpus(articles, seed, newest)
        .into_iter()
        .enumerate()
    {
        let text = match index.checked_sub(1).filter(|_| covers) {
            // The first file is site.toml; each article names its cover after its date.
            Some(article) => file.text.replacen(
                "\ndate: ",
                &format!(
                    "\nimage: /{}\ndate: ",
                    synth::cover_path(article).trim_start_matches("static/")
                ),
                1,
            ),
            None => file.text,
        };
        write(&file.path, text.as_bytes())?;
    }
    if covers {
        use rayon::prelude::*;
        (0..articles).into_par_iter().try_for_each(|index| {
            write(&synth::cover_path(index), &synth::cover_image(index, seed)?)
        })?;
    }
    Ok(format!(
        "quire-synth: wrote {articles} articles into {}",
        out.display()
    ))
}
