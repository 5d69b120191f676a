import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CryptoError } from './crypto-error';

/** Raw key input: an id and 32 key bytes (AES-256). */
export interface DataKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * A key held by the ring. It is a `KeyObject`, not a Buffer, so that logging or serialising a ring
 * or a key by mistake prints no key bytes.
 */
export interface RingKey {
  readonly id: string;
  readonly key: KeyObject;
}

/** Data keys by id (old ones kept so rotated data still decrypts), the active one, the index key. */
export interface KeyRing {
  /** The key new ciphertexts are written under. */
  readonly active: RingKey;
  /** Every data key id, in the order given. */
  readonly ids: readonly string[];
  /**
   * The blind-index (HMAC) key. It is separate from the data keys on purpose: blind indexes must
   * stay stable when the data key rotates, or every stored hash would need recomputing.
   */
  readonly indexKey: KeyObject;
  /** The data key with this id, for decrypting; undefined when the ring does not hold it. */
  byId(id: string): RingKey | undefined;
}

/** Key ids appear in stored ciphertexts (`v1.<id>.…`), so they must not contain a dot. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** AES-256 and HMAC-SHA256 keys are both 32 bytes. */
export const KEY_BYTES = 32;

/**
 * Builds a key ring; throws `CryptoError('invalid-key-material')` naming the problem (never the
 * bytes) when a key is not 32 bytes, an id is invalid or repeated, the active id is missing, or
 * the index key reuses a data key.
 * @example createKeyRing([{ id: 'k1', key: randomBytes(32) }], 'k1', randomBytes(32)).active.id // 'k1'
 */
export function createKeyRing(
  keys: readonly DataKey[],
  activeId: string,
  indexKey: Buffer,
): KeyRing {
  const byId = new Map<string, RingKey>();
  for (const { id, key } of keys) {
    if (!KEY_ID_PATTERN.test(id)) {
      throw invalid(`data key id must be 1-32 letters, digits, '_' or '-'`);
    }
    if (byId.has(id)) throw invalid(`data key id '${id}' appears more than once`);
    if (key.length !== KEY_BYTES) {
      throw invalid(`data key '${id}' must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    for (const other of keys) {
      if (other.id !== id && other.key.equals(key)) {
        throw invalid(`data keys '${id}' and '${other.id}' are identical`);
      }
    }
    // createSecretKey copies the bytes, so later changes to the caller's Buffer do not reach us.
    byId.set(id, Object.freeze({ id, key: createSecretKey(key) }));
  }
  if (byId.size === 0) throw invalid('no data key given');
  const active = byId.get(activeId);
  if (active === undefined) {
    throw invalid(`active data key '${safeId(activeId)}' is not among the data keys`);
  }
  if (indexKey.length !== KEY_BYTES) {
    throw invalid(`index key must be ${KEY_BYTES} bytes, got ${indexKey.length}`);
  }
  // Using one key for both AES-GCM and HMAC would tie the index to data-key rotation and break
  // key separation.
  if (keys.some((k) => k.key.equals(indexKey))) {
    throw invalid('index key must differ from every data key');
  }
  const ids = Object.freeze([...byId.keys()]);
  const index = createSecretKey(indexKey);
  return Object.freeze({
    active,
    ids,
    indexKey: index,
    byId: (id: string) => byId.get(id),
  });
}

/** Echoes an id in an error only when it looks like an id, so a pasted key never lands in a log. */
export function safeId(id: string): string {
  return KEY_ID_PATTERN.test(id) ? id : '(invalid id)';
}

function invalid(message: string): CryptoError {
  return new CryptoError('invalid-key-material', message);
}
