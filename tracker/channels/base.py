"""What every delivery channel is: the Channel contract, its errors, retries and pacing.

A channel turns a :class:`~tracker.digest.document.DigestDocument` into one or more
:class:`~tracker.channels.parts.Part` bodies (``render``) and makes exactly one delivery attempt
of a part (``post``). Everything around that attempt lives here, once: retrying with backoff
within a time budget, pacing posts to the service's rate limit, and keeping webhook keys and
secrets out of logs and error messages.
"""

from __future__ import annotations

import hashlib
import logging
import random
from abc import ABC, abstractmethod
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from tracker.channels.pacing import (
    Clock,
    SystemClock,
    Window,
    pace_windows,
    pacer_for,
    reset_pacers,
)
from tracker.channels.parts import BodyBuilder, Part, body_size, split_document
from tracker.config.channels import ChannelConfig, ChannelType
from tracker.digest.document import DigestDocument
from tracker.secrets import MASK, mask_text, mask_url, url_secrets

if TYPE_CHECKING:
    import requests

log = logging.getLogger("tracker.channels")


class TransportError(Exception):
    """A failed delivery attempt.

    ``permanent`` errors (bad key, message rejected) must not be retried; others may be retried,
    no sooner than ``retry_after`` seconds when the service said so. ``uncertain``: the request
    may have reached the service (a read timeout, a connection dropped after the body was
    sent), so the message may have been delivered; :meth:`Channel.send` never retries it.
    The message never contains a secret or a webhook key: build it from :func:`mask_url` /
    ``Channel.display_url``.
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        uncertain: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.retry_after = retry_after
        self.uncertain = uncertain

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"TransportError({self.message!r}, permanent={self.permanent}, "
            f"retry_after={self.retry_after}, uncertain={self.uncertain})"
        )


class PaceGate(Protocol):
    """Where pacing is decided: in this process (the default) or across processes (the
    delivery ledger). ``acquire`` blocks until a post is allowed, records it and returns how
    long it waited."""

    def acquire(self, destination: str, windows: Sequence[Window], clock: Clock) -> float: ...


class Mention(StrEnum):
    """Where a channel puts the "@all" that ``mention_all`` asks for."""

    FIRST_PART = "first part"  # inside the first part's body only
    OWN_MESSAGE = "own message"  # a separate short message (WeCom markdown cannot mention)
    NONE = "none"  # the service has no such mention: ``mention_all`` is ignored


class Channel(ABC):
    """Base of all delivery channels.

    Subclasses set ``type_name``, ``max_bytes`` (service limit in UTF-8 bytes of the serialised
    body, margin included; ``None`` = unlimited), pacing (``per_minute``, ``per_second``) and
    ``mention``, and implement ``render`` (usually ``self.split(doc, self.body)``) and ``post``
    (one attempt that raises :class:`TransportError`). ``send`` adds retries and pacing.
    ``url_template`` shows where the service's credential sits in its URL (``{token}``, Apprise's
    habit); :func:`tracker.secrets.mask_url` must hide it, which the channel contract test checks.
    """

    type_name: ClassVar[ChannelType]
    url_template: ClassVar[str | None] = None
    mention: ClassVar[Mention] = Mention.NONE
    max_bytes: int | None = None
    per_minute: int | None = None
    per_second: int | None = None

    max_attempts: ClassVar[int] = 5
    backoff_base: ClassVar[float] = 1.0
    backoff_cap: ClassVar[float] = 30.0

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
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.rng = rng if rng is not None else random.Random()
        # The requests session HTTP channels post with (see HttpChannel.session).
        self._session = session
        # Pacing in this process unless the delivery loop shares it across processes.
        self.pace_gate: PaceGate | None = None
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
        return mask_text(text)  # and what no config knows: DingTalk's per-request sign

    def error(
        self,
        detail: str,
        *,
        permanent: bool,
        retry_after: float | None = None,
        uncertain: bool = False,
    ) -> TransportError:
        """A TransportError naming this channel, with ``detail`` scrubbed and shortened."""
        detail = self.scrub(detail)
        if len(detail) > 300:
            detail = detail[:300] + "…"
        return TransportError(
            f"{self.name} ({self.type_name}): {detail}",
            permanent=permanent,
            retry_after=retry_after,
            uncertain=uncertain,
        )

    # -- splitting ---------------------------------------------------------------------------

    def fits(self, body: dict[str, Any]) -> bool:
        """Whether ``body`` is within the service's limits; services add count limits."""
        return self.max_bytes is None or body_size(body) <= self.max_bytes

    def split(self, doc: DigestDocument, build: BodyBuilder) -> list[Part]:
        """Split ``doc`` into as few bodies as fit (see :func:`~.parts.split_document`).

        ``build(title, sections, mention)`` makes a body; ``mention`` is true for the first part
        when ``mention_all`` is set and the service mentions in the first part's body.
        """
        mention = self.config.mention_all and self.mention is Mention.FIRST_PART
        return split_document(doc, build, self.fits, mention=mention)

    # -- delivery ----------------------------------------------------------------------------

    def pace_key(self) -> str:
        # Hashed so the registry holds no webhook keys; per destination, not per Channel object.
        target = self.config.url or self.config.path or f"{self.type_name}:{self.name}"
        return hashlib.sha256(target.encode()).hexdigest()

    def pace(self) -> None:
        """Wait until posting keeps this destination within its rate limits."""
        windows = pace_windows(self.per_minute, self.per_second)
        if not windows:
            return
        if self.pace_gate is not None:
            waited = self.pace_gate.acquire(self.pace_key(), windows, self.clock)
        else:
            waited = pacer_for(self.pace_key()).acquire(windows, self.clock)
        if waited:
            log.debug("%s: paced %.1fs before posting to %s", self.name, waited, self.display_url)

    @classmethod
    def reset_pacing(cls) -> None:
        """Forget all recorded posts (tests; a fresh process starts empty anyway)."""
        reset_pacers()

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        """Full-jitter exponential backoff, never sooner than the service's ``retry_after``."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        delay = self.rng.uniform(0, ceiling)
        return max(delay, retry_after) if retry_after is not None else delay

    def try_once(self, part: Part, key: str) -> TransportError | None:
        """One ``post``; its failure (rebuilt scrubbed) or ``None`` when it was delivered."""
        try:
            self.post(part, key)
        except TransportError as exc:
            # Rebuilt without the original as context: tracebacks must not carry secrets.
            return TransportError(
                self.scrub(exc.message),
                permanent=exc.permanent,
                retry_after=exc.retry_after,
                uncertain=exc.uncertain,
            )
        return None

    def send(
        self,
        part: Part,
        key: str,
        *,
        deadline_seconds: float = 60,
        attempts: int | None = None,
    ) -> None:
        """Deliver ``part``, retrying transient failures within ``deadline_seconds``.

        Raises the last :class:`TransportError`: permanent and uncertain ones at once (an
        uncertain attempt may have delivered the message: whether to post it again is the
        caller's decision), transient ones when the next wait would exceed the budget or
        ``attempts`` (default ``max_attempts``) is reached; the caller may schedule a later
        retry, honouring its ``retry_after``.
        """
        most = attempts if attempts is not None else self.max_attempts
        self.pace()
        start = self.clock.monotonic()
        attempt = 0
        while True:
            attempt += 1
            failure = self.try_once(part, key)
            if failure is None:  # the delivery loop logs the outcome once, with the ledger key
                log.debug(
                    "%s: sent %s %d/%d (%s) to %s",
                    self.name, part.kind, part.number, part.total, key, self.display_url,
                )  # fmt: skip
                return
            if failure.permanent or failure.uncertain:
                log.debug("%s: giving up on %s: %s", self.name, key, failure)
                raise failure
            delay = self.backoff(attempt, failure.retry_after)
            elapsed = self.clock.monotonic() - start
            if attempt >= most or elapsed + delay > deadline_seconds:
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
