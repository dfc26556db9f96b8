#!/usr/bin/env python3
"""Sums `twiggy top -f csv` rows by crate (the first `crate::` a demangled name mentions) and, for
this crate, by top-level module. Prints two tables. Usage: wasm_weights.py top.csv"""

import collections
import csv
import re
import sys

rows = [r for r in csv.DictReader(open(sys.argv[1])) if "function names" not in r["Name"]]
total = sum(int(r["ShallowSize"]) for r in rows)
crates, modules = collections.Counter(), collections.Counter()
for r in rows:
    name, size = r["Name"], int(r["ShallowSize"])
    if name.startswith("data segment"):
        crates["(data segments)"] += size
        continue
    m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    crate = m.group(1) if m else "(unnamed)"
    crate = "core/alloc/std" if crate in ("core", "alloc", "std") else crate
    crates[crate] += size
    if crate == "pim_console":
        sub = re.search(r"pim_console::([a-z_]+)", name)
        modules[sub.group(1) if sub else "(root)"] += size

print(f"wasm without names: {total:,} B")
for title, table in (("crate", crates), ("pim_console module", modules)):
    print(f"\n{title:<32} {'bytes':>10} {'%':>6}")
    for key, size in table.most_common(20):
        print(f"{key:<32} {size:>10,} {100 * size / total:>6.1f}")
