"""Job URL normalisation, so the same posting saved twice is recognised as one job."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track the click rather than identify the posting.
_TRACKING = {"trk", "trackingid", "refid", "ref", "src", "from", "gclid", "fbclid", "lipi", "currentjobid"}


def normalize_job_url(url: str) -> str:
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=False)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING
    ]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), ""))
