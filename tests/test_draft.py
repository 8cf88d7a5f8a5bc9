"""Draft mode: the editor's view of a draft checked against reference articles."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from pathlib import Path

import pytest

from factcheck.compare import CompareContext
from factcheck.draft import add_draft, draft_findings, load_draft
from factcheck.errors import InputError
from factcheck.families import corroboration_by_group, source_families
from factcheck.ingest import load_articles
from factcheck.model import (
    Article,
    Corroboration,
    Evidence,
    Finding,
    Group,
    Kind,
    Mention,
    Quantity,
    QuoteAttribution,
    Report,
    Severity,
    Span,
    Statement,
    ValueKind,
)
from factcheck.options import Options
from factcheck.pipeline import finalize_findings

GOLDEN = Path(__file__).resolve().parent / "golden" / "annotated"

DRAFT = (
    "Le parquet a requis une amende de 45.000 euros et deux ans de prison.\n"
    "« Nous corrigeons les failles », a écrit le compte X de Grok.\n"
    "Selon nos informations, 12 plaintes ont été déposées à Lyon.\n"
    "Le temps était doux ce jour-là <b>[bold]\n"
)
WIRE = (
    "Le parquet a requis une amende de 60.000 euros et deux ans de prison contre la société. "
    "« Nous corrigeons les failles », a écrit le compte X de Grok. "
    "Les enquêteurs ont saisi les serveurs de la société mardi matin à Paris, selon le parquet.\n"
)
LE_MONDE = (
    "Selon le ministère public, l'amende requise atteint 60 000 euros, assortie de deux ans"
    " de prison. « Nous corrigeons les failles », a déclaré xAI. "
    "Mardi, des policiers ont emporté plusieurs serveurs de l'entreprise, a appris Le Monde.\n"
)
# A rewrite of the wire: its narration is the wire's, word for word.
COPY = (
    "Les enquêteurs ont saisi les serveurs de la société mardi matin à Paris, selon le parquet. "
    "Le parquet a requis une amende de 60.000 euros et deux ans de prison contre la société.\n"
)


def _article(aid: str, text: str, **meta: object) -> Article:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Article(id=aid, path=aid, text=text, sha256=sha, language="fr", **meta)  # type: ignore[arg-type]


def _span(article: Article, needle: str) -> Span:
    start = article.text.index(needle)
    return article.span(start, start + len(needle))


def _money(article: Article, needle: str, amount: float) -> Evidence:
    span = _span(article, needle)
    return Evidence(span, Quantity(span, amount, amount, amount, ValueKind.CURRENCY, "EUR"))


def _speaker(article: Article, who: str, entity: str, other: str) -> Evidence:
    quote = _span(article, "Nous corrigeons les failles")
    return Evidence(quote, QuoteAttribution(who, entity, other, None, None, quote.text))


def _sentence(article: Article, sentence: str, **extracted: object) -> Statement:
    return Statement(_span(article, sentence), **extracted)  # type: ignore[arg-type]


class Story:
    """A draft, three references (one a copy of the wire) and the compare stage's raw output."""

    def __init__(self) -> None:
        self.draft = _article("draft", DRAFT, role="draft")
        self.wire = _article("wire", WIRE, outlet="AFP", wire_credits=("AFP",))
        self.monde = _article("monde", LE_MONDE, outlet="Le Monde")
        self.copy = _article("copy", COPY, outlet="Ouest")
        d, w, m, c = self.draft, self.wire, self.monde, self.copy
        self.penalty = [
            _sentence(d, "Le parquet a requis une amende de 45.000 euros et deux ans de prison."),
            _sentence(w, "Le parquet a requis une amende de 60.000 euros et deux ans de prison"),
            _sentence(m, "Selon le ministère public, l'amende requise atteint 60 000 euros"),
            _sentence(c, "Le parquet a requis une amende de 60.000 euros et deux ans de prison"),
        ]
        quote = "« Nous corrigeons les failles », a"
        self.quote = [_sentence(a, quote) for a in (d, w, m)]
        plaints = _span(d, "12 plaintes")
        self.plaints = _sentence(
            d,
            "Selon nos informations, 12 plaintes ont été déposées à Lyon.",
            quantities=(Quantity(plaints, 12, 12, 12, ValueKind.COUNT, head="plainte"),),
            mentions=(Mention(_span(d, "Lyon"), "Lyon", "LOC"),),
        )
        self.weather = _sentence(d, "Le temps était doux ce jour-là")
        seized = "Les enquêteurs ont saisi les serveurs de la société mardi matin"
        self.seized = [
            _sentence(w, seized),
            _sentence(m, "Mardi, des policiers ont emporté plusieurs serveurs de l'entreprise"),
            _sentence(c, seized),
        ]
        self.groups = [
            Group("g1", "penalty", tuple(self.penalty), 0.9),
            Group("g2", "quote", tuple(self.quote), 0.9),
            Group("g3", "servers seized", tuple(self.seized), 0.8),
        ]
        self.articles = [d, w, m, c]
        self.raw = [
            # The draft's edited amount against each reference.
            *(
                Finding(
                    Kind.VALUE_MISMATCH,
                    Severity.ERROR,
                    0.9,
                    "pairwise",
                    (_money(d, "45.000 euros", 45000), _money(ref, text, 60000)),
                    group="g1",
                )
                for ref, text in ((w, "60.000 euros"), (m, "60 000 euros"), (c, "60.000 euros"))
            ),
            # References disagree on the speaker; the draft follows the wire.
            Finding(
                Kind.ATTRIBUTION_MISMATCH,
                Severity.WARNING,
                0.8,
                "pairwise",
                (
                    _speaker(d, "le compte X de Grok", "Grok", "xAI"),
                    _speaker(m, "xAI", "xAI", "Grok"),
                ),
                group="g2",
            ),
            Finding(
                Kind.ATTRIBUTION_MISMATCH,
                Severity.WARNING,
                0.8,
                "pairwise",
                (
                    _speaker(w, "le compte X de Grok", "Grok", "xAI"),
                    _speaker(m, "xAI", "xAI", "Grok"),
                ),
                group="g2",
            ),
        ]

    def context(self) -> CompareContext:
        statements = [*self.penalty, *self.quote, self.plaints, self.weather, *self.seized]
        return CompareContext({a.id: a for a in self.articles}, statements, self.groups)

    def report(self, *, coverage: bool = False) -> Report:
        families = source_families(self.articles)
        findings = draft_findings(self.context(), self.raw, families, coverage=coverage)
        return Report(
            tuple(self.articles),
            tuple(self.groups),
            finalize_findings(findings),
            "test",
            families=tuple(families),
            corroboration=corroboration_by_group(self.articles, self.groups, families),
        )


def test_one_finding_per_point_of_the_draft_phrased_from_its_side() -> None:
    story = Story()
    findings = draft_findings(story.context(), story.raw, source_families(story.articles))
    values = [f for f in findings if f.kind is Kind.VALUE_MISMATCH]
    assert len(values) == 1
    (value,) = values
    assert value.message == (
        "Your draft says «45.000 euros»; AFP, Le Monde and Ouest say «60.000 euros»"
        " (3 references, 2 independent sources)."
    )
    assert value.severity is Severity.ERROR and value.group == "g1"
    # Evidence on both sides: the draft first, then every reference that disagrees.
    assert [(e.span.article, e.span.text) for e in value.evidence] == [
        ("draft", "45.000 euros"),
        ("wire", "60.000 euros"),
        ("monde", "60 000 euros"),
        ("copy", "60.000 euros"),
    ]


def test_a_point_the_references_dispute_among_themselves_is_not_held_against_the_draft() -> None:
    findings = draft_findings(Story().context(), Story().raw, [])
    assert not [f for f in findings if f.kind is Kind.ATTRIBUTION_MISMATCH]


def test_checkable_claims_no_reference_states_are_info() -> None:
    story = Story()
    findings = draft_findings(story.context(), story.raw, [])
    unsupported = [f for f in findings if f.kind is Kind.SINGLE_SOURCE]
    # The plaints sentence has a number; the weather sentence has nothing to check.
    assert [(f.severity, f.evidence[0].span.text) for f in unsupported] == [
        (Severity.INFO, "Selon nos informations, 12 plaintes ont été déposées à Lyon.")
    ]
    assert "number «12 plaintes»" in unsupported[0].message


def test_omissions_need_two_independent_references() -> None:
    story = Story()
    families = source_families(story.articles)
    assert [f.members for f in families] == [("wire", "copy")]
    without = draft_findings(story.context(), story.raw, families)
    assert all(f.group != "g3" for f in without)
    (omitted,) = [
        f
        for f in draft_findings(story.context(), story.raw, families, coverage=True)
        if f.group == "g3"
    ]
    assert omitted.severity is Severity.INFO
    assert "(3 references, 2 independent sources)" in omitted.message
    # The same sentences aligned twice (e.g. as a quote and as a sentence): one note.
    story.groups.append(Group("g4", "servers", (story.seized[1], story.seized[0]), 0.7))
    omissions = draft_findings(story.context(), story.raw, families, coverage=True)
    assert [f.group for f in omissions if f.group in ("g3", "g4")] == ["g3"]
    story.groups.pop()
    # The same fact from the wire and its copy only is one source: not worth a note.
    story.groups[2] = Group("g3", "servers seized", (story.seized[0], story.seized[2]), 0.8)
    assert all(
        f.group != "g3" for f in draft_findings(story.context(), story.raw, families, coverage=True)
    )


def test_without_a_draft_findings_pass_through() -> None:
    story = Story()
    story.articles[0] = _article("draft", DRAFT)  # a reference now
    context = story.context()
    assert draft_findings(context, story.raw, []) == story.raw


def test_read_draft_from_stdin_and_from_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode("utf-8"))))
    from_stdin = load_draft("-", Options())
    assert (from_stdin.id, from_stdin.role, from_stdin.text) == ("draft", "draft", DRAFT)
    path = tmp_path / "mon-brouillon.txt"
    path.write_bytes(b"\xef\xbb\xbf" + DRAFT.encode("utf-8"))
    article = load_draft(str(path), Options(published={"mon-brouillon.txt": _date()}))
    assert (article.id, article.role, article.text) == ("mon-brouillon.txt", "draft", DRAFT)
    assert article.language == "fr" and article.published == _date()
    with pytest.raises(InputError, match=r"missing\.txt"):
        load_draft(str(tmp_path / "missing.txt"), Options())
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        load_draft(str(empty), Options())


def _date() -> dt.date:
    return dt.date(2026, 1, 2)


def test_the_draft_file_among_the_references_is_not_its_own_reference(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    itself = _article("draft.txt", DRAFT)
    other = _article("wire.txt", WIRE)
    articles, warnings = add_draft([itself, other], [], str(path), Options())
    assert [(a.id, a.role) for a in articles] == [("draft.txt", "draft"), ("wire.txt", "reference")]
    assert warnings == [f"{itself.path}: is the draft; not used as a reference"]
    clash = _article("draft.txt", WIRE)
    with pytest.raises(InputError, match="same name"):
        add_draft([clash], [], str(path), Options())


# --- the annotated draft ---------------------------------------------------------------


def _plain(renderable: object, width: int) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None, _environ={})
    console.print(renderable)
    return console.export_text()


def test_annotated_draft_golden_at_width_80() -> None:
    from factcheck.render.annotated import annotated_draft_rich

    text = _plain(annotated_draft_rich(Story().report(coverage=True), "draft", color=False), 80)
    golden = GOLDEN / "story-rich-80.txt"
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_annotated_draft_marks_each_checked_span() -> None:
    from factcheck.render.annotated import Status, draft_annotations

    notes = draft_annotations(Story().report(coverage=True), "draft")
    marked = [(n.status, n.span.text if n.span else None) for n in notes]
    assert marked == [
        (Status.CONTRADICTED, "45.000 euros"),
        (Status.CONSISTENT, "« Nous corrigeons les failles », a"),
        (Status.UNSUPPORTED, "Selon nos informations, 12 plaintes ont été déposées à Lyon."),
        (Status.OMITTED, None),  # a reference fact: a note with nothing to mark
    ]
    assert notes[1].text == (
        "Consistent with AFP and Le Monde (2 references, 2 independent sources)."
    )


def test_the_reports_show_the_annotated_draft_and_the_families() -> None:
    from factcheck.render import RenderOptions, render_text

    report = Story().report()
    text = render_text(report, "rich", RenderOptions(width=100, draft="draft"))
    assert "Your draft (draft), annotated" in text
    assert "⟦45.000 euros⟧[1]" in text
    assert "S1 AFP dispatch (wire, copy)" in text
    assert "Outlets / indep." in text and "3 / 2" in text
    page = render_text(report, "html", RenderOptions(draft="draft"))
    assert '<mark class="sev-error draft-contradicted"' in page
    assert 'href="#draft-note-1"' in page
    # Article text is inert in both.
    assert "&lt;b&gt;[bold]" in page and "<b>[bold]" not in page
    assert "<b>[bold]" in text
    without = render_text(report, "rich", RenderOptions(width=100))
    assert "annotated" not in without
    markdown = render_text(report, "markdown", RenderOptions())
    assert "- S1 AFP dispatch \\(wire, copy\\): 100% of the shorter text shared" in markdown
    assert "| Outlets / indep. |" in markdown and "| 3 / 2 |" in markdown


def test_json_marks_the_draft_and_carries_families_and_corroboration() -> None:
    import json
    from importlib import resources

    import jsonschema

    from factcheck.render.json_report import render_json

    data = json.loads(render_json(Story().report()))
    schema = json.loads(
        resources.files("factcheck").joinpath("schemas/report.schema.json").read_text()
    )
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [a["role"] for a in data["articles"]] == ["draft", "reference", "reference", "reference"]
    assert [f["members"] for f in data["families"]] == [["wire", "copy"]]
    assert data["corroboration"]["g1"] == {"outlets": 3, "independent_sources": 2}


# --- end to end on the seeds (real model) ------------------------------------------------

SEED_000 = "000_cc2fc5dfc65894bb.txt"
TWO_EDITS = Path(__file__).resolve().parent / "data" / "draft" / "seed-000-two-edits.txt"
# The fixture is seed 000 with exactly these two edits: a value and a speaker.
EDITS = (
    ("puni de deux ans d'emprisonnement et de 60.000 euros", "60.000 euros", "45.000 euros"),
    ("a écrit vendredi le compte X de Grok", "le compte X de Grok", "Elon Musk"),
)


def _edited_seed() -> str:
    from tests.conftest import seed_text

    text = seed_text(SEED_000)
    for context, before, after in EDITS:
        assert text.count(context) == 1
        text = text.replace(context, context.replace(before, after))
    return text


def _draft_check(draft: Path) -> Report:
    import factcheck
    from tests.conftest import SEEDS

    return factcheck.check([str(SEEDS)], Options(draft=str(draft)))


@pytest.mark.slow
def test_a_draft_with_two_edits_reports_exactly_those_two() -> None:
    assert TWO_EDITS.read_text(encoding="utf-8") == _edited_seed()
    report = _draft_check(TWO_EDITS)
    assert report.articles[0].role == "draft"
    draft_text = report.articles[0].text
    edited = [draft_text.index(after) for _, _, after in EDITS]
    assert len(report.findings) == 2, [f.message for f in report.findings]
    by_kind = {f.kind: f for f in report.findings}
    assert set(by_kind) == {Kind.VALUE_MISMATCH, Kind.ATTRIBUTION_MISMATCH}
    expected = (by_kind[Kind.VALUE_MISMATCH], by_kind[Kind.ATTRIBUTION_MISMATCH])
    for finding, start, (_, before, after) in zip(expected, edited, EDITS, strict=True):
        mine = [e.span for e in finding.evidence if e.span.article == "seed-000-two-edits.txt"]
        theirs = [e.span for e in finding.evidence if e.span not in mine]
        assert any(s.start <= start < s.end for s in mine), finding.message
        assert SEED_000 in {s.article for s in theirs}
        assert finding.message.startswith("Your draft ") and after in finding.message
        assert before in finding.message


@pytest.mark.slow
def test_a_draft_identical_to_a_reference_reports_nothing(tmp_path: Path) -> None:
    from tests.conftest import seed_text

    draft = tmp_path / "copy-of-000.txt"
    draft.write_text(seed_text(SEED_000), encoding="utf-8")
    report = _draft_check(draft)
    assert report.findings == ()


@pytest.mark.slow
def test_the_draft_can_come_from_standard_input() -> None:
    import json

    from click.testing import CliRunner

    from factcheck.cli import main
    from tests.conftest import SEEDS

    result = CliRunner().invoke(
        main,
        ["check", "--draft", "-", str(SEEDS), "--format", "json", "-q"],
        input=TWO_EDITS.read_bytes(),
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    draft = data["articles"][0]
    assert (draft["role"], draft["id"], draft["path"]) == ("draft", "draft", "-")
    assert {f["kind"] for f in data["findings"]} == {"value_mismatch", "attribution_mismatch"}
    assert all({e["article"] for e in f["evidence"]} > {"draft"} for f in data["findings"])


@pytest.mark.slow
def test_on_the_seeds_the_penalty_group_counts_outlets_and_independent_sources(
    seeds_report: Report, gold: dict
) -> None:
    from tests.conftest import gold_span

    (afp,) = seeds_report.families or ()
    assert [m[:3] for m in afp.members] == ["000", "002"] and afp.wire == "AFP"
    penalty = [
        gold_span(s["article"], s["quote"])
        for s in next(g for g in gold["groups"] if g["id"] == "penalty")["statements"]
    ]
    groups = [
        g
        for g in seeds_report.groups
        if all(any(s.span.overlaps(p) for s in g.statements) for p in penalty)
    ]
    assert groups
    for group in groups:
        # 000, 001 and 002 state it; 000 and 002 are one AFP dispatch.
        assert (seeds_report.corroboration or {})[group.id] == Corroboration(3, 2)


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import main
    from tests.conftest import SEEDS

    runner = CliRunner()
    result = runner.invoke(main, ["check", str(SEEDS), "--coverage"])
    assert result.exit_code == 2 and "--coverage needs --draft" in result.output
    missing = tmp_path / "nope.txt"
    result = runner.invoke(main, ["check", "--draft", str(missing), str(SEEDS), "-q"])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"factcheck: {missing}:")
    result = runner.invoke(main, ["check", "--draft", "-", str(SEEDS), "-q"], input=" \n")
    assert result.exit_code == 2 and "the draft is empty" in result.stderr


def test_an_html_draft_is_read_like_an_html_reference(tmp_path: Path) -> None:
    """One ingest path: the draft gets the reference's extracted text, not raw HTML."""
    page = Path(__file__).parent / "data" / "ingest" / "page.html"
    draft = load_draft(str(page), Options())
    (reference,), _ = load_articles([str(page)], Options())
    assert draft.text == reference.text
    assert "<" not in draft.text and draft.text.strip()
    assert draft.role == "draft" and reference.role != "draft"
