"""Feature switches read from settings (FEATURE_VOICE, FEATURE_MARKET, ...); every feature defaults to on."""

from __future__ import annotations

from coach.settings import Settings

FEATURES = {
    "voice": "FEATURE_VOICE",
    "analysis": "FEATURE_ANALYSIS",
    "drills": "FEATURE_DRILLS",
    "market": "FEATURE_MARKET",
    "coaches": "FEATURE_COACHES",
}


def feature_setting(name: str) -> str:
    try:
        return FEATURES[name]
    except KeyError:
        raise ValueError(f"unknown feature {name!r}; known features: {', '.join(sorted(FEATURES))}") from None


def feature_enabled(settings: Settings, name: str) -> bool:
    return bool(getattr(settings, feature_setting(name)))


def switched_off_message(name: str) -> str:
    return f"The {name} feature is switched off."
