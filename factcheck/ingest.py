"""The ingest stage: files and directories in, :class:`~factcheck.model.Article` objects out.

Reads bytes, decodes them (BOM, strict UTF-8, legacy single-byte code pages),
extracts the main text of HTML pages, marks boilerplate, and reads metadata
(publication date, outlet, wire credits, language) from the text, from HTML
tags, from a sidecar file or from the user's options. The article text is the
decoded bytes with nothing else changed, so every offset is reproducible.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import fnmatch
import hashlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck import boilerplate, metadata
from factcheck.errors import InputError
from factcheck.files import NotRegularFile, describe, read_bytes
from factcheck.jsonfile import read_json
from factcheck.model import Article, ArticleData
from factcheck.options import Options

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")
HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".meta.json"
DIRECTORY_METADATA = "factcheck.json"
STDIN = "-"

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT)"),
    (b"%PDF", "a PDF document"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document"),
)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HTML_CHARSET = re.compile(rb"<meta[^>]{0,200}charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # ESC (\x1b) is text-borne, not binary


@dataclass(frozen=True)
class _Source:
    path: Path  # as the user wrote it (joined with the directory for listed files)
    listed: bool  # found by listing a directory (a vanished file is then only skipped)
    data: bytes | None = None  # the bytes of an article given as data, not as a file


def load_articles(
    paths: Sequence[str | os.PathLike[str] | ArticleData], options: Options
) -> tuple[list[Article], list[str]]:
    """Read articles from files and directories; return them sorted by id, plus warnings.

    Directories contribute their ``*.txt``, ``*.html``, ``*.htm`` and ``*.md``
    files. Unusable input raises :class:`InputError` naming the file. Empty,
    whitespace-only and boilerplate-only articles and byte-identical duplicates
    are skipped with a warning, as long as two usable articles remain.
    """
    warnings: list[str] = []
    sources = _collect(paths, options, warnings)
    ids = _assign_ids([s.path for s in sources])
    by_hash: dict[str, str] = {}
    articles: list[Article] = []
    unusable: list[tuple[str, str]] = []
    for source in sorted(sources, key=lambda s: ids[s.path]):
        article_id = ids[source.path]
        data = _read(source, options.max_article_bytes, warnings)
        if data is None:
            continue
        digest = hashlib.sha256(data).hexdigest()
        article = _build(article_id, source.path, data, digest, options)
        problem = _emptiness(article)
        if problem:
            unusable.append((str(source.path), problem))
        elif digest in by_hash:
            warnings.append(
                f"{source.path}: same bytes as {by_hash[digest]}"
                " (duplicate file, not an independent source); skipped"
            )
        else:
            by_hash[digest] = str(source.path)
            articles.append(article)
    if unusable and len(articles) < 2:
        path, problem = unusable[0]
        raise InputError(path, f"{problem}; fewer than two usable articles remain")
    warnings.extend(f"{path}: {problem}; skipped" for path, problem in unusable)
    return articles, warnings


def _collect(
    paths: Sequence[str | os.PathLike[str] | ArticleData], options: Options, warnings: list[str]
) -> list[_Source]:
    """Expand directories and drop repeated paths (the same file is read once)."""
    sources: list[_Source] = []
    seen: dict[str, Path] = {}
    for raw in paths:
        if isinstance(raw, ArticleData):
            sources.append(_Source(Path(raw.name), False, raw.data))
            continue
        if not os.fspath(raw):
            # Path("") is the current directory: an unset variable must not check it.
            raise InputError("''", "empty path")
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError as exc:
            raise InputError(str(path), describe(exc)) from exc
        if not exists:
            raise InputError(str(path), "no such file or directory")
        if is_dir:
            listed = [p for p in _list_dir(path) if _selected(p.name, options)]
            if not listed:
                suffixes = ", ".join(f"*{s}" for s in ARTICLE_SUFFIXES)
                raise InputError(str(path), f"directory has no article files ({suffixes})")
            candidates = [_Source(p, True) for p in listed]
        else:
            candidates = [_Source(path, False)]
        for source in candidates:
            key = os.path.realpath(source.path)
            if key in seen:
                warnings.append(f"{source.path}: given more than once (as {seen[key]}); read once")
                continue
            seen[key] = source.path
            sources.append(source)
    return sources


def iter_article_files(directory: Path) -> Iterator[Path]:
    """The article files of ``directory`` as the listing streams them (no order, no stat)."""
    with os.scandir(directory) as entries:
        for entry in entries:
            name = entry.name
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                yield directory / name


def _selected(name: str, options: Options) -> bool:
    """Whether a directory listing keeps ``name`` (``--exclude``/``--include`` patterns)."""

    def matches(patterns: Sequence[str]) -> bool:
        return any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in patterns)

    return matches(options.include) or not matches(options.exclude)


def _list_dir(directory: Path) -> list[Path]:
    try:
        return sorted(iter_article_files(directory))
    except OSError as exc:
        raise InputError(str(directory), describe(exc)) from exc


def _assign_ids(paths: Sequence[Path]) -> dict[Path, str]:
    """Article id = file name; names shared by several files get their parent folders prepended."""
    parts = {p: Path(os.path.abspath(p)).parts for p in paths}
    ids: dict[Path, str] = {}
    depth = 1
    pending = list(paths)
    while pending:
        candidate = {p: "/".join(parts[p][-depth:]) for p in pending}
        counts: dict[str, int] = {}
        for name in candidate.values():
            counts[name] = counts.get(name, 0) + 1
        pending = [p for p in pending if counts[candidate[p]] > 1 and depth < len(parts[p])]
        for p, name in candidate.items():
            if p not in pending:
                ids[p] = name
        depth += 1
    return ids


def _read(source: _Source, max_bytes: int, warnings: list[str]) -> bytes | None:
    """The file's bytes, or None when a listed file vanished or is a pipe, socket or device."""
    data = source.data if source.data is not None else _read_file(source, max_bytes, warnings)
    if data is not None and len(data) > max_bytes:
        raise InputError(
            str(source.path), f"larger than the maximum article size ({max_bytes:,} bytes)"
        )
    return data


def _read_file(source: _Source, max_bytes: int, warnings: list[str]) -> bytes | None:
    """Named on the command line, a special file is an error: reading a FIFO
    waits for a writer and a device may never end."""
    try:
        data = read_bytes(source.path, max_bytes)
    except NotRegularFile as exc:
        if exc.kind == "a directory":
            raise InputError(str(source.path), "is a directory") from None
        if source.listed:
            warnings.append(f"{source.path}: not a regular file ({exc.kind}); skipped")
            return None
        raise InputError(str(source.path), f"{exc.kind}, not a regular file; refused") from None
    except FileNotFoundError as exc:
        if source.listed:
            warnings.append(f"{source.path}: disappeared before it could be read; skipped")
            return None
        raise InputError(str(source.path), describe(exc)) from exc
    except OSError as exc:
        raise InputError(str(source.path), describe(exc)) from exc
    return data


def decode(data: bytes, path: str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding)`` or raise :class:`InputError`.

    A BOM decides (UTF-8, UTF-16, UTF-32). Otherwise the bytes must be valid
    UTF-8, or contain no UTF-8 at all and read as the charset an HTML page
    ``declared`` or as a legacy single-byte code page (cp1252 for Western text,
    else what charset-normalizer finds). Bytes that mix valid UTF-8 with invalid
    sequences are an error, not a guess.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {encoding} after its byte-order mark") from exc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({what}), not text")
    if b"\x00" in data:
        _refuse_nul_dominated(data, path)
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(path, "binary file (contains NUL bytes), not text")
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid {utf16} (UTF-16 without byte-order mark)") from exc
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        codec = _codec(declared)
        if codec == "utf-8" or len(_UTF8_MULTIBYTE.findall(data)) >= 2:
            raise InputError(
                path, f"invalid UTF-8 (byte {exc.start}: 0x{data[exc.start]:02x})"
            ) from exc
        if codec:
            try:
                text, encoding = data.decode(codec), codec
            except UnicodeDecodeError as err:
                raise InputError(
                    path, f"invalid {declared} (the charset the page declares)"
                ) from err
        else:
            text, encoding = _decode_legacy(data, path)
    if len(_CONTROL.findall(text[:100_000])) > 0.05 * min(len(text), 100_000):
        raise InputError(path, "binary file (mostly control characters), not text")
    return text, encoding


def _refuse_nul_dominated(data: bytes, path: str) -> None:
    """Zero-filled files and BOM-less UTF-32 are refused: neither is guessed as text."""
    if data.count(0) >= 0.9 * len(data):
        raise InputError(path, "binary file (zero-filled: mostly NUL bytes), not text")
    if len(data) % 4 == 0:
        lanes = [data[i::4].count(0) / (len(data) // 4) for i in range(4)]
        # UTF-32 Latin text: three zero bytes per character, in the same three lanes.
        if min(lanes[1:]) >= 0.9 or min(lanes[:3]) >= 0.9:
            raise InputError(
                path,
                "looks like UTF-32 without a byte-order mark; not guessed"
                " (save it as UTF-8, or as UTF-32 with a BOM)",
            )


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in UTF-16 text saved without a BOM.

    The evidence must be strong: the high bytes almost all NUL and the low
    bytes almost never, so padding or NUL-filled binaries are not read as text.
    """
    if len(data) % 2:
        return None
    for codec, high, low in (
        ("utf-16-le", data[1::2], data[0::2]),
        ("utf-16-be", data[0::2], data[1::2]),
    ):
        # Latin-script text (accented letters included) has a zero high byte almost everywhere.
        if high.count(0) >= 0.9 * len(high) and low.count(0) <= 0.01 * len(low):
            return codec
    return None


def _codec(name: str | None) -> str | None:
    """Python's codec name for a declared charset, None when unknown."""
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def _decode_legacy(data: bytes, path: str) -> tuple[str, str]:
    # charset-normalizer often prefers cp1250/mac_latin2 on short French text, so
    # Western cp1252 is tried first and kept when accented letters stay a minority
    # (a Cyrillic cp1251 file read as cp1252 is almost all accented letters).
    try:
        text = data.decode("cp1252")
        letters = [c for c in text if c.isalpha()]
        if letters and sum(not c.isascii() for c in letters) < 0.3 * len(letters):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot decode: not UTF-8 and no known text encoding fits")
    return str(best), best.encoding


def _emptiness(article: Article) -> str | None:
    """Why an article has nothing to compare, or None when it has prose."""
    if not article.text:
        return (
            "empty file" if article.extracted_with is None else "no article text found in the page"
        )
    if not article.text.strip():
        return "only white space"
    if not any(article.text[s:e].strip() for s, e in _kept(article.text, article.excluded)):
        return "only boilerplate (no article prose)"
    return None


@dataclass(frozen=True)
class _Decoded:
    raw: str  # the decoded file
    text: str  # the article text: ``raw``, or the main text of an HTML page
    encoding: str
    extracted_with: str | None


def _decode_article(path: Path, data: bytes) -> _Decoded:
    is_html = path.suffix.lower() in HTML_SUFFIXES
    declared = None
    if is_html:
        found = _HTML_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii", "replace") if found else None
    raw, encoding = decode(data, str(path), declared=declared)
    if not is_html:
        return _Decoded(raw, raw, encoding, None)
    text, extracted_with = _extract_html(raw)
    return _Decoded(raw, text, encoding, extracted_with)


def read_article_text(
    path: str | os.PathLike[str], max_bytes: int = Options.max_article_bytes
) -> str:
    """One file's article text exactly as ``check`` reads it (the offsets of its reports).

    Every command that reads articles (eval, mutate) goes through here, so
    each accepts what ``check`` accepts and refuses it with the same message.
    """
    data = _read(_Source(Path(path), False), max_bytes, [])
    assert data is not None  # only listed files are skipped
    return _decode_article(Path(path), data).text


def load_named_article(source: str, article_id: str, options: Options) -> Article:
    """One article the user names (a draft): ``-`` is standard input, read as text.

    The same limits, refusals, decoding and HTML extraction as the files of
    :func:`load_articles`; standard input has no sidecar metadata.
    """
    if source == STDIN:
        data = sys.stdin.buffer.read(options.max_article_bytes + 1)
        if len(data) > options.max_article_bytes:
            raise InputError(
                "-", f"larger than the maximum article size ({options.max_article_bytes:,} bytes)"
            )
        path = Path(article_id)
    else:
        path = Path(source)
        read = _read(_Source(path, False), options.max_article_bytes, [])
        assert read is not None  # only listed files are skipped
        data = read
    digest = hashlib.sha256(data).hexdigest()
    return _build(article_id, path, data, digest, options, sidecar=source != STDIN)


def _build(
    article_id: str,
    path: Path,
    data: bytes,
    digest: str,
    options: Options,
    *,
    sidecar: bool = True,
) -> Article:
    decoded = _decode_article(path, data)
    text, encoding, extracted_with = decoded.text, decoded.encoding, decoded.extracted_with
    html_date = html_site = None
    if extracted_with is not None:
        html_date, html_site = metadata.html_metadata(decoded.raw)
    excluded = boilerplate.find_excluded(text)
    metadata_file = _sidecar(path, article_id) if sidecar else {}

    language = options.lang if options.lang != "auto" else metadata_file.get("language")
    if not language:
        prose = "".join(text[s:e] for s, e in _kept(text, excluded))
        language = metadata.detect_language(prose)

    published, published_source = _published(
        article_id, path, text, excluded, language, options, metadata_file, html_date
    )
    # Issue 17: the publication time, for telling revisions over a day from conflicts.
    published_at = metadata_file.get("published_at") or metadata.find_published_time(
        text, excluded, published=published, language=language
    )
    if published is None and published_at is not None:
        published, published_source = published_at.date(), "header"
    outlet = (
        metadata_file.get("outlet")
        or html_site
        or metadata.find_outlet(text)
        or metadata.outlet_from_filename(path.name)
    )
    return Article(
        id=article_id,
        path=str(path),
        text=text,
        sha256=digest,
        language=language,
        outlet=outlet,
        published=published,
        published_source=published_source,
        published_at=published_at,
        encoding=encoding,
        excluded=excluded,
        wire_credits=metadata.find_wire_credits(text),
        extracted_with=extracted_with,
    )


def _kept(text: str, excluded: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The complement of the excluded ranges."""
    out = []
    pos = 0
    for start, end, _ in excluded:
        if pos < start:
            out.append((pos, start))
        pos = max(pos, end)
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _published(
    article_id: str,
    path: Path,
    text: str,
    excluded: Sequence[tuple[int, int, str]],
    language: str,
    options: Options,
    sidecar: dict[str, Any],
    html_date: _dt.date | None,
) -> tuple[_dt.date | None, str | None]:
    """Publication date by precedence: option, sidecar/HTML metadata, text, file name."""
    if article_id in options.published:
        return options.published[article_id], "option"
    if sidecar.get("published"):
        return sidecar["published"], "metadata"
    if html_date:
        return html_date, "metadata"
    found = metadata.find_published(text, excluded, day_first=language != "en")
    if found:
        return found
    from_name = metadata.date_from_filename(path.name)
    return (from_name, "filename") if from_name else (None, None)


def _sidecar(path: Path, article_id: str) -> dict[str, Any]:
    """Metadata for one article from ``NAME.meta.json`` or the directory's ``factcheck.json``.

    ``NAME.meta.json`` holds ``{"published": "YYYY-MM-DD", "outlet": "...", "language": "fr"}``;
    ``factcheck.json`` holds ``{"articles": {"NAME": {...same keys...}}}``. Fields in
    ``NAME.meta.json`` win.
    """
    merged: dict[str, Any] = {}
    directory_file = path.parent / DIRECTORY_METADATA
    if os.path.lexists(directory_file):
        entries = read_json(directory_file, "folder-metadata").get("articles", {})
        merged.update(_check_entry(directory_file, entries.get(path.name, {})))
    own = path.with_name(path.name + SIDECAR_SUFFIX)
    if os.path.lexists(own):
        merged.update(_check_entry(own, read_json(own, "sidecar")))
    return merged


def _check_entry(path: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields with ``published`` as a date (the schema checked the types)."""
    out = {key: entry[key] for key in ("outlet", "language") if entry.get(key) is not None}
    if entry.get("published") is not None:
        value = str(entry["published"])
        try:
            if len(value) > 10:  # a date and time: "2026-01-02T14:05:00+01:00"
                out["published_at"] = _dt.datetime.fromisoformat(value)
                out["published"] = out["published_at"].date()
            else:
                out["published"] = _dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InputError(
                str(path),
                f'"published" must be YYYY-MM-DD or an ISO date and time, got {value!r}',
            ) from exc
    return out


_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _xml_allowed(code: int) -> bool:
    """Whether XML 1.0 (and so lxml, under trafilatura) accepts the character."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _safe_reference(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return match.group(0) if _xml_allowed(code) else "\ufffd"


def _extract_html(html: str) -> tuple[str, str]:
    """Main text of an HTML page and the extractor's name and version.

    A page that yields nothing is tried once more, parsed without lxml's
    255-level nesting limit and with character references XML cannot hold
    (``&#x1b;``, ``&#xffff;``) replaced by U+FFFD: either used to drop the whole page.
    """
    import trafilatura

    text = trafilatura.extract(html, **_EXTRACT_OPTIONS)
    if not text:
        import lxml.html

        parser = lxml.html.HTMLParser(
            collect_ids=False, remove_comments=True, remove_pis=True, huge_tree=True
        )
        try:
            tree = lxml.html.document_fromstring(_CHAR_REFERENCE.sub(_safe_reference, html), parser)
            text = trafilatura.extract(tree, **_EXTRACT_OPTIONS)
        except (ValueError, lxml.etree.ParserError):
            text = None
    return text or "", f"trafilatura {trafilatura.__version__}"


_EXTRACT_OPTIONS: dict[str, Any] = {
    "output_format": "txt",
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "deduplicate": False,
    "favor_precision": True,
}
