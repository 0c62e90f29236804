"""Checks: each evidences one or more concerns of the taxonomy on a target."""

from accord.checks.refusal import CHECK as REFUSAL

CHAT_CHECKS = {REFUSAL.id: REFUSAL}

__all__ = ["CHAT_CHECKS", "REFUSAL"]
