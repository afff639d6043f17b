"""Score the tagger against a labelled file (`jobtrends eval FILE`).

The file is JSON Lines in the import format (`id`, `title`, `description`, `company`, …)
plus the label columns `themes` (list of theme ids present), `role`, `seniority` and
`industry`. The import format's own industry label, if the source had one, goes in
`source_industry` (the column `industry` holds the true label here). Figures:

- themes: precision, recall, F1 and Cohen's kappa per theme, and their macro averages;
- role and seniority: accuracy and confusion (true -> predicted -> count);
- industry: accuracy where the source gives no industry and the company's own text is
  available (the inference case), plus accuracy over all rows, and confusion.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jobtrends.errors import JobtrendsError

from .metrics import accuracy, binary_scores, confusion, macro
from .role import ROLES, SENIORITIES
from .tagger import PostingInput, Tagger

REQUIRED = ("id", "title", "description", "themes", "role", "seniority", "industry")


class LabelledFileError(JobtrendsError):
    exit_code = 2


@dataclass
class Labelled:
    posting: PostingInput
    themes: frozenset[str]
    role: str
    seniority: str
    industry: str


def read_labelled(path: Path, theme_ids: list[str], industry_ids: list[str]) -> list[Labelled]:
    """Rows of a labelled JSON Lines file; a bad row is refused with its line number."""
    if not path.exists():
        raise LabelledFileError(f"{path}: no such file")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except ValueError as error:
            raise LabelledFileError(f"{where}: not JSON ({error})") from None
        rows.append(_labelled(data, where, theme_ids, industry_ids))
    if not rows:
        raise LabelledFileError(f"{path}: no labelled postings")
    return rows


def _labelled(data: dict, where: str, theme_ids: list[str], industry_ids: list[str]) -> Labelled:
    if not isinstance(data, dict):
        raise LabelledFileError(f"{where}: expected a JSON object")
    missing = [key for key in REQUIRED if data.get(key) is None]
    if missing:
        raise LabelledFileError(f"{where}: missing {', '.join(missing)}")
    themes = data["themes"]
    checks = [
        (isinstance(themes, list) and all(t in theme_ids for t in themes), f"themes must be a list of {theme_ids}"),
        (data["role"] in ROLES, f"role must be one of {list(ROLES)}"),
        (data["seniority"] in SENIORITIES, f"seniority must be one of {list(SENIORITIES)}"),
        (data["industry"] in industry_ids, "industry must be an id of the industry taxonomy"),
    ]
    for ok, message in checks:
        if not ok:
            raise LabelledFileError(f"{where}: {message}")
    posting = PostingInput(str(data["id"]), str(data["title"]), str(data["description"]),
                           company=data.get("company"), source_industry=data.get("source_industry"))
    return Labelled(posting, frozenset(themes), data["role"], data["seniority"], data["industry"])


def evaluate(rows: list[Labelled], tagger: Tagger, predictor: str = "tagger") -> dict:
    """Figures for the tagger (or `predictor="keywords"`, the substring baseline) on rows."""
    postings = [r.posting for r in rows]
    analyses = tagger.analyse(postings)
    if not tagger.scorer.fitted:  # no stored model: the file itself is the IDF's reference corpus
        tagger.fit_idf(analyses)
    tags = {t.posting_id: t for t in tagger.tag(postings, analyses)}
    failed = [r.posting.posting_id for r in rows if r.posting.posting_id not in tags]
    if failed:
        raise LabelledFileError(f"the tagger failed on {len(failed)} postings, e.g. {failed[0]}")
    if predictor == "keywords":
        from .baseline import keyword_themes
        predicted_themes = keyword_themes(postings, tagger.themes)
    else:
        predicted_themes = {pid: {t.theme for t in tag.themes if t.tagged} for pid, tag in tags.items()}
    has_about = _companies_with_text(rows, analyses)
    return {
        "postings": len(rows),
        "predictor": predictor,
        **_theme_figures(rows, predicted_themes, tagger.themes.ids),
        "role": _choice([tags[r.posting.posting_id].role for r in rows], [r.role for r in rows]),
        "seniority": _choice([tags[r.posting.posting_id].seniority for r in rows], [r.seniority for r in rows]),
        "industry": _industry_figures(rows, tags, has_about),
    }


def _theme_figures(rows: list[Labelled], predicted: dict[str, set[str]], theme_ids: list[str]) -> dict:
    scores = {theme: binary_scores([theme in predicted[r.posting.posting_id] for r in rows],
                                   [theme in r.themes for r in rows]) for theme in theme_ids}
    return {"themes": {k: v.as_dict() for k, v in scores.items()}, "themes_macro": macro(scores)}


def _choice(predicted: list[str], actual: list[str]) -> dict:
    return {"accuracy": accuracy(predicted, actual), "n": len(actual), "confusion": confusion(predicted, actual)}


def _companies_with_text(rows: list[Labelled], analyses) -> set[str]:
    from .tagger import company_key
    return {company_key(r.posting) for r, a in zip(rows, analyses) if a.about.strip()}


def _industry_figures(rows: list[Labelled], tags: dict, has_about: set[str]) -> dict:
    from .tagger import company_key
    predicted = [tags[r.posting.posting_id].industry.industry for r in rows]
    actual = [r.industry for r in rows]
    inferred = [i for i, r in enumerate(rows)
                if not (r.posting.source_industry or "").strip() and company_key(r.posting) in has_about]
    figures = _choice([predicted[i] for i in inferred], [actual[i] for i in inferred])
    figures["accuracy_all"] = accuracy(predicted, actual)
    figures["n_all"] = len(rows)
    return figures


def format_report(report: dict, title: str) -> str:
    """The figures as plain text tables."""
    lines = [f"{title}: {report['postings']} postings, predictor: {report['predictor']}", "",
             f"{'theme':<22}{'prec':>7}{'recall':>8}{'F1':>7}{'kappa':>8}{'tp':>6}{'fp':>5}{'fn':>5}{'tn':>6}"]
    for theme, s in report["themes"].items():
        lines.append(f"{theme:<22}{s['precision']:>7.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}{s['kappa']:>8.3f}"
                     f"{s['tp']:>6}{s['fp']:>5}{s['fn']:>5}{s['tn']:>6}")
    m = report["themes_macro"]
    lines.append(f"{'macro':<22}{m['precision']:>7.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}{m['kappa']:>8.3f}")
    for name in ("role", "seniority", "industry"):
        part = report[name]
        extra = f" (all rows: {part['accuracy_all']:.3f} of {part['n_all']})" if name == "industry" else ""
        scope = " where inferred from the company's text" if name == "industry" else ""
        lines += ["", f"{name} accuracy{scope}: {part['accuracy']:.3f} of {part['n']}{extra}",
                  "  confusion (true -> predicted: count)"]
        for true, row in part["confusion"].items():
            lines.append(f"  {true:<22} " + ", ".join(f"{p}: {c}" for p, c in row.items()))
    return "\n".join(lines)
