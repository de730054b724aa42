"""The Signal service: one stream consumer per live Signal channel, in this process.

Started by `havre worker`, and by `havre serve` in embedded mode (see
settings.HAVRE_SERVICES). It looks for channels added or removed every few
seconds, so `havre channel add signal` needs no restart.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from typing import Any

from django.db import close_old_connections, connections

from havre.conversations.models import Channel
from havre.gateways.signal.consumer import StreamConsumer

logger = logging.getLogger(__name__)

SCAN_SECONDS = 5.0


class SignalService:
    def __init__(self, *, scan_seconds: float = SCAN_SECONDS, **consumer_options: Any) -> None:
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:64]
        self.scan_seconds = scan_seconds
        self.consumer_options = consumer_options
        self.consumers: dict[uuid.UUID, StreamConsumer] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="signal-service")

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self.scan()
                except Exception as exc:  # a lost database must not end the service
                    logger.warning("signal service scan failed: %s", type(exc).__name__)
                self._stop.wait(self.scan_seconds)
        finally:
            for consumer in self.consumers.values():
                consumer.stop()
            connections.close_all()

    def scan(self) -> None:
        close_old_connections()
        live = set(
            Channel.objects.filter(provider="signal", removed_at=None).values_list("pk", flat=True)
        )
        for channel_id in list(self.consumers):
            consumer = self.consumers[channel_id]
            if channel_id not in live or not consumer.is_alive():
                consumer.stop()
                del self.consumers[channel_id]
        for channel_id in live - set(self.consumers):
            consumer = StreamConsumer(channel_id, self.holder, **self.consumer_options)
            self.consumers[channel_id] = consumer
            consumer.start()
            logger.info("signal stream consumer started: channel=%s", channel_id)
