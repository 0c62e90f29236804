"""Implicit labels on AI-generated files (GB 45438-2025, Labelling Measures Article 5): read, judge, write."""
