"""Skills, tools, certifications, domains and company signals named in a text, as canonical names."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from coach.jd.lexicon import LEXICON_DIR, Lexicon, Mention, build

SKILL_FILES = {
    "hard_skills": "hard",
    "tools": "tool",
    "certifications": "certification",
    "soft_skills": "soft",
}
# Kinds a resume can evidence and a requirement can be checked against.
CHECKABLE_KINDS = frozenset({"hard", "tool", "certification"})


@cache
def skill_lexicon() -> Lexicon:
    return build(SKILL_FILES)


@cache
def domain_lexicon() -> Lexicon:
    return build({"domains": "domain"})


@cache
def signal_lexicon() -> Lexicon:
    return build({"company_signals": "signal"})


@dataclass
class SkillSet:
    hard: list[str] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)


def find_skill_mentions(text: str) -> list[Mention]:
    """Every lexicon skill in `text`, with character offsets, in reading order."""
    return [m for m in skill_lexicon().find(text) if not _is_initial(text, m)]


def extract_skills(text: str, *, exclude: Iterable[str] = ()) -> SkillSet:
    skipped = {name.casefold() for name in exclude}
    by_kind: dict[str, list[str]] = {"hard": [], "tool": [], "certification": [], "soft": []}
    for mention in find_skill_mentions(text):
        if mention.canonical.casefold() not in skipped:
            by_kind[mention.kind].append(mention.canonical)
    return SkillSet(
        hard=unique(by_kind["hard"]),
        tools=unique(by_kind["tool"]),
        certifications=unique(by_kind["certification"]),
        soft=unique(by_kind["soft"]),
    )


def find_domains(text: str) -> list[str]:
    return unique(m.canonical for m in domain_lexicon().find(text))


def find_signals(text: str) -> list[str]:
    return unique(m.canonical for m in signal_lexicon().find(text))


def canonical_skill(name: str) -> tuple[str, str] | None:
    """(canonical name, kind) when the whole of `name` is a known skill or alias, e.g. "Postgres"."""
    return skill_lexicon().lookup(name.strip())


def with_implied(names: Iterable[str]) -> set[str]:
    """Casefolded names plus everything they imply: Next.js -> React -> JavaScript."""
    implications = _implications()
    found = {name.casefold() for name in names}
    pending = list(found)
    while pending:
        for implied in implications.get(pending.pop(), ()):
            if implied not in found:
                found.add(implied)
                pending.append(implied)
    return found


def checkable(name: str) -> bool:
    """Whether a resume can be checked for this skill by name (a concrete skill, tool or certification)."""
    entry = canonical_skill(name)
    return (
        entry is not None
        and entry[1] in CHECKABLE_KINDS
        and entry[0] not in _implies_file()["too_broad_to_check"]
    )


@cache
def _implications() -> dict[str, tuple[str, ...]]:
    data = _implies_file()["implies"]
    return {name.casefold(): tuple(i.casefold() for i in implied) for name, implied in data.items()}


@cache
def _implies_file() -> dict:
    return json.loads((LEXICON_DIR / "implies.json").read_text(encoding="utf-8"))


def unique(names: Iterable[str]) -> list[str]:
    """First-seen order, case-insensitive duplicates dropped."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _is_initial(text: str, mention: Mention) -> bool:
    # "John R. Smith" or "C. Jones" name an initial, not the R or C language.
    return mention.end - mention.start == 1 and text[mention.end : mention.end + 2] in {". ", ".\n"}
