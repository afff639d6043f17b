"""The bundled sample job boards: reproducible, big enough, and shaped like the real APIs."""

from __future__ import annotations

import csv
import html
import json
import re
import tomllib
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.robotparser import RobotFileParser

import pytest

from jobtrends.config import load_config
from jobtrends.sample_server import serve
from jobtrends.samplegen import generate
from jobtrends.samplegen.phrases import THEMES, load_banks

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
BOARDS = SAMPLE / "boards"
INDUSTRIES = {"technology", "finance", "professional_services", "healthcare", "retail_consumer", "manufacturing",
              "aerospace_defense", "media_marketing", "telecommunications", "energy", "transportation",
              "government_nonprofit", "education_research", "real_estate", "other"}
ROLES = {"ml_engineer", "data_scientist", "data_engineer", "data_analyst", "other"}
SENIORITIES = {"junior", "mid", "senior", "lead", "unknown"}
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _files(base: Path) -> dict[str, bytes]:
    """The generated files under a sample folder (boards/**, sources.toml, truth.csv)."""
    names = [p for p in (base / "boards").rglob("*") if p.is_file()]
    names += [base / "sources.toml", base / "truth.csv"]
    return {str(p.relative_to(base)): p.read_bytes() for p in names}


@pytest.fixture(scope="module")
def truth() -> list[dict[str, str]]:
    with open(SAMPLE / "truth.csv", newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _rows(truth, kind: str, board: str | None = None) -> list[dict[str, str]]:
    return [r for r in truth if r["kind"] == kind and (board is None or r["board"] == board)]


# --- reproducibility -----------------------------------------------------------------------------

def test_committed_output_is_what_the_generator_produces(tmp_path: Path) -> None:
    generate(tmp_path, seed=7)
    committed, fresh = _files(SAMPLE), _files(tmp_path)
    assert sorted(committed) == sorted(fresh)
    changed = [name for name in fresh if committed[name] != fresh[name]]
    assert changed == [], f"regenerate with `python -m jobtrends.samplegen`: {changed[:5]}"


def test_another_seed_gives_other_postings(tmp_path: Path) -> None:
    generate(tmp_path, seed=8)
    assert (tmp_path / "truth.csv").read_bytes() != (SAMPLE / "truth.csv").read_bytes()


# --- size and spread ------------------------------------------------------------------------------

def test_counts_and_spread(truth) -> None:
    assert len(truth) >= 600
    assert len({r["company"] for r in truth}) >= 40
    assert len({r["company"] for r in truth if r["kind"] != "hn"}) >= 40
    industries = Counter(r["industry"] for r in truth)
    assert set(industries) <= INDUSTRIES and len(industries) >= 12
    top = [name for name, _ in industries.most_common(3)]
    assert set(top) == {"technology", "finance", "professional_services"}
    months = sorted({r["month"] for r in truth})
    assert months[0] == "2024-11" and months[-1] == "2026-10" and len(months) == 24
    roles = Counter(r["role"] for r in truth)
    assert set(roles) <= ROLES and roles["ml_engineer"] > len(truth) / 2
    assert roles["data_scientist"] > 0 and roles["data_engineer"] > 0 and roles["other"] > 0
    assert {r["seniority"] for r in truth} <= SENIORITIES
    for row in truth:
        themes = [t for t in row["themes"].split(";") if t]
        assert set(themes) <= set(THEMES)
        assert bool(themes) == (row["role"] != "other"), row


def test_boards_per_kind(truth) -> None:
    boards = Counter((r["kind"], r["board"]) for r in truth)
    per_kind = Counter(kind for kind, _ in boards)
    assert per_kind["greenhouse"] >= 12 and per_kind["lever"] >= 9 and per_kind["ashby"] >= 8
    assert per_kind["smartrecruiters"] >= 5 and per_kind["jsonld"] >= 5
    assert max(n for (kind, _), n in boards.items() if kind == "lever") > 50   # needs 2 pages at limit=50
    hn_months = Counter(r["month"] for r in _rows(truth, "hn"))
    assert len(hn_months) >= 12 and all(8 <= n <= 25 for n in hn_months.values())


def test_themes_shift_over_time_and_by_role(truth) -> None:
    def share(rows, theme):
        return sum(theme in r["themes"].split(";") for r in rows) / len(rows)

    ml = [r for r in truth if r["role"] == "ml_engineer"]
    early = [r for r in ml if r["month"] < "2025-11"]
    late = [r for r in ml if r["month"] >= "2026-05"]
    assert share(late, "production") > share(early, "production") + 0.1
    engineers = [r for r in truth if r["role"] == "data_engineer"]
    scientists = [r for r in truth if r["role"] == "data_scientist"]
    assert share(engineers, "data") > 0.85 and share(scientists, "modeling") > 0.8
    consulting = [r for r in truth if r["industry"] == "professional_services" and r["role"] != "other"]
    others = [r for r in truth if r["industry"] != "professional_services" and r["role"] != "other"]
    assert share(consulting, "collaboration") > share(others, "collaboration") + 0.1


# --- sources.toml ---------------------------------------------------------------------------------

def test_sources_toml_is_a_valid_config_listing_every_board(truth) -> None:
    config = load_config(SAMPLE / "sources.toml", environ={})
    by_kind = Counter(s.kind for s in config.sources)
    assert by_kind["hn"] == 1 and next(s for s in config.sources if s.kind == "hn").months == 12
    assert all(s.base_url is None for s in config.sources)
    boards = {(r["kind"], r["board"]) for r in truth if r["kind"] not in ("hn", "jsonld")}
    assert {(s.kind, s.board) for s in config.sources if s.kind not in ("hn", "jsonld")} == boards
    sites = [s for s in config.sources if s.kind == "jsonld"]
    assert sites and all(s.urls[0].startswith("/careers/") and s.follow for s in sites)
    assert len({s.source_name for s in config.sources}) == len(config.sources)
    labelled = [s for s in config.sources if s.industry]
    assert 0 < len(labelled) < len(config.sources)


# --- API shapes -----------------------------------------------------------------------------------

def test_greenhouse_shape(truth) -> None:
    keys = {"absolute_url", "data_compliance", "internal_job_id", "location", "metadata", "id", "updated_at",
            "requisition_id", "title", "company_name", "first_published", "content", "departments", "offices"}
    for file in sorted((BOARDS / "greenhouse").glob("*.json")):
        board = _load(file)
        assert board["meta"]["total"] == len(board["jobs"])
        assert {str(j["id"]) for j in board["jobs"]} == {r["source_id"] for r in _rows(truth, "greenhouse", file.stem)}
        for job in board["jobs"]:
            assert keys <= set(job)
            assert isinstance(job["id"], int) and "name" in job["location"]
            assert ISO_WITH_OFFSET.match(job["updated_at"]) and ISO_WITH_OFFSET.match(job["first_published"])
            assert "<" not in job["content"] and "&lt;p&gt;" in job["content"]   # escaped HTML
            assert "<li>" in html.unescape(job["content"]) or "<p>" in html.unescape(job["content"])
            assert {"id", "name", "child_ids", "parent_id"} <= set(job["departments"][0])
            assert {"id", "name", "location", "child_ids", "parent_id"} <= set(job["offices"][0])


def test_lever_shape(truth) -> None:
    keys = {"additional", "additionalPlain", "categories", "createdAt", "descriptionPlain", "description", "id",
            "lists", "text", "country", "workplaceType", "hostedUrl", "applyUrl"}
    with_pay = without_pay = 0
    for file in sorted((BOARDS / "lever").glob("*.json")):
        postings = _load(file)
        assert isinstance(postings, list)
        assert {p["id"] for p in postings} == {r["source_id"] for r in _rows(truth, "lever", file.stem)}
        for posting in postings:
            assert keys <= set(posting)
            assert isinstance(posting["createdAt"], int) and posting["createdAt"] > 10**12   # epoch ms
            assert {"commitment", "department", "location", "team", "allLocations"} <= set(posting["categories"])
            assert posting["workplaceType"] in {"remote", "hybrid", "on-site", "unspecified"}
            assert all(set(item) == {"text", "content"} and item["content"].startswith("<li>") for item in posting["lists"])
            if "salaryRange" in posting:
                with_pay += 1
                assert posting["salaryRange"]["interval"] == "per-year-salary"
                assert posting["salaryRange"]["min"] < posting["salaryRange"]["max"]
                assert posting["salaryDescriptionPlain"]
            else:
                without_pay += 1
    assert with_pay and without_pay


def test_ashby_shape(truth) -> None:
    keys = {"id", "title", "department", "team", "employmentType", "location", "secondaryLocations", "publishedAt",
            "isListed", "isRemote", "workplaceType", "address", "jobUrl", "applyUrl", "descriptionHtml",
            "descriptionPlain", "compensation"}
    paid = 0
    for file in sorted((BOARDS / "ashby").glob("*.json")):
        board = _load(file)
        assert board["apiVersion"] == "1"
        assert {j["id"] for j in board["jobs"]} == {r["source_id"] for r in _rows(truth, "ashby", file.stem)}
        for job in board["jobs"]:
            assert keys <= set(job)
            assert job["workplaceType"] in {"Remote", "Hybrid", "OnSite"}
            assert job["employmentType"] in {"FullTime", "PartTime", "Intern", "Contract", "Temporary"}
            assert set(job["address"]["postalAddress"]) == {"addressLocality", "addressRegion", "addressCountry"}
            pay = job["compensation"]
            assert {"compensationTierSummary", "scrapeableCompensationSalarySummary", "compensationTiers",
                    "summaryComponents"} <= set(pay)
            for component in pay["summaryComponents"]:
                paid += 1
                assert component["compensationType"] == "Salary" and component["interval"] == "1 YEAR"
                assert isinstance(component["minValue"], int) and component["minValue"] < component["maxValue"]
    assert paid > 0


def test_smartrecruiters_shape(truth) -> None:
    keys = {"id", "uuid", "name", "jobAdId", "defaultJobAd", "refNumber", "company", "releasedDate", "location",
            "industry", "department", "function", "typeOfEmployment", "experienceLevel", "customField", "creator",
            "language", "applyUrl", "postingUrl", "jobAd"}
    for file in sorted((BOARDS / "smartrecruiters").glob("*.json")):
        details = _load(file)
        assert {d["id"] for d in details} == {r["source_id"] for r in _rows(truth, "smartrecruiters", file.stem)}
        for detail in details:
            assert keys <= set(detail)
            assert detail["company"]["identifier"] == file.stem and detail["industry"]["label"]
            assert {"city", "region", "country", "remote", "hybrid", "latitude", "longitude"} <= set(detail["location"])
            sections = detail["jobAd"]["sections"]
            assert set(sections) == {"companyDescription", "jobDescription", "qualifications", "additionalInformation"}
            assert all(set(s) == {"title", "text"} for s in sections.values())


def _job_postings(value) -> list[dict]:
    """JobPosting objects in one JSON-LD value: plain, in a list, or inside @graph."""
    if isinstance(value, list):
        return [p for item in value for p in _job_postings(item)]
    if "@graph" in value:
        return _job_postings(value["@graph"])
    kinds = value.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return [value] if "JobPosting" in kinds else []


def test_jsonld_sites(truth) -> None:
    site = BOARDS / "site"
    robots = RobotFileParser()
    robots.parse((site / "robots.txt").read_text().splitlines())
    assert robots.can_fetch("*", "/careers/vantrell/") and not robots.can_fetch("*", "/admin/")
    seen = Counter()
    ids = {}
    for page in sorted(site.glob("careers/*/jobs/*.html")):
        blocks = [json.loads(block) for block in SCRIPT.findall(page.read_text(encoding="utf-8"))]
        postings = [p for block in blocks for p in _job_postings(block)]
        seen["graph"] += any("@graph" in b for b in blocks if isinstance(b, dict))
        seen["list_page"] += any(isinstance(b, list) and len(b) > 1 for b in blocks)
        seen["type_list"] += any(p["@type"] == ["JobPosting"] for p in postings)
        for posting in postings:
            assert {"title", "description", "datePosted", "hiringOrganization", "employmentType"} <= set(posting)
            assert posting["hiringOrganization"]["@type"] == "Organization" and posting["hiringOrganization"]["sameAs"]
            assert "<" in posting["description"]
            seen["telecommute"] += posting.get("jobLocationType") == "TELECOMMUTE"
            seen["industry"] += "industry" in posting
            seen["salary"] += posting.get("baseSalary", {}).get("value", {}).get("unitText") == "YEAR"
            board = page.parts[-3]
            key = posting["identifier"]["value"] if "identifier" in posting else posting["url"]
            ids.setdefault(board, set()).add(key)
    assert all(seen[k] for k in ("graph", "list_page", "type_list", "telecommute", "industry", "salary")), seen
    assert seen["list_page"] == 1
    expected = {}
    for row in _rows(truth, "jsonld"):
        expected.setdefault(row["board"], set()).add(row["source_id"])
    assert ids == expected
    assert "JobPosting" not in (site / "careers" / "vantrell" / "jobs" / "faq.html").read_text()


def test_hn_threads(truth) -> None:
    search = _load(BOARDS / "hn" / "search_by_date.json")
    assert search["nbHits"] == len(search["hits"])
    titles = [h["title"] for h in search["hits"]]
    hiring = [h for h in search["hits"] if h["title"].startswith("Ask HN: Who is hiring?")]
    assert len(hiring) >= 12
    assert sum(t.startswith("Ask HN: Who wants to be hired?") for t in titles) == len(hiring)
    assert sum(t.startswith("Ask HN: Freelancer?") for t in titles) == len(hiring)
    posting_ids = set()
    for hit in search["hits"]:
        assert {"objectID", "title", "author", "created_at", "created_at_i", "story_id", "num_comments", "points",
                "url", "_tags"} <= set(hit)
        item = _load(BOARDS / "hn" / "items" / f"{hit['objectID']}.json")
        assert item["type"] == "story" and item["id"] == int(hit["objectID"]) and item["title"] == hit["title"]
        for child in item["children"]:
            assert {"id", "created_at", "created_at_i", "type", "author", "text", "points", "parent_id", "story_id",
                    "options", "children"} <= set(child)
            assert child["parent_id"] == item["id"] and child["type"] == "comment"
            if hit in hiring and child["text"] and child["text"].count(" | ") >= 2:
                posting_ids.add(str(child["id"]))
    assert posting_ids == {r["source_id"] for r in _rows(truth, "hn")}


# --- phrase banks ---------------------------------------------------------------------------------

def test_phrase_banks_keep_boilerplate_and_themes_apart() -> None:
    banks = load_banks()
    theme_text = [s.lower() for t in THEMES for part, items in banks.themes[t].items() for s in items]
    boilerplate = banks.boilerplate["eeo"] + banks.boilerplate["benefits"]
    for phrase in boilerplate:
        phrase = phrase.lower()
        assert not any(phrase in s or s in phrase for s in theme_text), phrase


def test_each_theme_has_many_wordings() -> None:
    banks = load_banks()
    for theme in THEMES:
        sentences = {s for items in banks.themes[theme].values() for s in items}
        assert len(sentences) >= 25, theme
    all_sentences = [s for t in THEMES for items in banks.themes[t].values() for s in items]
    assert len(all_sentences) == len(set(all_sentences))   # no sentence belongs to two themes


class _Template:
    """A theme template as a matcher: its literal chunks (a fast pre-check), then a regex."""

    def __init__(self, template: str):
        chunks = re.split(r"\{\w+\}", template)
        self.chunks = [c.lower() for c in chunks if c]
        pattern = "[^<]+?".join(re.escape(c) for c in chunks)
        self.regex = re.compile(pattern, re.IGNORECASE)   # prose lower-cases the first letter

    def found_in(self, lowered: str, text: str) -> bool:
        return all(chunk in lowered for chunk in self.chunks) and bool(self.regex.search(text))


def _theme_templates() -> dict[str, list[_Template]]:
    banks = load_banks()
    return {t: [_Template(s) for items in banks.themes[t].values() for s in items] for t in THEMES}


def _posting_texts() -> list[tuple[str, str, str]]:
    """(kind, source id, plain-ish text) for the postings of every ATS, career site and HN."""
    texts = []
    for file in sorted((BOARDS / "greenhouse").glob("*.json")):
        texts += [("greenhouse", str(j["id"]), html.unescape(html.unescape(j["content"]))) for j in _load(file)["jobs"]]
    for file in sorted((BOARDS / "lever").glob("*.json")):
        texts += [("lever", p["id"], html.unescape(p["description"] + "".join(i["content"] for i in p["lists"])
                                                   + p["additional"])) for p in _load(file)]
    for file in sorted((BOARDS / "ashby").glob("*.json")):
        texts += [("ashby", j["id"], html.unescape(j["descriptionHtml"])) for j in _load(file)["jobs"]]
    for file in sorted((BOARDS / "smartrecruiters").glob("*.json")):
        texts += [("smartrecruiters", d["id"], html.unescape("".join(s["text"] for s in d["jobAd"]["sections"].values())))
                  for d in _load(file)]
    for hit in _load(BOARDS / "hn" / "search_by_date.json")["hits"]:
        for child in _load(BOARDS / "hn" / "items" / f"{hit['objectID']}.json")["children"]:
            texts.append(("hn", str(child["id"]), html.unescape(child["text"] or "")))
    return texts


def test_postings_carry_sentences_of_their_present_themes_only(truth) -> None:
    templates = _theme_templates()
    themes_of = {(r["kind"], r["source_id"]): set(filter(None, r["themes"].split(";"))) for r in truth}
    checked = Counter()
    for kind, source_id, text in _posting_texts():
        lowered = text.lower()
        found = {t for t, items in templates.items() if any(item.found_in(lowered, text) for item in items)}
        expected = themes_of.get((kind, source_id), set())   # HN comments that are not postings: none
        assert found == expected, (kind, source_id, text[:200])
        checked[kind] += 1
    assert checked["greenhouse"] >= 200 and checked["lever"] >= 100 and checked["hn"] >= 150


# --- served -------------------------------------------------------------------------------------

def test_sample_boards_served_with_lever_pages_and_smartrecruiters_list(truth) -> None:
    big = max((r["board"] for r in _rows(truth, "lever")), key=lambda b: len(_rows(truth, "lever", b)))
    company = _rows(truth, "smartrecruiters")[0]["board"]
    with serve(BOARDS) as base:
        def get(path: str):
            with urllib.request.urlopen(base + path, timeout=5) as response:
                return json.loads(response.read())

        first = get(f"/v0/postings/{big}?mode=json&skip=0&limit=50")
        second = get(f"/v0/postings/{big}?mode=json&skip=50&limit=50")
        listing = get(f"/v1/companies/{company}/postings?limit=100")
        detail = get(f"/v1/companies/{company}/postings/{listing['content'][0]['id']}")
    assert len(first) == 50 and 0 < len(second) <= 50
    assert len(first) + len(second) == len(_rows(truth, "lever", big))
    assert listing["totalFound"] == len(_rows(truth, "smartrecruiters", company))
    assert "jobAd" in detail and "jobAd" not in listing["content"][0]


def test_truth_has_one_row_per_posting(truth) -> None:
    keys = [(r["kind"], r["board"], r["source_id"]) for r in truth]
    assert len(keys) == len(set(keys))
    header = (SAMPLE / "truth.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "kind,board,source_id,company,industry,role,seniority,themes,month"
    tomllib.loads((SAMPLE / "sources.toml").read_text(encoding="utf-8"))
