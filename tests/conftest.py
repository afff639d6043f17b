"""Shared fixtures: a temporary database path and a clean environment for config tests."""

import pytest


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "jobtrends.duckdb"


@pytest.fixture(autouse=True)
def _no_jobtrends_env(monkeypatch):
    """Tests never see the developer's JOBTRENDS_* variables or ./jobtrends.toml."""
    import os

    for name in list(os.environ):
        if name.startswith("JOBTRENDS_"):
            monkeypatch.delenv(name)
