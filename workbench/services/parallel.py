"""Provides the reading and analysis side of ``workbench ingest --jobs N``: a process pool, results in input order.

Files are read and analysed (:func:`workbench.services.analysed.analyse_item`) in N
worker processes; the caller, the one writer, gets the outcomes back in input
order. At most ``WINDOW_PER_JOB * N`` tasks of ``TASK_ITEMS`` inputs are in
flight, so memory stays bounded however long the input: a worker that runs
ahead waits for the writer. Each worker loads the extractor once (the pool's
initializer) and sends back plain records, never extractor objects. JSON Lines
files and standard input are read here and their documents sent to the
workers; every other file is read by a worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import BinaryIO, TextIO

from .analysed import Outcome, analyse_item
from ..domain.models import Document
from ..sources import ReadError, iter_documents
from ..sources.discover import STDIN, format_for

#: Inputs (files, or documents of a JSON Lines file) per task sent to a worker.
TASK_ITEMS = 4
#: Tasks in flight per worker: enough that no worker idles while the writer commits.
WINDOW_PER_JOB = 4


class WorkerDied(RuntimeError):
    """A worker process stopped without finishing its task (killed, or out of memory)."""


def usable_cores() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analysed_items(paths: Iterable[str | ReadError], *, jobs: int = 1,
                   stdin: TextIO | BinaryIO | None = None) -> Iterator[Outcome]:
    """Read and analyse ``paths`` (files as ``discover`` lists them, or ``"-"``); outcomes in input order.

    With ``jobs`` > 1 and more than one task of input, a pool of ``jobs`` worker
    processes does the work; otherwise this process does. The outcomes are the
    same either way.

    Raises:
        WorkerDied: a worker process died (the outcomes before it were all yielded).
    """
    tasks = _tasks(paths, stdin)
    first = next(tasks, None)
    second = next(tasks, None) if first is not None else None
    if jobs <= 1 or second is None:
        # In this process, one article at a time: a task of four 5 MB articles is never held at once.
        for task in (first, second):
            if task is not None:
                yield from _iter_task(task)
        for task in tasks:
            yield from _iter_task(task)
        return
    yield from _pooled(_chain(first, second, tasks), jobs)


def _chain(first: list, second: list, rest: Iterator[list]) -> Iterator[list]:
    yield first
    yield second
    yield from rest


def _tasks(paths: Iterable[str | ReadError], stdin) -> Iterator[list]:
    """Lists of inputs for the workers: a path (the worker reads it), or a Document or ReadError read here."""
    task: list = []
    for path in paths:
        if isinstance(path, str) and (path == STDIN or format_for(path) == "jsonl"):
            items: Iterable = iter_documents([path], stdin=stdin)
        else:
            items = (path,)
        for item in items:
            task.append(item)
            if len(task) >= TASK_ITEMS:
                yield task
                task = []
    if task:
        yield task


def _run(task: list) -> list[Outcome]:
    """A worker's task: read each path (one file may hold several articles) and analyse every document."""
    return list(_iter_task(task))


def _iter_task(task: list) -> Iterator[Outcome]:
    for item in task:
        if isinstance(item, str):
            yield from map(analyse_item, iter_documents([item]))
        else:
            yield analyse_item(item)


def _pooled(tasks: Iterator[list], jobs: int) -> Iterator[Outcome]:
    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker, initargs=(os.getpid(),))
    pending: deque[Future] = deque()
    broken = False
    try:
        window = WINDOW_PER_JOB * jobs

        def fill() -> None:
            while len(pending) < window:
                task = next(tasks, None)
                if task is None:
                    return
                pending.append(pool.submit(_run, task))

        try:
            fill()
            while pending:
                results = _result(pending.popleft(), pool)
                fill()  # before handing results to the writer, so the workers stay busy meanwhile
                yield from results
        except BrokenProcessPool as exc:
            # Raised by result() or by submit(), whichever notices first. The other workers are
            # stopped here: the executor's own clean-up can block on a queue no one reads.
            broken = True
            for process in _processes(pool):
                process.kill()
            raise WorkerDied("a worker process stopped before finishing its files (killed, or out of"
                             " memory); everything before them is stored: run the same command again to"
                             " add the rest") from exc
    finally:
        pool.shutdown(wait=not broken, cancel_futures=True)


def _result(future: Future, pool: ProcessPoolExecutor) -> list[Outcome]:
    """``future.result()``, watching the workers: a dead one breaks the pool even if the executor misses it."""
    while True:
        try:
            return future.result(timeout=0.5)
        except TimeoutError:
            if any(p.exitcode is not None for p in _processes(pool)):
                raise BrokenProcessPool("a worker process died") from None


def _processes(pool: ProcessPoolExecutor) -> list:
    # The executor's worker processes (a private attribute: the public API gives no way to see them).
    return list((getattr(pool, "_processes", None) or {}).values())


def _context():
    # forkserver: workers forked from a clean server process that imported the
    # workbench once, never from this process (its threads and open database).
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["workbench.services.parallel"])
        return ctx
    return multiprocessing.get_context("spawn")


def _start_worker(parent: int) -> None:
    """Pool initializer: load the extractor once, leave Ctrl-C to the parent, die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(), parent), daemon=True).start()
    warm_up()


def warm_up() -> None:
    """Load the extractor (and any model it reads) now, not on the first article."""
    analyse_item(Document(text="Officials said the warm-up article was short.\n", source="warm-up", format="txt"))


def _exit_when_orphaned(ppid: int, parent: int) -> None:
    # A worker whose ingest was killed (SIGKILL leaves no chance to stop the pool)
    # must not outlive it: it is re-parented when its parent goes.
    while True:
        time.sleep(0.5)
        if os.getppid() != ppid or not _alive(parent):
            os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
