"""Writing output files so that readers never see half of one (outbox, report pages)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once at import: os.umask can only be read by setting it, which is not thread-safe later.
_UMASK = _read_umask()


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: readers never see half."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outbox files are for reading
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class TooLarge(ValueError):
    """An input file over the size this tool reads (a typo'd path, a dump, or an attack)."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of ``path``; :class:`TooLarge` past ``limit`` bytes, without reading them all."""
    with path.open("rb") as handle:
        info = os.fstat(handle.fileno())
        # read(n) sets aside n bytes first: ask for what a regular file holds, not the limit.
        wanted = min(info.st_size, limit) + 1 if stat.S_ISREG(info.st_mode) else limit + 1
        data = handle.read(wanted)
        if len(data) == wanted and wanted <= limit:  # the file grew while we read it
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise TooLarge(f"file is larger than {limit // 2**20} MiB; split it or raise the limit")
    return data
