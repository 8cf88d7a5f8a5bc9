"""Hand-built reports for the renderer tests (no pipeline, no model).

``small_report()`` is a three-outlet story with one finding of each severity;
``hostile_report()`` puts every kind of hostile text (markup, escapes, HTML,
Markdown links, formula prefixes, controls, bidi overrides) in the places a
renderer shows: article text, evidence, outlet, labels and messages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from html.parser import HTMLParser

from factcheck.model import (
    Article,
    Evidence,
    EvidenceValue,
    Finding,
    Group,
    Kind,
    Quantity,
    QuoteAttribution,
    Report,
    Severity,
    Statement,
    ValueKind,
)


def article(aid: str, text: str, **meta: object) -> Article:
    """An article with its sha256 filled in."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Article(id=aid, path=f"articles/{aid}.txt", text=text, sha256=sha, **meta)  # type: ignore[arg-type]


def find(a: Article, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in the article (never hard-coded)."""
    start = -1
    for _ in range(nth + 1):
        start = a.text.index(needle, start + 1)
    return start, start + len(needle)


def statement(a: Article, sentence: str) -> Statement:
    return Statement(a.span(*find(a, sentence)))


def evidence(a: Article, needle: str, value: EvidenceValue | None = None) -> Evidence:
    return Evidence(a.span(*find(a, needle)), value)


def money(a: Article, needle: str, amount: float) -> Evidence:
    span = a.span(*find(a, needle))
    q = Quantity(span, amount, amount, amount, ValueKind.CURRENCY, unit="EUR", head="amende")
    return Evidence(span, q)


def speaker(a: Article, quote: str, who: str, entity: str, other: str) -> Evidence:
    span = a.span(*find(a, quote))
    return Evidence(span, QuoteAttribution(who, entity, other, None, None, quote))


LE_MONDE = (
    "Paris, 2 janvier 2026.\n"
    "Le parquet a requis une amende de 60.000 euros et deux ans de prison.\n"
    "« Nous corrigeons les failles », a écrit le compte X de Grok.\n"
    "Abonnez-vous à notre newsletter.\n"
)
AFP = (
    "Le parquet a requis une amende de 45 000 euros et deux ans de prison. "
    "« Nous corrigeons les failles », a déclaré xAI.\n"
)
OUEST = (
    "La ministre a annoncé une enquête vendredi. "
    "Le parquet a requis deux ans de prison contre l'auteur.\n"
)


def small_report() -> Report:
    """Three outlets, two groups (one flagged twice), one consistent group, one single source."""
    a = article(
        "lemonde",
        LE_MONDE,
        outlet="Le Monde",
        language="fr",
        published=dt.date(2026, 1, 2),
        published_source="dateline",
        excluded=((LE_MONDE.index("Abonnez"), len(LE_MONDE) - 1, "newsletter"),),
    )
    b = article("afp", AFP, outlet="AFP", language="fr", wire_credits=("AFP",))
    c = article("ouest", OUEST, outlet=None, language="fr")
    penalty = Group(
        "g1",
        "Le parquet a requis une amende",
        (
            statement(a, "Le parquet a requis une amende de 60.000 euros et deux ans de prison."),
            statement(b, "Le parquet a requis une amende de 45 000 euros et deux ans de prison."),
        ),
        0.91,
    )
    quote = Group(
        "g2",
        "Nous corrigeons les failles",
        (
            statement(a, "« Nous corrigeons les failles », a écrit le compte X de Grok."),
            statement(b, "« Nous corrigeons les failles », a déclaré xAI."),
        ),
        0.88,
    )
    prison = Group(
        "g3",
        "deux ans de prison",
        (
            statement(a, "Le parquet a requis une amende de 60.000 euros et deux ans de prison."),
            statement(c, "Le parquet a requis deux ans de prison contre l'auteur."),
        ),
        0.74,
    )
    findings = (
        Finding(
            Kind.VALUE_MISMATCH,
            Severity.ERROR,
            0.9,
            "Le Monde says 60000 EUR; AFP says 45000 EUR (amende).",
            (money(a, "60.000 euros", 60000.0), money(b, "45 000 euros", 45000.0)),
            group="g1",
            id="F1",
        ),
        Finding(
            Kind.ATTRIBUTION_MISMATCH,
            Severity.WARNING,
            0.8,
            "The same quote is credited to Grok (product) in Le Monde "
            "and to xAI (its developer) in AFP.",
            (
                speaker(a, "Nous corrigeons les failles", "le compte X de Grok", "Grok", "xAI"),
                speaker(b, "Nous corrigeons les failles", "xAI", "xAI", "Grok"),
            ),
            group="g2",
            id="F2",
        ),
        Finding(
            Kind.SINGLE_SOURCE,
            Severity.INFO,
            0.6,
            "Only ouest reports this.",
            (evidence(c, "La ministre a annoncé une enquête vendredi."),),
            group=None,
            id="F3",
        ),
    )
    return Report(
        (a, b, c),
        (penalty, quote, prison),
        findings,
        "0.1.0",
        warnings=("afp: no publication date",),
    )


HOSTILE = (
    "[red]x[/red] [bold]gras[/bold] \x1b[31mrouge\x1b[0m \x1b]0;title\x07 "
    "\x1b]8;;http://evil\x07lien\x1b]8;;\x07 <script>document.title='PWNED'</script> </td> "
    '<img src=x onerror="document.body.dataset.pwned=1"> '
    "a|b [x](javascript:alert(1)) `code` \x00\x08\x7f\x9b \u202eabc\u202c"
)
# Each piece that must come out inert, in every format.
HOSTILE_PIECES = (
    "[red]x[/red]",
    "[bold]",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x1b]8;;http://evil\x07",
    "<script>document.title='PWNED'</script>",
    '<img src=x onerror="document.body.dataset.pwned=1">',
    "</td>",
    "|",
    "[x](javascript:alert(1))",
    "\u202e",
)


def hostile_report() -> Report:
    """Hostile text in evidence, statements, outlet, group label and finding message."""
    sentence_a = f"=SUM(A1) +cmd @evil {HOSTILE} montant 100 euros."
    sentence_b = f"-2+3 {HOSTILE} montant 200 euros."
    a = article("evil-a", sentence_a + "\n", outlet=f"Outlet {HOSTILE}", language="fr")
    b = article("evil-b", sentence_b + "\n", outlet='=HYPERLINK("http://evil")', language="fr")
    group = Group(
        "g1",
        f"=cmd|' /C calc'!A0 {HOSTILE}",
        (statement(a, sentence_a), statement(b, sentence_b)),
        0.7,
    )
    span = a.span(*find(a, HOSTILE))
    finding = Finding(
        Kind.VALUE_MISMATCH,
        Severity.ERROR,
        0.9,
        f"@SUM {HOSTILE}",
        (
            Evidence(span, Quantity(span, 100.0, 100.0, 100.0, ValueKind.NUMBER, unit=HOSTILE)),
            evidence(b, HOSTILE),
        ),
        group="g1",
        id="F1",
    )
    single = Finding(
        Kind.SINGLE_SOURCE,
        Severity.INFO,
        0.5,
        HOSTILE,
        (evidence(a, "=SUM(A1) +cmd @evil"),),
        id="F2",
    )
    return Report((a, b), (group,), (finding, single), "0.1.0", warnings=(HOSTILE,))


class HTMLElements(HTMLParser):
    """Collects every start tag and attribute of an HTML page (to find injected ones)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
