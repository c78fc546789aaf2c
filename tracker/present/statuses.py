"""The one status vocabulary: labels (zh/en), marks, colours and terminal styles.

Every output (digests, alerts, the report, the chat PNG, ``tracker evaluate``) takes its words
and colours from here, so a status reads the same everywhere.
"""

from __future__ import annotations

from tracker.domain.status import Status

# Display order: best first, no_data last (digest summaries, report chips, chart legends).
STATUSES: tuple[Status, ...] = (
    Status.achieved,
    Status.on_track,
    Status.at_risk,
    Status.off_track,
    Status.missed,
    Status.awaiting_final,
    Status.no_data,
)
MARKS: dict[str, str] = {
    Status.achieved: "✅",
    Status.on_track: "🟢",
    Status.at_risk: "🟡",
    Status.off_track: "🔴",
    Status.missed: "❌",
    Status.awaiting_final: "🕓",
    Status.no_data: "⚪",
}
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        Status.achieved: "已完成",
        Status.on_track: "进度正常",
        Status.at_risk: "有风险",
        Status.off_track: "滞后",
        Status.missed: "未完成",
        Status.awaiting_final: "待全年数据",
        Status.no_data: "暂无数据",
    },
    "en": {
        Status.achieved: "achieved",
        Status.on_track: "on track",
        Status.at_risk: "at risk",
        Status.off_track: "off track",
        Status.missed: "missed",
        Status.awaiting_final: "awaiting final figure",
        Status.no_data: "no data",
    },
}
# Hex colours for the report's CSS chips, its SVG charts and the PNG summary chart.
COLORS: dict[str, str] = {
    Status.achieved: "#1a7f37",
    Status.on_track: "#2da44e",
    Status.at_risk: "#bf8700",
    Status.off_track: "#cf222e",
    Status.missed: "#82071e",
    Status.awaiting_final: "#6e7781",
    Status.no_data: "#8c959f",
}
# rich styles for terminal tables.
TERMINAL_STYLES: dict[str, str] = {
    Status.achieved: "bold green",
    Status.on_track: "green",
    Status.at_risk: "yellow",
    Status.off_track: "red",
    Status.missed: "bold red",
    Status.awaiting_final: "blue",
    Status.no_data: "dim",
}


def label(status: Status | str, language: str) -> str:
    """The status in the reader's language (``zh`` or ``en``)."""
    return LABELS["zh" if language == "zh" else "en"][Status(status)]
