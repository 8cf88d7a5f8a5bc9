"""The HTML report: self-contained, cross-linked, and inert in a real browser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from factcheck.render import RenderOptions, render_text
from factcheck.render.html import CSP
from tests import browser
from tests.render_fixtures import hostile_report, small_report

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def _html(make=small_report, **options) -> str:
    return render_text(make(), "html", RenderOptions(**options))


def test_page_is_self_contained_with_a_strict_csp() -> None:
    page = _html()
    assert f'content="{CSP}"' in page and "default-src 'none'" in CSP
    assert not re.search(r'(src|href)="(https?:)?//', page)  # no external resource or link
    assert "<link" not in page


def test_every_internal_link_has_a_target() -> None:
    page = _html(verbose=True)
    targets = set(re.findall(r'id="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links and links <= targets


def test_each_side_of_a_finding_links_to_the_other_side() -> None:
    page = _html()
    # F1's evidence in Le Monde links to its AFP side and back.
    assert re.search(r'<mark class="sev-error"[^>]*><a href="#ev-F1-1">60\.000 euros</a>', page)
    assert re.search(r'<mark class="sev-error"[^>]*><a href="#ev-F1-0">45 000 euros</a>', page)
    assert page.count('id="ev-F1-0"') == 1 and page.count('id="ev-F1-1"') == 1


def test_findings_are_listed_most_severe_first_with_their_severity() -> None:
    page = _html()
    order = re.findall(r'<section class="finding sev-(\w+)" id="finding-(\w+)"', page)
    assert order == [("error", "F1"), ("warning", "F2"), ("info", "F3")]


def _chromium_or_skip() -> None:
    if browser.chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (.ci/run installs the Debian package)")
        pytest.skip("chromium not installed (apt-get install -y chromium); CI installs it")


_SHOWN = (
    "[...document.querySelectorAll('.finding')]"
    ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.id.slice(8))"
)


@pytest.mark.slow
def test_hostile_report_in_headless_chromium(tmp_path: Path) -> None:
    _chromium_or_skip()
    page = tmp_path / "hostile.html"
    page.write_text(_html(hostile_report, verbose=True), encoding="utf-8")
    with browser.DevTools(page) as tab:
        assert tab.evaluate("document.documentElement.dataset.js") == "ready"  # ours ran
        assert tab.evaluate("document.title") == "factcheck report"  # the injected one did not
        assert tab.evaluate("document.body.dataset.pwned") is None  # nor the onerror handler
        assert tab.evaluate("document.scripts.length") == 1
        assert tab.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
        assert tab.evaluate(_SHOWN) == ["F1", "F2"]
        text = tab.evaluate("document.getElementById('finding-F1').innerText")
        assert "<script>document.title='PWNED'</script>" in text and "\\u202e" in text
        assert tab.messages == []  # no error, no CSP violation, no failed request


@pytest.mark.slow
def test_severity_filters_hide_and_show_findings_in_chromium(tmp_path: Path) -> None:
    _chromium_or_skip()
    page = tmp_path / "small.html"
    page.write_text(_html(), encoding="utf-8")
    with browser.DevTools(page) as tab:
        assert tab.evaluate(_SHOWN) == ["F1", "F2", "F3"]
        toggle = "document.querySelector('#filters input[value={}]').click()"
        tab.evaluate(toggle.format("error"))
        assert tab.evaluate(_SHOWN) == ["F2", "F3"]
        tab.evaluate(toggle.format("info"))
        assert tab.evaluate(_SHOWN) == ["F2"]
        tab.evaluate(toggle.format("error"))
        assert tab.evaluate(_SHOWN) == ["F1", "F2"]
        assert tab.messages == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "page", sorted(REPORTS.glob("*.html")) or [None], ids=lambda p: p.name if p else "none"
)
def test_committed_html_reports_load_cleanly_in_chromium(page: Path | None, tmp_path: Path) -> None:
    if page is None:
        pytest.skip("no HTML report under reports/ yet")
    _chromium_or_skip()
    dom, console = browser.load(page)
    assert console == []
    assert 'data-js="ready"' in dom and "<h2>Findings</h2>" in dom
    shot = tmp_path / "page.png"
    browser.screenshot(page, shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
