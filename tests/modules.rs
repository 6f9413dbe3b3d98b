//! The library's modules import one another without a circle: read from the
//! `crate::`, `super::` and `self::` paths in the source, a module may use its
//! own submodules, and otherwise the imports form a tree-like order (a DAG).
//! `src/main.rs` and `src/cmd/` (the binary) are left out: they sit on top.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module path, `[]` for the crate root.
type Module = Vec<String>;

/// Circles known to be broken on another branch, as the sorted modules in them.
/// Listed here so this branch stays green; the test fails when a listed circle
/// is gone, so the list cannot go stale.
const KNOWN: &[&[&str]] = &[];

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file under `src/` holds (`src/pdf/mod.rs` and `src/pdf.rs` are `pdf`).
fn module_of(rel: &Path) -> Module {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file without its comments and without its test module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path written after `prefix` at `at`, braces expanded: for
/// `crate::{deck::Deck, theme}` the paths `deck::Deck` and `theme`.
fn paths_at(text: &str, at: usize) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut rest = &text[at..];
    loop {
        rest = rest.trim_start();
        if let Some(inner) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut end = inner.len();
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let group = &inner[..end];
            let mut items = Vec::new();
            let (mut depth, mut start) = (0, 0);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&group[start..i]);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            items.push(&group[start..]);
            let mut out = Vec::new();
            for item in items.iter().filter(|i| !i.trim().is_empty()) {
                for tail in paths_at(item, 0) {
                    let mut path = segments.clone();
                    path.extend(tail);
                    out.push(path);
                }
            }
            return out;
        }
        let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        segments.push(rest[..len].to_string());
        rest = &rest[len..];
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    vec![segments]
}

/// The modules `code` (of module `me`) refers to.
fn imports(me: &Module, code: &str, modules: &BTreeSet<Module>) -> BTreeSet<Module> {
    let mut found = BTreeSet::new();
    for (prefix, base) in [
        ("crate::", Vec::new()),
        ("super::", me[..me.len().saturating_sub(1)].to_vec()),
        ("self::", me.clone()),
    ] {
        for (i, _) in code.match_indices(prefix) {
            // `pitchdeck::crate::` cannot occur, but `my_super::` could.
            if code[..i].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            for tail in paths_at(code, i + prefix.len()) {
                let mut path = base.clone();
                let mut tail = tail.as_slice();
                while let Some(("super", rest)) = tail.split_first().map(|(h, r)| (h.as_str(), r)) {
                    path.pop();
                    tail = rest;
                }
                path.extend(tail.iter().cloned());
                // The longest prefix that is a module: `check::rules::lookup` is `check::rules`.
                while !modules.contains(&path) {
                    path.pop();
                }
                found.insert(path);
            }
        }
    }
    found
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".to_string()
    } else {
        m.join("::")
    }
}

/// The graph of the library's imports, without a module's uses of its own submodules.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let files: Vec<(Module, String)> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(&src).unwrap();
            let binary = rel == Path::new("main.rs") || rel.starts_with("cmd");
            (!binary).then(|| (module_of(rel), code_of(&fs::read_to_string(f).unwrap())))
        })
        .collect();
    let modules: BTreeSet<Module> = files.iter().map(|(m, _)| m.clone()).collect();
    files
        .iter()
        .map(|(me, code)| {
            let uses = imports(me, code, &modules)
                .into_iter()
                .filter(|other| !other.starts_with(me))
                .collect();
            (me.clone(), uses)
        })
        .collect()
}

/// Every circle, as the sorted names of the modules in one strongly connected
/// part of the graph (Tarjan's algorithm).
fn circles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'g Module, usize>,
        low: BTreeMap<&'g Module, usize>,
        stack: Vec<&'g Module>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, m: &'g Module) {
        let i = s.index.len();
        s.index.insert(m, i);
        s.low.insert(m, i);
        s.stack.push(m);
        for next in s.graph.get(m).into_iter().flatten() {
            if !s.index.contains_key(next) {
                visit(s, next);
                let low = s.low[next].min(s.low[m]);
                s.low.insert(m, low);
            } else if s.stack.contains(&next) {
                let low = s.index[next].min(s.low[m]);
                s.low.insert(m, low);
            }
        }
        if s.low[m] == s.index[m] {
            let mut part = Vec::new();
            while let Some(top) = s.stack.pop() {
                part.push(name(top));
                if top == m {
                    break;
                }
            }
            if part.len() > 1 {
                part.sort();
                s.found.push(part);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for m in graph.keys() {
        if !s.index.contains_key(m) {
            visit(&mut s, m);
        }
    }
    s.found.sort();
    s.found
}

#[test]
fn the_library_has_no_import_circle() {
    let graph = graph();
    // The reading of the source must see the imports that are there.
    let diagnostic = vec!["diagnostic".to_string()];
    assert!(graph.contains_key(&diagnostic), "{:?}", graph.keys());
    assert!(
        graph[&vec!["load".to_string()]].contains(&diagnostic),
        "load uses diagnostic"
    );
    let found = circles(&graph);
    let known: Vec<Vec<String>> = KNOWN
        .iter()
        .map(|c| c.iter().map(|m| m.to_string()).collect())
        .collect();
    let new: Vec<String> = found
        .iter()
        .filter(|c| !known.contains(c))
        .map(|c| c.join(" ↔ "))
        .collect();
    assert!(new.is_empty(), "import circles:\n{}", new.join("\n"));
    for circle in &known {
        assert!(
            found.contains(circle),
            "the circle {} is gone: remove it from KNOWN",
            circle.join(" ↔ ")
        );
    }
}

#[test]
fn diagnostic_is_a_leaf() {
    let graph = graph();
    let uses: Vec<String> = graph[&vec!["diagnostic".to_string()]]
        .iter()
        .filter(|m| !m.starts_with(&["diagnostic".to_string()]))
        .map(name)
        .collect();
    assert!(uses.is_empty(), "diagnostic uses {uses:?}");
}

#[test]
fn circles_are_found_in_a_made_up_graph() {
    let m = |s: &str| vec![s.to_string()];
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    graph.insert(m("a"), [m("b")].into());
    graph.insert(m("b"), [m("c")].into());
    graph.insert(m("c"), [m("a")].into());
    graph.insert(m("d"), [m("a")].into());
    assert_eq!(circles(&graph), vec![vec!["a", "b", "c"]]);
    let modules: BTreeSet<Module> = [m("a"), vec!["a".into(), "b".into()], Vec::new()].into();
    let found = imports(
        &vec!["a".into(), "b".into()],
        "use crate::{a, x::y};\nuse super::b::f;\nfn g() { my_super::z(); crate::a::b::h(); }",
        &modules,
    );
    assert_eq!(
        found,
        [m("a"), vec!["a".into(), "b".into()], Vec::new()].into()
    );
}
