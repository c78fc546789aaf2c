"""The report of the shipped config in headless Chromium: loads cleanly, shows everything.

Renders config/ with the example figures (examples/figures-2025.csv) in a temporary store,
then drives Debian's ``chromium`` from the command line: ``--dump-dom`` for the DOM after the
page's script ran, ``--enable-logging=stderr`` for console errors, ``--screenshot`` for a
picture. Skips where no Chromium is installed (CI installs it, with fonts-noto-cjk).
``REPORT_SCREENSHOT=docs/report.png`` keeps the screenshot (the first entity's page).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.config.project import load_project
from tracker.digest.reach import entity_page

pytestmark = pytest.mark.browser

AS_OF = "2025-10-31"
TIMEOUT = 120
CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
        if (found := shutil.which(name))
    ),
    None,
)
# Console output of the page itself; Chromium's own start-up noise (dbus, GPU) is not.
CONSOLE = re.compile(r":CONSOLE[(:]|Uncaught|net::ERR_")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, shipped_copy: Path) -> Path:
    """The shipped config's report as of 2025-10-31, example figures in a temporary store."""
    if CHROMIUM is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium fonts-noto-cjk)")
    work = tmp_path_factory.mktemp("report")
    config = shipped_copy / "config"
    env = {"TRACKER_DATABASE": str(work / "tracker.db"), "TRACKER_CONFIG": str(config)}
    runner = CliRunner()
    imported = runner.invoke(
        main, ["figures", "import", str(shipped_copy / "examples" / "figures-2025.csv")], env=env
    )
    assert imported.exit_code == 0, imported.output
    out = work / "site"
    made = runner.invoke(main, ["report", "--out", str(out), "--as-of", AS_OF], env=env)
    assert made.exit_code == 0, made.output
    return out


def chromium(page: Path, *args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def load(page: Path, profile: Path) -> str:
    """The DOM after load; fails on any console message or failed request of the page."""
    run = chromium(page, "--dump-dom", profile=profile)
    assert run.returncode == 0, run.stderr[-2000:]
    errors = [line for line in run.stderr.splitlines() if CONSOLE.search(line)]
    assert not errors, "\n".join(errors)
    return unescape(run.stdout)


def test_every_page_loads_cleanly_and_shows_every_entity_and_goal(
    site: Path, tmp_path: Path, shipped_copy: Path
) -> None:
    project = load_project(shipped_copy / "config", verify_quotes=False)
    index = load(site / "index.html", tmp_path / "profile")
    assert 'data-enhanced="sortable"' in index  # the sort script ran to its end
    pages = sorted(p for p in site.glob("*.html") if p.name != "index.html")
    entities = list(dict.fromkeys(goal.entity for goal in project.goals))
    assert len(pages) == len(entities)
    for entity in entities:
        assert f">{entity}</a>" in index, entity
    dom = index
    for shown in pages:
        dom += load(shown, tmp_path / "profile")
    for goal in project.goals:
        assert f'data-goal="{goal.id}"' in index and goal.indicator in index, goal.id
        assert f'id="chart-{goal.id}"' in dom and f'id="goal-{goal.id}"' in dom, goal.id


def test_screenshot(site: Path, tmp_path: Path, shipped_copy: Path) -> None:
    """The first entity's page (counts, goals table, charts): docs/report.png."""
    target = Path(os.environ.get("REPORT_SCREENSHOT") or tmp_path / "report.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    run = chromium(
        site
        / entity_page(load_project(shipped_copy / "config", verify_quotes=False).goals[0].entity),
        f"--screenshot={target.resolve()}",
        "--window-size=1280,2000",
        profile=tmp_path / "profile",
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
