"""benchmarks/import_ceiling.py: every part of an import timed, on the rows asked for, and the
ceilings are the arithmetic they claim."""

import json

import pytest

from benchmarks.corpus import CorpusWriter
from benchmarks.report import ceiling_section
from benchmarks.import_ceiling import MERGE, PER_ROW, best_of, ceilings, main, measure


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("ceiling") / "corpus.parquet"
    CorpusWriter(300).write(path)
    return path


def test_every_part_is_timed_on_the_rows_asked_for_and_the_merge_stores_them(corpus):
    result = measure(corpus, 120)
    assert result["rows"] == 120
    assert result["stored"] == 120  # the merge timed is a real one: every row went in
    assert set(result["cpu_seconds"]) == set(PER_ROW + MERGE)
    assert all(seconds >= 0 for seconds in result["cpu_seconds"].values())
    assert result["cpu_seconds"]["HTML to text"] > 0 and result["cpu_seconds"]["merge and checkpoint"] > 0


def test_ceilings_divide_the_cores_by_the_cpu_a_posting():
    result = {"rows": 1000, "cpu_seconds": {"read rows": 0.01, "HTML to text": 0.1, "rest of to_record": 0.02,
                                            "records_table": 0.05, "signatures": 0.07, "merge and checkpoint": 0.25}}
    figures = ceilings(result, cores=2)
    assert figures["ms_a_posting"]["HTML to text"] == pytest.approx(0.1)
    assert figures["per_row_ms"] == pytest.approx(0.25)
    assert figures["total_ms"] == pytest.approx(0.5)
    assert figures["ceiling_per_s"] == 4000  # 2 cores x 1000 ms / 0.5 ms
    assert figures["ceiling_per_row_work_only_per_s"] == 8000


def test_best_of_keeps_each_parts_smallest_time():
    runs = [{"rows": 10, "stored": 10, "cpu_seconds": {"a": 0.3, "b": 0.1}},
            {"rows": 10, "stored": 10, "cpu_seconds": {"a": 0.2, "b": 0.4}}]
    assert best_of(runs)["cpu_seconds"] == {"a": 0.2, "b": 0.1}
    assert runs[0]["cpu_seconds"] == {"a": 0.3, "b": 0.1}  # the runs are left as they were


def test_the_command_writes_its_figures(corpus, tmp_path, capsys):
    out = tmp_path / "ceiling.json"
    main([str(corpus), "--rows", "50", "--cores", "2", "--repeat", "2", "--out", str(out)])
    figures = json.loads(out.read_text())
    assert figures["rows"] == 50 and figures["cores"] == 2
    assert figures["whole_import"]["rows"] == 300  # the real import ran over the whole file
    assert figures["whole_import"]["cpu_seconds"] > 0
    assert f"{figures['ceiling_per_s']:,}/s on 2 cores" in capsys.readouterr().out
    lines = "\n".join(ceiling_section(out))
    assert f"first {figures['rows']:,} rows" in lines
    for name, ms in figures["ms_a_posting"].items():
        assert f"| {name} | {ms:.3f} |" in lines
    assert f"**{figures['ceiling_per_s']:,} postings/s**" in lines
    assert "The import itself, on the same machine the same day (300 rows" in lines


def test_no_section_before_a_measurement(tmp_path):
    assert ceiling_section(tmp_path / "import_ceiling.json") == []
