"""Post-session analysis: per-answer scores and criteria, cited feedback, rewrites and session summary."""

from coach.analysis.analyzer import analyze_exchange, analyze_session
from coach.analysis.models import (
    CRITERIA,
    Citation,
    Claim,
    Criteria,
    DeliverySummary,
    ExchangeAnalysis,
    SessionAnalysis,
)

__all__ = [
    "CRITERIA",
    "Citation",
    "Claim",
    "Criteria",
    "DeliverySummary",
    "ExchangeAnalysis",
    "SessionAnalysis",
    "analyze_exchange",
    "analyze_session",
]
