"""The rows of the table held column by column (``extract.record.Rows``) and the frame built from them."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from extract import table
from extract.record import COLUMNS, Figure, Rows, as_rows


def _figure(start: int, value: str, value_max: str | None = None, mention: str = "5%") -> Figure:
    return Figure(doc="d.txt", topic="一、总体", article="", source="", sentence="增长5%。", mention=mention,
                  value=Decimal(value), value_max=None if value_max is None else Decimal(value_max), unit="%",
                  bound="exact", period="2024", role="actual", metric="增长", subject="", start=start,
                  end=start + len(mention), doc_date="2024-01-05", doc_year="2023")


FIGURES = [_figure(9, "5"), _figure(2, "1.5", "2.5", "1.5-2.5%"), _figure(2, "12000000000")]


def test_rows_give_back_the_figures_they_hold() -> None:
    rows = as_rows(FIGURES)
    assert len(rows) == 3
    assert list(rows) == FIGURES
    assert rows[1].value == Decimal("1.5") and rows[1].value_max == Decimal("2.5") and rows[0].value_max is None
    assert rows[-1] == FIGURES[-1] and rows[:2] == FIGURES[:2]


def test_rows_sort_by_start_keeps_rows_that_start_together_in_order() -> None:
    rows = as_rows(FIGURES)
    rows.sort_by_start()
    assert [(f.start, f.value) for f in rows] == [(2, Decimal("1.5")), (2, Decimal("12000000000")), (9, Decimal("5"))]


@pytest.mark.parametrize("rows", [FIGURES, as_rows(FIGURES), iter(FIGURES)])
def test_the_frame_is_the_same_from_records_and_from_rows(rows) -> None:
    df = table.to_frame(rows)
    assert list(df.columns) == list(COLUMNS)
    assert df["value"].tolist() == [5.0, 1.5, 12000000000.0]
    assert df["value_max"].iloc[1] == 2.5 and math.isnan(df["value_max"].iloc[0])
    assert df["start"].tolist() == [9, 2, 2] and str(df["start"].dtype) == "int64"
    assert df["mention"].tolist() == ["5%", "1.5-2.5%", "5%"] and df["mention"].dtype == object


def test_an_empty_frame_has_the_columns_and_their_types() -> None:
    df = table.to_frame(Rows())
    assert list(df.columns) == list(COLUMNS) and len(df) == 0
    assert (str(df["value"].dtype), str(df["end"].dtype), str(df["unit"].dtype)) == ("float64", "int64", "object")


def test_figures_of_text_are_rows_of_records() -> None:
    rows = table.figures_of_text("全年粮食产量13908亿斤，比上年增长1.6%。")
    assert [(f.mention, f.value, f.unit) for f in rows] == [("13908亿斤", Decimal("1390800000000"), "斤"),
                                                             ("1.6%", Decimal("1.6"), "%")]


def test_a_text_repeated_over_rows_is_stored_once() -> None:
    rows = table.figures_of_text("一季度增长5%。二季度增长5%。")
    mentions, metrics = rows.columns["mention"], rows.columns["metric"]
    assert mentions == ["5%", "5%"] and mentions[0] is mentions[1]
    assert metrics == ["增长", "增长"] and metrics[0] is metrics[1]
