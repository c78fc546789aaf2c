"""Feeds: figure files (CSV, JSON or YAML) fetched over HTTP and imported like local files.

Each fetch is conditional (If-None-Match / If-Modified-Since from the last response), bounded
in time and size, and compared by content hash, so an unchanged feed costs one small request
and writes nothing but its fetch time. A feed body is validated whole: one bad row and nothing
from it is imported (the validators are not saved, so the next fetch tries again).

A feed URL may carry a credential (``?access_token=...``): it is masked (:func:`mask_url`)
in everything shown, logged or stored as a figure's origin; only the request uses it whole.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import requests
from requests.structures import CaseInsensitiveDict

from tracker import __version__
from tracker.config.settings import FeedConfig
from tracker.domain.figures import WriteSummary
from tracker.ingest.importer import goal_index
from tracker.ingest.readers import read_rows
from tracker.ingest.rows import FileProblem, RowProblem
from tracker.ingest.validate import validate_rows
from tracker.secrets import mask_url
from tracker.store.feeds import Validators

if TYPE_CHECKING:
    from tracker.config.project import Project
    from tracker.store import Store

FeedStatus = Literal["imported", "unchanged", "not_modified", "invalid", "error"]
USER_AGENT = f"target-tracker/{__version__}"
ACCEPT = "text/csv, application/json, application/yaml;q=0.9, text/plain;q=0.5, */*;q=0.1"
_CHUNK = 64 * 1024
_URLISH = re.compile(r"[^\s\"'<>()]*[/?][^\s\"'<>()]*")


@dataclass(frozen=True)
class FeedResult:
    """What one fetch did. ``ok`` is False for invalid bodies and fetch errors."""

    url: str  # masked: safe to print
    name: str | None
    status: FeedStatus
    summary: WriteSummary = field(default_factory=WriteSummary)
    problems: tuple[RowProblem, ...] = ()
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status not in ("invalid", "error")

    def describe(self) -> str:
        label = self.name or self.url
        if self.status == "imported":
            s = self.summary
            return (
                f"{label}: imported ({s.added} new, {s.revised} revised, {s.unchanged} unchanged)"
            )
        if self.status == "not_modified":
            return f"{label}: not modified (304)"
        if self.status == "unchanged":
            return f"{label}: unchanged (same content)"
        if self.status == "invalid":
            return f"{label}: nothing imported ({len(self.problems)} problem(s))"
        return f"{label}: error: {self.message}"


class FeedError(Exception):
    """The feed could not be fetched (network, HTTP status, timeout, size)."""


def fetch_feeds(
    project: Project, store: Store, session: requests.Session | None = None
) -> list[FeedResult]:
    """Fetch every feed in ``settings.feeds`` now and import what changed."""
    own = session is None
    http = session if session is not None else requests.Session()
    try:
        return [fetch_feed(project, store, feed, http) for feed in project.settings.feeds]
    finally:
        if own:
            http.close()


def _scrub(text: str, url: str) -> str:
    """``text`` (an exception message) with ``url`` and any URL or path in it masked."""
    text = text.replace(url, mask_url(url))
    return _URLISH.sub(lambda m: mask_url(m.group()), text)


def fetch_feed(
    project: Project, store: Store, feed: FeedConfig, session: requests.Session
) -> FeedResult:
    """Fetch one feed conditionally; import its body in one transaction when it changed."""
    shown = mask_url(feed.url)  # for messages, logs and figure origins
    state = store.feed_state(feed.url)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        status_code, body, response_headers = _download(session, feed, headers)
    except FeedError as exc:
        return _failed(store, feed, "error", str(exc))
    if status_code == 304:
        with store.begin() as conn:
            store.save_feed_state(conn, feed.url, status="not_modified")
        return FeedResult(shown, feed.name, "not_modified")
    digest = hashlib.sha256(body).hexdigest()
    seen = Validators(response_headers.get("ETag"), response_headers.get("Last-Modified"), digest)
    if state is not None and state.sha256 == digest:
        with store.begin() as conn:
            store.save_feed_state(conn, feed.url, status="unchanged", validators=seen)
        return FeedResult(shown, feed.name, "unchanged")
    content_type = response_headers.get("Content-Type")
    try:
        rows = read_rows(body, shown, feed.format, content_type)
    except FileProblem as exc:
        return _failed(store, feed, "invalid", "", tuple(exc.problems))
    figures, problems = validate_rows(rows, goal_index(project), shown, project.settings.today())
    if problems:
        return _failed(store, feed, "invalid", "", tuple(problems))
    with store.begin() as conn:
        summary = store.add_figures(conn, figures, origin=shown)
        store.save_feed_state(conn, feed.url, status="imported", validators=seen)
    return FeedResult(shown, feed.name, "imported", summary)


def _why(exc: requests.RequestException) -> str:
    """A short reason instead of urllib3's nested repr (which also repeats the URL)."""
    if isinstance(exc, requests.exceptions.SSLError):  # a ConnectionError too: ask first
        return "TLS error"
    if isinstance(exc, requests.ConnectionError):
        return "cannot connect (refused, unreachable or DNS failure)"
    return type(exc).__name__


def _failed(
    store: Store,
    feed: FeedConfig,
    status: FeedStatus,
    message: str,
    problems: tuple[RowProblem, ...] = (),
) -> FeedResult:
    """Record the failure but keep the old validators, so the next fetch downloads again."""
    message = _scrub(message, feed.url)
    recorded = f"error: {message}" if status == "error" else status
    with store.begin() as conn:
        store.save_feed_state(conn, feed.url, status=recorded)
    return FeedResult(mask_url(feed.url), feed.name, status, problems=problems, message=message)


def _download(
    session: requests.Session, feed: FeedConfig, headers: dict[str, str]
) -> tuple[int, bytes, CaseInsensitiveDict[str]]:
    """(status, body, headers) of a GET bounded by ``feed.timeout`` and ``feed.max_bytes``."""
    deadline = time.monotonic() + feed.timeout
    try:
        response = session.get(feed.url, headers=headers, timeout=feed.timeout, stream=True)
    except requests.Timeout:
        raise FeedError(f"timed out after {feed.timeout:g}s") from None
    except requests.RequestException as exc:
        raise FeedError(f"cannot fetch: {_why(exc)}") from None
    with response:
        if response.status_code == 304:
            return 304, b"", response.headers
        if response.status_code != 200:
            raise FeedError(f"HTTP {response.status_code} {response.reason or ''}".rstrip())
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > feed.max_bytes:
            raise FeedError(f"too large: {length} bytes (max_bytes {feed.max_bytes})")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > feed.max_bytes:
                    raise FeedError(f"too large: over {feed.max_bytes} bytes (max_bytes)")
                if time.monotonic() > deadline:
                    raise FeedError(f"timed out after {feed.timeout:g}s")
                chunks.append(chunk)
        except requests.Timeout:
            raise FeedError(f"timed out after {feed.timeout:g}s") from None
        except requests.RequestException as exc:
            raise FeedError(f"cannot fetch: {_why(exc)}") from None
        return 200, b"".join(chunks), response.headers
