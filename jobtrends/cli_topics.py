"""`jobtrends topics`: topic discovery (the topic discovery issue)."""

from __future__ import annotations

import click

from .cli import not_yet, pass_app


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@pass_app
def topics(app) -> None:
    """Fit TF-IDF + NMF topics over the postings and store them with their top terms.

    \b
    Example:
        jobtrends topics
    """
    not_yet("topics", "the topic discovery issue (#6)")


COMMANDS = [topics]
