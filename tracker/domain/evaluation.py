"""The thresholds every verdict uses (tracker.yaml's ``evaluation:`` section)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class EvaluationSettings(BaseModel):
    """Global verdict thresholds; a goal may override tolerance and at_risk_margin."""

    model_config = ConfigDict(extra="forbid")

    stale_days: int = Field(default=75, ge=1)
    growth_at_risk_margin: float = Field(default=1.0, ge=0, description="percentage points")
    pace_at_risk_margin: float = Field(default=0.10, ge=0, lt=1, description="fraction of target")
