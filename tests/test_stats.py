import math

import pytest

from accord.stats import percentile, wilson


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [  # reference values from the closed-form Wilson score interval, z = 1.959964
        (5, 10, 0.236593, 0.763407),
        (0, 10, 0.0, 0.277533),
        (10, 10, 0.722467, 1.0),
        (95, 100, 0.888348, 0.978457),
        (1, 300, 0.000589, 0.018607),
    ],
)
def test_wilson_matches_reference(k: int, n: int, low: float, high: float) -> None:
    p = wilson(k, n)
    assert p.rate == pytest.approx(k / n)
    assert p.low == pytest.approx(low, abs=1e-6)
    assert p.high == pytest.approx(high, abs=1e-6)


def test_wilson_empty_and_invalid() -> None:
    assert wilson(0, 0).rate is None
    with pytest.raises(ValueError):
        wilson(3, 2)


def test_percentile_interpolates() -> None:
    values = [1.0, 2.0, 3.0, 4.0]
    assert percentile(values, 50) == 2.5
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 4.0
    assert percentile([], 50) is None
    assert math.isclose(percentile(values, 90) or 0, 3.7)
