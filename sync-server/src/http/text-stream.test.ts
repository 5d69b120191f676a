import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeTestServer } from '../../../test/support/test-server';
import { appendAudit } from '../audit/audit-log';
import { listen, type NodeServer } from '../listen';

// A streamed file that fails partway must not look complete to the client, nor carry the
// database's error text, and the log must not get the stack.
let server: Awaited<ReturnType<typeof makeTestServer>>;
let http: NodeServer;
let logged: string[];
beforeEach(async () => {
  server = await makeTestServer();
  http = await listen(server.app.fetch, 0, '127.0.0.1');
  logged = [];
  const capture = (...args: unknown[]) =>
    void logged.push(args.map((a) => (a instanceof Error ? String(a.stack) : String(a))).join(' '));
  vi.spyOn(console, 'error').mockImplementation(capture);
  vi.spyOn(console, 'info').mockImplementation(capture);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise((resolve) => http.close(resolve));
  await server.close();
});

const secret = 'SQLITE_IOERR: disk I/O error at /srv/crm/data/crm.sqlite';

/** Makes the `n`th read of `table` fail like a broken disk. */
function failRead(table: string, n: number): void {
  const all = server.db.all.bind(server.db);
  let reads = 0;
  vi.spyOn(server.db, 'all').mockImplementation(async (sql, params) => {
    if (sql.includes(`FROM ${table}`) && ++reads === n) throw new Error(secret);
    return all(sql, params);
  });
}

/** Reads the body over a real port; `failed` tells whether the client saw a broken transfer. */
async function download(path: string, as: 'auditor' | 'supervisor' = 'auditor') {
  const { port } = http.address() as { port: number };
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { authorization: `Bearer ${server.tokens[as]}` },
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { status: res.status, text, failed: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { status: res.status, text, failed: true };
  }
}

function expectOneLogLine(): void {
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatch(/^\[[0-9a-f-]{36}\] streamed response failed: Error$/);
}

it('cuts the connection when an audit page fails partway through a JSONL pull', async () => {
  const entry = {
    ...{ actorId: null, actorRole: null, ip: null, userAgent: null, client: 'api' as const },
    ...{ action: 'signin.failed', recordId: null, fields: [], outcome: 'failed' as const },
    detail: 'x',
  };
  await server.db.write((tx) =>
    appendAudit(
      tx,
      Array.from({ length: 1100 }, () => entry),
      new Date(),
    ),
  );
  failRead('audit_log', 2);

  const got = await download('/v1/audit?format=jsonl');

  expect(got.status).toBe(200);
  expect(got.failed).toBe(true);
  expect(got.text).not.toContain('SQLITE_IOERR');
  // The first page arrived whole; nothing was written after it.
  expect(
    got.text
      .split('\n')
      .filter((line) => line !== '')
      .every((l) => l.startsWith('{')),
  ).toBe(true);
  expectOneLogLine();
});

it('cuts the connection when the first audit page of a CSV pull fails', async () => {
  failRead('audit_log', 1);

  const got = await download('/v1/audit?format=csv');

  expect(got.failed).toBe(true);
  expect(got.text).not.toContain('SQLITE_IOERR');
  expectOneLogLine();
});

it('cuts the connection when a customer export fails after its header', async () => {
  failRead('customers', 1);

  const got = await download('/v1/customers/export', 'supervisor');

  expect(got.status).toBe(200);
  expect(got.failed).toBe(true);
  expect(got.text).not.toContain('SQLITE_IOERR');
  expectOneLogLine();
});

it('fails the body for a caller without a socket too', async () => {
  failRead('audit_log', 1);
  const res = await server.app.request('/v1/audit?format=jsonl', {
    headers: { authorization: `Bearer ${server.tokens.auditor}` },
  });
  expect(res.status).toBe(200);
  await expect(res.text()).rejects.toThrow();
  expectOneLogLine();
});
