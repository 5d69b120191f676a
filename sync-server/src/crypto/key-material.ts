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
 * Errors, in Chinese and English, name the line and what is wrong, never a value.
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
      const whereZh = multiline ? `第 ${lineIndex + 1} 行` : `第 ${entryNumber} 项`;
      const equals = entry.indexOf('=');
      // Not echoing the entry: a bare base64 key would end up in the message.
      if (equals <= 0) throw invalid(`${whereZh}：应为 名称=值`, `${where}: expected name=value`);
      const name = entry.slice(0, equals).trim();
      const value = entry.slice(equals + 1).trim();

      if (name === 'active') {
        if (activeId !== undefined)
          throw invalid(`${whereZh}：active 出现了两次`, `${where}: 'active' given twice`);
        if (!KEY_ID_PATTERN.test(value)) {
          throw invalid(
            `${whereZh}：active 须为密钥编号（1 到 32 个字母、数字、_ 或 -）`,
            `${where}: active must be a key id (1-32 letters, digits, '_' or '-')`,
          );
        }
        activeId = value;
      } else if (name === 'index') {
        if (indexKey !== undefined)
          throw invalid(`${whereZh}：index 出现了两次`, `${where}: 'index' given twice`);
        indexKey = decodeKey(value, `${whereZh}：index`, `${where}: index`);
      } else if (name.startsWith('key.')) {
        const id = name.slice('key.'.length);
        if (!KEY_ID_PATTERN.test(id)) {
          throw invalid(
            `${whereZh}：密钥编号须为 1 到 32 个字母、数字、_ 或 -`,
            `${where}: key id must be 1-32 letters, digits, '_' or '-'`,
          );
        }
        if (keys.some((k) => k.id === id)) {
          throw invalid(`${whereZh}：密钥 '${id}' 出现了两次`, `${where}: key '${id}' given twice`);
        }
        keys.push({
          id,
          key: decodeKey(value, `${whereZh}：密钥 '${id}'`, `${where}: key '${id}'`),
        });
      } else {
        throw invalid(
          `${whereZh}：未知的条目（应为 active=、index= 或 key.<编号>=）`,
          `${where}: unknown entry (expected active=, index= or key.<id>=)`,
        );
      }
    }
  }

  if (keys.length === 0) {
    throw invalid('没有数据密钥（key.<编号>=<base64>）', 'no data key (key.<id>=<base64>) given');
  }
  if (activeId === undefined) throw invalid('缺少 active=<密钥编号>', 'missing active=<key id>');
  if (indexKey === undefined) {
    throw invalid(
      '缺少 index=<base64>（盲索引密钥）',
      'missing index=<base64> (the blind-index key)',
    );
  }
  if (!keys.some((k) => k.id === activeId)) {
    throw invalid(
      `活动密钥 '${safeId(activeId)}' 没有对应的 key.${safeId(activeId)}= 条目`,
      `active key '${safeId(activeId)}' has no key.${safeId(activeId)}= entry`,
    );
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

function decodeKey(value: string, whatZh: string, what: string): Buffer {
  if (!BASE64_KEY.test(value)) {
    throw invalid(
      `${whatZh} 须为 ${KEY_BYTES} 字节的 base64（44 个字符，以 '=' 结尾），实为 ${value.length} 个字符`,
      `${what} must be ${KEY_BYTES} bytes in base64 (44 characters ending in '='), got ${value.length} characters`,
    );
  }
  return Buffer.from(value, 'base64');
}

// In Chinese and English, like every other setting's error: the admin reading it may read either.
function invalid(zh: string, en: string): CryptoError {
  return new CryptoError('invalid-key-material', `${zh} / ${en}`);
}
