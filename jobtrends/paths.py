"""Where the project's bundled files live: the `data/` folder beside the packages."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The taxonomies, sample boards and models; JOBTRENDS_DATA_DIR points elsewhere."""
    return Path(os.environ.get("JOBTRENDS_DATA_DIR", PROJECT_ROOT / "data"))


def views_dir() -> Path:
    """The SQL view definitions owned by analysis/ (one file per view)."""
    return PROJECT_ROOT / "analysis" / "views"


def macros_file() -> Path:
    """SQL macros the views use (created before them)."""
    return PROJECT_ROOT / "analysis" / "macros.sql"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"
