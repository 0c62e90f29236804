from pathlib import Path

from accord.imports.model import Transcript


def read_garak(path: Path) -> Transcript:
    raise NotImplementedError
