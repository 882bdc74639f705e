"""Provides the file an export writes to, written without replacing what the user named.

Three cases, chosen by what the path is when the export starts:

- ``-``, ``/dev/stdout`` (and its ``/dev/fd/1``, ``/proc/self/fd/1``
  aliases): the process's own standard output, never reopened.
- anything that is not a regular file (``/dev/null``, a FIFO, a terminal, a
  device, any path under ``/dev`` or ``/proc``, or a link to one of those):
  written in place, opened without creating or truncating anything, so the
  node stays what it was.
- a regular file, or a name that does not exist yet: written to a new hidden
  temporary file in the same folder (``.NAME.<random>.partial``, created
  exclusively and never through a link, so a planted ``NAME.partial`` or a
  planted temporary name is never followed), flushed to disk, then renamed
  over the target. A failed export leaves the old file as it was and no
  temporary file. When ``PATH`` is a symbolic link, the file it points to is
  replaced and the link stays a link; an existing file keeps its permissions.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from typing import IO

from ..terminal import fd_is_terminal, inert_stream, is_terminal
from .db import StorageError

STDOUT_PATHS = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})
# Nodes under these are file descriptors, terminals and devices: never files to replace.
_SPECIAL_DIRS = ("/dev/", "/proc/")
_TEMP_TRIES = 100


def _temp_name(folder: str, name: str) -> str:
    """A fresh hidden name beside the target (tests replace this to plant links on it)."""
    return os.path.join(folder, f".{name}.{secrets.token_hex(6)}.partial")


def writes_in_place(path: str) -> bool:
    """True when ``path`` must be written as it is rather than replaced (see the module docstring)."""
    if os.path.abspath(path).startswith(_SPECIAL_DIRS):
        return True
    try:
        mode = os.stat(path).st_mode  # follows links: a link to a FIFO is written in place too
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(f"{path}: cannot write the export ({exc.strerror})") from None
    return not stat.S_ISREG(mode)


@contextlib.contextmanager
def open_output(path: str, *, text: bool = True) -> Iterator[IO]:
    """Open the export's output; on a clean exit the whole export is there, else nothing changed.

    Args:
        path: a file path, or ``-`` for standard output.
        text: yield a UTF-8 text stream without newline translation (CSV
            writes its own ``\\r\\n``); else the binary stream.

    Raises:
        StorageError: the path cannot be written, with the reason.
    """
    if os.path.abspath(path) in STDOUT_PATHS or path in STDOUT_PATHS:
        yield from _stdout(text)
    elif writes_in_place(path):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY | os.O_CLOEXEC)
        except OSError as exc:
            raise StorageError(f"{path}: cannot write the export ({exc.strerror})") from None
        with _wrap(fd, text) as out:
            # A terminal (-o /dev/tty) gets control characters shown, never acted on.
            yield inert_stream(out, text and fd_is_terminal(fd))
    else:
        yield from _replace_atomically(path, text)


def _wrap(fd: int, text: bool) -> IO:
    if text:
        return open(fd, "w", encoding="utf-8", newline="", closefd=True)
    return open(fd, "wb", closefd=True)


def _stdout(text: bool) -> Iterator[IO]:
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="") if text else sys.stdout.buffer
    try:
        # To a terminal, text made inert (an article's OSC 52 or screen clear is shown, not run);
        # to a file or pipe, the bytes as stored.
        yield inert_stream(out, text and is_terminal(sys.stdout))
        out.flush()
    except BrokenPipeError:  # `workbench export | head`: stop quietly
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        if text:
            with contextlib.suppress(ValueError, OSError):
                out.detach()


def _create_temp(target: str) -> tuple[int, str]:
    """Create the temporary file exclusively (O_EXCL, O_NOFOLLOW) beside ``target``."""
    folder, name = os.path.split(os.path.abspath(target))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(_TEMP_TRIES):
        tmp = _temp_name(folder, name)
        try:
            return os.open(tmp, flags, 0o666), tmp  # the umask applies, as for any new file
        except FileExistsError:  # taken (perhaps by a planted link): draw another name
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _replace_atomically(path: str, text: bool) -> Iterator[IO]:
    # A link is followed to the file it names, which is replaced; the link stays.
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        fd, tmp = _create_temp(target)
    except OSError as exc:
        raise StorageError(f"{path}: cannot write the export ({exc.strerror or exc})") from None
    try:
        with contextlib.suppress(FileNotFoundError):
            os.fchmod(fd, stat.S_IMODE(os.stat(target).st_mode))  # keep an existing file's permissions
        with _wrap(fd, text) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise StorageError(f"{path}: cannot write the export ({exc.strerror or exc})") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
