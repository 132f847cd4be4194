"""What a well-structured answer contains, per question kind, and how each part is recognised.

Behavioral answers are judged on STAR; technical answers on a direct answer backed by an example,
a trade-off and a conclusion; cases on clarifying, structuring, quantifying and recommending; coding
answers on approach, correctness, complexity, edge cases and testing or debugging method.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analysis.lexicon import RESULT_VERBS, TRADEOFF_MARKERS
from coach.analysis.text import Sentence


@dataclass(frozen=True)
class Element:
    name: str
    label: str
    weight: float
    patterns: tuple[re.Pattern[str], ...]
    placeholder: str  # what the rewrite asks the candidate to add when the part is missing
    advice: str


def _rx(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _words_rx(phrases: tuple[str, ...]) -> str:
    return r"(?<![a-z])(" + "|".join(re.escape(p.strip()) for p in phrases) + r")(?![a-z])"


_PAST_ACTION = (
    r"(?!(?:needed|wanted|liked|loved|hoped|believed|seemed|learned|realised|realized|noticed|used to)\b)"
    r"\w+ed|built|wrote|led|ran|set|made|took|got|found|chose|began|drove|"
    r"brought|spoke|met|gave|put|kept|did|held|sent|went|broke|rewrote|sat|paired|split|dug|taught|sold|"
    r"won|grew|cut|called|asked|pushed|moved|booked|rolled|stepped|reached|flagged|escalated|rebuilt|shut|"
    r"spent|stood|drew|threw|fought|bought|caught|sought|understood|hit|let|took over|set up"
)

SITUATION = Element(
    "situation",
    "the situation",
    0.2,
    _rx(
        r"\b(at|in|on) my (last|previous|current|first|old|former) (job|role|company|team|position|employer"
        r"|internship|startup|project|ward|unit)\b",
        r"\bwhen i (was|worked|joined|started|led|moved)\b",
        r"\b(last|this|that|one) (year|quarter|month|summer|spring|fall|autumn|winter|week|sprint)\b",
        r"\bin (19|20)\d\d\b",
        r"\b(a|two|three|few|couple of) (days|months|years|weeks) ago\b",
        r"\b(our|the) (\w+ )?(team|company|product|service|system|clinic|unit|ward|app|platform|project"
        r"|client|customer|department|store|startup|database|api) "
        r"(was|had|were|needed|faced|ran|used|kept)\b",
        r"\bwe (had|were|faced|noticed|saw|ran|used|needed|got)\b",
        r"\bthe (situation|context|background|problem|issue) was\b",
        r"\bthere (was|were) (a|an|two|three)\b",
        r"\bi was (working|leading|the|a|an|on)\b",
    ),
    "[add one sentence of context: where you were, the team, and what was at stake]",
    "Open with one sentence of context: where, when, and what was at stake.",
)
TASK = Element(
    "task",
    "your task",
    0.15,
    _rx(
        r"\bmy (\w+ )?(role|job|task|goal|responsibility|objective|mandate|assignment|part) (was|is)\b",
        r"\bi was (responsible|asked|tasked|in charge|accountable|assigned|the one)\b",
        r"\bi (needed|had|wanted) to\b",
        r"\b(the|our) (goal|task|challenge|target|objective|aim) was\b",
        r"\bwe (needed|had) to\b",
        r"\bi owned\b",
        r"\bit was (up to me|my job)\b",
    ),
    "[add what you personally were responsible for]",
    "Say what you personally owned before describing what you did.",
)
ACTION = Element(
    "action",
    "your actions",
    0.35,
    _rx(
        rf"\bi (first |then |also |personally |quickly |immediately )?({_PAST_ACTION})\b",
        rf"\b(first|then|next|so|after that),? i ({_PAST_ACTION})\b",
    ),
    "[add the concrete steps you took, in your own words: I ...]",
    "Describe two or three concrete steps you took yourself, using 'I', not 'we'.",
)
RESULT = Element(
    "result",
    "the result",
    0.3,
    _rx(
        r"\bas a result\b",
        r"\bresulted\b",
        r"\bthe results? (was|were|is)\b",
        r"\boutcome\b",
        r"\bin the end\b",
        r"\bended up\b",
        r"\bwhich (led|meant|cut|reduced|saved|increased|improved|brought|helped)\b",
        _words_rx(RESULT_VERBS),
        r"\bby \d",
        r"\d+ ?(%|percent)",
        r"\bfrom \S+ to \S+",
        r"\b(finally|eventually)\b",
    ),
    "[add the measurable result]",
    "Finish with the result and put a number on it (time saved, % change, people affected).",
)

HYPOTHETICAL_ACTION = Element(
    "action",
    "what you would do",
    0.4,
    _rx(r"\bi('d| would) (first |then |also )?\w+", r"\b(first|then|next|after that),? i('d| would)?\b"),
    "[add the concrete steps you would take, in order]",
    "Lay out the steps you would take, in order, and who you would involve.",
)
CLARIFY = Element(
    "clarify",
    "clarifying the problem",
    0.2,
    _rx(
        r"\bclarify",
        r"\bi('d| would) (first )?(ask|want to know|find out|check|understand|confirm)",
        r"\bassum(e|ing|ption)",
        r"\b(understand|figure out) (the|what|why|who)\b",
    ),
    "[add the question you would ask first or the assumption you are making]",
    "Start by clarifying the goal or stating your assumptions out loud.",
)
OUTCOME = Element(
    "result",
    "the intended outcome",
    0.25,
    _rx(
        r"\bso that\b", r"\bthe (goal|outcome|aim) (would be|is)\b", r"\bsuccess (would|looks)\b", r"\bresult"
    ),
    "[add what a good outcome would look like and how you would know]",
    "Close with what success would look like and how you would measure it.",
)

DIRECT = Element(
    "direct_answer",
    "a direct answer",
    0.3,
    (),
    "[add a one-sentence direct answer first]",
    "Lead with a one-sentence direct answer, then support it.",
)
EXAMPLE = Element(
    "example",
    "a concrete example",
    0.25,
    _rx(
        r"\bfor (example|instance)\b",
        r"\bin my (last|previous|current) (job|role|team|company)\b",
        r"\b(we|i) (used|built|ran|had|migrated|moved|added|set up|deployed)\b",
        r"\bwhen i\b",
        r"\bsay we\b",
        r"\be\.g\.",
    ),
    "[add a concrete example from your own work]",
    "Back the idea with one concrete example from your own work.",
)
TRADEOFF = Element(
    "tradeoff",
    "a trade-off",
    0.25,
    _rx(_words_rx(TRADEOFF_MARKERS)),
    "[add the trade-off: what this approach costs and when you would choose differently]",
    "Name the trade-off: what your approach costs and when you would pick the alternative.",
)
CONCLUSION = Element(
    "conclusion",
    "a conclusion",
    0.2,
    _rx(
        r"\b(so )?overall\b",
        r"\bin (summary|short)\b",
        r"\bto sum( it)? up\b",
        r"\bthat'?s why\b",
        r"\bi('d| would) (choose|pick|go with|use|start with|recommend)\b",
        r"\bbottom line\b",
        r"\bso i('d| would)\b",
    ),
    "[add a one-line conclusion: what you would choose and why]",
    "Close with a one-line conclusion: what you would choose and why.",
)

FRAMEWORK = Element(
    "framework",
    "a structure for the problem",
    0.3,
    _rx(
        r"\bbreak (it|this|the problem) (down|into)\b",
        r"\bframework\b",
        r"\b(two|three|four) (areas|buckets|parts|factors|drivers|segments|options|steps|questions)\b",
        r"\b(first|second|third|firstly|secondly)\b",
        r"\bon (the )?one (side|hand)\b",
        r"\bsegment",
    ),
    "[add how you would break the problem into two or three parts]",
    "Break the problem into two or three named parts before diving in.",
)
QUANTIFY = Element(
    "quantify",
    "numbers and estimates",
    0.25,
    _rx(r"\d", r"\b(estimate|roughly|about|around|approximately|per (year|month|day|user|customer))\b"),
    "[add a rough estimate with the numbers you would use]",
    "Put rough numbers on it: size the market, the cost or the impact out loud.",
)
RECOMMEND = Element(
    "recommendation",
    "a recommendation",
    0.25,
    _rx(
        r"\brecommend",
        r"\bi('d| would) (go with|suggest|advise|prioriti[sz]e|launch|pick|choose)\b",
        r"\bmy (answer|suggestion|call) (is|would be)\b",
        r"\bnext steps?\b",
        r"\bso i('d| would)\b",
    ),
    "[add your recommendation and the next step]",
    "End with a clear recommendation and the next step.",
)

APPROACH = Element(
    "approach",
    "the approach",
    0.25,
    _rx(
        r"\bapproach\b",
        r"\bi('d| would)? ?(use|iterate|loop|sort|scan|walk|keep|store|build|track)\b",
        r"\b(first|then),? i('d| would)\b",
        r"\b(hash ?map|dictionary|set|heap|stack|queue|two pointers?|sliding window|binary search|recursion"
        r"|dynamic programming|brute force|bfs|dfs|graph|tree)\b",
    ),
    "[add the approach in one sentence: the data structure and the idea]",
    "State the approach in one sentence first: the data structure and the core idea.",
)
CORRECTNESS = Element(
    "correctness",
    "why it is correct",
    0.2,
    _rx(
        r"\bworks because\b",
        r"\binvariant\b",
        r"\bcorrect",
        r"\bguarantee",
        r"\bproof\b",
        r"\bevery (element|item)",
        r"\beach (element|item|step)\b",
        r"\bthat way\b",
    ),
    "[add why the solution is correct: the invariant it keeps]",
    "Explain why it is correct: the invariant or the reason every case is handled.",
)
COMPLEXITY = Element(
    "complexity",
    "time and space complexity",
    0.2,
    _rx(
        r"\bo\(",
        r"\bbig[- ]o\b",
        r"\b(linear|logarithmic|quadratic|constant) (time|space)\b",
        r"\b(time|space) complexity\b",
        r"\bn log n\b",
    ),
    "[add the time and space complexity]",
    "Give the time and space complexity and where it comes from.",
)
EDGE_CASES = Element(
    "edge_cases",
    "edge cases",
    0.2,
    _rx(
        r"\bedge cases?\b",
        r"\bcorner cases?\b",
        r"\b(empty|null|none|nil|zero|negative|duplicates?|overflow"
        r"|single element|boundary|off[- ]by[- ]one)\b",
    ),
    "[add the edge cases you would handle: empty input, duplicates, limits]",
    "Name the edge cases (empty input, duplicates, very large input) and how you handle them.",
)
TESTING = Element(
    "testing",
    "testing or debugging method",
    0.15,
    _rx(
        r"\btest",
        r"\breproduc",
        r"\b(print|log|logs|logging)\b",
        r"\bdebugger\b",
        r"\bbreakpoint",
        r"\bassert",
        r"\bbisect",
        r"\bstep through\b",
        r"\bfailing (case|input)\b",
    ),
    "[add how you would test it or debug a failure]",
    "Say how you would test it, or how you would find the bug: reproduce, isolate, verify.",
)

CONNECTION = Element(
    "connection",
    "why this role",
    0.35,
    _rx(
        r"\b(your|this) (company|team|role|product|mission|position)\b",
        r"\bbecause (you|your)\b",
        r"\b(excited|interested|drawn|attracted)\b",
    ),
    "[add what specifically draws you to this role or company]",
    "Tie your reason to something specific about this role or company.",
)
EVIDENCE = Element(
    "evidence",
    "evidence from your past",
    0.35,
    _rx(
        r"\bin my (last|previous|current)\b",
        r"\bi('ve| have) (\w+ )?(built|led|worked|spent|been)\b",
        r"\bwhen i\b",
    ),
    "[add one example from your past that shows this motivation]",
    "Prove the motivation with one thing you have already done.",
)
CONTRIBUTION = Element(
    "contribution",
    "what you would bring",
    0.3,
    _rx(
        r"\bi('d| would| can| could) (bring|help|contribute|add)\b",
        r"\bi (want|hope|plan) to\b",
        r"\bin the first\b",
    ),
    "[add what you would bring in your first months]",
    "Finish with what you would bring or achieve in the role.",
)

ELEMENTS: dict[str, tuple[Element, ...]] = {
    "behavioral": (SITUATION, TASK, ACTION, RESULT),
    "situational": (CLARIFY, HYPOTHETICAL_ACTION, OUTCOME, TRADEOFF),
    "technical": (DIRECT, EXAMPLE, TRADEOFF, CONCLUSION),
    "case": (CLARIFY, FRAMEWORK, QUANTIFY, RECOMMEND),
    "coding": (APPROACH, CORRECTNESS, COMPLEXITY, EDGE_CASES, TESTING),
    "motivation": (CONNECTION, EVIDENCE, CONTRIBUTION),
}


def elements_for(kind: str) -> tuple[Element, ...]:
    return ELEMENTS.get(kind, ELEMENTS["behavioral"])


def matches(element: Element, sentence: Sentence) -> bool:
    return any(p.search(sentence.lower) for p in element.patterns)
