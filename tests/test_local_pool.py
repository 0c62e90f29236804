"""The `local` target's pool of model instances: sizing from the config, and exactness on the real model.

The exactness test sends 32 probes of the tc260-refuse bank to the embedded model twice: one at a time
through a single instance, in bank order, and all at once through three instances, in shuffled order, so each
instance reuses the cached prefix of a different previous prompt. At temperature 0 every answer must be
identical, token for token, with the prefix reused (the default) and with every request from an empty context.
Slow: it generates real text.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from accord.config import LocalTarget, Sampling
from accord.errors import ConfigError, TargetUnavailable
from accord.plugins import parse_config
from accord.probes import Probe, load_bank, select_probes
from accord.targets.base import ChatMessage, Reply
from accord.targets.local_gguf import LocalChat

CORES = len(os.sched_getaffinity(0))


def _local(**fields: object) -> LocalTarget:
    return LocalTarget.model_validate({"type": "local", "name": "m", **fields})


def test_pool_sized_from_the_cores_this_process_may_use() -> None:
    t = _local()
    assert (t.n_threads, t.instances, t.concurrency) == (1, min(CORES, 8), min(CORES, 8))


def test_pool_size_follows_threads_and_concurrency() -> None:
    assert _local(n_threads=CORES).instances == 1  # the old `n_threads = <all cores>` keeps one instance
    assert (_local(concurrency=1).instances, _local(concurrency=1).concurrency) == (1, 1)  # old `concurrency = 1`
    assert (_local(instances=3).instances, _local(instances=3).concurrency) == (3, 3)
    assert (_local(instances=2, concurrency=6).instances, _local(instances=2, concurrency=6).concurrency) == (2, 6)


def test_old_keys_still_validate_and_a_round_trip_keeps_the_size() -> None:
    raw = {"targets": [{"name": "m", "type": "local", "n_threads": 1, "concurrency": 1}]}
    target = parse_config(raw).targets[0]
    assert isinstance(target, LocalTarget) and (target.instances, target.concurrency) == (1, 1)
    again = LocalTarget.model_validate_json(_local(instances=3).model_dump_json())
    assert (again.instances, again.concurrency) == (3, 3)


@pytest.mark.parametrize("bad", [{"instances": 0}, {"n_threads": 0}, {"concurrency": 0}, {"instances": "two"}])
def test_bad_pool_settings_are_config_errors(bad: dict) -> None:
    with pytest.raises(ConfigError, match="targets.0"):
        parse_config({"targets": [{"name": "m", "type": "local", **bad}]})


PARAMS = Sampling(temperature=0.0, max_tokens=48, seed=0)


def _probes(n: int) -> list[Probe]:
    return select_probes([load_bank("tc260-refuse")], languages=None, limit=n, sample=None, seed=0, draw=n)


async def _answers(target: LocalChat, probes: list[Probe], order: list[int]) -> dict[str, Reply]:
    await target.open()
    try:
        async def one(p: Probe) -> tuple[str, Reply]:
            return p.id, await target.complete([ChatMessage(**m) for m in p.conversation()], PARAMS)
        return dict(await asyncio.gather(*(one(probes[i]) for i in order)))
    finally:
        await target.aclose()


@pytest.mark.slow
@pytest.mark.parametrize("reuse", [True, False], ids=["prefix-reused", "empty-context"])
def test_pool_answers_exactly_as_one_at_a_time(reuse: bool) -> None:
    pytest.importorskip("llama_cpp")
    probes = _probes(32)
    assert len(probes) == 32 and {p.language for p in probes} == {"en", "zh"}
    one_at_a_time = asyncio.run(_answers(LocalChat(_local(instances=1, reuse_prefix=reuse)), probes, list(range(32))))
    shuffled = random.Random(7).sample(range(32), 32)
    pooled = asyncio.run(_answers(LocalChat(_local(instances=3, n_threads=1, reuse_prefix=reuse)), probes, shuffled))
    assert all(r.tokens_out for r in one_at_a_time.values())
    differ = [pid for pid in one_at_a_time if one_at_a_time[pid] != pooled[pid]]
    assert differ == [], f"{len(differ)} of 32 answers differ, e.g. {differ[:3]}"


@pytest.mark.slow
def test_a_pool_of_two_answers_in_processes_of_its_own_and_replaces_a_killed_one() -> None:
    """Instances of a pool of two run in worker processes (threads of this one would take turns on the GIL);
    a worker killed from outside is replaced by a fresh process, which gives the same answers."""
    pytest.importorskip("llama_cpp")
    probes = _probes(4)

    async def scenario() -> tuple[list[int], dict[str, Reply], dict[str, Reply], list[int]]:
        target = LocalChat(_local(instances=2, n_threads=1))
        await target.open()
        try:
            pids = target.worker_pids

            async def all_answers() -> dict[str, Reply]:
                async def one(p: Probe) -> tuple[str, Reply]:
                    return p.id, await target.complete([ChatMessage(**m) for m in p.conversation()], PARAMS)
                return dict(await asyncio.gather(*(one(p) for p in probes)))

            before = await all_answers()
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
            for pid in pids:  # wait until both are gone
                while os.path.exists(f"/proc/{pid}") and _state(pid) != "Z":
                    await asyncio.sleep(0.05)
            after = await all_answers()
            return pids, before, after, target.worker_pids
        finally:
            await target.aclose()

    pids, before, after, replaced = asyncio.run(scenario())
    assert len(pids) == 2 and os.getpid() not in pids and len(set(pids)) == 2
    assert len(replaced) == 2 and not set(replaced) & set(pids)
    assert before == after


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_a_file_that_is_not_a_model_is_a_plain_error_for_a_pool_of_workers(tmp_path) -> None:
    pytest.importorskip("llama_cpp")
    bad = tmp_path / "not-a-model.gguf"
    bad.write_bytes(b"this is not a GGUF file\n" * 100)
    target = LocalChat(_local(instances=2, model_path=str(bad)))
    with pytest.raises(TargetUnavailable, match="cannot load"):
        asyncio.run(target.open())
    assert target.worker_pids == []


@pytest.mark.slow
def test_a_script_without_a_main_guard_can_use_a_pool_of_workers(tmp_path) -> None:
    """Workers start with `python -c`, so the caller's script is not imported again in each worker (as the
    `spawn` start method would do, starting the audit again in every worker)."""
    pytest.importorskip("llama_cpp")
    script = tmp_path / "no_guard.py"
    script.write_text(
        "import asyncio\n"
        "from accord.config import LocalTarget, Sampling\n"
        "from accord.targets.base import ChatMessage\n"
        "from accord.targets.local_gguf import LocalChat\n"
        "target = LocalChat(LocalTarget.model_validate({'type': 'local', 'name': 'm', 'instances': 2}))\n"
        "async def go():\n"
        "    await target.open()\n"
        "    try:\n"
        "        reply = await target.complete([ChatMessage('user', 'Say hi.')], Sampling(max_tokens=4))\n"
        "        print('answered', len(target.worker_pids), bool(reply.text))\n"
        "    finally:\n"
        "        await target.aclose()\n"
        "asyncio.run(go())\n", encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "answered 2 True"
