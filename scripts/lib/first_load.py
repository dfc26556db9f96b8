#!/usr/bin/env python3
"""First-load transfer of the built app: every file index.html makes the browser fetch before the
app is interactive, with raw, gzip (-9) and brotli (-q 11) bytes. Prints a table; writes JSON.

The app has two builds (README "Two builds") and the boot script in index.html fetches one of them: the core build
for My roles and activation against a tenant (the figure issue 8's budget is about, reported at the
top level), the full build for the demo and every other page (reported under "demo")."""

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path


def is_core(name: str) -> bool:
    return name.startswith("pim-core-")


def first_load_files(dist: Path, build: str = "core") -> list[Path]:
    html = (dist / "index.html").read_text()
    refs = re.findall(r'(?:href|src)="/?([^"]+)"', html)
    # Each build's glue script and wasm (Trunk.toml pattern_script); only the picked one is fetched.
    for pair in re.findall(r'<meta name="pim-build" content="([^"]+)"', html):
        refs += [p.lstrip("/") for p in pair.split()]
    builds = {is_core(r) for r in refs if r.endswith(".wasm")}
    want_core = build == "core" and True in builds
    refs = [r for r in refs if not (r.endswith(".js") or r.endswith(".wasm")) or is_core(r) == want_core]
    # config.json is fetched by the boot script at start-up.
    names = ["index.html", *refs, "config.json"]
    seen, files = set(), []
    for name in names:
        path = dist / name
        if name not in seen and path.is_file():
            seen.add(name)
            files.append(path)
    return files


def brotli_size(data: bytes) -> int:
    out = subprocess.run(["brotli", "-c", "-q", "11", "-"], input=data, capture_output=True, check=True)
    return len(out.stdout)


def measure(dist: Path, build: str = "core") -> dict:
    rows = []
    for path in first_load_files(dist, build):
        data = path.read_bytes()
        rows.append({
            "file": path.name,
            "raw": len(data),
            "gzip": len(gzip.compress(data, 9)),
            "brotli": brotli_size(data),
        })
    total = {k: sum(r[k] for r in rows) for k in ("raw", "gzip", "brotli")}
    return {"files": rows, "requests": len(rows), "total": total}


def print_table(report: dict) -> None:
    print(f"{'first-load file':<44} {'raw':>10} {'gzip':>10} {'brotli':>10}")
    for r in report["files"]:
        print(f"{r['file']:<44} {r['raw']:>10,} {r['gzip']:>10,} {r['brotli']:>10,}")
    t = report["total"]
    print(f"{'total (' + str(report['requests']) + ' requests)':<44} {t['raw']:>10,} {t['gzip']:>10,} {t['brotli']:>10,}")


if __name__ == "__main__":
    dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    report = measure(dist)
    print_table(report)
    report["demo"] = measure(dist, "full")
    print("demo and every other page (the full build):")
    print_table(report["demo"])
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2) + "\n")
