"""Generate the bundled sample job boards that `jobtrends demo` crawls offline.

    python -m jobtrends.samplegen [--seed 7] [--out data/sample]

writes, deterministically (same seed, same bytes):
    {out}/boards/greenhouse/{board}.json         Greenhouse  /v1/boards/{board}/jobs?content=true
    {out}/boards/lever/{site}.json               Lever       /v0/postings/{site}?mode=json (whole array)
    {out}/boards/ashby/{board}.json              Ashby       /posting-api/job-board/{board}
    {out}/boards/smartrecruiters/{company}.json  SmartRecruiters posting details (array)
    {out}/boards/site/...                        career sites with JSON-LD, robots.txt
    {out}/boards/hn/search_by_date.json, hn/items/{id}.json   HN Search (Algolia)
    {out}/sources.toml                           the demo's [[sources]]
    {out}/truth.csv                              ground truth, one row per posting
jobtrends.sample_server.serve(out / "boards") answers the public API paths from these files.
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import ashby, greenhouse, jsonld, lever, smartrecruiters
from .compose import board_rng, load_employers, plan_board
from .hn import HN_MONTHS
from .hn_threads import build_hn
from .model import Employer, Posting
from .outputs import sources_toml, truth_csv, write_json, write_text
from .phrases import Banks, load_banks

__all__ = ["DEFAULT_SEED", "Summary", "generate"]
DEFAULT_SEED = 7
FORMATS = {"greenhouse": greenhouse, "lever": lever, "ashby": ashby, "smartrecruiters": smartrecruiters,
           "jsonld": jsonld}


@dataclass(frozen=True)
class Summary:
    postings_by_kind: dict[str, int]
    employers: int
    industries: int
    months: int

    @property
    def postings(self) -> int:
        return sum(self.postings_by_kind.values())


def unique_ids(make):
    """Wrap an id maker so that a board never hands out the same id twice."""
    seen: set[str] = set()

    def new_id(rng):
        while True:
            value = make(rng)
            if value not in seen:
                seen.add(value)
                return value

    return new_id


def write_board(boards: Path, seed: int, banks: Banks, employer: Employer, jsonld_index: int) -> list[Posting]:
    module = FORMATS[employer.kind]
    postings = plan_board(seed, banks, employer, unique_ids(module.new_id))
    rng = board_rng(seed, "format", employer.kind, employer.board)
    if employer.kind == "greenhouse":
        write_json(boards / "greenhouse" / f"{employer.board}.json", greenhouse.board_json(employer, postings, rng))
    elif employer.kind == "lever":
        write_json(boards / "lever" / f"{employer.board}.json", lever.site_json(employer, postings, rng))
    elif employer.kind == "ashby":
        write_json(boards / "ashby" / f"{employer.board}.json", ashby.board_json(employer, postings, rng))
    elif employer.kind == "smartrecruiters":
        write_json(boards / "smartrecruiters" / f"{employer.board}.json",
                   smartrecruiters.company_json(employer, postings, rng))
    else:
        variant = jsonld.variant_of(jsonld_index)
        for posting in postings:
            posting.extra["truth_id"] = jsonld.truth_id(employer, posting, variant)
        for path, text in jsonld.site_files(employer, postings, variant, rng).items():
            write_text(boards / "site" / path, text)
    return postings


def generate(out: Path | str = "data/sample", seed: int = DEFAULT_SEED, phrases: Path | str | None = None) -> Summary:
    """Write the sample boards, sources.toml and truth.csv under `out` (its boards/ is rebuilt)."""
    banks = load_banks(phrases)
    out = Path(out)
    boards = out / "boards"
    if boards.exists():
        shutil.rmtree(boards)   # generated only: stale boards must not linger
    employers = load_employers(banks, seed)
    postings: list[Posting] = []
    site_employers = [e for e in employers if e.kind == "jsonld"]
    for employer in employers:
        index = site_employers.index(employer) if employer in site_employers else 0
        postings += write_board(boards, seed, banks, employer, index)
    for path, text in jsonld.root_files(site_employers).items():
        write_text(boards / "site" / path, text)
    hn_files, hn_postings = build_hn(seed, banks)
    for path, value in hn_files.items():
        write_json(boards / "hn" / path, value)
    postings += hn_postings
    write_text(out / "sources.toml", sources_toml(employers, HN_MONTHS, seed))
    write_text(out / "truth.csv", truth_csv(postings))
    return Summary(
        postings_by_kind=dict(sorted(Counter(p.employer.kind for p in postings).items())),
        employers=len({p.employer.name for p in postings}),
        industries=len({p.employer.industry for p in postings}),
        months=len({p.month for p in postings}),
    )
