"""The user's mapping file: metric synonyms and pairing corrections, read and saved.

A mapping is a CSV file (``phrase,canonical``), a TOML file, or a dict of the TOML file's
structure (see :mod:`extract.pairing`, "Mapping file and corrections"). Corrections are saved
with ``tomlkit``, so a user's comments and the entries a correction does not touch stay as they
were; the file is replaced atomically.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from ..safety import AtomicFile
from .names import clean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEADER = "Metric synonyms and pairing corrections for `zhibiao compare` (see extract/pairing)."


@dataclass
class UserMapping:
    """A user's metric synonyms and pairing corrections.

    ``metrics`` maps a phrase to a canonical name; ``pairs`` maps a target key to the actual key
    it must pair with; ``rejects`` holds ``(target_key, actual_key)`` pairs that must never pair,
    ``actual_key`` ``""`` meaning the target has no result at all (always ``pending``).
    """

    metrics: dict[str, str] = field(default_factory=dict)
    pairs: dict[str, str] = field(default_factory=dict)
    rejects: set[tuple[str, str]] = field(default_factory=set)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)

    def index(self) -> dict[str, str]:
        """``metrics`` keyed by the phrase without white space and punctuation."""
        return {clean(k): v for k, v in self.metrics.items()}


Mapping = str | Path | dict | UserMapping | None


def load_mapping(mapping: Mapping) -> UserMapping:
    """Read a mapping: a TOML or CSV file (a missing file is an empty mapping), a dict, or None."""
    if mapping is None:
        return UserMapping()
    if isinstance(mapping, UserMapping):
        return mapping
    if isinstance(mapping, dict):
        return _from_dict(mapping)
    p = Path(mapping)
    if not p.exists():
        return UserMapping()
    if p.suffix.lower() == ".csv":
        return UserMapping(metrics=_csv_metrics(p))
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{p}: not a valid TOML mapping file: {e}") from None
    return _from_dict(data)


def _csv_metrics(p: Path) -> dict[str, str]:
    with p.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or not {"phrase", "canonical"} <= {h.strip() for h in reader.fieldnames}:
            raise ValueError(f"{p}: a CSV mapping needs the columns phrase,canonical")
        metrics = {}
        for r in reader:
            r = {k.strip(): (v or "").strip() for k, v in r.items() if k}
            if r["phrase"] and r["canonical"]:
                metrics[r["phrase"]] = r["canonical"]
    return metrics


def _from_dict(d: dict) -> UserMapping:
    structured = any(k in d for k in ("metrics", "pairs", "rejects")) and all(
        isinstance(v, (dict, list)) for v in d.values())
    if not structured:
        return UserMapping(metrics={str(k): str(v) for k, v in d.items()})
    m = UserMapping(metrics={str(k): str(v) for k, v in dict(d.get("metrics", {})).items()})
    for e in d.get("pairs", []):
        m.pairs[str(e["target"])] = str(e["actual"])
        if e.get("note"):
            m.notes[(str(e["target"]), str(e["actual"]))] = str(e["note"])
    for e in d.get("rejects", []):
        key = (str(e["target"]), str(e.get("actual", "")))
        m.rejects.add(key)
        if e.get("note"):
            m.notes[key] = str(e["note"])
    return m


# --------------------------------------------------------------------------- saving

def _document(path: Path) -> tomlkit.TOMLDocument:
    if path.suffix.lower() != ".toml":
        raise ValueError(f"{path}: corrections are saved in a .toml mapping file")
    if not path.exists():
        doc = tomlkit.document()
        doc.add(tomlkit.comment(HEADER))
        return doc
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8-sig"))
    except tomlkit.exceptions.ParseError as e:
        raise ValueError(f"{path}: not a valid TOML mapping file: {e}") from None


def _append(doc: tomlkit.TOMLDocument, name: str, entry: tomlkit.items.Table) -> None:
    if name in doc:
        doc[name].append(entry)
    else:
        entries = tomlkit.aot()
        entries.append(entry)
        doc.append(name, entries)


def _drop(doc: tomlkit.TOMLDocument, name: str, keep) -> int:
    """Remove the entries of the array ``name`` that ``keep`` refuses; returns how many."""
    if name not in doc:
        return 0
    entries = doc[name]
    n = 0
    for i in reversed(range(len(entries))):
        if not keep(entries[i]):
            del entries[i]
            n += 1
    if not len(entries):
        del doc[name]
    return n


def _entry(target: str, actual: str, note: str) -> tomlkit.items.Table:
    t = tomlkit.table()
    t["target"] = target
    if actual:
        t["actual"] = actual
    if note:
        t["note"] = note
    return t


def _write(path: Path, doc: tomlkit.TOMLDocument) -> None:
    """Write the mapping file whole, through a temporary file beside it (:class:`extract.safety.AtomicFile`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out = AtomicFile(path)
    try:
        out.path.write_text(tomlkit.dumps(doc), encoding="utf-8", newline="\n")
        out.commit()
    except BaseException:
        out.discard()
        raise


def save_correction(path: str | Path, *, target_key: str, actual_key: str | None = None,
                    reject: bool = False, note: str = "") -> None:
    """Record a user's correction in the TOML mapping file ``path`` (created if missing).

    * ``actual_key`` given, ``reject=False``: the target pairs with that actual row, replacing
      any earlier choice for it;
    * ``actual_key`` given, ``reject=True``: these two rows are not the same metric and never
      pair; ``compare`` falls back to the next best actual row, or ``pending``;
    * ``actual_key=None``, ``reject=True``: no row in the table is this target's result; it stays
      ``pending``.

    Keys are ``row_key`` values (the ``target_key`` / ``actual_key`` output columns). ``note``
    is kept next to the entry for people reading the file. Everything else in the file stays,
    comments included.
    """
    if not target_key:
        raise ValueError("target_key is empty")
    if actual_key is None and not reject:
        raise ValueError("give actual_key to pair, or reject=True to reject (use clear_corrections to undo)")
    p = Path(path)
    doc = _document(p)
    a = actual_key or ""
    if reject:
        if a:
            _drop(doc, "pairs", lambda e: not (e.get("target") == target_key and e.get("actual") == a))
        else:
            _drop(doc, "pairs", lambda e: e.get("target") != target_key)
            _drop(doc, "rejects", lambda e: e.get("target") != target_key)
        _drop(doc, "rejects", lambda e: not (e.get("target") == target_key and e.get("actual", "") == a))
        _append(doc, "rejects", _entry(target_key, a, note))
    else:
        _drop(doc, "pairs", lambda e: e.get("target") != target_key)
        _drop(doc, "rejects", lambda e: not (e.get("target") == target_key and e.get("actual", "") in (a, "")))
        _append(doc, "pairs", _entry(target_key, a, note))
    _write(p, doc)


def clear_corrections(path: str | Path, target_key: str) -> int:
    """Remove every correction about ``target_key`` from the mapping file; returns how many."""
    p = Path(path)
    doc = _document(p)
    if not p.exists():
        return 0
    n = sum(_drop(doc, name, lambda e: e.get("target") != target_key) for name in ("pairs", "rejects"))
    _write(p, doc)
    return n


def save_metric(path: str | Path, phrase: str, canonical: str) -> None:
    """Record in the TOML mapping file that ``phrase`` names the metric ``canonical``."""
    if not phrase.strip() or not canonical.strip():
        raise ValueError("phrase and canonical must not be empty")
    p = Path(path)
    doc = _document(p)
    if "metrics" not in doc:
        table = tomlkit.table()
        if "pairs" in doc or "rejects" in doc:  # tables before arrays of tables, as TOML requires
            body = {k: doc.pop(k) for k in ("pairs", "rejects") if k in doc}
            doc.append("metrics", table)
            for k, v in body.items():
                doc.append(k, v)
        else:
            doc.append("metrics", table)
    doc["metrics"][phrase.strip()] = canonical.strip()
    _write(p, doc)
