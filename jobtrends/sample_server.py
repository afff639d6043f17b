"""A loopback HTTP server for the bundled sample job boards (`jobtrends demo`, crawl tests).

It answers the same paths as the public APIs the crawler talks to, from files under one root:

    greenhouse/{board}.json          GET /v1/boards/{board}/jobs
    lever/{site}.json                GET /v0/postings/{site}              (skip/limit slicing)
    ashby/{board}.json               GET /posting-api/job-board/{board}
    smartrecruiters/{company}.json   GET /v1/companies/{company}/postings[/{id}]
    hn/search_by_date.json           GET /api/v1/search_by_date
    hn/items/{id}.json               GET /api/v1/items/{id}
    site/**                          anything else (static files, index.html for "/")

Usage:
    with serve("data/sample/boards") as base_url:
        urllib.request.urlopen(base_url + "/v1/boards/acme/jobs?content=true")

Tests inject faults per path with a `Faults` table (and read which requests came, with their
headers, from its log):
    faults = Faults()
    faults.add("/v0/postings/globex", Fault(status=429, retry_after=1), times=2)  # then normal answers
    faults.add("/v1/boards/slow/jobs", Fault(delay=5))                           # every time
    with serve(root, faults=faults) as base_url: ...
"""

from __future__ import annotations

import json
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs, unquote, urlsplit

# Board names, company ids and item ids: one path segment, never "." or "..".
_NAME = r"([A-Za-z0-9_][A-Za-z0-9_.\-]*)"
SMARTRECRUITERS_DEFAULT_LIMIT = 10
SMARTRECRUITERS_MAX_LIMIT = 100
# Fields of a SmartRecruiters posting detail that its list endpoint does not return.
_SMARTRECRUITERS_DETAIL_ONLY = ("jobAd", "applyUrl", "postingUrl", "referralUrl", "active", "actions")
CONTENT_TYPES = {
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".css": "text/css",
}


class _NotFound(Exception):
    """Raised by a route: answer 404 with this JSON body."""

    def __init__(self, body: dict[str, Any]):
        super().__init__(body)
        self.body = body


@dataclass(frozen=True)
class Fault:
    """How to misbehave for one request: wait `delay` seconds, then answer `status` (with a
    Retry-After header when set) and `body` instead of the real answer; `truncate` sends only
    the first `truncate` bytes of the real body while announcing its full length."""

    delay: float = 0.0
    status: int | None = None
    retry_after: str | int | None = None
    body: bytes | None = None
    truncate: int | None = None


class Faults:
    """A thread-safe table of faults by URL path (query ignored), and a log of every request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._table: dict[str, list[list]] = {}  # path -> [[fault, remaining or None], ...]
        self.log: list[dict[str, Any]] = []    # {"path", "query", "headers", "at"} per request

    def add(self, path: str, fault: Fault, times: int | None = None) -> "Faults":
        """Answer `path` with `fault` for the next `times` requests (None: every request)."""
        with self._lock:
            self._table.setdefault(path.rstrip("/") or "/", []).append([fault, times])
        return self

    def take(self, path: str) -> Fault | None:
        with self._lock:
            entries = self._table.get(path.rstrip("/") or "/", [])
            for entry in entries:
                if entry[1] is None:
                    return entry[0]
                if entry[1] > 0:
                    entry[1] -= 1
                    return entry[0]
        return None

    def record(self, path: str, query: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.log.append({"path": path, "query": query, "headers": headers, "at": time.monotonic()})

    def requests_to(self, path: str) -> list[dict[str, Any]]:
        with self._lock:
            return [r for r in self.log if r["path"].rstrip("/") == path.rstrip("/")]


@contextmanager
def serve(root: Path | str, host: str = "127.0.0.1", port: int = 0, delay: float = 0.0,
          faults: Faults | None = None) -> Iterator[str]:
    """Serve the boards under `root` on loopback in a background thread; yields the base URL 'http://127.0.0.1:PORT'.

    `delay` slows every answer (a throttled board); `faults` misbehaves on chosen paths."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"sample board root {root} is not a directory")
    handler = type("SampleHandler", (_Handler,), {"root": root, "delay": delay, "faults": faults})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    # A short poll interval makes leaving the `with` block (shutdown) quick in tests.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="jobtrends-sample-server", daemon=True
    )
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    root: Path
    delay: float
    faults: Faults | None
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests and the demo print nothing
        pass

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        if self.delay:
            time.sleep(self.delay)
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        fault = None
        if self.faults is not None:
            self.faults.record(path, parts.query, dict(self.headers.items()))
            fault = self.faults.take(path)
        if fault and fault.delay:
            time.sleep(fault.delay)
        try:
            status, content_type, body = self._route(path, query)
        except _NotFound as missing:
            status, content_type, body = 404, "application/json", _json_bytes(missing.body)
        headers = {}
        if fault and fault.status is not None:
            status, content_type = fault.status, "application/json"
            body = fault.body if fault.body is not None else _json_bytes({"error": f"injected {fault.status}"})
            if fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
        elif fault and fault.body is not None:
            body = fault.body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        if fault and fault.truncate is not None:  # announce it all, send a part, hang up
            self.send_header("Connection", "close")
            self.end_headers()
            if send_body:
                self.wfile.write(body[: fault.truncate])
            self.close_connection = True
            return
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _route(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        for pattern, route in _ROUTES:
            match = re.fullmatch(pattern, path)
            if match:
                payload = route(self.root, query, self._base_url(), *match.groups())
                return 200, "application/json", payload
        return self._static(path)

    def _base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def _static(self, path: str) -> tuple[int, str, bytes]:
        site = (self.root / "site").resolve()
        target = (site / path.lstrip("/")).resolve()
        if path.endswith("/"):
            target = target / "index.html"
        if not target.is_relative_to(site) or not target.is_file():
            return 404, "text/html; charset=utf-8", b"<!doctype html><title>Not found</title><h1>Not found</h1>\n"
        content_type = CONTENT_TYPES.get(target.suffix.lower(), "application/octet-stream")
        return 200, content_type, target.read_bytes()


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _read_json(file: Path, missing: dict[str, Any]) -> Any:
    if not file.is_file():
        raise _NotFound(missing)
    return json.loads(file.read_text(encoding="utf-8"))


def _int_param(query: dict[str, str], key: str, default: int | None) -> int | None:
    try:
        return max(0, int(query[key]))
    except (KeyError, ValueError):
        return default


def _greenhouse(root: Path, query: dict, base: str, board: str) -> bytes:
    file = root / "greenhouse" / f"{board}.json"
    if not file.is_file():
        raise _NotFound({"status": 404, "error": "Job board not found"})
    return file.read_bytes()


def _lever(root: Path, query: dict, base: str, site: str) -> bytes:
    postings = _read_json(root / "lever" / f"{site}.json", {"ok": False, "error": "Document not found"})
    skip = _int_param(query, "skip", 0)
    limit = _int_param(query, "limit", None)
    if limit is None:
        return _json_bytes(postings[skip:])
    return _json_bytes(postings[skip : skip + limit])


def _ashby(root: Path, query: dict, base: str, board: str) -> bytes:
    file = root / "ashby" / f"{board}.json"
    if not file.is_file():
        raise _NotFound({"success": False, "errors": [f"Job board not found: {board}"]})
    return file.read_bytes()


def _smartrecruiters_details(root: Path, company: str) -> list[dict[str, Any]]:
    missing = {"code": "NOT_FOUND", "message": f"Company {company} not found"}
    return _read_json(root / "smartrecruiters" / f"{company}.json", missing)


def _smartrecruiters_list(root: Path, query: dict, base: str, company: str) -> bytes:
    details = _smartrecruiters_details(root, company)
    offset = _int_param(query, "offset", 0)
    limit = min(_int_param(query, "limit", SMARTRECRUITERS_DEFAULT_LIMIT), SMARTRECRUITERS_MAX_LIMIT)
    content = [_smartrecruiters_summary(d, base, company) for d in details[offset : offset + limit]]
    return _json_bytes({"offset": offset, "limit": limit, "totalFound": len(details), "content": content})


def _smartrecruiters_summary(detail: dict[str, Any], base: str, company: str) -> dict[str, Any]:
    summary = {k: v for k, v in detail.items() if k not in _SMARTRECRUITERS_DETAIL_ONLY}
    summary["ref"] = f"{base}/v1/companies/{company}/postings/{detail['id']}"
    return summary


def _smartrecruiters_detail(root: Path, query: dict, base: str, company: str, posting_id: str) -> bytes:
    for detail in _smartrecruiters_details(root, company):
        if str(detail.get("id")) == posting_id or str(detail.get("uuid")) == posting_id:
            return _json_bytes(detail)
    raise _NotFound({"code": "NOT_FOUND", "message": f"Job posting {posting_id} not found"})


def _hn_search(root: Path, query: dict, base: str) -> bytes:
    # `tags`, `query`, `page`... are accepted and ignored: the file is the one answer.
    file = root / "hn" / "search_by_date.json"
    if not file.is_file():
        raise _NotFound({"status": 404, "message": "Index does not exist"})
    return file.read_bytes()


def _hn_item(root: Path, query: dict, base: str, item_id: str) -> bytes:
    file = root / "hn" / "items" / f"{item_id}.json"
    if not file.is_file():
        raise _NotFound({"status": 404, "error": "Not Found"})
    return file.read_bytes()


_ROUTES: list[tuple[str, Callable[..., bytes]]] = [
    (rf"/v1/boards/{_NAME}/jobs/?", _greenhouse),
    (rf"/v0/postings/{_NAME}/?", _lever),
    (rf"/posting-api/job-board/{_NAME}/?", _ashby),
    (rf"/v1/companies/{_NAME}/postings/?", _smartrecruiters_list),
    (rf"/v1/companies/{_NAME}/postings/{_NAME}/?", _smartrecruiters_detail),
    (r"/api/v1/search_by_date/?", _hn_search),
    (rf"/api/v1/items/{_NAME}/?", _hn_item),
]
