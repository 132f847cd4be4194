"""All table models; importing this package registers them on SQLModel.metadata."""

from storage.models.interview import (
    SESSION_STATES,
    InterviewConfig,
    InterviewPlanRecord,
    InterviewSession,
    SessionEvent,
    TranscriptTurnRecord,
    TurnLatency,
    UsageRecord,
)
from storage.models.coaching import CoachGrant, TranscriptComment
from storage.models.memory import (
    AnalysisJob,
    AnswerAttempt,
    Drill,
    InterviewAnalysis,
    StarStory,
    UserSkillPattern,
)
from storage.models.jobs import InterviewContact, InterviewStage, JobTarget, Resume
from storage.models.market import MarketStat
from storage.models.users import ExtensionToken, RefreshToken, User

__all__ = [
    "AnalysisJob",
    "AnswerAttempt",
    "CoachGrant",
    "Drill",
    "InterviewAnalysis",
    "StarStory",
    "UserSkillPattern",
    "SESSION_STATES",
    "ExtensionToken",
    "InterviewConfig",
    "InterviewContact",
    "InterviewPlanRecord",
    "InterviewSession",
    "InterviewStage",
    "JobTarget",
    "MarketStat",
    "RefreshToken",
    "Resume",
    "SessionEvent",
    "TranscriptComment",
    "TranscriptTurnRecord",
    "TurnLatency",
    "UsageRecord",
    "User",
]
