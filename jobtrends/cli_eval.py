"""`jobtrends eval`: tagging quality against labelled postings (docs/quality.md)."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command(name="eval")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--baseline", is_flag=True, help="Score the plain substring keyword list instead of the tagger.")
def eval_(file: Path, as_json: bool, baseline: bool) -> None:
    """Score theme, role, seniority and industry tagging against a labelled file.

    FILE is JSON Lines in the import format plus the label columns themes, role,
    seniority and industry (docs/quality.md).

    \b
    Example:
        jobtrends eval data/eval/heldout.jsonl
        jobtrends eval data/eval/heldout.jsonl --json
    """
    from nlp.evaluate import evaluate, format_report, read_labelled
    from nlp.tagger import Tagger

    tagger = Tagger()
    rows = read_labelled(file, tagger.themes.ids, tagger.industries.ids)
    report = evaluate(rows, tagger, predictor="keywords" if baseline else "tagger")
    if as_json:
        click.echo(json.dumps({"file": str(file), **report}, indent=2, sort_keys=True))
    else:
        click.echo(format_report(report, str(file)))


COMMANDS = [eval_]
