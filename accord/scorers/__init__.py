"""Scorers: judge target responses (refusal detection and its measured accuracy)."""
