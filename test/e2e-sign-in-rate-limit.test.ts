import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../shared/core/schemas/audit-entry';
import { startRealServer, type RealServer } from './support/real-server';

const maxFailures = 3;
const windowSeconds = 3;
// Loopback has every 127.x.y.z: the attacker calls from another address than the auditor, so
// the limiter sees two clients by their real socket addresses, no proxy header involved.
const attacker = '127.0.0.2';

let server: RealServer;
let auditor: string;
let sales: string;

beforeAll(async () => {
  server = await startRealServer({
    CRM_SIGNIN_MAX_FAILURES: String(maxFailures),
    CRM_SIGNIN_WINDOW_SECONDS: String(windowSeconds),
  });
  auditor = await server.addUser('u-auditor', 'auditor');
  sales = await server.addUser('u-sales', 'sales');
});
afterAll(async () => {
  await server.close();
});

/** GET /v1/me from the attacker's address. */
function meFromAttacker(token: string) {
  return meFrom(attacker, token);
}

/** GET /v1/me from `address`, with `token` or without credentials. */
function meFrom(address: string, token: string | undefined) {
  return new Promise<{ status: number; retryAfter: string | undefined; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/v1/me',
          localAddress: address,
          headers: {
            ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
            'accept-language': 'en',
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            const retryAfter = res.headers['retry-after'];
            resolve({ status: res.statusCode ?? 0, retryAfter, body });
          });
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('repeated failed sign-ins from one address', () => {
  it('are refused with 429 and Retry-After, a valid token too while the address is locked, audited, and let in again after the wait', async () => {
    for (let i = 0; i < maxFailures; i += 1) {
      expect((await meFromAttacker(`guessed-token-${i}`)).status).toBe(401);
    }
    const limited = await meFromAttacker('guessed-token-again');
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toMatchObject({ error: { code: 'rate_limited' } });
    const wait = Number(limited.retryAfter);
    expect(Number.isInteger(wait)).toBe(true);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(windowSeconds);
    // Checked before the token: while the address is locked, even a valid token waits.
    expect((await meFromAttacker(sales)).status).toBe(429);

    // Another address is not affected: the auditor reads the failures meanwhile.
    const audit = await server.request(auditor, 'GET', '/v1/audit?action=signin.failed');
    expect(audit.status).toBe(200);
    const failures = audit.body['entries'] as AuditEntry[];
    expect(failures).toHaveLength(maxFailures);
    for (const entry of failures) {
      expect(entry).toMatchObject({
        ip: attacker,
        actorId: null,
        outcome: 'failed',
        detail: 'unknown_token',
      });
    }
    // The guessed tokens themselves are not in the log.
    expect(JSON.stringify(audit.body)).not.toContain('guessed-token');

    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    const after = await meFromAttacker(sales);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body)).toMatchObject({ user: { id: 'u-sales' } });
  });

  it('keep counting across successful sign-ins, so one working token cannot clear the count between guesses', async () => {
    const user = '127.0.0.3';
    const answers: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < maxFailures - 1; i += 1)
        answers.push((await meFrom(user, `guess-${round}-${i}`)).status);
      answers.push((await meFrom(user, sales)).status);
    }
    // Refused from the first request after the third failure, the success between them counted for nothing.
    expect(answers.indexOf(429)).toBe(maxFailures + 1);
  });

  it('do not include requests without credentials, which are refused with 401 but not counted', async () => {
    const page = '127.0.0.4';
    for (let i = 0; i < maxFailures * 2; i += 1) {
      const anonymous = await meFrom(page, undefined);
      expect(anonymous.status).toBe(401);
      expect(JSON.parse(anonymous.body)).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect((await meFrom(page, sales)).status).toBe(200);
  });
});
