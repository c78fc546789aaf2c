"""Feeds over real HTTP (pytest-httpserver): conditional requests, size and time limits."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.config.project import Project, load_project
from tracker.ingest.feeds import fetch_feeds
from tracker.store.database import Store

CSV = "goal,period,value,published\ndemo-2025-gdp,2025-03,5.8,2025-04-20\n"
JSON = '[{"goal": "demo-2025-gdp", "period": "2025-06", "value": 6.1}]'


@pytest.fixture
def with_feeds(project_dir: Path) -> Callable[..., Project]:
    """Write feeds: into config/tracker.yaml and reload the project."""

    def configure(*urls: str, extra: str = "") -> Project:
        lines = "".join(f"  - url: {url}\n{extra}" for url in urls)
        (project_dir / "config" / "tracker.yaml").write_text(f"feeds:\n{lines}", "utf-8")
        return load_project(project_dir / "config")

    return configure


def test_a_csv_feed_is_imported(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    httpserver.expect_request("/figures.csv").respond_with_data(CSV, content_type="text/csv")
    [result] = fetch_feeds(with_feeds(httpserver.url_for("/figures.csv")), store)
    assert (result.status, result.summary.added) == ("imported", 1)
    assert store.figures()[0].origin == httpserver.url_for("/figures.csv")


def test_a_json_feed_is_imported(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    httpserver.expect_request("/f").respond_with_data(JSON, content_type="application/json")
    [result] = fetch_feeds(with_feeds(httpserver.url_for("/f")), store)
    assert (result.status, store.count_figures()) == ("imported", 1)


def test_an_unchanged_feed_answers_304_and_imports_nothing(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    project = with_feeds(httpserver.url_for("/f.csv"))
    httpserver.expect_ordered_request("/f.csv").respond_with_data(CSV, headers={"ETag": '"v1"'})
    httpserver.expect_ordered_request(
        "/f.csv", headers={"If-None-Match": '"v1"'}
    ).respond_with_data("", status=304)
    fetch_feeds(project, store)
    [again] = fetch_feeds(project, store)
    assert (again.status, store.count_figures()) == ("not_modified", 1)
    assert store.feed_state(httpserver.url_for("/f.csv")).etag == '"v1"'  # type: ignore[union-attr]


def test_last_modified_is_sent_back_as_if_modified_since(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    stamp = "Mon, 20 Oct 2025 08:00:00 GMT"
    project = with_feeds(httpserver.url_for("/f.csv"))
    httpserver.expect_ordered_request("/f.csv").respond_with_data(
        CSV, headers={"Last-Modified": stamp}
    )
    httpserver.expect_ordered_request(
        "/f.csv", headers={"If-Modified-Since": stamp}
    ).respond_with_data("", status=304)
    fetch_feeds(project, store)
    assert fetch_feeds(project, store)[0].status == "not_modified"


def test_the_same_content_without_validators_is_recognised_by_hash(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    httpserver.expect_request("/f.csv").respond_with_data(CSV)
    project = with_feeds(httpserver.url_for("/f.csv"))
    fetch_feeds(project, store)
    assert fetch_feeds(project, store)[0].status == "unchanged"


def test_an_oversize_feed_is_refused(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    httpserver.expect_request("/big.csv").respond_with_data(CSV + "#" * 500)
    project = with_feeds(httpserver.url_for("/big.csv"), extra="    max_bytes: 200\n")
    [result] = fetch_feeds(project, store)
    assert (result.status, store.count_figures()) == ("error", 0)
    assert "too large" in result.message


def test_a_slow_feed_times_out(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(CSV)

    httpserver.expect_request("/slow.csv").respond_with_handler(slow)
    project = with_feeds(httpserver.url_for("/slow.csv"), extra="    timeout: 0.2\n")
    [result] = fetch_feeds(project, store)
    assert (result.status, result.message) == ("error", "timed out after 0.2s")


def test_an_http_error_is_reported(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    httpserver.expect_request("/gone.csv").respond_with_data("", status=404)
    [result] = fetch_feeds(with_feeds(httpserver.url_for("/gone.csv")), store)
    assert (result.status, result.message) == ("error", "HTTP 404 NOT FOUND")


def test_a_feed_with_a_bad_row_imports_nothing_and_is_retried(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    url = httpserver.url_for("/bad.csv")
    httpserver.expect_request("/bad.csv").respond_with_data(
        CSV + "demo-2025-gdp,2025-06,lots,\n", headers={"ETag": '"v1"'}
    )
    [result] = fetch_feeds(with_feeds(url), store)
    assert (result.status, store.count_figures()) == ("invalid", 0)
    assert str(result.problems[0]) == f"{url}:3: value: expected a number, got 'lots'"
    assert store.feed_state(url).etag is None  # type: ignore[union-attr]


def test_fetch_command_exits_1_when_a_feed_fails(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], cli: Callable[..., Result]
) -> None:
    httpserver.expect_request("/gone.csv").respond_with_data("", status=500)
    with_feeds(httpserver.url_for("/gone.csv"))
    result = cli("figures", "fetch")
    assert result.exit_code == 1 and "error: HTTP 500" in result.stderr


def test_fetch_command_without_feeds_says_so(cli: Callable[..., Result], project_dir: Path) -> None:
    result = cli("figures", "fetch")
    assert result.exit_code == 0 and "no feeds configured" in result.stdout


def test_a_trickling_feed_is_cut_off_at_the_total_timeout(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], store: Store
) -> None:
    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for line in [CSV] + ["# still here\n"] * 10:
                time.sleep(0.1)
                yield line.encode()

        return Response(body(), content_type="text/csv")

    httpserver.expect_request("/trickle.csv").respond_with_handler(trickle)
    project = with_feeds(httpserver.url_for("/trickle.csv"), extra="    timeout: 0.45\n")
    [result] = fetch_feeds(project, store)
    assert (result.status, store.count_figures()) == ("error", 0)


def test_a_token_in_the_feed_url_is_never_printed_or_stored(
    httpserver: HTTPServer, with_feeds: Callable[..., Project], cli: Callable[..., Result]
) -> None:
    httpserver.expect_request("/f.csv").respond_with_data(
        CSV + "demo-2025-gdp,2025-06,6.0,2025-07-20\n", content_type="text/csv"
    )
    with_feeds(httpserver.url_for("/f.csv") + "?access_token=S3CRET&ApiKey=K3Y")
    fetched = cli("figures", "fetch")
    listed = cli("figures", "list", "--json")
    assert "S3CRET" not in fetched.output + listed.output and "K3Y" not in fetched.output
    assert json.loads(listed.stdout)[0]["origin"] == httpserver.url_for(
        "/f.csv?access_token=***&ApiKey=***"
    )


def test_a_token_in_the_feed_url_is_masked_in_fetch_errors(
    with_feeds: Callable[..., Project], store: Store
) -> None:
    project = with_feeds("http://127.0.0.1:9/figs.json?access_token=S3CRET")  # nothing listens
    [result] = fetch_feeds(project, store)
    assert result.status == "error" and "cannot fetch" in result.message
    assert "S3CRET" not in result.message + result.describe()
    assert "access_token=***" in result.describe()


def test_an_unreachable_feed_gets_a_short_reason(
    with_feeds: Callable[..., Project], store: Store
) -> None:
    project = with_feeds("http://127.0.0.1:9/figs.json")  # nothing listens on the discard port
    [result] = fetch_feeds(project, store)
    assert result.message == "cannot fetch: cannot connect (refused, unreachable or DNS failure)"
