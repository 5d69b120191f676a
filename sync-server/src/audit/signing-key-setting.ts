import { createPrivateKey, type KeyObject } from 'node:crypto';
import { createCheckpointSigner, type CheckpointSigner } from './checkpoint-signer';

/** What a `CRM_AUDIT_SIGNING_KEY` must be; errors say this, never the value. */
export const signingKeyFormat =
  'an Ed25519 private key: PKCS#8 PEM (line breaks may be written \\n), or its DER in base64';

/**
 * The checkpoint signer of the `CRM_AUDIT_SIGNING_KEY` setting, which every instance on one
 * PostgreSQL database shares so that they sign with one key. Kept out of the database on
 * purpose: checkpoints exist to reveal a database altered afterwards, which a key stored in it
 * could re-sign.
 */
export function signerFromSetting(value: string): CheckpointSigner {
  return createCheckpointSigner(privateKeyOf(value));
}

/** Why the setting's value is not a usable key, or undefined when it is. */
export function signingKeyProblem(value: string): string | undefined {
  try {
    privateKeyOf(value);
    return undefined;
  } catch {
    return `须为 Ed25519 私钥：PKCS#8 PEM（换行可写作 \\n），或其 DER 的 base64 / must be ${signingKeyFormat}`;
  }
}

function privateKeyOf(value: string): KeyObject {
  const text = value.trim().replace(/\\n/g, '\n');
  let key: KeyObject;
  try {
    if (text.startsWith('-----BEGIN')) {
      key = createPrivateKey(text);
    } else if (/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
      key = createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
    } else {
      throw new Error('neither PEM nor base64');
    }
  } catch {
    // The parser's own message could quote the input.
    throw new Error(`CRM_AUDIT_SIGNING_KEY must be ${signingKeyFormat}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`CRM_AUDIT_SIGNING_KEY must be ${signingKeyFormat}`);
  }
  return key;
}
