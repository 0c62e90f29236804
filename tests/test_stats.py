import math

import pytest

from accord.stats import percentile, wilson


def _score_interval_roots(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Independent oracle: the Wilson bounds are the p solving (k/n - p)^2 = z^2 p (1 - p) / n."""
    phat = k / n
    a = 1 + z * z / n
    b = -(2 * phat + z * z / n)
    c = phat * phat
    disc = math.sqrt(b * b - 4 * a * c)
    return (-b - disc) / (2 * a), (-b + disc) / (2 * a)


def test_wilson_textbook_value() -> None:
    p = wilson(5, 10)  # the textbook example: 0.5 with n = 10 gives 0.2366 to 0.7634
    assert (round(p.low or 0, 4), round(p.high or 0, 4)) == (0.2366, 0.7634)


@pytest.mark.parametrize(("k", "n"), [(0, 10), (10, 10), (95, 100), (1, 300), (299, 300), (17, 41)])
def test_wilson_matches_score_interval_roots(k: int, n: int) -> None:
    p = wilson(k, n)
    low, high = _score_interval_roots(k, n)
    assert p.rate == pytest.approx(k / n)
    assert p.low == pytest.approx(max(0.0, low), abs=1e-12)
    assert p.high == pytest.approx(min(1.0, high), abs=1e-12)


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
