//! `quire-split`: the Trunk hook's first step on a build (see Trunk.toml): splits the app's wasm
//! in the staging folder. `quire-split --wasm <cargo's module> --staging <dir> [--optimise]`.

use std::path::PathBuf;
use std::process::ExitCode;

use quire_split::{SplitJob, split_app};

struct Args {
    wasm: PathBuf,
    staging: PathBuf,
    optimise: bool,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let (mut wasm, mut staging, mut optimise) = (None, None, false);
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("wasm") => wasm = Some(PathBuf::from(parser.value()?)),
            Long("staging") => staging = Some(PathBuf::from(parser.value()?)),
            Long("optimise") => optimise = true,
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(Args {
        wasm: wasm.ok_or("--wasm <cargo's wasm module> is required")?,
        staging: staging.ok_or("--staging <Trunk's staging folder> is required")?,
        optimise,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(error) => {
            eprintln!("quire-split: {error}");
            return ExitCode::from(2);
        }
    };
    // Beside cargo's module, so a clean of target/ clears it and the source tree is never touched.
    let scratch = args.wasm.with_extension("split");
    let job = SplitJob {
        wasm: &args.wasm,
        staging: &args.staging,
        scratch: &scratch,
        optimise: args.optimise,
    };
    match split_app(&job) {
        Ok(report) => {
            let (glue, main) = report.entry;
            eprintln!(
                "quire-split: {glue} + {main} and {} split points",
                report.map.0.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("quire-split: {error}");
            ExitCode::FAILURE
        }
    }
}
