import { describe, expect, it } from 'vitest';
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
    expect(result.errors[0]).toMatch(/^PORT: .*\(got "eighty"\)/);
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
