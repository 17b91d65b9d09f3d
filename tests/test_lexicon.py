"""The language data is read once and checked against its typed schema."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TypedDict

import pandas as pd
import pytest

from extract import cli, lexicon, schema, store
from extract.figures import Figures
from extract.table import extract_text


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


# ---------------------------------------------------------------------------------------------
# a lexicon of the user's own: edited copies of the data files, given to the stages


_SENTENCE = "全市新建居民楼12幢，安装路灯3500盏。"


def _with_measure_words(folder: Path, *words: str) -> Path:
    """``folder`` holding a copy of the package's units.toml with ``words`` added as measure words."""
    text = (Path(lexicon.__file__).parent / "data" / "units.toml").read_text(encoding="utf-8")
    head = 'words = [\n  "个",'
    assert head in text
    folder.mkdir(exist_ok=True)
    added = "".join(f' "{w}",' for w in words)
    (folder / "units.toml").write_text(text.replace(head, f'words = [\n {added} "个",', 1), encoding="utf-8")
    return folder


def test_the_stages_read_the_lexicon_they_are_given(tmp_path: Path) -> None:
    mine = lexicon.Lexicon.from_folder(_with_measure_words(tmp_path / "lex", "幢", "盏"))
    got = extract_text(_SENTENCE, lexicon=mine)
    assert list(zip(got["mention"], got["value"], got["unit"], strict=True)) == [("12幢", 12.0, "幢"),
                                                                                 ("3500盏", 3500.0, "盏")]
    assert len(extract_text(_SENTENCE)) == 0  # the package's own data is left as it was
    assert mine["numbers"] is lexicon.Lexicon.default()["numbers"]  # a file the folder lacks is the package's


def test_a_stage_is_built_once_for_each_lexicon(tmp_path: Path) -> None:
    mine = lexicon.Lexicon.from_folder(_with_measure_words(tmp_path / "lex", "幢"))
    assert mine.stage(Figures) is mine.stage(Figures)
    assert mine.stage(Figures) is not lexicon.Lexicon.default().stage(Figures)
    assert mine.stage(Figures).find_quantities("12幢")[0].unit == "幢"


def test_a_lexicon_crosses_to_a_worker_process_as_its_data(tmp_path: Path) -> None:
    mine = lexicon.Lexicon.from_folder(_with_measure_words(tmp_path / "lex", "幢"))
    mine.stage(Figures)
    copy = pickle.loads(pickle.dumps(mine))
    assert copy.files == mine.files and copy.origin == mine.origin and copy.digest() == mine.digest()
    assert copy.stage(Figures).find_quantities("12幢")[0].unit == "幢"


@pytest.mark.parametrize("name, content, message", [
    (None, "", "{d}/lex: not a folder"),
    ("unit.toml", "", "{d}/lex/unit.toml: not a language data file of the extraction (the files are: "
     "numbers.toml, layout.toml, units.toml, meaning.toml, tables.toml)"),
    ("view.toml", "", "{d}/lex/view.toml: not a language data file of the extraction (the files are: "
     "numbers.toml, layout.toml, units.toml, meaning.toml, tables.toml)"),
    ("units.toml", "[count]\nwords = [", "{d}/lex/units.toml: Invalid value (at end of document)"),
    ("units.toml", 'default_family = "count"\n', "{d}/lex/units.toml: [colloquial]: missing"),
    ("units.toml", b"\xff\xfe", "{d}/lex/units.toml: 'utf-8' codec can't decode byte 0xff in position 0: invalid "
     "start byte"),
])
def test_a_bad_lexicon_folder_names_the_file_and_the_reason(tmp_path: Path, name: str | None, content: str | bytes,
                                                            message: str) -> None:
    folder = tmp_path / "lex"
    if name is not None:
        folder.mkdir()
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(lexicon.LexiconError) as e:
        lexicon.Lexicon.from_folder(folder)
    assert str(e.value) == message.format(d=tmp_path)


def test_the_command_line_extracts_with_a_lexicon_folder(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(_SENTENCE + "\n产量增长5%。\n", encoding="utf-8")
    (docs / "b.txt").write_text("新增储能电站8座，充电桩120盏。\n", encoding="utf-8")
    folder = _with_measure_words(tmp_path / "lex", "幢", "盏")
    outs = {}
    for name, extra in [("own", []), ("mine", ["--lexicon", str(folder), "-j", "1"]),
                        ("mine-j2", ["--lexicon", str(folder), "-j", "2"])]:
        out = tmp_path / f"{name}.csv"
        assert cli.main([str(docs), "-o", str(out), "-q", *extra]) == 0
        outs[name] = pd.read_csv(out)
    assert outs["own"]["mention"].tolist() == ["5%", "8座"]
    assert outs["mine"]["mention"].tolist() == ["12幢", "3500盏", "5%", "8座", "120盏"]
    assert outs["mine-j2"].equals(outs["mine"])  # the pool's workers read the same lexicon


def test_the_command_line_refuses_a_bad_lexicon_before_any_work(tmp_path: Path, capsys) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(_SENTENCE, encoding="utf-8")
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "units.toml").write_text('default_family = "count"\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert cli.main([str(doc), "-o", str(out), "--lexicon", str(tmp_path / "lex")]) == 2
    assert capsys.readouterr().err == f"zhibiao: {tmp_path}/lex/units.toml: [colloquial]: missing\n"
    assert not out.exists()


def test_compare_and_track_extract_their_documents_with_the_lexicon(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(_SENTENCE, encoding="utf-8")
    folder = _with_measure_words(tmp_path / "lex", "幢", "盏")
    assert cli.read_tables([doc]).empty
    assert cli.read_tables([doc], lexicon=lexicon.Lexicon.from_folder(folder))["mention"].tolist() == ["12幢", "3500盏"]
    for command in ("compare", "track"):
        assert cli.main([command, str(doc), "--lexicon", str(folder), "-o", str(tmp_path / f"{command}.csv")]) == 0
        assert cli.main([command, str(doc), "--lexicon", str(tmp_path / "nowhere")]) == 2


def test_a_store_extracted_with_another_lexicon_is_extracted_again(tmp_path: Path) -> None:
    mine = lexicon.Lexicon.from_folder(_with_measure_words(tmp_path / "lex", "幢"))
    other = lexicon.Lexicon.from_folder(_with_measure_words(tmp_path / "lex2", "盏"))
    own = store.extractor_version()
    assert store.extractor_version(lexicon.Lexicon.default()) == own
    assert store.extractor_version(mine) == f"{own}+lexicon.{mine.digest()}"
    assert len({own, store.extractor_version(mine), store.extractor_version(other)}) == 3


def test_the_lexicon_command_copies_the_data_files_to_edit_and_checks_them(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "words"
    assert cli.main(["lexicon", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["layout.toml", "meaning.toml", "numbers.toml",
                                                         "tables.toml", "units.toml"]
    assert lexicon.Lexicon.from_folder(folder).files == lexicon.Lexicon.default().files
    assert cli.main(["lexicon", str(folder)]) == 2  # nothing is replaced
    assert cli.main(["lexicon", "--check", str(folder)]) == 0
    (folder / "units.toml").write_text('default_family = "count"\n', encoding="utf-8")
    assert cli.main(["lexicon", "--check", str(folder)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"zhibiao lexicon: wrote numbers.toml, layout.toml, units.toml, meaning.toml, tables.toml to {folder}; "
        f"edit them and run with --lexicon {folder}",
        f"zhibiao lexicon: {folder}/numbers.toml: exists (no file was replaced)",
        f"zhibiao lexicon: {folder}: layout.toml, meaning.toml, numbers.toml, tables.toml, units.toml: ok",
        f"zhibiao lexicon: {folder}/units.toml: [colloquial]: missing",
    ]
