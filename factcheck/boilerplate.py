"""Find the parts of an article's text that are not article prose.

Pasted web pages carry newsletter and subscription blocks, ``Lire aussi``
teasers, photo captions, navigation bars, tag lists and comment prompts. They
stay in the text (offsets never move) but are returned as excluded ranges so
alignment and comparison ignore them. Rules look at the shape of a line
(length, separators, a credit at the end, a call to action after a short
block, repetition) and at stock French/English page phrases, never at a
particular story's wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from factcheck.metadata import DATELINE_RE, SIGN_OFF_RE, SITE_NAME_RE, is_date_line, is_masthead
from factcheck.text import line_spans

Range = tuple[int, int, str]

# A teaser for another article: "Lire aussi | …", "À lire aussi : …", "Read more: …".
_TEASER = re.compile(
    r"^\s*(?:(?:à\s+)?lire\s+aussi|(?:à\s+)?(?:voir|lire)\s+(?:également|aussi)|sur le même sujet"
    r"|read\s+(?:more|also)|see\s+also|related(?:\s+articles?)?|more\s+on\s+this(?:\s+story)?)"
    r"\s*(?:[|:>»-]|$)",
    re.IGNORECASE,
)
# A photo credit closing a caption: "( AFP / Lionel BONAVENTURE )", "LEON NEAL / AP",
# "Photo: Jane Doe/Reuters", "© Getty Images".
_CREDIT_TAIL = re.compile(
    r"(?:\(\s*[A-Z][A-Z.&-]+(?:\s+[A-Z][A-Z.&-]+)*\s*/\s*[^()\n]{2,60}\)"
    r"|\b[A-ZÀ-Ý][A-ZÀ-Ý'.-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'.-]+)+\s*/\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?"
    r"|(?:©|\b(?i:photo|crédit(?:\s+photo)?|credit)\s*:)[^\n]{2,80}"
    r"|(?:[/,(]|\bvia)\s*(?:Getty Images|Shutterstock|AP Photo)[^\n]{0,40})\s*\.?\s*$"
)
# Quotes and sentence punctuation mean prose, not a menu item.
_NOT_NAV_ITEM = re.compile(r"[«»“”\"]|[.,;:!?](?:\s|$)")
# A caption or credit announced by its first word: "Photo d'archives : …", "Image source, …",
# or a bare credit line: "Photo DR", "Crédits : Jane Doe".
_CAPTION_HEAD = re.compile(
    r"^\s*(?:(?:photo|image|illustration|légende|caption)(?:\s+[\w’'-]+){0,2}\s*[:|-]"
    r"|(?:image|photo|video|vidéo)\s+(?:source|caption|credit|légende|crédit)s?\b"
    r"|(?:photos?|crédits?(?: photos?)?|credits?|illustrations?)\b[^\n.!?]{0,50}$)",
    re.IGNORECASE,
)
_TOC = re.compile(
    r"^\s*(?:table des matières|sommaire|dans cet article|contents|table of contents"
    r"|in this article)\s*:?\s*$",
    re.IGNORECASE,
)
_TAGS = re.compile(
    r"^\s*(?:tags?|mots[- ]clés|thèmes?|sujets?|topics?|keywords|catégories?|categories)\s*:",
    re.IGNORECASE,
)
# A call to action that closes a promotional block (newsletter, game, offer).
_CALL_TO_ACTION = re.compile(
    r"^\s*(?:s['’]inscrire|je m['’]inscris|inscrivez-vous|s['’]abonner|je m['’]abonne|abonnez-vous"
    r"|découvrir|jouer|lire|écouter|regarder|voir|en savoir plus|profiter de l['’]offre"
    r"|se connecter|connexion|télécharger|subscribe|sign up|sign in|log in|learn more|play"
    r"|listen|watch|read|download|register|join)\s*[!.→>»]?\s*$",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"^\s*(?:newsletters?|publicité|advertisement|sponsored|contenu sponsorisé|partenaire"
    r"|article réservé à nos abonnés|réservé aux abonnés|subscribers? only"
    r"|offre spéciale[^\n]*)\s*$"
    r"|\b(?:abonnez-vous|inscrivez-vous à (?:la|notre) newsletter"
    r"|sign up for (?:our|the) newsletter"
    r"|subscribe to (?:our|the)|recevez (?:chaque|notre|nos))\b",
    re.IGNORECASE,
)
# A price per period in a line about subscribing. The look-ahead is tried at every
# position, rescanning the line each time: it runs only once _OFFER_WORD is seen.
_OFFER_WORDS = r"\b(?:abonn|accéd|illimité|sans engagement|subscri|unlimited|access)"
_OFFER_WORD = re.compile(_OFFER_WORDS, re.IGNORECASE)
_OFFER = re.compile(
    rf"(?=[^\n]*{_OFFER_WORDS})"
    r"[^\n]*(?:\d\s*(?:€|\$|£|euros?|dollars?)|[€$£]\s*\d+(?:[.,]\d+)?)"
    r"\s*(?:/|par |per |a )\s*(?:mois|an|month|year)\b",
    re.IGNORECASE,
)
# Comment prompts (with at most a short tail) and bare share-button rows.
_COMMENTS = re.compile(
    r"^\s*(?:\d+\s+comments?|commentaires?(?:\s*\(\d+\))?|\d+\s+commentaires?"
    r"|(?:(?:partager|share(?: this)?(?: article)?|facebook|twitter|linkedin|whatsapp|e-?mail"
    r"|imprimer|print|copier le lien|copy link)\W*)+)\s*$",
    re.IGNORECASE,
)
# Invitations to comment, anywhere in a short line: "Et vous, qu'en pensez-vous ?".
_COMMENT_PROMPT = re.compile(
    r"\b(?:no comments? yet|be the first to comment|leave a (?:comment|reply)"
    r"|add (?:a|your) (?:comment|voice)|let us know in the comments|what do you think\s*\?"
    r"|(?:laiss|ajout|post)(?:ez|er) (?:un|votre) commentaire|qu['’]en pensez-vous"
    r"|donnez(?:-nous)? votre avis|réagissez|soyez le premier à (?:commenter|réagir))",
    re.IGNORECASE,
)
# Author and production credits: "Par Jean Dupont", "By Jane Doe", "Reporting by …; Editing by …".
_NAME = r"[A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){0,3}"
_BYLINE = re.compile(
    rf"^\s*(?:(?i:par|by)\s+{_NAME}(?:\s*(?:,|\bet\b|\band\b)\s*{_NAME})*\s*$"
    r"|\(?(?i:(?:additional\s+)?(?:reporting|writing|editing|edited|written)\s+by)\b[^\n]{0,200}$)"
)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_navigation(line: str) -> bool:
    """A bar of short items split by one spaced separator: ``Tech | IA | Business``."""
    if len(line) > 200:
        return False
    separator = max("|•>»·/", key=lambda sep: line.count(f" {sep} "))
    items = [item.strip() for item in line.split(f" {separator} ")]
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 4 and not _NOT_NAV_ITEM.search(item) for item in items
    )


def _is_heading_like(line: str) -> bool:
    """Short and without final punctuation: a title or table-of-contents entry."""
    stripped = line.strip()
    return 0 < len(stripped) <= 120 and stripped[-1] not in ".!?…:;,"


def find_excluded(text: str) -> tuple[Range, ...]:
    """Return the non-prose ranges of ``text`` as sorted, non-overlapping ``(start, end, reason)``.

    Reasons: ``dateline``, ``caption``, ``teaser``, ``toc``, ``newsletter``,
    ``subscription``, ``repeated``, ``tags``, ``navigation``, ``comments``,
    ``byline``.
    """
    lines = line_spans(text)
    nonblank = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    ranges, starts = _datelines(text, lines, nonblank)
    bodies = {i: text[starts[i] : lines[i][1]] for i in nonblank}
    marks = _with_newsletters(nonblank, bodies, _line_marks(nonblank, bodies))
    for i, reason in marks.items():
        start, end = _strip(text, starts[i], lines[i][1])
        if start < end:
            ranges.append((start, end, reason))
    return merge(ranges)


def _datelines(
    text: str, lines: Sequence[tuple[int, int]], nonblank: Sequence[int]
) -> tuple[list[Range], dict[int, int]]:
    """The datelines opening one of the first lines, and where each line's body starts.

    A dateline ("LONDON, Jan 5 (Reuters) -") is excluded on its own; the rest of
    its line is judged like any other line.
    """
    ranges: list[Range] = []
    starts = {i: lines[i][0] for i in nonblank}
    for i in nonblank[:5]:
        dateline = DATELINE_RE.match(text, lines[i][0], lines[i][1])
        if dateline:
            ranges.append((*_strip(text, lines[i][0], dateline.end()), "dateline"))
            starts[i] = dateline.end()
    return ranges, starts


def _line_reason(body: str, near_edge: bool) -> str | None:
    """Why a line on its own is not prose (``None``: it may be prose).

    ``near_edge``: among the first or last five lines, where mastheads and dates sit.
    """
    if _TEASER.match(body):
        return "teaser"
    if _TAGS.match(body):
        return "tags"
    if _is_navigation(body):
        return "navigation"
    if (len(body) <= 80 and _COMMENTS.match(body)) or (
        len(body) <= 150 and _COMMENT_PROMPT.search(body)
    ):
        return "comments"
    if _CAPTION_HEAD.match(body) or (
        len(body) <= 400 and _CREDIT_TAIL.search(body, max(0, len(body) - 160))
    ):
        return "caption"
    if _BYLINE.match(body) or (
        near_edge and (SITE_NAME_RE.match(body) or SIGN_OFF_RE.match(body) or is_masthead(body))
    ):
        return "byline"
    if near_edge and is_date_line(body):
        return "dateline"
    if len(body) <= 300 and (
        _PROMO.search(body) or (_OFFER_WORD.search(body) and _OFFER.search(body))
    ):
        return "subscription"
    if _TOC.match(body):
        return "toc"
    return None


def _line_marks(nonblank: Sequence[int], bodies: Mapping[int, str]) -> dict[int, str]:
    """Line index -> reason: lines excluded on their own, tables of contents, repeated lines."""
    marks: dict[int, str] = {}
    seen: dict[str, int] = {}
    for k, i in enumerate(nonblank):
        body = bodies[i]
        if not body.strip():
            continue
        reason = _line_reason(body, near_edge=k < 5 or k >= len(nonblank) - 5)
        if reason:
            marks[i] = reason
        if reason == "toc":
            for j in nonblank[k + 1 : k + 16]:
                if not _is_heading_like(bodies[j]) or j in marks:
                    break
                marks[j] = "toc"
        # Repeated furniture comes from one page template, so case and spacing are
        # the only variation worth folding (a full normalize() per line is too slow).
        key = " ".join(body.split()).casefold()
        if sum(c.isalnum() for c in key[:10]) >= 3:
            if key in seen and i not in marks:
                marks[i] = "repeated"
            seen.setdefault(key, i)
    return marks


def _with_newsletters(
    nonblank: Sequence[int], bodies: Mapping[int, str], marks: Mapping[int, str]
) -> dict[int, str]:
    """``marks`` with the promotional blocks a call to action closes marked ``newsletter``.

    A call to action ("S'inscrire", "Jouer") closes the block: the short lines
    just above it (name, tagline) belong to the same block.
    """
    out = dict(marks)
    for k, i in enumerate(nonblank):
        if not _CALL_TO_ACTION.match(bodies[i]) or (k > 0 and len(bodies[nonblank[k - 1]]) > 300):
            continue
        out[i] = "newsletter"
        for j in reversed(nonblank[max(0, k - 3) : k]):
            if len(bodies[j]) > 200 or _CALL_TO_ACTION.match(bodies[j]):
                break
            if out.get(j) in (None, "repeated"):
                out[j] = "newsletter"
    return out


def merge(ranges: Sequence[Range]) -> tuple[Range, ...]:
    """Sort ranges and drop overlaps (an earlier-starting range wins the overlap)."""
    out: list[Range] = []
    for start, end, reason in sorted(ranges):
        if out and start < out[-1][1]:
            start = out[-1][1]
        if start < end:
            out.append((start, end, reason))
    return tuple(out)
