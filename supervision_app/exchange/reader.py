"""A validated reader for the JSON record files: every value checked, every refusal naming its field.

Two layers, both plain Python:

* :func:`check_document` walks a parsed file once, without recursion, before any field is
  read: nesting deeper than :data:`MAX_DEPTH`, a whole number outside +/- 2**53, a number that is
  not finite (``NaN``, ``1e999``), or text holding invalid Unicode (a lone surrogate such as
  ``"\\udcff"``, which JSON can spell but UTF-8 cannot store) is refused with the path of the
  value (for example ``session.answers[3].text``).  Invalid Unicode is **refused**, never
  silently replaced, so the user's words are never changed behind their back.
* :class:`FieldReader` reads one typed field at a time (text with a length bound, dates and
  date-times within a sane range, whole numbers within bounds, lists, true/false) and raises
  :class:`RecordFileError` naming the field and the problem.

New fields of the record format plug in by calling the reader with their path; see
docs/record-format.md ("Refusals").
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, Literal, overload

#: The types, under names the reader's ``date`` and ``datetime`` methods do not hide.
Date = date
DateTime = datetime


class RecordFileError(Exception):
    """The file cannot be read, written or understood. The message is fit for the user."""


#: Deepest nesting of objects and lists any record file needs is 8; this leaves room.
MAX_DEPTH = 32
#: Whole numbers in a record file are counts, days and indexes; anything beyond this is damage.
MAX_INT = 2**53
#: The longest text field accepted (characters): a megabyte of typing several times over.
MAX_TEXT = 4_000_000
#: Names, references, identifiers and other one-line fields.
MAX_SHORT_TEXT = 2_000
EARLIEST = date(1800, 1, 1)
LATEST = date(2200, 12, 31)


class HugeNumber:
    """A JSON integer too long to be converted (``json.loads(parse_int=parse_json_int)``),
    kept so that :func:`check_document` can name the field that holds it."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def parse_json_int(text: str) -> int | HugeNumber:
    digits = len(text.lstrip("-"))
    return HugeNumber(digits) if digits > 30 else int(text)


def check_document(data: Any, root: str = "") -> None:
    """Refuse, naming the value, anything no field of a record file may hold (see module doc)."""
    stack: list[tuple[Any, str, int]] = [(data, root, 0)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, dict):
            if depth >= MAX_DEPTH:
                raise RecordFileError(f"{where or 'the file'} is nested more than {MAX_DEPTH} levels deep.")
            for key, item in value.items():
                _check_text(key, f"{where} (a key)" if where else "a key")
                stack.append((item, f"{where}.{key}" if where else str(key), depth + 1))
        elif isinstance(value, list):
            if depth >= MAX_DEPTH:
                raise RecordFileError(f"{where or 'the file'} is nested more than {MAX_DEPTH} levels deep.")
            stack.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, where or "the file")
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if not -MAX_INT <= value <= MAX_INT:
                raise RecordFileError(f"{where} is a number far too large ({_digits(value)} digits).")
        elif isinstance(value, HugeNumber):
            raise RecordFileError(f"{where} is a number far too large ({value.digits} digits).")
        elif isinstance(value, float) and not math.isfinite(value):
            raise RecordFileError(f"{where} is not a finite number.")


def _digits(value: int) -> int:
    return int(abs(value).bit_length() * 0.30103) + 1


def _check_text(value: str, where: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordFileError(
            f"{where} contains invalid Unicode (a lone surrogate, \\u{ord(value[exc.start]):04x}, "
            f"at character {exc.start + 1}); correct the file and import it again."
        ) from None


class FieldReader:
    """Typed field access that raises :class:`RecordFileError` naming the field."""

    def table(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise RecordFileError(f"{where} must be a JSON object.")
        return value

    def tables(self, parent: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = parent.get(key)
        if not isinstance(value, list):
            raise RecordFileError(f"{where}.{key} must be a list.")
        return [self.table(v, f"{where}.{key}[{i}]") for i, v in enumerate(value)]

    def text(
        self,
        parent: dict[str, Any],
        key: str,
        where: str,
        allow_empty: bool = False,
        default: str | None = None,
        max_length: int = MAX_TEXT,
    ) -> str:
        value = parent.get(key, default)
        if not isinstance(value, str):
            raise RecordFileError(f"{where}.{key} must be text.")
        if not allow_empty and not value.strip():
            raise RecordFileError(f"{where}.{key} must not be empty.")
        if len(value) > max_length:
            raise RecordFileError(
                f"{where}.{key} is too long ({len(value):,} characters; at most {max_length:,})."
            )
        _check_text(value, f"{where}.{key}")
        return value

    def short_text(self, parent: dict[str, Any], key: str, where: str, **kwargs: Any) -> str:
        return self.text(parent, key, where, max_length=MAX_SHORT_TEXT, **kwargs)

    def text_list(self, parent: dict[str, Any], key: str, where: str) -> list[str]:
        value = parent.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RecordFileError(f"{where}.{key} must be a list of text.")
        for i, item in enumerate(value):
            if len(item) > MAX_SHORT_TEXT:
                raise RecordFileError(
                    f"{where}.{key}[{i}] is too long ({len(item):,} characters; at most "
                    f"{MAX_SHORT_TEXT:,})."
                )
            _check_text(item, f"{where}.{key}[{i}]")
        return list(value)

    def boolean(self, parent: dict[str, Any], key: str, where: str) -> bool:
        value = parent.get(key, False)
        if not isinstance(value, bool):
            raise RecordFileError(f"{where}.{key} must be true or false.")
        return value

    def whole(
        self, value: Any, where: str, low: int = 0, high: int = 1_000_000
    ) -> int:
        """A whole number from ``low`` to ``high`` (``where`` is the value's full path)."""
        if not isinstance(value, int) or isinstance(value, bool):
            raise RecordFileError(f"{where} must be a whole number.")
        if not low <= value <= high:
            raise RecordFileError(f"{where} must be a whole number from {low} to {high}.")
        return value

    @overload
    def date(
        self, parent: dict[str, Any], key: str, where: str, optional: Literal[False] = False
    ) -> Date: ...

    @overload
    def date(self, parent: dict[str, Any], key: str, where: str, optional: bool) -> Date | None: ...

    def date(
        self, parent: dict[str, Any], key: str, where: str, optional: bool = False
    ) -> Date | None:
        """A date (YYYY-MM-DD) from 1800 to 2200; None only if ``optional`` and null or absent."""
        value = parent.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise RecordFileError(f"{where}.{key} must be a date written as YYYY-MM-DD.")
        try:
            if len(value) != 10:
                raise ValueError
            parsed = date.fromisoformat(value)
        except ValueError:
            raise RecordFileError(
                f"{where}.{key} '{_quote(value)}' is not a date (YYYY-MM-DD)."
            ) from None
        if not EARLIEST <= parsed <= LATEST:
            raise RecordFileError(
                f"{where}.{key} {value} is outside the years {EARLIEST.year} to {LATEST.year}."
            )
        return parsed

    @overload
    def datetime(
        self, parent: dict[str, Any], key: str, where: str, optional: Literal[False] = False
    ) -> DateTime: ...

    @overload
    def datetime(
        self, parent: dict[str, Any], key: str, where: str, optional: bool
    ) -> DateTime | None: ...

    def datetime(
        self, parent: dict[str, Any], key: str, where: str, optional: bool = False
    ) -> DateTime | None:
        """A date and time (ISO 8601); None only if ``optional`` and null or absent."""
        value = parent.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise RecordFileError(f"{where}.{key} must be a date and time (ISO 8601).")
        try:
            if len(value) > 40:
                raise ValueError
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise RecordFileError(
                f"{where}.{key} '{_quote(value)}' is not an ISO 8601 date and time."
            ) from None
        if not EARLIEST <= parsed.date() <= LATEST:
            raise RecordFileError(
                f"{where}.{key} {value} is outside the years {EARLIEST.year} to {LATEST.year}."
            )
        if parsed.tzinfo is not None:  # stored as local time, like everything the app writes
            parsed = parsed.astimezone().replace(tzinfo=None)
        return parsed


def _quote(value: str) -> str:
    """The start of a bad value for a message (never more than 40 characters)."""
    return value[:40].encode("utf-8", "backslashreplace").decode("utf-8")
