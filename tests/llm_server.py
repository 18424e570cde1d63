"""A scripted OpenAI-compatible server on 127.0.0.1, for tests of the LLM paths over real HTTP.

It answers /v1/chat/completions from a script of Steps: a text reply (a function of the request's
messages), tool calls, a delay, or an HTTP error. Every request body is kept for the test to read.
The client is real LangChain talking real HTTP; only the "model" behind the endpoint is scripted.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Step:
    reply: Callable[[list[dict]], str] | None = None
    # (function name, arguments): a dict is sent as JSON, a string as it is (to send broken JSON)
    tool_calls: list[tuple[str, dict | str]] = field(default_factory=list)
    delay: float = 0.0
    status: int = 200


@dataclass
class ScriptedLLM:
    url: str
    script: list[Step] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)


def completion(body: dict, step: Step) -> dict:
    """The chat.completion object OpenAI's API returns for ``step``."""
    if step.tool_calls:
        calls = [{"id": f"call_{n}", "type": "function",
                  "function": {"name": name, "arguments": args if isinstance(args, str) else json.dumps(args)}}
                 for n, (name, args) in enumerate(step.tool_calls)]
        message, finish = {"role": "assistant", "content": None, "tool_calls": calls}, "tool_calls"
    else:
        message = {"role": "assistant", "content": step.reply(body["messages"]) if step.reply else ""}
        finish = "stop"
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "scripted"),
        "choices": [{"index": 0, "finish_reason": finish, "message": message}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


@contextmanager
def scripted_llm_server() -> Iterator[ScriptedLLM]:
    """A server for one test; ``state.url`` is the base URL (…/v1), shut down on exit."""
    state = ScriptedLLM(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append(body)
            step = state.script.pop(0) if state.script else Step(reply=lambda m: "no script left")
            time.sleep(step.delay)
            if step.status != 200:
                payload = {"error": {"message": "scripted failure", "type": "server_error"}}
            else:
                payload = completion(body, step)
            data = json.dumps(payload).encode()
            try:
                self.send_response(step.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (time-out test)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
