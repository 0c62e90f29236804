"""Accord's exceptions, one tree so callers can catch at the depth they need.

    AccordError                 base: a message meant for the user, no traceback
    ├── ConfigError             the config file or a command-line option is wrong      (exit 2)
    ├── ProbeBankError          a probe bank file is missing or malformed              (exit 2)
    ├── StoreError              the results database cannot be used                    (exit 3)
    └── TargetError             the system under test could not answer one request
        ├── TargetUnavailable   it cannot be reached or started at all                 (exit 3)
        └── TargetRequestError  one request failed; `retryable` says whether to retry

Third-party errors (httpx, llama-cpp, sqlite3) are mapped to these at the module that calls them.
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
