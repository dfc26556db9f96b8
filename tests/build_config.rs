//! Build and hosting settings that must agree with each other: the Content-Security-Policy, the
//! supported clouds, and the tool pins.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use pim_console::config::Cloud;

fn read(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

fn csp() -> String {
    let html = read("index.html");
    let start = html.find("http-equiv=\"Content-Security-Policy\" content=\"").expect("CSP meta tag") + 46;
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

fn directive(csp: &str, name: &str) -> Vec<String> {
    csp.split(';')
        .map(str::trim)
        .find(|d| d.starts_with(&format!("{name} ")))
        .map(|d| d.split_whitespace().skip(1).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The one inline script of index.html: the boot script.
fn boot_script() -> String {
    let html = read("index.html");
    let start = html.find("<script>").expect("the boot script in index.html") + "<script>".len();
    html[start..start + html[start..].find("</script>").unwrap()].to_owned()
}

#[test]
fn scripts_are_neither_inline_nor_evaluated_but_the_boot_script_by_its_hash() {
    use base64::Engine;
    use sha2::Digest;
    let csp = csp();
    let scripts = directive(&csp, "script-src");
    assert!(scripts.contains(&"'self'".to_owned()));
    assert!(!scripts.iter().any(|s| s == "'unsafe-inline'" || s == "'unsafe-eval'"), "{scripts:?}");
    assert_eq!(directive(&csp, "default-src"), ["'none'"]);
    let html = read("index.html");
    assert_eq!(html.matches("<script").count(), 1, "one script in index.html: the boot script");
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(boot_script().as_bytes()));
    let allowed = format!("'sha256-{hash}'");
    assert!(
        scripts.contains(&allowed),
        "after editing the boot script, put {allowed} in script-src (index.html and README)"
    );
}

#[test]
fn connect_src_is_the_origin_and_the_clouds_only() {
    let allowed = directive(&csp(), "connect-src");
    let mut expected = vec!["'self'".to_owned()];
    for cloud in Cloud::ALL {
        let e = cloud.endpoints();
        expected.extend([e.login, e.graph, e.arm]);
    }
    let mut a = allowed.clone();
    a.sort();
    expected.sort();
    assert_eq!(a, expected);
}

#[test]
fn readme_documents_the_same_policy_as_a_header() {
    assert!(
        read("README.md").contains(&csp()),
        "README's Content-Security-Policy header must match index.html"
    );
}

#[test]
fn wasm_bindgen_pins_agree() {
    let lock = read("Cargo.lock");
    let needle = "name = \"wasm-bindgen\"\nversion = \"";
    let at = lock.find(needle).expect("wasm-bindgen in Cargo.lock") + needle.len();
    let version = &lock[at..at + lock[at..].find('"').unwrap()];
    assert!(
        read("Cargo.toml")
            .lines()
            .any(|l| l.starts_with("wasm-bindgen = ") && l.contains(&format!("\"={version}\""))),
        "Cargo.toml pins ={version}"
    );
    assert!(
        read("Trunk.toml").contains(&format!("wasm_bindgen = \"{version}\"")),
        "Trunk.toml pins {version}"
    );
}

#[test]
fn release_profile_is_built_for_size() {
    let cargo = read("Cargo.toml");
    for line in ["opt-level = \"z\"", "lto = true", "codegen-units = 1", "panic = \"abort\""] {
        assert!(cargo.contains(line), "release profile needs {line}");
    }
    assert!(read("index.html").contains("data-wasm-opt=\"z\""));
}

/// The string array `const <name> = [...]` in a script.
fn js_list(script: &str, name: &str) -> Vec<String> {
    let opening = format!("const {name} = [");
    let start = script.find(&opening).unwrap_or_else(|| panic!("{name} in the script")) + opening.len();
    script[start..start + script[start..].find(']').unwrap()]
        .split(',')
        .map(|p| p.trim().trim_matches('"').to_owned())
        .collect()
}

#[test]
fn boot_script_picks_the_core_build_for_the_same_paths_as_the_app() {
    let boot = boot_script();
    assert_eq!(js_list(&boot, "CORE_PATHS"), pim_console::config::CORE_PATHS);
    // Trunk builds the full one (index.html); the post-build hook the core one.
    assert!(read("index.html").contains("data-bin=\"pim-console\""));
    assert!(read("Trunk.toml").contains("scripts/lib/core_build.py"));
    for bin in ["pim-console", "pim-core"] {
        assert!(read("Cargo.toml").contains(&format!("name = \"{bin}\"")), "Cargo.toml has the {bin} binary");
    }
    // The boot script tells the builds apart by the core build's file name.
    assert!(boot.contains("pim-core-"));
}

#[test]
fn service_worker_answers_for_the_app_s_own_pages_only() {
    let worker = read("public/sw.js");
    assert_eq!(js_list(&worker, "APP_PATHS"), pim_console::config::APP_PATHS);
    // Every route of the router is one of them (the full build's table lists them all).
    let app = read("src/ui/app.rs");
    for route in app.split("path=path!(\"").skip(1) {
        let path = &route[..route.find('"').unwrap()];
        assert!(pim_console::config::APP_PATHS.contains(&path), "{path} is missing from config::APP_PATHS");
    }
    for core in pim_console::config::CORE_PATHS {
        assert!(pim_console::config::APP_PATHS.contains(&core));
    }
    // Shipped beside index.html (Trunk copies it) and registered by the boot script.
    assert!(read("index.html").contains("href=\"public/sw.js\""));
    assert!(boot_script().contains("serviceWorker.register"));
}
