"""`run --once` logic in-process, with time faked where a real cron slot would mean waiting."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from service.kit import MONDAY_0905, SHANGHAI, slots_received
from tracker.service.daemon import Daemon


def test_due_slot_is_sent_and_a_second_pass_sends_nothing(service, receiver):
    with time_machine.travel(MONDAY_0905, tick=False):
        first, second = service.run_once(), service.run_once()
    assert (len(first.deliveries.sent), len(second.deliveries.sent)) == (1, 0)
    assert slots_received(receiver) == ["2025-10-20T09:00:00+08:00"]


def test_slot_older_than_the_catch_up_window_is_not_sent(service, receiver):
    with time_machine.travel(MONDAY_0905 + timedelta(hours=25), tick=False):
        service.run_once()
    assert slots_received(receiver) == []


def test_restart_after_downtime_sends_only_the_latest_missed_slot(service, receiver):
    with time_machine.travel(MONDAY_0905, tick=False):
        service.run_once()
    with time_machine.travel(MONDAY_0905 + timedelta(days=7, minutes=30), tick=False):
        service.run_once()
        service.run_once()
    assert slots_received(receiver) == ["2025-10-20T09:00:00+08:00", "2025-10-27T09:00:00+08:00"]


def test_public_holiday_slot_waits_for_the_next_working_day(service, receiver):
    national_day_monday = MONDAY_0905 - timedelta(days=14)  # 6 Oct 2025
    with time_machine.travel(national_day_monday, tick=False):
        service.run_once()
    assert slots_received(receiver) == []
    with time_machine.travel(national_day_monday + timedelta(days=3), tick=False):  # Thu 9 Oct
        service.run_once()
    assert slots_received(receiver) == ["2025-10-06T09:00:00+08:00"]


def test_pending_part_is_retried_by_the_next_pass(service, httpserver):
    httpserver.expect_request("/hook").respond_with_data("down", status=502)
    with time_machine.travel(MONDAY_0905, tick=False):
        assert len(service.run_once().deliveries.pending) == 1
    httpserver.clear_all_handlers()
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    with time_machine.travel(MONDAY_0905 + timedelta(hours=2), tick=False):
        assert len(service.run_once().deliveries.sent) == 1


def test_invalid_config_edit_keeps_the_last_good_config(service, project_dir, caplog):
    (project_dir / "config" / "tracker.yaml").write_text("digests: [oops\n", "utf-8")
    assert service.reload() is False
    assert service.project.settings.digest("weekly") is not None
    assert "config/tracker.yaml:1: malformed YAML: unclosed '['" in caplog.text


def test_new_figure_file_triggers_one_alert(service, receiver, project_dir):
    folder = project_dir / "config" / "figures"
    folder.mkdir()
    (folder / "q3.csv").write_text(
        "goal,period,value,unit,published\ndemo-2025-investment,2025-09,190,亿元,2025-10-15\n"
    )
    with time_machine.travel(MONDAY_0905 - timedelta(hours=1), tick=False):
        service.run_once()
        service.run_once()
    alerts = [r for r, _ in receiver.log if b'"kind": "alert"' in r.data]
    assert len(alerts) == 1
    assert b"demo-2025-investment" in alerts[0].data and b'"achieved"' in alerts[0].data


def test_service_refuses_to_start_on_invalid_config(project_dir, write_settings):
    import pytest

    from tracker.errors import InputError

    (project_dir / "config" / "tracker.yaml").write_text("timezone: Mars/Olympus\n")
    with pytest.raises(InputError, match="unknown time zone 'Mars/Olympus'"):
        Daemon(project_dir / "config")
    assert SHANGHAI


def test_figures_imported_from_another_shell_alert_once(service, receiver, project_dir):
    from tracker.ingest.importer import add_figure

    with time_machine.travel(MONDAY_0905 - timedelta(hours=1), tick=False):
        service.run_once()  # first look: takes note, alerts nothing
        add_figure(
            service.store,
            service.project,
            "demo-2025-investment",
            "2025-09",
            "190",
            unit="亿元",
            published="2025-10-15",
        )
        service.run_once()
        service.run_once()
    alerts = [r for r, _ in receiver.log if b'"kind": "alert"' in r.data]
    assert len(alerts) == 1 and b'"achieved"' in alerts[0].data


def test_reload_survives_any_broken_edit_and_takes_the_next_good_one(service, project_dir):
    broken = project_dir / "config" / "goals" / "broken.yaml"
    broken.write_bytes("goals:\n  - id: x\n    indicator: 中文\n    tags: 7\n".encode("gbk"))
    assert service.reload() is False
    broken.unlink()
    path = project_dir / "config" / "tracker.yaml"
    path.write_text(path.read_text().replace('"0 9 * * MON"', '"0 10 * * MON"'))
    assert service.reload() is True
    assert service.project.settings.digest("weekly").schedule == "0 10 * * MON"
