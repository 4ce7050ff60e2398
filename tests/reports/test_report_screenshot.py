"""The HTML summary in a real browser: a headless Chromium renders it, and the screenshot
shows the executive summary's charts on the first screen, drawn to scale, with no script.

Skipped, with the reason, where no Chromium is installed (Debian: `apt-get install
chromium`; `.ci/run` installs it on CI).
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

import sanctions_tracker as st

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser installed (Debian: apt-get install chromium)",
)

BAR = (0x2F, 0x5D, 0x8A)  # the bars' colour in the page's CSS
WIDTH, HEIGHT = 1280, 1000  # a laptop's first screen


def _browser(tmp_path: Path, *args: str) -> None:
    """Run the headless browser once, with a profile of its own."""
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",  # the tests may run as root (CI does)
        "--disable-gpu",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Image.Image]:
    """The bundled steel summary as a page, and its first screen as the browser shows it."""
    folder = tmp_path_factory.mktemp("screenshot")
    html = folder / "steel.html"
    html.write_text(st.load().summary(sector="steel").to_html(), encoding="utf-8")
    png = folder / "steel.png"
    _browser(folder, f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={png}", html.as_uri())
    return html, Image.open(png).convert("RGB")


def _bar_runs(image: Image.Image, left: int, right: int) -> list[int]:
    """The length of the bar-coloured run of each row band of a horizontal bar chart
    drawn between x=left and x=right, top to bottom (one figure per bar)."""
    pixels = image.load()
    assert pixels is not None
    runs: list[int] = []
    previous = 0
    for y in range(image.height):
        run = sum(1 for x in range(left, right) if pixels[x, y] == BAR)
        if run and not previous:
            runs.append(run)
        elif run and previous:
            runs[-1] = max(runs[-1], run)
        previous = run
    return runs


def test_the_charts_are_on_the_first_screen(page: tuple[Path, Image.Image]) -> None:
    """Both charts are drawn in the first 1280x1000 pixels (left: per program; right:
    over time), from the page's inline SVG alone: it holds no script."""
    html, shot = page
    assert "<script" not in html.read_text(encoding="utf-8")
    assert shot.size == (WIDTH, HEIGHT)
    for half in ((0, 0, WIDTH // 2, HEIGHT), (WIDTH // 2, 0, WIDTH, HEIGHT)):
        colours = shot.crop(half).getcolors(WIDTH * HEIGHT) or []
        assert {colour: count for count, colour in colours}.get(BAR, 0) > 2_000


def test_the_bars_are_drawn_to_scale(page: tuple[Path, Image.Image]) -> None:
    """The program chart's bars, as the browser draws them, are as long as the number of
    designations each program lists in the steel sector (counted from the tracker)."""
    _, shot = page
    steel = st.load().designations(sector="steel")
    counts = sorted(Counter(p for d in steel for p in d.programs).values(), reverse=True)
    runs = _bar_runs(shot, 0, WIDTH // 2)
    assert len(runs) == len(counts)
    for run, count in zip(runs, counts, strict=True):
        assert run / runs[0] == pytest.approx(count / counts[0], abs=0.03)


def test_it_prints(page: tuple[Path, Image.Image], tmp_path: Path) -> None:
    """Printed to PDF by the browser, the page is a PDF of a few pages (A4 or Letter)."""
    html, _ = page
    pdf = tmp_path / "steel.pdf"
    _browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert 1 <= pages <= 12
