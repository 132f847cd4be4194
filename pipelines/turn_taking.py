"""The interview-aware end-of-answer strategy plugged into Pipecat's user aggregator.

The VAD reports every pause (0.2 s); this strategy decides per pause how long the
silence may last, from the transcript so far, the question asked and smart-turn's
verdict, and ends the turn only when the candidate stays silent that long.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque

from loguru import logger
from pipecat.frames.frames import (
    Frame,
    InputAudioRawFrame,
    TranscriptionFrame,
    VADUserStartedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.processors.frame_processor import FrameProcessorSetup
from pipecat.turns.types import ProcessFrameResult
from pipecat.turns.user_stop import BaseUserTurnStopStrategy

from pipelines.smart_turn import WINDOW_S, SmartTurnScorer
from pipelines.turn_policy import TurnContext, TurnEndPolicy


class InterviewTurnStopStrategy(BaseUserTurnStopStrategy):
    """Ends the candidate's turn after a silence whose allowed length the TurnEndPolicy picks.

    segmented_stt: the STT transcribes each voiced segment after its pause (whisper), so
    the decision waits for that segment's transcript, up to transcript_timeout_s (a segment
    of noise yields none). A streaming STT's transcripts are taken as they come.
    """

    def __init__(
        self,
        *,
        policy: TurnEndPolicy,
        scorer: SmartTurnScorer | None = None,
        segmented_stt: bool = True,
        transcript_timeout_s: float = 3.0,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self._policy = policy
        self._scorer = scorer
        self._segmented_stt = segmented_stt
        self._transcript_timeout_s = transcript_timeout_s
        self._transcripts_due: deque[float] = deque()  # deadline per segment still being transcribed
        self._context = TurnContext()
        self._sample_rate = 16000
        self._audio = bytearray()
        self._text = ""
        self._speech_end: float | None = None  # set while the candidate is silent mid-turn
        self._smart_p: float | None = None
        self._scoring = False
        self._pause_id = 0
        self._timer: asyncio.Task | None = None
        self.last_wait_s: float | None = None  # the wait chosen for the latest pause, for tuning reports

    def expect(self, context: TurnContext) -> None:
        """Tell the strategy what the interviewer just asked."""
        self._context = context

    async def setup(self, setup: FrameProcessorSetup):
        await super().setup(setup)
        self._sample_rate = setup.audio_in_sample_rate or self._sample_rate

    async def cleanup(self):
        await super().cleanup()
        await self._cancel_timer()

    async def handle_user_turn_started(self):
        self._text = ""

    async def handle_user_turn_stopped(self):
        self._text = ""
        self._transcripts_due.clear()
        self._speech_end = None
        await self._cancel_timer()

    async def process_frame(self, frame: Frame) -> ProcessFrameResult:
        if isinstance(frame, InputAudioRawFrame):
            self._keep_audio(frame.audio)
        elif isinstance(frame, VADUserStartedSpeakingFrame):
            await self._on_speech_resumed()
        elif isinstance(frame, VADUserStoppedSpeakingFrame):
            await self._on_pause(frame.timestamp - frame.stop_secs)
        elif isinstance(frame, TranscriptionFrame) and frame.text.strip():
            self._text = f"{self._text} {frame.text.strip()}".strip()
            if self._transcripts_due:
                self._transcripts_due.popleft()
            await self._decide()
        return ProcessFrameResult.CONTINUE

    def _keep_audio(self, audio: bytes) -> None:
        self._audio.extend(audio)
        excess = len(self._audio) - WINDOW_S * self._sample_rate * 2
        if excess > 0:
            del self._audio[:excess]

    async def _on_speech_resumed(self) -> None:
        self._speech_end = None
        self._pause_id += 1
        await self._cancel_timer()

    async def _on_pause(self, speech_end: float) -> None:
        self._speech_end = speech_end
        self._pause_id += 1
        self._smart_p = None
        if self._segmented_stt:
            deadline = time.time() + self._transcript_timeout_s
            self._transcripts_due.append(deadline)
            self.create_task(self._decide_at(deadline), f"{self}::transcript_timeout")
        if self._scorer is not None:
            self._scoring = True
            self.create_task(self._score(self._pause_id, bytes(self._audio)), f"{self}::score")
        await self._decide()

    async def _score(self, pause_id: int, audio: bytes) -> None:
        try:
            p = await asyncio.to_thread(self._scorer.probability, audio, self._sample_rate)
        except Exception as e:  # a broken prosody model must not stall the interview
            logger.warning(f"smart-turn failed, deciding on the transcript alone: {e}")
            p = None
        if pause_id == self._pause_id:
            self._smart_p, self._scoring = p, False
            await self._decide()

    async def _decide_at(self, deadline: float) -> None:
        await asyncio.sleep(max(0.0, deadline - time.time()))
        await self._decide()

    def _waiting_for_transcript(self) -> bool:
        # Noise or a cough yields no transcript; past its deadline a segment stops holding the turn.
        while self._transcripts_due and self._transcripts_due[0] <= time.time():
            self._transcripts_due.popleft()
        return bool(self._transcripts_due)

    async def _decide(self) -> None:
        if self._speech_end is None or not self._text or self._scoring or self._waiting_for_transcript():
            return
        wait = self._policy.wait_after_pause(self._text, self._context, self._smart_p)
        self.last_wait_s = wait
        await self._cancel_timer()
        delay = max(0.0, self._speech_end + wait - time.time())
        self._timer = self.create_task(self._end_after(self._pause_id, delay), f"{self}::end_after")

    async def _end_after(self, pause_id: int, delay: float) -> None:
        await asyncio.sleep(delay)
        if pause_id == self._pause_id and self._speech_end is not None:
            self._timer = None
            await self.trigger_user_turn_stopped()

    async def _cancel_timer(self) -> None:
        if self._timer and not self._timer.done() and self._timer is not asyncio.current_task():
            await self.task_manager.cancel_task(self._timer)
        self._timer = None
