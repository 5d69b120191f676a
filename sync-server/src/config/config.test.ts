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
      CRM_BOOTSTRAP_ADMIN_EMAIL: 'not-an-email',
      CRM_CORS_ORIGINS: 'https://ok.example, not a url',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(3);
    expect(result.errors[0]).toBe(
      'PORT: 须为 0 到 65535 之间的十进制整数 / must be a whole number from 0 to 65535 (收到 / got "eighty")',
    );
    // In Chinese, then English: zod's own messages in both, the value as given.
    expect(result.errors[1]).toMatch(
      /^CRM_BOOTSTRAP_ADMIN_EMAIL: 无效.* \/ Invalid .* \(收到 \/ got "not-an-email"\)$/,
    );
    expect(result.errors[2]).toMatch(/^CRM_CORS_ORIGINS/);
  });

  it('refuses CORS entries that are not origins, naming each, rather than allowing "null"', () => {
    const bad = [
      'localhost:3000',
      'javascript:x',
      'https://*',
      'https://crm.example.com/app',
      'ftp://x.example',
    ];
    const result = loadConfig({
      CRM_CORS_ORIGINS: [
        'https://ok.example',
        'https://*.googleusercontent.com',
        'http://127.0.0.1:8080/',
        ...bad,
      ].join(','),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(bad.length);
    bad.forEach((entry, i) =>
      expect(result.errors[i]).toContain(`CRM_CORS_ORIGINS: “${entry}”不是来源`),
    );
  });

  it('refuses numbers that are not plain decimal digits, rather than reading them as 0 or 80', () => {
    for (const port of [' ', '0x50', '80.5', '1e3', '-1', '65536']) {
      const result = loadConfig({ PORT: port });
      expect(result.ok, port).toBe(false);
      if (result.ok) return;
      expect(result.errors).toEqual([
        `PORT: 须为 0 到 65535 之间的十进制整数 / must be a whole number from 0 to 65535 (收到 / got "${port}")`,
      ]);
    }
    const maxFailures = loadConfig({ CRM_SIGNIN_MAX_FAILURES: '0x5' });
    expect(maxFailures.ok).toBe(false);
    const ok = loadConfig({ PORT: '0', CRM_SIGNIN_MAX_FAILURES: '5' });
    expect(ok.ok && [ok.config.PORT, ok.config.CRM_SIGNIN_MAX_FAILURES]).toEqual([0, 5]);
  });

  it('refuses a list setting that names nothing, such as ","', () => {
    const result = loadConfig({ CRM_GOOGLE_AUDIENCE: ',', CRM_MS_SCOPES: ' , ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'CRM_GOOGLE_AUDIENCE: 须至少有一项（逗号分隔） / must name at least one entry (comma-separated) (收到 / got ",")',
      'CRM_MS_SCOPES: 须至少有一项（逗号分隔） / must name at least one entry (comma-separated) (收到 / got " , ")',
    ]);
  });

  it('refuses half of the Microsoft sign-in settings, naming each missing one', () => {
    const jwksOnly = loadConfig({ CRM_MS_JWKS_URL: 'https://login.example/keys' });
    expect(jwksOnly.ok).toBe(false);
    if (jwksOnly.ok) return;
    expect(jwksOnly.errors).toEqual([
      'CRM_MS_ISSUER: 设了 CRM_MS_JWKS_URL 就必须设置，否则 Microsoft 登录无法验证 / required with CRM_MS_JWKS_URL, or Microsoft sign-ins cannot be verified',
      'CRM_MS_AUDIENCE: 设了 CRM_MS_JWKS_URL 就必须设置，否则 Microsoft 登录无法验证 / required with CRM_MS_JWKS_URL, or Microsoft sign-ins cannot be verified',
    ]);
    const clientOnly = loadConfig({ CRM_MS_CLIENT_ID: '00000000-0000-4000-8000-000000000000' });
    expect(clientOnly.ok).toBe(false);
    if (clientOnly.ok) return;
    expect(clientOnly.errors.map((e) => e.split(':')[0])).toEqual([
      'CRM_MS_JWKS_URL',
      'CRM_MS_ISSUER',
      'CRM_MS_AUDIENCE',
    ]);
    expect(clientOnly.errors[0]).toContain('required with CRM_MS_CLIENT_ID');
    const all = loadConfig({
      CRM_MS_CLIENT_ID: '00000000-0000-4000-8000-000000000000',
      CRM_MS_JWKS_URL: 'https://login.example/keys',
      CRM_MS_ISSUER: 'https://login.example/tenant/v2.0',
      CRM_MS_AUDIENCE: 'api://crm',
    });
    expect(all.ok).toBe(true);
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

  it('refuses a database URL with a bad port, naming DATABASE_URL without repeating it', () => {
    const result = loadConfig({
      DATABASE_URL: 'postgres://crm:s3cret-pw@db.internal:99999/crm',
      CRM_DATA_KEY: dataKey,
      CRM_AUDIT_SIGNING_KEY: signingKey,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^DATABASE_URL: 不是有效的地址.* \/ is not a valid URL; check/,
    );
    expect(result.errors.join()).not.toContain('s3cret-pw');
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
