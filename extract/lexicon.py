"""Loads the package's language data (``extract/data/*.toml``), checked against its typed schema.

Chinese vocabulary — digits, magnitude words, units and measure words, qualifier words, role
cue words, period words, metric synonyms — lives in TOML files next to this module so that a
linguist can extend it without reading the code. Each file is read and checked once
(:func:`load`) against its ``TypedDict`` in :mod:`extract.schema`: a missing key or a value of the
wrong type is a :class:`LexiconError` naming the file and the key, raised when the file is first
read, not deep inside an extractor. :func:`check_all` checks every file at once.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

import regex

from .schema import FILES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class LexiconError(ValueError):
    """A language data file that cannot be read, lacks a key, or holds a value of the wrong type."""


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of ``extract/data/NAME.toml``, checked against :data:`extract.schema.FILES`."""
    where = f"data/{name}.toml"
    try:
        raw = resources.files("extract").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"{where}: {e}") from e
    if name in FILES:
        check(data, FILES[name], where)
    return data


def check_all() -> list[str]:
    """Read and check every data file of the schema; their names."""
    for name in FILES:
        load(name)
    return list(FILES)


def check(value: Any, tp: Any, where: str, path: str = "") -> None:
    """Raise :class:`LexiconError` unless ``value`` fits the type ``tp`` (a ``TypedDict``, ``list[…]``,
    ``dict[str, …]``, a union, ``str``/``int``/``float``/``bool``); ``path`` names the key for the message."""
    if tp is Any:
        return
    if is_typeddict(tp):
        _check_table(value, tp, where, path)
        return
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        _check_union(value, get_args(tp), where, path)
    elif origin is list:
        _expect(isinstance(value, list), value, "a list", where, path)
        for i, v in enumerate(value):
            check(v, get_args(tp)[0], where, f"{path}[{i}]")
    elif origin is dict:
        _expect(isinstance(value, dict), value, "a table", where, path)
        for k, v in value.items():
            check(v, get_args(tp)[1], where, _key(path, k))
    elif tp is float:
        _expect(isinstance(value, (int, float)) and not isinstance(value, bool), value, "float", where, path)
    elif tp is int:
        _expect(isinstance(value, int) and not isinstance(value, bool), value, "int", where, path)
    else:
        _expect(isinstance(value, tp), value, tp.__name__, where, path)


def _check_table(value: Any, tp: Any, where: str, path: str) -> None:
    _expect(isinstance(value, dict), value, "a table", where, path)
    hints = get_type_hints(tp)
    for k in sorted(tp.__required_keys__):
        if k not in value:
            raise LexiconError(f"{where}: {_key(path, k)}: missing")
    for k, v in value.items():
        if k in hints:
            check(v, hints[k], where, _key(path, k))


def _check_union(value: Any, options: tuple, where: str, path: str) -> None:
    for option in options:
        try:
            check(value, option, where, path)
            return
        except LexiconError:
            continue
    names = " or ".join(getattr(o, "__name__", str(o)) for o in options)
    raise LexiconError(f"{where}: {path or 'the file'}: expected {names}, got {type(value).__name__}")


def _key(path: str, k: str) -> str:
    """``[table] key`` as a message names it."""
    if not path:
        return f"[{k}]"
    return f"{path} {k}" if path.startswith("[") and " " not in path else f"{path}.{k}"


def _expect(ok: bool, value: Any, what: str, where: str, path: str) -> None:
    if not ok:
        raise LexiconError(f"{where}: {path or 'the file'}: expected {what}, got {type(value).__name__}")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the literal ``words``, longest first (so the longest one matches)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
