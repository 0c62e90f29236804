"""Small data sets and real models for the classifier tests: a frame with mixed inputs and two sensitive
columns, a scikit-learn pipeline saved with skops, and the same pipeline converted to ONNX by skl2onnx."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FEATURES = ["income", "debt", "region", "years"]
SENSITIVE = ["sex", "age_band"]


def frame(n: int = 1500, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sex = rng.choice(["female", "male"], n, p=[0.4, 0.6])
    age = rng.choice(["18-30", "31-50", "51+"], n, p=[0.3, 0.5, 0.2])
    income = rng.normal(50, 15, n) + 6 * (sex == "male")
    debt = rng.normal(20, 8, n)
    region = rng.choice(["north", "south", "east"], n)
    years = rng.integers(0, 30, n)
    logit = 0.08 * (income - 50) - 0.1 * (debt - 20) + 0.3 * (region == "north") + 0.02 * years
    outcome = np.where(rng.random(n) < 1 / (1 + np.exp(-logit)), "approve", "deny")
    return pd.DataFrame({"income": income, "debt": debt, "region": region, "years": years, "sex": sex,
                         "age_band": age, "outcome": outcome})


def pipeline(data: pd.DataFrame, *, impute: bool = True):  # type: ignore[no-untyped-def]
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numbers = make_pipeline(SimpleImputer(), StandardScaler()) if impute else StandardScaler()
    prepare = ColumnTransformer([("n", numbers, ["income", "debt", "years"]),
                                 ("c", OneHotEncoder(handle_unknown="ignore"), ["region"])])
    return make_pipeline(prepare, LogisticRegression(max_iter=500)).fit(data[FEATURES], data["outcome"])


def save_skops(model, path: Path) -> Path:  # type: ignore[no-untyped-def]
    import skops.io as sio

    sio.dump(model, path)
    return path


def save_onnx(model, path: Path) -> Path:  # type: ignore[no-untyped-def]
    from skl2onnx import to_onnx
    from skl2onnx.common.data_types import FloatTensorType, Int64TensorType, StringTensorType

    types = [("income", FloatTensorType([None, 1])), ("debt", FloatTensorType([None, 1])),
             ("region", StringTensorType([None, 1])), ("years", Int64TensorType([None, 1]))]
    onx = to_onnx(model, initial_types=types, options={"zipmap": False})
    path.write_bytes(onx.SerializeToString())
    return path


def numeric_onnx(data: pd.DataFrame, path: Path) -> Path:
    """A single-input ONNX model over the numeric columns, with ZipMap probabilities (labels 0/1)."""
    from skl2onnx import to_onnx
    from skl2onnx.common.data_types import FloatTensorType
    from sklearn.linear_model import LogisticRegression

    x = data[["income", "debt", "years"]].to_numpy(np.float32)
    model = LogisticRegression(max_iter=500).fit(x, data["outcome"].to_numpy())  # outcome already 0/1
    path.write_bytes(to_onnx(model, initial_types=[("input", FloatTensorType([None, 3]))]).SerializeToString())
    return path


def target_toml(name: str, kind: str, data: Path, *, model: Path | None = None, extra: str = "",
                data_extra: str = "") -> str:
    lines = [f'[[targets]]\nname = "{name}"\ntype = "{kind}"']
    if model is not None:
        lines.append(f'model_path = "{model}"')
    lines.append(extra)
    lines.append(f'[targets.data]\npath = "{data}"\nlabel = "outcome"\npositive_label = "approve"\n'
                 f'sensitive = ["sex", "age_band"]\n{data_extra}')
    return "\n".join(lines) + "\n"
