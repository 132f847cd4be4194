"""The interviewer's side of a LiveKit room: its own token and a Pipecat transport."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from livekit.protocol.agent import Job
from pipecat.transports.livekit.transport import LiveKitParams, LiveKitTransport

from coach.livekit.credentials import livekit_credentials
from coach.livekit.dispatch import session_id_from_metadata
from coach.livekit.identities import candidate_identity, interviewer_identity
from coach.livekit.tokens import bot_token
from pipelines.livekit_filter import CandidateRoomTransport


@dataclass(frozen=True)
class JobTarget:
    session_id: str
    room: str


def job_target(job: Job) -> JobTarget:
    """Which interview a dispatched job is for: the session id rides in the dispatch metadata."""
    return JobTarget(session_id=session_id_from_metadata(job.metadata), room=job.room.name)


def interview_transport(settings: Any, target: JobTarget) -> CandidateRoomTransport:
    """The room as the interview pipeline sees it: only the candidate's audio and departure count."""
    credentials = livekit_credentials(settings)
    token = bot_token(
        api_key=credentials.api_key,
        api_secret=credentials.api_secret,
        room=target.room,
        identity=interviewer_identity(target.session_id),
        ttl_s=int(getattr(settings, "SESSION_MAX_DURATION_S", 2700)) + 600,
    )
    params = LiveKitParams(
        audio_in_enabled=True,
        audio_out_enabled=True,
        # One stream per participant, tagged with identity, so the candidate filter can pick.
        audio_in_user_tracks=True,
    )
    room = LiveKitTransport(url=credentials.url, token=token, room_name=target.room, params=params)
    return CandidateRoomTransport(room, candidate_identity(target.session_id))
