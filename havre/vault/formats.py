"""Havre's key and ciphertext formats: the one place that defines their bytes.

`frontend/src/crypto.ts` mirrors this module for the browser, and
`vectors.json` (made by `make_vectors`, checked by both sides' tests) pins the
bytes so that the two cannot drift apart.

Formats, version 1:

- Sealed value: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256),
  HKDF-SHA256, AES-128-GCM, stored as ``enc (32 bytes) || ciphertext``. The
  row's context goes into HPKE ``info`` (see `info`), so a ciphertext copied to
  another row, field or program does not open.
- Padding, applied before sealing so that lengths leak little: a 4-byte
  big-endian length, the plaintext, then zero bytes up to the bucket size.
  Buckets are 64, 128, 256, 512, 1024, 2048 and 4096 bytes, then the next
  multiple of 4096. A text message of up to 60 bytes therefore seals to
  32 + 64 + 16 = 112 bytes.
- Info: ``havre/v1`` followed by each part prefixed with ``|``. A part may not
  contain ``|``, so two different part lists never give the same bytes.
- Staff keys (as Bitwarden does): Argon2id(password, salt) gives a master key;
  HKDF-SHA256 splits it into a login secret, the only thing the browser sends,
  and a wrap key that never leaves the browser. The member's X25519 private key
  is stored wrapped with AES-256-GCM under the wrap key: ``nonce (12) || ct``.
- Routes: hex HMAC-SHA256(key, program id || 0x00 || address), where the
  address is an E.164 number, or for other channels a kind-prefixed form such
  as ``signal:<uuid>`` (see `havre.vault.addresses`).
- Server box: AES-256-GCM ``nonce (12) || ct`` under a key derived from the
  server's secret, for data the server itself must read later (provider tokens,
  short-lived relay payloads). Not zero-knowledge by design.

Base64url without padding (`b64e`, `b64d`) is the text form of all of these.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import hmac
import json
import os
import re
import unicodedata
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Final

from argon2.exceptions import HashingError
from argon2.low_level import ARGON2_VERSION, Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION: Final = "havre/v1"
KEY_SIZE: Final = 32
ENC_SIZE: Final = 32
TAG_SIZE: Final = 16
NONCE_SIZE: Final = 12
SALT_MIN_SIZE: Final = 16
# "visitor": a web chat message sealed to the visitor's own key, for her page.
MESSAGE_FIELDS: Final = frozenset({"in", "out", "number", "note", "visitor"})
RECOVERY_FORMAT: Final = "havre-recovery-key"

_LENGTH_PREFIX: Final = 4
_BUCKETS: Final = (64, 128, 256, 512, 1024, 2048, 4096)
_SUITE: Final = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_128_GCM)
_UUID_RE: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_E164_RE: Final = re.compile(r"\+[1-9][0-9]{1,14}")
_ROUTE_SUBJECT_RE: Final = re.compile(r"\+[1-9][0-9]{1,14}|[a-z]{2,16}:[A-Za-z0-9.+-]{1,160}")
_B64_RE: Final = re.compile(r"[A-Za-z0-9_-]*")


class FormatError(ValueError):
    """Input that is malformed, or a ciphertext that does not open.

    Deliberately one exception with a terse message: callers must not be able
    to tell a wrong key from a tampered byte.
    """


# -- text encodings -----------------------------------------------------------


def b64e(data: bytes) -> str:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text: str) -> bytes:
    """Strict inverse of `b64e`: no padding, no whitespace, canonical last character."""
    if not isinstance(text, str) or not _B64_RE.fullmatch(text) or len(text) % 4 == 1:
        raise FormatError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise FormatError("not base64url") from exc
    if b64e(data) != text:
        raise FormatError("not base64url")
    return data


# -- info strings ---------------------------------------------------------------


def info(*parts: str) -> bytes:
    """The HPKE info (or AEAD associated data) for a context: ``havre/v1|a|b...``."""
    for part in parts:
        if not isinstance(part, str) or "|" in part:
            raise FormatError("info parts are strings without '|'")
    return VERSION.encode() + b"".join(b"|" + _utf8(part) for part in parts)


def _utf8(text: str) -> bytes:
    try:
        return text.encode()
    except UnicodeEncodeError as exc:  # a lone surrogate, which browsers would replace
        raise FormatError("text is not valid Unicode") from exc


def _uuid(value: str | uuid.UUID) -> str:
    # Both languages must write the same bytes, so only the canonical form passes.
    text = str(value) if isinstance(value, uuid.UUID) else value
    if not isinstance(text, str) or not _UUID_RE.fullmatch(text):
        raise FormatError("ids are lowercase hyphenated UUIDs")
    return text


def message_info(
    program_id: str | uuid.UUID,
    conversation_id: str | uuid.UUID,
    message_id: str | uuid.UUID,
    field: str,
) -> bytes:
    """Info for one encrypted field of one message row."""
    if field not in MESSAGE_FIELDS:
        raise FormatError(f"field must be one of {sorted(MESSAGE_FIELDS)}")
    return info("message", _uuid(program_id), _uuid(conversation_id), _uuid(message_id), field)


def grant_info(program_id: str | uuid.UUID, epoch: int, user_id: str | uuid.UUID) -> bytes:
    """Info for the program private key of one epoch sealed to one member."""
    if isinstance(epoch, bool) or not isinstance(epoch, int) or epoch < 0:
        raise FormatError("epoch is a non-negative integer")
    return info("grant", _uuid(program_id), str(epoch), _uuid(user_id))


def wrap_aad(user_id: str | uuid.UUID) -> bytes:
    """Associated data for a member's wrapped private key."""
    return info("wrap", _uuid(user_id))


# -- padding --------------------------------------------------------------------


def padded_size(length: int) -> int:
    """Size of the padded form of a plaintext of `length` bytes."""
    needed = _LENGTH_PREFIX + length
    for bucket in _BUCKETS:
        if needed <= bucket:
            return bucket
    return -(-needed // 4096) * 4096


def pad(plaintext: bytes) -> bytes:
    if len(plaintext) >= 2**32:
        raise FormatError("plaintext too long")
    size = padded_size(len(plaintext))
    prefix = len(plaintext).to_bytes(_LENGTH_PREFIX, "big")
    return prefix + plaintext + bytes(size - _LENGTH_PREFIX - len(plaintext))


def unpad(padded: bytes) -> bytes:
    """Inverse of `pad`; only the exact padded form that `pad` makes is accepted."""
    if len(padded) < _LENGTH_PREFIX:
        raise FormatError("bad padding")
    length = int.from_bytes(padded[:_LENGTH_PREFIX], "big")
    end = _LENGTH_PREFIX + length
    if end > len(padded) or len(padded) != padded_size(length) or any(padded[end:]):
        raise FormatError("bad padding")
    return padded[_LENGTH_PREFIX:end]


# -- HPKE ------------------------------------------------------------------------


def _key_bytes(raw: bytes, what: str) -> bytes:
    # Database drivers hand binary columns back as memoryview.
    if not isinstance(raw, bytes | bytearray | memoryview) or len(raw) != KEY_SIZE:
        raise FormatError(f"{what} is 32 bytes")
    return bytes(raw)


def _private(raw: bytes) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(_key_bytes(raw, "an X25519 private key"))


def _public(raw: bytes) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(_key_bytes(raw, "an X25519 public key"))


def generate_keypair() -> tuple[bytes, bytes]:
    """A fresh X25519 key pair as raw ``(private, public)``."""
    key = X25519PrivateKey.generate()
    return key.private_bytes_raw(), key.public_key().public_bytes_raw()


def public_from_private(private_key: bytes) -> bytes:
    return _private(private_key).public_key().public_bytes_raw()


def seal(public_key: bytes, plaintext: bytes, info: bytes) -> bytes:
    """Pad `plaintext` and HPKE-encrypt it to `public_key`: ``enc || ct``."""
    recipient = _public(public_key)
    try:
        return _SUITE.encrypt(pad(plaintext), recipient, info)
    except ValueError as exc:  # a low-order public key gives no shared secret
        raise FormatError("cannot seal to this key") from exc


def open_sealed(private_key: bytes, sealed: bytes, info: bytes) -> bytes:
    """Inverse of `seal`; raises `FormatError` for any wrong key, info or byte."""
    recipient = _private(private_key)
    if len(sealed) < ENC_SIZE + TAG_SIZE + _BUCKETS[0]:
        raise FormatError("cannot open")
    try:
        padded = _SUITE.decrypt(sealed, recipient, info)
    except (InvalidTag, ValueError) as exc:
        raise FormatError("cannot open") from exc
    return unpad(padded)


# -- routing and blocking indexes -----------------------------------------------


def route(route_key: bytes, program_id: str | uuid.UUID, e164: str) -> str:
    """Index of a texter's address within a program, under a server-held key.

    The address is an E.164 number, or a kind-prefixed address of another
    channel (`havre.vault.addresses.route_subject`). The same construction,
    under a separate key, indexes blocked addresses.
    """
    if len(route_key) < 16:
        raise FormatError("route keys are at least 16 bytes")
    if not _ROUTE_SUBJECT_RE.fullmatch(e164):
        raise FormatError("address is not normalised")
    data = _uuid(program_id).encode() + b"\x00" + e164.encode()
    return hmac.new(route_key, data, hashlib.sha256).hexdigest()


# -- staff password derivation and key wrapping -----------------------------------


@dataclasses.dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, stored per member so that it can be raised later."""

    time_cost: int
    memory_kib: int
    parallelism: int

    DEFAULT: ClassVar[KdfParams]
    # Below this, the browser refuses to derive: a server that lowered a
    # member's parameters would otherwise make offline guessing cheap.
    MINIMUM: ClassVar[KdfParams]

    def __post_init__(self) -> None:
        for value in (self.time_cost, self.memory_kib, self.parallelism):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise FormatError("Argon2 parameters are positive integers")
        if self.memory_kib < 8 * self.parallelism:
            raise FormatError("Argon2 needs at least 8 KiB per lane")

    def to_dict(self) -> dict[str, Any]:
        return {"algorithm": "argon2id", **dataclasses.asdict(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KdfParams:
        if set(data) != {"algorithm", "time_cost", "memory_kib", "parallelism"}:
            raise FormatError("unexpected KDF parameter names")
        if data["algorithm"] != "argon2id":
            raise FormatError("unknown KDF")
        return cls(data["time_cost"], data["memory_kib"], data["parallelism"])

    def is_strong_enough(self) -> bool:
        minimum = KdfParams.MINIMUM
        return self.time_cost >= minimum.time_cost and self.memory_kib >= minimum.memory_kib


KdfParams.DEFAULT = KdfParams(time_cost=3, memory_kib=65536, parallelism=1)
KdfParams.MINIMUM = KdfParams(time_cost=2, memory_kib=19456, parallelism=1)


def _password_bytes(password: str) -> bytes:
    # NFC, so that "é" typed as one or two code points unlocks the same key on
    # every keyboard and operating system.
    return _utf8(unicodedata.normalize("NFC", password))


def derive_master(password: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id (version 19) of the NFC-normalised UTF-8 password: 32 bytes."""
    if len(salt) < SALT_MIN_SIZE:
        raise FormatError("salts are at least 16 bytes")
    try:
        return hash_secret_raw(
            secret=_password_bytes(password),
            salt=salt,
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            hash_len=KEY_SIZE,
            type=Type.ID,
            version=ARGON2_VERSION,
        )
    except HashingError as exc:
        raise FormatError("Argon2 refused these parameters") from exc


def _hkdf(key_material: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=None, info=label).derive(
        key_material
    )


def split_master(master: bytes) -> tuple[bytes, bytes]:
    """``(login_secret, wrap_key)``: the first is sent to the server, the second never."""
    if len(master) != KEY_SIZE:
        raise FormatError("a master key is 32 bytes")
    return _hkdf(master, info("login")), _hkdf(master, info("wrap"))


def _aes_seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    if len(key) != KEY_SIZE:
        raise FormatError("AES-256 keys are 32 bytes")
    nonce = os.urandom(NONCE_SIZE)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _aes_open(key: bytes, boxed: bytes, aad: bytes) -> bytes:
    if len(key) != KEY_SIZE:
        raise FormatError("AES-256 keys are 32 bytes")
    if len(boxed) < NONCE_SIZE + TAG_SIZE:
        raise FormatError("cannot open")
    try:
        return AESGCM(key).decrypt(boxed[:NONCE_SIZE], boxed[NONCE_SIZE:], aad)
    except InvalidTag as exc:
        raise FormatError("cannot open") from exc


def wrap_private_key(wrap_key: bytes, private_key: bytes, aad: bytes) -> bytes:
    """AES-256-GCM ``nonce || ct`` of a raw private key; `aad` is `wrap_aad(user_id)`."""
    _private(private_key)
    return _aes_seal(wrap_key, private_key, aad)


def unwrap_private_key(wrap_key: bytes, wrapped: bytes, aad: bytes) -> bytes:
    private_key = _aes_open(wrap_key, wrapped, aad)
    _private(private_key)
    return private_key


def fingerprint(public_key: bytes) -> str:
    """What two people read aloud to compare keys: ``abcd ef01 2345 6789 abcd``."""
    _public(public_key)
    digest = hashlib.sha256(public_key).digest()[:10].hex()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


# -- recovery file ----------------------------------------------------------------


def recovery_document(program_id: str | uuid.UUID, private_key: bytes) -> str:
    """The program private key as a file to print or keep offline.

    Written as ``JSON.stringify(doc, null, 2) + "\\n"`` writes it, so that the
    browser and the server produce the same text.
    """
    document = {
        "format": RECOVERY_FORMAT,
        "version": 1,
        "program": _uuid(program_id),
        "public_key": b64e(public_from_private(private_key)),
        "private_key": b64e(private_key),
    }
    return json.dumps(document, indent=2) + "\n"


def parse_recovery_document(text: str) -> tuple[str, bytes, bytes]:
    """``(program_id, private_key, public_key)``, after checking that the keys match."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise FormatError("not a recovery document") from exc
    if (
        not isinstance(document, dict)
        or document.get("format") != RECOVERY_FORMAT
        or document.get("version") != 1
        or not all(
            isinstance(document.get(k), str) for k in ("program", "public_key", "private_key")
        )
    ):
        raise FormatError("not a recovery document")
    program_id = _uuid(document["program"])
    private_key = b64d(document["private_key"])
    public_key = b64d(document["public_key"])
    _public(public_key)
    if not hmac.compare_digest(public_from_private(private_key), public_key):
        raise FormatError("the recovery document's keys do not match")
    return program_id, private_key, public_key


# -- server-side secret box -------------------------------------------------------


def server_key(secret: str, purpose: str) -> bytes:
    """A 32-byte key for one purpose, derived from HAVRE_SECRET_KEY."""
    if not secret:
        raise FormatError("empty server secret")
    return _hkdf(secret.encode(), info("server", purpose))


def box(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """AES-256-GCM ``nonce || ct`` under a `server_key`."""
    return _aes_seal(key, plaintext, aad)


def unbox(key: bytes, boxed: bytes, aad: bytes) -> bytes:
    return _aes_open(key, boxed, aad)


# -- shared test vectors ----------------------------------------------------------

VECTORS_PATH: Final = Path(__file__).with_name("vectors.json")

# RFC 9180, appendix A.1.1 (base mode, AES-128-GCM): the receiver key, the
# encapsulated key and the first encryption (sequence number 0).
RFC9180_A1: Final = {
    "skRm": "4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8",
    "pkRm": "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
    "info": "4f6465206f6e2061204772656369616e2055726e",
    "enc": "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
    "aad": "436f756e742d30",
    "pt": "4265617574792069732074727574682c20747275746820626561757479",
    "ct": "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a",
}


def _test_key(label: str) -> bytes:
    return hashlib.sha256(b"havre test vector, never a real key: " + label.encode()).digest()


def make_vectors() -> dict[str, Any]:
    """Vectors for both languages' tests. Sealing is randomised: rerunning changes them."""
    program_id = "6f1c2a5e-8d0b-4e57-9a43-2b7c1d9e0f11"
    conversation_id = "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b"
    user_id = "c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f"
    program_private = _test_key("program")
    program_public = public_from_private(program_private)
    member_private = _test_key("member")
    member_public = public_from_private(member_private)

    texts = {
        "ascii": ("in", "Hi, is this the helpline? I need to talk."),
        "french": ("out", "Bonjour, vous êtes en sécurité pour écrire ? Ça va aller."),
        "emoji": ("note", "thanks 🙏🏽 ❤️ — talk later 👋"),
        "empty": ("in", ""),
        "long": ("out", ("Long message, café ünïcode. " * 200)[:5000]),
        "number": ("number", "+15145550123"),
    }
    sealed = []
    for index, (name, (field, text)) in enumerate(texts.items()):
        message_id = str(uuid.UUID(int=0x5EA1ED0000004000800000000000 + index, version=4))
        args = [program_id, conversation_id, message_id, field]
        plaintext = text.encode()
        sealed.append(
            {
                "name": name,
                "builder": "message_info",
                "args": args,
                "info": message_info(*args).decode(),
                "text": text,
                "plaintext": b64e(plaintext),
                "sealed": b64e(seal(program_public, plaintext, message_info(*args))),
            }
        )
    # A staff note (handoff note): its info is built with the generic `info`,
    # by havre.vault.sealing.note_info in Python and crypto.ts `info` in the browser.
    note_args = ["note", program_id, conversation_id, "0a7e0000-0000-4000-8000-000000000001"]
    note_text = "Passation : elle rappelle après 21 h, code vu ensemble."
    sealed.append(
        {
            "name": "note",
            "builder": "info",
            "args": note_args,
            "info": info(*note_args).decode(),
            "text": note_text,
            "plaintext": b64e(note_text.encode()),
            "sealed": b64e(seal(program_public, note_text.encode(), info(*note_args))),
        }
    )
    grant_args: list[Any] = [program_id, 3, user_id]
    sealed.append(
        {
            "name": "grant",
            "builder": "grant_info",
            "args": grant_args,
            "info": grant_info(*grant_args).decode(),
            "recipient": "member",
            "plaintext": b64e(program_private),
            "sealed": b64e(seal(member_public, program_private, grant_info(*grant_args))),
        }
    )

    salt = hashlib.sha256(b"havre test salt").digest()[:16]
    small = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
    argon2: list[dict[str, Any]] = []
    for password, params in [
        ("correct horse battery staple", small),
        ("Mot de passe été 🌻", small),
        ("Mot de passe e\u0301te\u0301 🌻", small),  # decomposed accents, same key
        ("parallel lanes", KdfParams(time_cost=2, memory_kib=2048, parallelism=2)),
    ]:
        master = derive_master(password, salt, params)
        login_secret, wrap_key = split_master(master)
        argon2.append(
            {
                "password": password,
                "salt": b64e(salt),
                "params": params.to_dict(),
                "master": b64e(master),
                "login_secret": b64e(login_secret),
                "wrap_key": b64e(wrap_key),
            }
        )

    wrap_key = b64d(argon2[0]["wrap_key"])
    return {
        "description": (
            "Havre format vectors, made by havre.vault.formats.make_vectors. "
            "Every key here is public test data."
        ),
        "version": VERSION,
        "program": {
            "id": program_id,
            "private_key": b64e(program_private),
            "public_key": b64e(program_public),
        },
        "member": {
            "id": user_id,
            "private_key": b64e(member_private),
            "public_key": b64e(member_public),
        },
        "info": [
            {"parts": [], "info": info().decode()},
            {"parts": ["wrap", user_id], "info": info("wrap", user_id).decode()},
            {"parts": ["a", "", "é"], "info": info("a", "", "é").decode()},
        ],
        "padding": [
            {"length": n, "padded_size": padded_size(n)}
            for n in (0, 1, 60, 61, 124, 125, 4092, 4093, 5000, 8188, 8189)
        ],
        "sealed": sealed,
        "argon2id": argon2,
        "wrapped": {
            "user_id": user_id,
            "password_vector": 0,
            "aad": wrap_aad(user_id).decode(),
            "private_key": b64e(member_private),
            "wrapped": b64e(wrap_private_key(wrap_key, member_private, wrap_aad(user_id))),
        },
        "fingerprints": [
            {"public_key": b64e(key), "fingerprint": fingerprint(key)}
            for key in (program_public, member_public)
        ],
        "recovery": {
            "program": program_id,
            "private_key": b64e(program_private),
            "document": recovery_document(program_id, program_private),
        },
        "routes": [
            {
                "route_key": b64e(_test_key("route")),
                "program": program_id,
                "e164": "+15145550123",
                "route": route(_test_key("route"), program_id, "+15145550123"),
            }
        ],
        "server_box": {
            "secret": "test secret, never a real one",
            "purpose": "provider-token",
            "key": b64e(server_key("test secret, never a real one", "provider-token")),
        },
        "rfc9180_a1": {
            "source": "RFC 9180, A.1.1, first encryption (sequence number 0); hex",
            **RFC9180_A1,
        },
    }


if __name__ == "__main__":
    VECTORS_PATH.write_text(json.dumps(make_vectors(), indent=2, ensure_ascii=False) + "\n")
