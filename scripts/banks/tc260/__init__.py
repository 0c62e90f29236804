"""The generator of Accord's TC260-003 banks (tc260-content, tc260-refuse, tc260-comply).

Run `python -m scripts.banks.tc260` to write them into accord/probes/banks/, or with `--check` to verify that
the committed files are what the generator makes. The topics and phrasings are written by the project in
English and Chinese (`content_topics`, `refuse_topics`, `comply_topics`, `phrasings`); `build` combines them.
"""
