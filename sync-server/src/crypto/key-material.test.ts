import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './crypto-error';
import { generateKeyMaterial, parseKeyMaterial } from './key-material';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const index = randomBytes(32).toString('base64');
const secrets = [k1, k2, index];

function parseError(text: string): CryptoError {
  try {
    parseKeyMaterial(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    const cryptoError = error as CryptoError;
    expect(cryptoError.code).toBe('invalid-key-material');
    // No 8-character window of any key may reach the message.
    for (const secret of secrets) {
      for (let i = 0; i + 8 <= secret.length; i += 1) {
        expect(cryptoError.message).not.toContain(secret.slice(i, i + 8));
      }
    }
    return cryptoError;
  }
  throw new Error('expected parseKeyMaterial to throw');
}

describe('generateKeyMaterial', () => {
  it('produces material that parses to one active key k1 and an index key', () => {
    const ring = parseKeyMaterial(generateKeyMaterial());
    expect(ring.ids).toEqual(['k1']);
    expect(ring.active.id).toBe('k1');
    expect(ring.active.key.symmetricKeySize).toBe(32);
    expect(ring.indexKey.symmetricKeySize).toBe(32);
  });

  it('produces fresh keys each time', () => {
    const a = parseKeyMaterial(generateKeyMaterial());
    const b = parseKeyMaterial(generateKeyMaterial());
    expect(a.active.key.equals(b.active.key)).toBe(false);
    expect(a.indexKey.equals(b.indexKey)).toBe(false);
  });
});

describe('parseKeyMaterial', () => {
  it('reads a rotated key file with comments, blank lines, CRLF and a BOM', () => {
    const text = `\uFEFF# keys\r\n\r\nactive=k2\r\nindex=${index}\r\nkey.k1=${k1}\r\n  key.k2 = ${k2}  \r\n`;
    const ring = parseKeyMaterial(text);
    expect(ring.ids).toEqual(['k1', 'k2']);
    expect(ring.active.id).toBe('k2');
    expect(ring.byId('k1')?.key.export().toString('base64')).toBe(k1);
    expect(ring.indexKey.export().toString('base64')).toBe(index);
  });

  it('reads the one-line form used in CRM_DATA_KEY', () => {
    const ring = parseKeyMaterial(`active=k1;index=${index};key.k1=${k1}`);
    expect(ring.active.key.export().toString('base64')).toBe(k1);
  });

  it.each([
    ['no data key', `active=k1\nindex=${index}`, /no data key/],
    ['no active line', `index=${index}\nkey.k1=${k1}`, /missing active=/],
    ['no index key', `active=k1\nkey.k1=${k1}`, /missing index=/],
    [
      'an active id without key',
      `active=k2\nindex=${index}\nkey.k1=${k1}`,
      /active key 'k2' has no key\.k2=/,
    ],
    [
      'a truncated key',
      `active=k1\nindex=${index}\nkey.k1=${k1.slice(0, 30)}`,
      /line 3: key 'k1' must be 32 bytes in base64.*got 30 characters/,
    ],
    [
      'a key with a typo',
      `active=k1\nindex=${index}\nkey.k1=${k1.slice(0, 20)}!${k1.slice(21)}`,
      /line 3: key 'k1' must be 32 bytes/,
    ],
    [
      'a truncated index key',
      `active=k1\nindex=${index.slice(1)}\nkey.k1=${k1}`,
      /line 2: index must be 32 bytes/,
    ],
    [
      'a bare pasted key',
      `active=k1\nindex=${index}\nkey.k1=${k1}\n${k2}`,
      /line 4: unknown entry/,
    ],
    [
      'a line without =',
      `active=k1\nindex=${index}\nkey.k1=${k1}\n${k2.slice(0, 40)}`,
      /line 4: expected name=value/,
    ],
    [
      'a key pasted as id',
      `active=k1\nindex=${index}\nkey.k1=${k1}\nkey.${k2}=${k2}`,
      /line 4: key id must be/,
    ],
    [
      'a key pasted as active',
      `active=${k2}\nindex=${index}\nkey.k1=${k1}`,
      /line 1: active must be a key id/,
    ],
    [
      'a repeated key',
      `active=k1\nindex=${index}\nkey.k1=${k1}\nkey.k1=${k2}`,
      /line 4: key 'k1' given twice/,
    ],
    [
      'a repeated index',
      `active=k1\nindex=${index}\nindex=${k2}\nkey.k1=${k1}`,
      /line 3: 'index' given twice/,
    ],
    [
      'a repeated active',
      `active=k1\nactive=k1\nindex=${index}\nkey.k1=${k1}`,
      /line 2: 'active' given twice/,
    ],
    [
      'a bad entry in the one-line form',
      `active=k1;index=${index};key.k1=${k1};${k2}`,
      /entry 4: unknown entry/,
    ],
    [
      'an index key equal to a data key',
      `active=k1\nindex=${k1}\nkey.k1=${k1}`,
      /index key must differ/,
    ],
  ])('refuses %s, saying where and what without key bytes', (_name, text, message) => {
    expect(parseError(text).message).toMatch(message);
  });
});

describe('parseKeyMaterial errors', () => {
  it('are in Chinese, then English, like every other setting error', () => {
    const cases: [string, RegExp][] = [
      ['active=k1', /^没有数据密钥.* \/ no data key/],
      [
        'active=k1;index=short',
        /^第 2 项：index 须为 32 字节的 base64.* \/ entry 2: index must be 32 bytes/,
      ],
      ['bogus', /^第 1 项：应为 名称=值 \/ entry 1: expected name=value$/],
    ];
    for (const [material, message] of cases) {
      expect(() => parseKeyMaterial(material)).toThrow(message);
    }
  });
});
