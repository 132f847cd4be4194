"""Which family of roles a posting belongs to (backend, nursing, sales, ...)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from coach.jd.lexicon import LEXICON_DIR
from coach.jd.schema import RoleFamily

_MIN_VOTES = 2
# Backend and frontend skills both strong in one posting means a full-stack role.
_FULLSTACK_RATIO = 0.6


@cache
def _families() -> dict[str, dict[str, list[str]]]:
    return json.loads((LEXICON_DIR / "role_families.json").read_text(encoding="utf-8"))["families"]


@cache
def _title_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (
            family,
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, spec["titles"])) + r")(?![\w-])", re.I),
        )
        for family, spec in _families().items()
    ]


def detect_role_family(title: str | None, skills: Iterable[str], text: str = "") -> RoleFamily:
    """The title decides when it names a family; otherwise the posting's skills vote, then its opening."""
    return (
        family_from_title(title or "")
        or _family_from_skills(skills)
        or family_from_title(text[:300])
        or "other"
    )


def family_from_title(title: str) -> RoleFamily | None:
    return next((family for family, pattern in _title_patterns() if pattern.search(title)), None)


def _family_from_skills(skills: Iterable[str]) -> RoleFamily | None:
    named = {s.casefold() for s in skills}
    votes = Counter(
        {family: sum(s.casefold() in named for s in spec["skills"]) for family, spec in _families().items()}
    )
    ranked = [(family, n) for family, n in votes.most_common() if n >= _MIN_VOTES]
    if not ranked:
        return None
    top, top_votes = ranked[0]
    if top in ("backend", "frontend") and votes["backend"] and votes["frontend"]:
        low = min(votes["backend"], votes["frontend"])
        if low >= _MIN_VOTES and low >= _FULLSTACK_RATIO * top_votes:
            return "fullstack"
    return top
