"""Where a line of text may break, for Chinese mixed with numbers and ids.

The rules (a small part of Unicode's line breaking and of the CJK
"kinsoku" rules, enough for report text):
- never inside a run of letters, digits and their joiners: a number
  (4.5, 100%), an id (B1-2027-01), a date or a range (2026-12-08–12-10);
- never before closing punctuation (），。、；：！？」』】 ...) nor after
  opening punctuation (（「『【 ...): a line neither starts with a closer nor
  ends with an opener;
- after a space, and between two Chinese characters (or a Chinese
  character and a number), a break is allowed; a space is preferred when
  the line is then more than half full (spaces part "label value" pairs, so
  a label stays with its value).
A piece too long for the line is cut by cells as a last resort, still never
leaving a closer at the head of the next line when a character can go with it.
"""
from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

# a line never starts with one of these (closers, stops, the iteration and prolonged-sound marks)
CLOSING = frozenset("）〕」』】》〉］｝〙〗〛’”，。、；：！？．・…‥ー々〻％"
                    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ" ")]}>,.;:!?%")
# a line never ends with one of these
OPENING = frozenset("（〔「『【《〈［｛〘〖〚‘“([{<")
# letters, digits and what joins them inside a number, an id or a date
_JOINERS = frozenset(".,:/-_+–~#'@&")


def _word(char: str) -> bool:
    return char.isascii() and char.isalnum() or char in "０１２３４５６７８９"


def _joined(a: str, b: str) -> bool:
    """a and b belong to one number, id or date (a run of letters and digits
    and the joiners between them)."""
    return (_word(a) or a in _JOINERS) and (_word(b) or b in _JOINERS) and not (a in _JOINERS and b in _JOINERS)


def may_break(text: str, i: int) -> bool:
    """May a line end before text[i] (0 < i < len(text))?"""
    a, b = text[i - 1], text[i]
    if b == " " or b in CLOSING or a in OPENING:
        return False
    if a == " ":
        return True
    return not _joined(a, b)


def breaks(text: str, columns: int) -> list[int]:
    """The offsets where `text` (one line, no newline) is cut so that each
    piece, its trailing spaces dropped, is at most `columns` cells wide."""
    columns = max(1, columns)
    if cell_len(text) <= columns:
        return []                                   # the whole line fits: no cut (the loop below agrees)
    widths = [cell_len(char) for char in text]
    cuts: list[int] = []
    start, n = 0, len(text)
    while True:
        while start < n and text[start] == " " and cuts:
            start += 1                              # a new line does not start with the space it broke at
        used, spaces, last_ok, at_space, i = 0, 0, None, None, start
        while i < n:
            if i > start and may_break(text, i):
                last_ok = i
                if text[i - 1] == " " and used - spaces > columns // 2:
                    at_space = i
            used += widths[i]
            spaces = spaces + 1 if text[i] == " " else 0
            if used - spaces > columns:
                break
            i += 1
        if i >= n:
            return cuts
        cut = at_space or last_ok or _forced(text, start, i)
        cuts.append(cut)
        start = cut


def _forced(text: str, start: int, over: int) -> int:
    """No allowed break fits: cut before the character that overflows, moving
    back one so that a closer keeps a character with it, and an opener is
    not left at the end."""
    cut = over
    while cut - 1 > start and (text[cut] in CLOSING or text[cut - 1] in OPENING):
        cut -= 1
    return max(cut, start + 1)


def pieces(text: str) -> list[str]:
    """The pieces no break may split, each with its trailing spaces dropped."""
    out, start = [], 0
    for i in range(1, len(text)):
        if may_break(text, i):
            out.append(text[start:i].rstrip(" "))
            start = i
    out.append(text[start:].rstrip(" "))
    return [piece for piece in out if piece]


def wrap(text: str, columns: int) -> list[str]:
    """Plain text as lines of at most `columns` cells (newlines kept)."""
    lines: list[str] = []
    for hard in text.split("\n"):
        cuts = [0, *breaks(hard, columns), len(hard)]
        lines += [hard[a:b].strip(" ") if a else hard[a:b].rstrip(" ") for a, b in zip(cuts, cuts[1:])] or [""]
    return lines


class Prose(Text):
    """Rich text that wraps by these rules (rich's own wrap folds a Chinese
    run anywhere, splitting numbers and putting closers at a line's head).
    Every table cell that may wrap and every free line of the text reports
    is one."""

    @classmethod
    def of(cls, text: "str | Text", style: str = "", markup: bool = True) -> "Prose":
        rich = text if isinstance(text, Text) else (Text.from_markup(text, style=style, emoji=False) if markup
                                                     else Text(text, style=style))
        return cls(rich.plain, style=rich.style, justify=rich.justify, end=rich.end,
                   spans=list(rich.spans))

    def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None) -> Lines:
        lines = Lines()
        for line in self.split(allow_blank=True):
            plain = line.plain
            new_lines = line.divide(breaks(plain, width)) if plain else Lines([line])
            for piece in new_lines:
                piece.rstrip()          # a cut never falls before a space: only trailing ones to drop
            new_lines.justify(console, width, justify=justify or self.justify or "default",
                              overflow=overflow or self.overflow or "fold")
            lines.extend(new_lines)
        return lines

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement(*_measure(self.plain))


@lru_cache(maxsize=4096)
def _measure(plain: str) -> tuple[int, int]:
    """The narrowest (longest unbreakable piece) and widest (longest line)
    a text lays out in, in cells: a table measures each cell several times."""
    hard = plain.split("\n")
    widest = max((cell_len(line) for line in hard), default=0)
    least = max((cell_len(piece) for line in hard for piece in pieces(line)), default=widest)
    return least, widest



def put(out, text: "str | Text", style: str = "", markup: bool = True) -> None:
    """Print a line of report text on `out`, wrapped by these rules (rich
    joins the Text objects given to print into a plain Text, so the Prose
    goes in a container)."""
    from rich.containers import Renderables
    out.print(Renderables([Prose.of(text, style, markup)]))
