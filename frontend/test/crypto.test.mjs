// The browser formats against the vectors that Python made.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256 as NativeKem, HkdfSha256 } from "@hpke/core";
import { DhkemX25519HkdfSha256 } from "@hpke/dhkem-x25519";

import vectors from "../../havre/vault/vectors.json" with { type: "json" };
import * as c from "../src/crypto.ts";

const fromHex = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const utf8 = (text) => new TextEncoder().encode(text);
const programPrivate = c.b64d(vectors.program.private_key);
const programPublic = c.b64d(vectors.program.public_key);
const memberPrivate = c.b64d(vectors.member.private_key);
const builders = { message_info: c.messageInfo, grant_info: c.grantInfo, info: c.info };
const kdfVector = (v) => [v.password, c.b64d(v.salt), c.kdfParamsFromDict(v.params)];

describe("Python-made vectors", () => {
  for (const vector of vectors.sealed) {
    test(`opens the sealed ${vector.name} message`, async () => {
      const info = builders[vector.builder](...vector.args);
      assert.equal(new TextDecoder().decode(info), vector.info);
      const key = vector.recipient === "member" ? memberPrivate : programPrivate;

      const plaintext = await c.openSealed(key, c.b64d(vector.sealed), info);

      assert.deepEqual(plaintext, c.b64d(vector.plaintext));
      if ("text" in vector) assert.equal(new TextDecoder().decode(plaintext), vector.text);
    });
  }

  test("builds the same info bytes", () => {
    for (const vector of vectors.info) {
      assert.deepEqual(c.info(...vector.parts), utf8(vector.info));
    }
  });

  test("pads to the same buckets", () => {
    for (const vector of vectors.padding) {
      assert.equal(c.paddedSize(vector.length), vector.padded_size);
      assert.equal(c.pad(new Uint8Array(vector.length)).length, vector.padded_size);
    }
  });

  for (const vector of vectors.argon2id) {
    test(`derives the same keys from "${vector.password}"`, async () => {
      const master = await c.deriveMaster(...kdfVector(vector));
      assert.equal(c.b64e(master), vector.master);

      const { loginSecret, wrapKey } = await c.splitMaster(master);

      assert.equal(c.b64e(loginSecret), vector.login_secret);
      assert.equal(c.b64e(wrapKey), vector.wrap_key);
    });
  }

  test("unwraps the member's private key with the password", async () => {
    const vector = vectors.wrapped;
    const master = await c.deriveMaster(...kdfVector(vectors.argon2id[vector.password_vector]));
    const { wrapKey } = await c.splitMaster(master);
    const aad = c.wrapAad(vector.user_id);
    assert.deepEqual(aad, utf8(vector.aad));

    const privateKey = await c.unwrapPrivateKey(wrapKey, c.b64d(vector.wrapped), aad);

    assert.deepEqual(privateKey, c.b64d(vector.private_key));
    await assert.rejects(c.unwrapPrivateKey(wrapKey, c.b64d(vector.wrapped), c.wrapAad(vectors.program.id)), c.FormatError);
  });

  test("computes the same fingerprints and public keys", async () => {
    for (const vector of vectors.fingerprints) {
      assert.equal(await c.fingerprint(c.b64d(vector.public_key)), vector.fingerprint);
    }
    assert.deepEqual(await c.publicFromPrivate(programPrivate), programPublic);
  });

  test("writes and reads the same recovery document", async () => {
    const vector = vectors.recovery;
    const privateKey = c.b64d(vector.private_key);

    assert.equal(await c.recoveryDocument(vector.program, privateKey), vector.document);
    const parsed = await c.parseRecoveryDocument(vector.document);

    assert.equal(parsed.programId, vector.program);
    assert.deepEqual(parsed.privateKey, privateKey);
    assert.deepEqual(parsed.publicKey, await c.publicFromPrivate(privateKey));
  });

  test("refuses a recovery document whose keys do not match", async () => {
    const document = JSON.parse(vectors.recovery.document);
    document.public_key = vectors.member.public_key;
    await assert.rejects(c.parseRecoveryDocument(JSON.stringify(document)), /do not match/);
  });
});

describe("RFC 9180 A.1.1", () => {
  test("the same HPKE suite opens the published first encryption", async () => {
    const v = vectors.rfc9180_a1;
    const kem = new DhkemX25519HkdfSha256();
    const suite = new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes128Gcm() });
    assert.deepEqual(await c.publicFromPrivate(fromHex(v.skRm)), fromHex(v.pkRm));

    const plaintext = await suite.open(
      { recipientKey: await kem.deserializePrivateKey(fromHex(v.skRm)), enc: fromHex(v.enc), info: fromHex(v.info) },
      fromHex(v.ct),
      fromHex(v.aad),
    );

    assert.deepEqual(new Uint8Array(plaintext), fromHex(v.pt));
  });
});

describe("sealing in JavaScript", () => {
  const ids = [vectors.program.id, "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b", "5ea1ed00-0000-4000-8000-000000000001"];

  test("round trips, and refuses any tampered byte or another context", async () => {
    const info = c.messageInfo(...ids, "out");
    const sealed = await c.seal(programPublic, utf8("on est là pour vous"), info);
    assert.equal(sealed.length, c.ENC_SIZE + 64 + c.TAG_SIZE);
    assert.deepEqual(await c.openSealed(programPrivate, sealed, info), utf8("on est là pour vous"));

    for (let i = 0; i < sealed.length; i += 7) {
      const tampered = sealed.slice();
      tampered[i] ^= 1;
      await assert.rejects(c.openSealed(programPrivate, tampered, info), c.FormatError);
    }
    await assert.rejects(c.openSealed(programPrivate, sealed, c.messageInfo(...ids, "in")), c.FormatError);
    await assert.rejects(c.openSealed(memberPrivate, sealed, info), c.FormatError);
  });

  test("generated key pairs match", async () => {
    const { privateKey, publicKey } = await c.generateKeypair();
    assert.deepEqual(await c.publicFromPrivate(privateKey), publicKey);
  });

  test("refuses ambiguous info parts and malformed input", async () => {
    assert.throws(() => c.info("a|b"), c.FormatError);
    assert.throws(() => c.messageInfo(...ids, "body"), c.FormatError);
    assert.throws(() => c.messageInfo(ids[0].toUpperCase(), ids[1], ids[2], "in"), c.FormatError);
    assert.throws(() => c.grantInfo(ids[0], -1, ids[2]), c.FormatError);
    assert.throws(() => c.info("\uD800"), c.FormatError);
    assert.deepEqual(c.info("🌻"), utf8("havre/v1|🌻"));
    assert.throws(() => c.unpad(c.pad(utf8("x")).subarray(0, 63)), c.FormatError);
    for (const bad of ["-_8=", "+/8", "a", "ab c", "-_9"]) assert.throws(() => c.b64d(bad), c.FormatError);
    await assert.rejects(c.seal(new Uint8Array(32), utf8("x"), c.info()), c.FormatError);
  });

  test("reads and checks KDF parameters", () => {
    const stored = c.kdfParamsToDict(c.DEFAULT_KDF_PARAMS);
    assert.deepEqual(stored, { algorithm: "argon2id", time_cost: 3, memory_kib: 65536, parallelism: 1 });
    assert.deepEqual(c.kdfParamsFromDict(stored), c.DEFAULT_KDF_PARAMS);
    assert.ok(c.isStrongEnough(c.DEFAULT_KDF_PARAMS));
    assert.ok(!c.isStrongEnough(c.kdfParamsFromDict(vectors.argon2id[0].params)));
    assert.throws(() => c.kdfParamsFromDict({ ...stored, algorithm: "pbkdf2" }), c.FormatError);
  });
});

// Last in the file: from here on the module uses the JavaScript X25519.
describe("the browser's X25519 and the JavaScript one", () => {
  const info = c.messageInfo(vectors.program.id, "0b8e4f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b", "5ea1ed00-0000-4000-8000-000000000001", "in");

  test("each opens the Python-made vectors and what the other sealed", async () => {
    assert.equal(await c.x25519Kind(), "native");
    const byNative = await c.seal(programPublic, utf8("je suis là"), info);
    await assert.rejects(c.seal(new Uint8Array(32), utf8("x"), c.info()), c.FormatError);

    c.useJavaScriptX25519();
    assert.equal(await c.x25519Kind(), "javascript");
    assert.deepEqual(await c.openSealed(programPrivate, byNative, info), utf8("je suis là"));
    for (const vector of vectors.sealed) {
      const key = vector.recipient === "member" ? memberPrivate : programPrivate;
      const plaintext = await c.openSealed(key, c.b64d(vector.sealed), builders[vector.builder](...vector.args));
      assert.deepEqual(plaintext, c.b64d(vector.plaintext), vector.name);
    }
    const byJavaScript = await c.seal(programPublic, utf8("on vous croit"), info);
    await assert.rejects(c.seal(new Uint8Array(32), utf8("x"), c.info()), c.FormatError);
    await assert.rejects(c.openSealed(memberPrivate, byJavaScript, info), c.FormatError);

    const native = new CipherSuite({ kem: new NativeKem(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
    const recipientKey = await native.kem.deserializePrivateKey(programPrivate.slice().buffer);
    const opened = await native.open(
      { recipientKey, enc: byJavaScript.slice(0, c.ENC_SIZE).buffer, info },
      byJavaScript.slice(c.ENC_SIZE).buffer,
    );
    assert.deepEqual(c.unpad(new Uint8Array(opened)), utf8("on vous croit"));
  });
});
