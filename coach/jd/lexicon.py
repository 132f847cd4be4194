"""Phrase lexicons kept as JSON next to this module, matched by token n-grams.

Matching works on tokens rather than one big regex: a 10 kB posting has ~1,700 tokens and each
position costs a handful of dict lookups, which keeps `parse_jd` far inside its latency budget.
Tokens split on spaces, hyphens and slashes, so "front-end", "front end" and "CI/CD" vs "CI CD"
need no separate aliases.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
_TOKEN = re.compile(r"\.?\w[\w+#]*(?:[.&'’]\w[\w+#]*)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


class LexiconError(ValueError):
    """A lexicon file that would make matching ambiguous (one alias, two meanings)."""


@dataclass(frozen=True, slots=True)
class Mention:
    canonical: str
    kind: str
    start: int
    end: int


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words (possessive "'s" dropped) and their character spans."""
    matches = list(_TOKEN.finditer(text))
    words = [m.group() for m in matches]
    for i, word in enumerate(words):
        if "'" in word or "’" in word:
            words[i] = _POSSESSIVE.sub("", word)
    return words, [m.span() for m in matches]


def phrase_key(phrase: str, *, exact: bool = False) -> tuple[str, ...]:
    words = tuple(tokenize(phrase)[0])
    return words if exact else tuple(w.lower() for w in words)


class Lexicon:
    """Longest-match phrase finder; an entry of `None` blocks a phrase (e.g. "excel at") from matching."""

    def __init__(self) -> None:
        self._folded: dict[tuple[str, ...], tuple[str, str] | None] = {}
        self._exact: dict[tuple[str, ...], tuple[str, str] | None] = {}
        # Longest phrase starting with each word: most words start none, so most positions cost one lookup.
        self._folded_reach: dict[str, int] = {}
        self._exact_reach: dict[str, int] = {}

    def add(self, phrase: str, value: tuple[str, str] | None, *, exact: bool = False) -> None:
        table, reach = (self._exact, self._exact_reach) if exact else (self._folded, self._folded_reach)
        key = phrase_key(phrase, exact=exact)
        if not key:
            raise LexiconError(f"empty phrase for {value}")
        if table.get(key, value) != value:
            raise LexiconError(f"{phrase!r} means both {table[key]} and {value}")
        table[key] = value
        reach[key[0]] = max(reach.get(key[0], 0), len(key))

    def find(self, text: str) -> list[Mention]:
        words, spans = tokenize(text)
        folded = [w.lower() for w in words]
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            reach = max(self._exact_reach.get(words[i], 0), self._folded_reach.get(folded[i], 0))
            size, value = self._longest_at(words, folded, i, reach) if reach else (0, None)
            if value is not None:
                mentions.append(Mention(value[0], value[1], spans[i][0], spans[i + size - 1][1]))
            i += size or 1
        return mentions

    def lookup(self, phrase: str) -> tuple[str, str] | None:
        """The entry a whole phrase names, e.g. "k8s" -> ("Kubernetes", "hard")."""
        return self._exact.get(phrase_key(phrase, exact=True)) or self._folded.get(phrase_key(phrase))

    def _longest_at(
        self, words: list[str], folded: list[str], i: int, reach: int
    ) -> tuple[int, tuple[str, str] | None]:
        for size in range(min(reach, len(words) - i), 0, -1):
            if (key := tuple(words[i : i + size])) in self._exact:
                return size, self._exact[key]
            if (key := tuple(folded[i : i + size])) in self._folded:
                return size, self._folded[key]
        return 0, None


@dataclass(frozen=True)
class LexiconFile:
    """One JSON file: canonical -> aliases (grouped for readers), case-sensitive surface forms, and
    `ignore` phrases that contain a listed word without naming the skill ("excel at", "data-driven")."""

    terms: dict[str, list[str]]
    case_sensitive: frozenset[str]
    ignore: tuple[str, ...]


@cache
def read_file(name: str) -> LexiconFile:
    data = json.loads((LEXICON_DIR / f"{name}.json").read_text(encoding="utf-8"))
    terms: dict[str, list[str]] = {}
    for group in data["groups"].values():
        for canonical, aliases in group.items():
            if canonical in terms:
                raise LexiconError(f"{name}: {canonical!r} is listed twice")
            terms[canonical] = aliases
    return LexiconFile(terms, frozenset(data.get("case_sensitive", [])), tuple(data.get("ignore", [])))


def build(files: dict[str, str]) -> Lexicon:
    """One lexicon from several files; `files` maps file name to the kind its mentions carry."""
    lexicon = Lexicon()
    for name, kind in files.items():
        source = read_file(name)
        for phrase in source.ignore:
            lexicon.add(phrase, None)
        for canonical, aliases in source.terms.items():
            for surface in (canonical, *aliases):
                lexicon.add(surface, (canonical, kind), exact=surface in source.case_sensitive)
    return lexicon
