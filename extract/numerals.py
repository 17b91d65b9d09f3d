"""Numerals: Arabic, full-width, Chinese and mixed numeral strings to exact values.

``parse_number("2万亿")`` → ``2000000000000.0``; :func:`parse_decimal` gives the exact
:class:`~decimal.Decimal`. The characters, digit values and magnitudes come from
``data/numbers.toml``. :data:`FOLD` is the one-to-one character fold (full-width digits,
traditional and financial numerals) applied before matching, so offsets survive it.

A :class:`Numerals` is built from one :class:`~extract.lexicon.Lexicon`; the module's own names
(``parse_number`` …) are those of the package's data.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext
from functools import cached_property

import regex

from .lexicon import Lexicon, default_names

_THOUSANDS = regex.compile(r"(?<=\d)[,，](?=\d{3}(?:\D|$))")
_SPACE = regex.compile(r"\s+")
_ARABIC = regex.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")
_ASCII_DIGITS = frozenset("0123456789")
# a full-width comma groups thousands only between full-width digits (１１１，１１１)
_FULL_WIDTH_DIGIT = re.compile("[０-９]")
_FULL_WIDTH_GROUP = re.compile("(?<=[０-９])，(?=[０-９]{3})")


class _Positional:
    """A positional numeral read token by token: a digit (``a`` Arabic, ``d`` Chinese), a small unit
    (``s``: 十百千, within a section) or a magnitude (``b``: 万亿, over the sections before it)."""

    __slots__ = ("digits", "small", "big", "total", "section", "num", "last_big", "last_unit", "after_unit", "zero")

    def __init__(self, digits: dict[str, int], small: dict[str, int], big: dict[str, int]) -> None:
        self.digits, self.small, self.big = digits, small, big
        self.total = Decimal(0)
        self.section = Decimal(0)
        self.num: Decimal | None = None
        self.last_big: int | None = None
        self.last_unit: int | None = None  # the unit right before the current number, for 一万三 = 13000
        self.after_unit = False
        self.zero = False

    def add(self, kind: str, text: str) -> bool:
        """Read one token; False when the numeral cannot go on (two numbers side by side: 五五)."""
        if kind == "s":
            self._small(self.small[text])
        elif kind == "b":
            self._big(self.big[text])
        elif self.num is not None:
            return False
        elif kind == "d" and self.digits[text] == 0:
            self.zero, self.after_unit = True, False
        else:
            self.num = Decimal(text) if kind == "a" else Decimal(self.digits[text])
            if not self.after_unit:
                self.last_unit = None
        return True

    def _small(self, u: int) -> None:
        self.section += (self.num if self.num is not None else 1) * u
        self.num, self.last_unit, self.after_unit, self.zero = None, u, True, False

    def _big(self, u: int) -> None:
        v = self.section + (self.num or 0)
        if v == 0:
            self.total = (self.total or 1) * u
        elif self.last_big is None or u > self.last_big:
            self.total = (self.total + v) * u
        else:
            self.total += v * u
        self.last_big, self.section, self.num, self.last_unit, self.after_unit, self.zero = \
            u, Decimal(0), None, u, True, False

    def value(self) -> Decimal:
        """The number read; a digit right after a unit of a hundred or more abbreviates the next
        place (一万三 = 13000, 九百九 = 990)."""
        num, section = self.num, self.section
        if num is not None:
            unit = self.last_unit
            if unit and unit >= 100 and not self.zero and num < 10 and num == num.to_integral_value():
                num *= unit // 10
            section += num
        return self.total + section


class Numerals:
    """The numeral grammar of one lexicon's ``numbers.toml``: its digits, magnitudes and fold, and the
    readers of numeral strings and calendar years built from them."""

    def __init__(self, lex: Lexicon) -> None:
        self._LEX = lex["numbers"]
        self._N = self._LEX["numerals"]
        self.FOLD: dict[int, int] = {}
        for _src, _dst in self._LEX["chars"]["fold"]:
            self.FOLD.update(str.maketrans(_src, _dst))
        self.DIGITS: dict[str, int] = dict(self._N["digits"])
        self.SMALL: dict[str, int] = dict(self._N["small"])
        self.BIG: dict[str, int] = dict(self._N["big"])
        self.SPECIAL: dict[str, str] = dict(self._N["special"])
        self.POINT: str = self._N["decimal_point"]
        self.VAGUE = "".join(self._N["vague_more"] + self._N["vague_digit"])
        self.FRACTION: str = self._N["fraction"]
        self.PERCENT_PREFIXES = tuple(self._LEX["percent"]["prefixes"])
        self.MAX_LENGTH: int = self._N["max_length"]
        self.CN_DIGITS = "".join(self.DIGITS)
        #: the characters of a Chinese integer below 万 (heading numbers, months, days): digits and 十百千
        self.CN_INTEGER = self.CN_DIGITS + "".join(self.SMALL)
        self._T = self._LEX["time"]
        #: the calendar years a four-digit numeral may name (inclusive)
        self.YEAR_MIN: int = self._T["year_min"]
        self.YEAR_MAX: int = self._T["year_max"]
        #: the word after a calendar year (2024年)
        self.YEAR_WORD: str = self._T["year_unit"]
        self._TOKEN = regex.compile(
            rf"(?P<a>\d+(?:\.\d+)?)|(?P<d>[{self.CN_DIGITS}])|(?P<s>[{''.join(self.SMALL)}])|(?P<b>[{''.join(self.BIG)}])"
        )
        self._SIMPLE = regex.compile(rf"(\d+(?:\.\d+)?)[ \t]*([{''.join(self.BIG)}]*)")
        self._SPECIAL = regex.compile("|".join(sorted(map(regex.escape, self.SPECIAL), key=len, reverse=True)))
        self._NEG = tuple(self._N["negative"])
        # a plain character-class scan over the whole text: the standard library's engine does it in a third
        # of the time, and the extractors proper all use ``regex``
        self._FOLDABLE = re.compile("[" + re.escape("".join(map(chr, self.FOLD))) + "]+")

    def fold(self, s: str) -> str:
        """``s`` with full-width and traditional numeral characters folded (same length)."""
        if _FULL_WIDTH_DIGIT.search(s):
            s = _FULL_WIDTH_GROUP.sub(",", s)
        return self._FOLDABLE.sub(lambda m: m.group().translate(self.FOLD), s)

    def parse_number(self, s: str) -> float | None:
        """One numeral string to its value, or ``None`` when it is not a number.

        >>> parse_number("一千二百三十四万五千六百"), parse_number("1,268.5"), parse_number("百分之十八点七")
        (12345600.0, 1268.5, 18.7)
        """
        v = self.parse_decimal(s)
        return None if v is None else float(v)

    def parse_decimal(self, s: str) -> Decimal | None:
        """Like :func:`parse_number`, exact: ``"百分之一点五七"`` → ``Decimal("1.57")``."""
        if not isinstance(s, str) or len(s) > self.MAX_LENGTH:
            return None
        m = self._SIMPLE.fullmatch(s)
        if m and self._magnitudes_rise(m.group(2)):  # the common case, fast: 2024, 18.7, 2万亿, 4.5 亿
            v = Decimal(m.group(1))
            for c in m.group(2):
                v *= self.BIG[c]
            return v
        s = _SPACE.sub("", self.fold(s))
        if not s or len(s) > self.MAX_LENGTH:
            return None
        s = _THOUSANDS.sub("", s)
        if not self.well_formed(s):
            return None
        try:
            with localcontext() as ctx:
                ctx.prec = 60
                return self._value(s)
        except (InvalidOperation, ValueError, ZeroDivisionError, OverflowError):
            return None

    def _value(self, s: str) -> Decimal | None:
        for prefix in self.PERCENT_PREFIXES:
            # as a bare numeral 百分之X is X: the figure extractor keeps it in per cent (or per mille)
            if s.startswith(prefix) and len(s) > len(prefix):
                return self._value(s[len(prefix):])
        mixed = self._N["mixed"]
        if mixed in s:
            whole, _, frac = s.partition(mixed)
            w, f = self._value(whole), self._value(frac)
            if w is None or f is None:
                return None
            return w - f if w < 0 else w + f
        if self.FRACTION in s:
            den, _, num = s.partition(self.FRACTION)
            d, n = self._value(den), self._value(num)
            if d is None or n is None or d == 0:
                return None
            return n / d
        if "/" in s:
            num, _, den = s.partition("/")
            n, d = self._value(num), self._value(den)
            if d is None or n is None or d == 0:
                return None
            return n / d
        sign = 1
        while s.startswith(self._NEG):
            sign = -sign
            s = s[1:]
        if s.startswith("+"):
            s = s[1:]
        v = self._unsigned(s)
        return None if v is None else sign * v

    def _unsigned(self, s: str) -> Decimal | None:
        if not s:
            return None
        if _ARABIC.fullmatch(s):
            return Decimal(s)
        if self.SPECIAL and self._SPECIAL.search(s):
            s = self._SPECIAL.sub(lambda m: self.SPECIAL[m.group()], s)
        s = "".join(c for c in s if c not in self.VAGUE)
        if self.POINT in s:
            whole, _, rest = s.partition(self.POINT)
            i = 0
            while i < len(rest) and (rest[i] in self.DIGITS or rest[i].isdigit()):
                i += 1
            digits, mags = rest[:i], rest[i:]
            if not digits or any(c not in self.BIG for c in mags):
                return None
            w = self._integer(whole) if whole else Decimal(0)
            if w is None:
                return None
            frac = Decimal("0." + "".join(str(self.DIGITS[c]) if c in self.DIGITS else c for c in digits))
            v = w + frac
            for c in mags:
                v *= self.BIG[c]
            return v
        return self._integer(s)

    def _integer(self, s: str) -> Decimal | None:
        """A whole number: a digit sequence (:func:`_digit_sequence`) or a positional numeral
        (:class:`_Positional`); None when ``s`` holds anything else."""
        toks = list(self._TOKEN.finditer(s))
        if not toks or sum(len(t.group()) for t in toks) != len(s):
            return None
        if len(toks) > 1 and all(t.lastgroup == "d" or (t.lastgroup == "a" and len(t.group()) == 1) for t in toks):
            return self._digit_sequence(toks)
        reading = _Positional(self.DIGITS, self.SMALL, self.BIG)
        for t in toks:
            if not reading.add(t.lastgroup, t.group()):
                return None
        return reading.value()

    def _digit_sequence(self, toks: list[regex.Match]) -> Decimal:
        """Digits read one by one, as a year is written: 二〇二五 = 2025."""
        return Decimal("".join(str(self.DIGITS[t.group()]) if t.lastgroup == "d" else t.group() for t in toks))

    def is_calendar_year(self, n: int) -> bool:
        """Whether ``n`` is a year a four-digit numeral may name (``year_min``…``year_max`` of the data)."""
        return self.YEAR_MIN <= n <= self.YEAR_MAX

    def calendar_year(self, s: str) -> int | None:
        """The calendar year a four-digit numeral names — Arabic, full-width or Chinese digits — or None.

        >>> calendar_year("2024"), calendar_year("二〇二四"), calendar_year("１９９８"), calendar_year("9999")
        (2024, 2024, 1998, None)
        """
        if len(s) != 4:
            return None
        s = self.fold(s)
        if all(c in _ASCII_DIGITS for c in s):
            n = int(s)
        elif all(c in self.DIGITS for c in s):
            n = int("".join(str(self.DIGITS[c]) for c in s))
        else:
            return None
        return n if self.is_calendar_year(n) else None

    @cached_property
    def _centuries(self) -> tuple[list[int], list[int]]:
        """The centuries ``year_min``…``year_max`` covers whole (19, 20), and the years of those it covers in part."""
        lo, hi = self.YEAR_MIN, self.YEAR_MAX
        whole = [c for c in range(lo // 100, hi // 100 + 1) if lo <= c * 100 and c * 100 + 99 <= hi]
        partial = [y for y in range(lo, hi + 1) if y // 100 not in whole]
        return whole, partial

    def year_pattern(self) -> str:
        """A regex (no groups) of the four Arabic digits of a calendar year, ``year_min``…``year_max``:
        each whole century as two digits and ``\\d{2}``, the years of a partial one listed."""
        whole, partial = self._centuries
        alts = ([f"(?:{'|'.join(map(str, whole))})\\d{{2}}"] if whole else []) + [str(y) for y in partial]
        return f"(?:{'|'.join(alts)})"

    def _digit_class(self, d: int) -> str:
        return "[" + "".join(c for c, v in self.DIGITS.items() if v == d) + "]"

    def cn_year_pattern(self) -> str:
        """A regex (no groups) of a calendar year spelled digit by digit in Chinese numerals (二〇二四,
        一九九八, 二○二三), ``year_min``…``year_max`` as :func:`year_pattern`."""
        whole, partial = self._centuries
        any_digit = f"[{self.CN_DIGITS}]"
        alts = [f"{self._digit_class(c // 10)}{self._digit_class(c % 10)}{any_digit}{{2}}" for c in whole]
        alts += ["".join(self._digit_class(int(ch)) for ch in str(y)) for y in partial]
        return f"(?:{'|'.join(alts)})"

    def spelled(self, n: int) -> str:
        """``n`` (0…99) in Chinese numerals, with the first digit listed for each value: 十二, 二十, 九.

        >>> spelled(12), spelled(20), spelled(7)
        ('十二', '二十', '七')
        """
        digit = {v: c for c, v in reversed(self.DIGITS.items())}
        ten = next(c for c, v in self.SMALL.items() if v == 10)
        tens, ones = divmod(n, 10)
        if not tens:
            return digit[ones]
        return (digit[tens] if tens > 1 else "") + ten + (digit[ones] if ones else "")

    def integer(self, s: str) -> int | None:
        """A whole number written in Arabic, full-width or Chinese digits (``十二``, ``１２``, ``二〇二四``),
        as a heading number, a month or a day is; None for anything else.

        >>> integer("十二"), integer("１２"), integer("一百零一"), integer("1.5")
        (12, 12, 101, None)
        """
        v = self.parse_decimal(s)
        return int(v) if v is not None and v == v.to_integral_value() and v >= 0 else None

    @cached_property
    def placeholders(self) -> dict[str, str]:
        """The numeral placeholders that patterns in the data files are written with, and their regexes:
        ``{numeral}`` a whole number in Chinese or Arabic digits, ``{digit}`` one character of one,
        ``{chinese}`` Chinese digits only, ``{cn_digit}`` one of them, ``{number}`` a month or a day (3, 十二),
        ``{year}`` a calendar year in Arabic or Chinese digits (2024, 二〇二四), ``{arabic_year}`` one in
        Arabic digits."""
        cn = regex.escape(self.CN_INTEGER)
        arabic_year = self.year_pattern()
        return {
            "{numeral}": rf"[{cn}\d]+",
            "{digit}": rf"[{cn}\d]",
            "{chinese}": rf"[{cn}]+",
            "{cn_digit}": rf"[{cn}]",
            "{number}": rf"\d{{1,2}}|[{cn}]{{1,3}}",
            "{arabic_year}": arabic_year,
            "{year}": rf"{arabic_year}|{self.cn_year_pattern()}",
        }

    def expand(self, pattern: str) -> str:
        """A pattern of the data files with its numeral placeholders (:attr:`placeholders`) filled."""
        for name, sub in self.placeholders.items():
            pattern = pattern.replace(name, f"(?:{sub})")
        return pattern

    def _magnitudes_rise(self, bigs: str) -> bool:
        """Whether magnitude words written together compound upwards: 万亿, 千万亿, and a word doubled as in
        the old 万万 (= 亿) — never 亿万, and no word three times (亿亿亿)."""
        for i in range(1, len(bigs)):
            a, b = self.BIG[bigs[i - 1]], self.BIG[bigs[i]]
            if a > b or (a == b and i >= 2 and bigs[i - 2] == bigs[i]):
                return False
        return True

    def well_formed(self, s: str) -> bool:
        """Whether a folded numeral string is built the way numerals are written.

        Refused: a sign after a sign (``++1``, ``负负1``), a percent word right after another
        (``百分之百分之五``), a small unit that does not fall within its section (``十一十一``, ``一百二百``),
        and magnitude words that fall or repeat when written together (``亿万``, ``亿亿亿``).

        >>> well_formed("一千二百三十四万五千六百"), well_formed("十一十一"), well_formed("++1")
        (True, False, False)
        """
        signs = (*self._NEG, "+")
        if s.startswith(signs) and s[1:].startswith(signs):
            return False
        body = next((s[len(p):] for p in self.PERCENT_PREFIXES if s.startswith(p)), s)
        if body.startswith(self.PERCENT_PREFIXES):
            return False
        return self._units_fall(body)

    def _units_fall(self, s: str) -> bool:
        """Small units fall within a section (千 > 百 > 十, reset by a magnitude word); magnitude words written
        together compound upwards (:func:`_magnitudes_rise`)."""
        small = None
        bigs = ""
        for c in s + " ":  # the space ends the last group of magnitude words
            if c in self.VAGUE:
                continue  # 两万多亿 is 两万亿 with a qualifier
            if c in self.BIG:
                bigs, small = bigs + c, None
                continue
            if bigs and not self._magnitudes_rise(bigs):
                return False
            bigs = ""
            if c in self.SMALL:
                if small is not None and self.SMALL[c] >= small:
                    return False
                small = self.SMALL[c]
            elif c not in self.DIGITS and not c.isdigit():
                small = None  # 点, 分之, 又: another numeral starts
        return True


def default() -> Numerals:
    """The stage built from the package's own language data."""
    return Lexicon.default().stage(Numerals)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)
