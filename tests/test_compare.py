"""Goals against results (extract/pairing): pairing, periods, status, mapping, corrections, CLI."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import cli
from extract import pairing as cmp
from extract.pairing import names, rows
from extract.pairing.mapping import tomllib  # the standard library's, or tomli before Python 3.11
from extract.record import COLUMNS
from extract.table import read_table, write_table

FIXTURES = Path(__file__).parent / "fixtures" / "compare"

R24 = "2024年政府工作报告"
R25 = "2025年政府工作报告"
GOALS = "2024年经济社会发展总体要求和政策取向"
GOALS25 = "2025年经济社会发展总体要求和政策取向"
TARGETS_2024 = ("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；城镇调查失业率5.5%左右；"
                "居民消费价格涨幅3%左右；居民收入增长和经济增长同步；粮食产量1.3万亿斤以上；"
                "单位国内生产总值能耗降低2.5%左右。")
REVIEW_2025 = ("过去一年，面对外部压力加大、内部困难增多的复杂严峻形势，我们坚定信心、迎难而上，经济社会发展主要目标"
               "任务顺利完成。")


class Doc:
    """Builds rows of one document with the table's columns, offsets counting up."""

    def __init__(self, doc: str, *, article: str = "", doc_date: str = "", topic: str = ""):
        self.doc, self.article, self.doc_date, self.topic = doc, article, doc_date, topic
        self.rows: list[dict] = []

    def fig(self, mention: str, value: float, unit: str, *, metric: str, sentence: str = "",
            role: str = "actual", bound: str = "exact", period: str = "", subject: str = "",
            value_max: float | None = None, topic: str | None = None) -> Doc:
        sentence = sentence or f"{metric}{mention}。"
        start = 100 * (len(self.rows) + 1) + max(sentence.find(mention), 0)
        self.rows.append(dict(
            doc=self.doc, topic=self.topic if topic is None else topic, article=self.article, source="",
            sentence=sentence, mention=mention, value=value, value_max=value_max, unit=unit, bound=bound,
            period=period, role=role, metric=metric, subject=subject, start=start, end=start + len(mention),
            doc_date=self.doc_date,
        ))
        return self


def table(*docs: Doc) -> pd.DataFrame:
    return pd.DataFrame([r for d in docs for r in d.rows], columns=list(COLUMNS))


def report_2024() -> Doc:
    d = Doc("gov-2024.txt", article=R24, doc_date="2024")
    s = "国内生产总值增长5.2%，城镇新增就业1244万人，城镇调查失业率平均为5.2%。"
    d.fig("5.2%", 5.2, "%", metric="国内生产总值增长", sentence=s, topic="2023年工作回顾")
    d.fig("1244万人", 12440000, "人", metric="城镇新增就业", sentence=s, topic="2023年工作回顾")
    d.fig("5.2%", 5.2, "%", metric="城镇调查失业率平均为", sentence=s, topic="2023年工作回顾")
    for mention, value, unit, bound, metric in [
        ("5%左右", 5, "%", "approx", "国内生产总值增长"),
        ("1200万人以上", 12000000, "人", "lower", "城镇新增就业"),
        ("5.5%左右", 5.5, "%", "approx", "城镇调查失业率"),
        ("3%左右", 3, "%", "approx", "居民消费价格涨幅"),
        ("1.3万亿斤以上", 1.3e12, "斤", "lower", "粮食产量"),
        ("2.5%左右", 2.5, "%", "approx", "单位国内生产总值能耗降低"),
    ]:
        d.fig(mention, value, unit, metric=metric, sentence=TARGETS_2024, role="target", bound=bound,
              period="2024", topic=GOALS)
    return d


def report_2025(*, doc_date: str = "2025-03-05", topic: str = "2024年工作回顾") -> Doc:
    d = Doc("gov-2025.txt", article=R25, doc_date=doc_date, topic=topic)
    d.fig("134万亿元", 1.34e14, "元", bound="lower", metric="国内生产总值",
          sentence=REVIEW_2025 + "国内生产总值超过134万亿元，比上年增长5%。")
    d.fig("5%", 5, "%", metric="国内生产总值比上年增长", sentence="国内生产总值超过134万亿元，比上年增长5%。")
    s = "城镇新增就业1256万人，城镇调查失业率平均值为5.1%。"
    d.fig("1256万人", 12560000, "人", metric="城镇新增就业人数", sentence=s)
    d.fig("5.1%", 5.1, "%", metric="城镇调查失业率平均值", sentence=s)
    d.fig("0.2%", 0.2, "%", metric="居民消费价格比上年上涨", sentence="居民消费价格比上年上涨0.2%。")
    d.fig("1.4万亿斤", 1.4e12, "斤", bound="lower", metric="粮食产量", sentence="粮食产量首次超过1.4万亿斤。")
    d.fig("3%以上", 3, "%", bound="lower", metric="单位国内生产总值能耗下降",
          sentence="单位国内生产总值能耗下降3%以上。")
    d.fig("5%左右", 5, "%", bound="approx", role="target", metric="国内生产总值增长", period="2025",
          sentence="今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。", topic=GOALS25)
    return d


def compare_cli(args: list[str]) -> int:
    return cli.main(["compare", *args])


def by_metric(pairs: pd.DataFrame) -> dict[str, dict]:
    return {r["metric"]: r for r in pairs.to_dict("records")}


# ----------------------------------------------------------------------------- output shape

def test_columns_are_exactly_the_contract_then_extras():
    pairs = cmp.compare(table(report_2024(), report_2025()))
    assert tuple(pairs.columns) == cmp.PAIR_COLUMNS + cmp.EXTRA_COLUMNS
    assert cmp.PAIR_COLUMNS == (
        "metric", "subject", "period", "unit", "role", "target_value", "target_bound", "target_mention",
        "target_doc", "target_sentence", "actual_value", "actual_bound", "actual_mention", "actual_doc",
        "actual_sentence", "gap", "gap_pct", "status")
    assert cmp.EXTRA_COLUMNS == ("period_source", "target_key", "actual_key")


def test_empty_table_gives_empty_pairs():
    pairs = cmp.compare(pd.DataFrame(columns=list(COLUMNS)))
    assert pairs.empty and tuple(pairs.columns) == cmp.PAIR_COLUMNS + cmp.EXTRA_COLUMNS


# ----------------------------------------------------------------------------- two years of reports

def test_targets_of_2024_meet_results_of_2025_report():
    pairs = by_metric(cmp.compare(table(report_2024(), report_2025())).query("period == '2024'"))
    gdp = pairs["国内生产总值增长"]
    assert (gdp["target_doc"], gdp["actual_doc"]) == ("gov-2024.txt", "gov-2025.txt")
    assert (gdp["target_mention"], gdp["actual_mention"], gdp["status"]) == ("5%左右", "5%", "met")
    assert gdp["gap"] == 0 and gdp["gap_pct"] == 0
    assert gdp["period_source"] == "inferred" and gdp["unit"] == "%" and gdp["role"] == "target"
    assert gdp["actual_sentence"] == "国内生产总值超过134万亿元，比上年增长5%。"

    jobs = pairs["城镇新增就业"]
    assert (jobs["actual_mention"], jobs["status"]) == ("1256万人", "met")  # 1256 ≤ 1200 × 1.05
    assert jobs["gap"] == 560000 and math.isclose(jobs["gap_pct"], 560000 / 12000000)

    cpi = pairs["居民消费价格涨幅"]  # a ceiling: 0.2% meets 3%左右
    assert (cpi["actual_mention"], cpi["status"]) == ("0.2%", "met")
    assert math.isclose(cpi["gap"], -2.8)
    assert pairs["城镇调查失业率"]["status"] == "met"
    assert pairs["单位国内生产总值能耗降低"]["status"] == "exceeded"


def test_lower_target_far_above_is_still_met():
    pairs = by_metric(cmp.compare(table(report_2024(), report_2025())).query("period == '2024'"))
    grain = pairs["粮食产量"]
    assert grain["actual_value"] == 1.4e12 and grain["status"] == "met"


def test_results_of_the_2024_report_are_for_2023_and_do_not_meet_2024_targets():
    pairs = cmp.compare(table(report_2024()))
    assert set(pairs["status"]) == {"pending"}
    assert pairs["actual_value"].isna().all() and (pairs["actual_doc"] == "").all()
    assert (pairs["actual_key"] == "").all() and pairs["gap"].isna().all()


def test_next_year_target_is_pending():
    pairs = cmp.compare(table(report_2024(), report_2025()))
    row = pairs.query("period == '2025'").iloc[0]
    assert (row["metric"], row["status"], row["target_doc"]) == ("国内生产总值增长", "pending", "gov-2025.txt")
    assert row["period_source"] == "stated"


def test_level_never_pairs_with_growth():
    pairs = by_metric(cmp.compare(table(report_2024(), report_2025())))
    assert "134万亿元" not in {p["actual_mention"] for p in pairs.values()}


# ----------------------------------------------------------------------------- periods

def test_year_from_article_title_and_review_cue_when_no_doc_date():
    d = report_2025(doc_date="", topic="")
    pairs = by_metric(cmp.compare(table(report_2024(), d)).query("period == '2024'"))
    # 过去一年 opens the first result's sentence; the following sentences inherit it.
    assert pairs["国内生产总值增长"]["status"] == "met"
    assert pairs["城镇新增就业"]["actual_mention"] == "1256万人"
    assert pairs["居民消费价格涨幅"]["period_source"] == "inferred"


def test_without_any_cue_a_result_belongs_to_its_own_documents_year():
    d = report_2025(doc_date="", topic="")
    d.rows[0]["sentence"] = "国内生产总值超过134万亿元，比上年增长5%。"  # no 过去一年
    d.rows.pop()  # and no goals for its own year 2025
    pairs = cmp.compare(table(report_2024(), d))
    assert set(pairs.query("period == '2024'")["status"]) == {"pending"}


def test_a_document_that_sets_goals_for_its_year_reports_the_year_before():
    d = report_2025(doc_date="", topic="")
    d.rows[0]["sentence"] = "国内生产总值超过134万亿元，比上年增长5%。"  # no 过去一年, but goals for 2025
    pairs = by_metric(cmp.compare(table(report_2024(), d)).query("period == '2024'"))
    assert (pairs["国内生产总值增长"]["actual_mention"], pairs["国内生产总值增长"]["status"]) == ("5%", "met")


def test_current_year_cue_ends_a_review_stretch():
    d = Doc("r.txt", article=R25)
    d.fig("5%", 5, "%", metric="国内生产总值增长", sentence="过去一年，国内生产总值增长5%。")
    d.fig("1256万人", 12560000, "人", metric="城镇新增就业", sentence="今年以来，城镇新增就业1256万人。")
    t = Doc("t.txt", article=R24)
    t.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2024")
    t.fig("1200万人以上", 12e6, "人", role="target", bound="lower", metric="城镇新增就业", period="2024")
    t.fig("1200万人以上", 12e6, "人", role="target", bound="lower", metric="城镇新增就业", period="2025")
    pairs = cmp.compare(table(d, t))
    assert list(pairs["status"]) == ["met", "pending", "met"]


def test_baseline_in_the_targets_own_document_is_not_its_result():
    d = Doc("news-2025-01.txt", doc_date="2025-01")
    s = "目前，管理的二级单位户数已由重组时的147户减至84户，预计2025年将进一步减至70户左右。"
    d.fig("147户", 147, "户", metric="管理的二级单位户数", sentence=s)
    d.fig("84户", 84, "户", metric="管理的二级单位户数", sentence=s)
    d.fig("70户左右", 70, "户", bound="approx", role="forecast", metric="管理的二级单位户数", period="2025",
          sentence=s)
    assert cmp.compare(table(d)).iloc[0]["status"] == "pending"
    later = Doc("news-2026-01.txt", doc_date="2026-01", topic="2025年工作回顾")
    later.fig("68户", 68, "户", metric="管理的二级单位户数")
    row = cmp.compare(table(d, later)).iloc[0]
    assert (row["actual_mention"], row["status"]) == ("68户", "met")


def test_topic_year_gives_the_period_and_document_name_year_is_a_last_resort():
    d = Doc("bulletin-2025-01.txt", topic="2024年工作回顾")
    d.fig("5%", 5, "%", metric="国内生产总值增长")
    d.fig("1300万人", 13e6, "人", metric="城镇新增就业", topic="")
    prepared = rows.prepare(table(d), {})
    assert [(r.period, r.period_source) for r in prepared] == [("2024", "inferred"), ("2025", "inferred")]


def test_no_year_anywhere_leaves_the_period_unknown_and_pairs_only_inside_the_document():
    a = Doc("a.txt")
    a.fig("5%左右", 5, "%", role="target", bound="approx", metric="增长")
    a.fig("5.1%", 5.1, "%", metric="增长")
    b = Doc("b.txt")
    b.fig("6%左右", 6, "%", role="target", bound="approx", metric="增长")
    pairs = cmp.compare(table(a, b))
    assert list(pairs["status"]) == ["met", "pending"]
    assert list(pairs["period_source"]) == ["inferred", "unknown"]
    assert list(pairs["period"]) == ["", ""]


@pytest.mark.parametrize("period, expected", [("2024-01/2024-12", "met"), ("2024-01/2024-11", "pending"),
                                               ("2024-12", "pending")])
def test_whole_year_by_months_is_the_year_but_part_of_it_is_not(period, expected):
    t = Doc("t.txt", doc_date="2024")
    t.fig("2万亿元", 2e12, "元", role="target", metric="战略性新兴产业投资", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("2.05万亿元", 2.05e12, "元", metric="战略性新兴产业投资", period=period)
    assert cmp.compare(table(t, a)).iloc[0]["status"] == expected


def test_five_year_span_target_pairs_with_its_final_year():
    t = Doc("plan.txt", doc_date="2021")
    t.fig("10%", 10, "%", role="target", metric="数字经济核心产业增加值占比", period="2021/2025")
    a = Doc("stats.txt", doc_date="2026")
    a.fig("10.5%", 10.5, "%", metric="数字经济核心产业增加值占比", period="2025")
    assert cmp.compare(table(t, a)).iloc[0]["status"] == "met"


# ----------------------------------------------------------------------------- subjects and units

def newsletter() -> Doc:
    d = Doc("newsletter-2025-02.txt", article="央企战新产业投资再上台阶", doc_date="2025-02", topic="国企动态")
    d.fig("2.2万亿元", 2.2e12, "元", role="target", metric="战略性新兴产业投资", subject="中央企业",
          period="2025", sentence="2025年，中央企业战略性新兴产业投资力争达到2.2万亿元。")
    d.fig("70户", 70, "户", role="target", bound="upper", metric="亏损企业户数", subject="中央企业",
          sentence="国务院国资委表示，中央企业亏损企业户数减至70户以内。")
    d.fig("2500亿元", 2.5e11, "元", metric="战略性新兴产业投资", subject="中国船舶", period="2025",
          sentence="2025年，中国船舶战略性新兴产业投资2500亿元，同比增长12%。")
    return d


def test_company_figure_never_meets_a_target_of_all_central_enterprises():
    pairs = cmp.compare(table(newsletter()))
    assert list(pairs["status"]) == ["pending", "pending"]
    assert list(pairs["subject"]) == ["中央企业", "中央企业"]


def test_same_subject_result_in_a_later_document_is_paired():
    later = Doc("newsletter-2026-01.txt", doc_date="2026-01", topic="2025年回顾")
    later.fig("2.3万亿元", 2.3e12, "元", metric="战略性新兴产业投资规模", subject="中央企业",
              sentence="2025年，中央企业完成战略性新兴产业投资规模2.3万亿元。", period="2025")
    later.fig("65户", 65, "户", metric="亏损企业户数", subject="中央企业")
    pairs = cmp.compare(table(newsletter(), later))
    assert list(pairs["status"]) == ["met", "met"]
    assert list(pairs["actual_mention"]) == ["2.3万亿元", "65户"]


def test_national_subject_words_count_as_no_subject():
    t = Doc("t.txt", doc_date="2024")
    t.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("5%", 5, "%", metric="国内生产总值增长", subject="我国", period="2024")
    assert cmp.compare(table(t, a)).iloc[0]["status"] == "met"


@pytest.mark.parametrize("unit", ["元", "百分点", "个"])
def test_units_must_agree(unit):
    t = Doc("t.txt", doc_date="2024")
    t.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig(f"5{unit}", 5, unit, metric="国内生产总值增长", period="2024")
    assert cmp.compare(table(t, a)).iloc[0]["status"] == "pending"


def test_forecasts_are_paired_and_marked():
    t = Doc("t.txt", doc_date="2024")
    t.fig("5%", 5, "%", role="forecast", metric="国内生产总值增长", period="2024",
          sentence="预计2024年国内生产总值增长5%。")
    a = Doc("a.txt", doc_date="2025")
    a.fig("4.8%", 4.8, "%", metric="国内生产总值增长", period="2024")
    row = cmp.compare(table(t, a)).iloc[0]
    assert (row["role"], row["status"]) == ("forecast", "met")


def test_rows_without_metric_pair_with_nothing():
    t = Doc("t.txt", doc_date="2024")
    t.fig("5%", 5, "%", role="target", metric="", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("5%", 5, "%", metric="", period="2024")
    assert cmp.compare(table(t, a)).iloc[0]["status"] == "pending"


def test_best_metric_wins_among_candidates():
    t = Doc("t.txt", doc_date="2024")
    t.fig("8%", 8, "%", role="target", metric="规模以上工业增加值增长", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("5.8%", 5.8, "%", metric="规模以上工业增加值增长率", period="2024")
    a.fig("8.1%", 8.1, "%", metric="规模以上工业增加值增长", period="2024")
    row = cmp.compare(table(t, a)).iloc[0]
    assert row["actual_mention"] == "8.1%"


# ----------------------------------------------------------------------------- status rules

@pytest.mark.parametrize("target, actual, bound, kwargs, expected", [
    # approx: ±5% relative
    (5, 5.25, "approx", {}, "met"),
    (5, 4.75, "approx", {}, "met"),
    (5, 5.3, "approx", {}, "exceeded"),
    (5, 4.7, "approx", {}, "missed"),
    (5, 4.7, "approx", {"tolerance": 0.1}, "met"),
    # exact
    (100, 100, "exact", {}, "met"),
    (100, 120, "exact", {}, "exceeded"),
    (100, 90, "exact", {}, "missed"),
    # lower: 超70%, 1200万人以上
    (70, 70, "lower", {}, "met"),
    (70, 72, "lower", {}, "met"),
    (70, 80, "lower", {}, "met"),
    (70, 7000, "lower", {}, "met"),
    (70, 69.9, "lower", {}, "missed"),
    # upper: 近150个, 不超过3%
    (150, 150, "upper", {}, "met"),
    (3, 0.2, "upper", {}, "met"),
    (150, 151, "upper", {}, "missed"),
    # decrease: 减至70户, 下降到…
    (70, 65, "exact", {"ceiling": True}, "met"),
    (70, 70, "exact", {"ceiling": True}, "met"),
    (70, 71, "exact", {"ceiling": True}, "missed"),
    (3, 3.1, "approx", {"ceiling": True}, "met"),
    (3, 3.2, "approx", {"ceiling": True}, "missed"),
    # a range 14%-17%
    (14, 15, "exact", {"target_max": 17}, "met"),
    (14, 18, "exact", {"target_max": 17}, "exceeded"),
    (14, 13, "exact", {"target_max": 17}, "missed"),
    (14, 10, "exact", {"target_max": 17, "ceiling": True}, "met"),
])
def test_judge(target, actual, bound, kwargs, expected):
    assert cmp.judge(target, actual, bound=bound, **kwargs) == expected


@given(target=st.floats(0.01, 1e12), bound=st.sampled_from(["exact", "approx", "lower", "upper"]),
       ceiling=st.booleans(), tolerance=st.floats(0, 0.5),
       actuals=st.lists(st.floats(0, 2e12), min_size=2, max_size=8))
def test_judge_never_goes_backwards_as_the_result_grows(target, bound, ceiling, tolerance, actuals):
    order = {"missed": 0, "met": 1, "exceeded": 2}
    if ceiling or bound == "upper":
        order = {"met": 0, "missed": 1}
    got = [cmp.judge(target, a, bound=bound, ceiling=ceiling, tolerance=tolerance) for a in sorted(actuals)]
    assert [order[g] for g in got] == sorted(order[g] for g in got)
    assert cmp.judge(target, target, bound=bound, ceiling=ceiling, tolerance=tolerance) == "met"
    if bound == "lower" and not ceiling:
        assert "exceeded" not in got  # a floor is met however far above it the result is


def test_a_document_given_twice_counts_once():
    df = table(report_2024(), report_2025())
    once = cmp.compare(df)
    twice = cmp.compare(pd.concat([df, df], ignore_index=True))
    pd.testing.assert_frame_equal(once, twice)


def test_numeric_columns_are_floats_and_nan_text_is_empty():
    df = table(report_2024(), report_2025())
    df.loc[0, "subject"] = float("nan")
    df.loc[1, "metric"] = None
    pairs = cmp.compare(df)
    for c in ("target_value", "actual_value", "gap", "gap_pct"):
        assert pairs[c].dtype == "float64"
    assert by_metric(pairs.query("period == '2024'"))["国内生产总值增长"]["status"] == "met"


def _decrease_case(sentence: str, metric: str, actual: float) -> str:
    t = Doc("t.txt", doc_date="2024")
    t.fig("70户", 70, "户", role="target", metric=metric, period="2024", sentence=sentence)
    a = Doc("a.txt", doc_date="2025")
    a.fig(f"{actual:g}户", actual, "户", metric="亏损企业户数", period="2024")
    return cmp.compare(table(t, a)).iloc[0]["status"]


@pytest.mark.parametrize("sentence", ["亏损企业户数减至70户。", "力争亏损企业户数下降到70户。",
                                      "全年亏损企业户数压减至70户。"])
def test_decrease_target_from_its_sentence(sentence):
    assert _decrease_case(sentence, "亏损企业户数", 60) == "met"
    assert _decrease_case(sentence, "亏损企业户数", 80) == "missed"


def test_ceiling_word_makes_a_ceiling_but_a_floor_word_does_not():
    def status(sentence: str, actual: float) -> str:
        t = Doc("t.txt", doc_date="2024")
        t.fig("5.5%左右", 5.5, "%", role="target", bound="approx", metric="亏损面", period="2024",
              sentence=sentence)
        a = Doc("a.txt", doc_date="2025")
        a.fig(f"{actual}%", actual, "%", metric="亏损面", period="2024")
        return cmp.compare(table(t, a)).iloc[0]["status"]

    assert status("亏损面控制在5.5%左右。", 3.0) == "met"
    assert status("亏损面不低于5.5%左右。", 3.0) == "missed"


def test_decrease_word_in_another_clause_does_not_count():
    s = "亏损额降至两百亿元，亏损企业户数70户。"
    assert _decrease_case(s, "亏损企业户数", 60) == "missed"


@pytest.mark.parametrize("actual, expected", [(0.2, "met"), (3.1, "met"), (3.5, "missed")])
def test_price_target_is_a_ceiling(actual, expected):
    t = Doc("t.txt", doc_date="2024")
    t.fig("3%左右", 3, "%", role="target", bound="approx", metric="居民消费价格涨幅", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig(f"{actual}%", actual, "%", metric="居民消费价格比上年上涨", period="2024")
    assert cmp.compare(table(t, a)).iloc[0]["status"] == expected


def test_zero_target_has_no_gap_pct():
    t = Doc("t.txt", doc_date="2024")
    t.fig("0起", 0, "起", role="target", metric="重大安全事故", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("1起", 1, "起", metric="重大安全事故", period="2024")
    row = cmp.compare(table(t, a)).iloc[0]
    assert row["gap"] == 1 and pd.isna(row["gap_pct"])


def test_negative_tolerance_is_refused():
    with pytest.raises(ValueError):
        cmp.compare(table(report_2024()), tolerance=-0.1)


# ----------------------------------------------------------------------------- metric names

@pytest.mark.parametrize("phrase, subject, canonical", [
    ("国内生产总值增长", "", "国内生产总值增长"),
    ("国内生产总值比上年增长", "", "国内生产总值增长"),
    ("GDP增长", "", "国内生产总值增长"),
    ("全年国内生产总值增长", "", "国内生产总值增长"),
    ("城镇新增就业人数", "", "城镇新增就业"),
    ("居民消费价格比上年上涨", "", "居民消费价格涨幅"),
    ("全国城镇调查失业率平均值", "", "城镇调查失业率"),
    ("中央企业战略性新兴产业投资", "中央企业", "战略性新兴产业投资"),
    ("我国 国内生产总值 增长", "", "国内生产总值增长"),
    ("国内生产总值", "", "国内生产总值"),
    ("营业收入同比增长", "", "营业收入增长"),
])
def test_normalise_metric(phrase, subject, canonical):
    assert cmp.normalise_metric(phrase, subject) == canonical


def test_fuzzy_never_joins_a_narrower_scope():
    assert cmp.normalise_metric("船舶战略性新兴产业投资") == "船舶战略性新兴产业投资"
    assert names.score("民间投资增长", "投资增长", frozenset()) == 0
    t = Doc("t.txt", doc_date="2025")
    t.fig("2.2万亿元", 2.2e12, "元", role="target", metric="战略性新兴产业投资", period="2025")
    t.fig("2500亿元", 2.5e11, "元", metric="中国船舶战略性新兴产业投资", subject="中国", period="2025")
    assert cmp.compare(table(t)).iloc[0]["status"] == "pending"


def test_fuzzy_never_joins_a_change_with_a_level():
    assert names.score("研发投入", "研发投入增长", frozenset()) == 0
    assert names.score("规模以上工业增加值增长", "规模以上工业增加值增长率", frozenset()) > 0


def test_language_data_is_consistent():
    data = names.language()
    assert data.ceiling_metrics <= data.canonicals
    assert 0 < data.threshold <= 100
    raw = tomllib.loads((Path(cmp.__file__).parent.parent / "data" / "compare.toml").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for canonical, phrases in raw["metrics"].items():
        for p in phrases:
            assert seen.setdefault(p, canonical) == canonical, f"{p} listed under two metrics"


# ----------------------------------------------------------------------------- user mapping

def renamed_growth() -> pd.DataFrame:
    t = Doc("t.txt", doc_date="2024")
    t.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("5%", 5, "%", metric="经济发展速度", period="2024")
    return table(t, a)


def test_mapping_csv_joins_metrics(tmp_path):
    df = renamed_growth()
    assert cmp.compare(df).iloc[0]["status"] == "pending"
    csv_file = tmp_path / "map.csv"
    csv_file.write_text("phrase,canonical\n经济发展速度,国内生产总值增长\n", encoding="utf-8-sig")
    assert cmp.compare(df, mapping=csv_file).iloc[0]["status"] == "met"


def test_mapping_toml_and_dict(tmp_path):
    df = renamed_growth()
    toml_file = tmp_path / "map.toml"
    toml_file.write_text('[metrics]\n"经济发展速度" = "GDP增速"\n', encoding="utf-8")
    # the user's name is resolved like any phrase: GDP增速 is 国内生产总值增长
    assert cmp.normalise_metric("经济发展速度", mapping=toml_file) == "国内生产总值增长"
    assert cmp.compare(df, mapping=toml_file).iloc[0]["status"] == "met"
    assert cmp.compare(df, mapping={"经济发展速度": "国内生产总值增长"}).iloc[0]["status"] == "met"
    assert cmp.compare(df, mapping={"metrics": {"经济发展速度": "国内生产总值增长"}}).iloc[0]["status"] == "met"


def test_mapping_overrides_the_builtin_synonyms():
    df = table(report_2024(), report_2025())
    assert by_metric(cmp.compare(df).query("period == '2024'"))["国内生产总值增长"]["status"] == "met"
    split = cmp.compare(df, mapping={"国内生产总值比上年增长": "国内生产总值名义增长"})
    assert split.query("period == '2024' and metric == '国内生产总值增长'").iloc[0]["status"] == "pending"
    renamed = cmp.compare(df, mapping={"国内生产总值增长": "GDP growth"})
    row = renamed.query("period == '2024' and metric == 'GDP growth'").iloc[0]
    assert row["status"] == "met" and row["actual_mention"] == "5%"


def test_missing_mapping_file_is_empty_and_bad_files_are_reported(tmp_path):
    assert cmp.load_mapping(tmp_path / "none.toml") == cmp.UserMapping()
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="phrase,canonical"):
        cmp.load_mapping(bad)
    worse = tmp_path / "bad.toml"
    worse.write_text("[metrics\n", encoding="utf-8")
    with pytest.raises(ValueError, match="TOML"):
        cmp.load_mapping(worse)


# ----------------------------------------------------------------------------- keys and corrections

def test_row_keys_are_stable_across_exports(tmp_path):
    df = table(report_2024(), report_2025())
    keys = list(cmp.row_keys(df))
    assert len(set(keys)) == len(keys)
    for name in ("t.csv", "t.jsonl", "t.parquet"):
        write_table(df, tmp_path / name)
        assert list(cmp.row_keys(read_table(tmp_path / name))) == keys
    assert cmp.row_key("a.txt", "5 %", 12.0, "增长 5 %。") == cmp.row_key("a.txt", "5%", "12", "增长5%。")


def two_candidates() -> pd.DataFrame:
    t = Doc("t.txt", doc_date="2024")
    t.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("5%", 5, "%", metric="国内生产总值增长", period="2024")
    a.fig("4.6%", 4.6, "%", metric="国内生产总值增长", period="2024", sentence="一季度国内生产总值增长4.6%。")
    a.fig("7%", 7, "%", metric="出口增长", period="2024")
    return table(t, a)


def test_saved_pair_is_honoured_after_reload(tmp_path):
    df = two_candidates()
    keys = cmp.row_keys(df)
    path = tmp_path / "corrections.toml"
    first = cmp.compare(df, mapping=path)
    assert first.iloc[0]["actual_mention"] == "5%"
    target = first.iloc[0]["target_key"]
    cmp.save_correction(path, target_key=target, actual_key=keys[2], note="一季度数据")
    again = cmp.compare(df.copy(), mapping=str(path))
    assert (again.iloc[0]["actual_mention"], again.iloc[0]["status"]) == ("4.6%", "missed")
    assert again.iloc[0]["actual_key"] == keys[2]
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["pairs"] == [{"target": target, "actual": keys[2], "note": "一季度数据"}]
    # a pair across metrics the user insists on is honoured too
    cmp.save_correction(path, target_key=target, actual_key=keys[3])
    assert cmp.compare(df, mapping=path).iloc[0]["actual_mention"] == "7%"
    assert len(tomllib.loads(path.read_text(encoding="utf-8"))["pairs"]) == 1
    # written whole through a temporary file, with the permissions of any file the user makes
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [x.name for x in tmp_path.iterdir()] == ["corrections.toml"]


def test_rejected_pair_falls_back_then_pending(tmp_path):
    df = two_candidates()
    keys = cmp.row_keys(df)
    path = tmp_path / "c.toml"
    cmp.save_correction(path, target_key=keys[0], actual_key=keys[1], reject=True)
    assert cmp.compare(df, mapping=path).iloc[0]["actual_mention"] == "4.6%"
    cmp.save_correction(path, target_key=keys[0], actual_key=keys[2], reject=True)
    assert cmp.compare(df, mapping=path).iloc[0]["status"] == "pending"
    assert cmp.clear_corrections(path, keys[0]) == 2
    assert cmp.compare(df, mapping=path).iloc[0]["actual_mention"] == "5%"


def test_reject_all_keeps_target_pending_and_pair_undoes_it(tmp_path):
    df = two_candidates()
    keys = cmp.row_keys(df)
    path = tmp_path / "c.toml"
    cmp.save_correction(path, target_key=keys[0], reject=True)
    row = cmp.compare(df, mapping=path).iloc[0]
    assert row["status"] == "pending" and row["actual_key"] == ""
    cmp.save_correction(path, target_key=keys[0], actual_key=keys[1])
    assert cmp.compare(df, mapping=path).iloc[0]["status"] == "met"


def test_pair_with_a_different_unit_or_a_vanished_row_is_ignored(tmp_path):
    df = two_candidates()
    keys = cmp.row_keys(df)
    extra = Doc("b.txt", doc_date="2025").fig("5亿元", 5e8, "元", metric="国内生产总值增长", period="2024")
    df2 = pd.concat([df, table(extra)], ignore_index=True)
    money = cmp.row_keys(df2)[4]
    path = tmp_path / "c.toml"
    cmp.save_correction(path, target_key=keys[0], actual_key=money)
    assert cmp.compare(df2, mapping=path).iloc[0]["actual_mention"] == "5%"
    cmp.save_correction(path, target_key=keys[0], actual_key="0" * 16)
    assert cmp.compare(df, mapping=path).iloc[0]["actual_mention"] == "5%"


def test_corrections_keep_metrics_and_need_toml(tmp_path):
    path = tmp_path / "m.toml"
    cmp.save_metric(path, "经济发展速度", "国内生产总值增长")
    cmp.save_correction(path, target_key='k"1\\', actual_key="k2")
    m = cmp.load_mapping(path)
    assert m.metrics == {"经济发展速度": "国内生产总值增长"} and m.pairs == {'k"1\\': "k2"}
    with pytest.raises(ValueError):
        cmp.save_correction(tmp_path / "m.csv", target_key="a", actual_key="b")
    with pytest.raises(ValueError):
        cmp.save_correction(path, target_key="a")
    assert cmp.clear_corrections(tmp_path / "new.toml", "a") == 0


# ----------------------------------------------------------------------------- command line

def test_cli_reads_exported_tables_and_writes_csv_with_bom(tmp_path):
    write_table(table(report_2024()), tmp_path / "t2024.csv")
    write_table(table(report_2025()), tmp_path / "t2025.jsonl")
    out = tmp_path / "pairs.csv"
    assert compare_cli([str(tmp_path / "t2024.csv"), str(tmp_path / "t2025.jsonl"), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    pairs = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False, dtype={"period": str})
    assert tuple(pairs.columns) == cmp.PAIR_COLUMNS + cmp.EXTRA_COLUMNS
    gdp = pairs.query("metric == '国内生产总值增长' and period == '2024'").iloc[0]
    assert gdp["status"] == "met"


def test_cli_stdout_tolerance_and_mapping(tmp_path, capsys):
    write_table(renamed_growth(), tmp_path / "t.parquet")
    (tmp_path / "map.csv").write_text("phrase,canonical\n经济发展速度,国内生产总值增长\n", encoding="utf-8")
    assert compare_cli([str(tmp_path / "t.parquet"), "-o", "-", "--mapping", str(tmp_path / "map.csv"),
                     "--tolerance", "0.01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("metric,subject,period,unit,role,") and ",met," in out


def test_cli_usage_errors(tmp_path, capsys):
    assert compare_cli([str(tmp_path / "missing.csv"), "-o", "-"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert compare_cli([]) == 2
    write_table(renamed_growth(), tmp_path / "t.csv")
    assert compare_cli([str(tmp_path / "t.csv"), "-o", "-", "--tolerance", "-1"]) == 2
    assert compare_cli([str(tmp_path / "t.csv"), "-o", str(tmp_path / "p.xlsx")]) == 2


def test_cli_extracts_documents_and_folders(tmp_path):
    out = tmp_path / "pairs.jsonl"
    assert compare_cli([str(FIXTURES), "-o", str(out)]) == 0
    pairs = pd.read_json(out, lines=True, dtype=False)
    assert tuple(pairs.columns) == cmp.PAIR_COLUMNS + cmp.EXTRA_COLUMNS
    if not (pairs["status"] != "pending").any():
        pytest.skip("the extractor does not fill metric and role yet (extract/meaning.py)")
    gdp = pairs[(pairs["metric"] == "国内生产总值增长") & (pairs["period"] == "2024")].iloc[0]
    assert (gdp["target_doc"], gdp["actual_doc"], gdp["status"]) == ("gov-2024.txt", "gov-2025.txt", "met")


def test_zhibiao_compare_subcommand(tmp_path):
    write_table(renamed_growth(), tmp_path / "t.csv")
    out = tmp_path / "pairs.csv"
    assert cli.main(["compare", str(tmp_path / "t.csv"), "-o", str(out)]) == 0
    assert pd.read_csv(out, encoding="utf-8-sig")["status"].tolist() == ["pending"]


def test_unreadable_input_is_reported_and_the_rest_compared(tmp_path, capsys):
    write_table(renamed_growth(), tmp_path / "t.csv")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "pairs.csv"
    assert compare_cli([str(tmp_path / "t.csv"), str(tmp_path / "empty.txt"), "-o", str(out)]) == 1
    assert "empty.txt" in capsys.readouterr().err
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == 1


# ----------------------------------------------------------------------------- end to end

def test_end_to_end_through_the_extractor():
    from extract import extract_text

    frames = [extract_text((FIXTURES / name).read_text(encoding="utf-8"), name)
              for name in ("gov-2024.txt", "gov-2025.txt", "newsletter-2025-02.txt")]
    df = pd.concat(frames, ignore_index=True)
    if (df["metric"] == "").all() or not (df["role"] == "target").any():
        pytest.skip("the extractor does not fill metric and role yet (extract/meaning.py)")
    pairs = cmp.compare(df)
    got = {(r["metric"], r["period"]): r for r in pairs.to_dict("records")}
    gdp = got[("国内生产总值增长", "2024")]
    assert (gdp["target_doc"], gdp["actual_doc"], gdp["status"]) == ("gov-2024.txt", "gov-2025.txt", "met")
    assert got[("城镇新增就业", "2024")]["actual_value"] == 12560000
    assert got[("居民消费价格涨幅", "2024")]["status"] == "met"
    central = pairs[pairs["subject"] == "中央企业"]
    assert not central.empty and "2500亿元" not in set(central["actual_mention"])
    assert set(pairs[pairs["target_doc"] == "newsletter-2025-02.txt"]["status"]) == {"pending"}
    assert set(pairs.query("period == '2025'")["status"]) == {"pending"}


# ----------------------------------------------------------------------------- metric variants (from data)

@pytest.mark.parametrize("phrase, canonical", [
    ("单位国内生产总值能耗降幅", "单位国内生产总值能耗降低"),
    ("单位国内生产总值能耗下降", "单位国内生产总值能耗降低"),
    ("国内生产总值增速", "国内生产总值增长"),
    ("国内生产总值增幅", "国内生产总值增长"),
    ("居民消费价格上涨", "居民消费价格涨幅"),
    ("城镇调查失业率平均为", "城镇调查失业率"),
    ("城镇调查失业率降到", "城镇调查失业率"),
    ("财政赤字率控制在", "赤字率"),
    ("营业收入增速", "营业收入增长"),
])
def test_metric_variants(phrase, canonical):
    assert cmp.normalise_metric(phrase) == canonical


@pytest.mark.parametrize("a, b", [("城镇新增就业年均", "城镇新增就业"), ("粮食产量连年", "粮食产量"),
                                  ("居民消费价格年均涨幅", "居民消费价格涨幅")])
def test_a_several_year_figure_never_joins_a_one_year_one(a, b):
    assert names.score(cmp.normalise_metric(a), cmp.normalise_metric(b), frozenset()) == 0


def test_energy_target_written_jiangdi_meets_result_written_jiangfu():
    t = Doc("t.txt", doc_date="2024")
    t.fig("2.5%左右", 2.5, "%", role="target", bound="approx", metric="单位国内生产总值能耗降低", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("3%", 3, "%", bound="lower", metric="单位国内生产总值能耗降幅超过", period="2024")
    a.fig("5.1%", 5.1, "%", metric="城镇调查失业率平均为", period="2024")
    assert cmp.compare(table(t, a)).iloc[0]["actual_mention"] == "3%"


# ----------------------------------------------------------------------------- what is never a result

def _pair_of(*docs: Doc) -> dict:
    return cmp.compare(table(*docs)).iloc[0].to_dict()


def test_a_restated_target_in_its_own_document_is_not_its_result():
    d = Doc("gov-2024.txt", doc_date="2024")
    d.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2024",
          sentence="今年发展主要预期目标是：国内生产总值增长5%左右。")
    d.fig("5%左右", 5, "%", bound="approx", metric="国内生产总值增长", period="2024",
          sentence="提出国内生产总值增长5%左右的预期目标，综合考虑了促进就业增收的需要。")
    assert _pair_of(d)["status"] == "pending"


def test_a_later_report_restating_the_bounded_goal_is_not_its_result():
    t = Doc("t.txt", doc_date="2024")
    t.fig("1.3万亿斤以上", 1.3e12, "斤", role="target", bound="lower", metric="粮食产量", period="2024")
    a = Doc("a.txt", doc_date="2025")
    a.fig("1.3万亿斤以上", 1.3e12, "斤", bound="lower", metric="粮食产量", period="2024")
    assert _pair_of(t, a)["status"] == "pending"
    a.fig("1.41万亿斤", 1.41e12, "斤", metric="粮食产量", period="2024")
    assert _pair_of(t, a)["actual_mention"] == "1.41万亿斤"


def test_next_years_plan_labelled_actual_is_not_this_years_result():
    t = Doc("gwr-2022.txt", topic="2022年政府工作任务")
    t.fig("3.65万亿元", 3.65e12, "元", role="target", metric="地方政府专项债券",
          sentence="今年拟安排地方政府专项债券3.65万亿元。")
    a = Doc("gwr-2023.txt", doc_date="2023")
    a.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2023")
    a.fig("3.8万亿元", 3.8e12, "元", metric="地方政府专项债券", period="2023",
          sentence="今年拟安排地方政府专项债券3.8万亿元。")
    assert _pair_of(t, a)["status"] == "pending"


@pytest.mark.parametrize("sentence, period, expected", [
    # 全年 in the review read as the document's year: it is the year the document reviews
    ("全年国内生产总值增长3%。", "2023", "3%"),
    # no period at all: the document's year by default, so the year it reviews
    ("国内生产总值增长3%。", "", "3%"),
    # 今年 before the figure in a document planning its year: a plan, no result
    ("今年国内生产总值增长3%。", "2023", None),
    # the year written out: a figure of the planned year, no result
    ("2023年国内生产总值增长3%。", "2023", None),
])
def test_a_document_planning_its_own_year_reports_the_year_before(sentence, period, expected):
    t = Doc("gwr-2022.txt", topic="2022年经济社会发展总体要求和政策取向")
    t.fig("5.5%左右", 5.5, "%", role="target", bound="approx", metric="国内生产总值增长")
    a = Doc("gwr-2023.txt", doc_date="2023")
    a.fig("3%", 3, "%", metric="国内生产总值增长", period=period, sentence=sentence)
    a.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2023")
    pairs = cmp.compare(table(t, a))
    assert (pairs.iloc[0]["actual_mention"] or None) == expected
    assert pairs.iloc[1]["status"] == "pending"  # the 2023 goal never meets a 2022 result


def test_a_result_from_an_earlier_year_document_is_never_a_goals_result():
    t = Doc("t.txt", doc_date="2025")
    t.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2024")
    a = Doc("a.txt", doc_date="2023")
    a.fig("5.2%", 5.2, "%", metric="国内生产总值增长", period="2024")
    assert _pair_of(t, a)["status"] == "pending"


def test_a_goal_stated_twice_is_one_pair():
    t = Doc("t.txt", doc_date="2024")
    for s in ("今年发展主要预期目标是：国内生产总值增长5%左右。", "国内生产总值增长5%左右的目标，是积极进取的。"):
        t.fig("5%左右", 5, "%", role="target", bound="approx", metric="国内生产总值增长", period="2024", sentence=s)
    t.fig("5%左右", 5, "%", role="forecast", bound="approx", metric="国内生产总值增长", period="2024")
    a = Doc("a.txt", doc_date="2025").fig("5%", 5, "%", metric="国内生产总值增长", period="2024")
    pairs = cmp.compare(table(t, a))
    assert len(pairs) == 1 and pairs.iloc[0]["role"] == "target" and pairs.iloc[0]["status"] == "met"


@pytest.mark.parametrize("goal, bound, actuals, expected", [
    # a floor: met however far above it
    ("1100万人以上", "lower", [1206e4, 1270e4, 1100e4, 1099e4], ["met", "met", "met", "missed"]),
    # approx: within ±5% (5.5 ± 0.275)
    ("5.5%左右", "approx", [5.5, 5.7, 5.8, 5.2, 5.3], ["met", "met", "exceeded", "missed", "met"]),
    # an upper bound (以内) is a ceiling
    ("5.5%以内", "upper", [5.5, 5.0, 5.6], ["met", "met", "missed"]),
])
def test_status_follows_the_bound(goal, bound, actuals, expected):
    got = []
    for v in actuals:
        t = Doc("t.txt", doc_date="2022")
        unit = "人" if "万人" in goal else "%"
        target = 1100e4 if unit == "人" else 5.5
        t.fig(goal, target, unit, role="target", bound=bound, metric="某指标", period="2022")
        a = Doc("a.txt", doc_date="2023").fig(f"{v:g}{unit}", v, unit, metric="某指标", period="2022")
        got.append(_pair_of(t, a)["status"])
    assert got == expected


def test_ceiling_metrics_are_met_at_or_below():
    for metric, goal, result, expected in [("赤字率", 2.8, 2.8, "met"), ("赤字率", 2.8, 3.2, "missed"),
                                           ("居民消费价格涨幅", 3, 2, "met"), ("城镇调查失业率", 5.5, 5.1, "met")]:
        t = Doc("t.txt", doc_date="2022")
        t.fig(f"{goal}%左右", goal, "%", role="target", bound="approx", metric=metric, period="2022")
        a = Doc("a.txt", doc_date="2023").fig(f"{result}%", result, "%", metric=metric, period="2022")
        pair = _pair_of(t, a)
        assert (pair["status"], round(pair["gap"], 6)) == (expected, round(result - goal, 6)), metric


# ----------------------------------------------------------------------------- the typed record

def test_pairs_are_immutable_records_whose_dicts_are_the_output_rows():
    pairs = cmp.find_pairs(table(report_2024(), report_2025()))
    assert all(isinstance(p, cmp.Pair) for p in pairs)
    with pytest.raises(AttributeError):
        pairs[0].status = "met"  # type: ignore[misc]
    assert tuple(pairs[0].to_dict()) == cmp.PAIR_COLUMNS + cmp.EXTRA_COLUMNS
    assert [p.to_dict() for p in pairs] == cmp.compare(table(report_2024(), report_2025())).replace(
        {float("nan"): None}).to_dict("records")


def test_saving_a_correction_keeps_the_users_comments(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text('# 我的对照表\n[metrics]\n"经济增速" = "国内生产总值增长"  # 2023年起的叫法\n', encoding="utf-8")
    cmp.save_correction(path, target_key="t1", actual_key="a1", note="人工核对")
    cmp.save_correction(path, target_key="t2", reject=True)
    cmp.save_metric(path, "就业人数", "城镇新增就业")
    cmp.clear_corrections(path, "t2")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 我的对照表\n") and "# 2023年起的叫法" in text
    m = cmp.load_mapping(path)
    assert m.metrics == {"经济增速": "国内生产总值增长", "就业人数": "城镇新增就业"}
    assert m.pairs == {"t1": "a1"} and m.rejects == set()


# ----------------------------------------------------------------------------- two real reports (floor)

GWR = Path(__file__).parent / "fixtures" / "gwr"


def _gold_pairs() -> list[dict]:
    import json

    return [json.loads(line) for line in (GWR / "pairs-2022-2023.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def gwr_table() -> pd.DataFrame:
    from extract import extract_files

    return extract_files([GWR / "gwr-2022.txt", GWR / "gwr-2023.txt"])


def _resolved(t: pd.DataFrame) -> pd.DataFrame:
    """The same table as an extractor that resolves 全年/今年 and plan-section amounts would give it."""
    t = t.copy()
    review = (t["doc"] == "gwr-2023.txt") & (t["period"].fillna("") == "2023") & (t["role"] == "actual") \
        & ~t["sentence"].str.contains("今年")
    t.loc[review, "period"] = "2022"
    plan = t["topic"].fillna("").str.contains("2022年") & (t["doc"] == "gwr-2022.txt")
    t.loc[plan & (t["role"] == "actual"), "role"] = "target"
    t.loc[plan & t["period"].isna(), "period"] = "2022"
    return t


@pytest.mark.parametrize("resolve", [False, True], ids=["as extracted", "periods resolved"])
def test_work_reports_2022_2023_floor(gwr_table, resolve):
    pairs = cmp.compare(_resolved(gwr_table) if resolve else gwr_table)
    decided = pairs[pairs["status"] != "pending"]
    gold = {(g["metric"], g["period"], g["target_mention"]): g for g in _gold_pairs()}
    found = 0
    for p in decided.to_dict("records"):
        g = gold.get((p["metric"], p["period"], p["target_mention"]))
        assert g is not None, f"decided pair not in the gold: {p['metric']} {p['target_mention']} → {p['actual_mention']}"
        assert (p["target_doc"], p["actual_doc"], p["actual_mention"]) == (g["target_doc"], g["actual_doc"], g["actual_mention"])
        assert (p["target_value"], p["actual_value"]) == (g["target_value"], g["actual_value"])
        found += 1
    assert found >= 5
    got = {p["metric"]: p["status"] for p in decided.to_dict("records")}
    assert got == {"国内生产总值增长": "missed", "城镇新增就业": "met", "城镇调查失业率": "met",
                   "居民消费价格涨幅": "met", "粮食产量": "met", "赤字率": "met"}
    # the 2023 report's goals have no result in these two reports
    assert set(pairs.query("period == '2023'")["status"]) == {"pending"}


@pytest.mark.parametrize("doc_date, article, doc, year", [
    ("2024-03-05", "", "", 2024),
    ("", "2023年国民经济和社会发展统计公报", "", 2023),
    ("", "二〇二三年工作总结", "gwr-2022.txt", 2022),  # the title's year only in Arabic digits; then the file name's
    ("", "", "report-2021.txt", 2021),
    ("", "", "page-0999.txt", None),  # outside the calendar range of the data
    ("", "第3000期", "", None),
])
def test_doc_year_reads_calendar_years_with_the_data_s_predicate(doc_date: str, article: str, doc: str,
                                                                 year: int | None) -> None:
    assert rows.doc_year(doc_date, article, doc) == year


@pytest.mark.parametrize("text, cue", [
    ("去年", "prev"), ("上年", "prev"), ("过去一年", "prev"), ("2023年工作回顾", "prev"),
    ("今年", "cur"), ("本年度", "cur"), ("新的一年", "cur"),
    ("比上年", None),  # a comparison, not a period
    ("去年以来，今年", "cur"),  # the last cue wins
    ("", None),
])
def test_last_cue_reads_the_relative_year_words_of_the_extractor(text: str, cue: str | None) -> None:
    assert rows.last_cue(text) == cue


def test_relative_year_words_are_the_extractor_s_own() -> None:
    assert {"去年", "上年", "过去一年"} <= set(names.relative_years(-1))
    assert {"今年", "本年"} <= set(names.relative_years(0))
