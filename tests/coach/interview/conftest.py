from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from tests.coach.interview.fake_llm import FakeLLM, start_server

FIXTURES = Path(__file__).parent / "fixtures"


def load_jds() -> list[dict]:
    return json.loads((FIXTURES / "jds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def jds() -> list[dict]:
    return load_jds()


@pytest.fixture(scope="session")
def _fake_llm_server() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    server = start_server(fake)
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def fake_llm(_fake_llm_server: FakeLLM) -> FakeLLM:
    _fake_llm_server.replies.clear()
    _fake_llm_server.requests.clear()
    return _fake_llm_server


@pytest.fixture
def llm_client(fake_llm: FakeLLM) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url=fake_llm.base_url, api_key="test-key", max_retries=0)
