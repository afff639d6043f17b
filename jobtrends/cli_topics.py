"""`jobtrends topics`: topic discovery, distinctive terms and term trends (nlp/topics)."""

from __future__ import annotations

from datetime import date, datetime

import click

from .cli import pass_app
from .errors import JobtrendsError


def _month(value: str | None) -> date | None:
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%Y-%m"):
        try:
            return datetime.strptime(value, fmt).date().replace(day=1)
        except ValueError:
            continue
    raise JobtrendsError(f"--since must be YYYY-MM or YYYY-MM-DD, not {value!r}")


@click.command()
@click.option("--topics", "n_topics", type=click.IntRange(2, 200), metavar="K",
              help="Fit exactly K topics [default: config topics.topics; 0 there = choose by coherence].")
@click.option("--min-topics", type=click.IntRange(2, 200), help="Smallest K tried [default: topics.min_topics, 6].")
@click.option("--max-topics", type=click.IntRange(2, 200), help="Largest K tried [default: topics.max_topics, 20].")
@click.option("--refit", is_flag=True, help="Fit a new model even if the stored one could transform the new postings.")
@click.option("--since", metavar="YYYY-MM", help="Only postings of this month and later (the window is part of the model).")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@pass_app
def topics(app, n_topics, min_topics, max_topics, refit: bool, since: str | None, quiet: bool) -> None:
    """Fit TF-IDF + NMF topics over the postings and store them with their top terms.

    The number of topics is chosen by coherence (NPMI of top terms) between --min-topics and
    --max-topics unless --topics is given. Later runs transform new postings with the stored
    model and refit when asked, or when the corpus grew by topics.refit_growth_percent.
    Each run also refreshes distinctive terms per industry and role, and monthly term and
    skill trends. See docs/topics.md.

    \b
    Example:
        jobtrends topics
        jobtrends topics --topics 12 --refit
        jobtrends sql "select label, size, nearest_theme, emerging from topics order by size desc"
    """
    from nlp.topics.model import TopicModelError
    from nlp.topics.stage import run_topics

    overrides = {"topics.min_topics": min_topics, "topics.max_topics": max_topics}
    config = app.config(**{k: v for k, v in overrides.items() if v is not None})
    if config.topics.min_topics > config.topics.max_topics:
        raise JobtrendsError(f"--min-topics {config.topics.min_topics} is above --max-topics {config.topics.max_topics}")
    try:
        summary = run_topics(str(app.db_path), config, n_topics=n_topics, refit=refit, since=_month(since))
    except TopicModelError as error:
        raise JobtrendsError(str(error)) from None
    if quiet:
        return
    what = "fitted" if summary.refitted else "reused"
    click.echo(f"topic run {summary.run_id}: {what} a {summary.n_topics}-topic model ({summary.reason}); "
               f"{summary.transformed} of {summary.postings} postings transformed in {summary.seconds:.1f}s")
    if summary.coherence and len(summary.coherence) > 1:
        tried = ", ".join(f"{k}: {v:.3f}" for k, v in sorted(summary.coherence.items()))
        click.echo(f"coherence (NPMI) by number of topics: {tried}")
    for label in summary.emerging:
        click.echo(f"emerging topic: {label}")


COMMANDS = [topics]
