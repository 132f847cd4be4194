"""Topic overlap between an answer and what was asked, tolerant of synonyms via concept clusters."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from coach.analysis.lexicon import CONCEPT_CLUSTERS, WORK_WORDS
from coach.analysis.text import content_words, stem, stems

# Question scaffolding says nothing about the topic ("tell me about a time you ...").
_SCAFFOLD = frozenset(
    stem(w)
    for w in """tell describe walk talk time example give explain share question would could how what why when
        where which situation experience approach think answer handle handled through""".split()  # noqa: SIM905
)


# Words that carry attitude rather than subject, skipped when naming what an answer was about.
_NON_TOPICAL = frozenset(
    """really love like liked going enjoy enjoyed think thought thing things get got went pretty very much
    lot lots good great nice fun always usually favourite favorite honestly actually basically maybe
    also just well sure know want wanted make made kind sort stuff something anything everything extra
    big small new old different other same whole""".split()  # noqa: SIM905
)


@lru_cache(maxsize=1)
def _stem_clusters() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {}
    for i, group in enumerate(CONCEPT_CLUSTERS):
        for word in group:
            index.setdefault(stem(word), set()).add(i)
    return {k: frozenset(v) for k, v in index.items()}


def topic_stems(text: str) -> set[str]:
    return {s for s in stems(text) if s not in _SCAFFOLD and len(s) > 2}


def concepts(stem_set: set[str]) -> set[int]:
    clusters = _stem_clusters()
    return {c for s in stem_set for c in clusters.get(s, ())}


def covers(answer_stems: set[str], answer_concepts: set[int], target: str) -> bool:
    """True when the answer mentions the target's words or a synonym of one of them."""
    wanted = topic_stems(target)
    return bool(wanted & answer_stems) or bool(concepts(wanted) & answer_concepts)


def coverage(answer_stems: set[str], target: str) -> float:
    """Share of the target's topic words the answer touches, directly or through a synonym."""
    wanted = topic_stems(target)
    if not wanted:
        return 0.0
    answer_concepts = concepts(answer_stems)
    clusters = _stem_clusters()
    hit = sum(1 for s in wanted if s in answer_stems or clusters.get(s, frozenset()) & answer_concepts)
    return hit / len(wanted)


def work_share(answer: str) -> float:
    content = content_words(answer)
    if not content:
        return 0.0
    work = {stem(w) for w in WORK_WORDS}
    return sum(1 for w in content if stem(w) in work) / len(content)


def main_topics(text: str, limit: int = 3) -> list[str]:
    """The answer's most frequent content words, in first-seen order, to say what it talked about."""
    counts = Counter(
        w for w in content_words(text) if len(w) > 2 and w not in _NON_TOPICAL and not w.endswith("ly")
    )
    ranked = sorted(counts, key=lambda w: -counts[w])[:limit]
    order = content_words(text)
    return sorted(ranked, key=order.index)
