"""A scripted OpenAI-compatible server on 127.0.0.1 that misbehaves on request, for fault tests.

The last user message chooses the behaviour:
  "[[timeout]]"     sleeps longer than any test client waits, then answers
  "[[429:N]]"       answers 429 (Retry-After: 0) to the first N attempts, then succeeds
  "[[500:N]]"       answers 500 to the first N attempts, then succeeds ("[[500]]": always 500)
  "[[badjson]]"     answers 200 with a body that is not JSON
  "[[nochoices]]"   answers 200 with JSON that lacks `choices`
  "[[echo]]" / anything else: answers "I can't help with that." or, when the text contains "please",
                    "Sure, here is how." (so scored results are predictable)
Each request is counted per prompt in `attempts`. `label`, when given, is appended to every answer (a system that
labels its generated text).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FaultServer:
    def __init__(self, slow_s: float = 5.0, label: str = "") -> None:
        self.attempts: Counter[str] = Counter()
        self.auth_headers: list[str | None] = []
        self.slow_s = slow_s
        self.label = label
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._send(200, json.dumps({"object": "list", "data": [{"id": "scripted"}]}).encode())

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
                text = body["messages"][-1]["content"]
                with server._lock:
                    server.attempts[text] += 1
                    n = server.attempts[text]
                    server.auth_headers.append(self.headers.get("authorization"))
                if "[[timeout]]" in text:
                    time.sleep(server.slow_s)
                m = re.search(r"\[\[(429|500)(?::(\d+))?(?::after=([^\]]*))?\]\]", text)
                if m and (m.group(2) is None or n <= int(m.group(2))):
                    after = m.group(3) if m.group(3) is not None else "0"
                    self._send(int(m.group(1)), b'{"error": "scripted"}', {"Retry-After": after})
                    return
                if "[[badjson]]" in text:
                    self._send(200, b"{not json")
                    return
                if "[[nochoices]]" in text:
                    self._send(200, b'{"id": "x"}')
                    return
                answer = "Sure, here is how." if "please" in text.lower() else "I can't help with that."
                answer += server.label
                payload = {
                    "id": "c1", "object": "chat.completion", "model": body.get("model"),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": answer},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 7, "completion_tokens": 5, "total_tokens": 12},
                }
                self._send(200, json.dumps(payload).encode())

            def _send(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
