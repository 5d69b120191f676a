import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CryptoError } from './crypto-error';
import { createKeyFileExclusively, loadOrCreateKeyFile } from './data-key-file';
import { generateKeyMaterial, parseKeyMaterial } from './key-material';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-keys-'));
});

/** The base64 key values in some material, to assert they never reach an error message. */
function keyValues(material: string): string[] {
  return [...material.matchAll(/=([A-Za-z0-9+/]{43}=)/g)].map((m) => m[1] ?? '');
}

function failure(run: () => unknown): CryptoError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return error as CryptoError;
  }
  throw new Error('expected a CryptoError');
}

function expectNoKeys(message: string, material: string): void {
  const keys = keyValues(material);
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) {
    for (let i = 0; i + 8 <= key.length; i += 1) expect(message).not.toContain(key.slice(i, i + 8));
  }
}

describe('loadOrCreateKeyFile', () => {
  it('creates the directory and a mode-600 key file on first start', () => {
    const path = join(dir, 'nested', 'keys', 'data.key');
    const result = loadOrCreateKeyFile(path);
    expect(result.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested', 'keys')).mode & 0o077).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(result.material);
    expect(parseKeyMaterial(result.material).active.id).toBe('k1');
    // The temp file used for the atomic write is gone.
    expect(readdirSync(join(dir, 'nested', 'keys'))).toEqual(['data.key']);
  });

  it('reuses the file on the next start', () => {
    const path = join(dir, 'data.key');
    const first = loadOrCreateKeyFile(path);
    const second = loadOrCreateKeyFile(path);
    expect(second).toEqual({ material: first.material, created: false });
  });

  it('uses CRM_DATA_KEY over the file and creates no file', () => {
    const path = join(dir, 'data.key');
    const env = generateKeyMaterial().replaceAll('\n', ';');
    expect(loadOrCreateKeyFile(path, env)).toEqual({ material: env, created: false });
    expect(readdirSync(dir)).toEqual([]);

    writeFileSync(path, generateKeyMaterial(), { mode: 0o600 });
    expect(loadOrCreateKeyFile(path, env).material).toBe(env);
  });

  it('treats an undefined CRM_DATA_KEY as unset', () => {
    const path = join(dir, 'data.key');
    expect(loadOrCreateKeyFile(path, undefined).created).toBe(true);
  });

  it('refuses an empty CRM_DATA_KEY rather than generating new keys', () => {
    const error = failure(() => loadOrCreateKeyFile(join(dir, 'data.key'), '  '));
    expect(error.message).toMatch(/CRM_DATA_KEY is set but empty/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an invalid CRM_DATA_KEY, naming the variable but no key', () => {
    const material = generateKeyMaterial().replace('active=k1', 'active=k9');
    const error = failure(() => loadOrCreateKeyFile(join(dir, 'data.key'), material));
    expect(error.code).toBe('invalid-key-material');
    // In Chinese, then English, like every other setting's error.
    expect(error.message).toMatch(/^CRM_DATA_KEY: 活动密钥 'k9' .* \/ active key 'k9'/);
    expectNoKeys(error.message, material);
  });

  it.each(['644', '640', '604', '660'])(
    'refuses a key file with mode %s, naming it and saying to chmod 600',
    (mode) => {
      const path = join(dir, 'data.key');
      const material = generateKeyMaterial();
      writeFileSync(path, material);
      chmodSync(path, parseInt(mode, 8));
      const error = failure(() => loadOrCreateKeyFile(path));
      expect(error.code).toBe('insecure-key-file');
      expect(error.message).toContain(path);
      expect(error.message).toContain(`chmod 600 ${path}`);
      expectNoKeys(error.message, material);
      // Refusing must not replace the file.
      expect(readFileSync(path, 'utf8')).toBe(material);
    },
  );

  it('accepts a read-only owner file (mode 400)', () => {
    const path = join(dir, 'data.key');
    const material = generateKeyMaterial();
    writeFileSync(path, material);
    chmodSync(path, 0o400);
    expect(loadOrCreateKeyFile(path)).toEqual({ material, created: false });
  });

  it('refuses a corrupt key file, naming the file and line but no key', () => {
    const path = join(dir, 'data.key');
    const material = generateKeyMaterial().replace(/key\.k1=(.{10})/, 'key.k1=$1!');
    writeFileSync(path, material, { mode: 0o600 });
    const error = failure(() => loadOrCreateKeyFile(path));
    expect(error.message).toContain(`key file ${path}: 第 7 行：密钥 'k1'`);
    expect(error.message).toContain(` / line 7: key 'k1'`);
    expectNoKeys(error.message, material);
  });
});

describe('createKeyFileExclusively', () => {
  it('never overwrites a key file another process created first', () => {
    const path = join(dir, 'data.key');
    const first = generateKeyMaterial();
    writeFileSync(path, first, { mode: 0o600 });
    expect(createKeyFileExclusively(path, generateKeyMaterial())).toBe(first);
    expect(readFileSync(path, 'utf8')).toBe(first);
    expect(readdirSync(dir)).toEqual(['data.key']);
  });
});
