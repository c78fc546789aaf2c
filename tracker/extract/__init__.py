"""Article -> proposed goals: a side tool whose YAML output goes into config/goals/."""

from tracker.extract.rules import (
    Candidate,
    Extraction,
    decode_article,
    extract,
    extract_targets,
    to_goals,
    to_goals_yaml,
    to_json,
)

__all__ = [
    "Candidate",
    "Extraction",
    "decode_article",
    "extract",
    "extract_targets",
    "to_goals",
    "to_goals_yaml",
    "to_json",
]
