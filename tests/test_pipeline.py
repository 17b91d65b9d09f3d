"""The pipeline's stages, listed in one place, give the figures the table is built from."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import pipeline, table

HERE = Path(__file__).parent


def test_the_stages_in_order() -> None:
    assert [s.name for s in pipeline.STAGES] == ["layout", "segment", "years", "figures", "meaning"]
    assert all(s.data for s in pipeline.STAGES)


@pytest.mark.parametrize("name", ["fixtures/mini-report.txt", "fixtures/mini-newsletter.txt", "gold/jsvc-2025-01.txt"])
def test_walking_the_stages_gives_the_table_s_figures(name: str) -> None:
    text = (HERE / name).read_text(encoding="utf-8")
    d = pipeline.run(text, name=Path(name).stem)
    walked = sorted(
        (d.repaired.to_source(q.start), q.unit, float(q.value), g.topic, g.article, m.role, m.metric)
        for g in d.groups for q, m in zip(g.quantities, g.notes, strict=True)
    )
    rows = sorted((f.start, f.unit, float(f.value), f.topic, f.article, f.role, f.metric)
                  for f in table.figures_of_text(text, Path(name).name))
    assert walked == rows and rows


def test_a_stage_may_be_left_out() -> None:
    d = pipeline.run("今年增长5%。", stages=pipeline.STAGES[:2])
    assert d.repaired.text == "今年增长5%。" and len(d.structure.sentences) == 1 and d.groups == []
