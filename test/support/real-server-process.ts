import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { RoleId } from './test-server';

/**
 * The production server (test/support/real-server.ts) in a child process, with a fake Google
 * identity provider beside it, for tests that block their own thread on HTTP (Apps Script's
 * synchronous UrlFetchApp). Users are created through the admin API, as an admin would.
 */
export async function startRealServerProcess() {
  const entry = fileURLToPath(new URL('./real-server-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  let ready: (message: Record<string, unknown>) => void = () => undefined;
  const started = new Promise<Record<string, unknown>>((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
  });
  lines.on('line', (line) => {
    const message = JSON.parse(line) as Record<string, unknown>;
    if (message['ready'] === true) ready(message);
    else waiting.get(Number(message['id']))?.(message);
  });
  const hello = await started;
  const port = Number(hello['port']);
  const adminToken = String(hello['adminToken']);
  const base = `http://127.0.0.1:${port}`;
  let next = 0;

  // This thread blocks for long stretches (the UrlFetchApp fake), which kept-alive connections
  // do not survive: every request here goes on a connection of its own.
  const request = (token: string, method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest(
        `${base}${path}`,
        {
          method,
          agent: false,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            try {
              resolve({
                status: res.statusCode ?? 0,
                body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
              });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const answer = await request(adminToken, method, path, body);
    if (answer.status >= 300)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };

  return {
    base,
    port,
    adminToken,
    request,
    asAdmin,
    /** The admin creates a user who signs in as `email`, and an API token for them. */
    async addUser(id: string, roleId: RoleId, email = `${id}@example.com`): Promise<string> {
      await asAdmin('PUT', `/v1/admin/users/${id}`, {
        email,
        displayName: id,
        roleId,
        team: 'east',
      });
      const created = await asAdmin('POST', `/v1/admin/users/${id}/tokens`, { label: 'test' });
      return String(created.body['token']);
    },
    /** A Google ID token for `email`, as ScriptApp.getIdentityToken() would give. */
    signGoogleIdToken(email: string): Promise<string> {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, (message) => resolve(String(message['token'])));
        child.stdin.write(`${JSON.stringify({ id, sign: { email, email_verified: true } })}\n`);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

export type RealServerProcess = Awaited<ReturnType<typeof startRealServerProcess>>;
