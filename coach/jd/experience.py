"""Years of experience and education a text asks for (or, in a resume, shows)."""

from __future__ import annotations

import re

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUM = r"(\d{1,2}|" + "|".join(_WORD_NUMBERS) + r")"
_YEARS = re.compile(
    rf"\b{_NUM}\s*\+?\s*(?:(?:-|–|—|to)\s*{_NUM}\s*)?(?:\+|plus)?\s*(?:years?|yrs?)\b(?!\s*old)(?:\s*\+)?",
    re.IGNORECASE,
)
_PAREN_DIGITS = re.compile(r"\(\s*(\d{1,2})\s*\)")
_COUPLE = re.compile(r"\ba couple of\b", re.IGNORECASE)
_EXPERIENCE_AFTER = re.compile(r"^[^.\n;]{0,60}\b(?:experience|background)", re.IGNORECASE)
_MAX_YEARS = 30

# (label, level, pattern); short forms are case-sensitive so "ms excel" or "a ba" do not count.
_DEGREES: list[tuple[str, int, re.Pattern[str]]] = [
    ("PhD", 5, re.compile(r"\bPh\.?\s?D\b|\bdoctorate\b|\bdoctoral degree\b", re.IGNORECASE)),
    ("MSN", 4, re.compile(r"\bMSN\b")),
    ("MBA", 4, re.compile(r"\bMBA\b")),
    (
        "Master's degree",
        4,
        re.compile(
            r"\b(?i:master['’]?s?)\b(?!\s+(?:of\s+)?(?:none|data|your))|\bM\.?Sc\b|\bM\.S\.|\bMEng\b"
            r"|\bMS\b(?!\s*(?:Office|Excel|Word|Teams|SQL|Project|Access|Dynamics|Visio|PowerPoint|Outlook))"
        ),
    ),
    ("BSN", 3, re.compile(r"\bBSN\b")),
    (
        "Bachelor's degree",
        3,
        re.compile(
            r"\b[Bb]achelor['’]?s?\b|\bB\.?Sc\b|\bB\.S\.|\bB\.A\.|\bBS\b|\bBA\b|\bBS/BA\b|\bBA/BS\b|\bBEng\b"
            r"|\bB\.?Tech\b|\b(?:four|4)[- ]year degree\b|\b(?i:undergraduate|university|college) degree\b"
        ),
    ),
    ("ADN", 2, re.compile(r"\bADN\b")),
    ("Associate degree", 2, re.compile(r"\b[Aa]ssociate['’]?s? degree\b")),
    ("High school diploma", 1, re.compile(r"\bhigh school\b|\bGED\b|\bsecondary school\b", re.IGNORECASE)),
]
_FIELD = re.compile(
    r"^(?:\s+degree)?\s*(?:\([A-Za-z./ ]+\)\s*)?\s+(?:in|of)\s+(?:a\s+)?([^,.;()\n]{3,60}?)"
    r"(?=\s+(?:or|and|from|with|preferred|required|is|are|plus|a)\b|[,.;()\n]|$)"
)


def years_in(text: str) -> list[int]:
    """Lower bounds of every "N+ years" / "N-M years" in `text`."""
    text = _normalize(text)
    return [y for m in _YEARS.finditer(text) if 0 < (y := _number(m.group(1))) <= _MAX_YEARS]


def experience_years(text: str) -> list[int]:
    """Like `years_in`, but only where experience is being counted ("5+ years of Python experience")."""
    text = _normalize(text)
    found = []
    for m in _YEARS.finditer(text):
        if (
            _EXPERIENCE_AFTER.match(text[m.end() :])
            or "experience" in text[max(0, m.start() - 40) : m.start()].lower()
        ):
            found.append(_number(m.group(1)))
    return [y for y in found if 0 < y <= _MAX_YEARS]


def degrees_in(text: str) -> list[str]:
    """Degrees named in `text`, with the field when given: "Bachelor's degree in Computer Science"."""
    found: list[tuple[int, str]] = []
    for label, _, pattern in _DEGREES:
        for m in pattern.finditer(text):
            field = _FIELD.match(text[m.end() :])
            found.append((m.start(), f"{label} in {field.group(1).strip()}" if field else label))
    labels: list[str] = []
    for _, label in sorted(found):
        if label not in labels:
            labels.append(label)
    return labels


def degree_level(text: str) -> int | None:
    """Highest degree level in `text`: 1 high school, 2 associate, 3 bachelor, 4 master, 5 doctorate."""
    levels = [level for _, level, pattern in _DEGREES if pattern.search(text)]
    return max(levels, default=None)


def _normalize(text: str) -> str:
    # "five (5) years" and "a couple of years" read as plain numbers.
    return _COUPLE.sub("two", _PAREN_DIGITS.sub(r" \1", text))


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _WORD_NUMBERS[token.lower()]
