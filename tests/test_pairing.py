"""Which rows can pair (extract/pairing/match.pairable), and that preparing only those gives the rows,
pairs and series the whole table gives."""

from __future__ import annotations

import pandas as pd
import pytest
from test_compare import Doc, report_2024, report_2025, table  # tests/ is on sys.path

from extract import pairing
from extract.pairing import match, rows

GDP = "国内生产总值增长"


def one_report() -> Doc:
    d = Doc("gov-2025.txt", article="2025年政府工作报告", doc_date="2025-03-05", topic="2024年工作回顾")
    d.fig("5%左右", 5, "%", metric=GDP, role="target", bound="approx", period="2025", topic="目标")
    return d


@pytest.mark.parametrize("mention, value, unit, metric, subject, role, can_pair", [
    ("5%", 5.0, "%", GDP, "", "actual", True),
    ("5%", 5.0, "%", "国内生产总值比上年增长", "", "actual", True),  # the same canonical name
    ("5%", 5.0, "%", "GDP增长", "全国", "actual", True),  # a national subject is no subject
    ("5%", 5.0, "%", "国内生产总值", "", "actual", False),  # a level, not a change
    ("5%", 5.0, "%", GDP, "中央企业", "actual", False),  # another subject
    ("5万人", 5e4, "人", GDP, "", "actual", False),  # another unit
    ("5%", 5.0, "%", "", "", "actual", False),  # no metric
    ("5%", float("nan"), "%", GDP, "", "actual", False),  # no value
    ("6%", 6.0, "%", "居民消费价格涨幅", "", "target", True),  # a goal always
    ("6%", 6.0, "%", "", "", "forecast", True),
])
def test_a_row_can_pair_when_a_goal_of_its_unit_and_subject_has_a_matching_metric(
        mention, value, unit, metric, subject, role, can_pair):
    d = one_report()
    d.fig(mention, value, unit, metric=metric, subject=subject, role=role)
    t = table(d)
    assert match.pairable(rows.Cells(t), pairing.load_mapping(None)) == [True, can_pair]


def test_a_row_paired_by_hand_can_pair_whatever_its_metric():
    d = one_report()
    d.fig("4.9%", 4.9, "%", metric="", role="actual")
    d.fig("4.9万人", 4.9e4, "人", metric="", role="actual")
    t = table(d)
    by_hand = pairing.load_mapping({"pairs": [{"target": "a", "actual": "b"}]})
    assert match.pairable(rows.Cells(t), by_hand) == [True, True, False]
    assert match.pairable(rows.Cells(t), pairing.load_mapping(None)) == [True, False, False]


def test_the_tracked_metric_s_rows_can_pair_without_a_goal():
    d = Doc("bulletin-2024.txt", doc_date="2024-12")
    d.fig("1000亿元", 1e11, "元", metric="社会消费品零售总额")
    t = table(d)
    assert match.pairable(rows.Cells(t), pairing.load_mapping(None)) == [False]
    assert match.pairable(rows.Cells(t), pairing.load_mapping(None), metric="社会消费品零售总额") == [True]


def test_rows_that_cannot_pair_still_carry_period_cues_and_sections():
    """A row that cannot pair still says 过去一年 for the rows after it, and a new section still ends it."""
    d = Doc("gov-2025.txt", article="2025年政府工作报告", doc_date="2025-03-05", topic="综述")
    d.fig("3万亿元", 3e12, "元", metric="", sentence="过去一年，专项债券发行3万亿元。")  # cannot pair
    d.fig("5%", 5, "%", metric=GDP, sentence="经济增长5%。")
    d.fig("2亿元", 2e8, "元", metric="", sentence="资金2亿元。", topic="其他")  # cannot pair: a new section
    d.fig("5.1%", 5.1, "%", metric=GDP, sentence="再增长5.1%。", topic="综述")
    d.fig("5%左右", 5, "%", metric=GDP, role="forecast", bound="approx", period="2026", sentence="明年增长5%左右。",
          topic="展望")
    t = table(d)
    every = {r.pos: r for r in rows.prepare(t, {})}
    needed = match.pairable(rows.Cells(t), pairing.load_mapping(None))
    assert needed == [False, True, False, True, True]
    some = rows.prepare(t, {}, needed)
    assert [r.pos for r in some] == [1, 3, 4]
    assert some == [every[r.pos] for r in some]
    assert [r.period for r in some] == ["2024", "2025", "2026"]


def test_a_document_given_twice_counts_once_even_when_its_first_copy_cannot_pair():
    first = report_2025()
    again = table(report_2025()).assign(metric="")  # the same rows again, read without metrics
    t = pd.concat([again, table(report_2024(), report_2025())], ignore_index=True)
    cells = rows.Cells(t)
    prepared = rows.prepare(cells, {}, match.pairable(cells, pairing.load_mapping(None)))
    assert match.repeats(cells, prepared) == {len(again) + len(table(report_2024())) + i
                                              for i in range(len(first.rows))} & {r.pos for r in prepared}


@pytest.mark.parametrize("mapping", [None, {"metrics": {"经济增速": GDP}}])
def test_pairs_and_series_are_the_whole_table_s(mapping):
    t = table(report_2024(), report_2025())
    found = match.paired(t, mapping=mapping)
    assert len(found.rows) < len(t)  # only the rows that can pair were prepared
    every = {r.pos: r for r in rows.prepare(t, pairing.load_mapping(mapping).index())}
    assert found.rows == [every[r.pos] for r in found.rows]
    pd.testing.assert_frame_equal(match.pairs_frame(found.pairs), pairing.compare(t, mapping=mapping))
    pd.testing.assert_frame_equal(pairing.track_series(found), pairing.track(t, mapping=mapping))
