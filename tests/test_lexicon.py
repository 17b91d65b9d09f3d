"""The language data is read once and checked against its typed schema."""

from __future__ import annotations

from typing import TypedDict

import pytest

from extract import lexicon, schema


def test_every_data_file_fits_its_schema() -> None:
    assert lexicon.check_all() == ["numbers", "layout", "units", "meaning", "compare", "tables", "view"]


class _Part(TypedDict):
    max_len: int
    share: float
    words: list[str]
    digits: dict[str, int]


class _File(TypedDict):
    part: _Part


_GOOD = {"part": {"max_len": 40, "share": 0.5, "words": ["约"], "digits": {"一": 1}}}


@pytest.mark.parametrize("change, message", [
    ({"max_len": "40"}, "data/x.toml: [part] max_len: expected int, got str"),
    ({"max_len": True}, "data/x.toml: [part] max_len: expected int, got bool"),
    ({"share": "half"}, "data/x.toml: [part] share: expected float, got str"),
    ({"words": "约"}, "data/x.toml: [part] words: expected a list, got str"),
    ({"words": ["约", 2]}, "data/x.toml: [part] words[1]: expected str, got int"),
    ({"digits": {"一": "1"}}, "data/x.toml: [part] digits.一: expected int, got str"),
])
def test_a_mistyped_key_names_the_file_and_the_key(change: dict, message: str) -> None:
    data = {"part": {**_GOOD["part"], **change}}
    with pytest.raises(lexicon.LexiconError) as e:
        lexicon.check(data, _File, "data/x.toml")
    assert str(e.value) == message


@pytest.mark.parametrize("data, message", [
    ({"part": {k: v for k, v in _GOOD["part"].items() if k != "share"}}, "data/x.toml: [part] share: missing"),
    ({}, "data/x.toml: [part]: missing"),
])
def test_a_missing_key_names_the_file_and_the_key(data: dict, message: str) -> None:
    with pytest.raises(lexicon.LexiconError) as e:
        lexicon.check(data, _File, "data/x.toml")
    assert str(e.value) == message


@pytest.mark.parametrize("data", [
    _GOOD,
    {"part": {**_GOOD["part"], "share": 1}},  # an integer where a float is expected
    {"part": {**_GOOD["part"], "new_key": "新"}},  # a key the schema does not list yet
])
def test_good_data_passes(data: dict) -> None:
    lexicon.check(data, _File, "data/x.toml")
    assert data["part"]["max_len"] == 40


def test_a_unit_spec_takes_a_factor_as_a_number_or_a_fraction() -> None:
    for factor in (1000, 0.1, "10000/15"):
        lexicon.check({"factor": factor}, schema.UnitSpec, "data/units.toml")
    with pytest.raises(lexicon.LexiconError, match=r"\[factor\]: expected float or str, got list"):
        lexicon.check({"factor": [1]}, schema.UnitSpec, "data/units.toml")
