"""Remote, hybrid or on-site, as the posting states it."""

from __future__ import annotations

import re

from coach.jd.schema import WorkMode

_HYBRID = re.compile(
    r"\bhybrid\b(?![- ](?:cloud|apps?|mobile|infrastructure|environments?|architecture|models?))"
    r"|\b\d\s*(?:days?|x)\s*(?:a|per)\s*week\s*(?:in|at)\s*(?:the|our)?\s*office"
    r"|\b(?:some|occasional|flexible)\s+remote\s+days?\b|\bpartly remote\b|\bpartially remote\b",
    re.IGNORECASE,
)
_NOT_REMOTE = re.compile(
    r"\b(?:not|no|non)[- ](?:a\s+|fully\s+)?remote\b"
    r"|\bremote (?:work )?is not (?:available|possible|an option)",
    re.IGNORECASE,
)
_REMOTE = re.compile(
    r"\bremote\b(?![- ](?:patient|monitoring|sensing|access|desktop|support|control|servers?|teams?\b|"
    r"management|hands))|\bwork(?:ing)? from (?:home|anywhere)\b|\bwfh\b|\btelecommut\w*",
    re.IGNORECASE,
)
_ONSITE = re.compile(
    r"\bon[- ]?site\b(?![- ](?:gym|cafe|café|childcare|parking|cafeteria|clinic|perks?))|\bin[- ]office\b"
    r"|\bin[- ]person\b|\boffice[- ]based\b|\bwork from (?:our|the) office\b|\bhospital[- ]based\b",
    re.IGNORECASE,
)


def detect_work_mode(text: str) -> WorkMode | None:
    if _HYBRID.search(text):
        return "hybrid"
    if _NOT_REMOTE.search(text):
        return "onsite"
    remote, onsite = _REMOTE.search(text), _ONSITE.search(text)
    if remote and onsite:
        return "remote" if remote.start() < onsite.start() else "onsite"
    if remote:
        return "remote"
    return "onsite" if onsite else None
