"""PNG export of the report's figures with kaleido, which drives a local Chromium.

Kaleido finds the browser through BROWSER_PATH; Debian's chromium (/usr/bin/chromium) is used
when BROWSER_PATH is not set, since kaleido must not download a browser of its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from jobtrends.errors import JobtrendsError

DEBIAN_CHROMIUM = "/usr/bin/chromium"
PNG_WIDTH = 1100  # the page's width, so a PNG looks like the chart in the report


def _browser() -> str:
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or DEBIAN_CHROMIUM
    if not Path(path).exists():
        raise JobtrendsError(
            f"--png needs Chromium and found none at {path}: install it (apt-get install chromium) "
            "or set BROWSER_PATH to a Chrome/Chromium binary"
        )
    return path


def write_pngs(figures: list[tuple[str, go.Figure]], out_dir: Path) -> tuple[Path, ...]:
    """Write out_dir/<name>.png for each (name, figure), with one browser launch for all."""
    if not figures:
        return ()
    os.environ["BROWSER_PATH"] = _browser()
    paths = [out_dir / f"{name}.png" for name, _ in figures]
    try:
        pio.write_images([figure for _, figure in figures], paths, width=PNG_WIDTH)
    except Exception as error:  # kaleido raises several types; all mean "no image"
        raise JobtrendsError(f"PNG export failed (kaleido with {os.environ['BROWSER_PATH']}): {error}") from error
    return tuple(paths)
