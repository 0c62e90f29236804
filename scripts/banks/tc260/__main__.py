"""`python -m scripts.banks.tc260 [--check]`: write the TC260-003 banks, or check the committed ones."""

from __future__ import annotations

import sys

from accord.probes.bank import BUILTIN_DIR
from scripts.banks.tc260.build import build, specs


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for spec in specs():
        body, meta = build(spec)
        for path, text in ((BUILTIN_DIR / f"{spec.name}.jsonl", body), (BUILTIN_DIR / f"{spec.name}.meta.json", meta)):
            if check:
                if not path.is_file() or path.read_text(encoding="utf-8") != text:
                    stale.append(path.name)
            else:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path} ({text.count(chr(10))} lines)")
    if stale:
        print(f"out of date (run python -m scripts.banks.tc260): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
