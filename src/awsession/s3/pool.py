"""The task pool of one transfer: threads (or the caller's thread), first error wins.

Rules:

1. With ``use_threads`` the tasks run on a private pool of ``max_concurrency`` threads; without it
   each task runs at once in the caller's thread, inside ``submit``.
2. At most ``2 * max_concurrency`` tasks are queued or running at a time: ``submit`` blocks until a
   slot frees, so a producer that reads parts into memory stays bounded.
3. The first task to raise decides the transfer's error; after it, queued tasks do not run and
   long tasks see ``stopped`` and return early. ``wait`` raises that first error.
4. Leaving the pool (normally or by an exception such as ``KeyboardInterrupt``) stops it, drops the
   queued tasks and waits for the running ones, so no thread outlives the transfer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Any, TypeVar

__all__ = ["TaskPool"]

T = TypeVar("T")


class TaskPool:
    def __init__(self, use_threads: bool, max_concurrency: int) -> None:
        self._executor = (ThreadPoolExecutor(max_workers=max_concurrency,
                                             thread_name_prefix="awsession-s3")
                          if use_threads else None)
        self._slots = threading.BoundedSemaphore(2 * max_concurrency)
        self._lock = threading.Lock()
        self._error: BaseException | None = None
        self._stop = threading.Event()

    @property
    def stopped(self) -> bool:
        """True once a task has failed or the pool is being left early."""
        return self._stop.is_set()

    def fail(self, error: BaseException) -> None:
        """Record ``error`` as the transfer's error unless one came first; stop the other tasks."""
        with self._lock:
            if self._error is None:
                self._error = error
        self._stop.set()

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self._executor is None:
            return self._run_inline(fn, args)
        self._slots.acquire()
        try:
            future = self._executor.submit(self._run, fn, args)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    def _run_inline(self, fn: Callable[..., T], args: tuple[Any, ...]) -> Future[T]:
        future: Future[T] = Future()
        if self.stopped:
            future.cancel()
            future.set_running_or_notify_cancel()  # so that wait() sees it done
            return future
        try:
            future.set_result(fn(*args))
        except Exception as e:
            self.fail(e)
            future.set_exception(e)
        return future

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if self.stopped:
            raise _Skipped()
        try:
            return fn(*args)
        except BaseException as e:
            self.fail(e)
            raise

    def wait(self, futures: Iterable[Future[T]]) -> list[T]:
        """The results in order, once all are done; or the first error of the transfer."""
        futures = list(futures)
        wait_futures(futures)
        if self._error is not None:
            raise self._error
        return [f.result() for f in futures]

    def raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def __enter__(self) -> TaskPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        if exc_type is not None:
            self._stop.set()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


class _Skipped(Exception):
    """A queued task that did not run because the transfer had already failed."""
