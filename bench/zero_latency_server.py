"""A zero-latency OpenAI-compatible server for benchmarks: every request is answered at once.

    python bench/zero_latency_server.py PORT [--impl raw|uvicorn]

POST /v1/chat/completions -> a fixed small chat.completion (with usage); GET /v1/models -> one model.
Anything else -> 404. Binds 127.0.0.1 only.

Two implementations, both kept so the choice can be re-measured (`runner_overhead.py --server-impl`):

* raw (default): an asyncio.Protocol speaking just enough HTTP/1.1 (keep-alive, Content-Length bodies,
  pipelining) with pre-built response bytes. No per-request JSON work, no request parsing beyond
  the request line and Content-Length.
* uvicorn: uvicorn with a minimal ASGI app (httptools if installed, else h11).

Measured on the benchmark machine (2 vCPU, httptools not installed; see bench/RESULTS.md): raw costs
about 0.05 ms of server CPU per request, uvicorn+h11 about 0.21 ms, so raw is the default.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal

MODEL = "zero-latency"
CONTENT = "Here is a short answer: water boils at 100 degrees Celsius at sea level."

COMPLETION = json.dumps({
    "id": "chatcmpl-zero",
    "object": "chat.completion",
    "created": 1764000000,
    "model": MODEL,
    "choices": [{
        "index": 0,
        "message": {"role": "assistant", "content": CONTENT},
        "finish_reason": "stop",
        "logprobs": None,
    }],
    "usage": {"prompt_tokens": 20, "completion_tokens": 16, "total_tokens": 36},
}, separators=(",", ":")).encode()

MODELS = json.dumps({
    "object": "list",
    "data": [{"id": MODEL, "object": "model", "created": 1764000000, "owned_by": "bench"}],
}, separators=(",", ":")).encode()

NOT_FOUND = b'{"error":{"message":"not found","type":"invalid_request_error"}}'


def _response(status: str, body: bytes) -> bytes:
    head = (f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
            f"connection: keep-alive\r\n\r\n")
    return head.encode() + body


RESP_COMPLETION = _response("200 OK", COMPLETION)
RESP_MODELS = _response("200 OK", MODELS)
RESP_404 = _response("404 Not Found", NOT_FOUND)


# ---------------------------------------------------------------- raw asyncio.Protocol
class _Http(asyncio.Protocol):
    __slots__ = ("transport", "buf")

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.buf = b""

    def data_received(self, data: bytes) -> None:
        buf = self.buf + data if self.buf else data
        out = []
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buf[:end]
            length = 0
            # headers are case-insensitive; only Content-Length matters (no chunked uploads from clients here)
            i = head.lower().find(b"\r\ncontent-length:")
            if i >= 0:
                j = head.find(b"\r\n", i + 2)
                length = int(head[i + 17: j if j >= 0 else len(head)])
            total = end + 4 + length
            if len(buf) < total:
                break
            line = head[:head.find(b"\r\n")] if b"\r\n" in head else head
            if line.startswith(b"POST ") and b"/chat/completions" in line:
                out.append(RESP_COMPLETION)
            elif line.startswith(b"GET ") and b"/models" in line:
                out.append(RESP_MODELS)
            else:
                out.append(RESP_404)
            buf = buf[total:]
        self.buf = buf
        if out:
            self.transport.write(out[0] if len(out) == 1 else b"".join(out))  # type: ignore[attr-defined]

    def connection_lost(self, exc: Exception | None) -> None:
        self.buf = b""


async def _serve_raw(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Http, "127.0.0.1", port, backlog=1024)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"ready raw 127.0.0.1:{port}", flush=True)
    async with server:
        await stop.wait()


# ---------------------------------------------------------------- uvicorn + minimal ASGI
_HEADERS = [(b"content-type", b"application/json")]


async def _asgi(scope: dict, receive, send) -> None:  # noqa: ANN001
    if scope["type"] != "http":
        return
    more = True
    while more:  # drain the body
        msg = await receive()
        more = msg.get("more_body", False)
    path, method = scope["path"], scope["method"]
    if method == "POST" and path.endswith("/chat/completions"):
        body = COMPLETION
        status = 200
    elif method == "GET" and path.endswith("/models"):
        body, status = MODELS, 200
    else:
        body, status = NOT_FOUND, 404
    await send({"type": "http.response.start", "status": status,
                "headers": _HEADERS + [(b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _serve_uvicorn(port: int) -> None:
    import uvicorn

    try:
        import httptools  # noqa: F401
        http = "httptools"
    except ImportError:
        http = "h11"
    print(f"ready uvicorn-{http} 127.0.0.1:{port}", flush=True)
    uvicorn.run(_asgi, host="127.0.0.1", port=port, http=http, loop="asyncio", lifespan="off",
                access_log=False, log_level="warning", backlog=1024)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("port", type=int)
    ap.add_argument("--impl", choices=("raw", "uvicorn"), default="raw")
    args = ap.parse_args(argv)
    if args.impl == "raw":
        try:
            asyncio.run(_serve_raw(args.port))
        except KeyboardInterrupt:
            pass
    else:
        _serve_uvicorn(args.port)


if __name__ == "__main__":
    main()
