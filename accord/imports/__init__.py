"""Other tools' results as Accord evidence (`accord import inspect|garak|promptfoo`).

    read_inspect / read_garak / read_promptfoo   one tool's file -> a Transcript (model.py), or a one-line error
    map_probe                                    which Accord metric a tool's probe evidences (mapping.toml)
    import_transcript                            a Transcript -> a finished run in the store, judged by Accord
"""

from accord.imports.garak import read_garak
from accord.imports.inspect_log import read_inspect
from accord.imports.mapping import kind_names, load_mapping, map_probe
from accord.imports.model import ImportedItem, Transcript
from accord.imports.promptfoo import read_promptfoo
from accord.imports.record import ImportOutcome, import_transcript

READERS = {"inspect": read_inspect, "garak": read_garak, "promptfoo": read_promptfoo}

__all__ = ["READERS", "ImportOutcome", "ImportedItem", "Transcript", "import_transcript", "kind_names",
           "load_mapping", "map_probe", "read_garak", "read_inspect", "read_promptfoo"]
