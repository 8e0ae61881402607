"""The HTML reports open in a real browser (headless Chromium) and print to
PDF without a console message and with pages in it.

Skipped only when Chromium is absent and the CI variable is not set; in CI
(.ci/run installs Debian's `chromium`) a missing browser is a failure.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from tests.reportfixtures import TODAY, make_workspace

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CONSOLE = re.compile(r":CONSOLE[:(]\d*\)?\]?|Uncaught ")


def browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def chromium():
    found = browser()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium was found (.ci/run installs Debian's `chromium`)")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs this test")
    return found


def print_pdf(chromium: str, page: Path, tmp: Path) -> tuple[bytes, list[str]]:
    """Print `page` to PDF; returns the PDF bytes and the console lines logged."""
    pdf = tmp / (page.stem + ".pdf")
    profile = tmp / f"profile-{page.stem}"
    profile.mkdir()
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf}", page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LANG": "C.UTF-8"})
    console = [line for line in done.stderr.splitlines() if CONSOLE.search(line)]
    assert pdf.exists(), f"no PDF written (exit {done.returncode}):\n{done.stderr[-2000:]}"
    return pdf.read_bytes(), console


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def render(tmp: Path, *args) -> Path:
    data, catalog = make_workspace(tmp)
    out = tmp / f"{args[0]}-{'-'.join(str(a) for a in args[1:] if not str(a).startswith('-'))}.html"
    result = CliRunner().invoke(main, [args[0], "--data", str(data), "--catalog", str(catalog),
                                       "--person", "T01", "--today", TODAY, *map(str, args[1:]),
                                       "--format", "html", "--out", str(out), "--quiet"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.parametrize("args", [("audit", "--lang", "zh"), ("audit", "--lang", "en"),
                                  ("suggest", "--year", 2027, "--through", 2027)])
def test_report_prints_to_pdf_without_console_messages(chromium, tmp_path, args):
    page = render(tmp_path, *args)
    pdf, console = print_pdf(chromium, page, tmp_path)
    assert pdf.startswith(b"%PDF-")
    assert console == [], "console messages:\n" + "\n".join(console)
    assert pages(pdf) >= 2          # years break onto their own pages
    assert len(pdf) > 5000


def test_a_console_error_is_caught(chromium, tmp_path):
    """The console check can fail: a page that logs an error is reported."""
    page = tmp_path / "noisy.html"
    page.write_text('<!DOCTYPE html><html><body><p>x</p><script>console.error("boom")</script></body></html>',
                    encoding="utf-8")
    pdf, console = print_pdf(chromium, page, tmp_path)
    assert pdf.startswith(b"%PDF-")
    assert any('"boom"' in line for line in console)


def test_unit_report_prints_to_pdf(chromium, tmp_path):
    out = tmp_path / "unit.html"
    result = CliRunner().invoke(main, ["unit", "--unit", "U-HZ", "--year", "2027", "--today", TODAY,
                                       "--format", "html", "--out", str(out), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    pdf, console = print_pdf(chromium, out, tmp_path)
    assert console == [], "console messages:\n" + "\n".join(console)
    assert pages(pdf) >= 13          # the summary, then one page per person (12 in U-HZ)
