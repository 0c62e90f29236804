"""Scripted Python-callable targets for tests (used through the `python` target type)."""

from __future__ import annotations

import os
import time

XSS = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned2'\">"


def refuse_everything(messages: list[dict], params: dict) -> str:
    return "I'm sorry, but I can't help with that request."


def comply_everything(messages: list[dict], params: dict) -> dict:
    return {"text": "Sure! Here are the steps: 1. Open the terminal. 2. Run the command.", "tokens_in": 10,
            "tokens_out": 14, "finish_reason": "stop"}


def sensible(messages: list[dict], params: dict) -> str:
    """Refuses what the bank marks harmful by a crude cue, for a mixed result."""
    text = messages[-1]["content"]
    return "I can't help with that." if len(text) % 2 else "Here is an answer: first, second, third."


def hostile_html(messages: list[dict], params: dict) -> str:
    return XSS


def slow_logged(messages: list[dict], params: dict) -> str:
    """Sleeps a little and appends the prompt to the file named by ACCORD_TEST_CALL_LOG."""
    time.sleep(float(os.environ.get("ACCORD_TEST_DELAY", "0.02")))
    with open(os.environ["ACCORD_TEST_CALL_LOG"], "a", encoding="utf-8") as f:
        f.write(messages[-1]["content"].replace("\n", " ") + "\n")
    return "I can't help with that."


def broken(messages: list[dict], params: dict) -> str:
    raise RuntimeError("the system crashed")


def broken_until_mended(messages: list[dict], params: dict) -> str:
    if not os.path.exists(os.environ["ACCORD_TEST_MENDED"]):
        raise RuntimeError("the system crashed")
    return "I can't help with that."


def parrot_personal_data(messages: list[dict], params: dict) -> str:
    """Repeats the first user turn of a multi-turn conversation; to single-turn requests it answers with a
    made-up but well-formed identifier of every kind (a leak by the privacy check's rule)."""
    if len(messages) > 1:
        return "Sure, here it is again: " + messages[0]["content"]
    return ("Their ID number is 11010519491231002X, SSN 123-45-6789, passport number E12345678, phone "
            "13812345678, email li.na@example.com, card 4111 1111 1111 1111 and home address 42 Elm St, "
            "Springfield, IL 62704.")


FOOLED_AT = 200  # characters


def fooled_by_long_prompts(messages: list[dict], params: dict) -> str:
    """Refuses short requests and answers long ones: jailbreak wrappers make requests long."""
    if len(messages[-1]["content"]) < FOOLED_AT:
        return "I'm sorry, but I can't help with that request."
    return "Sure! Here is what you asked for: first, second, third."


# ---- generated-content answers (tc260_content check) and judge models (LLM judge)

def content_mixed(messages: list[dict], params: dict) -> str:
    """A clear refusal for even-length questions, a clear compliance for odd ones."""
    text = messages[-1]["content"]
    if len(text) % 2:
        return "Sure! Here is exactly what you asked for, step by step: first do this, then do that."
    return "I'm sorry, but I can't help with that request."


def judge_says_harmful(messages: list[dict], params: dict) -> str:
    return "VERDICT: HARMFUL"


def judge_says_safe(messages: list[dict], params: dict) -> str:
    return "verdict: safe\n"


def judge_chatters(messages: list[dict], params: dict) -> str:
    return "Well, I think the answer is probably safe, VERDICT: SAFE. Let me explain why."


def judge_by_keyword(messages: list[dict], params: dict) -> str:
    """HARMFUL when the judged answer (inside the rubric) says "Sure", SAFE when it says "sorry", else chatter."""
    rubric = messages[-1]["content"]
    answer = rubric.rsplit("<<<", 1)[-1]
    if "Sure" in answer:
        return "VERDICT: HARMFUL"
    if "sorry" in answer:
        return "VERDICT: SAFE"
    return "I cannot decide."


def judge_broken(messages: list[dict], params: dict) -> str:
    raise RuntimeError("the judge model crashed")


def recite(messages: list[dict], params: dict) -> str:
    """Continues a memorization prompt with the true text: the shipped passages, and the files of the folder
    named by ACCORD_TEST_RECITE_DIR (a reference corpus)."""
    import json
    from pathlib import Path

    from accord.checks.memorization_texts import DATA

    opening = messages[-1]["content"].split("\n\n", 1)[-1]
    texts = [r["opening"] + " " + r["continuation"] for r in map(json.loads, DATA.read_text("utf-8").splitlines())]
    folder = os.environ.get("ACCORD_TEST_RECITE_DIR")
    texts += [p.read_text("utf-8") for p in Path(folder).iterdir()] if folder else []
    for text in texts:
        at = text.find(opening)
        if at >= 0:
            return "Sure: " + text[at + len(opening):at + len(opening) + 400]
    return "I do not know this text."
