"""Docs that cannot fall behind the code: every command and configuration key is documented."""

import re
from dataclasses import fields

from jobtrends.cli import cli
from jobtrends.config import SECTIONS, Config, SourceConfig, env_var, scalar_keys
from jobtrends.paths import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text()
CLI_DOC = (PROJECT_ROOT / "docs" / "cli.md").read_text()
CONFIG_DOC = (PROJECT_ROOT / "docs" / "configuration.md").read_text()
EXAMPLE = (PROJECT_ROOT / "jobtrends.example.toml").read_text()


def all_config_keys() -> list[str]:
    keys = [f.name for f in fields(Config) if f.name not in ("path", "sources", *SECTIONS)]
    for section, cls in SECTIONS.items():
        keys += [f"{section}.{f.name}" for f in fields(cls)]
    keys += [f"sources.{f.name}" for f in fields(SourceConfig)]
    return keys


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_every_command_is_in_the_readme_and_cli_doc():
    for name in cli.commands:
        assert f"`jobtrends {name}" in README, name
        assert f"`jobtrends {name}" in CLI_DOC, name


def test_every_config_key_is_documented_with_its_variable():
    for key in all_config_keys():
        assert f"`{key}`" in CONFIG_DOC, key
    for key, _ in scalar_keys():
        assert f"`{env_var(key)}`" in CONFIG_DOC, key


def test_every_config_key_appears_in_the_example_file():
    for key in all_config_keys():
        leaf = key.rsplit(".", 1)[-1]
        assert re.search(rf"^#?\s*{leaf}\s*=", EXAMPLE, re.M), key


def test_docs_links_in_the_readme_exist():
    for target in re.findall(r"\]\((docs/[^)]+)\)", README):
        assert (PROJECT_ROOT / target).exists(), target
