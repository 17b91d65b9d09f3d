"""The unit model: one frozen :class:`Unit` per canonical unit, built from ``data/units.toml``.

A unit has the name the table writes (``公里``, ``千瓦``, ``美元``, the measure word ``个``), its
family (the dashboard's money/percent/count/physical/time), its dimension (what it measures)
and its factor in that dimension's base unit, so that ``公里`` and ``千米`` are the same amount
(:func:`convert`), ``千瓦`` is 1000 ``瓦``, and ``元`` never converts to ``美元``. The extractor
(:mod:`extract.figures`) reads the surface forms from here, the dashboard (:mod:`extract.view`)
the families: there is no second table. A :class:`Units` is built from one lexicon; the module's
functions (``convert``, ``family`` …) are those of the package's own data.

>>> convert(5, "千米", "公里"), convert(2, "千瓦", "瓦"), convert(1, "元", "美元")
(Decimal('5'), Decimal('2000'), None)
>>> family("卢比"), family("毫克"), family("家")
('money', 'physical', 'count')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any

from .lexicon import Lexicon, default_names

FAMILIES: tuple[str, ...] = ("money", "percent", "count", "physical", "time")


@dataclass(frozen=True, slots=True)
class Unit:
    """One canonical unit of the table's ``unit`` column.

    ``factor`` is its size in the base unit of ``dimension``; ``table`` is the unit the table
    writes its amounts in (itself, or ``元`` for ``角``); ``sub`` the next smaller unit of a
    compound amount (``三米九``); ``surfaces`` how text writes it after a number, ``after`` how
    it is written only right after the next larger unit (``五元三毛``), ``alone`` how it is written
    where no Han character follows (``三毛。``).
    """

    name: str
    family: str
    dimension: str
    factor: Decimal = Decimal(1)
    table: str = ""
    sub: str = ""
    surfaces: tuple[str, ...] = field(default=())
    after: tuple[str, ...] = field(default=())
    alone: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The unit as a plain dict (the factor as a string, exact)."""
        return {"name": self.name, "family": self.family, "dimension": self.dimension,
                "factor": str(self.factor), "table": self.table, "sub": self.sub,
                "surfaces": list(self.surfaces), "after": list(self.after), "alone": list(self.alone)}


def _factor(x: int | float | str) -> Decimal:
    """A factor from the data: a number, or an exact fraction written ``"10000/15"``."""
    if isinstance(x, str) and "/" in x:
        num, _, den = x.partition("/")
        return Decimal(num) / Decimal(den)
    return Decimal(str(x))


def _unit(name: str, family_: str, dimension: str, spec: dict[str, Any]) -> Unit:
    factor = _factor(spec.get("factor", 1))
    surfaces = ((name,) if spec.get("bare", True) else ()) + tuple(spec.get("also", ()))
    return Unit(name, family_, dimension, factor, spec.get("table", name), spec.get("sub", ""),
                surfaces, tuple(spec.get("after", ())), tuple(spec.get("alone", ())))


def _model(data: dict[str, Any]) -> dict[str, Unit]:
    """Every unit of ``units.toml`` by canonical name (measure words included), checked."""
    out: dict[str, Unit] = {}
    for dim, table in data["dimensions"].items():
        fam = table["family"]
        if fam not in FAMILIES:
            raise ValueError(f"data/units.toml: dimension {dim!r} has unknown family {fam!r}")
        for name, spec in table.items():
            if isinstance(spec, dict):
                if name in out:
                    raise ValueError(f"data/units.toml: unit {name!r} is listed twice")
                out[name] = _unit(name, fam, dim, spec)
    for word in data["count"]["words"]:
        out.setdefault(word, Unit(word, "count", word, table=word, surfaces=(word,)))
    for name, u in out.items():
        if u.table not in out or (u.sub and u.sub not in out):
            raise ValueError(f"data/units.toml: unit {name!r} names an unknown unit")
    return out


class Units:
    """The unit model of one lexicon's ``units.toml``."""

    def __init__(self, lex: Lexicon) -> None:
        data = lex["units"]
        self._units = _model(data)
        self._surfaces: dict[str, str] = {}
        for u in self._units.values():
            for s in u.surfaces:
                self._surfaces.setdefault(s, u.name)
        self._default_family: str = data["default_family"]

    def units(self) -> dict[str, Unit]:
        """Every unit of the model by canonical name (measure words included)."""
        return self._units

    def surfaces(self) -> dict[str, str]:
        """Each surface form a number may be followed by, to its canonical unit's name."""
        return self._surfaces

    def unit(self, name: str) -> Unit | None:
        """The :class:`Unit` called ``name`` (a canonical name or a surface form), or ``None``."""
        u = self._units.get(name)
        if u is None and name in self._surfaces:
            u = self._units[self._surfaces[name]]
        return u

    def family(self, name: str) -> str:
        """The family of a unit: money, percent, count, physical or time (a unit not in the model: count).

        A rate (``元/人``) is in the family of what it measures, its first unit.
        """
        u = self.unit(name) or self.unit(name.split("/", 1)[0])
        return u.family if u else self._default_family

    def convert(self, value: Decimal | int | str, src: str, dst: str) -> Decimal | None:
        """``value`` in ``src`` written in ``dst``, or ``None`` when they measure different things."""
        a, b = self.unit(src), self.unit(dst)
        if a is None or b is None or a.dimension != b.dimension:
            return None
        with localcontext() as ctx:
            ctx.prec = 20  # a factor written as a fraction (亩) leaves no trailing artefacts
            v = +(Decimal(value) * a.factor / b.factor)
        return v.quantize(Decimal(1)) if v == v.to_integral_value() else v.normalize()

    def comparable(self, a: str, b: str) -> bool:
        """Whether amounts in ``a`` and ``b`` measure the same thing (``公里`` and ``千米``: yes)."""
        ua, ub = self.unit(a), self.unit(b)
        return ua is not None and ub is not None and ua.dimension == ub.dimension


def default() -> Units:
    """The unit model of the package's own language data."""
    return Lexicon.default().stage(Units)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)
