//! The pure layers never touch the browser or the UI framework. A native build cannot even
//! link them (those crates are wasm-only dependencies); this test also reads the sources, so a
//! `cfg(target_arch = "wasm32")` escape hatch inside a pure layer fails too.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

const PURE_LAYERS: [&str; 4] = ["domain", "graph", "auth", "sim"];
const FORBIDDEN: [&str; 6] = ["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys", "crate::ui"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn pure_layers_use_no_browser_or_ui_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offences = Vec::new();
    let mut checked = 0;
    for layer in PURE_LAYERS {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        for file in files {
            checked += 1;
            for (n, line) in fs::read_to_string(&file).unwrap().lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for word in FORBIDDEN {
                    if code.contains(word) {
                        offences.push(format!("{}:{}: uses {word}", file.display(), n + 1));
                    }
                }
                if code.contains("crate::platform") {
                    offences.push(format!("{}:{}: uses crate::platform", file.display(), n + 1));
                }
            }
        }
    }
    assert!(checked >= PURE_LAYERS.len(), "no sources found under {}", src.display());
    assert!(offences.is_empty(), "pure layers must stay browser-free:\n{}", offences.join("\n"));
}

#[test]
fn the_check_catches_a_forbidden_use() {
    // Guard against a scanner that silently matches nothing.
    let line = "use leptos::prelude::*;";
    assert!(FORBIDDEN.iter().any(|w| line.contains(w)));
}
