"""Accord: test an AI system once, assess the evidence against many jurisdictions' AI rules."""

__version__ = "0.1.0"
