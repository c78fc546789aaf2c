"""What the figure-file tests share (imported as ``ingest.kit``)."""

from __future__ import annotations

HEADER = "goal,period,value,unit,source,published,note\n"
