"""Optional LLM pass adding what the offline lexicons missed; it never removes or rewrites offline fields."""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from coach.jd.lexicon import phrase_key
from coach.jd.schema import JDParsed
from coach.jd.skills import canonical_skill
from prompts import render_prompt

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gpt-4o-mini"
LIST_FIELDS = ("hard_skills", "tools", "soft_skills", "domain", "company_signals")
# A skill or tool the posting does not name would become a false resume risk, so those must be grounded.
_GROUNDED_FIELDS = frozenset({"hard_skills", "tools"})
_KIND_FIELD = {"hard": "hard_skills", "certification": "hard_skills", "tool": "tools", "soft": "soft_skills"}
_MAX_ITEMS, _MAX_WORDS, _MAX_CHARS = 15, 6, 60
_MAX_POSTING_CHARS = 12_000
_TIMEOUT_S = 20.0


class _Additions(BaseModel):
    model_config = ConfigDict(extra="ignore")

    hard_skills: list[str] = []
    tools: list[str] = []
    soft_skills: list[str] = []
    domain: list[str] = []
    company_signals: list[str] = []

    @field_validator(*LIST_FIELDS, mode="before")
    @classmethod
    def _short_strings(cls, value: Any) -> list[str]:
        items = value if isinstance(value, list) else []
        cleaned = [" ".join(str(i).split()) for i in items if isinstance(i, str)]
        return [i for i in cleaned if i and len(i) <= _MAX_CHARS and len(i.split()) <= _MAX_WORDS][
            :_MAX_ITEMS
        ]


async def enrich_with_llm(
    parsed: JDParsed, text: str, *, client: Any, model: str = DEFAULT_MODEL
) -> JDParsed:
    """`client` is an `openai.AsyncOpenAI` (any base_url). On any failure the offline parse comes back."""
    try:
        content = await _ask(client, model, parsed, text)
        additions = _Additions.model_validate(_json_object(content))
    # Enrichment is an optional upgrade: no provider error, timeout or bad reply may cost the user the parse.
    except Exception as exc:
        log.warning("JD enrichment skipped, keeping the offline parse: %s: %s", type(exc).__name__, exc)
        return parsed
    return merge_additions(parsed, additions, text)


async def _ask(client: Any, model: str, parsed: JDParsed, text: str) -> str | None:
    offline = json.dumps({name: getattr(parsed, name) for name in LIST_FIELDS}, ensure_ascii=False)
    prompt = render_prompt("jd_enrich", offline=offline, posting=text[:_MAX_POSTING_CHARS])
    response = await client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": prompt}], temperature=0, timeout=_TIMEOUT_S
    )
    return response.choices[0].message.content


def _json_object(content: str | None) -> dict[str, Any]:
    # Models often wrap JSON in a code fence or a sentence; take the outermost object.
    start, end = (content or "").find("{"), (content or "").rfind("}")
    if start < 0 or end <= start:
        raise ValueError("the reply holds no JSON object")
    data = json.loads(content[start : end + 1])
    if not isinstance(data, dict):
        raise ValueError("the reply is not a JSON object")
    return data


def merge_additions(parsed: JDParsed, additions: _Additions, text: str) -> JDParsed:
    lists = {name: list(getattr(parsed, name)) for name in LIST_FIELDS}
    seen = {item.casefold() for items in lists.values() for item in items}
    posting = " ".join(phrase_key(text))
    added = 0
    for name in LIST_FIELDS:
        for item in getattr(additions, name):
            entry = canonical_skill(item) if name in _KIND_FIELD.values() else None
            target, value = (_KIND_FIELD[entry[1]], entry[0]) if entry else (name, item)
            grounded = target not in _GROUNDED_FIELDS or f" {' '.join(phrase_key(item))} " in f" {posting} "
            if grounded and value.casefold() not in seen:
                lists[target].append(value)
                seen.add(value.casefold())
                added += 1
    if not added:
        return parsed
    return parsed.model_copy(update={**lists, "enriched_by": "llm"})
