"""Prompt text lives next to this module as plain files so it can be reviewed and tuned without code changes.

A name is a path relative to this folder without the ``.txt`` suffix ("interviewer_system",
"interviewer/phrases.yaml" for non-text files given with their suffix). Placeholders are written
``{{ name }}`` so that JSON examples with single braces inside a prompt need no escaping.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


class PromptError(LookupError):
    """A prompt name that does not exist, or a render missing one of its placeholders."""


def available_prompts() -> list[str]:
    names = []
    for path in sorted(PROMPTS_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".yaml", ".yml"}:
            rel = path.relative_to(PROMPTS_DIR).as_posix()
            names.append(rel[: -len(".txt")] if rel.endswith(".txt") else rel)
    return names


def _resolve(name: str) -> Path:
    # Refuse anything that could climb out of the prompts folder.
    if not name or ".." in Path(name).parts or Path(name).is_absolute():
        raise PromptError(f"invalid prompt name {name!r}")
    for candidate in (PROMPTS_DIR / f"{name}.txt", PROMPTS_DIR / name):
        if candidate.is_file():
            return candidate
    known = ", ".join(available_prompts()) or "none"
    raise PromptError(f"unknown prompt {name!r}; known prompts: {known}")


@lru_cache(maxsize=128)
def load_prompt(name: str) -> str:
    """Return the raw text of a prompt file, e.g. ``load_prompt("interviewer_system")``."""
    return _resolve(name).read_text(encoding="utf-8")


def placeholders(name: str) -> set[str]:
    return set(_PLACEHOLDER.findall(load_prompt(name)))


def render_prompt(name: str, /, **variables: object) -> str:
    """Fill every ``{{ var }}`` placeholder; a placeholder without a value is an error, extras are ignored."""
    text = load_prompt(name)
    missing = sorted(set(_PLACEHOLDER.findall(text)) - variables.keys())
    if missing:
        raise PromptError(f"prompt {name!r} needs values for: {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda m: str(variables[m.group(1)]), text)


def fill(template: str, /, **variables: object) -> str:
    """Render an inline template string with the same placeholder rules as prompt files."""
    missing = sorted(set(_PLACEHOLDER.findall(template)) - variables.keys())
    if missing:
        raise PromptError(f"template needs values for: {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda m: str(variables[m.group(1)]), template)
