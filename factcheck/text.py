"""Text helpers every layer may use: untrusted text made safe to show, lines, phrases.

The bottom of the layering (docs/architecture.md): it imports nothing from the
package, so the stages, the renderers and the command line can all show
article text, times and counts the same way.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator

# Characters that can act on a terminal, a browser's text direction or a
# parser instead of being read: C0/C1 controls (ESC starts ANSI/OSC sequences),
# bidi embeddings/overrides/isolates, and line/paragraph separators; and the
# invisible ones a reader cannot see (zero-width spaces and joiners, word
# joiners and invisible operators, tag characters), the noncharacters
# U+FFFE/U+FFFF and lone surrogates, which XML and UTF-8 cannot carry.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = "\u180e\u200b\u200c\u200d\u2060-\u2064\U000e0000-\U000e007f"
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    + _BIDI
    + _INVISIBLE
    + "\u2028\u2029\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff]"
)
# Article text shown inline (a table cell, a quoted sentence) is one line.
_WHITESPACE_RUN = re.compile(r"[\t\n\r]+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _escape_char(ch: str) -> str:
    """The visible escape of one unsafe character, e.g. ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible_runs(text: str, *, one_line: bool = True) -> Iterator[tuple[str, bool]]:
    """``text`` as (run, is_escape) pairs: plain runs, and visible escapes of unsafe characters.

    With ``one_line`` (the default), tabs and line breaks become one space, so
    a piece of article text can sit in a table cell or a sentence.
    """
    if one_line:
        text = _WHITESPACE_RUN.sub(" ", text)
    pos = 0
    for match in _UNSAFE.finditer(text):
        if match.start() > pos:
            yield text[pos : match.start()], False
        yield _escape_char(match.group(0)), True
        pos = match.end()
    if pos < len(text):
        yield text[pos:], False


def visible(text: str, *, one_line: bool = True) -> str:
    """``text`` with every unsafe character replaced by its visible escape (see visible_runs)."""
    return "".join(run for run, _ in visible_runs(text, one_line=one_line))


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, blank lines included, line breaks excluded."""
    spans = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.start() == m.end():
            break
        spans.append((m.start(), m.start() + len(m.group().rstrip("\r\n"))))
    return spans


def when(moment: _dt.datetime | None) -> str:
    """A publication time for a reader: ``5 May 2010 19:12 +01:00``."""
    if moment is None:
        return ""
    text = f"{moment.day} {moment.strftime('%b %Y %H:%M')}"
    if moment.tzinfo is not None and (offset := moment.strftime("%z")):
        text += f" {offset[:3]}:{offset[3:]}"
    return text


def join_names(labels: Iterable[str]) -> str:
    """``A``, ``A and B``, ``A, B and C`` (repeats dropped)."""
    unique = list(dict.fromkeys(labels))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def count_phrase(references: int, independent: int) -> str:
    """``3 references, 2 independent sources``."""
    return (
        f"{references} reference{'s' if references != 1 else ''}, "
        f"{independent} independent source{'s' if independent != 1 else ''}"
    )
