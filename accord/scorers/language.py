"""The judges' languages: each offline judge has rules or a model for English and Chinese."""

from __future__ import annotations

from typing import Literal

JudgeLanguage = Literal["en", "zh"]


def judge_language(language: str) -> JudgeLanguage:
    """The judge language for a probe's language tag: Chinese for any `zh` tag (zh, zh-CN, zh-Hant…), else
    English."""
    return "zh" if language.lower().startswith("zh") else "en"
