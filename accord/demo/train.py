"""Train the demo credit classifier (seeded) and write it with skops beside its held-out test rows.

Run by scripts/setup: `python -m accord.demo.train`. A logistic regression on one-hot encoded categories and
scaled numbers, trained on 70% of the rows (stratified by label, seed 0); the other 30% are the audit's data."""

from __future__ import annotations

import sys

from accord.demo import DATA, MODEL, TEST_DATA, TRAINED
from accord.demo.german_credit import FEATURES, LABEL, load

SEED = 0


def main() -> None:
    import skops.io as sio
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    frame = load(DATA)
    train, test = train_test_split(frame, test_size=0.3, random_state=SEED, stratify=frame[LABEL])
    numbers = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    categories = make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore"))
    numeric = [c for c in FEATURES if frame[c].dtype.kind in "if"]
    prepare = ColumnTransformer([("numbers", numbers, numeric),
                                 ("categories", categories, [c for c in FEATURES if c not in numeric])])
    model = make_pipeline(prepare, LogisticRegression(max_iter=2000, random_state=SEED))
    model.fit(train[FEATURES], train[LABEL])
    TRAINED.mkdir(parents=True, exist_ok=True)
    sio.dump(model, MODEL)
    test.to_csv(TEST_DATA, index=False)
    accuracy = (model.predict(test[FEATURES]) == test[LABEL]).mean()
    print(f"demo credit model: {MODEL} (held-out accuracy {accuracy:.3f} on {len(test)} rows)", file=sys.stderr)


if __name__ == "__main__":
    main()
