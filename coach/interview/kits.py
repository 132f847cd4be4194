"""Role kits: the competencies an interviewer listens for in one kind of job, loaded from data files."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

DATA_DIR = Path(__file__).resolve().parent / "data"
GENERIC_KIT = "generic"


class Competency(BaseModel):
    name: str
    description: str
    weight: float
    rubric: list[str] = Field(default_factory=list, description="What a strong answer shows")
    keywords: list[str] = Field(default_factory=list)


class RoleKit(BaseModel):
    id: str
    name: str
    role_families: list[str]
    competencies: list[Competency]

    def competency(self, name: str) -> Competency | None:
        return next((c for c in self.competencies if c.name == name), None)

    def weight_of(self, name: str, default: float = 0.1) -> float:
        found = self.competency(name)
        return found.weight if found else default


@lru_cache(maxsize=1)
def load_role_kits() -> dict[str, RoleKit]:
    raw = yaml.safe_load((DATA_DIR / "role_kits.yaml").read_text(encoding="utf-8"))
    return {kit_id: RoleKit(id=kit_id, **body) for kit_id, body in raw.items()}


def role_kit_for(role_family: str | None) -> RoleKit:
    """The kit for a kit id ("backend") or a JD role family ("devops"); the generic kit otherwise."""
    kits = load_role_kits()
    key = (role_family or "").strip().lower().replace("-", "_").replace(" ", "_")
    if key in kits:
        return kits[key]
    for kit in kits.values():
        if key in kit.role_families:
            return kit
    return kits[GENERIC_KIT]
