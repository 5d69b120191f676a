import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointMessage, createCheckpointSigner, verifyCheckpoint } from './checkpoint-signer';
import { signerFromSetting, signingKeyProblem } from './signing-key-setting';

const { privateKey } = generateKeyPairSync('ed25519');
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
const expected = createCheckpointSigner(privateKey);

describe('CRM_AUDIT_SIGNING_KEY', () => {
  it('gives the same signer from PEM, from PEM written on one line with \\n, and from base64 DER', () => {
    for (const value of [pem, pem.replace(/\n/g, '\\n'), der, ` ${der}\n`]) {
      expect(signingKeyProblem(value)).toBeUndefined();
      const signer = signerFromSetting(value);
      expect(signer.keyId).toBe(expected.keyId);
      expect(signer.publicKeyPem).toBe(expected.publicKeyPem);
    }
  });

  it('signs checkpoints the shared public key verifies', () => {
    const signer = signerFromSetting(pem.replace(/\n/g, '\\n'));
    const unsigned = { seq: 3, headHash: 'a'.repeat(64), signedAt: '2025-03-01T00:00:00.000Z' };
    const checkpoint = {
      ...unsigned,
      keyId: signer.keyId,
      signature: signer.sign(checkpointMessage(unsigned)),
    };
    expect(verifyCheckpoint(checkpoint, expected.publicKeyPem)).toBe(true);
  });

  it('refuses other keys and garbage, never quoting them', () => {
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const publicOnly = expected.publicKeyPem;
    for (const bad of [ecKey, publicOnly, 'hunter2', der.slice(4), '']) {
      expect(signingKeyProblem(bad)).toMatch(
        /^须为 Ed25519 私钥.* \/ must be an Ed25519 private key/,
      );
      expect(() => signerFromSetting(bad)).toThrow(/^CRM_AUDIT_SIGNING_KEY must be/);
      try {
        signerFromSetting(bad);
      } catch (error) {
        if (bad !== '') expect(String(error)).not.toContain(bad.slice(0, 40));
      }
    }
  });
});
