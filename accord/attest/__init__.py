"""Attestations answered once: the questionnaire `accord attest` writes, the answers file it keeps, and the
per-requirement answers an audit reads from it (docs/attest.md)."""
