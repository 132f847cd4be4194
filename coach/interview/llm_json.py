"""Calling an OpenAI-compatible model for structured output, failing loudly so callers can fall back."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import jsonschema
import openai

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)


class LLMUnavailable(RuntimeError):
    """The model could not give a usable answer: network, HTTP error, timeout, bad JSON or schema mismatch."""


def _quick(client: openai.AsyncOpenAI, timeout_s: float) -> openai.AsyncOpenAI:
    # In a live conversation a retry costs more than the offline fallback, so never retry.
    return client.with_options(max_retries=0, timeout=timeout_s)


def parse_json_object(text: str | None) -> dict[str, Any]:
    """The first JSON object in a reply, tolerating code fences and prose around it."""
    if not text:
        raise LLMUnavailable("empty reply")
    cleaned = _FENCE.sub("", text.strip())
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end <= start:
        raise LLMUnavailable("no JSON object in reply")
    try:
        value = json.loads(cleaned[start : end + 1])
    except json.JSONDecodeError as exc:
        raise LLMUnavailable(f"invalid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise LLMUnavailable("reply is not a JSON object")
    return value


def validate(value: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    try:
        jsonschema.validate(value, schema)
    except jsonschema.ValidationError as exc:
        raise LLMUnavailable(f"reply does not match schema: {exc.message}") from exc
    return value


async def _create(client: openai.AsyncOpenAI, timeout_s: float, **params: Any):
    try:
        return await asyncio.wait_for(
            _quick(client, timeout_s).chat.completions.create(**params), timeout_s + 1
        )
    except Exception as exc:  # noqa: BLE001 - any client failure (HTTP, timeout, unparsable body) means fall back
        raise LLMUnavailable(f"{type(exc).__name__}: {exc}") from exc


def _first_message(completion: Any) -> Any:
    choices = getattr(completion, "choices", None)
    if not choices or getattr(choices[0], "message", None) is None:
        raise LLMUnavailable("completion has no message")
    return choices[0].message


async def chat_json(
    client: openai.AsyncOpenAI,
    model: str,
    messages: list[dict],
    *,
    schema: dict,
    timeout_s: float = 30.0,
    temperature: float = 0.3,
) -> dict[str, Any]:
    """Ask for a JSON object and return it validated against `schema`."""
    completion = await _create(client, timeout_s, model=model, messages=messages, temperature=temperature)
    return validate(parse_json_object(_first_message(completion).content), schema)


async def call_tool(
    client: openai.AsyncOpenAI, model: str, messages: list[dict], *, tool: dict, timeout_s: float = 5.0
) -> dict[str, Any]:
    """Force one function call and return its validated arguments.

    Servers without tool support often answer with the JSON in the message text, which is accepted too.
    """
    name = tool["function"]["name"]
    completion = await _create(
        client,
        timeout_s,
        model=model,
        messages=messages,
        tools=[tool],
        temperature=0.2,
        tool_choice={"type": "function", "function": {"name": name}},
    )
    message = _first_message(completion)
    calls = [
        c for c in message.tool_calls or [] if getattr(getattr(c, "function", None), "name", None) == name
    ]
    raw = calls[0].function.arguments if calls else message.content
    return validate(parse_json_object(raw), tool["function"]["parameters"])
