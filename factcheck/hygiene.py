"""Checks on article text that concern the reader's safety rather than the facts.

A bidi control character (U+202A–U+202E, U+2066–U+2069) makes a quote display
in an order other than the one its characters are in: an outlet (or an
attacker) can make a quote read differently from what was written. The
renderers already show such characters as visible escapes; this module adds a
warning so the reader knows to look.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from factcheck.model import Statement
from factcheck.text import visible

_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")

# Enough of the quote for the reader to find it; the report holds the full span.
_EXCERPT_CHARS = 60


def bidi_warnings(statements: Sequence[Statement]) -> list[str]:
    """One warning per quote that contains a bidi control character, in statement order.

    Each names the article, the quote's offsets, the characters (by Unicode
    name) and a short excerpt with every control shown as a visible escape.
    """
    warnings: list[str] = []
    for statement in statements:
        for quote in statement.quotes:
            found = sorted(set(_BIDI_CONTROL.findall(quote.span.text)))
            if not found:
                continue
            names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c)}" for c in found)
            excerpt = visible(quote.span.text[:_EXCERPT_CHARS])
            more = "…" if len(quote.span.text) > _EXCERPT_CHARS else ""
            warnings.append(
                f"{quote.span.article}: the quote at {quote.span.start}-{quote.span.end} "
                f"contains {names}; it may display in another order than it is written: "
                f"«{excerpt}{more}»"
            )
    return warnings
