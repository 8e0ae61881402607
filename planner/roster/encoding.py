"""Which encoding a csv roster is in: UTF-8 (with or without BOM), else the
one of GBK/GB18030, Big5 and Shift-JIS under which the text reads as a roster.
Never a guess: when two readings stay possible, the file is refused."""
from __future__ import annotations

from typing import Callable

from ..errors import PlannerError
from .words import say

CANDIDATES = ("gb18030", "big5", "shift_jis")
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GBK/GB18030", "big5": "Big5",
          "shift_jis": "Shift-JIS"}

# Characters a roster in these languages is made of (besides ASCII).
_PLAUSIBLE = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x3000, 0x303F),
              (0xFF01, 0xFF60), (0xFFE0, 0xFFE6), (0x2010, 0x2027), (0x00B7, 0x00B7))
_KANA = (0x3040, 0x30FF)


def implausible(text: str, encoding: str) -> int:
    """How many characters of `text` no roster would hold: the marks of a
    wrong decoding (half-width katakana, private-use, Greek or box drawing
    in a Chinese name ...)."""
    count = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80 or any(lo <= code <= hi for lo, hi in _PLAUSIBLE):
            continue
        if encoding == "shift_jis" and _KANA[0] <= code <= _KANA[1]:
            continue
        count += 1
    return count


def simplified_share(text: str) -> float:
    """The share of the ideographs of `text` in GB2312, the common
    simplified set: a GBK roster read as GBK is all of it; GBK bytes read
    as Big5, or Big5 bytes read as GBK, land in it about half the time."""
    ideographs = [ch for ch in text if 0x3400 <= ord(ch) <= 0x9FFF]
    if not ideographs:
        return 1.0
    inside = 0
    for ch in ideographs:
        try:
            ch.encode("gb2312")
            inside += 1
        except UnicodeEncodeError:
            pass
    return inside / len(ideographs)


def _pick(pool: dict[str, str]) -> str | None:
    """The one reading that is clearly right, or None."""
    clean = [e for e, t in pool.items() if implausible(t, e) == 0]
    if len(clean) <= 1:
        return clean[0] if clean else None
    others = [e for e in clean if e != "gb18030"]
    if "gb18030" in clean and simplified_share(pool["gb18030"]) >= 0.9:
        if all(simplified_share(pool[e]) <= 0.8 for e in others):
            return "gb18030"
        return None
    return others[0] if len(others) == 1 else None


def decode_csv(data: bytes, shown: str, lang: str, reads_as_roster: Callable[[str], bool]) -> tuple[str, str]:
    """The text and the encoding; `reads_as_roster(text)` says whether a
    decoded text holds a roster's header row."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlannerError(say(lang, "utf16"), file=shown)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as err:
            raise PlannerError(say(lang, "bad_utf8", at=err.start + 3), file=shown) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = {}
    for encoding in CANDIDATES:
        try:
            decoded[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise PlannerError(say(lang, "no_encoding"), file=shown)
    if len(decoded) == 1:
        return next(iter(decoded.values())), next(iter(decoded))
    pool = {e: t for e, t in decoded.items() if _reads(reads_as_roster, t)} or decoded
    if len(pool) == 1:
        return next(iter(pool.values())), next(iter(pool))
    chosen = _pick(pool)
    if chosen is not None:
        return pool[chosen], chosen
    readable = [e for e in CANDIDATES if e in pool and implausible(pool[e], e) == 0] or \
        [e for e in CANDIDATES if e in pool]
    names = " / ".join(_NAMES[e] for e in readable)
    raise PlannerError(say(lang, "ambiguous_encoding", encodings=names), file=shown)


def _reads(test: Callable[[str], bool], text: str) -> bool:
    try:
        return test(text)
    except PlannerError:
        return False


def encoding_name(encoding: str) -> str:
    return _NAMES.get(encoding, encoding)
