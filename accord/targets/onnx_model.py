"""An ONNX classifier run with onnxruntime (CPU), in batches.

Inputs: either one input per feature column, named as the column (what skl2onnx makes for a frame of mixed
types), or a single input that takes every feature as one numeric matrix. Outputs: the first is the
predicted label; the second, when present, the probabilities, either a tensor with one column per label value
in sorted order (as scikit-learn orders `classes_`) or a sequence of maps from label to probability (ZipMap).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from accord.errors import ConfigError, TargetUnavailable
from accord.targets.tabular import key

if TYPE_CHECKING:
    import pandas as pd

BATCH = 65_536
DTYPES = {"tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(int64)": np.int64,
          "tensor(int32)": np.int32, "tensor(string)": object, "tensor(bool)": np.bool_}


class OnnxModel:
    def __init__(self, path: Path) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise TargetUnavailable(f"cannot load {path.name} with onnxruntime: {str(exc).splitlines()[0]}") from None
        self.inputs = self.session.get_inputs()
        self.outputs = [o.name for o in self.session.get_outputs()]

    def _feeds(self, frame: pd.DataFrame) -> dict[str, np.ndarray]:
        names = [i.name for i in self.inputs]
        if len(self.inputs) == 1 and names[0] not in frame.columns:
            dtype = DTYPES.get(self.inputs[0].type, np.float32)
            return {names[0]: frame.to_numpy(dtype=dtype)}
        missing = [n for n in names if n not in frame.columns]
        if missing:
            raise ConfigError(f"the ONNX model wants inputs {', '.join(missing)} that are not feature columns")
        feeds = {}
        for i in self.inputs:
            dtype = DTYPES.get(i.type, np.float32)
            column = frame[i.name]
            if dtype is object:
                values = column.astype(object).where(column.notna(), "").astype(str).to_numpy(dtype=object)
            else:
                values = column.to_numpy(dtype=dtype)
            feeds[i.name] = values.reshape(-1, 1)
        return feeds

    def _run(self, frame: pd.DataFrame, outputs: list[str]) -> list[Any]:
        parts: list[list[Any]] = [[] for _ in outputs]
        for start in range(0, len(frame), BATCH):
            got = self.session.run(outputs, self._feeds(frame.iloc[start:start + BATCH]))
            for part, value in zip(parts, got, strict=True):
                part.append(value)
        return [np.concatenate(p) if isinstance(p[0], np.ndarray) else [x for chunk in p for x in chunk]
                for p in parts]

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return np.asarray(self._run(frame, self.outputs[:1])[0]).ravel()

    def proba(self, frame: pd.DataFrame, positive: str, label_values: tuple[str, ...]) -> np.ndarray | None:
        if len(self.outputs) < 2:
            return None
        probabilities = self._run(frame, [self.outputs[1]])[0]
        if isinstance(probabilities, list):  # ZipMap: one {label: probability} per row
            return np.asarray([next(v for k, v in row.items() if key(k) == positive) for row in probabilities])
        table = np.asarray(probabilities, dtype=np.float64)
        if table.ndim != 2 or table.shape[1] != len(label_values):
            return None
        order = sorted(label_values, key=_sort_key)
        return table[:, order.index(positive)]


def _sort_key(value: str) -> tuple[int, float | str]:
    try:
        return (0, float(value))
    except ValueError:
        return (1, value)
