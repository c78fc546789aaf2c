"""JSON Schema for goal files, so editors validate and complete them as people type."""

from __future__ import annotations

import copy
from typing import Any

from tracker.domain.goals import Goal

# Fields a goal may leave to the file's `defaults` or to inference from other fields.
_INHERITED = {"entity", "year", "start", "deadline", "measure", "source", "unit", "comparator"}


def goals_file_schema() -> dict[str, Any]:
    """Schema of a config/goals/*.yaml file: optional ``defaults`` plus a list of ``goals``."""
    goal = copy.deepcopy(Goal.model_json_schema())
    defs = goal.pop("$defs", {})
    goal["required"] = [f for f in goal.get("required", []) if f not in _INHERITED]
    goal["properties"]["quote"] = {
        "type": "string",
        "description": "Verbatim excerpt of the source document stating the target "
        "(short for source.quote).",
    }
    goal["properties"]["target"]["description"] = (
        "A number, or the compact form: '≥ 7%', '> 300 亿元', '约 6%', '≤ 5%', '1-2 个', '7%'."
    )
    source = copy.deepcopy(defs["Source"])
    source["required"] = []
    defs["SourceDefaults"] = source
    goal["properties"]["source"] = {"$ref": "#/$defs/SourceDefaults"}
    defaults = {
        "type": "object",
        "additionalProperties": False,
        "description": "Fields every goal in this file inherits unless it sets its own.",
        "properties": {
            "entity": {"type": "string"},
            "entity_en": {"type": "string"},
            "year": {"type": "integer"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "source": {"$ref": "#/$defs/SourceDefaults"},
            "start": {"type": "string", "format": "date"},
            "deadline": {"type": "string", "format": "date"},
            "tolerance": {"type": "number"},
            "at_risk_margin": {"type": "number"},
            "owners": {"type": "array", "items": {"type": "string"}},
        },
    }
    defs["Goal"] = goal
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tracker goals file",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "defaults": defaults,
            "goals": {"type": "array", "items": {"$ref": "#/$defs/Goal"}},
        },
        "required": ["goals"],
        "$defs": defs,
    }
