"""Reading articles: encodings, HTML, sidecar metadata, the seeds, and the bad-input matrix."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import ingest
from factcheck.errors import InputError
from factcheck.ingest import load_articles
from factcheck.model import Article
from factcheck.options import Options
from factcheck.segment import segment
from tests.conftest import load_gold

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "ingest"
PROSE_FR = "Le conseil municipal a voté lundi un budget de 3,2 millions d’euros pour l’école.\n"
PROSE_EN = "The city council approved a budget of 3.2 million euros for the school on Monday.\n"


def _write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _by_id(articles: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}


def _one(path: Path, tmp_path: Path, **options: object) -> Article:
    """Load ``path`` together with two ordinary articles and return its article."""
    others = [_write(tmp_path, f"other{i}.txt", f"{i} {PROSE_FR}") for i in range(2)]
    articles, _ = load_articles([path, *others], Options(**options))  # type: ignore[arg-type]
    return _by_id(articles)[path.name]


# --- the seeds -------------------------------------------------------------------------


def test_seeds_metadata_matches_the_gold() -> None:
    gold = load_gold()
    articles, warnings = load_articles([ROOT / "seeds"], Options())
    assert warnings == []
    assert [a.id for a in articles] == sorted(gold["articles"])
    for article in articles:
        expected = gold["articles"][article.id]
        published = article.published.isoformat() if article.published else None
        assert published == expected["published"], article.id
        assert article.language == expected["language"]
        assert article.encoding == "utf-8"
        assert article.sha256 == hashlib.sha256(Path(article.path).read_bytes()).hexdigest()
        assert article.text == Path(article.path).read_bytes().decode("utf-8")
    by_id = _by_id(articles)
    assert by_id["000_cc2fc5dfc65894bb.txt"].published_source == "dateline"
    assert by_id["004_4e3b21f8941335f3.txt"].published_source == "footer"
    assert by_id["004_4e3b21f8941335f3.txt"].outlet == "EcranMobile.fr"
    assert by_id["001_1c4b4929e730dec3.txt"].outlet == "Le Monde"
    assert by_id["001_1c4b4929e730dec3.txt"].published is None  # the 2023 caption is not taken
    assert "Bloomberg" in by_id["001_1c4b4929e730dec3.txt"].wire_credits
    assert by_id["000_cc2fc5dfc65894bb.txt"].wire_credits == ("AFP",)


def test_second_gold_set_metadata() -> None:
    directory = Path(__file__).resolve().parent / "data" / "eval"
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))["articles"]
    for article in load_articles([directory / "articles"], Options())[0]:
        expected = gold[article.id]
        published = article.published.isoformat() if article.published else None
        assert (published, article.language) == (expected["published"], expected["language"])
        assert article.outlet == expected.get("outlet"), article.id


def test_published_option_overrides_the_text() -> None:
    day = _dt.date(2026, 1, 2)
    options = Options(published={"002_b648ab011321f28c.txt": day, "000_cc2fc5dfc65894bb.txt": day})
    by_id = _by_id(load_articles([ROOT / "seeds"], options)[0])
    assert by_id["002_b648ab011321f28c.txt"].published == day
    assert by_id["002_b648ab011321f28c.txt"].published_source == "option"
    assert by_id["000_cc2fc5dfc65894bb.txt"].published_source == "option"


# --- encodings and formats ---------------------------------------------------------------


def test_cp1252_file_is_detected_and_decoded(tmp_path: Path) -> None:
    article = _one(DATA / "cp1252.txt", tmp_path)
    assert article.encoding == "cp1252"
    assert "3,2 millions d’euros pour rénover l’école" in article.text
    assert article.published == _dt.date(2026, 3, 12)
    assert article.published_source == "header"


def test_non_western_legacy_file_goes_to_charset_normalizer(tmp_path: Path) -> None:
    russian = "Министр объявил в пятницу о штрафе в размере 60 000 евро. Расследование расширено.\n"
    path = _write(tmp_path, "ru.txt", russian.encode("cp1251"))
    article = _one(path, tmp_path)
    assert (article.encoding, article.text) == ("cp1251", russian)


def test_utf8_bom_is_removed_from_the_text_and_reported(tmp_path: Path) -> None:
    article = _one(DATA / "bom.txt", tmp_path)
    assert article.encoding == "utf-8-sig"
    assert article.text.startswith("Le tribunal")


def test_utf16_with_bom_works(tmp_path: Path) -> None:
    path = _write(tmp_path, "utf16.txt", PROSE_FR.encode("utf-16"))
    article = _one(path, tmp_path)
    assert article.encoding == "utf-16"
    assert article.text == PROSE_FR


def test_crlf_is_not_translated(tmp_path: Path) -> None:
    path = _write(tmp_path, "crlf.txt", PROSE_FR.replace("\n", "\r\n") * 2)
    assert "\r\n" in _one(path, tmp_path).text


def test_html_page_keeps_the_article_and_drops_navigation_and_footer(tmp_path: Path) -> None:
    article = _one(DATA / "page.html", tmp_path)
    assert article.extracted_with is not None and article.extracted_with.startswith("trafilatura ")
    assert "infligé mardi une amende de 45 millions d'euros" in article.text
    assert "« Nous contesterons cette décision devant la justice »" in article.text
    for dropped in ("Accueil", "Les plus lus", "Mentions légales", "Inscrivez-vous"):
        assert dropped not in article.text
    assert article.published == _dt.date(2026, 2, 3)
    assert article.published_source == "metadata"
    assert article.outlet == "La Gazette du Numérique"
    assert article.sha256 == hashlib.sha256((DATA / "page.html").read_bytes()).hexdigest()


def test_english_wire_story(tmp_path: Path) -> None:
    article = _one(DATA / "wire_en.txt", tmp_path)
    assert article.language == "en"
    assert article.outlet == "Reuters"
    assert article.wire_credits == ("Reuters",)
    assert (article.published, article.published_source) == (_dt.date(2026, 1, 5), "header")


def test_language_option_and_detection(tmp_path: Path) -> None:
    path = _write(tmp_path, "en.txt", PROSE_EN * 2)
    assert _one(path, tmp_path).language == "en"
    assert _one(path, tmp_path, lang="fr").language == "fr"


# --- sidecar metadata --------------------------------------------------------------------


def test_sidecar_file_supplies_date_and_outlet(tmp_path: Path) -> None:
    path = _write(tmp_path, "story.txt", PROSE_FR)
    _write(tmp_path, "story.txt.meta.json", '{"published": "2026-01-09", "outlet": "Le Temps"}')
    article = _one(path, tmp_path)
    assert (article.published, article.published_source) == (_dt.date(2026, 1, 9), "metadata")
    assert article.outlet == "Le Temps"


def test_directory_metadata_file(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "A " + PROSE_FR)
    _write(tmp_path, "b.txt", "B " + PROSE_FR)
    _write(tmp_path, "factcheck.json", '{"articles": {"b.txt": {"published": "2025-12-31"}}}')
    by_id = _by_id(load_articles([tmp_path], Options())[0])
    assert by_id["a.txt"].published is None
    assert by_id["b.txt"].published == _dt.date(2025, 12, 31)


def test_invalid_sidecar_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "story.txt", PROSE_FR)
    _write(tmp_path, "story.txt.meta.json", '{"published": "9 janvier"}')
    with pytest.raises(InputError, match=r"story\.txt\.meta\.json: .*YYYY-MM-DD"):
        _one(path, tmp_path)


def test_filename_date_is_the_last_resort(tmp_path: Path) -> None:
    path = _write(tmp_path, "lemonde_2026-01-03.txt", PROSE_FR)
    article = _one(path, tmp_path)
    assert (article.published, article.published_source) == (_dt.date(2026, 1, 3), "filename")
    assert article.outlet == "Le Monde"


# --- ids, order, duplicates ----------------------------------------------------------


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path: Path) -> None:
    for folder in ("lemonde", "afp"):
        (tmp_path / folder).mkdir()
        _write(tmp_path / folder, "story.txt", f"{folder} {PROSE_FR}")
    articles, _ = load_articles([tmp_path / "lemonde", tmp_path / "afp"], Options())
    assert [a.id for a in articles] == ["afp/story.txt", "lemonde/story.txt"]


def test_result_does_not_depend_on_argument_order(tmp_path: Path) -> None:
    paths = [_write(tmp_path, f"{n}.txt", f"{n} {PROSE_FR}") for n in "cab"]
    first = load_articles(paths, Options())
    second = load_articles(paths[::-1], Options())
    assert first == second
    assert [a.id for a in first[0]] == ["a.txt", "b.txt", "c.txt"]


# --- the bad-input matrix (docs/input.md) --------------------------------------------


def test_nonexistent_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: no such file"):
        load_articles([tmp_path / "missing.txt"], Options())


def test_directory_without_articles(tmp_path: Path) -> None:
    _write(tmp_path, "image.png", b"\x89PNG\r\n")
    with pytest.raises(InputError, match="directory has no article files"):
        load_articles([tmp_path], Options())


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty file"), (b" \n\t\r\n  \n", "only white space")],
)
def test_empty_article_is_skipped_with_a_warning(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    empty = _write(tmp_path, "empty.txt", content)
    good = [_write(tmp_path, f"{n}.txt", f"{n} {PROSE_FR}") for n in "ab"]
    articles, warnings = load_articles([empty, *good], Options())
    assert [a.id for a in articles] == ["a.txt", "b.txt"]
    assert warnings == [f"{empty}: {problem}; skipped"]


def test_empty_article_is_an_error_when_fewer_than_two_remain(tmp_path: Path) -> None:
    empty = _write(tmp_path, "empty.txt", b"")
    good = _write(tmp_path, "a.txt", PROSE_FR)
    with pytest.raises(InputError, match=r"empty\.txt: empty file; fewer than two usable"):
        load_articles([empty, good], Options())


def test_boilerplate_only_article_is_skipped(tmp_path: Path) -> None:
    junk = _write(tmp_path, "junk.txt", "Newsletter\n« Le Quotidien »\nS’inscrire\nTags : a, b\n")
    good = [_write(tmp_path, f"{n}.txt", f"{n} {PROSE_FR}") for n in "ab"]
    articles, warnings = load_articles([junk, *good], Options())
    assert len(articles) == 2
    assert warnings == [f"{junk}: only boilerplate (no article prose); skipped"]


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"texte\x00avec\x00des\x00nuls", "NUL"),
    ],
)
def test_binary_files_are_input_errors(tmp_path: Path, content: bytes, what: str) -> None:
    path = _write(tmp_path, "article.txt", content)
    with pytest.raises(InputError, match=rf"article\.txt: binary file .*{what}"):
        load_articles([path], Options())


def test_invalid_utf8_in_a_utf8_file_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.txt", "Élargie à l’été ".encode() + b"\xff\xfe\xc3(" + b" fin")
    with pytest.raises(InputError, match=r"broken\.txt: invalid UTF-8 \(byte 22"):
        load_articles([path], Options())


def test_html_declaring_utf8_with_invalid_bytes_is_an_input_error(tmp_path: Path) -> None:
    page = b'<html><head><meta charset="utf-8"></head><body><p>caf\xe9</p></body></html>'
    path = _write(tmp_path, "page.html", page)
    with pytest.raises(InputError, match=r"page\.html: invalid UTF-8"):
        load_articles([path], Options())


def test_html_declared_legacy_charset_is_used(tmp_path: Path) -> None:
    body = "<p>Le ministre a annoncé une réforme de l’école cette semaine à Paris.</p>"
    page = f'<html><head><meta charset="iso-8859-15"></head><body>{body * 3}</body></html>'
    path = _write(tmp_path, "page.html", page.replace("’", "'").encode("iso-8859-15"))
    article = _one(path, tmp_path)
    assert article.encoding == "iso8859-15"
    assert "annoncé une réforme de l'école" in article.text


def test_article_above_the_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", PROSE_FR * 100)
    with pytest.raises(InputError, match=r"big\.txt: larger than the maximum article size \(1,000"):
        load_articles([path], Options(max_article_bytes=1000))


def test_ten_megabyte_single_line_is_read_without_hanging(tmp_path: Path) -> None:
    path = _write(tmp_path, "huge.txt", "mot " * 2_500_000)
    started = time.perf_counter()
    article = _one(path, tmp_path)
    assert len(article.text) == 10_000_000
    assert time.perf_counter() - started < 30


def test_a_megabyte_of_short_repeated_lines_stays_linear(tmp_path: Path) -> None:
    path = _write(tmp_path, "lines.txt", "Le maire a parlé.\n" * 55_000)
    started = time.perf_counter()
    article = _one(path, tmp_path)
    segments = segment(article)
    assert len(segments) == 55_000
    assert [s.excluded for s in segments[:2]] == [None, "repeated"]
    assert time.perf_counter() - started < 30


def test_a_thousand_small_files(tmp_path: Path) -> None:
    for i in range(1000):
        _write(tmp_path, f"{i:04d}.txt", f"Article {i}. {PROSE_FR}")
    started = time.perf_counter()
    articles, warnings = load_articles([tmp_path], Options())
    assert len(articles) == 1000 and warnings == []
    assert [a.id for a in articles] == sorted(a.id for a in articles)
    assert time.perf_counter() - started < 30


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    with pytest.raises(InputError, match=r"loop\.txt: symbolic link loop"):
        load_articles([loop], Options())


def test_symlink_loop_inside_a_directory(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", PROSE_FR)
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    with pytest.raises(InputError, match=r"loop\.txt: symbolic link loop"):
        load_articles([tmp_path], Options())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", PROSE_FR)
    path.chmod(0)
    with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
        load_articles([path], Options())


def test_permission_denied_when_running_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads chmod-0 files, so the refusal the kernel gives other users is simulated.
    path = _write(tmp_path, "secret.txt", PROSE_FR)
    real_open = os.open

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> int:
        if Path(str(file)) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
        load_articles([path], Options())


def test_directory_given_where_a_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root can read a chmod-0 file, so exercise the same error path through a directory
    # that ends in .txt (open() fails on it like on an unreadable file).
    (tmp_path / "folder.txt").mkdir()
    _write(tmp_path / "folder.txt", "a.txt", PROSE_FR)
    monkeypatch.setattr(ingest, "_list_dir", lambda directory: [directory / "folder.txt"])
    with pytest.raises(InputError, match=r"folder\.txt: is a directory"):
        load_articles([tmp_path], Options())


def test_file_deleted_between_listing_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in "abc":
        _write(tmp_path, f"{n}.txt", f"{n} {PROSE_FR}")
    real_list = ingest._list_dir

    def list_then_delete(directory: Path) -> list[Path]:
        listed = real_list(directory)
        (directory / "b.txt").unlink()
        return listed

    monkeypatch.setattr(ingest, "_list_dir", list_then_delete)
    articles, warnings = load_articles([tmp_path], Options())
    assert [a.id for a in articles] == ["a.txt", "c.txt"]
    assert warnings == [f"{tmp_path / 'b.txt'}: disappeared before it could be read; skipped"]


def test_duplicate_files_are_reported_as_duplicates(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", PROSE_FR)
    b = _write(tmp_path, "b.txt", PROSE_FR)
    c = _write(tmp_path, "c.txt", PROSE_EN)
    articles, warnings = load_articles([b, c, a], Options())
    assert [x.id for x in articles] == ["a.txt", "c.txt"]
    assert warnings == [
        f"{b}: same bytes as {a} (duplicate file, not an independent source); skipped"
    ]


def test_same_path_twice_is_read_once(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", PROSE_FR)
    b = _write(tmp_path, "b.txt", PROSE_EN)
    articles, warnings = load_articles([a, tmp_path, a], Options())
    assert [x.id for x in articles] == ["a.txt", "b.txt"]
    assert len(warnings) == 2 and all("given more than once" in w for w in warnings)
    assert b.exists()


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=300)
    | st.text(max_size=100).map(lambda t: t.encode("utf-8"))
    | st.text(st.characters(max_codepoint=255), max_size=100).map(
        lambda t: t.encode("cp1252", errors="replace")
    )
)
def test_decoding_any_bytes_gives_text_or_an_input_error(data: bytes) -> None:
    try:
        text, encoding = ingest.decode(data, "fuzz.txt")
    except InputError as exc:
        assert exc.path == "fuzz.txt" and exc.problem
    else:
        assert isinstance(text, str) and encoding
        if encoding == "utf-8":
            assert text.encode("utf-8") == data
