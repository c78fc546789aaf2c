"""How ``digest send``, ``retry`` and ``run --once`` report a delivery run: one line per part
(sent on stdout, the rest on stderr) or ``--json``, and the exit code (see
:mod:`tracker.delivery.outcome`: 0 delivered, 75 pending, 1 failed/expired/uncertain)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

import click

from tracker.commands.common import print_json
from tracker.delivery.outcome import Outcome, describe
from tracker.store.deliveries import DeliveryStatus


def report_outcome(
    outcome: Outcome,
    zone: tzinfo,
    *,
    as_json: bool,
    extra: Mapping[str, Any] | None = None,
    exit_code: int | None = None,
) -> None:
    """Print ``outcome`` and exit with its code (or ``exit_code``) unless everything went."""
    if as_json:
        print_json({**(extra or {}), **outcome.to_json(zone)})
    else:
        for result in outcome.ordered():
            line = describe(result, zone)
            click.echo(line, err=result.status != DeliveryStatus.sent)
    code = outcome.exit_code if exit_code is None else exit_code
    if code:
        sys.exit(code)
