// The keyring refuses to seal to an epoch key the server sent unless it is the
// one its own program private key derives: a server that slipped in a key of
// its own would otherwise receive texts sealed to it.
// Run with `npm test`, which bundles this file first (it imports TypeScript).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import * as c from "../src/crypto.ts";
import { Keyring } from "../src/session.ts";

async function memberJson({ epochKey, grantClaims } = {}) {
  const userId = crypto.randomUUID();
  const programId = crypto.randomUUID();
  const wrapKey = crypto.getRandomValues(new Uint8Array(32));
  const member = await c.generateKeypair();
  const program = await c.generateKeypair();
  const sealedGrant = await c.seal(member.publicKey, program.privateKey, c.grantInfo(programId, 1, userId));
  const json = {
    id: userId,
    email: "ada@refuge.example",
    display_name: "Ada",
    role: "advocate",
    language: "en",
    program: { id: programId, name: "Refuge", idle_lock_minutes: 15 },
    kdf: { salt: c.b64e(new Uint8Array(16)), params: {} },
    public_key: c.b64e(member.publicKey),
    wrapped_private_key: c.b64e(await c.wrapPrivateKey(wrapKey, member.privateKey, c.wrapAad(userId))),
    grants: [{ epoch: 1, public_key: c.b64e(grantClaims ?? program.publicKey), sealed_key: c.b64e(sealedGrant) }],
    current_epoch: { number: 1, public_key: c.b64e(epochKey ?? program.publicKey) },
  };
  return { json, wrapKey, program };
}

describe("the key a browser seals to", () => {
  test("is the one its own program private key derives", async () => {
    const { json, wrapKey, program } = await memberJson();
    const keyring = await Keyring.open(json, wrapKey);
    const sealing = await keyring.sealingKey();
    assert.equal(sealing.number, 1);
    assert.deepEqual(sealing.publicKey, program.publicKey);
  });

  test("is refused when the server sends another epoch key", async () => {
    const stranger = await c.generateKeypair();
    const { json, wrapKey } = await memberJson({ epochKey: stranger.publicKey });
    const keyring = await Keyring.open(json, wrapKey);
    assert.equal(keyring.holdsCurrentKey, true);
    await assert.rejects(keyring.sealingKey(), { code: "epoch_key_mismatch" });
  });

  test("is never taken from a grant whose key does not match what it claims", async () => {
    const stranger = await c.generateKeypair();
    const { json, wrapKey } = await memberJson({ epochKey: stranger.publicKey, grantClaims: stranger.publicKey });
    const keyring = await Keyring.open(json, wrapKey);
    assert.equal(keyring.holdsCurrentKey, false);
    await assert.rejects(keyring.sealingKey(), { code: "no_program_key" });
  });
});
