"""The generators of Accord's shipped probe banks (accord/probes/banks/), run from the repository root.

- `python -m scripts.banks.tc260 [--check]`: tc260-content, tc260-refuse and tc260-comply (seeded; `--check`
  verifies the committed files, and tests/test_tc260_banks.py does the same).
- `python -m scripts.banks.privacy`: privacy-en and privacy-zh (seeded; needs faker, in the `test` extra).

Both write byte-identical files on every run; the judges' builders sit beside them in scripts/judges/.
"""
