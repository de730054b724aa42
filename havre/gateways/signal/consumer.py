"""Reading signal-cli's event stream: texts and receipts, stored before they are acknowledged.

One consumer per Signal channel, run by `SignalService` inside `havre worker`
(and inside `havre serve` in embedded mode). It holds a lease on the
channel's stream so that only one process reads it, connects to the
daemon's event stream, and for each event stores what it carries before it
records the event's id. It acknowledges nothing else: when it reconnects (it
does on its own, backing off up to half a minute), it names the last event
it stored, and signal-cli sends again everything after it. A text that
cannot be stored yet (the program has no key) stops the reading there, to be
offered again. A removed channel stops its consumer before the next event is
stored.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid

import httpx
from django.db import close_old_connections, connections

from havre.conversations.models import Channel
from havre.gateways import actions, handling, http
from havre.gateways.signal import sse
from havre.gateways.signal.parse import MalformedEventError, parse
from havre.gateways.signal.wire import EVENTS_PATH

logger = logging.getLogger(__name__)

# signal-cli writes a keep-alive every 15 seconds: silence longer than this is a lost stream.
READ_TIMEOUT = 45.0
LEASE_SECONDS = 60
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0


class StreamConsumer:
    def __init__(
        self,
        channel_id: uuid.UUID,
        holder: str,
        *,
        read_timeout: float = READ_TIMEOUT,
        lease_seconds: int = LEASE_SECONDS,
        first_backoff: float = FIRST_BACKOFF,
        max_backoff: float = MAX_BACKOFF,
    ) -> None:
        self.channel_id = channel_id
        self.holder = holder
        self.read_timeout = read_timeout
        self.lease_seconds = lease_seconds
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        # Set while connected to the stream (tests wait on it).
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._response: httpx.Response | None = None
        self._thread = threading.Thread(
            target=self._run, daemon=True, name=f"signal-stream-{channel_id}"
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        response = self._response
        if response is not None:
            # Wakes the reader out of its wait for the next line.
            response.close()
        self._thread.join(timeout)

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    # -- the loop --------------------------------------------------------------------

    def _run(self) -> None:
        backoff = self.first_backoff
        try:
            while not self._stop.is_set():
                close_old_connections()
                channel = Channel.objects.filter(pk=self.channel_id, removed_at=None).first()
                if channel is None:
                    break  # removed: nothing more is read for it
                if not actions.claim_stream(channel, self.holder, seconds=self.lease_seconds):
                    # Another process reads this stream; take over if it goes away.
                    self._stop.wait(self.lease_seconds / 3)
                    continue
                progressed = self._read_once(channel)
                backoff = self.first_backoff if progressed else min(backoff * 2, self.max_backoff)
                self._stop.wait(backoff)
        finally:
            self.connected.clear()
            channel = Channel.objects.filter(pk=self.channel_id).first()
            if channel is not None:
                actions.release_stream(channel, self.holder)
            connections.close_all()

    def _read_once(self, channel: Channel) -> bool:
        """Read the stream until it ends; whether it was reached at all."""
        try:
            return self._read(channel)
        except httpx.HTTPError as exc:
            if not self._stop.is_set():
                logger.warning("signal stream lost: channel=%s %s", channel.pk, type(exc).__name__)
            return False
        finally:
            self.connected.clear()
            self._response = None

    def _read(self, channel: Channel) -> bool:
        url = str(channel.config["rpc_url"]).rstrip("/") + EVENTS_PATH
        # Always name a last event: with none, signal-cli would send only what
        # comes next, and skip an event offered before but not stored. An id it
        # does not know ("0", or one from an earlier run) makes it send all it kept.
        headers = {
            "Accept": "text/event-stream",
            "Last-Event-ID": actions.stream_position(channel) or "0",
        }
        timeout = httpx.Timeout(self.read_timeout, connect=5.0)
        with http.client("signal").stream(
            "GET", url, params={"account": channel.address}, headers=headers, timeout=timeout
        ) as response:
            if response.status_code != 200:
                logger.warning(
                    "signal stream refused: channel=%s status=%s", channel.pk, response.status_code
                )
                return False
            self._response = response
            self.connected.set()
            logger.info("signal stream connected: channel=%s", channel.pk)
            renewed = time.monotonic()
            for event in sse.events(response.iter_lines()):
                if self._stop.is_set():
                    break
                if time.monotonic() - renewed > self.lease_seconds / 3:
                    if not actions.claim_stream(channel, self.holder, seconds=self.lease_seconds):
                        break
                    renewed = time.monotonic()
                if not self.handle(channel, event):
                    break
                if event.id and not actions.advance_stream(channel, self.holder, event.id):
                    break
        return True

    # -- one event ------------------------------------------------------------------------

    def handle(self, channel: Channel, event: sse.Event) -> bool:
        """Store what the event carries; False when reading must stop here, unacknowledged."""
        if event.event != "receive":
            return True
        try:
            data = json.loads(event.data)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            logger.warning("signal event skipped: unreadable, channel=%s", channel.pk)
            return True
        if not Channel.objects.filter(pk=channel.pk, removed_at=None).exists():
            self._stop.set()
            return False
        try:
            parsed = parse(data, channel)
        except MalformedEventError:
            logger.warning("signal event skipped: malformed, channel=%s", channel.pk)
            return True
        for text in parsed.texts:
            if handling.store_text(channel, text) is handling.Outcome.NO_KEY:
                return False
        handling.record_reports(channel, parsed.reports)
        return True
