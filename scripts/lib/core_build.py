#!/usr/bin/env python3
"""Trunk post-build hook (Trunk.toml): builds the app's core build beside the full one.

Trunk builds one Rust binary per page, so this does for the `pim-core` binary what Trunk does for
`pim-console`: cargo build, wasm-bindgen (--target web), wasm-opt -Oz in release, content-hashed
file names, and a second script tag in the staged index.html in the same form as Trunk.toml's
pattern_script. The boot script in index.html picks one of the two per page load (README "Two builds")."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

BIN = "pim-core"
TARGET = "wasm32-unknown-unknown"


def run(*args: str) -> None:
    subprocess.run(args, check=True)


def hashed(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def main() -> int:
    root = Path(os.environ.get("TRUNK_SOURCE_DIR", Path(__file__).resolve().parents[2]))
    staging = Path(os.environ["TRUNK_STAGING_DIR"])
    release = os.environ.get("TRUNK_PROFILE", "release") == "release"
    base = os.environ.get("TRUNK_PUBLIC_URL", "/")
    target_dir = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
    profile = "release" if release else "debug"

    cargo = ["cargo", "build", "--target", TARGET, "--bin", BIN, "--manifest-path", str(root / "Cargo.toml")]
    if release:
        cargo.append("--release")
    if os.environ.get("TRUNK_OFFLINE") == "true":
        cargo.append("--offline")
    run(*cargo)

    out = target_dir / "core-build" / profile
    out.mkdir(parents=True, exist_ok=True)
    run("wasm-bindgen", "--target=web", f"--out-dir={out}", f"--out-name={BIN}", "--no-typescript",
        str(target_dir / TARGET / profile / f"{BIN}.wasm"))
    wasm = out / f"{BIN}_bg.wasm"
    if release:
        run("wasm-opt", "-Oz", str(wasm), f"--output={wasm}")

    js_bytes = (out / f"{BIN}.js").read_bytes()
    wasm_bytes = wasm.read_bytes()
    name = f"{BIN}-{hashed(js_bytes + wasm_bytes)}"
    (staging / f"{name}.js").write_bytes(js_bytes)
    (staging / f"{name}_bg.wasm").write_bytes(wasm_bytes)

    html_path = staging / "index.html"
    html = html_path.read_text()
    full = re.search(r'<meta name="pim-build" content="[^"]*" ?/?>', html)
    if not full:
        print("core_build: no pim-build meta tag in the staged index.html (Trunk.toml pattern_script)", file=sys.stderr)
        return 1
    tag = f'<meta name="pim-build" content="{base}{name}.js {base}{name}_bg.wasm" />'
    html_path.write_text(html[: full.end()] + "\n    " + tag + html[full.end():])
    print(f"core_build: {name}.js and {name}_bg.wasm ({len(wasm_bytes):,} B)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
