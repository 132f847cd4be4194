"""The web pages: every shell renders and everything its script imports is served."""

from __future__ import annotations

import json
import re
import uuid
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from coach.jobs import TRANSITIONS

SOME_ID = uuid.uuid4()
PAGES = {
    "/login": "login",
    "/": "dashboard",
    "/jobs": "jobs",
    f"/jobs/{SOME_ID}": "job",
    f"/sessions/{SOME_ID}/text": "text_session",
    f"/sessions/{SOME_ID}/results": "results",
}
IMPORT = re.compile(r"""^import\s.*?from\s+["'](\.{1,2}/[^"']+)["']""", re.MULTILINE | re.DOTALL)


class Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.modules: list[str] = []
        self.stylesheets: list[str] = []
        self.main: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("type") == "module":
            self.modules.append(a["src"] or "")
        if tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a["href"] or "")
        if tag == "main":
            self.main = a


def assets(html: str) -> Assets:
    parser = Assets()
    parser.feed(html)
    return parser


def module_graph(client: TestClient, entry: str) -> dict[str, str]:
    """Every module reachable from `entry` by relative imports, fetched as the browser would."""
    seen: dict[str, str] = {}
    pending = [entry]
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        r = client.get(url)
        assert r.status_code == 200, f"{url} is imported but not served"
        assert "javascript" in r.headers["content-type"]
        seen[url] = r.text
        base = url.rsplit("/", 1)[0]
        pending += [_resolve(base, spec) for spec in IMPORT.findall(r.text)]
    return seen


def _resolve(base: str, spec: str) -> str:
    parts = base.split("/")
    for piece in spec.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


@pytest.mark.parametrize(("path", "module"), PAGES.items())
def test_each_page_is_html_with_its_own_module_and_the_shared_stylesheet(
    client: TestClient, path: str, module: str
) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    page = assets(r.text)
    assert page.modules == [f"/static/js/pages/{module}.js"]
    assert page.stylesheets == ["/static/css/app.css"]
    css = client.get("/static/css/app.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("module", sorted(set(PAGES.values())))
def test_every_module_a_page_imports_is_served(client: TestClient, module: str) -> None:
    graph = module_graph(client, f"/static/js/pages/{module}.js")
    if module != "login":  # every signed-in page goes through the shared API client
        assert "/static/js/api.js" in graph


def test_pages_for_one_job_or_session_carry_its_id(client: TestClient) -> None:
    job = assets(client.get(f"/jobs/{SOME_ID}").text).main
    assert job["data-job-id"] == str(SOME_ID)
    results = assets(client.get(f"/sessions/{SOME_ID}/results").text).main
    assert results["data-session-id"] == str(SOME_ID)


def test_the_jobs_page_offers_only_the_status_moves_the_api_accepts(client: TestClient) -> None:
    main = assets(client.get("/jobs").text).main
    offered = json.loads(main["data-transitions"] or "{}")
    assert {state: set(targets) for state, targets in offered.items()} == TRANSITIONS


def test_a_malformed_id_in_a_page_url_is_rejected(client: TestClient) -> None:
    assert client.get("/jobs/not-a-job").status_code == 422
    assert client.get("/sessions/123/results").status_code == 422


@pytest.mark.parametrize(
    "path", ["/static/../pages.py", "/static/%2e%2e/pages.py", "/static/js/missing.js", "/static/js"]
)
def test_static_files_never_reach_outside_the_static_folder(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
