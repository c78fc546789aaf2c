"""What every delivery channel shares: parts, splitting, retries, pacing.

A channel turns a :class:`~tracker.digest.document.DigestDocument` into one or more
:class:`Part` bodies (``render``) and makes exactly one delivery attempt of a part (``post``).
Everything around that attempt lives here, once: retrying with backoff within a time budget,
pacing posts to the service's rate limit, and keeping webhook keys and secrets out of logs and
error messages.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import random
import re
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

import requests

from tracker import __version__
from tracker.config.channels import ChannelConfig
from tracker.digest.document import DigestDocument, Section
from tracker.secrets import MASK, mask_url, url_secrets

log = logging.getLogger("tracker.channels")


class TransportError(Exception):
    """A failed delivery attempt.

    ``permanent`` errors (bad key, message rejected) must not be retried; others may be retried,
    no sooner than ``retry_after`` seconds when the service said so. The message never contains
    a secret or a webhook key: build it from :func:`mask_url` / ``Channel.display_url``.
    """

    def __init__(
        self, message: str, *, permanent: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"TransportError({self.message!r}, permanent={self.permanent}, "
            f"retry_after={self.retry_after})"
        )


# --------------------------------------------------------------------------------------------
# Parts


@dataclass(frozen=True)
class Part:
    """One message to deliver: the unsigned body exactly as it will be posted.

    Parts are stored in the delivery ledger and re-sent verbatim later, so ``payload`` is plain
    JSON (it is normalised through ``json`` on creation) and ``to_json``/``from_json`` round-trip.
    ``number``/``total`` index all parts of a delivery, extra ``image`` parts included.
    """

    number: int
    total: int
    payload: dict[str, Any]
    kind: str = "message"
    preview: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.number <= self.total:
            raise ValueError(f"part number {self.number} is outside 1..{self.total}")
        # Normalising now (tuples -> lists, key order kept) guarantees that what the ledger reads
        # back is equal to what was rendered, and fails early on anything not JSON-serialisable.
        object.__setattr__(self, "payload", json.loads(json.dumps(self.payload)))

    def to_json(self) -> str:
        return json.dumps(
            {
                "number": self.number,
                "total": self.total,
                "kind": self.kind,
                "preview": self.preview,
                "payload": self.payload,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Part:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("payload"), dict):
            raise ValueError("not a serialised Part")
        return cls(
            number=int(data["number"]),
            total=int(data["total"]),
            payload=data["payload"],
            kind=str(data.get("kind", "message")),
            preview=str(data.get("preview", "")),
        )

    def with_position(self, number: int, total: int) -> Part:
        return Part(number, total, self.payload, self.kind, self.preview)


def encode_body(body: dict[str, Any]) -> bytes:
    """The bytes posted for ``body``; size limits are measured on exactly these bytes."""
    return json.dumps(body, ensure_ascii=False).encode()


def body_size(body: dict[str, Any]) -> int:
    return len(encode_body(body))


# --------------------------------------------------------------------------------------------
# Markdown helpers shared by services


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")


def flatten_tables(lines: Sequence[str]) -> list[str]:
    """Turn Markdown table rows into plain lines: none of the chat services renders tables."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if _TABLE_RULE.match(stripped):
                continue
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            out.append(" · ".join(c for c in cells if c))
        else:
            out.append(line)
    return out


def heading_to_bold(line: str, bold: str = "**") -> str:
    """``### Title`` -> ``**Title**`` for services whose markdown has no headings."""
    match = _HEADING.match(line)
    return f"{bold}{match.group(1)}{bold}" if match else line


def markdown_text(title: str, sections: Sequence[Section]) -> str:
    """Plain Markdown of a part: what ``digest show`` prints and the file channel writes."""
    return "\n\n".join([f"## {title}", *(s.markdown() for s in sections)])


def chunk_lines(lines: Sequence[str], limit: int, sep: str = "\n") -> list[str]:
    """Join lines into texts of at most ``limit`` characters, never breaking a line.

    A single line longer than ``limit`` becomes its own (oversized) chunk; the caller's size
    check then makes the splitter truncate it.
    """
    chunks: list[str] = []
    current = ""
    for line in lines:
        candidate = f"{current}{sep}{line}" if current else line
        if current and len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


# --------------------------------------------------------------------------------------------
# Clock and pacing


class Clock(Protocol):
    """Time source; tests inject a fake one so retries and pacing run without real waiting."""

    def monotonic(self) -> float: ...

    def time(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _Pacer:
    """Sliding-window limiter for one destination: at most ``limit`` posts per ``window`` s."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sent: deque[float] = deque()

    def acquire(self, windows: Sequence[tuple[int, float]], clock: Clock) -> float:
        """Block until a post is allowed, record it, and return how long we waited."""
        waited = 0.0
        horizon = max(window for _, window in windows)
        while True:
            with self._lock:
                now = clock.monotonic()
                while self._sent and self._sent[0] <= now - horizon:
                    self._sent.popleft()
                delay = 0.0
                for limit, window in windows:
                    recent = [t for t in self._sent if t > now - window]
                    if len(recent) >= limit:
                        # The window frees up when the oldest of the last `limit` posts expires.
                        delay = max(delay, recent[-limit] + window - now)
                if delay <= 0:
                    self._sent.append(now)
                    return waited
            # Sleep outside the lock so other threads can inspect the window meanwhile.
            clock.sleep(delay)
            waited += delay


# --------------------------------------------------------------------------------------------
# Channel


BodyBuilder = Callable[[str, Sequence[Section], bool], dict[str, Any]]


class Channel(ABC):
    """Base of all delivery channels.

    Subclasses set ``type_name``, ``max_bytes`` (service limit in UTF-8 bytes of the serialised
    body, margin included; ``None`` = unlimited) and pacing (``per_minute``, ``per_second``), and
    implement ``render`` (usually ``self.split(doc, self.body)``) and ``post`` (one attempt that
    raises :class:`TransportError`). ``send`` adds retries and pacing around ``post``.
    """

    type_name: ClassVar[str] = ""
    max_bytes: int | None = None
    per_minute: int | None = None
    per_second: int | None = None

    max_attempts: ClassVar[int] = 5
    backoff_base: ClassVar[float] = 1.0
    backoff_cap: ClassVar[float] = 30.0

    _pacers: ClassVar[dict[str, _Pacer]] = {}
    _pacers_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        name: str,
        config: ChannelConfig,
        session: requests.Session | None = None,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.name = name
        self.config = config
        self.session = session if session is not None else requests.Session()
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.rng = rng if rng is not None else random.Random()
        # Overrides may tighten a service's limits, never loosen them past what it accepts.
        if config.max_bytes is not None:
            limit = type(self).max_bytes
            self.max_bytes = config.max_bytes if limit is None else min(limit, config.max_bytes)
        if config.per_minute is not None:
            pace = type(self).per_minute
            self.per_minute = config.per_minute if pace is None else min(pace, config.per_minute)
        self._hidden = self._collect_secrets()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} {self.display_url}>"

    # -- abstract ------------------------------------------------------------------------------

    @abstractmethod
    def render(self, doc: DigestDocument) -> list[Part]:
        """Turn a digest into the parts to post, each within the service's limits."""

    @abstractmethod
    def post(self, part: Part, key: str) -> None:
        """Make one delivery attempt; raise :class:`TransportError` unless it surely succeeded.

        ``key`` is the stable delivery key ("digest/slot/channel/part"), identical on retries.
        Signatures and timestamps are computed here, afresh for every attempt.
        """

    # -- identity and secrets ----------------------------------------------------------------

    @property
    def url(self) -> str:
        if not self.config.url:
            raise TransportError(f"{self.name}: no url configured", permanent=True)
        return self.config.url

    @property
    def display_url(self) -> str:
        """Where this channel delivers, safe to log."""
        if self.config.url:
            return mask_url(self.config.url)
        return self.config.path or self.type_name

    @property
    def secret(self) -> str | None:
        return self.config.secret.get_secret_value() if self.config.secret else None

    def _collect_secrets(self) -> list[str]:
        hidden: list[str] = []
        if self.config.url:
            hidden.append(self.config.url)
            hidden.extend(url_secrets(self.config.url))
        if self.secret:
            hidden.append(self.secret)
        # Longest first so a token inside the full URL does not leave the URL half-replaced.
        return sorted({h for h in hidden if len(h) >= 4}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        """Remove this channel's url, tokens and secret from ``text`` (e.g. a server's errmsg)."""
        if self.config.url:
            text = text.replace(self.config.url, self.display_url)
        for hidden in self._hidden:
            text = text.replace(hidden, MASK)
        return text

    def error(
        self, detail: str, *, permanent: bool, retry_after: float | None = None
    ) -> TransportError:
        """A TransportError naming this channel, with ``detail`` scrubbed and shortened."""
        detail = self.scrub(detail)
        if len(detail) > 300:
            detail = detail[:300] + "…"
        return TransportError(
            f"{self.name} ({self.type_name}): {detail}",
            permanent=permanent,
            retry_after=retry_after,
        )

    # -- splitting ---------------------------------------------------------------------------

    def fits(self, body: dict[str, Any]) -> bool:
        """Whether ``body`` is within the service's limits; services add count limits."""
        return self.max_bytes is None or body_size(body) <= self.max_bytes

    def split(self, doc: DigestDocument, build: BodyBuilder) -> list[Part]:
        """Split ``doc`` into as few bodies as fit, numbering titles "(1/3)" when split.

        Splits at section boundaries; a section too large for a part of its own is split at line
        boundaries (continuing under its heading); a single line too large even alone is
        truncated with "…" as a last resort. ``build(title, sections, first)`` makes a body;
        ``first`` is true for the first part (mentions go there only).
        """
        if self.fits(build(doc.title, doc.sections, True)):
            groups: list[list[Section]] = [list(doc.sections)]
        else:
            groups = self._pack(doc, build)
        total = len(groups)
        parts: list[Part] = []
        for number, group in enumerate(groups, start=1):
            title = doc.title if total == 1 else f"{doc.title} ({number}/{total})"
            body = build(title, group, number == 1)
            parts.append(Part(number, total, body, preview=markdown_text(title, group)))
        return parts

    def _pack(self, doc: DigestDocument, build: BodyBuilder) -> list[list[Section]]:
        # Size every part with the widest numbering it could get so the final titles always fit.
        probe = f"{doc.title} (999/999)"

        def fits(sections: Sequence[Section]) -> bool:
            return self.fits(build(probe, sections, True))

        groups: list[list[Section]] = []
        current: list[Section] = []

        def flush() -> None:
            nonlocal current
            if current:
                groups.append(current)
            current = []

        for section in doc.sections:
            if fits([*current, section]):
                current.append(section)
                continue
            if fits([section]):
                flush()
                current = [section]
                continue
            # Oversized section: fill parts line by line, repeating its heading in each part.
            lines: list[str] = []
            for line in section.lines:
                if fits([*current, Section(section.heading, (*lines, line))]):
                    lines.append(line)
                    continue
                if lines:
                    current.append(Section(section.heading, tuple(lines)))
                flush()
                lines = [line]
                if not fits([Section(section.heading, (line,))]):
                    lines = [self._truncate(line, section.heading, fits)]
            if lines or not section.lines:
                current.append(Section(section.heading, tuple(lines)))
        flush()
        return groups or [[]]

    @staticmethod
    def _truncate(line: str, heading: str | None, fits: Callable[[Sequence[Section]], bool]) -> str:
        def ok(n: int) -> bool:
            return fits([Section(heading, (line[:n] + "…",))])

        if not ok(0):
            raise ValueError("max_bytes is too small to hold the title and a heading")
        low, high = 0, len(line)  # invariant: ok(low); the answer is < high
        while high - low > 1:
            mid = (low + high) // 2
            if ok(mid):
                low = mid
            else:
                high = mid
        cut = low
        # Do not leave half a link behind: cut before a link the limit would split.
        for match in _LINK.finditer(line):
            if match.start() < cut < match.end():
                cut = match.start()
                break
        return line[:cut].rstrip() + "…"

    # -- delivery ----------------------------------------------------------------------------

    def pace_windows(self) -> list[tuple[int, float]]:
        windows: list[tuple[int, float]] = []
        if self.per_minute:
            windows.append((self.per_minute, 60.0))
        if self.per_second:
            windows.append((self.per_second, 1.0))
        return windows

    def pace_key(self) -> str:
        # Hashed so the registry holds no webhook keys; per destination, not per Channel object.
        target = self.config.url or self.config.path or f"{self.type_name}:{self.name}"
        return hashlib.sha256(target.encode()).hexdigest()

    def pace(self) -> None:
        """Wait until posting keeps this destination within its rate limits."""
        windows = self.pace_windows()
        if not windows:
            return
        with Channel._pacers_lock:
            pacer = Channel._pacers.setdefault(self.pace_key(), _Pacer())
        waited = pacer.acquire(windows, self.clock)
        if waited:
            log.debug("%s: paced %.1fs before posting to %s", self.name, waited, self.display_url)

    @classmethod
    def reset_pacing(cls) -> None:
        """Forget all recorded posts (tests; a fresh process starts empty anyway)."""
        with Channel._pacers_lock:
            Channel._pacers.clear()

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        """Full-jitter exponential backoff, never sooner than the service's ``retry_after``."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        delay = self.rng.uniform(0, ceiling)
        return max(delay, retry_after) if retry_after is not None else delay

    def send(self, part: Part, key: str, *, deadline_seconds: float = 60) -> None:
        """Deliver ``part``, retrying transient failures within ``deadline_seconds``.

        Raises the last :class:`TransportError`: permanent ones at once, transient ones when
        the next wait would exceed the budget or ``max_attempts`` is reached (the caller may
        schedule a later retry, honouring its ``retry_after``).
        """
        self.pace()
        start = self.clock.monotonic()
        attempt = 0
        while True:
            attempt += 1
            failure: TransportError | None = None
            try:
                self.post(part, key)
            except TransportError as exc:
                # Rebuilt without the original as context: tracebacks must not carry secrets.
                failure = TransportError(
                    self.scrub(exc.message), permanent=exc.permanent, retry_after=exc.retry_after
                )
            if failure is None:  # the delivery loop logs the outcome once, with the ledger key
                log.debug(
                    "%s: sent %s %d/%d (%s) to %s",
                    self.name, part.kind, part.number, part.total, key, self.display_url,
                )  # fmt: skip
                return
            if failure.permanent:
                log.debug("%s: giving up on %s: %s", self.name, key, failure)
                raise failure
            delay = self.backoff(attempt, failure.retry_after)
            elapsed = self.clock.monotonic() - start
            if attempt >= self.max_attempts or elapsed + delay > deadline_seconds:
                log.debug(
                    "%s: %s still failing after %d attempt(s): %s", self.name, key, attempt, failure
                )
                raise failure
            log.warning(
                "%s: attempt %d for %s failed, retrying in %.1fs: %s",
                self.name, attempt, key, delay, failure,
            )  # fmt: skip
            self.clock.sleep(delay)
            self.pace()


class HttpChannel(Channel):
    """A channel that POSTs JSON to ``config.url`` with ``requests``."""

    def headers(self) -> dict[str, str]:
        return {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"target-tracker/{__version__}",
        }

    def http_post(
        self, data: bytes, *, url: str | None = None, headers: dict[str, str] | None = None
    ) -> requests.Response:
        """POST ``data`` once; network failures become transient TransportErrors."""
        try:
            return self.session.post(
                url or self.url,
                data=data,
                headers=headers or self.headers(),
                timeout=self.config.timeout,
                # A redirect would re-send the message elsewhere (or as a GET): treat as failure.
                allow_redirects=False,
            )
        except requests.Timeout:
            # The service may have accepted the message: a retry can post it twice (bounded).
            failure = f"timed out after {self.config.timeout:g}s posting to {self.display_url}"
        except requests.RequestException as exc:
            # str(exc) of requests embeds the full URL (key included): report the class only.
            failure = f"{type(exc).__name__} posting to {self.display_url}"
        raise self.error(failure, permanent=False)

    def check_status(self, response: requests.Response) -> None:
        """Raise for a non-2xx status: 429 and 5xx are transient, anything else permanent."""
        status = response.status_code
        if 200 <= status < 300:
            return
        detail = f"HTTP {status} from {self.display_url}: {snippet(response)}"
        if status == 429 or status >= 500:
            raise self.error(detail, permanent=False, retry_after=retry_after_header(response))
        raise self.error(detail, permanent=True)

    def json_answer(self, response: requests.Response) -> dict[str, Any]:
        """The JSON object a 2xx answer carries; anything else is a transient failure."""
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            # Not the service speaking (a proxy page?): the message was not confirmed.
            raise self.error(
                f"unexpected answer from {self.display_url}: {snippet(response)}", permanent=False
            )
        return data


def snippet(response: requests.Response, limit: int = 200) -> str:
    text = response.text.strip().replace("\n", " ")
    if not text:
        return response.reason or "(empty body)"
    return text[:limit] + ("…" if len(text) > limit else "")


def retry_after_header(response: requests.Response, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
