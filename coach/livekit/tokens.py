"""Room tokens for the three kinds of participant in an interview room."""

from __future__ import annotations

from datetime import timedelta

from livekit import api

from coach.livekit.dispatch import room_dispatch


def candidate_token(
    *,
    api_key: str,
    api_secret: str,
    room: str,
    identity: str,
    name: str,
    session_id: str,
    agent_name: str,
    ttl_s: int = 3600,
) -> str:
    """Joining with this token is what summons the interviewer: the room config dispatches the agent."""
    grants = api.VideoGrants(
        room_join=True,
        room=room,
        can_publish=True,
        can_publish_sources=["microphone"],
        can_subscribe=True,
        can_publish_data=True,
    )
    config = api.RoomConfiguration(agents=[room_dispatch(agent_name, session_id)])
    return (
        _token(api_key, api_secret, identity, name, ttl_s)
        .with_grants(grants)
        .with_room_config(config)
        .to_jwt()
    )


def bot_token(
    *, api_key: str, api_secret: str, room: str, identity: str, name: str = "Interviewer", ttl_s: int = 3600
) -> str:
    grants = api.VideoGrants(room_join=True, room=room, agent=True)
    return _token(api_key, api_secret, identity, name, ttl_s).with_kind("agent").with_grants(grants).to_jwt()


def coach_listen_token(
    *, api_key: str, api_secret: str, room: str, identity: str, name: str, ttl_s: int = 3600
) -> str:
    """Hidden and mute: the interviewer neither sees nor hears a coach who only listens."""
    grants = api.VideoGrants(
        room_join=True,
        room=room,
        hidden=True,
        can_publish=False,
        can_publish_data=False,
        can_subscribe=True,
    )
    return _token(api_key, api_secret, identity, name, ttl_s).with_grants(grants).to_jwt()


def _token(api_key: str, api_secret: str, identity: str, name: str, ttl_s: int) -> api.AccessToken:
    return (
        api.AccessToken(api_key, api_secret)
        .with_identity(identity)
        .with_name(name)
        .with_ttl(timedelta(seconds=ttl_s))
    )
