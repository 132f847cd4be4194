"""A tiny OpenAI-compatible chat completions server that replays canned replies, one per request."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Canned:
    status: int = 200
    content: str | None = None
    tool_args: dict | str | None = None  # a dict is sent as JSON; a str is sent as-is (to test bad JSON)
    delay_s: float = 0.0
    raw_body: str | None = None  # sent instead of a completion, e.g. an HTML error page


@dataclass
class FakeLLM:
    replies: deque[Canned] = field(default_factory=deque)
    requests: list[dict] = field(default_factory=list)
    base_url: str = ""

    def queue(self, *replies: Canned) -> None:
        self.replies.extend(replies)

    def next_reply(self) -> Canned:
        return (
            self.replies.popleft()
            if self.replies
            else Canned(status=500, raw_body='{"error": "no reply queued"}')
        )


def completion(reply: Canned) -> dict:
    message: dict = {"role": "assistant", "content": reply.content}
    if reply.tool_args is not None:
        arguments = reply.tool_args if isinstance(reply.tool_args, str) else json.dumps(reply.tool_args)
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "assess_answer", "arguments": arguments},
            }
        ]
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "fake-model",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def start_server(fake: FakeLLM) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            length = int(self.headers.get("content-length") or 0)
            fake.requests.append(json.loads(self.rfile.read(length) or b"{}"))
            reply = fake.next_reply()
            time.sleep(reply.delay_s)
            body = (reply.raw_body or json.dumps(completion(reply))).encode()
            try:
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    return server
