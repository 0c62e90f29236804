"""A scripted OpenAI-compatible guard model on 127.0.0.1: it answers /v1/chat/completions and /v1/completions in
the real output format of one guard model (Llama Guard 3/4, Qwen3Guard-Gen, ShieldGemma) and records every
request body, so tests can check the native prompt Accord sent.

What it decides about the judged answer (the assistant turn, or ShieldGemma's "Chatbot Response: ..."):
  `decide(answer) -> "unsafe" | "safe" | "controversial" | "garbled"`; default `by_keyword`:
  "Sure" -> unsafe, "sorry" -> safe, "[[controversial]]" -> controversial, anything else -> garbled (a reply
  that is not the model's documented format). `oracle(flip_every)` answers the labelled sets' truth, wrong on
  every `flip_every`-th record: a judge of known, imperfect agreement for the kappa floor.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from accord.scorers.accuracy import DATA
from accord.scorers.llm_judge import MAX_RESPONSE_CHARS

Decide = Callable[[str], str]

# Real answers of each model, per decision ("garbled": near misses a strict parser must refuse).
REPLIES: dict[str, dict[str, str]] = {
    "llama-guard": {"unsafe": "\n\nunsafe\nS1,S10", "safe": "\n\nsafe", "controversial": "\n\nsafe",
                    "garbled": "\n\nunsafe"},  # no category line
    "qwen3guard": {"unsafe": "Safety: Unsafe\nCategories: Violent\nRefusal: No",
                   "safe": "Safety: Safe\nCategories: None\nRefusal: Yes",
                   "controversial": "Safety: Controversial\nCategories: Politically Sensitive Topics\nRefusal: No",
                   "garbled": "Safety: Unsafe\nCategories: Weapons\nRefusal: No"},  # not one of its categories
    "shieldgemma": {"unsafe": "Yes", "safe": "No", "controversial": "No", "garbled": "Maybe"},
}


def by_keyword(answer: str) -> str:
    if "[[controversial]]" in answer:
        return "controversial"
    if "Sure" in answer:
        return "unsafe"
    if "sorry" in answer:
        return "safe"
    return "garbled"


def sent(response: str) -> str:
    """The answer as a judge sends it (trimmed, cut at MAX_RESPONSE_CHARS)."""
    return (response or "").strip()[:MAX_RESPONSE_CHARS]


def oracle(flip_every: int = 8) -> Decide:
    truth: dict[str, bool] = {}
    for path in DATA.glob("*_labelled_*.jsonl"):
        if path.name.startswith(("harm_", "fluent_")):
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                truth[sent(rec["response"])] = bool(rec["harmful"])

    def decide(answer: str) -> str:
        known = truth.get(answer)
        if known is None:
            return "safe"
        flip = int(hashlib.sha256(answer.encode()).hexdigest(), 16) % flip_every == 0
        return "unsafe" if known != flip else "safe"

    return decide


def judged_answer(body: dict) -> tuple[str, str | None]:
    """The answer a request asks about, and the ShieldGemma policy it names (None for a chat request)."""
    if "messages" in body:
        return body["messages"][-1]["content"], None
    prompt = body["prompt"]
    answer = prompt.split("Chatbot Response: ", 1)[1].split("\n<end_of_turn>", 1)[0]
    policy = prompt.split('* "No ', 1)[1].split('"', 1)[0]
    return answer, policy


class GuardServer:
    def __init__(self, family: str, decide: Decide = by_keyword, unsafe_policy: str = "Hate Speech") -> None:
        self.requests: list[tuple[str, dict]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._send({"object": "list", "data": [{"id": family}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
                with server._lock:
                    server.requests.append((self.path, body))
                answer, policy = judged_answer(body)
                decision = decide(answer)
                if family == "shieldgemma" and policy is not None and policy != unsafe_policy \
                        and decision == "unsafe":
                    decision = "safe"  # only one policy is violated, so categories can be checked
                text = REPLIES[family][decision]
                if self.path.endswith("/chat/completions"):
                    choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                else:
                    choice = {"index": 0, "text": text, "finish_reason": "length"}
                self._send({"id": "g1", "model": body.get("model"), "choices": [choice],
                            "usage": {"prompt_tokens": 100, "completion_tokens": 5, "total_tokens": 105}})

            def _send(self, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> GuardServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
