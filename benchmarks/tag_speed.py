"""Tagging speed: postings/s of Tagger.analyse + tag on ~500-word postings, and peak memory.

    .venv/bin/python benchmarks/tag_speed.py [N]

Postings are the labelled development set's texts, each extended with further postings'
text until it reaches ~500 words, so the mix of shapes is realistic. Measures one process
(the tagging inside `jobtrends tag`; run_tag adds the DuckDB reads and writes).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jobtrends.paths import data_dir  # noqa: E402
from nlp.tagger import PostingInput, Tagger  # noqa: E402

WORDS = 500


def postings(n: int) -> list[PostingInput]:
    rows = [json.loads(line) for line in (data_dir() / "eval" / "dev.jsonl").read_text().splitlines()]
    out = []
    for i in range(n):
        parts, j = [], i
        while sum(len(p.split()) for p in parts) < WORDS:
            parts.append(rows[j % len(rows)]["description"])
            j += 7
        row = rows[i % len(rows)]
        out.append(PostingInput(f"b{i}", row["title"], "\n".join(parts), company=f"{row['company']} {i % 300}"))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    batch = postings(n)
    words = sum(len(p.description.split()) for p in batch) / n
    tagger = Tagger()
    started = time.perf_counter()
    for start in range(0, n, 500):
        chunk = batch[start:start + 500]
        tagger.tag(chunk, tagger.analyse(chunk))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} postings of ~{words:.0f} words: {n / seconds:.0f} postings/s in one process, "
          f"peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
