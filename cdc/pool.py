"""Worker processes for ``cdc batch``: forked from a warm parent, replaced after a few documents.

The parent loads once what every document needs (libraries, the bank, the compiled templates,
the fonts); each worker is a fork of it and starts rendering at once, sharing those pages. A
worker may be given at most ``per_worker`` tasks and is then replaced by a new fork: the Typst
library keeps every document it compiled in memory, for good, and a fresh fork costs
milliseconds.

Forking is safe only from a process with a single thread (a library's threads do not survive a
fork, and their locks may be held): the parent never runs Typst, and where fork is not available
or the parent has threads, workers are started fresh ("spawn") and call ``prepare`` first.

A task's function must not raise: it turns every failure into its result. A worker that dies
anyway (killed, out of memory) gives its task the result of ``lost``, and another takes its
place. Ctrl-C or SIGTERM in the parent (KeyboardInterrupt) stops every worker within a second,
then propagates.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

A = TypeVar("A")
R = TypeVar("R")


def can_fork() -> bool:
    """Whether workers may be forked from this process now: a platform where forking is the
    norm (Linux), and no thread besides this one."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _serve(conn: Connection, work: Callable[[Any], Any], limit: int | None,
           prepare: Callable[[], None] | None) -> None:
    """A worker: Ctrl-C is the parent's to handle (it stops workers with SIGTERM, whose default
    action ends them quietly); tasks are taken one at a time until ``limit``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (fork)
    if prepare is not None:
        prepare()
    done = 0
    while limit is None or done < limit:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        index, item = task
        conn.send((index, work(item)))
        done += 1
    conn.close()


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: int | None = None  # the index of the task it is doing
    done: int = 0


class Pool(Generic[A, R]):
    """Runs ``work`` over tasks in ``jobs`` processes (see the module's documentation)."""

    def __init__(self, work: Callable[[A], R], jobs: int, *, per_worker: int | None = None,
                 prepare: Callable[[], None] | None = None,
                 lost: Callable[[A, str], R]) -> None:
        self.work, self.jobs, self.per_worker, self.lost = work, max(1, jobs), per_worker, lost
        self.forked = can_fork()
        self.context: Any = multiprocessing.get_context("fork" if self.forked else "spawn")
        self.prepare = None if self.forked else prepare
        self.workers: dict[Connection, _Worker] = {}
        self.started = 0  # workers started in all, for the benchmarks
        self.abandoned: list[int] = []  # the tasks being done when an interruption came

    def run(self, tasks: Sequence[A], on_result: Callable[[A, R], bool]) -> bool:
        """Runs every task; ``on_result`` hears each result as it comes and returns True to stop
        the rest (then True is returned). Tasks not started when it stops are not run."""
        pending = deque(range(len(tasks)))
        if self.forked:
            # The warm parent's objects move to the collector's permanent generation: a worker's
            # collections no longer write to (and so copy) every page it shares with the parent.
            gc.freeze()
        try:
            for _ in range(min(self.jobs, len(tasks))):
                self._give(self._start(), pending, tasks)
            while self.workers:
                busy = [w.conn for w in self.workers.values() if w.task is not None]
                for conn in wait(busy):
                    assert isinstance(conn, Connection)
                    index, result = self._receive(self.workers[conn], tasks)
                    if on_result(tasks[index], result):
                        self.stop()
                        return True
                    self._next(self.workers[conn], pending, tasks)
        except BaseException:
            self.abandoned = self.busy_with()
            self.stop()
            raise
        finally:
            gc.unfreeze()
        return False

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, daemon=True,
                                       args=(child, self.work, self.per_worker, self.prepare))
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers[parent] = worker
        self.started += 1
        return worker

    def _give(self, worker: _Worker, pending: deque[int], tasks: Sequence[A]) -> None:
        if not pending:
            self._retire(worker, ask=True)
            return
        worker.task = pending.popleft()
        worker.conn.send((worker.task, tasks[worker.task]))

    def _receive(self, worker: _Worker, tasks: Sequence[A]) -> tuple[int, R]:
        index = worker.task
        assert index is not None
        try:
            received: tuple[int, R] = worker.conn.recv()
        except (EOFError, OSError):  # the worker died with its task
            worker.process.join(1.0)
            code = worker.process.exitcode
            why = (f"signal {-code}" if code is not None and code < 0 else f"exit code {code}")
            self._retire(worker, ask=False)
            return index, self.lost(tasks[index], f"its worker process stopped ({why})")
        worker.task = None
        worker.done += 1
        return received

    def _next(self, worker: _Worker, pending: deque[int], tasks: Sequence[A]) -> None:
        if worker.conn not in self.workers:  # it died: another takes its place
            if pending:
                self._give(self._start(), pending, tasks)
            return
        if self.per_worker is not None and worker.done >= self.per_worker:
            self._retire(worker, ask=False)  # it leaves by itself
            if pending:
                self._give(self._start(), pending, tasks)
            return
        self._give(worker, pending, tasks)

    def _retire(self, worker: _Worker, ask: bool) -> None:
        self.workers.pop(worker.conn, None)
        if ask:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        worker.process.join(5.0)
        worker.conn.close()

    def stop(self, grace: float = 1.0) -> None:
        """Ends every worker within ``grace`` seconds: SIGTERM first (a clean exit), then
        SIGKILL."""
        workers = list(self.workers.values())
        self.workers.clear()
        for worker in workers:
            with contextlib.suppress(Exception):
                worker.process.terminate()
        deadline = time.monotonic() + grace
        for worker in workers:
            with contextlib.suppress(Exception):
                worker.process.join(max(0.0, deadline - time.monotonic()))
        for worker in workers:
            with contextlib.suppress(Exception):
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join(1.0)
            with contextlib.suppress(Exception):
                worker.conn.close()

    def busy_with(self) -> list[int]:
        """The tasks being done now (their indices)."""
        return [w.task for w in self.workers.values() if w.task is not None]
