"""Validation errors in the project's words: what is wrong and what to write instead.

Pydantic's own messages (``Input should be a valid date or datetime, invalid date separator``,
``String should match pattern '^[a-z0-9]…'``) never reach users: every error type a config file
can cause is said here, with a did-you-mean for misspelt choices (``type: wechat``).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import ErrorDetails

from tracker.domain.dates import DATE_FORMS
from tracker.errors import did_you_mean

_QUOTED = re.compile(r"'([^']*)'")
_DATES = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
_NUMBERS = {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"}
_MAPPINGS = {"dict_type", "model_type", "model_attributes_type", "dataclass_type"}
_BOUNDS = {
    "greater_than": ("gt", "more than"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "at most"),
}


def plain(error: ErrorDetails, *, show_input: bool = True) -> str:
    """One error as a sentence with the fix; ``show_input=False`` never echoes the value."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    got = _got(error) if show_input else ""
    if kind in ("literal_error", "enum"):
        return _choice(error, ctx, show_input)
    if kind in _DATES:
        return f"expected a date such as {DATE_FORMS}{got}"
    if kind in _NUMBERS:
        whole = kind.startswith("int")
        return f"expected {'a whole number' if whole else 'a number'}{got}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false{got}"
    if kind == "string_type":
        return f"expected text{got}"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"expected a list, e.g. [a, b]{got}"
    if kind in _MAPPINGS:
        return f"expected a mapping of 'name: value' lines{got}"
    if kind == "string_too_short":
        least = int(ctx.get("min_length", 1))
        return "must not be empty" if least <= 1 else f"needs at least {least} characters"
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"must be {words} {ctx.get(key)}{got}"
    if kind == "string_pattern_mismatch":
        value = str(error.get("input", "")) if show_input else ""
        example = re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-_") or "daily"
        return f"use letters, digits, '_' and '-', starting with a letter or digit: {example!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message.removeprefix("Assertion failed, ")


def _got(error: ErrorDetails) -> str:
    value = error.get("input")
    if value is None or isinstance(value, dict | list):
        return ""
    text = repr(value)
    return f", got {text if len(text) <= 60 else text[:57] + '…'}"


def _choice(error: ErrorDetails, ctx: dict[str, Any], show_input: bool) -> str:
    """``unknown type 'wechat'; did you mean 'wecom'? (one of wecom, dingtalk, …)``."""
    choices = _QUOTED.findall(str(ctx.get("expected", "")))
    field = str(error["loc"][-1]) if error["loc"] else "value"
    value = error.get("input")
    listed = ", ".join(choices)
    if not show_input or not isinstance(value, str | int | float):
        return f"expected one of {listed}"
    meant = _OTHER_NAMES.get(str(value).strip().lower())
    hint = f"; did you mean {meant!r}?" if meant in choices else did_you_mean(str(value), choices)
    return f"unknown {field} {value!r}{hint} (use one of {listed})"


# What people call the services, as opposed to the names the config uses.
_OTHER_NAMES = {
    "wechat": "wecom",
    "weixin": "wecom",
    "wechat-work": "wecom",
    "wxwork": "wecom",
    "企业微信": "wecom",
    "微信": "wecom",
    "ding": "dingtalk",
    "钉钉": "dingtalk",
    "飞书": "feishu",
    "msteams": "teams",
    "microsoft-teams": "teams",
    "http": "webhook",
    "https": "webhook",
    "console": "stdout",
    "terminal": "stdout",
    "folder": "file",
    "rate": "growth",
    "percent": "growth",
    "count": "total",
    "sum": "total",
    "stock": "level",
    ">=": "at_least",
    ">": "more_than",
    "<=": "at_most",
    "~": "about",
}
