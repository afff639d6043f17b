"""Scale corpus for benchmarks: N postings in the import format, written in chunks to Parquet.

Separate from the demo sample: this only has to be realistic in the ways that cost time and
memory — length (~500 words, long-tailed: log-normal), vocabulary size (a Zipf-distributed
vocabulary of invented words on top of the phrase banks, so distinct terms grow with N as in
real text), many employers (one per ~40 postings) and industries, dates spread over years,
HTML with headings, lists and boilerplate. Sentences come from the demo's hand-written phrase
banks (data/sample/phrases), never from real postings.

    python -m benchmarks.corpus --postings 100000 --out benchmarks/data/100k.parquet
"""

from __future__ import annotations

import argparse
import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

PHRASES = Path(__file__).resolve().parent.parent / "data" / "sample" / "phrases"
CHUNK = 20_000
SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vex", "qua", "zin", "bra", "del", "fio", "gum", "hap",
             "jor", "kel", "lum", "nor", "pix", "ros", "sul", "tam", "ulo", "vin", "wex", "yor", "zed"]
SCHEMA = pa.schema([(n, pa.string()) for n in
                    ("id", "title", "description", "company", "location", "date_posted", "url", "industry")])


def load_banks() -> dict:
    def read(name):
        with open(PHRASES / f"{name}.toml", "rb") as handle:
            return tomllib.load(handle)

    themes, boiler, titles, slots = read("themes"), read("boilerplate"), read("titles"), read("slots")
    sentences = {t: sum((v for v in banks.values()), []) for t, banks in themes.items()}
    return {
        "themes": sentences,
        "pitch": boiler["pitch"],
        "benefits": boiler["benefits"],
        "eeo": boiler["eeo"],
        "titles": sum(titles["base"].values(), []),
        "slots": {k: v for k, v in slots.items() if isinstance(v, list)},
        "industries": sorted(boiler["pitch"]),
    }


def invented_vocabulary(size: int, rng: np.random.Generator) -> np.ndarray:
    """`size` distinct pronounceable invented words, in a fixed order (rank 1 first)."""
    words: set[str] = set()
    ordered = []
    while len(ordered) < size:
        word = "".join(rng.choice(SYLLABLES, size=rng.integers(2, 5)))
        if word not in words:
            words.add(word)
            ordered.append(word)
    return np.array(ordered)


class CorpusWriter:
    """Draws postings from the banks with a seeded generator; same seed and N, same corpus."""

    def __init__(self, postings: int, seed: int = 11, years: int = 3):
        self.rng = np.random.default_rng(seed)
        self.banks = load_banks()
        self.n = postings
        # Heaps' law: distinct words grow like K * tokens^0.5; cap the invented vocabulary there.
        self.vocab = invented_vocabulary(min(400_000, int(40 * (postings * 500) ** 0.5)), self.rng)
        ranks = np.arange(1, len(self.vocab) + 1)
        weights = 1 / ranks ** 1.07
        self.zipf_cdf = np.cumsum(weights) / weights.sum()  # sampled by searchsorted: O(log V) a word
        self.companies = [f"{self._word().title()} {self._word().title()}" for _ in range(max(10, postings // 40))]
        self.company_industry = self.rng.choice(self.banks["industries"], size=len(self.companies))
        self.start = date.today().replace(day=1) - timedelta(days=365 * years)
        self.days = 365 * years

    def _word(self) -> str:
        return str(self.vocab[self.rng.integers(5000)])

    def _pick(self, options: list):
        return options[self.rng.integers(len(options))]

    def _fill(self, sentence: str, company: str) -> str:
        def slot(match):
            values = self.banks["slots"].get(match.group(1))
            if values:
                return str(self._pick(values))
            return company if match.group(1) == "company" else self._word()
        return re.sub(r"\{(\w+)\}", slot, sentence)

    def _filler(self, words: int) -> str:
        picked = self.vocab[np.searchsorted(self.zipf_cdf, self.rng.random(words))]
        return " ".join(picked).capitalize() + "."

    def posting(self, index: int) -> dict:
        rng = self.rng
        c = int(rng.integers(len(self.companies)))
        company, industry = self.companies[c], str(self.company_industry[c])
        target = int(np.clip(rng.lognormal(np.log(450), 0.45), 60, 4000))
        themes = [t for t in self.banks["themes"] if rng.random() < 0.55] or ["modeling"]
        parts = [f"<h2>About {company}</h2><p>{self._fill(self._pick(self.banks['pitch'][industry]), company)}</p>"]
        duties = [self._fill(self._pick(self.banks["themes"][t]), company) for t in themes for _ in range(2)]
        parts.append("<h3>What you will do</h3><ul>" + "".join(f"<li>{d}</li>" for d in duties) + "</ul>")
        words = sum(len(p.split()) for p in parts)
        extra = []
        while words < target - 40:
            n = int(rng.integers(8, 25))
            extra.append(self._filler(n) if rng.random() < 0.5 else
                         self._fill(self._pick(self.banks["themes"][self._pick(themes)]), company) + ".")
            words += n
        parts.append("<h3>What you bring</h3><p>" + " ".join(extra) + "</p>")
        parts.append("<h3>Benefits</h3><ul>" + "".join(
            f"<li>{self._pick(self.banks['benefits'])}</li>" for _ in range(3)) + "</ul>")
        parts.append(f"<p>{self._fill(self._pick(self.banks['eeo']), company)}</p>")
        posted = self.start + timedelta(days=int(rng.integers(self.days)))
        title = self._fill(self._pick(self.banks["titles"]), company)
        return {"id": f"p{index}", "title": title, "description": "".join(parts), "company": company,
                "location": "Remote", "date_posted": posted.isoformat(),
                "url": f"https://jobs.example.org/{index}", "industry": industry if rng.random() < 0.3 else None}

    def write(self, out: Path) -> Path:
        out.parent.mkdir(parents=True, exist_ok=True)
        with pq.ParquetWriter(out, SCHEMA) as writer:
            for start in range(0, self.n, CHUNK):
                rows = [self.posting(i) for i in range(start, min(self.n, start + CHUNK))]
                writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
        return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    CorpusWriter(args.postings, args.seed).write(args.out)
    print(args.out)


if __name__ == "__main__":
    main()
