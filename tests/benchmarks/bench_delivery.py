"""Benchmark: one digest to 1,000 webhook channels behind a local receiver answering in 50 ms,
against Apprise posting the same number of JSON notifications to the same receiver.

Run by hand (pytest does not collect it; Apprise is needed for the baseline only):

    .venv/bin/pip install apprise
    .venv/bin/python tests/benchmarks/bench_delivery.py [--channels 1000] [--runs 3]

Both sides are whole processes, run alternately against one receiver: ``tracker digest send``
(ledger on: every part recorded before it is sent and settled after) and a Python process
calling ``Apprise.notify`` with 1,000 ``json://`` URLs. Printed per side: the median end-to-end
time and messages per second, the median rate while sending (first to last arrival at the
receiver), and the ratio tracker / Apprise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "project"
DELAY = 0.05

APPRISE = """
import sys, apprise
port, count = int(sys.argv[1]), int(sys.argv[2])
notifier = apprise.Apprise()
for n in range(count):
    notifier.add(f"json://127.0.0.1:{port}/hook/{n:04d}")
ok = notifier.notify(title="bench", body="target progress digest")
sys.exit(0 if ok else 1)
"""


class Receiver(ThreadingHTTPServer):
    """Answers every POST after :data:`DELAY` seconds and notes when each arrived."""

    daemon_threads = True
    request_queue_size = 4096

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.arrivals: list[float] = []
        self.lock = threading.Lock()

    def window(self) -> tuple[int, float]:
        with self.lock:
            times, self.arrivals = self.arrivals, []
        return len(times), (max(times) - min(times)) if times else 0.0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real services offer

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server = self.server
        assert isinstance(server, Receiver)
        with server.lock:
            server.arrivals.append(time.monotonic())
        time.sleep(DELAY)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def project(root: Path, port: int, count: int) -> Path:
    shutil.copytree(FIXTURES, root)
    lines = ["channels:"]
    lines += [
        f'  c{n:04d}: {{type: webhook, url: "http://127.0.0.1:{port}/hook/{n:04d}"}}'
        for n in range(count)
    ]
    names = ", ".join(f"c{n:04d}" for n in range(count))
    lines += ["digests:", "  - name: bench", f"    channels: [{names}]"]
    (root / "config" / "tracker.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def run_tracker(root: Path, database: Path) -> float:
    env = os.environ | {"TRACKER_DATABASE": str(database)}
    env.pop("TRACKER_CONFIG", None)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "digest", "send", "bench", "--as-of", "2025-10-20"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    took = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"tracker failed ({done.returncode}): {done.stderr[-500:]}")
    return took


def recorded(database: Path, count: int) -> None:
    with sqlite3.connect(database) as conn:
        (sent,) = conn.execute("SELECT count(*) FROM deliveries WHERE status = 'sent'").fetchone()
    if sent < count:
        raise SystemExit(f"only {sent} of {count} parts recorded as sent")


def run_apprise(port: int, count: int) -> float:
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", APPRISE, str(port), str(count)])
    took = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit("apprise reported a failure")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    port = receiver.server_address[1]
    results: dict[str, list[tuple[float, float]]] = {"tracker": [], "apprise": []}
    with tempfile.TemporaryDirectory() as folder:
        root = project(Path(folder) / "project", port, args.channels)
        for run in range(args.runs):
            database = Path(folder) / f"run-{run}.db"
            took = run_tracker(root, database)
            recorded(database, args.channels)
            results["tracker"].append((took, receiver.window()[1]))
            results["apprise"].append((run_apprise(port, args.channels), receiver.window()[1]))
    summary = {}
    for side, runs in results.items():
        wall = statistics.median(t for t, _ in runs)
        sending = statistics.median(w for _, w in runs)
        summary[side] = {
            "end_to_end_s": round(wall, 2),
            "per_second": round(args.channels / wall, 1),
            "sending_s": round(sending, 2),
            "per_second_sending": round(args.channels / sending, 1) if sending else None,
        }
    ratio = summary["tracker"]["per_second"] / summary["apprise"]["per_second"]
    summary["ratio_end_to_end"] = round(ratio, 2)
    print(json.dumps({"channels": args.channels, "receiver_delay_s": DELAY, **summary}, indent=2))


if __name__ == "__main__":
    main()
