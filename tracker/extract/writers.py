"""An extraction written out: a goals file for config/goals/, Goal objects, or their JSON.

Baselines and tags are written in flow style and targets quoted, like the hand-written files.
Only goals ``tracker check`` accepts are written: one whose quote does not state its figure in a
form the check knows (百分之四点五, 21,000, 降低3.8% for −3.8) is held back, and the goals file
lists it in a closing comment for the reader to add by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import yaml

from tracker.config.quotes import written_forms
from tracker.domain.goals import Goal, Measure
from tracker.domain.text import normalize
from tracker.domain.units import PERCENT
from tracker.extract.ids import goal_ids
from tracker.extract.model import Candidate, Extraction, plain_number

SCHEMA_COMMENT = "# yaml-language-server: $schema=../goals.schema.json\n"


def states_its_figure(cand: Candidate) -> bool:
    """Whether ``tracker check`` finds the target (and target_max) in the candidate's quote."""
    quote = normalize(cand.quote)
    return all(
        value is None or any(form in quote for form in written_forms(value, cand.unit))
        for value in (cand.target, cand.target_max)
    )


def checked(extraction: Extraction) -> tuple[Extraction, list[Candidate]]:
    """The extraction with only the goals ``tracker check`` accepts, and those held back."""
    kept = tuple(c for c in extraction.candidates if states_its_figure(c))
    held = [c for c in extraction.candidates if c not in kept]
    return replace(extraction, candidates=kept), held


def goal_entries(extraction: Extraction, document: str | None = None) -> list[dict[str, Any]]:
    """One goals-file entry per candidate (keys in the order of config/goals), ids unique.

    ValueError when no entity was given or found (``entity: '?'`` is no goal)."""
    _require_entity(extraction)
    ids = goal_ids(extraction, document)
    return [
        _entry(goal_id, cand, extraction)
        for goal_id, cand in zip(ids, extraction.candidates, strict=True)
    ]


def file_defaults(extraction: Extraction, document: str | None = None) -> dict[str, Any]:
    """The ``defaults`` block: entity, year and the shared source fields (ValueError: no entity)."""
    _require_entity(extraction)
    defaults: dict[str, Any] = {"entity": extraction.entity, "year": extraction.year}
    source = {"document": document, "url": extraction.url, "published": extraction.published}
    source = {k: v for k, v in source.items() if v is not None}
    if source:
        defaults["source"] = source
    return defaults


def to_goals(extraction: Extraction, *, document: str | None = None) -> list[Goal]:
    """Validated :class:`Goal` objects, as ``tracker check`` would build them from the YAML."""
    extraction = checked(extraction)[0]
    defaults = file_defaults(extraction, document)
    goals = []
    for entry in goal_entries(extraction, document):
        data = {k: v for k, v in defaults.items() if k != "source"}
        data.update({k: _unflow(v) for k, v in entry.items() if k != "quote"})
        data["source"] = {**defaults.get("source", {}), "quote": entry["quote"]}
        goals.append(Goal.model_validate(data))
    return goals


def to_goals_yaml(extraction: Extraction, *, document: str | None = None) -> str:
    """A goals file for config/goals/: schema comment, ``defaults`` and one entry per goal."""
    extraction, held = checked(extraction)
    body = {
        "defaults": file_defaults(extraction, document),
        "goals": goal_entries(extraction, document),
    }
    text = yaml.dump(
        body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, indent=2
    )
    return SCHEMA_COMMENT + "\n".join(_spaced(text.splitlines())) + "\n" + _held_back(held)


def _held_back(held: list[Candidate]) -> str:
    """A closing comment: goals read but not written, since check cannot find their figure."""
    if not held:
        return ""
    lines = ["", "# Read but not written: tracker check does not find the figure in the quote."]
    for cand in held:
        lines.append(f"# - {cand.indicator} {cand.target_text}: {' '.join(cand.quote.split())}")
    return "\n".join(lines) + "\n"


def to_json(extraction: Extraction, *, document: str | None = None) -> str:
    """The JSON array of ``tracker goals --json`` (Goal.as_json of every candidate)."""
    goals = to_goals(extraction, document=document)
    return json.dumps([g.as_json() for g in goals], ensure_ascii=False, indent=2)


def _entry(goal_id: str, cand: Candidate, extraction: Extraction) -> dict[str, Any]:
    """A goal's keys, leaving out what the defaults or the unit already say."""
    entry: dict[str, Any] = {"id": goal_id}
    if cand.entity != extraction.entity:
        entry["entity"] = cand.entity
    if cand.year != extraction.year:
        entry["year"] = cand.year
    entry["indicator"] = cand.indicator
    if cand.target is not None:
        entry["target"] = _Quoted(cand.target_text)
    if cand.stretch is not None:
        entry["stretch"] = plain_number(cand.stretch)
    default_measure = Measure.growth if cand.unit == PERCENT else Measure.total
    if cand.measure is not default_measure:
        entry["measure"] = cand.measure.value
    if cand.deadline is not None:
        entry["deadline"] = cand.deadline
    if cand.tags:
        entry["tags"] = _FlowList(cand.tags)
    if cand.baseline is not None:
        data = cand.baseline.model_dump(exclude_none=True)
        entry["baseline"] = _Flow({k: plain_number(v) for k, v in data.items()})
    entry["quote"] = cand.quote
    return entry


def _spaced(lines: list[str]) -> list[str]:
    """A blank line before every goal but the first, as in the hand-written files."""
    spaced: list[str] = []
    for line in lines:
        if line.lstrip().startswith("- id: ") and not spaced[-1].endswith("goals:"):
            spaced.append("")
        spaced.append(line)
    return spaced


def _require_entity(extraction: Extraction) -> None:
    if not extraction.has_entity:
        raise ValueError("no entity found; pass entity=")


# -- the YAML style: markers the dumper writes in flow style or quoted ---------------------------


class _Flow(dict[str, Any]):
    pass


class _FlowList(list[str]):
    pass


class _Quoted(str):
    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent list items under their key


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _represent_flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_quoted(dumper: yaml.SafeDumper, data: _Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(_Quoted, _represent_quoted)
_Dumper.add_representer(_FlowList, _represent_flow_list)


def _unflow(value: Any) -> Any:
    """The plain value behind a style marker (Goal validation wants dict, list, str)."""
    if isinstance(value, _Flow):
        return dict(value)
    if isinstance(value, _FlowList):
        return list(value)
    if isinstance(value, _Quoted):
        return str(value)
    return value
