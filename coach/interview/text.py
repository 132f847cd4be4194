"""Small text tools shared by the planner, answer signals and the interviewer's phrasing."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
_WORD = re.compile(r"[a-z0-9][a-z0-9+#'./-]*[a-z0-9+#]|[a-z0-9]")
_STOPWORD_TEXT = """
a an the and or but if then so of to in on at for with from by as is are was were be been being it its
this that these those i me my we our us you your he she they them their what which who whom how why when
where there here do does did done have has had can could would should will shall may might must not no yes
about into over under up down out just very really also than too more most some any all each other such
tell walk through time like get got make made one two let let's im i'm it's that's don't didn't
well okay ok um uh erm hmm yeah
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    # A crude prefix stem is enough to match "debugging" with "debugged" without a stemmer dependency.
    return word[:5]


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2}


def stable_pick(options: Sequence[T], *keys: object) -> T:
    """Choose deterministically, so the same session is phrased the same way on every run."""
    if not options:
        raise ValueError("nothing to choose from")
    seed = zlib.crc32("|".join(str(k) for k in keys).encode("utf-8"))
    return options[seed % len(options)]


def short_id(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:10]


def lower_first(text: str) -> str:
    text = text.strip().rstrip(".;:")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def mentions(text: str, phrase: str) -> bool:
    """Whole-word, case-insensitive containment ("Go" must not match "good")."""
    if not phrase.strip():
        return False
    pattern = r"(?<![a-z0-9])" + re.escape(phrase.lower().strip()) + r"(?![a-z0-9])"
    return re.search(pattern, text.lower()) is not None
