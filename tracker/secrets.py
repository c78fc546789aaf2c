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
# A long path segment mixing letters and digits is almost certainly a token; masking a harmless
# id now and then is cheaper than leaking a credential of a service we have no rule for.
_TOKEN_LIKE = re.compile(r"(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}")


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
        if _TOKEN_LIKE.fullmatch(seg):
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

    masked_url = urlunsplit((parts.scheme, netloc, "/".join(masked), "&".join(query_items), ""))
    return masked_url, hidden


def mask_url(url: str) -> str:
    """Hide the credentials in a webhook URL so it can be logged.

    Masks query values of ``key``, ``access_token``, ``token``, ``sig``, ``sign``, ``secret``,
    ``apikey``, ``api_key``, ``api-key``, ``auth``, ``password``, ``passwd``, ``signature``,
    ``ticket``, ``credential`` and ``access_key`` (in any case), the path tokens of Feishu/Lark
    (``/hook/TOKEN``), Discord (``/webhooks/ID/TOKEN``) and Slack (``/services/...``), user
    info, and any long letters-and-digits path segment.

    >>> mask_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***'
    """
    return _mask_parts(url)[0]


_URLISH = re.compile(r"[^\s\"'<>]*[/?][^\s\"'<>]*")


class MaskingFilter(logging.Filter):
    """Masks webhook credentials in any URL or path inside a log record's message.

    Attached to urllib3's connection-pool logger, whose DEBUG lines carry the request path with
    its query (``/send?key=...``); attach it to handlers too for belt and braces.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _URLISH.sub(lambda m: mask_url(m.group()), message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


logging.getLogger("urllib3.connectionpool").addFilter(MaskingFilter())


def url_secrets(url: str) -> list[str]:
    """The credential substrings of ``url`` (to scrub from text that may quote it)."""
    return _mask_parts(url)[1]
