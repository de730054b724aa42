"""A fake Twilio that speaks Twilio's wire format, for tests and the demo.

It keeps accounts (SID and auth token), answers the Messages API as Twilio
does (Basic auth, form fields, 201 JSON, Twilio's JSON errors), records every
call, can fail or slow down on demand, and plays Twilio's side of the
webhooks: inbound texts and delivery reports, signed with the account's auth
token exactly as Twilio signs them.

It runs either as a real HTTP server on 127.0.0.1 (`fake_server.fake_server`,
for tests) or inside the demo server, mounted under /simulator/twilio/
(`havre.demo.fake.demo_fake`).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import hmac
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any, Literal

import httpx

from havre.gateways.twilio.fake_wire import (
    REAL_API_BASE,
    SignedForm,
    country_of,
    new_sid,
    segments,
    twilio_error,
    twilio_signature,
)
from havre.gateways.twilio.wire import API_VERSION, E164_RE

__all__ = [
    "DeleteCall",
    "Exchange",
    "FakeTwilio",
    "RestCall",
    "SignedForm",
    "twilio_error",
    "twilio_signature",
]


@dataclasses.dataclass(frozen=True)
class RestCall:
    """One request to the Messages API, as the fake received it."""

    account_sid: str
    auth_sid: str | None
    auth_token: str | None
    authorized: bool
    to: str | None
    from_: str | None
    body: str | None
    status_callback: str | None
    status_code: int
    sid: str | None


@dataclasses.dataclass(frozen=True)
class DeleteCall:
    """One DELETE of a Message resource, as the fake received it."""

    account_sid: str
    message_sid: str
    authorized: bool
    status_code: int


@dataclasses.dataclass(frozen=True)
class Exchange:
    """One text between a texter and a helpline number, either way."""

    seq: int
    direction: Literal["in", "out"]
    texter: str
    helpline: str
    body: str
    media: int
    sid: str
    at: datetime
    # For a text in: the status of the helpline's answer to the webhook.
    webhook_status: int | None = None


@dataclasses.dataclass
class _Sent:
    account_sid: str
    to: str
    from_: str
    status_callback: str | None


class FakeTwilio:
    def __init__(
        self,
        base_url: str = REAL_API_BASE,
        *,
        http: httpx.Client | None = None,
        auto_status: bool = False,
        status_delay: float = 0.3,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.auto_status = auto_status
        self.status_delay = status_delay
        self.delay = 0.0
        self.accounts: dict[str, str] = {}
        self.numbers: dict[str, str] = {}
        self.calls: list[RestCall] = []
        self.exchanges: list[Exchange] = []
        self.media_requests: list[str] = []
        self.deletions: list[DeleteCall] = []
        # Messages whose record Twilio keeps (sent or received, not yet deleted).
        self.records: set[str] = set()
        # Message sids Twilio refuses to delete yet: still on their way (error 20009).
        self.in_progress: set[str] = set()
        self.status_posts: list[tuple[str, str, int]] = []
        self._failures: list[tuple[int, int | None]] = []
        self._sent: dict[str, _Sent] = {}
        self._threads: list[threading.Thread] = []
        self._http = http
        self._lock = threading.RLock()

    # -- set-up -----------------------------------------------------------------

    def register_account(self, sid: str, auth_token: str, numbers: Iterable[str] = ()) -> None:
        """Accept this account's API calls; its `numbers` tell whose texts come in where."""
        with self._lock:
            self.accounts[sid] = auth_token
            self.numbers.update(dict.fromkeys(numbers, sid))

    def fail_next(self, n: int = 1, *, status: int = 500, code: int | None = None) -> None:
        """Answer the next `n` API calls with this HTTP status and Twilio error code."""
        with self._lock:
            self._failures.extend([(status, code)] * n)

    def set_delay(self, seconds: float) -> None:
        """Wait this long before answering each API call (to test timeouts)."""
        self.delay = seconds

    @property
    def http(self) -> httpx.Client:
        """The client that posts webhooks to the helpline (replaceable in tests)."""
        if self._http is None:
            self._http = httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0))
        return self._http

    @http.setter
    def http(self, client: httpx.Client) -> None:
        self._http = client

    @property
    def sent(self) -> list[RestCall]:
        """The API calls Twilio accepted: the texts that would reach a phone."""
        with self._lock:
            return [call for call in self.calls if call.sid is not None]

    # -- the Messages API ---------------------------------------------------------

    def _credentials(self, authorization: str | None) -> tuple[str | None, str | None]:
        scheme, _, encoded = (authorization or "").partition(" ")
        if scheme.lower() != "basic":
            return None, None
        try:
            decoded = base64.b64decode(encoded, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        sid, sep, token = decoded.partition(":")
        return (sid, token) if sep else (None, None)

    def create_message(
        self, account_sid: str, authorization: str | None, form: Mapping[str, Sequence[str]]
    ) -> tuple[int, dict[str, Any]]:
        """POST /2010-04-01/Accounts/{account_sid}/Messages.json: (HTTP status, JSON)."""
        if self.delay:
            time.sleep(self.delay)
        auth_sid, auth_token = self._credentials(authorization)

        def field(name: str) -> str | None:
            values = form.get(name) or []
            return values[0] if values else None

        to, from_, body = field("To"), field("From"), field("Body")
        callback = field("StatusCallback")
        with self._lock:
            known = self.accounts.get(auth_sid or "")
            authorized = (
                known is not None
                and auth_token is not None
                and hmac.compare_digest(known.encode(), auth_token.encode())
            )
            if not authorized:
                status, answer = twilio_error(401)
            elif auth_sid != account_sid:
                status, answer = twilio_error(404)
            elif self._failures:
                status, answer = twilio_error(*self._failures.pop(0))
            else:
                status, answer = self._accept(account_sid, to, from_, body, callback)
            sid = answer.get("sid")
            self.calls.append(
                RestCall(
                    account_sid=account_sid,
                    auth_sid=auth_sid,
                    auth_token=auth_token,
                    authorized=authorized,
                    to=to,
                    from_=from_,
                    body=body,
                    status_callback=callback,
                    status_code=status,
                    sid=sid,
                )
            )
        if sid and self.auto_status and callback:
            self._in_background(self.deliver, sid)
        return status, answer

    def _accept(
        self,
        account_sid: str,
        to: str | None,
        from_: str | None,
        body: str | None,
        callback: str | None,
    ) -> tuple[int, dict[str, Any]]:
        if not to:
            return twilio_error(400, 21604)
        if not E164_RE.fullmatch(to):
            return twilio_error(400, 21211)
        if not from_:
            return twilio_error(400, 21603)
        if not body:
            return twilio_error(400, 21602)
        if len(body) > 1600:
            return twilio_error(400, 21617)
        if callback and not callback.startswith(("http://", "https://")):
            return twilio_error(400, 21609)
        sid = new_sid("SM")
        self._sent[sid] = _Sent(account_sid, to, from_, callback)
        self.records.add(sid)
        now = datetime.now(UTC)
        self.exchanges.append(
            Exchange(len(self.exchanges) + 1, "out", to, from_, body, 0, sid, now)
        )
        created = format_datetime(now)
        uri = f"/{API_VERSION}/Accounts/{account_sid}/Messages/{sid}"
        return 201, {
            "account_sid": account_sid,
            "api_version": API_VERSION,
            "body": body,
            "date_created": created,
            "date_sent": None,
            "date_updated": created,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": from_,
            "messaging_service_sid": None,
            "num_media": "0",
            "num_segments": str(segments(body)),
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "queued",
            "subresource_uris": {"media": f"{uri}/Media.json"},
            "to": to,
            "uri": f"{uri}.json",
        }

    def delete_message(
        self, account_sid: str, message_sid: str, authorization: str | None
    ) -> tuple[int, dict[str, Any] | None]:
        """DELETE /2010-04-01/Accounts/{account_sid}/Messages/{sid}.json: 204 and no body.

        Deleting a message deletes its media too. An unknown or already
        deleted message is Twilio's 404 (20404); one still in progress, 20009.
        """
        if self.delay:
            time.sleep(self.delay)
        auth_sid, auth_token = self._credentials(authorization)
        answer: tuple[int, dict[str, Any] | None]
        with self._lock:
            known = self.accounts.get(auth_sid or "")
            authorized = (
                known is not None
                and auth_token is not None
                and hmac.compare_digest(known.encode(), auth_token.encode())
            )
            if not authorized:
                answer = twilio_error(401)
            elif auth_sid != account_sid:
                answer = twilio_error(404)
            elif self._failures:
                answer = twilio_error(*self._failures.pop(0))
            elif message_sid in self.in_progress:
                answer = twilio_error(400, 20009)
            elif message_sid not in self.records:
                answer = twilio_error(404, 20404)
            else:
                self.records.discard(message_sid)
                answer = (204, None)
            self.deletions.append(DeleteCall(account_sid, message_sid, authorized, answer[0]))
        return answer

    @property
    def deleted(self) -> list[str]:
        """The message sids whose record Twilio deleted."""
        with self._lock:
            return [call.message_sid for call in self.deletions if call.status_code == 204]

    def note_media_request(self, path: str) -> tuple[int, dict[str, Any]]:
        """Any request for a photo's URL: Havre must never make one."""
        with self._lock:
            self.media_requests.append(path)
        return twilio_error(404)

    # -- webhooks Twilio posts ------------------------------------------------------

    def _token(self, account_sid: str | None, number: str | None = None) -> tuple[str, str]:
        """The account (named, owning `number`, or the only one) and its auth token."""
        with self._lock:
            if account_sid is None and number is not None:
                account_sid = self.numbers.get(number)
            if account_sid is None:
                if len(self.accounts) != 1:
                    raise ValueError("name the account: the fake has several or none")
                account_sid = next(iter(self.accounts))
            return account_sid, self.accounts[account_sid]

    def inbound_form(
        self,
        url: str,
        *,
        sender: str,
        to: str,
        body: str,
        media: int = 0,
        account_sid: str | None = None,
    ) -> SignedForm:
        """The form Twilio posts to a number's webhook when a text comes in, signed."""
        account_sid, token = self._token(account_sid, to)
        sid = new_sid("MM" if media else "SM")
        with self._lock:
            self.records.add(sid)
        params = {
            "ToCountry": country_of(to),
            "ToState": "",
            "SmsMessageSid": sid,
            "NumMedia": str(media),
            "ToCity": "",
            "FromZip": "",
            "SmsSid": sid,
            "FromState": "",
            "SmsStatus": "received",
            "FromCity": "",
            "Body": body,
            "FromCountry": country_of(sender),
            "To": to,
            "ToZip": "",
            "NumSegments": str(segments(body)),
            "MessageSid": sid,
            "AccountSid": account_sid,
            "From": sender,
            "ApiVersion": API_VERSION,
        }
        for index in range(media):
            params[f"MediaContentType{index}"] = "image/jpeg"
            params[f"MediaUrl{index}"] = (
                f"{self.base_url}/{API_VERSION}/Accounts/{account_sid}/Messages/{sid}"
                f"/Media/{new_sid('ME')}"
            )
        return SignedForm(url, params, twilio_signature(token, url, params))

    def inbound(
        self,
        url: str,
        *,
        sender: str,
        to: str,
        body: str,
        media: int = 0,
        account_sid: str | None = None,
    ) -> httpx.Response:
        """Post a texter's text to the webhook `url`, as Twilio does."""
        form = self.inbound_form(
            url, sender=sender, to=to, body=body, media=media, account_sid=account_sid
        )
        return self.post_inbound(form)

    def post_inbound(self, form: SignedForm) -> httpx.Response:
        """Post an inbound form, and note the text and the helpline's answer."""
        response = self.post(form)
        params = form.params
        with self._lock:
            self.exchanges.append(
                Exchange(
                    seq=len(self.exchanges) + 1,
                    direction="in",
                    texter=params["From"],
                    helpline=params["To"],
                    body=params["Body"],
                    media=int(params["NumMedia"]),
                    sid=params["MessageSid"],
                    at=datetime.now(UTC),
                    webhook_status=response.status_code,
                )
            )
        return response

    def status_form(self, sid: str, status: str, *, error_code: str | None = None) -> SignedForm:
        """The delivery report Twilio posts to a sent message's StatusCallback, signed."""
        with self._lock:
            sent = self._sent[sid]
        if not sent.status_callback:
            raise ValueError("this message was sent without a StatusCallback")
        _, token = self._token(sent.account_sid)
        params = {
            "SmsSid": sid,
            "SmsStatus": status,
            "MessageStatus": status,
            "To": sent.to,
            "MessageSid": sid,
            "AccountSid": sent.account_sid,
            "From": sent.from_,
            "ApiVersion": API_VERSION,
        }
        if error_code:
            params["ErrorCode"] = error_code
        if status == "delivered":
            params["RawDlrDoneDate"] = datetime.now(UTC).strftime("%y%m%d%H%M")
        url = sent.status_callback
        return SignedForm(url, params, twilio_signature(token, url, params))

    def post_status(
        self, sid: str, status: str, *, error_code: str | None = None
    ) -> httpx.Response:
        response = self.post(self.status_form(sid, status, error_code=error_code))
        with self._lock:
            self.status_posts.append((sid, status, response.status_code))
        return response

    def deliver(self, sid: str) -> None:
        """Report `sent`, then `delivered`, as a carrier would, a moment apart."""
        for status in ("sent", "delivered"):
            time.sleep(self.status_delay)
            self.post_status(sid, status)

    def post(self, form: SignedForm) -> httpx.Response:
        return self.http.post(form.url, content=form.encoded(), headers=form.headers())

    # -- helpers for tests and the simulator ---------------------------------------

    def conversation(self, texters: Iterable[str], after: int = 0) -> list[Exchange]:
        wanted = set(texters)
        with self._lock:
            return [e for e in self.exchanges[after:] if e.texter in wanted]

    def _in_background(self, target: Any, *args: Any) -> None:
        def run() -> None:
            # An unreachable helpline: Twilio gives up on the report too.
            with contextlib.suppress(httpx.HTTPError):
                target(*args)

        thread = threading.Thread(target=run, daemon=True, name="fake-twilio-callback")
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def wait_for_callbacks(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
