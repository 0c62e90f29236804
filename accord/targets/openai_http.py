"""`openai` target: any OpenAI-compatible /v1/chat/completions endpoint, over httpx2.

The API key is read from the environment variable the config names, sent only in the
Authorization header, and never logged, stored or reported.
"""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2

from accord.config import OpenAITarget, Sampling
from accord.errors import ConfigError, TargetRequestError, TargetUnavailable
from accord.targets.base import ChatMessage, Reply, TargetType


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None when absent or unreadable
    (`Retry-After: soon`): the retry policy's own backoff then applies."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, parsed.timestamp() - time.time())


@contextmanager
def _transport_errors() -> Iterator[None]:
    """The transport boundary: httpx's errors, and anything odd in what came back, as Accord's request errors."""
    try:
        yield
    except TargetRequestError:
        raise
    except httpx2.TimeoutException:
        raise TargetRequestError("timed out", retryable=True) from None
    except httpx2.TransportError as exc:
        raise TargetRequestError(f"connection failed ({type(exc).__name__})", retryable=True) from None
    except (httpx2.HTTPError, ValueError, UnicodeError) as exc:
        raise TargetRequestError(f"unusable response ({type(exc).__name__}: {exc})", retryable=False) from None


class OpenAIChat:
    def __init__(self, config: OpenAITarget, transport: httpx2.AsyncBaseTransport | None = None) -> None:
        self.name = config.name
        self._config = config
        self._transport = transport
        self._client: httpx2.AsyncClient | None = None

    def _headers(self) -> dict[str, str]:
        env = self._config.api_key_env
        if env is None:
            return {}
        key = os.environ.get(env)
        if not key:
            raise ConfigError(f"target {self.name!r}: environment variable {env} (its API key) is not set")
        return {"Authorization": f"Bearer {key}"}

    async def open(self) -> None:
        limits = httpx2.Limits(max_connections=self._config.concurrency, max_keepalive_connections=None)
        self._client = httpx2.AsyncClient(
            base_url=self._config.base_url.rstrip("/") + "/",
            headers=self._headers(),
            timeout=httpx2.Timeout(self._config.timeout_s, connect=min(10.0, self._config.timeout_s)),
            limits=limits,
            transport=self._transport,
        )
        try:
            await self._client.get("models")
        except httpx2.HTTPError as exc:
            await self.aclose()
            raise TargetUnavailable(
                f"target {self.name!r}: cannot reach {self._config.base_url} ({type(exc).__name__})"
            ) from None

    async def complete(self, messages: list[ChatMessage], params: Sampling) -> Reply:
        return await self._post("chat/completions", {"messages": [{"role": m.role, "content": m.content}
                                                                  for m in messages]}, params)

    async def complete_prompt(self, prompt: str, params: Sampling) -> Reply:
        """A raw text completion (`/v1/completions`): the prompt is sent as written, with no chat template."""
        return await self._post("completions", {"prompt": prompt}, params)

    async def _post(self, path: str, content: dict, params: Sampling) -> Reply:
        assert self._client is not None, "open() first"
        body: dict = {"model": self._config.model, **content, "temperature": params.temperature,
                      "max_tokens": params.max_tokens}
        if params.seed is not None:
            body["seed"] = params.seed
        with _transport_errors():
            response = await self._client.post(path, json=body)
            status = response.status_code
            if status == 429 or status >= 500:
                raise TargetRequestError(
                    f"HTTP {status}", retryable=True, retry_after=_retry_after(response.headers.get("retry-after"))
                )
            if status >= 400:
                raise TargetRequestError(f"HTTP {status}: {response.text[:200]}", retryable=False)
            return _parse_reply(response)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _parse_reply(response: httpx2.Response) -> Reply:
    try:
        data = response.json()
        choice = data["choices"][0]
        text = (choice["message"]["content"] if "message" in choice else choice["text"]) or ""
        if not isinstance(text, str):
            raise TypeError("content is not a string")
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise TargetRequestError(f"malformed response ({type(exc).__name__})", retryable=True) from None
    usage = data.get("usage") or {}
    return Reply(
        text=text,
        tokens_in=usage.get("prompt_tokens"),
        tokens_out=usage.get("completion_tokens"),
        finish_reason=choice.get("finish_reason"),
    )


def create(config: OpenAITarget) -> OpenAIChat:
    return OpenAIChat(config)


TARGET_TYPES = TargetType("openai", OpenAITarget, create)
