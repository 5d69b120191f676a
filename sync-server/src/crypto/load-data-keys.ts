import type { Database } from '../storage/database';
import { CryptoError } from './crypto-error';
import { loadOrCreateKeyFile, readKeyFile } from './data-key-file';
import { checkKeyRing, KEY_CHECK_SETTING } from './key-check';
import { parseKeyMaterial } from './key-material';
import type { KeyRing } from './key-ring';

/**
 * The key ring for this database: from `CRM_DATA_KEY` when set, else from the key file, which is
 * created only while the database has not been set up yet. The keys must match the check stored
 * in the database (see `checkKeyRing`); otherwise this throws `CryptoError('key-mismatch')` with
 * a message in Chinese and English naming the key's source, never key material.
 * @example const ring = await loadDataKeys(db, { keyFile: 'data/data.key', envValue: undefined });
 */
export async function loadDataKeys(
  db: Database,
  options: { keyFile: string; envValue: string | undefined },
): Promise<KeyRing> {
  const { keyFile, envValue } = options;
  const source =
    envValue === undefined
      ? { zh: `数据密钥文件 ${keyFile}`, en: `the data key file ${keyFile}` }
      : { zh: 'CRM_DATA_KEY', en: 'CRM_DATA_KEY' };
  let material: string;
  if (envValue === undefined && (await isSetUp(db))) {
    // A new key now would leave every encrypted field unreadable and every duplicate check
    // blind, so a missing file stops the start instead.
    const existing = readKeyFile(keyFile);
    if (existing === undefined) {
      throw mismatch(
        `数据密钥文件 ${keyFile} 不存在，但数据库已有数据；新生成的密钥读不了已加密的字段。请从备份恢复该文件，或在 CRM_DATA_KEY 中提供原来的密钥`,
        `the data key file ${keyFile} is missing, but the database already holds data that new keys could not read. Restore the file from its backup, or give the original keys in CRM_DATA_KEY`,
      );
    }
    material = existing;
  } else {
    material = loadOrCreateKeyFile(keyFile, envValue).material;
  }
  const ring = parseKeyMaterial(material);
  const check = await checkKeyRing(db, ring);
  if (check.ok) return ring;
  if (check.mismatch === 'index') {
    throw mismatch(
      `${source.zh} 中的 index 密钥不是本数据库建立时所用的那把，查重和搜索将无法匹配。请使用原来的密钥`,
      `the index key in ${source.en} is not the one this database was set up with; duplicate checks and search would stop matching. Use the original keys`,
    );
  }
  throw mismatch(
    `${source.zh} 中的数据密钥 '${check.keyId}' 不是本数据库中用 '${check.keyId}' 加密数据时所用的那把。请使用原来的密钥；轮换时请添加新的密钥编号，不要替换旧密钥`,
    `data key '${check.keyId}' in ${source.en} is not the key '${check.keyId}' this database's data was encrypted with. Use the original keys; to rotate, add a key under a new ID rather than replacing one`,
  );
}

async function isSetUp(db: Database): Promise<boolean> {
  const row = await db.get<{ key: string }>(
    "SELECT key FROM settings WHERE key IN ('bootstrapped', ?)",
    [KEY_CHECK_SETTING],
  );
  return row !== undefined;
}

function mismatch(zh: string, en: string): CryptoError {
  return new CryptoError('key-mismatch', `${zh} / ${en}`);
}
