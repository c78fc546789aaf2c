"""One masking implementation: credentials in URLs never reach logs, errors, status or digests.

Each channel's secret URL parts are recognised here (query keys, Feishu/Lark ``/hook/TOKEN``,
Discord ``/webhooks/ID/TOKEN``, Slack ``/services/...``, user info, long token-like segments), so
every place that shows a URL calls :func:`mask_url` and nothing else.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

MASK = "***"


# Query parameters whose value is a credential, compared in lower case (webhooks, figure feeds).
_SECRET_QUERY_KEYS = frozenset(
    {
        "key",
        "access_token",
        "token",
        "sig",
        "sign",
        "secret",
        "apikey",
        "api_key",
        "api-key",
        "auth",
        "password",
        "passwd",
        "signature",
        "ticket",
        "credential",
        "access_key",
    }
)
# A path segment of a service we have no rule for is shown only when it is an ordinary path
# word (or a file name): a generic webhook's token may be short or have no digits at all, and
# masking a harmless id now and then is cheaper than leaking a credential.
_WORDS_TEXT = """
    api apis open-apis rest hook hooks webhook webhooks web-hook send robot bot bots cgi-bin
    incoming notify notification notifications message messages msg chat chats event events
    callback callbacks receive receiver receivers post push in inbox workflows triggers
    trigger manual paths invoke alert alerts channel channels room rooms team teams json
    tracker digest digests figures feed feeds data stats statistics export exports download
    downloads files public static latest services hook-receiver endpoint endpoints
"""
_PATH_WORDS = frozenset(_WORDS_TEXT.split())
_VERSION = re.compile(r"v\d{1,2}(?:\.\d{1,2})?|\d{4}(?:-\d{2}){0,2}")
_FILE_NAME = re.compile(r"[\w.-]+\.(?:csv|tsv|txt|json|ya?ml|xml|html?|php|aspx?)", re.I)
_SHORT = 3  # no credential is this short; ids such as a workflow's 'abc' stay readable


def _ordinary(segment: str) -> bool:
    """True for a path segment that names a place rather than a credential."""
    return (
        not segment
        or len(segment) <= _SHORT
        or segment.lower() in _PATH_WORDS
        or bool(_VERSION.fullmatch(segment))
        or bool(_FILE_NAME.fullmatch(segment))
    )


def _mask_parts(url: str) -> tuple[str, list[str]]:
    """Return the masked URL and the credential substrings that were hidden."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return MASK, [url]
    hidden: list[str] = []

    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        hidden.append(userinfo)
        netloc = f"{MASK}@{host}"

    # A database or file URL's path is a place on disk, not a credential; a web path may be.
    web = parts.scheme.lower() in ("http", "https", "")
    segments = parts.path.split("/")
    masked: list[str] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        lower = seg.lower()
        masked.append(seg)
        if lower == "services" and i + 1 < len(segments):  # Slack: /services/T…/B…/secret
            hidden.extend(s for s in segments[i + 1 :] if s)
            masked.append(MASK)
            break
        if lower == "hook" and i + 1 < len(segments):  # Feishu/Lark: /bot/v2/hook/TOKEN
            hidden.extend(s for s in segments[i + 1 :] if s)
            masked.extend(MASK if s else s for s in segments[i + 1 :])
            break
        if lower == "webhooks" and i + 2 < len(segments):  # Discord: /webhooks/ID/TOKEN
            masked.append(segments[i + 1])  # the id alone is no credential and names the hook
            hidden.extend(s for s in segments[i + 2 :] if s)
            masked.extend(MASK if s else s for s in segments[i + 2 :])
            break
        if web and not _ordinary(seg):
            hidden.append(seg)
            masked[-1] = MASK
        i += 1

    query_items: list[str] = []
    for item in parts.query.split("&") if parts.query else []:
        name, sep, value = item.partition("=")
        if sep and value and unquote_plus(name).lower() in _SECRET_QUERY_KEYS:
            hidden.extend({value, unquote_plus(value)})
            item = f"{name}={MASK}"
        query_items.append(item)

    if not hidden and not web:
        return url, hidden  # urlunsplit would turn sqlite:////abs into sqlite://abs
    masked_url = urlunsplit((parts.scheme, netloc, "/".join(masked), "&".join(query_items), ""))
    return masked_url, hidden


def mask_url(url: str) -> str:
    """Hide the credentials in a webhook URL so it can be logged.

    Masks query values of ``key``, ``access_token``, ``token``, ``sig``, ``sign``, ``secret``,
    ``apikey``, ``api_key``, ``api-key``, ``auth``, ``password``, ``passwd``, ``signature``,
    ``ticket``, ``credential`` and ``access_key`` (in any case), the path tokens of Feishu/Lark
    (``/hook/TOKEN``), Discord (``/webhooks/ID/TOKEN``) and Slack (``/services/...``), user
    info, and every other path segment that is not an ordinary path word (``api``, ``send``,
    ``v2``, a file name) or at most three characters long: a generic webhook's token may be
    short or have no digits.

    >>> mask_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***'
    """
    return _mask_parts(url)[0]


_URLISH = re.compile(r"[^\s\"'<>]*[/?][^\s\"'<>]*")
# ``sign=...`` or ``access_token=...`` anywhere in text, not only inside a URL: DingTalk's
# per-request signature travels as ``timestamp=...&sign=...``.
_PAIR = re.compile(
    r"(?i)(?<![\w-])(" + "|".join(map(re.escape, sorted(_SECRET_QUERY_KEYS))) + r")=([^&\s\"'<>]+)"
)


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>]+")


def mask_text(text: str) -> str:
    """``text`` (a log line, an error) with every URL and ``secret=value`` masked."""
    text = _URL.sub(lambda m: mask_url(m.group()), text)
    return _PAIR.sub(lambda m: f"{m.group(1)}={MASK}", text)


class MaskingFilter(logging.Filter):
    """Masks webhook credentials in any URL, path or ``key=value`` inside a log record.

    Attached to urllib3's connection-pool logger, whose DEBUG lines carry the request path with
    its query (``/send?key=...``, ``&sign=...``); attach it to handlers too for belt and braces.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        # urllib3's lines carry request paths without the host: every path is masked here.
        masked = mask_text(_URLISH.sub(lambda m: mask_url(m.group()), message))
        if masked != message:
            record.msg, record.args = masked, None
        return True


logging.getLogger("urllib3.connectionpool").addFilter(MaskingFilter())


def url_secrets(url: str) -> list[str]:
    """The credential substrings of ``url`` (to scrub from text that may quote it)."""
    return _mask_parts(url)[1]
