"""Havre's key and ciphertext formats, checked against the shared vectors."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.bindings._rust import openssl as rust_openssl

from havre.vault import formats as f
from havre.vault.formats import FormatError

VECTORS: dict[str, Any] = json.loads(f.VECTORS_PATH.read_text())
PROGRAM_PRIVATE = f.b64d(VECTORS["program"]["private_key"])
PROGRAM_PUBLIC = f.b64d(VECTORS["program"]["public_key"])
MEMBER_PRIVATE = f.b64d(VECTORS["member"]["private_key"])
PROGRAM = VECTORS["program"]["id"]
CONVERSATION = "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b"
MESSAGE = "5ea1ed00-0000-4000-8000-000000000001"
OTHER_MESSAGE = "5ea1ed00-0000-4000-8000-000000000002"
SMALL_KDF = f.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
BUILDERS: dict[str, Callable[..., bytes]] = {
    "message_info": f.message_info,
    "grant_info": f.grant_info,
    "info": f.info,
}


def sealed_vector_id(vector: dict[str, Any]) -> str:
    return str(vector["name"])


# -- the shared vectors ----------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS["sealed"], ids=sealed_vector_id)
def test_python_opens_every_sealed_vector(vector: dict[str, Any]) -> None:
    info = BUILDERS[vector["builder"]](*vector["args"])
    assert info == vector["info"].encode()
    private = MEMBER_PRIVATE if vector.get("recipient") == "member" else PROGRAM_PRIVATE

    plaintext = f.open_sealed(private, f.b64d(vector["sealed"]), info)

    assert plaintext == f.b64d(vector["plaintext"])
    if "text" in vector:
        assert plaintext.decode() == vector["text"]


def test_note_info_is_the_note_vectors_info() -> None:
    from havre.vault import sealing

    [vector] = [v for v in VECTORS["sealed"] if v["name"] == "note"]
    assert vector["args"][0] == "note"
    assert sealing.note_info(*vector["args"][1:]) == vector["info"].encode()


def test_vectors_cover_the_promised_texts() -> None:
    texts = [v.get("text") for v in VECTORS["sealed"]]
    assert "" in texts
    assert any("é" in (t or "") for t in texts)
    assert any("🙏" in (t or "") for t in texts)
    assert any(len(t or "") == 5000 for t in texts)


def test_sealed_vectors_have_the_padded_length() -> None:
    for vector in VECTORS["sealed"]:
        length = len(f.b64d(vector["plaintext"]))
        sealed = f.b64d(vector["sealed"])
        assert len(sealed) == f.ENC_SIZE + f.padded_size(length) + f.TAG_SIZE


def test_info_vectors() -> None:
    for vector in VECTORS["info"]:
        assert f.info(*vector["parts"]) == vector["info"].encode()


def test_padding_vectors() -> None:
    for vector in VECTORS["padding"]:
        assert f.padded_size(vector["length"]) == vector["padded_size"]


@pytest.mark.parametrize("vector", VECTORS["argon2id"], ids=lambda v: v["password"])
def test_argon2id_vectors(vector: dict[str, Any]) -> None:
    params = f.KdfParams.from_dict(vector["params"])

    master = f.derive_master(vector["password"], f.b64d(vector["salt"]), params)

    assert master == f.b64d(vector["master"])
    assert f.split_master(master) == (
        f.b64d(vector["login_secret"]),
        f.b64d(vector["wrap_key"]),
    )


def test_a_password_typed_with_decomposed_accents_gives_the_same_key() -> None:
    composed, decomposed = VECTORS["argon2id"][1], VECTORS["argon2id"][2]
    assert composed["password"] != decomposed["password"]
    assert composed["master"] == decomposed["master"]


def test_wrapped_key_vector_unwraps_with_the_password() -> None:
    vector = VECTORS["wrapped"]
    derivation = VECTORS["argon2id"][vector["password_vector"]]
    master = f.derive_master(
        derivation["password"],
        f.b64d(derivation["salt"]),
        f.KdfParams.from_dict(derivation["params"]),
    )
    _, wrap_key = f.split_master(master)
    aad = f.wrap_aad(vector["user_id"])
    assert aad == vector["aad"].encode() == f.info("wrap", vector["user_id"])

    private = f.unwrap_private_key(wrap_key, f.b64d(vector["wrapped"]), aad)

    assert private == f.b64d(vector["private_key"])


def test_fingerprint_vectors() -> None:
    for vector in VECTORS["fingerprints"]:
        assert f.fingerprint(f.b64d(vector["public_key"])) == vector["fingerprint"]


def test_recovery_document_vector() -> None:
    vector = VECTORS["recovery"]
    private = f.b64d(vector["private_key"])

    assert f.recovery_document(vector["program"], private) == vector["document"]
    assert f.parse_recovery_document(vector["document"]) == (
        vector["program"],
        private,
        f.public_from_private(private),
    )


def test_route_and_server_key_vectors() -> None:
    for vector in VECTORS["routes"]:
        key = f.b64d(vector["route_key"])
        assert f.route(key, vector["program"], vector["e164"]) == vector["route"]
    box = VECTORS["server_box"]
    assert f.server_key(box["secret"], box["purpose"]) == f.b64d(box["key"])


def test_rfc9180_first_encryption_opens() -> None:
    vector = {k: bytes.fromhex(v) for k, v in f.RFC9180_A1.items()}
    assert f.public_from_private(vector["skRm"]) == vector["pkRm"]
    # The published vector uses AAD, which the one-shot public API does not
    # take; cryptography exposes it privately for exactly this kind of check.
    decrypt_with_aad = getattr(rust_openssl.hpke, "_decrypt_with_aad", None)
    if decrypt_with_aad is None:
        pytest.skip("this cryptography release has no HPKE decryption with AAD")

    plaintext = decrypt_with_aad(
        f._SUITE,
        vector["enc"] + vector["ct"],
        f._private(vector["skRm"]),
        info=vector["info"],
        aad=vector["aad"],
    )

    assert plaintext == vector["pt"]


def test_committed_vectors_use_the_current_rfc_values() -> None:
    rfc = {k: v for k, v in VECTORS["rfc9180_a1"].items() if k != "source"}
    assert rfc == f.RFC9180_A1


# -- sealing ----------------------------------------------------------------------


def test_seal_round_trip_and_randomisation() -> None:
    private, public = f.generate_keypair()
    info = f.message_info(PROGRAM, CONVERSATION, MESSAGE, "in")

    first = f.seal(public, b"are you safe to talk?", info)
    second = f.seal(public, b"are you safe to talk?", info)

    assert first != second
    assert f.open_sealed(private, first, info) == b"are you safe to talk?"
    assert f.open_sealed(private, second, info) == b"are you safe to talk?"


def test_every_tampered_byte_is_refused() -> None:
    info = f.message_info(PROGRAM, CONVERSATION, MESSAGE, "out")
    sealed = f.seal(PROGRAM_PUBLIC, b"meet at the library", info)

    for index in range(len(sealed)):
        tampered = bytearray(sealed)
        tampered[index] ^= 0x01
        with pytest.raises(FormatError):
            f.open_sealed(PROGRAM_PRIVATE, bytes(tampered), info)


@pytest.mark.parametrize(
    "other_info",
    [
        f.message_info(PROGRAM, CONVERSATION, OTHER_MESSAGE, "in"),
        f.message_info(PROGRAM, CONVERSATION, MESSAGE, "out"),
        f.message_info(PROGRAM, CONVERSATION, MESSAGE, "note"),
        f.message_info(PROGRAM, "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2c", MESSAGE, "in"),
        f.message_info("6f1c2a5e-8d0b-4e57-9a43-2b7c1d9e0f12", CONVERSATION, MESSAGE, "in"),
        f.grant_info(PROGRAM, 1, MESSAGE),
        b"",
    ],
    ids=[
        "other message",
        "other direction",
        "note",
        "other conversation",
        "other program",
        "grant",
        "empty",
    ],
)
def test_a_ciphertext_moved_to_another_context_does_not_open(other_info: bytes) -> None:
    sealed = f.seal(PROGRAM_PUBLIC, b"hello", f.message_info(PROGRAM, CONVERSATION, MESSAGE, "in"))
    with pytest.raises(FormatError):
        f.open_sealed(PROGRAM_PRIVATE, sealed, other_info)


def test_another_private_key_does_not_open() -> None:
    info = f.message_info(PROGRAM, CONVERSATION, MESSAGE, "in")
    sealed = f.seal(PROGRAM_PUBLIC, b"hello", info)
    with pytest.raises(FormatError):
        f.open_sealed(MEMBER_PRIVATE, sealed, info)


def test_truncated_or_malformed_input_is_refused() -> None:
    info = f.message_info(PROGRAM, CONVERSATION, MESSAGE, "in")
    sealed = f.seal(PROGRAM_PUBLIC, b"hello", info)
    for bad in (b"", sealed[:32], sealed[:-1], sealed + b"\x00"):
        with pytest.raises(FormatError):
            f.open_sealed(PROGRAM_PRIVATE, bad, info)
    with pytest.raises(FormatError):
        f.seal(PROGRAM_PUBLIC[:31], b"hello", info)
    with pytest.raises(FormatError):
        f.seal(bytes(32), b"hello", info)  # low-order point
    with pytest.raises(FormatError):
        f.open_sealed(PROGRAM_PRIVATE[:31], sealed, info)


def test_a_grant_carries_the_program_key_to_a_member() -> None:
    member_private, member_public = f.generate_keypair()
    info = f.grant_info(PROGRAM, 2, MESSAGE)
    sealed = f.seal(member_public, PROGRAM_PRIVATE, info)

    assert f.open_sealed(member_private, sealed, info) == PROGRAM_PRIVATE
    with pytest.raises(FormatError):
        f.open_sealed(member_private, sealed, f.grant_info(PROGRAM, 3, MESSAGE))


def test_keypair_halves_match() -> None:
    private, public = f.generate_keypair()
    assert len(private) == len(public) == 32
    assert f.public_from_private(private) == public


# -- padding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "size"),
    [
        (0, 64),
        (60, 64),
        (61, 128),
        (252, 256),
        (253, 512),
        (2044, 2048),
        (4092, 4096),
        (4093, 8192),
        (8188, 8192),
        (8189, 12288),
        (100_000, 102_400),
    ],
)
def test_padding_buckets(length: int, size: int) -> None:
    padded = f.pad(b"x" * length)
    assert len(padded) == f.padded_size(length) == size
    assert padded[:4] == length.to_bytes(4, "big")
    assert f.unpad(padded) == b"x" * length


def test_unpad_accepts_only_what_pad_makes() -> None:
    padded = f.pad(b"hello")
    bad_inputs = [
        b"",
        b"\x00\x00\x00",
        padded[:-1],  # not a bucket size
        padded + bytes(64),  # a bucket, but too large for this length
        padded[:-1] + b"\x01",  # non-zero padding
        (200).to_bytes(4, "big") + padded[4:],  # length past the end
    ]
    for bad in bad_inputs:
        with pytest.raises(FormatError):
            f.unpad(bad)


# -- info -------------------------------------------------------------------------


def test_info_layout() -> None:
    assert f.info() == b"havre/v1"
    assert f.message_info(PROGRAM, CONVERSATION, MESSAGE, "number") == (
        f"havre/v1|message|{PROGRAM}|{CONVERSATION}|{MESSAGE}|number".encode()
    )
    assert f.grant_info(PROGRAM, 7, MESSAGE) == f"havre/v1|grant|{PROGRAM}|7|{MESSAGE}".encode()
    assert f.message_info(
        uuid.UUID(PROGRAM), uuid.UUID(CONVERSATION), uuid.UUID(MESSAGE), "in"
    ) == f.message_info(PROGRAM, CONVERSATION, MESSAGE, "in")


@pytest.mark.parametrize(
    "call",
    [
        lambda: f.info("a|b"),
        lambda: f.message_info(PROGRAM, CONVERSATION, MESSAGE, "body"),
        lambda: f.message_info(PROGRAM.upper(), CONVERSATION, MESSAGE, "in"),
        lambda: f.message_info(PROGRAM, CONVERSATION, "42", "in"),
        lambda: f.grant_info(PROGRAM, -1, MESSAGE),
        lambda: f.grant_info(PROGRAM, True, MESSAGE),
        lambda: f.info("\ud800"),
    ],
    ids=[
        "pipe",
        "unknown field",
        "uppercase uuid",
        "not a uuid",
        "negative epoch",
        "bool epoch",
        "lone surrogate",
    ],
)
def test_info_refuses_ambiguous_parts(call: Any) -> None:
    with pytest.raises(FormatError):
        call()


# -- routes -----------------------------------------------------------------------


def test_route_is_deterministic_and_separated_by_key_and_program() -> None:
    route_key, block_key = b"r" * 32, b"b" * 32
    number = "+33612345678"

    route = f.route(route_key, PROGRAM, number)

    assert route == f.route(route_key, PROGRAM, number)
    assert len(route) == 64
    assert set(route) <= set("0123456789abcdef")
    assert route != f.route(block_key, PROGRAM, number)
    assert route != f.route(route_key, "6f1c2a5e-8d0b-4e57-9a43-2b7c1d9e0f12", number)
    assert route != f.route(route_key, PROGRAM, "+33612345679")


def test_route_of_another_channels_address_differs_from_the_numbers() -> None:
    key = b"r" * 32
    number = "+33612345678"
    on_whatsapp = f.route(key, PROGRAM, "whatsapp:" + number)

    assert on_whatsapp != f.route(key, PROGRAM, number)
    assert len(f.route(key, PROGRAM, "signal:6a1c0f53-4b9d-4c3e-8e5f-2d7a9b1c0e4f")) == 64


@pytest.mark.parametrize(
    "number",
    ["0612345678", "+33 6 12 34 56 78", "+0612345678", "", "Signal:x", "whatsapp:", "a b:c"],
)
def test_route_refuses_numbers_that_are_not_e164(number: str) -> None:
    with pytest.raises(FormatError):
        f.route(b"r" * 32, PROGRAM, number)


def test_route_refuses_a_short_key() -> None:
    with pytest.raises(FormatError):
        f.route(b"short", PROGRAM, "+33612345678")


# -- staff keys -------------------------------------------------------------------


def test_login_secret_and_wrap_key_are_independent() -> None:
    master = f.derive_master("a long passphrase", b"s" * 16, SMALL_KDF)
    login_secret, wrap_key = f.split_master(master)
    assert len(login_secret) == len(wrap_key) == 32
    assert len({master, login_secret, wrap_key}) == 3


def test_salt_and_parameters_change_the_master_key() -> None:
    base = f.derive_master("a long passphrase", b"s" * 16, SMALL_KDF)
    assert base != f.derive_master("a long passphrase", b"t" * 16, SMALL_KDF)
    assert base != f.derive_master(
        "a long passphrase", b"s" * 16, f.KdfParams(time_cost=2, memory_kib=1024, parallelism=1)
    )
    with pytest.raises(FormatError):
        f.derive_master("a long passphrase", b"short salt", SMALL_KDF)


def test_wrong_password_does_not_unwrap() -> None:
    user = "c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f"
    private, _ = f.generate_keypair()
    _, wrap_key = f.split_master(f.derive_master("right passphrase", b"s" * 16, SMALL_KDF))
    _, wrong_key = f.split_master(f.derive_master("wrong passphrase", b"s" * 16, SMALL_KDF))
    wrapped = f.wrap_private_key(wrap_key, private, f.wrap_aad(user))

    assert f.unwrap_private_key(wrap_key, wrapped, f.wrap_aad(user)) == private
    with pytest.raises(FormatError):
        f.unwrap_private_key(wrong_key, wrapped, f.wrap_aad(user))
    with pytest.raises(FormatError):
        f.unwrap_private_key(wrap_key, wrapped, f.wrap_aad(MESSAGE))
    with pytest.raises(FormatError):
        f.unwrap_private_key(wrap_key, wrapped[:-1] + bytes([wrapped[-1] ^ 1]), f.wrap_aad(user))


def test_kdf_params_round_trip_and_validation() -> None:
    default = f.KdfParams.DEFAULT
    assert (default.time_cost, default.memory_kib, default.parallelism) == (3, 65536, 1)
    assert f.KdfParams.from_dict(default.to_dict()) == default
    assert default.to_dict()["algorithm"] == "argon2id"
    assert default.is_strong_enough()
    assert not SMALL_KDF.is_strong_enough()
    with pytest.raises(FormatError):
        f.KdfParams.from_dict({**default.to_dict(), "algorithm": "pbkdf2"})
    with pytest.raises(FormatError):
        f.KdfParams.from_dict({"time_cost": 3, "memory_kib": 65536, "parallelism": 1})
    with pytest.raises(FormatError):
        f.KdfParams(time_cost=0, memory_kib=65536, parallelism=1)
    with pytest.raises(FormatError):
        f.KdfParams(time_cost=3, memory_kib=8, parallelism=2)


def test_fingerprint_shape() -> None:
    fingerprint = f.fingerprint(PROGRAM_PUBLIC)
    groups = fingerprint.split(" ")
    assert len(groups) == 5
    assert all(len(g) == 4 and g == g.lower() for g in groups)
    assert fingerprint != f.fingerprint(f.public_from_private(MEMBER_PRIVATE))


# -- recovery file ----------------------------------------------------------------


def test_recovery_document_round_trip() -> None:
    private, public = f.generate_keypair()
    document = f.recovery_document(PROGRAM, private)

    assert json.loads(document)["format"] == "havre-recovery-key"
    assert f.parse_recovery_document(document) == (PROGRAM, private, public)


def test_recovery_document_with_mismatched_keys_is_refused() -> None:
    document = json.loads(f.recovery_document(PROGRAM, PROGRAM_PRIVATE))
    document["public_key"] = f.b64e(f.public_from_private(MEMBER_PRIVATE))
    with pytest.raises(FormatError, match="do not match"):
        f.parse_recovery_document(json.dumps(document))


@pytest.mark.parametrize(
    "change",
    [
        {"format": "something-else"},
        {"version": 2},
        {"private_key": "not base64!"},
        {"private_key": f.b64e(b"short")},
        {"program": 42},
    ],
)
def test_recovery_document_refuses_malformed_files(change: dict[str, Any]) -> None:
    document = json.loads(f.recovery_document(PROGRAM, PROGRAM_PRIVATE))
    with pytest.raises(FormatError):
        f.parse_recovery_document(json.dumps({**document, **change}))
    with pytest.raises(FormatError):
        f.parse_recovery_document("not json")


# -- server box -------------------------------------------------------------------


def test_server_box_round_trip_and_separation() -> None:
    tokens = f.server_key("server secret", "provider-token")
    relay = f.server_key("server secret", "relay")
    assert tokens != relay
    assert tokens != f.server_key("another secret", "provider-token")

    boxed = f.box(tokens, b"twilio auth token", b"channel 1")

    assert f.unbox(tokens, boxed, b"channel 1") == b"twilio auth token"
    for key, aad in [(relay, b"channel 1"), (tokens, b"channel 2")]:
        with pytest.raises(FormatError):
            f.unbox(key, boxed, aad)
    with pytest.raises(FormatError):
        f.server_key("", "relay")


# -- base64url --------------------------------------------------------------------


def test_base64url_is_strict() -> None:
    for data in (b"", b"\x00", b"\xff\xfe", b"hello world!"):
        assert f.b64d(f.b64e(data)) == data
        assert "=" not in f.b64e(data)
    assert f.b64e(b"\xfb\xff") == "-_8"
    for bad in ("-_8=", "+/8", "a", "ab c", "-_9", "é"):
        with pytest.raises(FormatError):
            f.b64d(bad)


def test_keys_and_ciphertexts_read_back_from_the_database_as_memoryview() -> None:
    info = f.message_info(PROGRAM, CONVERSATION, MESSAGE, "in")
    sealed = f.seal(memoryview(PROGRAM_PUBLIC), b"hello", info)  # type: ignore[arg-type]

    opened = f.open_sealed(memoryview(PROGRAM_PRIVATE), memoryview(sealed), info)  # type: ignore[arg-type]

    assert opened == b"hello"
