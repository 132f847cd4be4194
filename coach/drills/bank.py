"""Drill templates per weakness. Hints coach the method; the outline (shown after the attempt) is the content.

Templates may use {skill} (a skill from the job posting) and {competency}; both are filled in by the
generator with plain words, never with anything that suggests a particular answer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    question: str
    kind: str
    competency: str
    hints: tuple[str, ...]
    outline: tuple[str, ...]
    time_budget_s: int = 90


STAR_HINTS = (
    "Spend one sentence on the context before anything else.",
    "Say what you personally were responsible for, then what you did.",
    "Finish by saying how it turned out, and stop there.",
)

BANK: dict[str, tuple[Template, ...]] = {
    "specificity": (
        Template(
            "Tell me about the result you are proudest of from your work with {skill}.",
            "behavioral",
            "impact",
            (
                "Pick one project, not a summary of several.",
                "Decide before you start which kind of number you will use: time, money, percentage or "
                "people.",
                "Name the tools and systems as you would to a colleague.",
            ),
            (
                "One named project and your role in it",
                "The tools or systems involved, by name",
                "A number for the outcome, ideally before and after",
                "Who benefited from the result",
            ),
        ),
        Template(
            "Describe a problem you solved recently using {skill}. Be as concrete as you can.",
            "behavioral",
            "problem solving",
            (
                "Replace every 'things' or 'stuff' with the actual noun.",
                "Give sizes: how many, how long, how much.",
                "One example in detail beats three in passing.",
            ),
            (
                "The specific problem and how you noticed it",
                "The tools, data or people you worked with",
                "The steps you took, in order",
                "A measured outcome",
            ),
        ),
    ),
    "structure": (
        Template(
            "Tell me about a time a plan you owned went wrong.",
            "behavioral",
            "ownership",
            STAR_HINTS,
            (
                "Situation: where, when and what was at stake",
                "Task: what you personally owned",
                "Action: two or three concrete steps you took",
                "Result: the outcome, with a number if possible",
            ),
        ),
        Template(
            "Describe a time you had to deliver with less time than you needed.",
            "behavioral",
            "prioritization",
            STAR_HINTS,
            (
                "Situation: the deadline and why it was tight",
                "Task: what had to be delivered",
                "Action: what you cut, delegated or re-planned, and why",
                "Result: what shipped and when",
            ),
        ),
    ),
    "relevance": (
        Template(
            "Why would you be a strong fit for a role that depends on {skill}?",
            "motivation",
            "motivation",
            (
                "Answer the question in your first sentence, then support it.",
                "Check each point you make against the question before moving on.",
            ),
            (
                "A direct answer in the first sentence",
                "One example of your own work with {skill}",
                "A link from that example to what this role needs",
            ),
            60,
        ),
    ),
    "depth": (
        Template(
            "Explain a technical decision you made involving {skill}, and what you traded off.",
            "technical",
            "technical judgement",
            (
                "Say which options you had before saying which you chose.",
                "Use 'because' at least once.",
                "Say what it cost you, and when you would choose differently.",
            ),
            (
                "At least two options you considered",
                "The reason for your choice",
                "The cost or risk of that choice",
                "When the alternative would have been better",
            ),
            120,
        ),
    ),
    "conciseness": (
        Template(
            "In under a minute: tell me about yourself and how {skill} fits into your work.",
            "motivation",
            "communication",
            (
                "Plan three points before you start.",
                "Stop after the third point.",
                "Do not repeat a point in different words.",
            ),
            (
                "Your current role in one sentence",
                "One achievement, with a number",
                "Why this kind of role, in one sentence",
            ),
            60,
        ),
    ),
    "delivery": (
        Template(
            "Walk me through your most recent project at a calm pace.",
            "behavioral",
            "communication",
            (
                "Take a breath before your first sentence.",
                "Pause silently instead of saying 'um'.",
                "Aim for about 140 words a minute: slower than feels natural.",
            ),
            ("What the project was and who it was for", "Your part in it", "How it turned out"),
        ),
    ),
}

COMPETENCY = Template(
    "Tell me about a time you showed {competency}.",
    "behavioral",
    "{competency}",
    STAR_HINTS,
    (
        "A specific situation that called for {competency}",
        "What you personally did",
        "The outcome, with a number if possible",
        "What you learned or would repeat",
    ),
)
MUST_HAVE = Template(
    "Tell me about your hands-on experience with {skill}.",
    "behavioral",
    "{skill}",
    (
        "Choose your most recent or most substantial use of it.",
        "Say what you did yourself, not the team.",
        "End with what changed because of your work.",
    ),
    ("A specific project where you used {skill}", "Your own part in it", "A result you can put a number on"),
)
