"""The `jobtrends` command line: a click group whose commands are verbs.

Every command has help with an example. Errors meant for the user (JobtrendsError) print one
line on stderr and exit with their code: 2 refused before anything was written, 1 the work
ran but something failed (interface.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from . import __version__
from .config import Config, load_config
from .errors import JobtrendsError, NotYetAvailable


@dataclass
class App:
    """What the global options chose; the configuration is loaded on first use."""

    config_path: str | None = None
    db: str | None = None
    _config: Config | None = field(default=None, repr=False)

    def config(self, **overrides) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path, overrides={"db": self.db})
        if overrides:
            return load_config(self.config_path, overrides={"db": self.db, **overrides})
        return self._config

    @property
    def db_path(self) -> Path:
        return Path(self.config().db)


pass_app = click.make_pass_decorator(App)


class JobtrendsGroup(click.Group):
    """Turns a JobtrendsError anywhere below into its message and exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except JobtrendsError as error:
            click.echo(f"jobtrends: {error}", err=True)
            ctx.exit(error.exit_code)


@click.group(cls=JobtrendsGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", metavar="PATH", help="Database file [default: data/jobtrends.duckdb; env JOBTRENDS_DB].")
@click.option("--config", "config_path", metavar="PATH",
              help="Configuration file [default: ./jobtrends.toml when present].")
@click.version_option(__version__, prog_name="jobtrends")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: str | None) -> None:
    """Measure what employers ask of machine-learning engineers.

    Crawl job postings into DuckDB, tag themes, skills, role, seniority and industry,
    and chart theme frequency by industry, by role and over time.

    \b
    Example:
        jobtrends demo
        jobtrends --db data/jobtrends.duckdb sql "select industry, count(*) from postings group by 1"
    """
    ctx.obj = App(config_path=config_path, db=db)


def not_yet(command: str, issue: str) -> None:
    """Commands whose issue has not landed: say so plainly, exit 2, no fake output."""
    raise NotYetAvailable(f"`jobtrends {command}` is not available yet: it lands with {issue}.")


def _register_commands() -> None:
    from . import cli_eval, cli_ingest, cli_query, cli_report, cli_topics

    for module in (cli_ingest, cli_topics, cli_eval, cli_query, cli_report):
        for command in module.COMMANDS:
            cli.add_command(command)


_register_commands()


def main() -> None:
    cli(prog_name="jobtrends")
