"""A TCP relay between the tests and the PostgreSQL server that can go down and come back.

Closing every connection and refusing new ones is what clients see while a server restarts;
the relay does it in milliseconds, for one test's store only (imported as ``store.relay``).
"""

from __future__ import annotations

import socket
import threading
from contextlib import suppress


class Relay:
    """Forwards 127.0.0.1:``port`` to ``target``; :meth:`down` cuts and refuses, :meth:`up`."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._up = True
        self.connections = 0  # accepted while up, so tests can tell a reconnect happened
        threading.Thread(target=self._accept, daemon=True).start()

    def down(self) -> None:
        """Drop every connection and refuse new ones, as a server shutting down does."""
        with self._lock:
            self._up = False
            for sock in self._open:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def up(self) -> None:
        with self._lock:
            self._up = True

    def close(self) -> None:
        self.down()
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            with self._lock:
                if not self._up:
                    client.close()
                    continue
                server = socket.create_connection(self.target)
                self._open += [client, server]
                self.connections += 1
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    with suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with suppress(OSError):
        sink.shutdown(socket.SHUT_WR)
