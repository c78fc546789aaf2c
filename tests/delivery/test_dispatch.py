"""Many channels at once: a bounded number of posts out, one per channel, the ledger written in
batches rather than once per part."""

from __future__ import annotations

import threading
import time

from sqlalchemy import event
from werkzeug import Response

from delivery.kit import AS_OF, SLOT
from tracker.config.project import load_project
from tracker.delivery.sender import Deliverer


def many_channels(project_dir, url: str, count: int, workers: int):
    names = [f"c{n:02d}" for n in range(count)]
    lines = [f"send_workers: {workers}", "channels:"]
    lines += [f'  {n}: {{type: webhook, url: "{url}/hook/{n}"}}' for n in names]
    lines += ["digests:", "  - name: wide", f"    channels: [{', '.join(names)}]"]
    (project_dir / "config" / "tracker.yaml").write_text("\n".join(lines) + "\n")
    return load_project(project_dir / "config")


class Meter:
    """Counts posts in flight, overall and per path, and keeps the highest counts seen."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.most, self.most_per_path = 0, 0

    def __call__(self, request):
        with self.lock:
            self.now[request.path] = self.now.get(request.path, 0) + 1
            self.most = max(self.most, sum(self.now.values()))
            self.most_per_path = max(self.most_per_path, self.now[request.path])
        time.sleep(0.05)
        with self.lock:
            self.now[request.path] -= 1
        return Response("", status=204)


def test_posts_go_out_side_by_side_within_the_bound(project_dir, with_figures, slow_server):
    meter = Meter()
    server = slow_server(meter)
    project = many_channels(project_dir, server.url_for("").rstrip("/"), count=12, workers=4)
    outcome = Deliverer(project, with_figures).deliver_slot(
        project.settings.digest("wide"), SLOT, AS_OF
    )
    assert len(outcome.sent) == 12
    assert 1 < meter.most <= 4 and meter.most_per_path == 1


def test_the_ledger_is_written_in_batches(project_dir, with_figures, slow_server):
    server = slow_server(lambda request: Response("", status=204))
    project = many_channels(project_dir, server.url_for("").rstrip("/"), count=40, workers=40)
    commits = []
    event.listen(with_figures.engine, "commit", lambda conn: commits.append(1))
    outcome = Deliverer(project, with_figures).deliver_slot(
        project.settings.digest("wide"), SLOT, AS_OF
    )
    assert len(outcome.sent) == 40
    assert len(commits) < 40  # one per part would be 80 (take, settle) plus the claim
