"""Must-haves, nice-to-haves and responsibilities from a posting's sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from coach.jd.experience import degrees_in, years_in
from coach.jd.schema import Requirement, RequirementCategory, Requirements
from coach.jd.sections import Item, Section, section_vocabulary
from coach.jd.skills import find_skill_mentions, unique

ItemRole = Literal["must", "nice", "responsibility"]

_NICE = re.compile(
    r"\b(?:nice[- ]to[- ]haves?|preferred|preferably"
    r"|(?:is|are|would be|as) an? (?:big |huge |strong |definite )?(?:plus|bonus|advantage)"
    r"|a plus|bonus points?|desirable|desired|ideally|good to have|advantageous|"
    r"not required|not a must|extra credit|pluses)\b",
    re.IGNORECASE,
)
_REQUIREMENT_CUE = re.compile(
    r"\b(?:\d+\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?)|experience[ds]?|proficien\w*|knowledge of|familiar\w*|"
    r"degree|diploma|bachelor\S*|master\S*|certifi\w*|licen[sc]\w*|must|required|ability to|able to|"
    r"strong|expertise|expert|understanding of|fluen\w*|track record|skilled|background in|you have|"
    r"you are|you're|comfortable with|command of)\b",
    re.IGNORECASE,
)
# Requirement wording strong enough to override a "Responsibilities" heading.
_STRONG_REQUIREMENT = re.compile(
    r"\b\d+\+?\s*(?:years?|yrs?)\b[^.]*\bexperience|\bdegree\b|\brequired\b|\bmust (?:have|hold|be)\b",
    re.IGNORECASE,
)
_EXPERIENCE = re.compile(r"\b(?:experience|track record|background in|history of)\b", re.IGNORECASE)
_CERTIFICATION = re.compile(r"\b(?:certifi\w*|licen[sc]\w*|accredit\w*)\b", re.IGNORECASE)
_LEADING_YOU = re.compile(r"^(?:you(?:'ll|’ll| will| would)?|will|and|to)\s+", re.IGNORECASE)


@dataclass
class ParsedItems:
    requirements: Requirements = field(default_factory=Requirements)
    responsibilities: list[str] = field(default_factory=list)


def parse_items(sections: list[Section]) -> ParsedItems:
    """Sort every item into must-have, nice-to-have or responsibility; ids run in document order."""
    structured = any(s.kind in ("requirements", "nice_to_have", "responsibilities") for s in sections)
    parsed = ParsedItems()
    for section in sections:
        for item in section.items:
            role = item_role(item, section.kind, structured=structured)
            if role == "responsibility":
                parsed.responsibilities.append(item.text)
            elif role is not None:
                _append(parsed.requirements, role, item.text)
    return parsed


def item_role(item: Item, kind: str, *, structured: bool) -> ItemRole | None:
    text = item.text
    if kind == "nice_to_have":
        return "nice"
    if kind == "requirements":
        return "nice" if _NICE.search(text) else "must"
    if kind == "responsibilities":
        return "must" if _STRONG_REQUIREMENT.search(text) else "responsibility"
    if kind in ("benefits", "about", "apply") or (structured and not item.bullet):
        # Prose around a structured posting describes the company or the role, it does not ask for anything.
        return None
    return _role_from_wording(text)


def _role_from_wording(text: str) -> ItemRole | None:
    # Postings without headings: the wording says whether a line is a duty or an ask.
    if _NICE.search(text):
        return "nice"
    if _starts_with_action(text) and not _STRONG_REQUIREMENT.search(text):
        return "responsibility"
    if _REQUIREMENT_CUE.search(text):
        return "must"
    return None


def _starts_with_action(text: str) -> bool:
    words = _LEADING_YOU.sub("", text.strip()).split(maxsplit=1)
    if not words:
        return False
    return _is_action_verb(words[0].lower().strip(",.;:"))


def _is_action_verb(word: str) -> bool:
    stems = {word}
    if word.endswith("s"):
        stems |= {word[:-1], word[:-2]}
    if word.endswith("ing"):
        stems |= {word[:-3], word[:-3] + "e"}
    if word.endswith("ed"):
        stems |= {word[:-2], word[:-1]}
    return not stems.isdisjoint(_action_verbs())


@cache
def _action_verbs() -> frozenset[str]:
    return frozenset(section_vocabulary()["action_verbs"])


def _append(requirements: Requirements, role: ItemRole, text: str) -> None:
    number = len(requirements.must_have) + len(requirements.nice_to_have) + 1
    target = requirements.must_have if role == "must" else requirements.nice_to_have
    target.append(build_requirement(f"req-{number}", text))


def build_requirement(req_id: str, text: str) -> Requirement:
    mentions = find_skill_mentions(text)
    years = years_in(text)
    return Requirement(
        id=req_id,
        text=text,
        skills=unique(m.canonical for m in mentions),
        years=years[0] if years else None,
        category=_category(text, {m.kind for m in mentions}, bool(years)),
    )


def _category(text: str, kinds: set[str], has_years: bool) -> RequirementCategory:
    if degrees_in(text):
        return "education"
    if _CERTIFICATION.search(text) or kinds & {"certification", "hard", "tool"} == {"certification"}:
        return "certification"
    if kinds & {"hard", "tool"}:
        return "hard"
    if has_years or _EXPERIENCE.search(text):
        return "experience"
    return "soft" if "soft" in kinds else "other"
