import { connect } from 'node:net';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeTestServer } from '../../../test/support/test-server';
import { listen, type NodeServer } from '../listen';
import { unreadableRequest } from './unreadable-request';

let server: Awaited<ReturnType<typeof makeTestServer>>;
let http: NodeServer;
beforeEach(async () => {
  server = await makeTestServer();
  http = await listen(server.app.fetch, 0, '127.0.0.1');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise((resolve) => http.close(resolve));
  await server.close();
});

/** Sends a request as written over a raw socket (fetch would refuse such a Host) and parses it. */
async function rawRequest(head: string) {
  const { port } = http.address() as { port: number };
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n`));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  const [top = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...lines] = top.split('\r\n');
  const headers = new Headers(
    lines.map((line): [string, string] => {
      const at = line.indexOf(':');
      return [line.slice(0, at), line.slice(at + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

/** The security headers of an ordinary answer, which an unreadable request gets too. */
async function securityHeaders() {
  const res = await server.app.request('/healthz');
  const headers = [...res.headers].filter(([name]) => !/^content-(type|length)$/.test(name));
  expect(headers.map(([name]) => name)).toContain('x-content-type-options');
  return headers;
}

it.each(['exa mple', '[::1'])(
  'answers a Host header of %j with a 400 in the error shape',
  async (host) => {
    const res = await rawRequest(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close`);

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'bad_request', message: '请求头 Host 的格式不正确' },
    });
    for (const [name, value] of await securityHeaders())
      expect(res.headers.get(name), name).toBe(value);
  },
);

it('answers in the language the caller accepts and never echoes the Host', async () => {
  const res = await rawRequest(
    'GET /v1/me HTTP/1.1\r\nHost: <script>\r\nAccept-Language: en\r\nConnection: close',
  );
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body)).toEqual({
    error: { code: 'bad_request', message: 'The Host header of the request is malformed' },
  });
});

it('names the URL when the path is what cannot be read', async () => {
  const res = await rawRequest(
    'GET /a\\b HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\nConnection: close',
  );
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body)).toEqual({
    error: { code: 'bad_request', message: 'Malformed request: URL' },
  });
});

it('answers a failure outside the app with a 500 that logs only the error name', async () => {
  const logged: unknown[][] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
  const res = await unreadableRequest(new TypeError('secret at /srv/crm'), { headers: {} });

  expect(res.status).toBe(500);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('internal');
  expect(logged).toEqual([
    [expect.stringMatching(/^\[[0-9a-f-]{36}\] request failed: TypeError$/)],
  ]);
  expect(body.error.message).toContain(String(logged[0]?.[0]).slice(1, 37));
});
