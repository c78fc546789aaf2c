"""User text and mentions inside a digest's Markdown, marked so each channel renders them its way.

Only the template's own text is live formatting. Every value a digest template prints is user
text (entity and indicator names, figures, notes...) unless it is :class:`Trusted` (links the
view made safe, mention marks): Jinja's ``finalize`` hook (:func:`user_text`) wraps it in span
marks when it holds a character some service treats as syntax. A channel then escapes each span
for its own syntax and turns each mention mark into its own mention (or the person's name)
through :class:`Inline`; the marks never reach a service.

The marks are private-use characters, removed from user text, so no goal name can forge one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

if TYPE_CHECKING:
    from tracker.config.people import Person

SPAN_OPEN, SPAN_CLOSE = "\ue000", "\ue001"
MENTION_OPEN, MENTION_CLOSE = "\ue002", "\ue003"
_TOKEN_OPEN, _TOKEN_CLOSE = "\ue004", "\ue005"
_ANY_MARK = re.compile("[\ue000-\ue00f]")
# Characters that mean something in at least one service's message syntax: Markdown emphasis,
# code, links and escapes, HTML and Slack's <...> commands, tables, entities, @-mentions.
_ACTIVE = re.compile(r"[\\`*_~\[\]<>|&@]")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")
MARKED = re.compile(
    f"{SPAN_OPEN}([^{SPAN_CLOSE}]*){SPAN_CLOSE}"
    f"| ?{MENTION_OPEN}([^{MENTION_CLOSE}]*){MENTION_CLOSE}"
)
_TOKEN = re.compile(f"{_TOKEN_OPEN}(\\d+){_TOKEN_CLOSE}")
_COMMONMARK = re.compile(r"([\\`*_~\[\]<>|@])")

Escape = Callable[[str], str]
# A person's mention in one service's syntax, or None when they have no handle there.
MentionSyntax = Callable[["Person"], "str | None"]


class Trusted(str):
    """Text the digest made itself (a checked link, mention marks): printed as it is."""

    __slots__ = ()


NO_MENTION = Trusted("")


def user_text(value: Any) -> str:
    """Jinja ``finalize``: a printed value as user text, marked when it could be syntax.

    Line breaks become spaces (a name cannot start a heading or a list) and marks are removed.
    :class:`Trusted` values and ``| safe`` ones pass unchanged.
    """
    if isinstance(value, Trusted | Markup):
        return str(value)
    text = _LINE_BREAKS.sub(" ", _ANY_MARK.sub("", str(value)))
    return f"{SPAN_OPEN}{text}{SPAN_CLOSE}" if _ACTIVE.search(text) else text


def mention_marks(keys: Iterable[str]) -> Trusted:
    """Marks mentioning the people ``keys`` (each after a space), for the end of a line."""
    return Trusted("".join(f" {MENTION_OPEN}{key}{MENTION_CLOSE}" for key in keys))


_URL_SAFE = "/:?#@!$&'+,;=%~-._"


def web_url(url: str | None) -> Trusted | None:
    """``url`` when it is an http(s) address, percent-encoded so that it cannot end a Markdown
    or Slack link early (spaces, brackets, parentheses, ``<``, ``>``, ``|``); else None."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return Trusted(quote(url, safe=_URL_SAFE))


def commonmark_escape(text: str) -> str:
    """Backslash escapes: user text read as plain words by CommonMark renderers."""
    return _COMMONMARK.sub(r"\\\1", text)


def same(text: str) -> str:
    return text


class Inline:
    """Renders the marked lines of one message for one service.

    User text goes through ``escape``; each person is mentioned once per message, the first
    time a line names them, in ``mention``'s syntax (or as ``@name`` where they have no handle
    on this service; unknown keys are dropped). ``convert`` turns the template's Markdown into
    the service's syntax without ever seeing user text. ``mentioned`` lists the people actually
    mentioned, in order, for the body's own mention fields (DingTalk ``at``, Discord
    ``allowed_mentions``, Teams ``entities``, e-mail ``Cc``).
    """

    def __init__(
        self,
        escape: Escape = same,
        people: Mapping[str, Person] | None = None,
        mention: MentionSyntax | None = None,
    ) -> None:
        self.escape = escape
        self.people = people or {}
        self.mention = mention
        self.mentioned: list[Person] = []
        self._seen: set[str] = set()

    def __call__(self, text: str, convert: Escape = same) -> str:
        stash: list[str] = []

        def protect(match: re.Match[str]) -> str:
            stash.append(match.group(0))
            return f"{_TOKEN_OPEN}{len(stash) - 1}{_TOKEN_CLOSE}"

        converted = convert(MARKED.sub(protect, text))
        return _TOKEN.sub(lambda m: self._restore(stash[int(m.group(1))]), converted)

    def _restore(self, marked: str) -> str:
        match = MARKED.fullmatch(marked)
        assert match is not None
        if match.group(1) is not None:
            return self.escape(match.group(1))
        key = match.group(2)
        person = self.people.get(key)
        if person is None or key in self._seen:
            return ""
        self._seen.add(key)
        syntax = self.mention(person) if self.mention else None
        if syntax is None:  # named, not notified
            return " @" + self.escape(person.name or key)
        self.mentioned.append(person)
        return " " + syntax


def plain_text(text: str, people: Mapping[str, Person] | None = None) -> str:
    """``text`` without marks: user text as written, mentions as ``@name``."""
    return Inline(same, people)(text)


def unmarked(text: str) -> bool:
    """Whether ``text`` holds no marks at all (most lines of most digests)."""
    return _ANY_MARK.search(text) is None
