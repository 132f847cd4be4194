"""A saved job is enriched by the configured LLM after the response, adding to the offline parse and never
replacing it; a failing or nonsensical LLM leaves exactly the offline parse that was saved."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from coach.jd.enrich import LIST_FIELDS
from coach.settings import Settings
from tests.coach.interview.fake_llm import Canned, FakeLLM, start_server
from tests.utils import signup

MODEL = "fake-enrich-model"
JD = """Platform Engineer

We are a remote-first payments company.

Requirements:
- 3+ years running Python services on AWS
- Infrastructure as code with Pulumi
- Observability with Honeycomb
- Comfortable mentoring junior engineers
"""
JOB = {
    "source": "linkedin",
    "job_url": "https://www.linkedin.com/jobs/view/4242/",
    "company_name": "Acme",
    "role_title": "Platform Engineer",
    "location": "Remote",
    "jd_text": JD,
}
ADDITIONS = {
    "hard_skills": ["Python", "running Python services"],  # a repeat is ignored; the phrase is in the posting
    "tools": ["Honeycomb", "Datadog"],  # Datadog is not in the posting, so it cannot become a requirement
    "soft_skills": ["mentoring"],
    "domain": ["payments"],
    "company_signals": ["remote-first", "distributed team"],
}


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    server = start_server(fake)
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def fake(fake_server: FakeLLM) -> FakeLLM:
    fake_server.replies.clear()
    fake_server.requests.clear()
    return fake_server


@pytest.fixture
def llm_client(settings: Settings, fake: FakeLLM) -> Iterator[TestClient]:
    """A companion whose LLM is the fake server (background tasks finish before TestClient returns)."""
    app = create_app(
        settings.model_copy(
            update={
                "LLM_BASE_URL": fake.base_url,
                "LLM_API_KEY": "test-key",
                "LLM_MODEL": MODEL,
            }
        )
    )
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()


def extension_headers(client: TestClient) -> tuple[dict[str, str], dict[str, str]]:
    headers = signup(client)
    token = client.post("/api/auth/extension-tokens", json={}, headers=headers).json()["token"]
    return headers, {"Authorization": f"Bearer {token}"}


def save(client: TestClient) -> tuple[dict, dict, dict[str, str]]:
    """Save through the extension route; returns the response body, the stored job afterwards and headers."""
    headers, ext = extension_headers(client)
    r = client.post("/api/jobs/save", json=JOB, headers=ext)
    assert r.status_code == 201, r.text
    stored = client.get(f"/api/jobs/{r.json()['id']}", headers=headers)
    assert stored.status_code == 200
    return r.json(), stored.json(), headers


def test_saved_job_carries_the_llm_additions_on_top_of_the_offline_parse(llm_client, fake) -> None:  # type: ignore[no-untyped-def]
    fake.queue(Canned(content="Here you go:\n```json\n" + json.dumps(ADDITIONS) + "\n```"))
    posted, stored, headers = save(llm_client)
    offline = posted["jd_parsed"]  # the response is sent before the LLM is asked
    assert offline["enriched_by"] == "offline"
    assert "Honeycomb" not in offline["tools"] + offline["hard_skills"]

    (request,) = fake.requests
    assert request["model"] == MODEL
    prompt = request["messages"][0]["content"]
    assert "Observability with Honeycomb" in prompt and '"Pulumi"' in prompt  # posting and offline findings

    parsed = stored["jd_parsed"]
    assert parsed["enriched_by"] == "llm"
    for name in LIST_FIELDS:  # nothing the offline parser found is lost or reordered
        assert parsed[name][: len(offline[name])] == offline[name]
    added = {name: parsed[name][len(offline[name]) :] for name in LIST_FIELDS}
    assert added == {
        "hard_skills": ["running Python services"],
        "tools": ["Honeycomb"],
        "soft_skills": [],
        "domain": ["payments"],
        "company_signals": ["distributed team"],
    }
    untouched = {k: v for k, v in parsed.items() if k not in (*LIST_FIELDS, "enriched_by")}
    assert untouched == {k: v for k, v in offline.items() if k not in (*LIST_FIELDS, "enriched_by")}
    assert {k: stored[k] for k in JOB if k != "job_url"} == {k: JOB[k].strip() for k in JOB if k != "job_url"}
    assert llm_client.get("/api/jobs", headers=headers).json()["total"] == 1


FAILURES = {
    "server error": [Canned(status=500, raw_body='{"error": {"message": "upstream exploded"}}')] * 3,
    "html error page": [Canned(status=502, raw_body="<html><body>Bad gateway</body></html>")] * 3,
    "prose instead of json": [Canned(content="Sure! This posting wants a great engineer.")],
    "truncated json": [Canned(content='{"tools": ["Honeycomb", ')],
    "json that is not an object": [Canned(content='["Honeycomb"]')],
    "a 200 that is not a completion": [Canned(raw_body="not json at all")],
    "nothing usable": [Canned(content=json.dumps({"tools": "Honeycomb", "hard_skills": ["Haskell", 7]}))],
}


@pytest.mark.parametrize("replies", list(FAILURES.values()), ids=list(FAILURES))
def test_failing_llm_leaves_the_job_saved_with_the_offline_parse_only(llm_client, fake, replies) -> None:  # type: ignore[no-untyped-def]
    fake.queue(*replies)
    posted, stored, headers = save(llm_client)
    assert fake.requests  # the LLM was asked
    assert stored == {
        **posted,
        "outcome": None,
    }  # not a field changed after the response, not even updated_at
    assert stored["jd_parsed"]["enriched_by"] == "offline"
    assert "Honeycomb" not in stored["jd_parsed"]["tools"] + stored["jd_parsed"]["hard_skills"]
    assert llm_client.get("/api/jobs", headers=headers).json()["total"] == 1


def test_without_an_llm_no_request_is_made(client, fake) -> None:  # type: ignore[no-untyped-def]
    posted, stored, _ = save(client)
    assert fake.requests == [] and stored["jd_parsed"] == posted["jd_parsed"]
    assert stored["jd_parsed"]["enriched_by"] == "offline"
