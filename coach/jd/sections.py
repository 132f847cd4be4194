"""Splitting a posting into sections (responsibilities, requirements, nice-to-have, ...) and items.

Postings arrive as pasted text: markdown headings, bold headings, ALL-CAPS headings, "Heading:" lines,
inline "Requirements: ..." lines, or no headings at all. Each line becomes an item (a bullet, or one
sentence of prose) inside the section its nearest heading names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from coach.jd.lexicon import LEXICON_DIR

SectionKind = Literal[
    "intro",
    "overview",
    "responsibilities",
    "requirements",
    "nice_to_have",
    "benefits",
    "about",
    "apply",
    "other",
]

BULLET = re.compile(r"^\s*(?:[-*•·●▪◦‣–—>+✓✔➢►]|\d{1,2}[.)]|\(?[a-hA-H]\))\s+")
_MARKUP = re.compile(r"^[#>*_\s]+|[*_\s]+$")
_NON_WORD = re.compile(r"[^\w&'+/ -]+")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "incl.", "approx.", "vs.", "sr.", "jr.", "u.s.", "no.", "min.")
_MAX_HEADING_WORDS = 8
_DETAIL_KINDS = frozenset({"apply"})
_CONTACT_DETAIL = re.compile(r"@|://|www\.|linkedin\.com|github\.com")
_TITLE_WORD = re.compile(r"^(?:[A-Z0-9&][\w'’&-]*|and|or|of|the|to|for|you|we|a|an|in|on|with|&)$")


@dataclass
class Item:
    text: str
    bullet: bool


@dataclass
class Section:
    kind: SectionKind
    heading: str | None = None
    items: list[Item] = field(default_factory=list)


@cache
def section_vocabulary() -> dict:
    """sections.json: heading phrases per kind, line-continuation connectors, duty-opening verbs."""
    return json.loads((LEXICON_DIR / "sections.json").read_text(encoding="utf-8"))


@cache
def _heading_phrases() -> dict[str, SectionKind]:
    kinds = section_vocabulary()["kinds"]
    return {phrase: kind for kind, phrases in kinds.items() for phrase in phrases}


@cache
def _connectors() -> frozenset[str]:
    return frozenset(section_vocabulary()["connectors"])


def split_sections(text: str) -> list[Section]:
    sections = [Section("intro")]
    for line in logical_lines(text):
        kind, rest = heading_of(line)
        if kind is None:
            _add_line(sections[-1], line)
        elif rest and kind in _DETAIL_KINDS:
            # "Location: Remote" is one detail; the lines after it still belong to the section before.
            current = sections[-1]
            sections += [Section(kind, line, [Item(rest, False)]), Section(current.kind, current.heading)]
        else:
            sections.append(Section(kind, line))
            if rest:
                _add_line(sections[-1], rest)
    return [s for s in sections if s.items or s.heading]


def logical_lines(text: str) -> list[str]:
    """Lines with hard-wrapped sentences and bullets joined back together."""
    lines: list[str] = []
    previous_blank = True
    for raw in text.splitlines():
        line = raw.strip()
        if line and lines and not previous_blank and _continues(lines[-1], line):
            lines[-1] += " " + line
        elif line:
            lines.append(line)
        previous_blank = not line
    return lines


def _continues(previous: str, line: str) -> bool:
    if BULLET.match(line) or heading_of(line)[0] is not None or heading_of(previous)[0] is not None:
        return False
    if _CONTACT_DETAIL.search(line):
        # "jane@example.com | linkedin.com/in/jane" under a headline starts a new line, whatever its case.
        return False
    last_word = previous.rsplit(None, 1)[-1].lower()
    return line[0].islower() or previous.endswith((",", ";", "-")) or last_word in _connectors()


def heading_of(line: str) -> tuple[SectionKind | None, str]:
    """The section a line opens (None for an ordinary line) and any content after an inline "Heading:"."""
    if BULLET.match(line):
        return None, line
    label, colon, rest = line.partition(":")
    if colon and rest.strip() and len(label.split()) <= 5:
        kind = _phrase_kind(normalize_heading(label), prefix=False)
        return (kind, rest.strip()) if kind else (None, line)
    words = normalize_heading(line)
    if not words or len(words.split()) > _MAX_HEADING_WORDS:
        return None, line
    shaped = _looks_like_heading(line)
    kind = _phrase_kind(words, prefix=shaped or _title_case(line) or _heading_words_only(words))
    if kind is None and shaped:
        kind = "other"
    return (kind, "") if kind else (None, line)


def normalize_heading(line: str) -> str:
    text = _MARKUP.sub("", line.replace("’", "'")).rstrip(":").strip()
    text = re.sub(r"\(.*?\)", " ", text)
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip().lower()


def _phrase_kind(words: str, *, prefix: bool) -> SectionKind | None:
    phrases = _heading_phrases()
    if words in phrases:
        return phrases[words]
    if not prefix:
        return None
    starts = [p for p in phrases if words.startswith(p + " ")]
    return phrases[max(starts, key=len)] if starts else None


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith("#") or (stripped.startswith("**") and stripped.endswith("**")):
        return True
    if stripped.endswith(":"):
        return len(stripped.split()) <= _MAX_HEADING_WORDS
    letters = [c for c in stripped if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _heading_words_only(words: str) -> bool:
    # "Salary and benefits" is written in sentence case but every word is a heading word.
    return set(words.split()) <= _heading_vocabulary()


@cache
def _heading_vocabulary() -> frozenset[str]:
    return frozenset(word for phrase in _heading_phrases() for word in phrase.split()) | _connectors()


def _title_case(line: str) -> bool:
    words = _MARKUP.sub("", line).split()
    return (
        len(words) <= 5
        and not line.endswith((".", "!", "?", ","))
        and all(_TITLE_WORD.match(w) for w in words)
    )


def _add_line(section: Section, line: str) -> None:
    bullet = BULLET.match(line)
    if bullet:
        section.items.append(Item(line[bullet.end() :].strip(), True))
    else:
        section.items.extend(Item(s, False) for s in split_sentences(line))


def split_sentences(text: str) -> list[str]:
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if parts and parts[-1].lower().endswith(_ABBREVIATIONS):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]
