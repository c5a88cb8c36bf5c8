//! The compiler's layout stays a graph a reader can follow: no module imports, through any
//! chain, a module that imports it back.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every module of the crate by path (`read::article`), with the text outside its tests.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            let Some(stem) = relative.strip_suffix(".rs") else {
                continue;
            };
            if ["lib", "main"].contains(&stem)
                || stem.starts_with("bin/")
                || stem.ends_with("tests")
            {
                continue;
            }
            let name = stem.strip_suffix("/mod").unwrap_or(stem).replace('/', "::");
            let text = fs::read_to_string(&path).unwrap();
            let code = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap()
                .to_owned();
            found.insert(name, code);
        }
    }
    found
}

/// The modules the module `name` names through `crate::…` and `super::…` paths, each as the
/// longest module path named.
fn imports(name: &str, code: &str, modules: &BTreeMap<String, String>) -> BTreeSet<String> {
    let parent = name.rsplit_once("::").map_or("", |(parent, _)| parent);
    let mut named = BTreeSet::new();
    let starts = code
        .match_indices("crate::")
        .map(|(at, found)| (at + found.len(), String::new()))
        .chain(code.match_indices("super::").filter_map(|(at, found)| {
            let preceded =
                code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
            (!preceded).then(|| (at + found.len(), format!("{parent}::")))
        }));
    for (at, prefix) in starts {
        let path: String = code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let path = format!("{prefix}{path}");
        let parts: Vec<&str> = path.split("::").filter(|part| !part.is_empty()).collect();
        if let Some(module) = (1..=parts.len())
            .rev()
            .map(|length| parts[..length].join("::"))
            .find(|candidate| modules.contains_key(candidate))
        {
            named.insert(module);
        }
    }
    named
}

/// A cycle through `module`, if the depth-first walk from it finds one.
fn cycle_from(
    module: &str,
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(start) = path.iter().position(|seen| seen == module) {
        return Some(path[start..].to_vec());
    }
    if !done.insert(module.to_owned()) {
        return None;
    }
    path.push(module.to_owned());
    for next in &graph[module] {
        if let Some(cycle) = cycle_from(next, graph, path, done) {
            return Some(cycle);
        }
    }
    path.pop();
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let modules = modules();
    assert!(modules.contains_key("read::article") && modules.contains_key("write::staging"));
    let graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|(name, code)| {
            let mut named = imports(name, code, &modules);
            named.remove(name);
            (name.clone(), named)
        })
        .collect();
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(cycle) = cycle_from(module, &graph, &mut Vec::new(), &mut done) {
            panic!("an import cycle: {}", cycle.join(" -> "));
        }
    }
}

/// Folders are walked by `walkdir` alone: a folder is listed by hand only to move a staged
/// build into place and to list one level of a site's folders.
#[test]
fn folders_are_walked_by_one_crate() {
    let listing: Vec<String> = modules()
        .into_iter()
        .filter(|(_, code)| code.contains("read_dir("))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(listing, ["generator::walk", "write::staging"]);
}
