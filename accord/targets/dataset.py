"""Dataset targets: a corpus file (training, fine-tuning or log data), scanned by computed checks such as
`corpus`, never sent to a model."""

from __future__ import annotations

from accord.config import DatasetTarget
from accord.targets.base import TargetType

TARGET_TYPES = TargetType("dataset", DatasetTarget)
