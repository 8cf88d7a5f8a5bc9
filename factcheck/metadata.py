"""Article metadata read from the text itself: publication date, outlet, wire credits, language.

Every rule here looks at the *shape* of a line (a dateline, a short date-only
header or footer line, a sign-off like ``Le Monde avec AFP``), never at a
particular article's wording, and never guesses: when nothing clear is found
the answer is ``None`` and the user can supply it (``--published``, sidecar).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factcheck.text import line_spans

FR_MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_FR_MONTH_RE = "|".join(sorted(FR_MONTHS, key=len, reverse=True))
_EN_MONTH_RE = "|".join(sorted(EN_MONTHS, key=len, reverse=True))

# Each alternative captures (day, month, year) under its own group names.
DATE_RE = re.compile(
    rf"(?:\b{_WEEKDAYS},?\s+)?(?:"
    rf"\b(?P<fd>1er|[0-3]?\d)\s+(?P<fm>{_FR_MONTH_RE})\s+(?P<fy>(?:19|20)\d\d)\b"
    rf"|\b(?P<em>{_EN_MONTH_RE})\.?\s+(?P<ed>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<ey>(?:19|20)\d\d)\b"
    rf"|\b(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<dm>{_EN_MONTH_RE})\.?,?\s+(?P<dy>(?:19|20)\d\d)\b"
    r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)"
    r"|\b(?P<sd>[0-3]?\d)/(?P<sm>[01]?\d)/(?P<sy>(?:19|20)\d\d)\b"
    r")",
    re.IGNORECASE,
)

# Words that may surround a date on a header/footer line without making it prose.
_DATE_LINE_FILLER = re.compile(
    r"\b(?:publié|publiée|mis à jour|modifié|actualisé|posted|published|updated|le|on|"
    r"à|at|h|the|date|dated|\d{1,2}(?:h|:)\d{2}|\d{1,2}h|am|pm|utc|gmt|cet|cest|heure)\b"
    r"|[\W\d_]",
    re.IGNORECASE,
)
_PUBLISHED_WORDS = re.compile(r"\b(?:publié|publiée|posted|published)\b", re.IGNORECASE)
# A dateline opening a line: " date 2026-01-02" (wire export), "PARIS, 2 janvier 2026 (AFP) -",
# "LONDON, Jan 5 (Reuters) -", "WASHINGTON (AP) —".
DATELINE_RE = re.compile(
    r"[ \t]*(?:date\s*[:=]?\s*(?P<iso>\d{4}-\d{2}-\d{2})\b"
    r"|[A-ZÀ-Ý][\wÀ-ÿ' .-]{1,40}(?:,\s*(?P<written>[^()\n]{1,40}?))?\s*"
    r"\((?P<agency>AFP|Reuters|AP|dpa|Belga|ATS|ANSA|EFE)\)\s*[-–—])[ \t]*"
)
_FILENAME_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)"
)


@dataclass(frozen=True)
class DateMatch:
    """A full calendar date found in text."""

    start: int
    end: int
    date: _dt.date


def find_dates(text: str, *, day_first: bool = True) -> Iterator[DateMatch]:
    """Yield every full (day, month, year) date written in ``text``, French or English.

    ``day_first`` decides ``03/04/2026`` (True: 3 April, the French order).
    """
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g["fy"]:
            day = 1 if g["fd"].lower() == "1er" else int(g["fd"])
            parts = (int(g["fy"]), FR_MONTHS[g["fm"].lower()], day)
        elif g["ey"]:
            parts = (int(g["ey"]), EN_MONTHS[g["em"].lower()], int(g["ed"]))
        elif g["dy"]:
            parts = (int(g["dy"]), EN_MONTHS[g["dm"].lower()], int(g["dd"]))
        elif g["iy"]:
            parts = (int(g["iy"]), int(g["im"]), int(g["id"]))
        else:
            first, second = int(g["sd"]), int(g["sm"])
            day, month = (first, second) if day_first else (second, first)
            parts = (int(g["sy"]), month, day)
        try:
            yield DateMatch(m.start(), m.end(), _dt.date(*parts))
        except ValueError:
            continue


def is_date_line(line: str, *, day_first: bool = True) -> bool:
    """True when a line is essentially a date (``Mercredi 7 Janvier 2026``, ``Publié le …``)."""
    if len(line) > 120:
        return False
    dates = list(find_dates(line, day_first=day_first))
    if not dates:
        return False
    rest = line
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    leftover = _DATE_LINE_FILLER.sub(" ", rest).split()
    return len(leftover) <= 3


def _nonblank_lines(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e in line_spans(text) if text[s:e].strip()]


def _inside(
    start: int, end: int, ranges: Sequence[tuple[int, int, str]], reasons: frozenset[str]
) -> bool:
    return any(s <= start and end <= e and why in reasons for s, e, why in ranges)


# Excluded text whose dates are never the publication date: a caption dates its photo,
# a teaser its own article. (A date line is excluded too, but it is where the date is.)
_NOT_DATE_BEARING = frozenset(
    {"caption", "teaser", "newsletter", "subscription", "repeated", "toc", "comments"}
)


def find_published(
    text: str,
    excluded: Sequence[tuple[int, int, str]] = (),
    *,
    day_first: bool = True,
    edge_lines: int = 5,
) -> tuple[_dt.date, str] | None:
    """Find the publication date and where it came from (``dateline``, ``header``, ``footer``).

    Only a wire dateline opening one of the first ``edge_lines`` non-blank lines,
    or a short date-only line among the first/last ``edge_lines`` lines counts; a
    date inside a caption, teaser or prose sentence is an event date.
    """
    lines = _nonblank_lines(text)
    for start, _ in lines[:edge_lines]:
        m = DATELINE_RE.match(text, start)
        dated = m and (m["iso"] or m["written"])
        found = next(find_dates(dated, day_first=day_first), None) if dated else None
        if found:
            return found.date, "dateline"
    for where, window in (("header", lines[:edge_lines]), ("footer", lines[-edge_lines:][::-1])):
        candidates = []
        for start, end in window:
            line = text[start:end]
            if _inside(start, end, excluded, _NOT_DATE_BEARING) or not is_date_line(
                line, day_first=day_first
            ):
                continue
            first = next(find_dates(line, day_first=day_first))
            candidates.append((not _PUBLISHED_WORDS.search(line), first.date))
        if candidates:
            return min(candidates, key=lambda c: c[0])[1], where
    return None


# A clock time: "23:37:00", "1:41 PM", "7:12pm", "9:03am", "14h05", "14 h 05", "à 14h".
TIME_RE = re.compile(
    r"(?<![\d:/.])(?P<h>[0-2]?\d)\s?(?:(?P<sep>[:h])\s?(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?"
    r"|(?P<sep2>h)(?![a-zà-ÿ]))(?:\s?(?P<ampm>[ap]\.?m\.?))?(?![\d:])"
    r"|(?<![\d:/.])(?P<h2>1[0-2]|0?[1-9])\s?(?P<ampm2>[ap]\.?m\.?)(?![a-z])",
    re.IGNORECASE,
)
_UPDATE_WORDS = re.compile(
    r"\b(?:updated?|last\s+updated|mis\s+à\s+jour|actualisé|modifié)\b", re.IGNORECASE
)
_TIME_LINE_WORDS = re.compile(
    r"\b(?:updated?|posted|published|first\s+posted|mis\s+à\s+jour|publié|publiée|"
    r"actualisé|modifié)\b",
    re.IGNORECASE,
)


def _zones(language: str) -> dict[str, str]:
    from factcheck.lexicon import LANGUAGES, table

    langs = [language] if language in LANGUAGES else list(LANGUAGES)
    out: dict[str, str] = {}
    for lang in [*langs, *(x for x in LANGUAGES if x not in langs)]:
        for name, zone in table(lang, "time_zones").get("zones", {}).items():
            out.setdefault(str(name), str(zone))
    return out


def _tzinfo(zone: str, day: _dt.date) -> _dt.tzinfo | None:
    """A zone name of the lexicon (IANA or "+HH:MM") as a tzinfo; None for local time."""
    if not zone:
        return None
    if zone[0] in "+-":
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        sign = -1 if zone[0] == "-" else 1
        return _dt.timezone(sign * _dt.timedelta(hours=hours, minutes=minutes))
    from zoneinfo import ZoneInfo

    # The offset in force at noon that day (daylight saving included).
    noon = _dt.datetime.combine(day, _dt.time(12), ZoneInfo(zone))
    offset = noon.utcoffset()
    return _dt.timezone(offset) if offset is not None else None


@dataclass(frozen=True)
class TimeMatch:
    """A clock time found in a line, and the zone written right after it."""

    start: int
    end: int
    time: _dt.time
    zone: str | None  # the lexicon's value for the zone name, or None


def find_times(line: str, language: str = "und") -> Iterator[TimeMatch]:
    """Clock times written in ``line`` (24 h, am/pm, French ``14h05``) with their zone."""
    zones = _zones(language)
    zone_re = (
        re.compile(
            r"\s*,?\s*\(?(?P<zone>"
            + "|".join(re.escape(z) for z in sorted(zones, key=len, reverse=True))
            + r")\b\)?"
        )
        if zones
        else None
    )
    for m in TIME_RE.finditer(line):
        hour = int(m["h"] if m["h"] is not None else m["h2"])
        minute = int(m["m"] or 0)
        second = int(m["s"] or 0)
        ampm = (m["ampm"] or m["ampm2"] or "").lower().replace(".", "")
        if m["h"] is not None and not (m["sep"] or m["sep2"]):
            continue
        if m["sep"] == ":" and not m["m"]:
            continue
        if ampm:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        if hour > 23:
            continue
        zone = None
        end = m.end()
        found = zone_re.match(line, end) if zone_re else None
        if found:
            zone, end = zones[found["zone"]], found.end()
        yield TimeMatch(m.start(), end, _dt.time(hour, minute, second), zone)


def find_published_time(
    text: str,
    excluded: Sequence[tuple[int, int, str]] = (),
    *,
    published: _dt.date | None = None,
    language: str = "und",
    edge_lines: int = 5,
) -> _dt.datetime | None:
    """The publication (or last update) date and time a header or footer line gives.

    A line counts when it is short, among the first or last ``edge_lines`` non-blank
    lines, and holds a clock time next to a full date (``Wed May 5, 2010 7:12pm BST``,
    ``First Posted 23:37:00 05/05/2010``) or after an update/publication word, the date
    then being ``published`` (``Updated: 14:02 IST``). An update time wins over a
    first-publication time: it is when the figures were last written. The result is
    aware when the line names a zone (lexicon ``time_zones``), naive local time otherwise.
    """
    day_first = language != "en"
    lines = _nonblank_lines(text)
    window = lines[:edge_lines] + lines[max(edge_lines, len(lines) - edge_lines) :]
    found: list[tuple[bool, _dt.datetime]] = []
    for start, end in window:
        line = text[start:end]
        if len(line) > 120 or _inside(start, end, excluded, _NOT_DATE_BEARING):
            continue
        times = list(find_times(line, language))
        if not times:
            continue
        dates = [
            d
            for d in find_dates(line, day_first=day_first)
            if not any(t.start < d.end and d.start < t.end for t in times)
        ]
        if dates:
            day = dates[0].date
        elif published is not None and _TIME_LINE_WORDS.search(line):
            day = published
        else:
            continue
        if published is not None and abs((day - published).days) > 1:
            continue  # a date line about something else than this article's publication
        clock = times[0]
        moment = _dt.datetime.combine(day, clock.time)
        tz = _tzinfo(clock.zone, day) if clock.zone is not None else None
        found.append((bool(_UPDATE_WORDS.search(line)), moment.replace(tzinfo=tz)))
    if not found:
        return None
    updated = [moment for is_update, moment in found if is_update]
    return (updated or [moment for _, moment in found])[0]


def date_from_filename(name: str) -> _dt.date | None:
    """A ``YYYY-MM-DD`` / ``YYYYMMDD`` date in a file name, if it is a valid date."""
    for m in _FILENAME_DATE_RE.finditer(name):
        try:
            return _dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
    return None


# --- wire agencies --------------------------------------------------------------------

WIRES = {
    "afp": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "ansa": "ANSA",
    "efe": "EFE",
    "belga": "Belga",
    "ats": "ATS",
}
_WIRE_RE = (
    r"(?P<wire>AFP|Agence France[- ]Presse|Reuters|AP|Associated Press|Bloomberg"
    r"|dpa|ANSA|EFE|Belga|ATS)"
)
# Contexts in which an agency is credited for the text (not merely mentioned):
# sign-offs, datelines, AFP-style "( AFP / Name )" credits, "selon l'AFP", "told Reuters".
_WIRE_CREDIT_RES = [
    re.compile(rf"\(\s*{_WIRE_RE}\s*(?:/[^()\n]{{0,60}})?\)"),
    # [^\S\n]: white space within the line; \s* here re-scanned every run of blank lines.
    re.compile(
        rf"(?:^|\n)[^\S\n]*(?:Source|Sources|©|Copyright)\s*:?\s*{_WIRE_RE}\b", re.IGNORECASE
    ),
    re.compile(
        rf"\b(?:a appris|selon|d['’]après|rapporte|indique|précise|a constaté|interrogée? par"
        rf"|contactée? par|adressées? par|auprès de)\s+(?:l['’]agence\s+|l['’]|le\s+)?{_WIRE_RE}\b"
    ),
    re.compile(rf"\b(?:told|according to|reported by|contacted by)\s+(?:the\s+)?{_WIRE_RE}\b"),
    re.compile(rf"\b{_WIRE_RE}\s+(?:reported|said|reports)\b"),
]
# A sign-off line: "Le Monde avec AFP", "Le Figaro avec AFP et Reuters".
SIGN_OFF_RE = re.compile(
    rf"^[ \t]*(?P<name>[A-ZÀ-Ý][\w'’ .&-]{{1,40}}?)\s+avec\s+(?:l['’])?{_WIRE_RE}"
    r"(?:\s+et\s+(?:l['’])?[\w-]+)*[ \t]*$",
    re.MULTILINE,
)
# A site-name line: "EcranMobile.fr", "www.example.com".
SITE_NAME_RE = re.compile(
    r"^[ \t]*(?:www\.)?(?P<name>[A-Za-z][\w-]{1,40}"
    r"\.(?:fr|com|net|org|info|be|ch|ca|co\.uk|uk|io|news|eu))[ \t]*$"
)


def _wire(name: str) -> str:
    return WIRES[re.sub(r"[\s-]+", " ", name).lower()]


def find_wire_credits(text: str) -> tuple[str, ...]:
    """Wire agencies credited for the text (sign-off, dateline, credit, ``selon l'AFP``), sorted."""
    found = {_wire(m["wire"]) for p in _WIRE_CREDIT_RES for m in p.finditer(text)}
    for line in SIGN_OFF_RE.finditer(text):
        found.update(_wire(m["wire"]) for m in re.finditer(_WIRE_RE, line.group()))
    return tuple(sorted(found))


# --- outlet ---------------------------------------------------------------------------

_CREDIT = re.compile(rf"\(\s*{_WIRE_RE}\s*/")
# Words that name newspapers and news sites, for masthead lines.
_PRESS_WORD = re.compile(
    r"\b(?:journal|times|post|news|tribune|gazette|courrier|dépêche|républicain|presse?|herald"
    r"|daily|soir|matin|quotidien|échos?|observateur|express|monde|figaro|libération|parisien"
    r"|magazine|hebdo|télégramme|progrès|guardian|telegraph|independent|chronicle|weekly"
    r"|standard|mirror|globe|inquirer|reporter|nouvelles|infos?|actu)\b",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset(
    {"le", "la", "les", "l'", "l’", "de", "du", "des", "d'", "d’", "et", "the", "of", "and", "à"}
)
# Outlets recognisable in a file name (lemonde_2026-01-02.txt); a name we do not know stays unknown.
KNOWN_OUTLETS = {
    "lemonde": "Le Monde",
    "lefigaro": "Le Figaro",
    "liberation": "Libération",
    "leparisien": "Le Parisien",
    "franceinfo": "franceinfo",
    "20minutes": "20 Minutes",
    "ouestfrance": "Ouest-France",
    "lesechos": "Les Echos",
    "afp": "AFP",
    "reuters": "Reuters",
    "bloomberg": "Bloomberg",
    "apnews": "AP",
    "bbc": "BBC",
    "guardian": "The Guardian",
    "nytimes": "The New York Times",
    "politico": "Politico",
}


def is_masthead(line: str) -> bool:
    """A newspaper name alone on a line: short, title-cased, with a press word.

    ``Le Dauphiné du Soir``, ``The Daily Telegraph``.
    """
    words = line.split()
    return (
        0 < len(words) <= 6
        and line.strip()[-1] not in ".!?:;,"
        and bool(_PRESS_WORD.search(line))
        and all(w[0].isupper() or w.casefold() in _NAME_PARTICLES for w in words)
    )


def find_outlet(text: str) -> str | None:
    """The outlet named by the text itself.

    A site-name line or a sign-off near the top or bottom, a masthead line above
    the date or byline (or among the last lines), a wire dateline or credit.
    """
    lines = _nonblank_lines(text)
    edges = lines[:3] + lines[-5:]
    for start, end in edges:
        m = SITE_NAME_RE.match(text[start:end]) or SIGN_OFF_RE.match(text[start:end])
        if m:
            return m["name"].strip()
    after_first = text[lines[1][0] : lines[1][1]] if len(lines) > 1 else ""
    mastheads = lines[:1] if is_date_line(after_first) or after_first.startswith("By ") else []
    for start, end in mastheads + lines[-3:]:
        if is_masthead(text[start:end]):
            return text[start:end].strip()
    for start, end in lines[:3]:
        dateline = DATELINE_RE.match(text, start)
        if dateline and dateline["agency"]:
            return _wire(dateline["agency"])
        credit = _CREDIT.search(text, start, end)
        if credit:
            return _wire(credit["wire"])
    return None


def outlet_from_filename(name: str) -> str | None:
    """A known outlet named in the file name (``lemonde_…``, ``reuters-…``), else None."""
    tokens = re.split(r"[^a-z0-9]+", name.lower())
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    for key, outlet in KNOWN_OUTLETS.items():
        if key in tokens or (len(key) > 5 and key in squashed):
            return outlet
    return None


# --- language -------------------------------------------------------------------------

_STOPWORDS = {
    "fr": """le la les de des du un une et est en que qui dans pour pas sur au aux avec ce cette
        il elle ils ont a été par ne se son sa ses leur plus d l qu n s""",
    "en": """the of and to in is that for it was on with as are by this be at from has have had
        not were which an or their its said but they will would been who""",
    "de": """der die das und ist nicht mit den von zu im ein eine auf für sich des dem auch es
        sie wird wurde bei nach""",
    "es": """el la los las de y que en un una es por con para del al se su sus lo como más pero
        fue ha han""",
    "it": """il lo la gli le di e che in un una è per con non del della dei al si sono ha ma
        come più""",
}
_STOPSETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_WORD_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str, *, sample_chars: int = 20_000) -> str:
    """ISO 639-1 code of the text's language from stop-word frequencies, ``und`` when unsure.

    Offline and instant; on prose of a sentence or more, French and English are
    separated by a wide margin (their stop-word lists barely overlap).
    """
    words = [w.casefold() for w in _WORD_RE.findall(text[:sample_chars])]
    if not words:
        return "und"
    scores = {
        lang: sum(w in stops for w in words) / len(words) for lang, stops in _STOPSETS.items()
    }
    best, second = sorted(scores.values(), reverse=True)[:2]
    if best < 0.08 or best < 1.3 * second:
        return "und"
    return max(scores, key=lambda lang: scores[lang])


# --- HTML metadata --------------------------------------------------------------------

_META_TAG = re.compile(r"<meta\b[^>]{0,500}>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TIME_TAG = re.compile(r"<time\b[^>]{0,300}\bdatetime\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_PUBLISHED_META = {
    "article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "og:article:published_time",
    "sailthru.date",
}
_SITE_META = {"og:site_name", "application-name", "publisher", "dc.publisher"}


def _iso_day(value: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def html_metadata(html: str) -> tuple[_dt.date | None, str | None]:
    """Publication date and site name declared by an HTML page's tags.

    Reads ``<meta>`` (``article:published_time``, ``datePublished``, ``og:site_name``…),
    JSON-LD ``datePublished`` and, failing those, the first ``<time datetime>``.
    """
    published = site = None
    for tag in _META_TAG.findall(html):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag)}
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content", "")
        if name in _PUBLISHED_META and published is None:
            published = _iso_day(content)
        elif name in _SITE_META and site is None and content.strip():
            site = content.strip()
    for pattern in (_JSONLD_DATE, _TIME_TAG):
        if published is None:
            m = pattern.search(html)
            published = _iso_day(m.group(1)) if m else None
    return published, site
