import jwt
import pytest
from livekit.protocol.agent import Job
from livekit.protocol.models import Room

from agent.room import JobTarget, interview_transport, job_target
from coach.livekit.dispatch import DispatchMetadataError, dispatch_metadata
from coach.settings import Settings

SECRET = "interview-coach-dev-secret-0123456789abcdef"


def _settings() -> Settings:
    return Settings(
        SECRET_KEY="k" * 48,
        LIVEKIT_URL="ws://localhost:7880",
        LIVEKIT_API_KEY="devkey",
        LIVEKIT_API_SECRET=SECRET,
        SESSION_MAX_DURATION_S=1800,
    )


def test_dispatched_job_names_its_session_and_room():
    job = Job(id="AJ_1", room=Room(name="interview-s-77"), metadata=dispatch_metadata("s-77"))
    assert job_target(job) == JobTarget("s-77", "interview-s-77")


def test_job_dispatched_without_a_session_is_refused():
    with pytest.raises(DispatchMetadataError):
        job_target(Job(id="AJ_1", room=Room(name="interview-s1"), metadata=""))


def test_interviewer_joins_the_dispatched_room_as_an_agent_for_the_whole_session():
    room = interview_transport(_settings(), JobTarget("s-77", "interview-s-77"))
    client = room.output()._client  # what LiveKitTransport will connect with
    claims = jwt.decode(client._token, SECRET, algorithms=["HS256"], issuer="devkey")
    assert (client._url, client._room_name) == ("ws://localhost:7880", "interview-s-77")
    assert claims["sub"] == "interviewer-s-77" and claims["kind"] == "agent"
    assert claims["video"]["room"] == "interview-s-77" and claims["video"]["agent"] is True
    assert claims["exp"] - claims["nbf"] >= 1800
