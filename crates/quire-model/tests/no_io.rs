//! `quire-model` does no I/O: it is the pure logic both the compiler and the browser share, so
//! nothing in it may reach for the file system, the network, processes or the clock.

use std::fs;
use std::path::Path;

fn sources(dir: &Path, found: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn no_module_reaches_for_the_file_system_network_processes_or_clock() {
    let mut found = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(found.len() > 20, "the crate's sources are read");
    for (path, text) in found {
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for reach in [
            "std::fs",
            "std::net",
            "std::process",
            "std::env",
            "std::time::SystemTime",
            "Instant::now",
            "std::io::stdin",
            "File::",
        ] {
            assert!(!code.contains(reach), "{path} uses {reach}");
        }
    }
}
