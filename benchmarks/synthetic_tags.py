"""Synthetic tags, for report and query cost only: fill the tag tables of a benchmark database
in SQL, fast and deterministically, without running the tagger.

Tagging 1M postings takes 20+ minutes on the 2-core benchmark machine; the report and the ad
hoc queries only need tag tables of a realistic shape to be timed. So each posting gets, from
hashes of its own fields (same database, same tags): a role and seniority (by title, like the
tagger: one title, one role), an industry (by employer, like company alignment), one
theme_tags row per theme of data/themes.toml with a score and ~55% tagged (one evidence
sentence, cut from its description), and ~6 skills of data/skills.csv. Shapes follow a
database tagged by `jobtrends tag` (6 themes a posting, ~3.5 tagged, ~5.5 skills).

These tags say nothing about the postings; never use them for anything but timing. The real
tag stage is timed by `make bench` without --synthetic-tags (and benchmarks/tag_speed.py).

    python -m benchmarks.synthetic_tags DB
"""

from __future__ import annotations

import csv
import sys
import tomllib
from pathlib import Path

import duckdb
import pyarrow as pa

from nlp.role import ROLES, SENIORITIES  # the tagger's label sets

ROOT = Path(__file__).resolve().parent.parent
TAGGER_VERSION = "synthetic-for-timing"
SKILLS_A_POSTING = 6
MEMORY_LIMIT = "2GB"


def vocabularies(root: Path = ROOT) -> dict[str, pa.Table]:
    """The label sets the tags are drawn from, as Arrow tables with an index column `i`."""
    themes = tomllib.loads((root / "data" / "themes.toml").read_text(encoding="utf-8"))["themes"]
    industries = tomllib.loads((root / "data" / "industries.toml").read_text(encoding="utf-8"))["industries"]
    with (root / "data" / "skills.csv").open(encoding="utf-8", newline="") as handle:
        skills = [(row["skill"], row["category"] or None) for row in csv.DictReader(handle)]

    def table(**columns):
        size = len(next(iter(columns.values())))
        return pa.table({"i": pa.array(range(size), pa.int64()), **columns})

    return {
        "synthetic_themes": table(theme=[t["id"] for t in themes], name=[t["name"] for t in themes],
                                  description=[t.get("description", "") for t in themes]),
        "synthetic_industries": table(industry=[i["id"] for i in industries]),
        "synthetic_roles": table(role=list(ROLES)),
        "synthetic_seniorities": table(seniority=list(SENIORITIES)),
        "synthetic_skills": table(skill=[s for s, _ in skills], category=[c for _, c in skills]),
    }


FILL_SQL = f"""
DELETE FROM store.posting_tags;
DELETE FROM store.theme_tags;
DELETE FROM store.skill_tags;
DELETE FROM store.themes;
INSERT INTO store.themes (theme, name, description) SELECT theme, name, description FROM synthetic_themes;
INSERT INTO store.posting_tags (posting_id, role, seniority, industry, industry_source, industry_confidence,
                                content_hash, tagger_version, tagged_at)
SELECT p.posting_id, r.role, s.seniority, i.industry, 'inferred', 0.5, p.content_hash, '{TAGGER_VERSION}',
       now()::TIMESTAMP
FROM store.postings AS p
JOIN synthetic_roles AS r ON r.i = hash(p.title, 'role') % (SELECT count(*) FROM synthetic_roles)
JOIN synthetic_seniorities AS s ON s.i = hash(p.title, 'level') % (SELECT count(*) FROM synthetic_seniorities)
JOIN synthetic_industries AS i ON i.i = hash(coalesce(p.company, p.posting_id)) % (SELECT count(*) FROM synthetic_industries);
INSERT INTO store.theme_tags (posting_id, theme, score, tagged, evidence)
SELECT posting_id, theme, score, score >= 0.45,
       CASE WHEN score >= 0.45 THEN [substr(description, 1 + (hash(posting_id, theme) % 200)::INTEGER, 120)] END
FROM (SELECT p.posting_id, p.description, t.theme, (hash(p.posting_id, t.theme) % 1000) / 1000.0 AS score
      FROM store.postings AS p CROSS JOIN synthetic_themes AS t);
INSERT INTO store.skill_tags (posting_id, skill, category)
SELECT DISTINCT p.posting_id, k.skill, k.category
FROM store.postings AS p CROSS JOIN range({SKILLS_A_POSTING}) AS n(slot)
JOIN synthetic_skills AS k
  ON k.i = (hash(p.posting_id, n.slot) % 1000)::BIGINT * (hash(p.posting_id, n.slot) % 1000)::BIGINT
           * (SELECT count(*) FROM synthetic_skills) // 1000000;
"""
# Skill index: the square of a uniform draw, so the first skills of skills.csv are the common
# ones (a long tail, as in tagged postings).


def fill_synthetic_tags(db_path: str | Path) -> int:
    """Replace the tag tables of `db_path` with synthetic tags; returns the postings tagged."""
    con = duckdb.connect(str(db_path))
    try:
        # Without a cap DuckDB takes ~5.4 GB for the 6M theme rows of 1M postings here.
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        for name, table in vocabularies().items():
            con.register(name, table)
        con.execute("BEGIN TRANSACTION")
        con.execute(FILL_SQL)
        con.execute("COMMIT")
        return con.execute("SELECT count(*) FROM store.posting_tags").fetchall()[0][0]
    finally:
        con.close()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python -m benchmarks.synthetic_tags DB")
    print(f"{fill_synthetic_tags(args[0])} postings given synthetic tags (for timing only)")


if __name__ == "__main__":
    main()
