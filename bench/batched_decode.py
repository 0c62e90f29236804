"""Batched decoding on the embedded model: is it faster, and does it give the same answers?

    .venv/bin/python bench/batched_decode.py [B]          (B sequences per batch, default 4)

Greedy-decodes 3*B tc260-refuse probes (48 new tokens, one thread) with llama.cpp's own API, three ways:
one sequence at a time; B sequences side by side in one context whose KV cache keeps one stream per sequence
(`kv_unified = false`); and B side by side in one shared (unified) KV cache. Each prompt is evaluated on its
own, then the decode steps of all live sequences go in one batch. Prints tokens per second, the speed-up over
one at a time and how many of the token sequences are identical to one at a time. This decides whether the
`local` target gets a batched mode (docs/local.md, "Batched decoding").
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

import llama_cpp  # noqa: E402
from llama_cpp import Llama  # noqa: E402

from accord.probes import load_bank, select_probes  # noqa: E402
from accord.targets.embedded import embedded_model_path  # noqa: E402

NEW_TOKENS = 48


class Decoder:
    """Greedy decoding of several prompts side by side in one llama.cpp context."""

    def __init__(self, llm: Any) -> None:
        self.llm = llm
        self.model = llm._model.model
        self.vocab = llama_cpp.llama_model_get_vocab(self.model)
        self.n_vocab = llama_cpp.llama_vocab_n_tokens(self.vocab)

    def context(self, sequences: int, unified: bool) -> Any:
        p = llama_cpp.llama_context_default_params()
        p.n_ctx, p.n_batch, p.n_ubatch = 1024 * sequences, 512 * sequences, 512
        p.n_seq_max, p.n_threads, p.n_threads_batch, p.kv_unified = sequences, 1, 1, unified
        return llama_cpp.llama_init_from_model(self.model, p)

    def argmax(self, ctx: Any, i: int) -> int:
        return int(np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(ctx, i), shape=(self.n_vocab,)).argmax())

    def run(self, ctx: Any, prompts: list[list[int]]) -> list[list[int]]:
        llama_cpp.llama_memory_clear(llama_cpp.llama_get_memory(ctx), True)
        batch = llama_cpp.llama_batch_init(4096, 0, len(prompts))
        try:
            outs: list[list[int]] = []
            pos: list[int] = []
            for s, tokens in enumerate(prompts):  # each prompt on its own, so it matches a lone run
                self._fill(batch, [(t, i, s, i == len(tokens) - 1) for i, t in enumerate(tokens)])
                assert llama_cpp.llama_decode(ctx, batch) == 0
                outs.append([self.argmax(ctx, len(tokens) - 1)])
                pos.append(len(tokens))
            for _ in range(NEW_TOKENS - 1):
                live = [s for s in range(len(prompts)) if not llama_cpp.llama_vocab_is_eog(self.vocab, outs[s][-1])]
                if not live:
                    break
                self._fill(batch, [(outs[s][-1], pos[s], s, True) for s in live])
                assert llama_cpp.llama_decode(ctx, batch) == 0
                for j, s in enumerate(live):
                    outs[s].append(self.argmax(ctx, j))
                    pos[s] += 1
            return outs
        finally:
            llama_cpp.llama_batch_free(batch)

    @staticmethod
    def _fill(batch: Any, rows: list[tuple[int, int, int, bool]]) -> None:
        batch.n_tokens = len(rows)
        for i, (token, position, seq, logits) in enumerate(rows):
            batch.token[i], batch.pos[i], batch.n_seq_id[i] = token, position, 1
            batch.seq_id[i][0], batch.logits[i] = seq, logits


def main() -> int:
    b = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    llm = Llama(model_path=str(embedded_model_path()), n_ctx=2048, n_threads=1, verbose=False)
    dec = Decoder(llm)
    probes = select_probes([load_bank("tc260-refuse")], languages=None, limit=3 * b, sample=None, seed=0, draw=3 * b)
    prompts = []
    for p in probes:
        turns = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in p.conversation())
        prompts.append(llm.tokenize((turns + "<|im_start|>assistant\n").encode(), add_bos=False, special=True))
    one = dec.context(1, True)
    started = time.perf_counter()
    alone = [dec.run(one, [p])[0] for p in prompts]
    t_alone = time.perf_counter() - started
    n = sum(len(o) for o in alone)
    print(f"one at a time: {n} tokens in {t_alone:.2f} s = {n / t_alone:.1f} tokens/s")
    for unified in (False, True):
        ctx = dec.context(b, unified)
        started = time.perf_counter()
        side = [o for i in range(0, len(prompts), b) for o in dec.run(ctx, prompts[i:i + b])]
        t = time.perf_counter() - started
        same = sum(a == s for a, s in zip(alone, side, strict=True))
        print(f"{b} side by side, {'one shared KV cache' if unified else 'a KV stream per sequence'}: "
              f"{n / t:.1f} tokens/s, {t_alone / t:.2f}x; identical {same}/{len(alone)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
