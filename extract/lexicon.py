"""Loads the package's language data (``extract/data/*.toml``), checked against its typed schema.

Chinese vocabulary — digits, magnitude words, units and measure words, qualifier words, role
cue words, period words, metric synonyms — lives in TOML files next to this module so that a
linguist can extend it without reading the code. Each file is read and checked once
(:func:`load`) against its ``TypedDict`` in :mod:`extract.schema`: a missing key or a value of the
wrong type is a :class:`LexiconError` naming the file and the key, raised when the file is first
read, not deep inside an extractor. :func:`check_all` checks every file at once.

A :class:`Lexicon` holds one checked set of the files — the package's own (:meth:`Lexicon.default`), or
those with some replaced by a user's edited copies (:meth:`Lexicon.from_folder`) — and builds each
extraction stage from it once (:meth:`Lexicon.stage`): the stages compile their patterns from the
lexicon they are given, not from a global.
"""

from __future__ import annotations

import hashlib
import json
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints, is_typeddict

import regex

from .schema import FILES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class LexiconError(ValueError):
    """A language data file that cannot be read, lacks a key, or holds a value of the wrong type."""


T = TypeVar("T")


#: The data files the extraction stages read: what a lexicon of the user's own may replace (the
#: dashboard's words, ``view.toml``, and the pairing's, ``compare.toml``, are not extraction data).
STAGE_FILES: tuple[str, ...] = ("numbers", "layout", "units", "meaning", "tables")


class Lexicon:
    """One checked set of the language data files, and the stages built from it (each once)."""

    def __init__(self, files: Mapping[str, dict[str, Any]], origin: str = "") -> None:
        self.files = dict(files)
        self.origin = origin  # the user's folder, or "" for the package's own data
        self._stages: dict[type, Any] = {}

    @staticmethod
    @cache
    def default() -> Lexicon:
        """The package's own language data (``extract/data``): the files the stages read."""
        return Lexicon({name: load(name) for name in STAGE_FILES})

    @classmethod
    def from_folder(cls, folder: str | Path) -> Lexicon:
        """The package's data with each file that ``folder`` holds (``units.toml`` …) in its place, each
        checked against the schema; a file that is none of :data:`STAGE_FILES` is an error, not ignored."""
        folder = Path(folder)
        if not folder.is_dir():
            raise LexiconError(f"{folder}: not a folder")
        files = dict(cls.default().files)
        for path in sorted(folder.glob("*.toml")):
            if path.stem not in STAGE_FILES:
                raise LexiconError(f"{path}: not a language data file of the extraction (the files are: "
                                   f"{', '.join(n + '.toml' for n in STAGE_FILES)})")
            files[path.stem] = _read(path.read_bytes, str(path), FILES[path.stem])
        return cls(files, str(folder))

    def __getitem__(self, name: str) -> dict[str, Any]:
        return self.files[name]

    def digest(self) -> str:
        """A short digest of the data: the same for the same words, whatever folder they came from."""
        blob = json.dumps(self.files, sort_keys=True, ensure_ascii=False, default=str).encode()
        return hashlib.blake2b(blob, digest_size=6).hexdigest()

    def stage(self, kind: Callable[[Lexicon], T]) -> T:
        """The stage ``kind`` built from this lexicon: built at the first call, the same object after."""
        if kind not in self._stages:
            self._stages[kind] = kind(self)
        return self._stages[kind]

    def __getstate__(self) -> dict[str, Any]:
        return {"files": self.files, "origin": self.origin}  # stages are rebuilt where it is unpickled

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["files"], state["origin"])


def default_names(module: str, default: Callable[[], object]) -> Callable[[str], object]:
    """A module's ``__getattr__`` that answers a public name with the default stage's (``default()``):
    ``numerals.parse_number`` is the package's own lexicon's :meth:`Numerals.parse_number`."""

    def __getattr__(name: str) -> object:
        if not name.startswith("_"):
            try:
                return getattr(default(), name)
            except AttributeError:
                pass
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__


def _read(read: Callable[[], bytes], where: str, schema: Any) -> dict[str, Any]:
    try:
        data = tomllib.loads(read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise LexiconError(f"{where}: {e}") from e
    if schema is not None:
        check(data, schema, where)
    return data


def export(folder: str | Path) -> list[Path]:
    """Copy the package's :data:`STAGE_FILES` into ``folder`` (made if missing), to be edited and read back
    with :meth:`Lexicon.from_folder`; the files written. A file already there is an error: none is replaced."""
    folder = Path(folder)
    targets = [folder / f"{name}.toml" for name in STAGE_FILES]
    there = [t for t in targets if t.exists()]
    if there:
        raise LexiconError(f"{there[0]}: exists (no file was replaced)")
    folder.mkdir(parents=True, exist_ok=True)
    for name, target in zip(STAGE_FILES, targets, strict=True):
        target.write_bytes(_package_file(name).read_bytes())
    return targets


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of ``extract/data/NAME.toml``, checked against :data:`extract.schema.FILES`."""
    return _read(_package_file(name).read_bytes, f"data/{name}.toml", FILES.get(name))


def _package_file(name: str) -> Any:
    """The package's own ``data/NAME.toml`` (a resource, read where the package is installed)."""
    return resources.files("extract").joinpath("data", f"{name}.toml")


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
