"""Dates only as precise as the text: a month stays a month, no year means no date."""
from __future__ import annotations

import pytest

from recoupe.dates import parse_date


@pytest.mark.parametrize(("text", "expected"), [
    ("dimanche, 14 avril 2024", "2024-04-14"),
    ("14 novembre 2022", "2022-11-14"),
    ("Nov. 15, 2022 10:32 AM", "2022-11-15"),
    ("2022-11-14T10:00:00Z", "2022-11-14"),
    ("2022-11", "2022-11"),
    ("novembre 2022", "2022-11"),
    ("lundi", None),
    ("2022", None),
    ("en 2022, la guerre", None),
])
def test_precision(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected
