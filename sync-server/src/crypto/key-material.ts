import { randomBytes } from 'node:crypto';
import { CryptoError } from './crypto-error';
import { createKeyRing, KEY_BYTES, KEY_ID_PATTERN, safeId } from './key-ring';
import type { DataKey, KeyRing } from './key-ring';

// 32 bytes in standard base64 are always 43 characters and one '='; anything else is a typo or a
// truncated paste, which lenient Buffer decoding would silently accept.
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Parses key material into a key ring. Format: `name=value` entries separated by newlines or `;`
 * (so it also fits one env variable), `#` comments and blank lines ignored:
 *
 *     active=k2
 *     index=<32 bytes, base64>
 *     key.k1=<32 bytes, base64>
 *     key.k2=<32 bytes, base64>
 *
 * Errors name the line and what is wrong, never a value.
 * @example parseKeyMaterial(generateKeyMaterial()).active.id // 'k1'
 */
export function parseKeyMaterial(text: string): KeyRing {
  const multiline = text.includes('\n');
  let activeId: string | undefined;
  let indexKey: Buffer | undefined;
  const keys: DataKey[] = [];

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let entryNumber = 0;
  for (const [lineIndex, line] of lines.entries()) {
    for (const rawEntry of line.split(';')) {
      entryNumber += 1;
      const entry = rawEntry.trim();
      if (entry === '' || entry.startsWith('#')) continue;
      const where = multiline ? `line ${lineIndex + 1}` : `entry ${entryNumber}`;
      const equals = entry.indexOf('=');
      // Not echoing the entry: a bare base64 key would end up in the message.
      if (equals <= 0) throw invalid(`${where}: expected name=value`);
      const name = entry.slice(0, equals).trim();
      const value = entry.slice(equals + 1).trim();

      if (name === 'active') {
        if (activeId !== undefined) throw invalid(`${where}: 'active' given twice`);
        if (!KEY_ID_PATTERN.test(value)) {
          throw invalid(`${where}: active must be a key id (1-32 letters, digits, '_' or '-')`);
        }
        activeId = value;
      } else if (name === 'index') {
        if (indexKey !== undefined) throw invalid(`${where}: 'index' given twice`);
        indexKey = decodeKey(value, `${where}: index`);
      } else if (name.startsWith('key.')) {
        const id = name.slice('key.'.length);
        if (!KEY_ID_PATTERN.test(id)) {
          throw invalid(`${where}: key id must be 1-32 letters, digits, '_' or '-'`);
        }
        if (keys.some((k) => k.id === id)) throw invalid(`${where}: key '${id}' given twice`);
        keys.push({ id, key: decodeKey(value, `${where}: key '${id}'`) });
      } else {
        throw invalid(`${where}: unknown entry (expected active=, index= or key.<id>=)`);
      }
    }
  }

  if (keys.length === 0) throw invalid('no data key (key.<id>=<base64>) given');
  if (activeId === undefined) throw invalid('missing active=<key id>');
  if (indexKey === undefined) throw invalid('missing index=<base64> (the blind-index key)');
  if (!keys.some((k) => k.id === activeId)) {
    throw invalid(`active key '${safeId(activeId)}' has no key.${safeId(activeId)}= entry`);
  }
  return createKeyRing(keys, activeId, indexKey);
}

/**
 * Fresh key material for a first start: one data key `k1`, active, and an index key.
 * @example parseKeyMaterial(generateKeyMaterial()).ids // ['k1']
 */
export function generateKeyMaterial(): string {
  const b64 = (): string => randomBytes(KEY_BYTES).toString('base64');
  return [
    `# sheet-crm data keys, generated ${new Date().toISOString()}. Secret: never commit or log.`,
    '# Back this file up apart from the database: encrypted fields are unreadable without it.',
    '# To rotate: add key.k2=<32 random bytes, base64>, set active=k2, keep key.k1 until every',
    '# field is re-encrypted. Never change index=: duplicate checks and search depend on it.',
    'active=k1',
    `index=${b64()}`,
    `key.k1=${b64()}`,
    '',
  ].join('\n');
}

function decodeKey(value: string, what: string): Buffer {
  if (!BASE64_KEY.test(value)) {
    throw invalid(
      `${what} must be ${KEY_BYTES} bytes in base64 (44 characters ending in '='), got ${value.length} characters`,
    );
  }
  return Buffer.from(value, 'base64');
}

function invalid(message: string): CryptoError {
  return new CryptoError('invalid-key-material', message);
}
