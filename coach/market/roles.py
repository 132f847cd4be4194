"""Role and location keys that let differently worded postings land in the same market group."""

from __future__ import annotations

import re

REMOTE = "Remote"
UNSPECIFIED = "Unspecified"

# Level words say how senior the hire is, not what the job is, so they are dropped from the role key.
_LEVEL_WORDS = {
    "senior",
    "sr",
    "snr",
    "junior",
    "jr",
    "lead",
    "staff",
    "principal",
    "mid",
    "midlevel",
    "entry",
    "entrylevel",
    "experienced",
    "graduate",
    "intern",
    "trainee",
}
_LEVEL_SUFFIX = re.compile(r"^(?:i{1,3}|iv|v|[1-5]|l[1-9]|level)$")
_NOISE = re.compile(
    r"\((?:[^)]*)\)|\[[^\]]*\]"  # "(m/f/d)", "(Remote)", "[Contract]"
    r"|\s(?:-|–|—|\||/|@|at)\s.*$"  # "Backend Engineer - Payments", "... at Acme"
    r"|,.*$",
    re.IGNORECASE,
)
_SPELLINGS = [
    (re.compile(r"\bback[\s-]end\b"), "backend"),
    (re.compile(r"\bfront[\s-]end\b"), "frontend"),
    (re.compile(r"\bfull[\s-]?stack\b"), "fullstack"),
    (re.compile(r"\bmid[\s-]level\b"), "midlevel"),
    (re.compile(r"\bentry[\s-]level\b"), "entrylevel"),
    (re.compile(r"\bswe\b"), "software engineer"),
    (re.compile(r"\bsde\b"), "software engineer"),
    (re.compile(r"\bsre\b"), "site reliability engineer"),
    (re.compile(r"\bml\b"), "machine learning"),
    (re.compile(r"\bengr\b|\beng\b"), "engineer"),
    (re.compile(r"\bdev\b"), "developer"),
]
_CITY_ALIASES = {
    "nyc": "New York",
    "new york city": "New York",
    "sf": "San Francisco",
    "bangalore": "Bengaluru",
    "bombay": "Mumbai",
}
_REMOTE_WORDS = re.compile(r"\b(?:remote|anywhere|work from home|wfh|distributed)\b", re.IGNORECASE)
_WORK_MODE = re.compile(r"\((?:[^)]*)\)|\b(?:hybrid|on-?site|in office)\b", re.IGNORECASE)


def normalise_role(title: str | None) -> str | None:
    """ "Sr. Backend Engineer II" -> "backend engineer"; None when nothing role-like is left."""
    if not title:
        return None
    text = _NOISE.sub("", title.lower()).replace(".", " ")
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    words = re.findall(r"[a-z0-9+#]+", text)
    while words and words[0] in _LEVEL_WORDS:
        words.pop(0)
    while len(words) > 1 and (_LEVEL_SUFFIX.match(words[-1]) or words[-1] in _LEVEL_WORDS - {"lead"}):
        words.pop()
    return " ".join(words)[:120] or None


def normalise_location(location: str | None, work_mode: str | None = None) -> str:
    """A city-level key: remote postings share one "Remote" group; "Berlin, Germany (Hybrid)" -> "Berlin"."""
    if work_mode == "remote" or (location and _REMOTE_WORDS.search(location)):
        return REMOTE
    if not location:
        return UNSPECIFIED
    city = _WORK_MODE.sub(" ", location).split(",")[0]
    city = re.sub(r"^[\s\-–|/]+|[\s\-–|/]+$", "", re.sub(r"\s+", " ", city))
    if not city:
        return UNSPECIFIED
    return _CITY_ALIASES.get(city.lower(), city if not city.islower() else city.title())[:120]
