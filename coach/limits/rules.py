"""The limits a user can run into: what is counted, over which window, and which setting caps it."""

from __future__ import annotations

from dataclasses import dataclass

from coach.settings import Settings

HOUR = 3600
DAY = 86400


@dataclass(frozen=True)
class Rule:
    name: str
    setting: str
    window_s: int
    noun: str
    period: str

    def allowed(self, settings: Settings) -> int:
        """The cap for this window; 0 means the limit is switched off."""
        return int(getattr(settings, self.setting))

    def message(self, allowed: int) -> str:
        return f"Rate limit exceeded: {allowed} {self.noun} per {self.period}."


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("sessions_per_day", "LIMIT_SESSIONS_PER_DAY", DAY, "interview sessions", "day"),
        Rule("analyses_per_hour", "LIMIT_ANALYSES_PER_HOUR", HOUR, "analyses", "hour"),
        Rule("drill_generations_per_day", "LIMIT_DRILL_GENERATIONS_PER_DAY", DAY, "drill generations", "day"),
    )
}


def rule_named(name: str) -> Rule:
    try:
        return RULES[name]
    except KeyError:
        raise ValueError(f"unknown limit {name!r}; known limits: {', '.join(sorted(RULES))}") from None
