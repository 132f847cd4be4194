"""A candidate in real Chromium answers the interviewer on the practice page, captions and all.

Chromium's fake microphone plays a WAV (silence, a spoken answer, silence); the page is driven
through chromedriver's WebDriver HTTP API, so no browser-automation package is needed.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import wave
from pathlib import Path

import httpx
import numpy as np
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from pipelines.config import VoiceConfig
from pipelines.models import load_models
from pipelines.testing import ScriptedBrain
from pipelines.transcript import ListSink
from pipelines.webrtc import WebRTCSessionManager

ROOT = Path(__file__).resolve().parents[2]
AUDIO = ROOT / "tests" / "fixtures" / "audio"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and chromium-driver"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def microphone_wav(path: Path, lead_s: float, answer: str, tail_s: float) -> Path:
    with wave.open(str(AUDIO / f"{answer}.wav")) as f:
        rate, speech = f.getframerate(), f.readframes(f.getnframes())
    silence = bytes(np.zeros(int(rate * lead_s), dtype=np.int16).tobytes())
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(silence + speech + bytes(int(rate * tail_s) * 2))
    return path


def practice_app(manager: WebRTCSessionManager, sink: ListSink) -> FastAPI:
    app = FastAPI()
    templates = Jinja2Templates(directory=ROOT / "api" / "templates")
    app.mount("/static", StaticFiles(directory=ROOT / "api" / "static"), name="static")

    @app.get("/practice/{session_id}")
    async def practice(request: Request, session_id: str):
        context = {
            "session_id": session_id,
            "access_token": "t0k3n",
            "job_title": "Backend Engineer",
            "offer_url": f"/api/interview/sessions/{session_id}/webrtc/offer",
        }
        return templates.TemplateResponse(request, "practice.html", context)

    @app.post("/api/interview/sessions/{session_id}/webrtc/offer")
    async def offer(session_id: str, body: dict, request: Request) -> dict:
        assert request.headers["authorization"] == "Bearer t0k3n"
        return await manager.handle_offer(session_id, body, ScriptedBrain, sink)

    return app


class Browser:
    """Just enough WebDriver: open a page, run a script."""

    def __init__(self, driver_url: str, http: httpx.AsyncClient):
        self.url, self.http, self.session = driver_url, http, ""

    async def start(self, fake_mic: Path) -> None:
        args = [
            "--headless=new",
            "--no-sandbox",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={fake_mic}",
            "--allow-loopback-in-peer-connection",
            "--disable-features=WebRtcHideLocalIpsWithMdns",
            "--autoplay-policy=no-user-gesture-required",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": CHROMIUM, "args": args}}}}
        response = await self.http.post(f"{self.url}/session", json=caps, timeout=30)
        self.session = response.json()["value"]["sessionId"]

    async def open(self, url: str) -> None:
        await self.http.post(f"{self.url}/session/{self.session}/url", json={"url": url}, timeout=30)

    async def run(self, script: str):
        response = await self.http.post(
            f"{self.url}/session/{self.session}/execute/sync", json={"script": script, "args": []}, timeout=30
        )
        return response.json()["value"]

    async def quit(self) -> None:
        if self.session:
            await self.http.delete(f"{self.url}/session/{self.session}", timeout=30)


async def wait_until(browser: Browser, script: str, timeout_s: float) -> object:
    for _ in range(int(timeout_s * 4)):
        value = await browser.run(script)
        if value:
            return value
        await asyncio.sleep(0.25)
    raise AssertionError(f"timed out waiting for: {script}")


def caption_lines(selector: str) -> str:
    return f"[...document.querySelectorAll('{selector} .text')].map(e => e.textContent)"


FINAL_ANSWERS = f"return {caption_lines('.caption.candidate:not(.partial)')}.join(' ')"
SECOND_QUESTION = (
    f"const lines = {caption_lines('.caption.interviewer')}; return lines.length >= 2 ? lines : null"
)


async def test_candidate_answers_on_the_practice_page(tmp_path, monkeypatch):
    import aioice.ice

    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4=True, use_ipv6=True: ["127.0.0.1"])
    sink = ListSink()
    manager = WebRTCSessionManager(VoiceConfig(), load_models(VoiceConfig()))
    port, driver_port = free_port(), free_port()
    server = uvicorn.Server(uvicorn.Config(practice_app(manager, sink), port=port, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={driver_port}"], stdout=subprocess.DEVNULL)
    mic = microphone_wav(tmp_path / "mic.wav", lead_s=9.0, answer="answer_3", tail_s=30.0)
    async with httpx.AsyncClient() as http:
        browser = Browser(f"http://127.0.0.1:{driver_port}", http)
        try:
            await asyncio.sleep(0.5)
            await browser.start(mic)
            await browser.open(f"http://127.0.0.1:{port}/practice/s1")
            assert await browser.run("return document.title") == "Interview practice: Backend Engineer"
            await browser.run("document.getElementById('join').click()")
            await wait_until(
                browser, "return document.getElementById('status').dataset.state === 'speaking'", 15
            )
            await wait_until(
                browser, "return document.getElementById('interviewer-audio').currentTime > 1", 10
            )
            heard = await wait_until(browser, FINAL_ANSWERS, 30)
            interviewer = await wait_until(browser, SECOND_QUESTION, 20)
        finally:
            await browser.quit()
            driver.terminate()
            await manager.shutdown()
            server.should_exit = True
            await serving
    assert "distributed systems" in str(heard).lower()
    assert "database" in interviewer[-1].lower()
    assert [t.role for t in sink.turns][:2] == ["interviewer", "candidate"]
