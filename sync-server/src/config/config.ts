import { resolve } from 'node:path';
import { z } from 'zod';
import { signingKeyProblem } from '../audit/signing-key-setting';
import { isOriginEntry } from '../http/cors-origins';

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== ''),
);

/** A list that, once set, must name at least one entry (`","` is a typo, not an empty list). */
const nonEmptyList = list.pipe(
  z
    .array(z.string())
    .min(1, '须至少有一项（逗号分隔） / must name at least one entry (comma-separated)'),
);

// Decimal digits only: Number() would take " " as 0 and "0x50" as 80.
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(
      /^\d{1,10}$/,
      `须为 ${min} 到 ${max} 之间的十进制整数 / must be a whole number from ${min} to ${max}`,
    )
    .transform(Number)
    .pipe(
      z
        .number()
        .min(
          min,
          `须为 ${min} 到 ${max} 之间的十进制整数 / must be a whole number from ${min} to ${max}`,
        )
        .max(
          max,
          `须为 ${min} 到 ${max} 之间的十进制整数 / must be a whole number from ${min} to ${max}`,
        ),
    );

const positiveInt = (fallback: number) => wholeNumber(1, Number.MAX_SAFE_INTEGER).default(fallback);

/**
 * Every setting, read once from the environment at start. A bad setting stops the start with a
 * message that names it; secrets are never echoed back.
 */
export const configSchema = z.object({
  PORT: wholeNumber(0, 65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  CRM_DATA_DIR: z.string().min(1).default('./data'),
  CRM_DATA_KEY: z.string().min(1).optional(),
  /**
   * PostgreSQL for several instances (postgres://user:password@host/db); unset: SQLite in the
   * data directory. Every instance on one database needs the same CRM_DATA_KEY and
   * CRM_AUDIT_SIGNING_KEY.
   */
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//i,
      '须以 postgres:// 或 postgresql:// 开头，或不设 / must start with postgres:// or postgresql://, or be unset',
    )
    .refine(
      (url) => URL.canParse(url),
      '不是有效的地址，请检查主机名和端口（0 到 65535） / is not a valid URL; check the host name and port (0 to 65535)',
    )
    .optional(),
  /** The Ed25519 key audit checkpoints are signed with; unset: a key file in the data directory. */
  CRM_AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  CRM_BOOTSTRAP_ADMIN_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{32,128}$/,
      '须为 32 到 128 个字母、数字、_ 或 - / 32 to 128 letters, digits, _ or -',
    )
    .optional(),
  CRM_BOOTSTRAP_ADMIN_EMAIL: z.string().email().default('admin@crm.local'),
  CRM_CORS_ORIGINS: list
    .pipe(
      z.array(
        z.string().refine(isOriginEntry, {
          error: ({ input }) =>
            `“${String(input)}”不是来源：须为 https://主机[:端口]，不含路径，子域名可写作 https://*.example.com / “${String(input)}” is not an origin: write https://host[:port] with no path, or https://*.example.com for subdomains`,
        }),
      ),
    )
    .default([]),
  CRM_MAX_BODY_BYTES: positiveInt(5 * 1024 * 1024),
  CRM_AUDIT_CHECKPOINT_SECONDS: positiveInt(3600),
  CRM_SIGNIN_MAX_FAILURES: positiveInt(10),
  CRM_SIGNIN_WINDOW_SECONDS: positiveInt(900),
  CRM_GOOGLE_AUDIENCE: nonEmptyList.optional(),
  CRM_GOOGLE_CERTS_URL: z.string().url().optional(),
  CRM_MS_JWKS_URL: z.string().url().optional(),
  CRM_MS_ISSUER: nonEmptyList.optional(),
  CRM_MS_AUDIENCE: nonEmptyList.optional(),
  /**
   * The Excel add-in's Entra app (application ID): set, the task pane offers Microsoft sign-in
   * (nested app authentication, or the Office dialog) for the scopes below; unset, API tokens.
   */
  CRM_MS_CLIENT_ID: z.string().uuid().optional(),
  CRM_MS_AUTHORITY: z
    .string()
    .url()
    .regex(/^https:\/\//, '须为 https:// 地址 / must be an https:// address')
    .default('https://login.microsoftonline.com/organizations'),
  /** The sync server's API scope(s) the add-in asks for, e.g. api://crm.example.com/<id>/access_as_user. */
  CRM_MS_SCOPES: nonEmptyList.optional(),
  /**
   * `true` behind one reverse proxy: the caller's address is the rightmost X-Forwarded-For entry,
   * the one that proxy appended (entries left of it come from the client).
   */
  CRM_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * `true`: seed one demo user per role and show their tokens on `/playground`. Only `npm start`
   * sets it (`--playground`); never on in production, and refused on a non-loopback HOST.
   */
  CRM_PLAYGROUND: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

// Values of these settings never appear in an error message.
const secretSettings = new Set([
  'CRM_DATA_KEY',
  'CRM_BOOTSTRAP_ADMIN_TOKEN',
  'DATABASE_URL',
  'CRM_AUDIT_SIGNING_KEY',
]);

/** Reads and validates the settings; each error names the setting and what is wrong with it. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const result = configSchema.safeParse(known);
  if (!result.success) {
    // The same check again with zod's Chinese messages: the same issues, in the same order.
    const chinese = configSchema.safeParse(known, { error: z.locales.zhCN().localeError });
    const zh = chinese.success ? [] : chinese.error.issues;
    return {
      ok: false,
      errors: result.error.issues.map((issue, i) => {
        const name = String(issue.path[0]);
        const shown = secretSettings.has(name) ? '' : ` (收到 / got "${String(known[name])}")`;
        const inChinese = zh[i]?.message;
        // Messages the schema words itself are in both languages already.
        const message =
          inChinese === undefined || inChinese === issue.message
            ? issue.message
            : `${inChinese} / ${issue.message}`;
        return `${name}: ${message}${shown}`;
      }),
    };
  }
  const keyErrors = [...sharedKeyErrors(result.data), ...microsoftSignInErrors(result.data)];
  if (keyErrors.length > 0) return { ok: false, errors: keyErrors };
  if (result.data.CRM_PLAYGROUND && !loopbackHosts.has(result.data.HOST)) {
    // Demo tokens are printed on a public page: only this machine may reach it.
    return {
      ok: false,
      errors: [
        `CRM_PLAYGROUND: 演示用户只用于本机上的服务器，HOST 须为 127.0.0.1、::1 或 localhost / demo users are only for a server on this machine; HOST must be 127.0.0.1, ::1 or localhost (收到 / got "${result.data.HOST}")`,
      ],
    };
  }
  return { ok: true, config: { ...result.data, dataDir: resolve(result.data.CRM_DATA_DIR) } };
}

/**
 * On one PostgreSQL database every instance must read what the others encrypted and sign the one
 * audit chain with one key, so both keys come from settings rather than from a file each
 * instance would create for itself.
 */
function sharedKeyErrors(data: z.infer<typeof configSchema>): string[] {
  const errors: string[] = [];
  const signingKey = data.CRM_AUDIT_SIGNING_KEY;
  if (signingKey !== undefined) {
    const problem = signingKeyProblem(signingKey);
    if (problem !== undefined) errors.push(`CRM_AUDIT_SIGNING_KEY: ${problem}`);
  }
  if (data.DATABASE_URL === undefined) return errors;
  if (data.CRM_DATA_KEY === undefined) {
    errors.push(
      'CRM_DATA_KEY: 设了 DATABASE_URL 就必须设置，且每个实例相同，否则实例之间读不了彼此加密的字段（见 README） / required with DATABASE_URL, the same on every instance, or they cannot read each other’s encrypted fields (see the README)',
    );
  }
  if (signingKey === undefined) {
    errors.push(
      'CRM_AUDIT_SIGNING_KEY: 设了 DATABASE_URL 就必须设置，且每个实例相同，否则审计检查点无法用同一把密钥验证（见 README） / required with DATABASE_URL, the same on every instance, or their audit checkpoints cannot be verified with one key (see the README)',
    );
  }
  return errors;
}

/**
 * Microsoft sign-in needs all three of its verifier settings; with only some of them the server
 * would start without it and refuse every Microsoft token, and with CRM_MS_CLIENT_ID the task
 * pane would offer a sign-in the server cannot verify.
 */
function microsoftSignInErrors(data: z.infer<typeof configSchema>): string[] {
  const verifier = {
    CRM_MS_JWKS_URL: data.CRM_MS_JWKS_URL,
    CRM_MS_ISSUER: data.CRM_MS_ISSUER,
    CRM_MS_AUDIENCE: data.CRM_MS_AUDIENCE,
  };
  const missing = Object.entries(verifier)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length === 0) return [];
  const set = Object.keys(verifier).filter((name) => !missing.includes(name));
  if (data.CRM_MS_CLIENT_ID !== undefined) set.unshift('CRM_MS_CLIENT_ID');
  if (set.length === 0) return [];
  return missing.map(
    (name) =>
      `${name}: 设了 ${set.join('、')} 就必须设置，否则 Microsoft 登录无法验证 / required with ${set.join(', ')}, or Microsoft sign-ins cannot be verified`,
  );
}
