"""Issue 17: one finding per fact, copies counted once, revisions over time told as such."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.consolidate import consolidate
from factcheck.fingerprint import fingerprint
from factcheck.metadata import find_published_time
from factcheck.model import (
    Article,
    EntityValue,
    Evidence,
    Finding,
    Kind,
    Quantity,
    Report,
    Severity,
    SourceFamily,
    Vagueness,
    ValueKind,
)
from factcheck.modes.baseline import apply_baseline
from factcheck.pipeline import finalize_findings

DATA = Path(__file__).parent / "data" / "revision"
UTC = dt.UTC


def _article(aid: str, value: int, at: dt.datetime | None = None) -> Article:
    text = f"The earthquake killed {value} people and injured {value * 3} others."
    return Article(id=aid, path=aid, text=text, sha256="0" * 64, published_at=at)


def _quantity(article: Article, nth: int = 0) -> Evidence:
    number = article.text.split()[3 if nth == 0 else 7]
    start = article.text.index(f" {number} ") + 1
    value = float(number)
    span = article.span(start, start + len(number))
    head = "person" if nth == 0 else "injured"
    return Evidence(span, Quantity(span, value, value, value, ValueKind.COUNT, head=head))


def _pair(a: Article, b: Article, severity: Severity = Severity.ERROR, nth: int = 0) -> Finding:
    return Finding(
        kind=Kind.VALUE_MISMATCH,
        severity=severity,
        confidence=0.8,
        message=f"Count differs (person): {a.id} vs {b.id}.",
        evidence=(_quantity(a, nth), _quantity(b, nth)),
        group="g1",
    )


def _all_pairs(articles: list[Article], severity: Severity = Severity.ERROR) -> list[Finding]:
    return [
        _pair(a, b, severity)
        for i, a in enumerate(articles)
        for b in articles[i + 1 :]
        if a.text != b.text
    ]


def _family(*members: str) -> SourceFamily:
    return SourceFamily("S1", "AFP dispatch", members, "AFP", ())


def test_five_outlets_with_five_values_make_one_finding_listing_every_value() -> None:
    articles = [_article(f"{n}.txt", v) for n, v in enumerate((2, 4, 7, 12, 19))]
    findings = consolidate(_all_pairs(articles), articles)
    assert len(findings) == 1
    (finding,) = findings
    assert sorted(v.label for v in finding.values) == ["12", "19", "2", "4", "7"]
    assert finding.pair_count == 10 and len(finding.pairs) == 10
    assert len(finding.evidence) == 5  # one side per value
    assert finding.severity is Severity.ERROR


def test_one_outlier_against_four_independent_sources_says_so() -> None:
    articles = [_article(f"{n}.txt", 12) for n in range(4)] + [_article("odd.txt", 18)]
    (finding,) = consolidate(_all_pairs(articles), articles)
    assert "4 sources say 12" in finding.message and "1 source says 18" in finding.message
    assert [v.label for v in finding.values] == ["12", "18"]
    # Agreeing independent sources corroborate each other: one of them is the evidence.
    assert len(finding.evidence) == 2


def test_copies_of_one_dispatch_count_once_and_each_copy_is_evidence() -> None:
    articles = [_article("afp.txt", 12), _article("copy.txt", 12), _article("lemonde.txt", 18)]
    (finding,) = consolidate(_all_pairs(articles), articles, [_family("afp.txt", "copy.txt")])
    assert "1 source (2 articles) says 12" in finding.message
    assert {ev.span.article for ev in finding.evidence} == {"afp.txt", "copy.txt", "lemonde.txt"}
    assert finding.severity is Severity.ERROR  # two independent sources disagree


def test_a_difference_only_between_copies_is_at_most_a_warning() -> None:
    articles = [_article("afp.txt", 12), _article("copy.txt", 18)]
    family = [_family("afp.txt", "copy.txt")]
    (finding,) = consolidate(_all_pairs(articles), articles, family)
    assert finding.severity is Severity.WARNING


def test_copies_that_disagree_still_warn_beside_a_weaker_independent_difference() -> None:
    # Two versions of one dispatch give 3 and 8 months (an error between them); an
    # independent outlet's other figure is only an info: the copies' difference shows.
    afp, copy, other = _article("afp.txt", 3), _article("copy.txt", 8), _article("other.txt", 5)
    pairs = [_pair(afp, copy, Severity.ERROR), _pair(afp, other, Severity.INFO)]
    findings = consolidate(pairs, [afp, copy, other], [_family("afp.txt", "copy.txt")])
    # The weak difference brings a value of its own (5): it is shown apart, at info.
    assert [(f.severity, len(f.values)) for f in findings] == [
        (Severity.WARNING, 2),
        (Severity.INFO, 2),
    ]


def test_weak_pairs_never_chain_other_figures_into_a_loud_finding() -> None:
    # 4 against 6 is an error; 6 against 30 and 1 against 4 are weak (info) pairs that
    # may compare two facts: they stay info findings of their own.
    a, b, c, d = (_article(f"{n}.txt", v) for n, v in enumerate((4, 6, 30, 1)))
    pairs = [_pair(a, b), _pair(b, c, Severity.INFO), _pair(d, a, Severity.INFO)]
    findings = consolidate(pairs, [a, b, c, d])
    assert [(f.severity, sorted(v.label for v in f.values)) for f in findings] == [
        (Severity.ERROR, ["4", "6"]),
        (Severity.INFO, ["30", "6"]),
        (Severity.INFO, ["1", "4"]),
    ]


def test_a_weak_pair_between_two_loud_facts_of_known_values_joins_them() -> None:
    # 12 against 18 twice (a/b, c/d), and b against c only weakly: one fact, 12 / 18.
    a, b = _article("a.txt", 12), _article("b.txt", 18)
    c, d = _article("c.txt", 12), _article("d.txt", 18)
    pairs = [_pair(a, b), _pair(c, d), _pair(b, c, Severity.INFO)]
    (finding,) = consolidate(pairs, [a, b, c, d])
    assert (finding.severity, finding.pair_count) == (Severity.ERROR, 3)
    assert "2 sources say 12" in finding.message


def test_a_weak_pair_stating_known_values_joins_the_loud_finding() -> None:
    # b gives 12 too ("une douzaine" beside "12"), only weakly against 18: one finding.
    a, b, odd = _article("a.txt", 12), _article("b.txt", 12), _article("odd.txt", 18)
    findings = consolidate([_pair(a, odd), _pair(b, odd, Severity.INFO)], [a, b, odd])
    assert [(f.severity, f.pair_count) for f in findings] == [(Severity.ERROR, 2)]
    assert "2 sources say 12" in findings[0].message


def test_the_agreeing_value_shows_the_agency_dispatch_and_the_exact_figure() -> None:
    wire = dataclasses.replace(_article("wire.txt", 12), outlet="AFP", wire_credits=("AFP",))
    paper = _article("paper.txt", 12)
    odd = _article("odd.txt", 18)
    (finding,) = consolidate(_all_pairs([paper, wire, odd]), [paper, wire, odd])
    assert {ev.span.article for ev in finding.evidence} == {"wire.txt", "odd.txt"}


def test_one_figure_stated_roughly_and_exactly_is_one_value() -> None:
    exact, rough, odd = _article("a.txt", 100), _article("b.txt", 100), _article("c.txt", 80)
    rough_value = _quantity(rough).value
    assert isinstance(rough_value, Quantity)
    approx = Evidence(
        rough_value.span,
        dataclasses.replace(rough_value, low=75.0, high=125.0, vagueness=Vagueness.APPROXIMATE),
    )
    pairs = [
        _pair(exact, odd),
        dataclasses.replace(_pair(rough, odd), evidence=(approx, _quantity(odd))),
    ]
    (finding,) = consolidate(pairs, [exact, rough, odd])
    assert len(finding.values) == 2
    # The exact "100" speaks for both; "une centaine" is listed, not paired with it.
    assert [ev.span.article for ev in finding.evidence] == ["a.txt", "c.txt"]


def _person(article: Article, name: str) -> Evidence:
    start = article.text.index(name)
    span = article.span(start, start + len(name))
    return Evidence(span, EntityValue(name, role="agent"))


def _people(texts: dict[str, str]) -> list[Article]:
    return [Article(id=a, path=a, text=t, sha256="0" * 64) for a, t in texts.items()]


@pytest.mark.parametrize(
    ("third", "severity"),
    [
        ("The Thai prime minister Somchai met Hun Sen.", Severity.INFO),
        ("The talks went on.", Severity.WARNING),
    ],
)
def test_two_people_another_article_names_together_are_two_actors(
    third: str, severity: Severity
) -> None:
    a, b, c = _people(
        {"a.txt": "The prime minister Hun Sen spoke.", "b.txt": "The prime minister Somchai spoke.",
         "c.txt": third}
    )  # fmt: skip
    pair = Finding(
        kind=Kind.ENTITY_MISMATCH,
        severity=Severity.WARNING,
        confidence=0.6,
        message="Different people in the same role (prime minister): Hun Sen vs Somchai.",
        evidence=(_person(a, "Hun Sen"), _person(b, "Somchai")),
        group="g1",
    )
    (finding,) = consolidate([pair], [a, b, c])
    assert finding.severity is severity


def test_two_facts_of_one_sentence_stay_two_findings() -> None:
    a, b = _article("a.txt", 2), _article("b.txt", 7)
    findings = consolidate([_pair(a, b), _pair(a, b, nth=1)], [a, b])
    assert sorted(f.values[0].label for f in findings) == ["2", "6"]


def test_values_ordered_by_publication_time_are_a_revision_with_a_timeline() -> None:
    times = [dt.datetime(2026, 5, 5, h, tzinfo=UTC) for h in (21, 9, 14)]
    articles = [_article(f"{v}.txt", v, at) for v, at in zip((19, 2, 7), times, strict=True)]
    (finding,) = consolidate(_all_pairs(articles), articles)
    assert finding.revision and finding.severity is Severity.WARNING
    assert [v.label for v in finding.values] == ["2", "7", "19"]
    assert "2 (2.txt, 5 May 2026 09:00 +00:00) → 7" in finding.message


@pytest.mark.parametrize(
    ("times", "why"),
    [
        ([dt.datetime(2026, 5, 5, 9, tzinfo=UTC)] * 2, "same time"),
        ([dt.datetime(2026, 5, 5, 9, tzinfo=UTC), None], "one time unknown"),
        # 14:00 local may be 02:00 to 04:00 UTC the next day, or the day before...
        ([dt.datetime(2026, 5, 5, 9, tzinfo=UTC), dt.datetime(2026, 5, 5, 14)], "zone unknown"),
    ],
)
def test_disagreements_not_ordered_in_time_stay_conflicts(
    times: list[dt.datetime | None], why: str
) -> None:
    articles = [_article("a.txt", 2, times[0]), _article("b.txt", 7, times[1])]
    (finding,) = consolidate(_all_pairs(articles), articles)
    assert not finding.revision, why
    assert finding.severity is Severity.ERROR


def test_a_thousand_values_are_one_finding_keeping_a_bounded_list_of_pairs() -> None:
    articles = [_article(f"{n:04d}.txt", n + 1) for n in range(120)]
    (finding,) = consolidate(_all_pairs(articles), articles)
    assert len(finding.values) == 120 and finding.pair_count == 120 * 119 // 2
    assert len(finding.pairs) == 50


# ------------------------------------------------------------- end to end


def _check(folder: str, **options: Any) -> Report:
    return factcheck.check(
        [str(DATA / folder)], factcheck.Options(model="hash-3gram-256", **options)
    )


def _loud(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.severity >= Severity.WARNING]


def test_a_toll_rising_over_a_day_is_one_revision_in_time_order() -> None:
    report = _check("timed")
    (finding,) = report.findings
    assert finding.kind is Kind.VALUE_MISMATCH and finding.revision
    assert finding.severity is Severity.WARNING  # a reader still sees three figures
    assert [(v.label, v.articles) for v in finding.values] == [
        ("2", ("a_morning.txt",)),
        ("7", ("b_afternoon.txt",)),
        ("19", ("c_evening.txt",)),
    ]
    assert [v.published_at for v in finding.values] == sorted(
        v.published_at for v in finding.values if v.published_at
    )


def test_the_same_figures_without_times_are_one_conflict() -> None:
    report = _check("untimed")
    (finding,) = report.findings
    assert not finding.revision and finding.severity is Severity.ERROR
    assert len(finding.values) == 3


def test_an_article_narrating_the_revision_is_not_in_conflict() -> None:
    report = _check("narrated")
    assert _loud(report) == []
    # Whether the two figures pair at all depends on what each is bound to ("killed 2"
    # against "toll raised to 19"); when they do, it is an info revision told by d_report.
    for finding in report.findings:
        assert finding.revision and finding.severity is Severity.INFO
        told = [v for v in finding.values if v.narrated]
        assert [v.articles for v in told] == [("d_report.txt",)]


def test_per_pair_keeps_one_finding_per_pair() -> None:
    report = _check("untimed", per_pair=True)
    assert len(report.findings) == 3 and all(not f.values for f in report.findings)


def test_the_json_report_validates_and_keeps_the_pairs() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from factcheck.render.json_report import report_to_dict

    data = report_to_dict(_check("timed"))
    schema = json.loads(
        (Path(factcheck.__file__).parent / "schemas" / "report.schema.json").read_text()
    )
    jsonschema.validate(data, schema)
    (finding,) = data["findings"]
    assert data["schema_version"] == "1.2" and finding["revision"] is True
    assert finding["pair_count"] == 3 and len(finding["pairs"]) == 3
    assert [v["label"] for v in finding["values"]] == ["2", "7", "19"]


# --------------------------------------------------------------- baseline


def test_a_fact_fingerprint_stays_when_another_outlet_joins_with_a_listed_value() -> None:
    three = [_article("a.txt", 2), _article("b.txt", 7), _article("c.txt", 7)]
    before = consolidate(_all_pairs(three[:2]), three[:2])[0]
    after = consolidate(_all_pairs(three), three)[0]
    assert fingerprint(before) == fingerprint(after)
    new_value = [*three, _article("d.txt", 19)]
    assert fingerprint(consolidate(_all_pairs(new_value), new_value)[0]) != fingerprint(after)


def test_a_baseline_of_pairwise_findings_still_accepts_the_fact() -> None:
    articles = [_article("a.txt", 2), _article("b.txt", 7), _article("c.txt", 19)]
    pairs = finalize_findings(_all_pairs(articles))
    old = {fingerprint(p) for p in pairs}
    report = Report(tuple(articles), (), finalize_findings(consolidate(pairs, articles)), "t")
    assert apply_baseline(report, old).findings == ()


# --------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("Updated: 14:02 IST", "en", "2010-05-05T14:02:00+05:30"),
        ("Wed May 5, 2010 7:12pm BST", "en", "2010-05-05T19:12:00+01:00"),
        ("Updated Thu 6 May 2010, 9:03am AEST", "en", "2010-05-06T09:03:00+10:00"),
        ("7:00pm UK, Wednesday 05 May 2010", "en", "2010-05-05T19:00:00+01:00"),
        ("First Posted 23:37:00 05/05/2010", "en", "2010-05-05T23:37:00"),
        ("Updated 5/5/2010 1:41 PM", "en", "2010-05-05T13:41:00"),
        ("mis à jour le 5 mai 2010 à 14h05", "fr", "2010-05-05T14:05:00"),
        ("Publié le 05/05/2010 à 14 h 05 (heure de Paris)", "fr", "2010-05-05T14:05:00+02:00"),
        ("Le séisme a fait 12 morts à 14h05.", "fr", None),  # prose, not a date line
    ],
)
def test_publication_time_is_read_from_header_lines(
    line: str, language: str, expected: str | None
) -> None:
    text = f"Headline\n{line}\nFirst sentence of the article body, long enough.\n"
    found = find_published_time(text, published=dt.date(2010, 5, 5), language=language)
    assert (found.isoformat() if found else None) == expected


def test_sidecar_metadata_may_give_a_date_and_time(tmp_path: Path) -> None:
    for name, hour in (("a.txt", "09:10"), ("b.txt", "21:15")):
        (tmp_path / name).write_text(
            (
                DATA / "untimed" / ("a_morning.txt" if name == "a.txt" else "c_evening.txt")
            ).read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        (tmp_path / f"{name}.meta.json").write_text(
            json.dumps({"published": f"2026-05-05T{hour}:00+00:00"}), encoding="utf-8"
        )
    report = factcheck.check([str(tmp_path)], factcheck.Options(model="hash-3gram-256"))
    assert [a.published_at and a.published_at.hour for a in report.articles] == [9, 21]
    (finding,) = report.findings
    assert finding.revision


def test_a_draft_is_checked_against_the_references_timeline(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Earthquake in Testville\n\nThe earthquake in Testville killed 12 people, rescue "
        "services said.\n",
        encoding="utf-8",
    )
    report = _check("timed", draft=str(draft))
    mine = [f for f in report.findings if any(e.span.article == "draft.txt" for e in f.evidence)]
    assert mine, report.findings
    assert all(f.severity <= Severity.WARNING for f in mine)
    assert any("the draft says 12" in f.message and "latest being 19" in f.message for f in mine)


# ----------------------------------------------------------- report layout


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_human_reports_open_on_the_findings_without_internal_ids(fmt: str) -> None:
    from factcheck.render import RenderOptions, render_text
    from tests.render_fixtures import small_report

    text = render_text(small_report(), fmt, RenderOptions())
    findings = text.index("Findings</h2>" if fmt == "html" else "## Findings")
    articles = text.index("Articles</h2>" if fmt == "html" else "## Articles")
    assert findings < articles
    assert "amende" in text and "Quote credited to a different speaker" in text
    visible = text if fmt == "markdown" else re.sub(r"<[^>]*>", "", text)
    for internal in ("value_mismatch", "attribution_mismatch", "single\\_source", "single_source"):
        assert internal not in visible


def test_a_message_names_a_few_values_and_counts_the_rest() -> None:
    articles = [_article(f"{n:02d}.txt", n + 1) for n in range(12)]
    (finding,) = consolidate(_all_pairs(articles), articles)
    assert "and 4 more values" in finding.message and len(finding.values) == 12


def test_sarif_has_one_result_per_fact_with_every_other_span_related() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from factcheck.render import RenderOptions, render_text

    articles = [_article("a.txt", 12), _article("b.txt", 12), _article("c.txt", 18)]
    findings = finalize_findings(consolidate(_all_pairs(articles), articles))
    report = Report(tuple(articles), (), findings, "t")
    sarif = json.loads(render_text(report, "sarif", RenderOptions()))
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(sarif)
    (result,) = sarif["runs"][0]["results"]
    located = [result["locations"][0], *result["relatedLocations"]]
    uris = sorted(loc["physicalLocation"]["artifactLocation"]["uri"] for loc in located)
    assert uris == ["a.txt", "b.txt", "c.txt"]  # the agreeing outlet too
    assert [v["label"] for v in result["properties"]["values"]] == ["12", "18"]


def test_pairwise_findings_are_read_as_they_come_and_not_held() -> None:
    """300 outlets, 300 values: 44,850 pairwise findings read from a generator, one
    finding; only the MAX_PAIRS it shows stay alive, whatever the number of pairs."""
    import gc
    import weakref

    from factcheck.consolidate import MAX_PAIRS

    articles = [_article(f"{n:03d}.txt", n + 1) for n in range(300)]
    alive: list[weakref.ref[Finding]] = []

    def pairs() -> Iterator[Finding]:
        for i, a in enumerate(articles):
            for b in articles[i + 1 :]:
                finding = _pair(a, b, Severity.WARNING if i else Severity.ERROR)
                alive.append(weakref.ref(finding))
                yield finding

    (finding,) = consolidate(pairs(), articles)
    gc.collect()
    assert len(alive) == finding.pair_count == 300 * 299 // 2
    assert sum(ref() is not None for ref in alive) == MAX_PAIRS
    assert finding.pairs == tuple(_pair(articles[0], b) for b in articles[1 : MAX_PAIRS + 1])
    assert finding.severity is Severity.ERROR and len(finding.values) == 300
