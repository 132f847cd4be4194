"""The LLM upgrade path, against canned OpenAI-compatible replies served by httpx.MockTransport."""

from __future__ import annotations

import json
import logging

import httpx
import openai
import pytest

from coach.jd.enrich import enrich_with_llm
from coach.jd.parser import parse_jd

POSTING = (
    "Backend Engineer\n\nRequirements\n- 4+ years of Python\n"
    "- Experience with Temporal workflows and Pulsar\n"
    "- Comfortable with Retool for internal tools\n\nWe are a climate-tech startup; expect on-call duty."
)


def client_replying(
    content: str | None = None, status: int = 200, seen: list | None = None
) -> openai.AsyncOpenAI:
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(json.loads(request.content))
        if status != 200:
            return httpx.Response(status, json={"error": {"message": "upstream exploded"}})
        message = {"role": "assistant", "content": content}
        return httpx.Response(
            200,
            json={
                "id": "c1",
                "object": "chat.completion",
                "created": 1,
                "model": "fake",
                "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
            },
        )

    http = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    return openai.AsyncOpenAI(api_key="test", base_url="http://llm.test/v1", http_client=http, max_retries=0)


@pytest.fixture
def offline():
    return parse_jd(POSTING)


async def test_additions_are_appended_and_offline_fields_kept(offline):
    reply = {
        "hard_skills": ["Temporal", "Pulsar", "Python", "k8s"],
        "tools": ["Retool"],
        "soft_skills": ["ownership"],
        "domain": ["climate tech"],
        "company_signals": ["on-call rotation", "early-stage startup"],
    }
    seen: list = []
    enriched = await enrich_with_llm(offline, POSTING, client=client_replying(json.dumps(reply), seen=seen))
    assert enriched.enriched_by == "llm"
    assert enriched.hard_skills == [*offline.hard_skills, "Temporal", "Pulsar"]
    assert enriched.tools == [*offline.tools, "Retool"]
    assert enriched.domain == [*offline.domain, "climate tech"]
    assert enriched.company_signals[: len(offline.company_signals)] == offline.company_signals
    assert enriched.requirements == offline.requirements and enriched.title == offline.title
    # The posting and what the offline parser already found both reach the model.
    prompt = seen[0]["messages"][0]["content"]
    assert "Temporal workflows" in prompt and '"Python"' in prompt


async def test_skills_the_posting_never_names_are_dropped(offline):
    reply = {"hard_skills": ["Kubernetes", "Rust"], "tools": ["Salesforce"]}
    enriched = await enrich_with_llm(offline, POSTING, client=client_replying(json.dumps(reply)))
    assert enriched == offline and enriched.enriched_by == "offline"


async def test_fenced_json_is_accepted(offline):
    content = 'Here you go:\n```json\n{"tools": ["Retool"]}\n```'
    enriched = await enrich_with_llm(offline, POSTING, client=client_replying(content))
    assert "Retool" in enriched.tools


@pytest.mark.parametrize(
    "content, status",
    [
        ("not json at all", 200),
        ('["a", "list"]', 200),
        ('{"hard_skills": "Temporal"', 200),
        (None, 200),
        ("{}", 500),
    ],
)
async def test_any_failure_returns_the_offline_parse_and_warns(offline, caplog, content, status):
    caplog.set_level(logging.WARNING, logger="coach.jd.enrich")
    enriched = await enrich_with_llm(offline, POSTING, client=client_replying(content, status=status))
    assert enriched == offline
    assert "keeping the offline parse" in caplog.text
