"""The optional OpenAI-compatible client (any base_url); None means run offline."""

from __future__ import annotations

from openai import AsyncOpenAI

from coach.settings import Settings


def llm_client(settings: Settings) -> AsyncOpenAI | None:
    if not settings.llm_enabled:
        return None
    return AsyncOpenAI(base_url=settings.LLM_BASE_URL, api_key=settings.LLM_API_KEY or "none", timeout=20.0)
