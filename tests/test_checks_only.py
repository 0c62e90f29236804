"""`accord.checks.only`: a `[checks]` table that runs just the named checks, whatever else is installed."""

from __future__ import annotations

import pytest

from accord.checks import only, registered_checks
from accord.errors import ConfigError
from accord.plugins import parse_config


def test_only_the_named_checks_stay_on_with_their_settings() -> None:
    table = only({"tc260_refusal": {"draw": 7}})
    assert set(table) == set(registered_checks())
    config = parse_config({"targets": [{"name": "m", "type": "local"}], "checks": table})
    on = [cid for cid, settings in config.checks.items() if settings.enabled]
    assert on == ["tc260_refusal"]
    assert config.checks["tc260_refusal"].model_dump()["draw"] == 7


def test_a_name_no_check_has_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no installed check is named nonesuch"):
        only({"nonesuch": {}})
