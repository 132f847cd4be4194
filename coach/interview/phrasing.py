"""The interviewer's spoken lines, picked from prompt templates by persona tone, deterministically."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from coach.interview.schema import Persona
from coach.interview.text import stable_pick
from prompts import fill, load_prompt

# Said only after a solid answer; tests and the LLM path use this list to keep weak answers free of praise.
PRAISE_WORDS = (
    "great",
    "excellent",
    "good",
    "nice",
    "wonderful",
    "fantastic",
    "love",
    "perfect",
    "impressive",
    "awesome",
    "brilliant",
    "amazing",
    "helpful",
    "clear",
    "solid",
    "appreciate",
    "well done",
)


@lru_cache(maxsize=1)
def phrase_table() -> dict[str, dict[str, list[str]]]:
    return yaml.safe_load(load_prompt("interviewer/phrases.yaml"))


class Phrasebook:
    """Chooses a variant per slot and tone, avoiding lines already said in this session."""

    def __init__(self, persona: Persona) -> None:
        self.persona = persona
        self._said: set[str] = set()

    def say(self, slot: str, *keys: object, **variables: object) -> str:
        variants = phrase_table()[slot][self.persona.tone]
        start = variants.index(stable_pick(variants, slot, *keys))
        ordered = variants[start:] + variants[:start]
        rendered = [fill(v, name=self.persona.name, **variables) for v in ordered]
        line = next((r for r in rendered if r not in self._said), rendered[0])
        self._said.add(line)
        return line


_PRAISE = re.compile(r"\b(" + "|".join(re.escape(w) for w in PRAISE_WORDS) + r")\b", re.IGNORECASE)


def contains_praise(text: str) -> bool:
    return _PRAISE.search(text) is not None
