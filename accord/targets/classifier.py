"""Classifier targets: load the model (skops, pickle behind trust_pickle, ONNX) and get its decisions.

`decisions(target)` is what the checks call: the checked data, the decisions as 0/1, the scores (the
predicted probability of the favourable outcome, where the model gives one) and the loaded model for checks
that predict again on changed data (robustness). Heavy imports happen inside the functions that need them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from accord.config import ClassifierTarget, OnnxTarget, PredictionsTarget, SkopsTarget
from accord.errors import ConfigError, TargetUnavailable
from accord.targets.base import TargetType
from accord.targets.tabular import Table, key, load_table, numeric_column

if TYPE_CHECKING:
    import pandas as pd

PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib")
# trusted beyond skops' defaults: a NumPy dtype is plain data (scikit-learn's OneHotEncoder stores one)
ALSO_TRUSTED = ("numpy.dtype",)
DEMO_HINT = "run scripts/setup to train the demo credit model"


class Model(Protocol):
    """A loaded classifier: raw predicted labels, and the probability of each label value where it has one."""

    def predict(self, frame: pd.DataFrame) -> np.ndarray: ...
    def proba(self, frame: pd.DataFrame, positive: str, label_values: tuple[str, ...]) -> np.ndarray | None: ...


@dataclass(frozen=True, eq=False)
class Decisions:
    table: Table
    y_pred: np.ndarray
    score: np.ndarray | None
    model: Model | None            # None for a predictions file
    caveats: tuple[str, ...] = ()  # shown in the report (a model loaded from pickle, ...)

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        """0/1 decisions of the model on `frame` (the feature columns)."""
        if self.model is None:
            raise ConfigError("this target is a predictions file: there is no model to run")
        return self.table.decisions(self.model.predict(frame), "the model's predictions")


def decisions(target: ClassifierTarget) -> Decisions:
    if isinstance(target, PredictionsTarget):
        d = target.data
        assert d.prediction is not None
        table = load_table(d, uses=tuple(c for c in (d.prediction, d.score) if c))
        score = numeric_column(table, d.score) if d.score else None
        y_pred = table.decisions(table.frame[d.prediction].to_numpy(), f"prediction column {d.prediction!r}")
        return Decisions(table, y_pred, score, None)
    if target.data.prediction or target.data.score:
        raise ConfigError(f"target {target.name}: data.prediction and data.score are for predictions files; "
                          "a model's decisions and scores come from the model")
    model, caveats = load_model(target)
    table = load_table(target.data)
    frame = table.frame[list(table.features)]
    try:
        raw = model.predict(frame)
        proba = model.proba(frame, table.positive, table.label_values)
    except Exception as exc:  # the model's own error, in one line
        raise TargetUnavailable(f"the model {target.model_path.name} could not predict on {table.path.name}: "
                                f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None
    return Decisions(table, table.decisions(raw, "the model's predictions"), proba, model, caveats)


def load_model(target: SkopsTarget | OnnxTarget) -> tuple[Model, tuple[str, ...]]:
    path = target.model_path
    if not path.is_file():
        hint = DEMO_HINT if "demo" in path.parts else "check model_path"
        raise TargetUnavailable(f"model file not found: {path} ({hint})")
    if isinstance(target, OnnxTarget):
        from accord.targets.onnx_model import OnnxModel

        return OnnxModel(path), ()
    if path.suffix.lower() in PICKLE_SUFFIXES:
        if not target.trust_pickle:
            raise ConfigError(f"{path.name} is a pickle file, and loading a pickle can run any code: save the model "
                              "with skops (skops.io.dump), or set trust_pickle = true if you trust its source")
        note = f"{path.name} was loaded with pickle (trust_pickle = true): a pickle file can run any code"
        warnings.warn(note, UserWarning, stacklevel=2)
        return SklearnModel(_unpickle(path)), (note,)
    return SklearnModel(_load_skops(path, target.trusted_types)), ()


def _unpickle(path: Path) -> Any:
    import joblib

    try:
        return joblib.load(path)
    except Exception as exc:
        raise TargetUnavailable(f"cannot load {path.name}: {type(exc).__name__}: {exc}") from None


def _load_skops(path: Path, trusted: list[str]) -> Any:
    import skops.io as sio

    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:
        raise TargetUnavailable(f"cannot read {path.name} as a skops file: {type(exc).__name__}: {exc}") from None
    refused = [t for t in untrusted if t not in trusted and t not in ALSO_TRUSTED]
    if refused:
        raise ConfigError(f"{path.name} holds types that skops does not trust by default: {', '.join(refused)}; if "
                          "you trust this file, list them in the target's trusted_types")
    return sio.load(path, trusted=untrusted or None)


class SklearnModel:
    """A scikit-learn compatible estimator: `predict`, and `predict_proba` with `classes_` where it has them."""

    def __init__(self, estimator: Any) -> None:
        if not callable(getattr(estimator, "predict", None)):
            raise ConfigError(f"the loaded object ({type(estimator).__name__}) has no predict method")
        self.estimator = estimator

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.estimator.predict(frame))

    def proba(self, frame: pd.DataFrame, positive: str, label_values: tuple[str, ...]) -> np.ndarray | None:
        classes = getattr(self.estimator, "classes_", None)
        if classes is None or not callable(getattr(self.estimator, "predict_proba", None)):
            return None
        keys = [key(c) for c in classes]
        if positive not in keys:
            return None
        return np.asarray(self.estimator.predict_proba(frame), dtype=np.float64)[:, keys.index(positive)]


TARGET_TYPES = (TargetType("sklearn", SkopsTarget), TargetType("onnx", OnnxTarget),
                TargetType("predictions", PredictionsTarget))
