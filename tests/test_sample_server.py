"""The loopback sample server answers the public API paths from a tiny fixture tree."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from jobtrends.sample_server import serve


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    greenhouse = {"jobs": [{"id": 1, "title": "ML Engineer", "content": "&lt;p&gt;Hi&lt;/p&gt;"}], "meta": {"total": 1}}
    _write(tmp_path / "greenhouse" / "acme.json", json.dumps(greenhouse))
    _write(tmp_path / "lever" / "bolt.json", json.dumps([{"id": f"p{i}", "text": f"Job {i}"} for i in range(7)]))
    _write(tmp_path / "ashby" / "cobalt.json", json.dumps({"apiVersion": "1", "jobs": [{"id": "a1"}]}))
    details = [
        {"id": str(100 + i), "uuid": f"u{i}", "name": f"Data Scientist {i}", "applyUrl": "x", "postingUrl": "y",
         "jobAd": {"sections": {}}, "industry": {"id": "banking", "label": "Banking"}}
        for i in range(25)
    ]
    _write(tmp_path / "smartrecruiters" / "Dunmore.json", json.dumps(details))
    _write(tmp_path / "hn" / "search_by_date.json", json.dumps({"hits": [{"objectID": "42"}], "nbHits": 1}))
    _write(tmp_path / "hn" / "items" / "42.json", json.dumps({"id": 42, "type": "story", "children": []}))
    _write(tmp_path / "site" / "robots.txt", "User-agent: *\nAllow: /careers/\n")
    _write(tmp_path / "site" / "careers" / "acme" / "index.html", "<html><a href='jobs/1.html'>x</a></html>")
    _write(tmp_path / "site" / "careers" / "acme" / "jobs" / "1.html", "<html>job</html>")
    _write(tmp_path / "secret.txt", "outside the site folder")
    return tmp_path


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def _get_json(url: str):
    status, content_type, body = _get(url)
    assert content_type == "application/json"
    return status, json.loads(body)


def test_yields_loopback_base_url(root: Path) -> None:
    with serve(root) as base:
        assert base.startswith("http://127.0.0.1:")
        assert int(base.rsplit(":", 1)[1]) > 0


def test_greenhouse_file_served_as_is(root: Path) -> None:
    with serve(root) as base:
        status, content_type, body = _get(base + "/v1/boards/acme/jobs?content=true")
    assert (status, content_type) == (200, "application/json")
    assert body == (root / "greenhouse" / "acme.json").read_bytes()


def test_unknown_board_is_json_404(root: Path) -> None:
    with serve(root) as base:
        status, body = _get_json(base + "/v1/boards/nope/jobs?content=true")
        assert status == 404 and "error" in body
        status, body = _get_json(base + "/v0/postings/nope?mode=json")
        assert status == 404 and body["ok"] is False
        status, _ = _get_json(base + "/posting-api/job-board/nope")
        assert status == 404


def test_lever_pagination_slices(root: Path) -> None:
    with serve(root) as base:
        _, whole = _get_json(base + "/v0/postings/bolt?mode=json")
        _, page1 = _get_json(base + "/v0/postings/bolt?mode=json&skip=0&limit=3")
        _, page3 = _get_json(base + "/v0/postings/bolt?mode=json&skip=6&limit=3")
        _, beyond = _get_json(base + "/v0/postings/bolt?mode=json&skip=9&limit=3")
    assert [p["id"] for p in whole] == [f"p{i}" for i in range(7)]
    assert [p["id"] for p in page1] == ["p0", "p1", "p2"]
    assert [p["id"] for p in page3] == ["p6"]
    assert beyond == []


def test_ashby_board(root: Path) -> None:
    with serve(root) as base:
        status, body = _get_json(base + "/posting-api/job-board/cobalt?includeCompensation=true")
    assert status == 200 and body["jobs"][0]["id"] == "a1"


def test_smartrecruiters_list_pages_and_summaries(root: Path) -> None:
    with serve(root) as base:
        _, first = _get_json(base + "/v1/companies/Dunmore/postings")
        _, last = _get_json(base + "/v1/companies/Dunmore/postings?offset=20&limit=10")
        _, capped = _get_json(base + "/v1/companies/Dunmore/postings?limit=500")
    assert (first["offset"], first["limit"], first["totalFound"]) == (0, 10, 25)
    assert [p["id"] for p in first["content"]] == [str(100 + i) for i in range(10)]
    assert [p["id"] for p in last["content"]] == [str(120 + i) for i in range(5)]
    assert capped["limit"] == 100 and len(capped["content"]) == 25
    summary = first["content"][0]
    assert "jobAd" not in summary and "applyUrl" not in summary and "postingUrl" not in summary
    assert summary["industry"]["label"] == "Banking"
    assert summary["ref"].endswith("/v1/companies/Dunmore/postings/100")


def test_smartrecruiters_detail(root: Path) -> None:
    with serve(root) as base:
        status, detail = _get_json(base + "/v1/companies/Dunmore/postings/105")
        missing, _ = _get_json(base + "/v1/companies/Dunmore/postings/999")
        no_company, _ = _get_json(base + "/v1/companies/Nobody/postings")
    assert status == 200 and detail["name"] == "Data Scientist 5" and "jobAd" in detail
    assert missing == 404 and no_company == 404


def test_hn_search_and_items(root: Path) -> None:
    with serve(root) as base:
        _, search = _get_json(base + "/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=50")
        _, item = _get_json(base + "/api/v1/items/42")
        missing, _ = _get_json(base + "/api/v1/items/43")
    assert search["hits"][0]["objectID"] == "42"
    assert item["type"] == "story"
    assert missing == 404


def test_static_site_files(root: Path) -> None:
    with serve(root) as base:
        robots = _get(base + "/robots.txt")
        index = _get(base + "/careers/acme/")
        job = _get(base + "/careers/acme/jobs/1.html")
        missing = _get(base + "/careers/acme/jobs/2.html")
        escape = _get(base + "/../secret.txt")
    assert robots[0] == 200 and robots[1].startswith("text/plain") and b"Allow: /careers/" in robots[2]
    assert index[0] == 200 and index[1] == "text/html; charset=utf-8" and b"jobs/1.html" in index[2]
    assert job[0] == 200 and job[2] == b"<html>job</html>"
    assert missing[0] == 404
    assert escape[0] == 404


def test_delay_slows_each_response(root: Path) -> None:
    with serve(root, delay=0.2) as base:
        started = time.monotonic()
        _get(base + "/robots.txt")
        elapsed = time.monotonic() - started
    assert elapsed >= 0.2


def test_missing_root_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        with serve(tmp_path / "absent"):
            pass
