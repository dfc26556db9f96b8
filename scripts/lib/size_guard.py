#!/usr/bin/env python3
"""Fails when the release build's first-load brotli total grows past the checked-in budget
(scripts/size-budget.json). Byte counts are deterministic, so this runs in scripts/test."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from first_load import measure, print_table  # noqa: E402

budget_file = Path(__file__).parent.parent / "size-budget.json"
budget = json.loads(budget_file.read_text())["first_load_brotli_bytes"]
report = measure(Path(sys.argv[1] if len(sys.argv) > 1 else "dist"))
print_table(report)
total = report["total"]["brotli"]
if total > budget:
    print(f"size guard: first-load brotli {total:,} B is over the budget of {budget:,} B in {budget_file.name}.")
    print("Find what grew (scripts/bench), shrink it or load it on demand; raise the budget only on purpose.")
    sys.exit(1)
print(f"size guard: first-load brotli {total:,} B within the budget of {budget:,} B")
