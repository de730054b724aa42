"""Django's tasks API carried by huey.

A task's payload is its module path and JSON arguments. Havre's tasks take ids
only: message text and numbers never enter a queue.
"""

from __future__ import annotations

import logging
import threading
from functools import cache
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import close_old_connections
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import Task, TaskResult, TaskResultStatus
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.api import Huey
from huey.consumer import Consumer

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


@cache
def get_huey() -> Huey:
    conf = settings.HAVRE_HUEY
    name = conf.get("name", "havre")
    if conf["immediate"]:
        return MemoryHuey(name, immediate=True)
    if conf["redis_url"]:
        return RedisHuey(name, url=conf["redis_url"])
    conf["sqlite_path"].parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(conf["sqlite_path"]))


def _run(module_path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    task: Task[..., Any] = import_string(module_path)
    return task.call(*args, **kwargs)


def _sweep() -> None:
    """Periodic sweeps over due times kept in the database (settings.HAVRE_SWEEPS).

    A lost queue entry cannot skip work: the next sweep finds it again.
    """
    for path in settings.HAVRE_SWEEPS:
        try:
            import_string(path)()
        except Exception:
            logger.exception("sweep failed: %s", path)


_registered: dict[int, Any] = {}
_lock = threading.Lock()


def _huey_task() -> Any:
    huey = get_huey()
    with _lock:
        if id(huey) not in _registered:
            _registered[id(huey)] = huey.task(name="havre.run")(_run)
            huey.periodic_task(crontab(minute="*"), name="havre.sweep")(_sweep)
        return _registered[id(huey)]


class HueyBackend(BaseTaskBackend):
    supports_defer = True
    supports_get_result = False

    def enqueue(
        self, task: Task[P, R], args: list[Any], kwargs: dict[str, Any]
    ) -> TaskResult[P, R]:
        self.validate_task(task)
        huey_task = _huey_task()
        payload = (task.module_path, list(args), dict(kwargs))
        if task.run_after is not None:
            queued = huey_task.schedule(args=payload, eta=task.run_after)
        else:
            queued = huey_task(*payload)
        return TaskResult(
            task=task,
            id=queued.id if queued is not None else get_random_string(32),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


def start_services() -> list[Any]:
    """Long-running readers of providers' event streams (settings.HAVRE_SERVICES).

    Each is a class whose instances `start()` threads of their own and
    `stop()` them; they run beside the task workers, in the same process.
    """
    services = []
    for path in settings.HAVRE_SERVICES:
        service = import_string(path)()
        service.start()
        services.append(service)
    return services


def stop_services(services: list[Any]) -> None:
    for service in services:
        service.stop()


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """Worker threads inside the server process; the server owns the signals."""

    services: list[Any] = []

    def _set_signal_handlers(self) -> None:
        pass

    def start(self) -> None:
        super().start()
        self.services = start_services()

    def stop(self, graceful: bool = False) -> None:
        stop_services(self.services)
        super().stop(graceful=graceful)


def _give_connections_back(huey: Huey) -> None:
    """With a pool of PostgreSQL connections, a worker thread returns its
    connection after each task, as a request thread does after each request,
    so that the process's threads share the pool's few connections."""
    if huey.immediate or not settings.DATABASES["default"].get("OPTIONS", {}).get("pool"):
        return

    @huey.post_execute(name="havre.give_connections_back")  # type: ignore[untyped-decorator]
    def give_back(task: Any, task_value: Any, exc: BaseException | None) -> None:
        close_old_connections()


def start_embedded_workers() -> Consumer | None:
    huey = get_huey()
    if huey.immediate:
        return None
    _huey_task()
    _give_connections_back(huey)
    consumer = EmbeddedConsumer(
        huey, workers=settings.HAVRE_HUEY["workers"], worker_type="thread", periodic=True
    )
    consumer.start()
    return consumer


def run_worker() -> None:
    """`havre worker`: a separate process of worker threads (scale-out mode)."""
    huey = get_huey()
    _huey_task()
    _give_connections_back(huey)
    consumer = huey.create_consumer(
        workers=settings.HAVRE_HUEY["workers"], worker_type="thread", periodic=True
    )
    services = start_services()
    try:
        consumer.run()
    finally:
        stop_services(services)
