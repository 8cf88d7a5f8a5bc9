"""The normalized view: typography folded, offsets mapped back to the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.normalize import norm, normalize

# Text mixing the typography outlets actually vary on with ordinary characters.
_ALPHABET = st.sampled_from([*"abcXYZ éÉçœŒﬁßİ019.,;'’ʼ\"«»“”-–— \t\n", "\u00a0", "\u202f"])
_TEXT = st.text(_ALPHABET, max_size=60) | st.text(max_size=40)


def test_typographic_variants_share_one_form() -> None:
    assert norm("l’enquête « failles »") == norm('l\'enquête "failles"')
    assert norm("60\u202f000 euros") == norm("60 000 euros")
    assert norm("Inde–Pakistan") == norm("Inde-Pakistan")
    assert norm("ﬁn  de\u00a0LIGNE") == "fin de ligne"


def test_accents_kept_unless_asked() -> None:
    assert norm("Élargie") == "élargie"
    assert norm("Élargie", strip_accents=True) == "elargie"


def test_maps_a_match_back_to_the_original_typography() -> None:
    original = "a écrit « Nous avons identifié des failles »"
    view = normalize(original)
    i = view.text.find('"nous avons')
    start, end = view.to_original(i, i + len('"nous avons'))
    assert original[start:end] == "« Nous avons"


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_mapping_a_normalized_span_back_gives_a_span_that_normalizes_to_it(
    text: str, data: st.DataObject
) -> None:
    view = normalize(text)
    n = len(view.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    o_start, o_end = view.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    piece = view.text[start:end]
    # A span can start or end inside what one original character expanded to
    # (ß -> ss, ﬁ -> fi) or on a collapsed space; the back-mapped span then covers
    # the whole character, so its normalization contains the span.
    assert piece.strip() in normalize(text[o_start:o_end]).text
    if (
        _on_char_boundary(view.starts, start)
        and _on_char_boundary(view.starts, end)
        and (piece == piece.strip())
    ):
        assert normalize(text[o_start:o_end]).text == piece


def _on_char_boundary(starts: tuple[int, ...], pos: int) -> bool:
    return pos in (0, len(starts)) or starts[pos] != starts[pos - 1]


@given(_TEXT)
def test_offset_map_is_monotonic_and_in_bounds(text: str) -> None:
    view = normalize(text)
    assert len(view.starts) == len(view.ends) == len(view.text)
    assert list(view.starts) == sorted(view.starts)
    assert all(0 <= s < e <= len(text) for s, e in zip(view.starts, view.ends, strict=True))
