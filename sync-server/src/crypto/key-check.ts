import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Database } from '../storage/database';
import type { KeyRing } from './key-ring';

/** The `settings` row that holds the check; also a sign that the database has been set up. */
export const KEY_CHECK_SETTING = 'dataKeyCheck';

// A fixed, public label: what is stored proves a key without revealing anything about it.
const LABEL = 'sheet-crm data key check v1';
const IV_BYTES = 12;

/**
 * Stored as JSON: the index key's HMAC of the label, and per data key ID the label sealed with
 * that key (AES-256-GCM); never a key itself.
 */
interface StoredCheck {
  index: string;
  keys: Record<string, string>;
}

/** Whether the ring holds the keys this database's data was written with. */
export type KeyCheckResult =
  | { ok: true }
  | { ok: false; mismatch: 'index' }
  | { ok: false; mismatch: 'data-key'; keyId: string };

/**
 * Compares the ring with the check stored in the database, storing it on first use. The index key
 * must match; each data key the check knows must match, and a data key it does not know yet (a
 * rotation added one) is added. A data key the check knows but the ring lacks is not an error
 * here: reading a field under it fails on its own, naming the key.
 * @example if (!(await checkKeyRing(db, ring)).ok) refuseToStart();
 */
export async function checkKeyRing(db: Database, ring: KeyRing): Promise<KeyCheckResult> {
  // Note: one transaction, so that instances starting at once on a fresh PostgreSQL database
  // agree on one check and an instance with other keys is refused.
  return db.write(async (tx) => {
    const row = await tx.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
      KEY_CHECK_SETTING,
    ]);
    const index = indexCheck(ring.indexKey);
    const check: StoredCheck =
      row === undefined ? { index, keys: {} } : (JSON.parse(row.value) as StoredCheck);
    if (!sameText(check.index, index)) return { ok: false, mismatch: 'index' };
    let changed = row === undefined;
    for (const id of ring.ids) {
      const key = ring.byId(id)?.key;
      if (key === undefined) continue;
      const sealed = check.keys[id];
      if (sealed === undefined) {
        check.keys[id] = seal(key);
        changed = true;
      } else if (!opens(key, sealed)) {
        return { ok: false, mismatch: 'data-key', keyId: id };
      }
    }
    if (changed) {
      await tx.run(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [KEY_CHECK_SETTING, JSON.stringify(check)],
      );
    }
    return { ok: true };
  });
}

function indexCheck(indexKey: KeyObject): string {
  return createHmac('sha256', indexKey).update(LABEL).digest('base64url');
}

function seal(key: KeyObject): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  const sealed = Buffer.concat([cipher.update(LABEL, 'utf8'), cipher.final()]);
  return [iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

function opens(key: KeyObject, sealed: string): boolean {
  const [iv, ciphertext, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (iv === undefined || ciphertext === undefined || tag === undefined || tag.length !== 16) {
    return false;
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    return plain.toString('utf8') === LABEL;
  } catch {
    return false;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
