"""The unit model (extract/units.py over data/units.toml): names, families, dimensions, conversions."""

from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest

from extract import figures, units, view

# (amount, from, to, amount in `to`, or None when they measure different things)
CONVERSIONS = [
    (5, "公里", "千米", "5"), (5, "千米", "公里", "5"), (2, "公里", "米", "2000"), (2, "千瓦", "瓦", "2000"),
    (3, "兆瓦", "千瓦", "3000"), (1, "GW", "吉瓦", "1"), (1, "吉瓦", "MW", "1000"), (1, "kW", "千瓦", "1"),
    (1500, "毫升", "升", "1.5"), (2, "升", "毫升", "2000"), (1, "公斤", "克", "1000"), (1, "斤", "两", "10"),
    (2, "斤", "公斤", "1"), (1, "吨", "公斤", "1000"), (3, "角", "元", "0.3"), (5, "分钱", "元", "0.05"),
    (50, "美分", "美元", "0.5"), (1, "平方公里", "平方米", "1000000"), (15, "亩", "公顷", "1"),
    (2, "小时", "分钟", "120"), (90, "分钟", "小时", "1.5"), (1, "周", "天", "7"), (1, "年", "个月", "12"),
    (2, "季度", "个月", "6"), (1, "PB", "TB", "1000"), (1, "EFlops", "PFlops", "1000"), (100, "‰", "%", "10"),
    (1, "Gbps", "Mbps", "1000"), (1, "吨公里", "人公里", None), (1, "Mbps", "GB", None),
    (1, "元", "美元", None), (1, "美元", "港元", None), (1, "米", "公斤", None), (1, "个", "家", None),
    (1, "%", "百分点", None), (1, "岁", "年", None), (1, "摄氏度", "华氏度", None), (1, "无此单位", "米", None),
]


@pytest.mark.parametrize(("value", "src", "dst", "want"), CONVERSIONS)
def test_convert(value, src, dst, want):
    got = units.convert(value, src, dst)
    assert got == (None if want is None else Decimal(want))
    assert units.comparable(src, dst) == (want is not None)


FAMILIES = [
    ("元", "money"), ("美元", "money"), ("卢比", "money"), ("法郎", "money"), ("泰铢", "money"),
    ("港元", "money"), ("%", "percent"), ("‰", "percent"), ("百分点", "percent"), ("倍", "percent"),
    ("个", "count"), ("家", "count"), ("块", "count"), ("人次", "count"), ("方面", "count"),
    ("米", "physical"), ("千米", "physical"), ("公里", "physical"), ("kW", "physical"), ("GW", "physical"),
    ("毫克", "physical"), ("摄氏度", "physical"), ("英寸", "physical"), ("加仑", "physical"),
    ("年", "time"), ("岁", "time"), ("小时", "time"), ("个月", "time"), ("季度", "time"), ("工作日", "time"),
    ("元/人", "money"), ("届", "count"), ("期", "count"),
    # a surface form finds its unit too
    ("km", "physical"), ("℃", "physical"), ("港币", "money"),
]


@pytest.mark.parametrize(("name", "family"), FAMILIES)
def test_family(name, family):
    assert units.family(name) == family
    assert view.unit_family(name) == family


def test_every_unit_the_extractor_writes_is_in_the_model():
    assert set(figures.UNITS.values()) <= set(units.units())


@pytest.mark.parametrize(("surface", "name"), [
    ("公里", "公里"), ("km", "公里"), ("千米", "千米"), ("千克", "公斤"), ("kg", "公斤"), ("公尺", "米"),
    ("℃", "摄氏度"), ("°F", "华氏度"), ("cc", "毫升"), ("吋", "英寸"), ("美圆", "美元"), ("港币", "港元"),
    ("圆", "元"), ("毛钱", "角"), ("个百分点", "百分点"), ("周岁", "岁"), ("钟头", "小时"),
])
def test_surfaces(surface, name):
    assert units.surfaces()[surface] == name
    assert units.unit(surface).name == name


def test_unit_record():
    u = units.unit("千瓦")
    assert (u.name, u.family, u.dimension, u.factor, u.table) == ("千瓦", "physical", "power", Decimal(1000), "千瓦")
    assert u.to_dict()["factor"] == "1000"
    jiao = units.unit("角")
    assert (jiao.table, jiao.sub, jiao.after) == ("元", "分钱", ("角", "毛"))
    with pytest.raises(FrozenInstanceError):
        u.name = "瓦"  # type: ignore[misc]


def test_names_alone_that_are_no_surface():
    assert "季度" not in units.surfaces() and "角" not in units.surfaces()
    assert units.unit("季度").family == "time"
