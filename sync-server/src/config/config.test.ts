import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyMaterial } from '../crypto/key-material';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('starts with defaults that work on a fresh machine', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.PORT).toBe(8787);
    expect(result.config.dataDir).toMatch(/\/data$/);
    expect(result.config.CRM_CORS_ORIGINS).toEqual([]);
  });

  it('names each bad setting and what is wrong', () => {
    const result = loadConfig({
      PORT: 'eighty',
      CRM_CORS_ORIGINS: 'https://ok.example, not a url',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    // In Chinese, then English: zod's own messages in both, the value as given.
    expect(result.errors[0]).toMatch(
      /^PORT: 无效输入.* \/ Invalid input.* \(收到 \/ got "eighty"\)$/,
    );
    expect(result.errors[1]).toMatch(/^CRM_CORS_ORIGINS/);
  });

  it('never echoes a secret setting back', () => {
    const result = loadConfig({ CRM_BOOTSTRAP_ADMIN_TOKEN: 'short-secret' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatch(/^CRM_BOOTSTRAP_ADMIN_TOKEN/);
    expect(result.errors.join()).not.toContain('short-secret');
  });
});

describe('loadConfig with DATABASE_URL (several instances on PostgreSQL)', () => {
  const url = 'postgres://crm:s3cret-pw@db.internal:5432/crm';
  const signingKey = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'der' })
    .toString('base64');
  const dataKey = generateKeyMaterial();

  it('requires the shared data key and signing key, naming each, without echoing the URL', () => {
    const result = loadConfig({ DATABASE_URL: url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(
      /^CRM_DATA_KEY: 设了 DATABASE_URL.* \/ required with DATABASE_URL/,
    );
    expect(result.errors[1]).toMatch(
      /^CRM_AUDIT_SIGNING_KEY: 设了 DATABASE_URL.* \/ required with DATABASE_URL/,
    );
    expect(result.errors.join()).not.toContain('s3cret-pw');
  });

  it('starts with both keys set, and keeps the URL', () => {
    const result = loadConfig({
      DATABASE_URL: url,
      CRM_DATA_KEY: dataKey,
      CRM_AUDIT_SIGNING_KEY: signingKey,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.DATABASE_URL).toBe(url);
    expect(result.config.CRM_AUDIT_SIGNING_KEY).toBe(signingKey);
  });

  it('refuses another kind of database URL without repeating it', () => {
    const result = loadConfig({
      DATABASE_URL: 'mysql://crm:s3cret-pw@db/crm',
      CRM_DATA_KEY: dataKey,
      CRM_AUDIT_SIGNING_KEY: signingKey,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'DATABASE_URL: 须以 postgres:// 或 postgresql:// 开头，或不设 / must start with postgres:// or postgresql://, or be unset',
    ]);
  });

  it('refuses a signing key that is not an Ed25519 private key, without repeating it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'der' })
      .toString('base64');
    for (const bad of [rsa, 'not-a-key', signingKey.slice(0, 20)]) {
      const result = loadConfig({ CRM_AUDIT_SIGNING_KEY: bad });
      expect(result.ok, bad.slice(0, 10)).toBe(false);
      if (result.ok) continue;
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(
        /^CRM_AUDIT_SIGNING_KEY: 须为 Ed25519 私钥.* \/ must be an Ed25519 private key/,
      );
      expect(result.errors[0]).not.toContain(bad);
    }
  });
});
