from pathlib import Path

from accord.imports.model import Transcript


def read_promptfoo(path: Path) -> Transcript:
    raise NotImplementedError
