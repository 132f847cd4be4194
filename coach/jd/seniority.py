"""The job title and its seniority level."""

from __future__ import annotations

import re

from coach.jd.schema import Seniority

_ROLE_NOUNS = re.compile(
    r"\b(?:engineer|developer|programmer|scientist|manager|nurse|executive|designer|analyst|specialist|"
    r"representative|rep|associate|director|lead|consultant|architect|accountant|coordinator|administrator|"
    r"officer|intern|technician|assistant|researcher|strategist|writer|editor|recruiter|advisor|adviser|planner|"
    r"controller|bookkeeper|agent|owner|head|vp|president|marketer|therapist|practitioner|physician|pharmacist|"
    r"sdr|bdr|sre|devops|auditor|clerk|supervisor|partner|technologist|copywriter|hygienist|paramedic|"
    r"caregiver|aide|cna|rn|lpn|buyer|actuary|underwriter|teacher|tutor|professor|lecturer|postdoc|"
    r"ph\.?d\.? (?:student|position)|fellow|trainee|apprentice)s?\b",
    re.IGNORECASE,
)
_TITLE_LABEL = re.compile(
    r"^\W*(?:job title|title|position|role|job|opening|vacancy)\s*[:\-–]\s*(.+)$", re.IGNORECASE
)
_HIRING = re.compile(
    r"\b(?:hiring|looking for|seeking|searching for|recruiting)\s+(?:an?\s+|our\s+(?:next|first)\s+)?"
    r"(?:(?:experienced|talented|motivated|passionate|skilled|driven|dedicated|compassionate)\s+)*"
    r"((?:[A-Z][\w/&+.-]*|of|and|&)(?:\s+(?:[A-Z(][\w/&+.()-]*|of|and|&)){0,5})"
)
_TITLE_NOISE = re.compile(
    r"\s*(?:\((?:[mfwdx]\s*/\s*)+[mfwdx]\)|\((?:remote|hybrid|on-?site)[^)]*\)|[-–|]\s*(?:remote|hybrid|on-?site)\b.*$"
    r"|\s\|\s.*$|\s(?:at|@)\s+[A-Z].*$)",
    re.IGNORECASE,
)
# "Product Manager" or "Account Manager" name an individual contributor, not a people manager.
_MANAGER_IC = (
    "product|account|project|program|programme|case|success|community|territory|partner|partnerships|"
    "content|social|media|brand|office|property|campaign|channel|category|relationship|release|portfolio"
)
_IC_MANAGER = re.compile(rf"\b(?:{_MANAGER_IC})\s+manager\b", re.IGNORECASE)
# Checked in this order: "Senior Engineering Manager" is a manager, "Senior Staff Engineer" is staff.
_LEVELS: list[tuple[Seniority, re.Pattern[str]]] = [
    ("intern", re.compile(r"\b(?:intern|internship|co-op|trainee|apprentice|werkstudent)\b", re.I)),
    ("executive", re.compile(r"\b(?:vp|svp|evp|vice president|chief|cto|ceo|cfo|coo|cmo|cpo|ciso)\b", re.I)),
    ("director", re.compile(r"\b(?:director|head of)\b", re.I)),
    ("manager", re.compile(r"\bmanager\b|\bmanagement position\b", re.I)),
    ("principal", re.compile(r"\bprincipal\b", re.I)),
    (
        "staff",
        re.compile(r"\bstaff\b(?!\s+(?:nurse|accountant|pharmacist|physician|writer|member|rn))", re.I),
    ),
    ("lead", re.compile(r"\b(?:lead|team lead|tech lead|charge nurse)\b(?!\s+gen)", re.I)),
    ("senior", re.compile(r"\b(?i:senior|sr|snr)\b\.?|\b(?:III|IV)\b")),
    ("mid", re.compile(r"\b(?:mid[- ]level|mid[- ]senior|intermediate)\b|\bII\b", re.I)),
    ("junior", re.compile(r"\b(?:junior|jr|entry[- ]level|graduate|new grad|associate)\b", re.I)),
]
_LEVEL_LINE = re.compile(r"\b(?:experience level|seniority|level|career level)\s*:\s*(.+)", re.IGNORECASE)


def detect_title(text: str, given: str | None = None) -> str | None:
    if given and given.strip():
        return given.strip()
    lines = [line.strip(" \t*#_") for line in text.splitlines() if line.strip()][:15]
    for line in lines:
        label = _TITLE_LABEL.match(line)
        if label and _ROLE_NOUNS.search(label.group(1)):
            return _clean_title(label.group(1))
    if lines and _looks_like_title(lines[0]):
        return _clean_title(lines[0])
    hiring = _HIRING.search(text[:2000])
    if hiring and _ROLE_NOUNS.search(hiring.group(1)):
        return _clean_title(hiring.group(1))
    return None


def detect_seniority(title: str | None, text: str, years: int | None) -> Seniority | None:
    """From the title first, then a stated level, then the years the posting asks for."""
    for source in (title or "", *(m.group(1) for m in _LEVEL_LINE.finditer(text[:3000]))):
        level = level_in(source)
        if level:
            return level
    if years is None:
        return None
    return "senior" if years >= 5 else "mid" if years >= 2 else "junior"


def level_in(title: str) -> Seniority | None:
    for level, pattern in _LEVELS:
        hits = len(pattern.findall(title))
        if level == "manager":
            hits -= len(_IC_MANAGER.findall(title))
        if hits > 0:
            return level
    return None


def names_a_role(text: str) -> bool:
    """True when `text` contains a job noun ("engineer", "nurse", "account executive", ...)."""
    return bool(_ROLE_NOUNS.search(text))


def _looks_like_title(line: str) -> bool:
    return len(line.split()) <= 12 and not line.endswith((".", "!", "?")) and names_a_role(line)


def _clean_title(title: str) -> str:
    cleaned = _TITLE_NOISE.sub("", title).strip(" -–|,:") or title.strip()
    return cleaned.title() if cleaned.isupper() else cleaned
