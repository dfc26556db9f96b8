#!/usr/bin/env python3
"""Fails when the release build's first-load brotli total grows past the checked-in budgets
(scripts/size-budget.json): the core build's (My roles and activation against a tenant) and the
full build's (the demo and every other page). Byte counts are deterministic, so this runs in
scripts/test."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from first_load import measure, print_table  # noqa: E402

budget_file = Path(__file__).parent.parent / "size-budget.json"
budgets = json.loads(budget_file.read_text())
dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
over = False
for build, key, what in [
    ("core", "first_load_brotli_bytes", "My roles against a tenant (core build)"),
    ("full", "demo_first_load_brotli_bytes", "the demo and every other page (full build)"),
]:
    budget = budgets[key]
    report = measure(dist, build)
    print(f"{what}:")
    print_table(report)
    total = report["total"]["brotli"]
    if total > budget:
        over = True
        print(f"size guard: {what}: first-load brotli {total:,} B is over the budget of {budget:,} B ({key}).")
    else:
        print(f"size guard: {what}: first-load brotli {total:,} B within the budget of {budget:,} B")
if over:
    print(f"Find what grew (scripts/bench, scripts/wasm-weights), shrink it or load it on demand; raise a budget in {budget_file.name} only on purpose.")
    sys.exit(1)
