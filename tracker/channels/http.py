"""Channels that POST to a webhook, and the one place that decides what an answer means.

Each service declares how it answers (Alertmanager's ``Retrier{RetryCodes}.Check`` habit):
``statuses`` says which HTTP statuses confirm delivery and which are worth retrying, ``codes``
(WeCom, DingTalk, Feishu/Lark, which answer HTTP 200 even when they reject a message) which
error codes in the body are retryable. :meth:`HttpChannel.check` applies both, so a service
module holds its rules as data and no copy of the classification.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

import requests
import urllib3

from tracker import __version__
from tracker.channels.base import Channel
from tracker.channels.parts import Part, encode_body


class Verdict(StrEnum):
    """What an answer means for the part that was posted."""

    SENT = "sent"
    RETRY = "retry"  # the same part may succeed later
    PERMANENT = "permanent"  # the message or the configuration is at fault: do not retry


# 429 and every server error; HTTP statuses have three digits.
RETRY_STATUSES = frozenset({429, *range(500, 1000)})


@dataclass(frozen=True)
class StatusRules:
    """What each HTTP status means: ``sent`` confirm delivery, ``retry`` are transient, any
    other status (3xx included: redirects are not followed) is permanent. ``hints`` are added
    to a permanent error's message."""

    sent: frozenset[int] = frozenset(range(200, 300))
    retry: frozenset[int] = RETRY_STATUSES
    hints: Mapping[int, str] = field(default_factory=dict)

    def check(self, status: int) -> Verdict:
        if status in self.sent:
            return Verdict.SENT
        return Verdict.RETRY if status in self.retry else Verdict.PERMANENT


@dataclass(frozen=True)
class CodeRules:
    """The error codes a service answers in its JSON body; code 0 means sent.

    ``fields``/``messages`` name where the code and its message are (the first present wins;
    the first field also names the code in error messages). ``retry`` maps each retryable code
    to the seconds the service needs (``None``: ordinary backoff); a code in
    ``retry_if_message`` is retryable only when its message contains that word. Every other
    code is permanent.
    """

    fields: tuple[str, ...]
    messages: tuple[str, ...]
    retry: Mapping[int, float | None]
    retry_if_message: Mapping[int, str] = field(default_factory=dict)
    # Feishu: a code in the body outranks the HTTP status, which only makes a failure retryable.
    decides_over_status: bool = False
    # Feishu: retries wait as the Retry-After header says instead of the ``retry`` table.
    waits_from_header: bool = False

    def present(self, answer: Mapping[str, Any]) -> bool:
        return any(name in answer for name in self.fields)

    def code(self, answer: Mapping[str, Any]) -> Any:
        return next((answer[name] for name in self.fields if name in answer), None)

    def message(self, answer: Mapping[str, Any]) -> Any:
        return next((answer[name] for name in self.messages if name in answer), "")

    def check(self, code: Any, message: str) -> Verdict:
        if code == 0:
            return Verdict.SENT
        if code in self.retry:
            return Verdict.RETRY
        word = self.retry_if_message.get(code)
        if word is not None and word in message.lower():
            return Verdict.RETRY
        return Verdict.PERMANENT


class HttpChannel(Channel):
    """A channel that POSTs JSON to ``config.url`` with ``requests``.

    Subclasses declare ``statuses`` and, for services that answer errors inside an HTTP 200,
    ``codes``; the default ``post`` sends ``request_body(payload)`` to ``request_url()`` once
    and lets :meth:`check` judge the answer. Signing services override those two hooks.
    """

    statuses: ClassVar[StatusRules] = StatusRules()
    codes: ClassVar[CodeRules | None] = None

    @property
    def session(self) -> requests.Session:
        """The session given at construction (shared connection pool), else one of its own."""
        if self._session is None:
            self._session = requests.Session()
        return self._session

    def headers(self) -> dict[str, str]:
        return {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"target-tracker/{__version__}",
        }

    def request_url(self) -> str:
        """Where this attempt posts (signing services add a fresh signature)."""
        return self.url

    def request_body(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The body this attempt posts (signing services add a fresh signature)."""
        return payload

    def post(self, part: Part, key: str) -> None:
        body = encode_body(self.request_body(part.payload))
        self.check(self.http_post(body, url=self.request_url()))

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
        except requests.ConnectTimeout:
            failure = f"could not connect within {self.config.timeout:g}s to {self.display_url}"
            raise self.error(failure, permanent=False) from None
        except requests.Timeout:
            # The body went out and no answer came: the service may have accepted the message.
            failure = f"no answer within {self.config.timeout:g}s from {self.display_url}"
            raise self.error(failure, permanent=False, uncertain=True) from None
        except requests.RequestException as exc:
            # str(exc) of requests embeds the full URL (key included): report the class only.
            failure = f"{type(exc).__name__} posting to {self.display_url}"
            raise self.error(failure, permanent=False, uncertain=maybe_sent(exc)) from None

    # -- judging the answer ------------------------------------------------------------------

    def check(self, response: requests.Response) -> None:
        """Raise a TransportError unless ``response`` confirms delivery, as declared."""
        codes = self.codes
        if codes is None:
            self.check_status(response)
            return
        answer = json_object(response)
        if answer is None or not (codes.decides_over_status and codes.present(answer)):
            self.check_status(response)
            if answer is None or not codes.present(answer):
                # Not the service speaking (a proxy page?), or an answer without its code:
                # the message was not confirmed, but nothing says it was refused either.
                raise self.error(
                    f"unexpected answer from {self.display_url}: {snippet(response)}",
                    permanent=False,
                )
        self.check_code(codes, answer, response)

    def check_status(self, response: requests.Response) -> None:
        """Raise unless ``statuses`` says the HTTP status confirms delivery."""
        verdict = self.statuses.check(response.status_code)
        if verdict is Verdict.SENT:
            return
        detail = self.describe(response, verdict)
        if verdict is Verdict.RETRY:
            raise self.error(detail, permanent=False, retry_after=self.wait(response))
        raise self.error(detail, permanent=True)

    def check_code(
        self, codes: CodeRules, answer: Mapping[str, Any], response: requests.Response
    ) -> None:
        """Raise unless the body's code is 0; ``codes`` says whether a retry may help."""
        code, message = codes.code(answer), codes.message(answer)
        verdict = codes.check(code, str(message))
        if verdict is Verdict.SENT:
            return
        if self.statuses.check(response.status_code) is Verdict.RETRY:
            verdict = Verdict.RETRY
        detail = f"{codes.fields[0]} {code}: {message}"
        if verdict is Verdict.PERMANENT:
            raise self.error(detail, permanent=True)
        wait = retry_after_header(response) if codes.waits_from_header else codes.retry.get(code)
        raise self.error(detail, permanent=False, retry_after=wait)

    def describe(self, response: requests.Response, verdict: Verdict) -> str:
        """What a failed status says; services whose error bodies say more override it."""
        detail = f"HTTP {response.status_code} from {self.display_url}: {snippet(response)}"
        hint = self.statuses.hints.get(response.status_code)
        return f"{detail} ({hint})" if hint and verdict is Verdict.PERMANENT else detail

    def wait(self, response: requests.Response) -> float | None:
        """Seconds to wait before retrying a retryable status: the ``Retry-After`` header."""
        return retry_after_header(response)


# Failures that happen before a single byte of the request reaches the service.
_BEFORE_SENDING: tuple[type[BaseException], ...] = (
    urllib3.exceptions.NewConnectionError,  # refused, unreachable, DNS (NameResolutionError)
    urllib3.exceptions.ConnectTimeoutError,
    urllib3.exceptions.SSLError,  # the handshake comes before the request
    urllib3.exceptions.ProxyError,
)


def maybe_sent(exc: requests.RequestException) -> bool:
    """Whether the request may have reached the service before ``exc`` (a connection dropped
    while the body was sent or the answer awaited): then the message may have been delivered.
    """
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.SSLError):
        return False
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return False
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, urllib3.exceptions.MaxRetryError) and cause.reason is not None:
            cause = cause.reason
            continue
        if isinstance(cause, _BEFORE_SENDING):
            return False
        nested = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        cause = nested or cause.__cause__ or cause.__context__
    return True


def json_object(response: requests.Response) -> dict[str, Any] | None:
    """The JSON object ``response`` carries, or ``None`` for anything else."""
    try:
        data = response.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


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
