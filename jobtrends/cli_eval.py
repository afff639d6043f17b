"""`jobtrends eval`: tagging quality against labelled postings (the NLP issue)."""

from __future__ import annotations

import click

from .cli import not_yet

_STUB = {"ignore_unknown_options": True, "allow_extra_args": True}


@click.command(name="eval", context_settings=_STUB)
def eval_() -> None:
    """Score theme, role and industry tagging against a labelled file.

    \b
    Example:
        jobtrends eval data/eval/dev.jsonl
    """
    not_yet("eval", "the NLP issue (#5)")


COMMANDS = [eval_]
