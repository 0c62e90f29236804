"""Other tools' results as Accord evidence (`accord import inspect|garak|promptfoo`).

    read_inspect / read_garak / read_promptfoo   one tool's file -> a Transcript (model.py), or a one-line error
    map_probe                                    which Accord metric a tool's probe evidences (mapping.toml)
    record.import_transcript                     a Transcript -> a finished run in the store, judged by Accord

The readers are light (a file's errors are reported before the checks and judges load); `record` is not
imported here for that reason.
"""

from accord.imports.garak import read_garak
from accord.imports.inspect_log import read_inspect
from accord.imports.mapping import kind_names, load_mapping, map_probe
from accord.imports.model import ImportedItem, Transcript
from accord.imports.promptfoo import read_promptfoo

READERS = {"inspect": read_inspect, "garak": read_garak, "promptfoo": read_promptfoo}

__all__ = ["READERS", "ImportedItem", "Transcript", "kind_names", "load_mapping", "map_probe", "read_garak",
           "read_inspect", "read_promptfoo"]
