import asyncio

from pipecat.frames.frames import InterimTranscriptionFrame, TextFrame, UserAudioRawFrame
from pipecat.tests.utils import run_test
from pipecat.transports.livekit.transport import LiveKitTransport

from coach.livekit.identities import candidate_identity, coach_identity
from pipelines.livekit_filter import CandidateAudioFilter, CandidateRoomTransport


def _audio(user_id: str, marker: int) -> UserAudioRawFrame:
    return UserAudioRawFrame(user_id=user_id, audio=bytes([marker]) * 320, sample_rate=16000, num_channels=1)


async def test_only_the_candidates_audio_passes():
    candidate, coach = candidate_identity("s1"), coach_identity("7")
    frames = [_audio(candidate, 1), _audio(coach, 2), _audio(candidate, 3), _audio(coach, 4)]
    down, _ = await run_test(CandidateAudioFilter(candidate), frames_to_send=frames)
    assert [(f.user_id, f.audio[0]) for f in down] == [(candidate, 1), (candidate, 3)]


async def test_audio_of_another_candidate_session_is_dropped():
    down, _ = await run_test(
        CandidateAudioFilter(candidate_identity("s1")), frames_to_send=[_audio(candidate_identity("s2"), 1)]
    )
    assert down == []


async def test_frames_that_are_not_room_audio_pass_untouched():
    frames = [TextFrame("hello"), InterimTranscriptionFrame("hi", user_id="x", timestamp="t")]
    down, _ = await run_test(CandidateAudioFilter("candidate-s1"), frames_to_send=frames)
    assert [type(f) for f in down] == [TextFrame, InterimTranscriptionFrame]


async def _handlers_ran() -> None:
    # pipecat runs transport event handlers as tasks
    await asyncio.sleep(0.05)


def _room(candidate: str = "candidate-s1") -> tuple[LiveKitTransport, CandidateRoomTransport]:
    livekit = LiveKitTransport(url="ws://localhost:7880", token="unused", room_name="interview-s1")
    return livekit, CandidateRoomTransport(livekit, candidate)


async def test_a_coach_leaving_does_not_count_as_the_candidate_leaving():
    livekit, room = _room()
    left: list[object] = []

    @room.event_handler("on_client_disconnected")
    async def on_client_disconnected(transport, client):
        left.append(client["id"])

    await livekit._on_participant_disconnected("coach-7")
    await _handlers_ran()
    assert left == []
    await livekit._on_participant_disconnected("candidate-s1")
    await _handlers_ran()
    assert left == ["candidate-s1"]


async def test_losing_the_room_counts_as_the_candidate_leaving():
    livekit, room = _room()
    left: list[object] = []
    room.add_event_handler("on_client_disconnected", lambda transport, client: left.append(client["id"]))
    await livekit._on_disconnected()
    await _handlers_ran()
    assert left == ["candidate-s1"]


async def test_room_input_feeds_the_filter_and_output_is_the_rooms():
    livekit, room = _room()
    assert room.output() is livekit.output()
    stages = room.input().processors
    assert livekit.input() in stages
    assert any(isinstance(stage, CandidateAudioFilter) for stage in stages)
