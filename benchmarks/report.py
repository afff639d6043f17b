"""docs/benchmarks.md from benchmarks/results/*.json: one table per size, and growth across sizes."""

from __future__ import annotations

import json
from pathlib import Path

FLOORS = {"tag": "floor: spacy tokenizer", "import": "floor: duckdb insert"}
# Hand-written analysis (profiles, what is not met and why), kept under the generated tables.
NOTES = Path(__file__).resolve().parent / "notes.md"
IMPORT_TARGET_PER_S = 20_000  # the scale issue's import target, held against the import's ceiling


def write_markdown(results: Path, target: Path) -> None:
    # <N>.json only: other benchmarks (e.g. spark_<N>.json) keep their own format there.
    runs = sorted((json.loads(p.read_text()) for p in results.glob("*.json") if p.stem.isdigit()),
                  key=lambda r: r["postings"])
    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (benchmarks/run.py) on the scale corpus of benchmarks/corpus.py",
        "(~450 words a posting, long-tailed; a Zipf vocabulary; one employer per ~40 postings; three",
        "years). Each stage runs as its own `jobtrends` process; the best of several runs is kept,",
        "with the peak resident memory of the process. Ratio to floor: the stage's time over the",
        "time of its floor (tag: spaCy's bare tokenizer over the same text; import: DuckDB's own",
        "Parquet insert of the same rows). That ratio is what we improve.",
        "",
    ]
    if runs:
        lines += [f"Machine: {runs[-1]['machine']}.", ""]
    else:
        lines += ["No full `make bench` run is recorded yet (benchmarks/results/ is empty).", ""]
    for run in runs:
        n, stages = run["postings"], run["stages"]
        lines += [f"## {n:,} postings (measured {run['measured']})", "",
                  "| stage | seconds | postings/s | peak MB | ratio to floor |", "|---|---|---|---|---|"]
        for name, s in stages.items():
            floor = stages.get(FLOORS.get(name, ""), None)
            ratio = f"{s['seconds'] / floor['seconds']:.1f}x" if floor else ""
            lines.append(f"| {name} | {s['seconds']:.2f} | {s['postings_per_s']:,.0f} | {s['peak_mb']:,} | {ratio} |")
        lines.append("")
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        factor = last["postings"] / first["postings"]
        lines += [f"## Growth from {first['postings']:,} to {last['postings']:,} postings ({factor:g}x)", "",
                  "| stage | time grew | memory grew |", "|---|---|---|"]
        for name, s in last["stages"].items():
            if name in first["stages"]:
                a = first["stages"][name]
                lines.append(f"| {name} | {s['seconds'] / a['seconds']:.1f}x | {s['peak_mb'] / max(a['peak_mb'], 1):.1f}x |")
        lines.append("")
    lines += ceiling_section(results / "import_ceiling.json")
    if NOTES.exists():
        lines += [NOTES.read_text().rstrip(), ""]
    target.write_text("\n".join(lines))


def ceiling_section(path: Path) -> list[str]:
    """The import's CPU a posting, part by part (benchmarks/import_ceiling.py), when measured."""
    if not path.exists():
        return []
    c = json.loads(path.read_text())
    total = c["total_ms"]
    lines = [f"## What the import could reach: its CPU a posting, part by part (measured {c['measured']})", "",
             f"benchmarks/import_ceiling.py on the first {c['rows']:,} rows of the scale corpus, one process, "
             f"each part's best of {c['repeat']} runs ({c['machine']}).", "",
             "| part | ms a posting | share |", "|---|---|---|"]
    for name, ms in c["ms_a_posting"].items():
        lines.append(f"| {name} | {ms:.3f} | {100 * ms / total:.0f}% |")
    budget = c["cores"] * 1000 / IMPORT_TARGET_PER_S
    lines += [f"| all of it | {total:.3f} | 100% |", "",
              f"With every one of the {c['cores']} cores busy and nothing waiting, at best "
              f"**{c['ceiling_per_s']:,} postings/s** ({c['ceiling_per_row_work_only_per_s']:,}/s for the per-row "
              f"work alone, were the merge free). The issue's {IMPORT_TARGET_PER_S:,}/s target leaves {budget:.2f} ms a posting "
              f"for all of it: {total / budget:.1f}x less than these parts cost."]
    whole = c["whole_import"]
    lines += ["", f"The import itself, on the same machine the same day ({whole['rows']:,} rows, its worker "
              f"processes running): {whole['wall_seconds']:.2f} s, **{whole['rows'] / whole['wall_seconds']:,.0f} "
              f"postings/s**, {1000 * whole['cpu_seconds'] / whole['rows']:.3f} ms of CPU a posting.", ""]
    return lines
