"""`tracker schema` describes goal files so editors can validate them."""

from __future__ import annotations

import json


def test_schema_lists_goal_fields_and_compact_target(run_cli):
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    goal = schema["$defs"]["Goal"]
    assert {"id", "indicator", "target", "quote", "baseline"} <= set(goal["properties"])
    assert {"type": "string"} in goal["properties"]["target"]["anyOf"]
    assert "entity" not in goal["required"]  # may come from the file's defaults
    assert schema["required"] == ["goals"]


def test_shipped_schema_file_is_current(run_cli):
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[2] / "config" / "goals.schema.json"
    assert json.loads(shipped.read_text("utf-8")) == json.loads(run_cli("schema").stdout)
