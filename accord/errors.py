"""Accord's exceptions, one tree so callers can catch at the depth they need.

    AccordError                 base: a message meant for the user, no traceback
    ├── ConfigError             the config file or a command-line option is wrong      (exit 2)
    ├── ProbeBankError          a probe bank file is missing or malformed              (exit 2)
    ├── StoreError              the results database cannot be used                    (exit 3)
    ├── ScorerError             a judge or scorer failed on one answer (recorded as that item's error)
    └── TargetError             the system under test could not answer one request
        ├── TargetUnavailable   it cannot be reached or started at all                 (exit 3)
        └── TargetRequestError  one request failed; `retryable` says whether to retry

Third-party errors are mapped to these at each boundary, by one small mapping there: the target transport
(`targets/openai_http.py`: httpx; `targets/local_gguf.py`: llama-cpp), the runner for anything a target or a
scorer raises on one item (`run/runner.py`), the store (`run/store.py`: sqlite3) and the file readers
(`tomlfile.py`, `targets/tabular.py`, `probes/`). The CLI prints any AccordError as one line; anything else is a
bug and shows one line too (with the traceback under ACCORD_DEBUG=1).
"""

from __future__ import annotations


class AccordError(Exception):
    exit_code = 3


class ConfigError(AccordError):
    exit_code = 2


class ProbeBankError(AccordError):
    exit_code = 2


class StoreError(AccordError):
    exit_code = 3


class ScorerError(AccordError):
    """A judge or scorer failed on one answer; the runner records the item as an error with this reason."""


class TargetError(AccordError):
    exit_code = 3


class TargetUnavailable(TargetError):
    """The system under test cannot be reached or loaded (bad address, missing model file)."""


class TargetRequestError(TargetError):
    """One request failed. `retryable` is true for timeouts, HTTP 429 and 5xx."""

    def __init__(self, reason: str, *, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after
