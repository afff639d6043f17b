"""`--png` (kaleido with Debian's chromium) and the `jobtrends report` command's options."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from analysis.report import build_report
from jobtrends.cli import cli as main

from .conftest import standard

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_png_per_figure(make_db, tmp_path):
    result = build_report(make_db(standard), tmp_path, png=True)
    drawn = sorted(name for name, figure in result.figures.items() if figure)
    assert sorted(p.stem for p in result.png_paths) == drawn and "theme_by_industry_heatmap" in drawn
    for path in result.png_paths:
        data = path.read_bytes()
        assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR" and len(data) > 5_000, path.name
        assert int.from_bytes(data[16:20], "big") == 1100  # width of the page


def test_no_png_without_the_flag(make_db, tmp_path):
    result = build_report(make_db(standard), tmp_path)
    assert result.png_paths == () and not list(tmp_path.glob("*.png"))


def test_cli_filters_and_dated_copy(make_db, tmp_path, monkeypatch):
    db = make_db(standard)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(main, ["--db", str(db), "report", "--industry", "finance", "--since", "2024-03",
                                "--until", "2024-03", "--role", "all"])
    assert done.exit_code == 0, done.output
    latest = tmp_path / "reports" / "latest"
    copy = tmp_path / "reports" / date.today().isoformat()
    assert f"dated copy: {copy.relative_to(tmp_path)}" in done.output
    assert (latest / "index.html").read_bytes() == (copy / "index.html").read_bytes()
    html = (latest / "index.html").read_text()
    # all roles in finance: 10 ml_engineer + 4 data_scientist jobs.
    assert "selected by the filters (<code>all roles, from 2024-03, until 2024-03, industry finance</code>): 14." in html

    out = tmp_path / "custom"
    done = runner.invoke(main, ["--db", str(db), "report", "--out", str(out), "--source", "board-b"])
    assert done.exit_code == 0 and "dated copy" not in done.output
    assert "selected by the filters (<code>role ml_engineer, source board-b</code>): 1." in (out / "index.html").read_text()


def test_cli_refuses_a_bad_month(make_db, tmp_path):
    done = CliRunner().invoke(main, ["--db", str(make_db(standard)), "report", "--out", str(tmp_path / "o"),
                                     "--since", "2024-3x"])
    assert done.exit_code == 2 and "YYYY-MM" in done.output
    assert not (tmp_path / "o").exists()
