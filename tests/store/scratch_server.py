"""A PostgreSQL server of one test's own, to stop and start without disturbing anyone else.

The machine's shared server is used by every worktree's tests at once; a test that restarts a
server gets a scratch cluster instead (initdb into a temporary folder, a free port, trust
auth), run as the ``postgres`` user because PostgreSQL refuses to run as root
(imported as ``store.scratch_server``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BINARIES = Path("/usr/lib/postgresql")


class ScratchServer:
    """A private cluster: :attr:`url`, :meth:`stop` and :meth:`start` (each waits)."""

    def __init__(self, bin_dir: Path, data: Path, port: int) -> None:
        self.bin_dir, self.data, self.port = bin_dir, data, port
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def run(self, tool: str, *args: str, check: bool = True) -> None:
        """Run one of PostgreSQL's programs as the ``postgres`` user."""
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        command = [*prefix, str(self.bin_dir / tool), *args]
        subprocess.run(command, check=check, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.data / "log")
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode: str = "fast", *, check: bool = True) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=check)


@contextmanager
def scratch_server() -> Iterator[ScratchServer]:
    """A started private cluster, stopped and removed afterwards; skip if one cannot be made."""
    versions = sorted(BINARIES.glob("*/bin/initdb")) if BINARIES.is_dir() else []
    if not versions or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip("no PostgreSQL binaries to start a scratch server with (initdb, pg_ctl)")
    bin_dir = versions[-1].parent
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = ScratchServer(bin_dir, data, port)
    try:
        server.run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync")
        server.start()
        yield server
    finally:
        server.stop("immediate", check=False)
        shutil.rmtree(folder, ignore_errors=True)
