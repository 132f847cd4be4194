"""A polished version of the candidate's own answer.

It only ever removes words (fillers, hedges, repeats) and reorders the candidate's sentences (into STAR
for behavioral answers). Anything missing becomes a bracketed placeholder the candidate fills in; no
number, name or fact is ever added, because a coach that invents results teaches candidates to bluff.
"""

from __future__ import annotations

import re

from coach.analysis.elements import RESULT, elements_for
from coach.analysis.facts import AnswerFacts
from coach.analysis.lexicon import REFLECTION_MARKERS
from coach.analysis.text import Sentence, count_phrases, digit_numbers, number_mentions, words

MEASURABLE_RESULT = RESULT.placeholder
_STAR_ORDER = ("situation", "task", "action", "result")
_FILLERS = re.compile(r"\b(?:u+m+|u+h+|e+r+m*|a+h+|h+m+|m{2,})\b[,.]?\s*", re.I)
_VERBAL_TICS = re.compile(r",?\s*\b(?:you know|i mean)\b,?", re.I)
_LIKE = re.compile(r"(?:^|,)\s*like\s*,\s*", re.I)
_EMPHATIC = re.compile(r"\b(?:basically|literally|actually|honestly)\b,?\s*", re.I)
_SOFTENERS = re.compile(
    r"(?<!\bwhat )(?<!\bthis )(?<!\bthat )(?<!\bthe )(?<!\bany )(?<!\ba )\b(?:sort|kind) of\s+", re.I
)
_OPENING_HEDGES = re.compile(
    r"^(?:i think|i guess|i suppose|i believe|i feel like|to be honest|so|well|yeah|okay|ok|and|but)\b,?\s*",
    re.I,
)
_HEDGE_BEFORE_NUMBER = re.compile(r"\b(?:maybe|probably|perhaps|like)\s+(?=[$£€]?\d)", re.I)
_LOWERCASE_I = re.compile(r"\bi\b(?=\s|'|’)")
_HEDGE = re.compile(r"\b(?:maybe|probably|perhaps)\b,?\s*", re.I)


def polish_sentence(text: str) -> str:
    out = _FILLERS.sub("", text)
    out = _VERBAL_TICS.sub("", out)
    out = _LIKE.sub(" ", out)
    out = _EMPHATIC.sub("", out)
    out = _SOFTENERS.sub("", out)
    out = _HEDGE_BEFORE_NUMBER.sub("about ", out)
    out = _HEDGE.sub("", out)
    out = _LOWERCASE_I.sub("I", out)  # speech-to-text often writes "i"
    previous = None
    while previous != out:
        previous, out = out, _OPENING_HEDGES.sub("", out.strip(" ,"))
    out = re.sub(r"\s+([,.!?;:])", r"\1", re.sub(r"\s{2,}", " ", out)).strip(" ,;")
    out = re.sub(r",{2,}", ",", out)
    if not out:
        return ""
    out = out[0].upper() + out[1:]
    return out if out[-1] in ".!?" else out + "."


def rewrite(f: AnswerFacts) -> str:
    kept = _kept_sentences(f.sentences)
    if not kept:
        return ""
    if f.kind == "behavioral":
        return " ".join(_star_order(f, kept))
    return " ".join([*_opening_placeholder(f), *(text for _, text in kept), *_closing_placeholders(f)])


def _kept_sentences(sentences: list[Sentence]) -> list[tuple[Sentence, str]]:
    """Polished sentences minus exact repeats and leftovers too small to say anything."""
    kept: list[tuple[Sentence, str]] = []
    seen: set[str] = set()
    for s in sentences:
        text = polish_sentence(s.text)
        key = text.lower().strip(".!? ")
        if not key or key in seen or (len(words(text)) <= 2 and not digit_numbers(text)):
            continue
        seen.add(key)
        kept.append((s, text))
    return kept


def _star_part(f: AnswerFacts, s: Sentence, previous: str) -> str:
    if _is(f, "result", s) and (number_mentions(s.text) or not _is(f, "action", s)):
        return "result"
    for part in ("action", "task", "situation"):
        if _is(f, part, s):
            return part
    if count_phrases(s.lower, REFLECTION_MARKERS):
        return "reflection"
    return previous  # a sentence with no marker belongs with the one before it


def _is(f: AnswerFacts, part: str, s: Sentence) -> bool:
    return s in f.elements.get(part, [])


def _star_order(f: AnswerFacts, kept: list[tuple[Sentence, str]]) -> list[str]:
    """Situation, task, action, result, then any lesson learned; missing parts become placeholders."""
    groups: dict[str, list[str]] = {part: [] for part in (*_STAR_ORDER, "reflection")}
    part = "situation"
    for s, text in kept:
        part = _star_part(f, s, part)
        groups[part].append(text)
    out: list[str] = []
    for element in elements_for("behavioral"):
        if element.name in ("situation", "action") and not f.has(element.name):
            out.append(element.placeholder)
        out.extend(groups[element.name])
    if not any(number_mentions(t) for t in groups["result"]):
        out.append(MEASURABLE_RESULT)
    return out + groups["reflection"]


def _opening_placeholder(f: AnswerFacts) -> list[str]:
    first = elements_for(f.kind)[0]
    return [] if f.has(first.name) else [first.placeholder]


def _closing_placeholders(f: AnswerFacts) -> list[str]:
    rest = elements_for(f.kind)[1:]
    missing = sorted((e for e in rest if not f.has(e.name)), key=lambda e: -e.weight)
    return [e.placeholder for e in missing[:2]]
