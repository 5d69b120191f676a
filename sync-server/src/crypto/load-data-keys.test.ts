import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../people/bootstrap';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { CryptoError } from './crypto-error';
import { decryptField, encryptField } from './field-cipher';
import { generateKeyMaterial } from './key-material';
import { loadDataKeys } from './load-data-keys';

let dir: string;
let keyFile: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-key-check-'));
  keyFile = join(dir, 'data.key');
  db = await openSqliteDatabase(join(dir, 'crm.sqlite'));
  await migrate(db);
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const b64 = (): string => randomBytes(32).toString('base64');

/** A first start: keys from the file (created) or `envValue`, then the bootstrap. */
async function firstStart(envValue?: string) {
  const ring = await loadDataKeys(db, { keyFile, envValue });
  await bootstrap(db, { adminEmail: 'admin@example.com', now: new Date() });
  return ring;
}

async function refusal(envValue?: string): Promise<CryptoError> {
  const error: unknown = await loadDataKeys(db, { keyFile, envValue }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CryptoError);
  expect((error as CryptoError).code).toBe('key-mismatch');
  return error as CryptoError;
}

function expectNoKeyMaterial(message: string, ...materials: string[]): void {
  for (const material of materials) {
    for (const [, key] of material.matchAll(/=([A-Za-z0-9+/]{43}=)/g)) {
      expect(message).not.toContain(key);
    }
  }
}

describe('data keys checked against the database', () => {
  it('starts again with the same key file, and the keys still read the data', async () => {
    const first = await firstStart();
    const stored = encryptField(first, 'mobile', '13812345678');
    const again = await loadDataKeys(db, { keyFile, envValue: undefined });
    expect(decryptField(again, 'mobile', stored)).toBe('13812345678');
  });

  it('refuses to start when the key file of a set-up database is missing, and creates none', async () => {
    await firstStart();
    unlinkSync(keyFile);
    const error = await refusal();
    expect(error.message).toContain(keyFile);
    expect(error.message).toContain('数据密钥文件');
    expect(error.message).toContain('is missing');
    expect(existsSync(keyFile)).toBe(false);
  });

  it('refuses a key file replaced by other keys, naming it and no key material', async () => {
    await firstStart();
    const old = readFileSync(keyFile, 'utf8');
    const other = generateKeyMaterial();
    writeFileSync(keyFile, other, { mode: 0o600 });
    const error = await refusal();
    expect(error.message).toContain(keyFile);
    expect(error.message).toContain('index');
    expectNoKeyMaterial(error.message, old, other);
  });

  it('refuses a CRM_DATA_KEY other than the one the data was written with', async () => {
    const index = b64();
    await firstStart(`active=k1;index=${index};key.k1=${b64()}`);
    const otherIndex = await refusal(`active=k1;index=${b64()};key.k1=${b64()}`);
    expect(otherIndex.message).toContain('CRM_DATA_KEY');
    const otherK1 = `active=k1;index=${index};key.k1=${b64()}`;
    const error = await refusal(otherK1);
    expect(error.message).toContain("data key 'k1'");
    expect(error.message).toContain("数据密钥 'k1'");
    expect(error.message).toContain('CRM_DATA_KEY');
    expectNoKeyMaterial(error.message, otherK1);
  });

  it('starts after a rotation adds a new active key beside the old one, and then checks it too', async () => {
    const index = b64();
    const k1 = b64();
    const first = await firstStart(`active=k1;index=${index};key.k1=${k1}`);
    const old = encryptField(first, 'mobile', '13812345678');
    const k2 = b64();
    const rotated = await loadDataKeys(db, {
      keyFile,
      envValue: `active=k2;index=${index};key.k1=${k1};key.k2=${k2}`,
    });
    expect(rotated.active.id).toBe('k2');
    expect(decryptField(rotated, 'mobile', old)).toBe('13812345678');
    // Once k2 has been used, another k2 is refused as well.
    const error = await refusal(`active=k2;index=${index};key.k1=${k1};key.k2=${b64()}`);
    expect(error.message).toContain("'k2'");
    // Dropping the retired key after re-encryption still starts.
    await loadDataKeys(db, { keyFile, envValue: `active=k2;index=${index};key.k2=${k2}` });
  });

  it('stores the check on a database set up before checks existed, without a new key file', async () => {
    await bootstrap(db, { adminEmail: 'admin@example.com', now: new Date() });
    expect(await refusal()).toBeInstanceOf(CryptoError);
    writeFileSync(keyFile, generateKeyMaterial(), { mode: 0o600 });
    await loadDataKeys(db, { keyFile, envValue: undefined });
    const row = await db.get<{ value: string }>(
      "SELECT value FROM settings WHERE key = 'dataKeyCheck'",
    );
    expect(row).toBeDefined();
    expectNoKeyMaterial(row?.value ?? '', readFileSync(keyFile, 'utf8'));
  });
});
