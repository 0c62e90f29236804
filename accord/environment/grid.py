"""Grid carbon intensity per region, from the table shipped beside this module (grid_intensity.json, its
source and each row's year inside it). Regions are ISO 3166-1 alpha-2 or alpha-3 codes, or `EU`: the EU-27's
figure is derived here as the generation-weighted mean of its member states' rows, and says so."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).with_name("grid_intensity.json")

# alpha-2 -> alpha-3 for the regions Accord's profiles name and the EU-27
ALPHA3 = {
    "AT": "AUT", "BE": "BEL", "BG": "BGR", "HR": "HRV", "CY": "CYP", "CZ": "CZE", "DK": "DNK", "EE": "EST",
    "FI": "FIN", "FR": "FRA", "DE": "DEU", "GR": "GRC", "HU": "HUN", "IE": "IRL", "IT": "ITA", "LV": "LVA",
    "LT": "LTU", "LU": "LUX", "MT": "MLT", "NL": "NLD", "PL": "POL", "PT": "PRT", "RO": "ROU", "SK": "SVK",
    "SI": "SVN", "ES": "ESP", "SE": "SWE",
    "CN": "CHN", "US": "USA", "GB": "GBR", "UK": "GBR", "JP": "JPN", "KR": "KOR", "SG": "SGP", "IN": "IND",
    "CA": "CAN", "AU": "AUS", "BR": "BRA", "CH": "CHE", "NO": "NOR", "HK": "HKG", "TW": "TWN", "AE": "ARE",
    "SA": "SAU", "ZA": "ZAF", "MX": "MEX", "ID": "IDN", "VN": "VNM", "TH": "THA", "MY": "MYS", "NZ": "NZL",
}
EU27 = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
        "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")


@dataclass(frozen=True)
class GridFigure:
    region: str
    g_co2e_per_kwh: float
    year: str
    source: str
    how: str  # "table row" or how it was derived


@cache
def _table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(TABLE.read_text(encoding="utf-8"))
    return data


def intensity(region: str) -> GridFigure | None:
    """The region's figure, or None when the table has no row for it."""
    table = _table()
    rows = table["countries"]
    code = region.strip().upper()
    if code == "EU":
        members = [rows[ALPHA3[c]] for c in EU27 if ALPHA3[c] in rows]
        twh = sum(m["generation_twh"] for m in members)
        mean = sum(m["g_co2e_per_kwh"] * m["generation_twh"] for m in members) / twh
        years = sorted({str(m["year"]) for m in members})
        return GridFigure("EU", round(mean, 3), "/".join(years), table["source"],
                          f"generation-weighted mean of {len(members)} EU member states' rows ({twh:.0f} TWh)")
    key = ALPHA3.get(code, code)
    row = rows.get(key)
    if row is None:
        return None
    return GridFigure(f"{code} ({row['name']})", float(row["g_co2e_per_kwh"]), str(row["year"]), table["source"],
                      "table row")


def region_of(grid_region: str | None, regions: list[str] | None) -> str | None:
    """The profile's `grid_region`, else its only region, else None (unknown: no CO2e figure)."""
    if grid_region:
        return grid_region
    if regions and len(regions) == 1:
        return regions[0]
    return None
