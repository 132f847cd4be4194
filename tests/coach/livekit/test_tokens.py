import json

import jwt

from coach.livekit.dispatch import session_id_from_metadata
from coach.livekit.tokens import bot_token, candidate_token, coach_listen_token

KEY, SECRET = "devkey", "a-secret-that-is-long-enough-for-hs256-signing"


def _claims(token: str) -> dict:
    return jwt.decode(token, SECRET, algorithms=["HS256"], issuer=KEY)


def _candidate(**overrides) -> dict:
    args = dict(
        api_key=KEY,
        api_secret=SECRET,
        room="interview-s1",
        identity="candidate-s1",
        name="Dana",
        session_id="s1",
        agent_name="interview-coach",
    )
    return _claims(candidate_token(**(args | overrides)))


def test_candidate_can_speak_and_hear_in_their_room_only():
    claims = _candidate()
    video = claims["video"]
    assert claims["sub"] == "candidate-s1" and claims["name"] == "Dana"
    assert video["roomJoin"] is True and video["room"] == "interview-s1"
    assert video["canPublish"] is True and video["canPublishSources"] == ["microphone"]
    assert video["canSubscribe"] is True
    assert "hidden" not in video and "agent" not in video


def test_candidate_join_dispatches_the_named_agent_with_the_session_id():
    dispatches = _candidate(session_id="sess-42", agent_name="coach-eu")["roomConfig"]["agents"]
    assert len(dispatches) == 1
    assert dispatches[0]["agentName"] == "coach-eu"
    assert session_id_from_metadata(dispatches[0]["metadata"]) == "sess-42"
    assert json.loads(dispatches[0]["metadata"]) == {"session_id": "sess-42"}


def test_token_lifetime_follows_ttl():
    claims = _candidate(ttl_s=600)
    assert 599 <= claims["exp"] - claims["nbf"] <= 601


def test_bot_token_joins_as_an_agent():
    claims = _claims(
        bot_token(api_key=KEY, api_secret=SECRET, room="interview-s1", identity="interviewer-s1")
    )
    assert claims["kind"] == "agent"
    assert claims["video"]["agent"] is True
    assert claims["video"]["roomJoin"] is True and claims["video"]["room"] == "interview-s1"


def test_listening_coach_is_hidden_and_cannot_publish_anything():
    token = coach_listen_token(
        api_key=KEY, api_secret=SECRET, room="interview-s1", identity="coach-7", name="Coach Kim"
    )
    video = _claims(token)["video"]
    assert video["hidden"] is True
    assert video["canPublish"] is False and video["canPublishData"] is False
    assert video["canSubscribe"] is True
    assert "roomConfig" not in _claims(token)


def test_token_signed_with_another_secret_is_not_accepted():
    token = coach_listen_token(
        api_key=KEY, api_secret="another-secret-that-is-long-enough-0000", room="r", identity="c", name="c"
    )
    try:
        _claims(token)
    except jwt.InvalidSignatureError:
        return
    raise AssertionError("a token minted with a different secret verified")
