import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExcel } from '../scripts/build-excel.js';
import { buildServer, serverBundle } from '../scripts/build-server.js';

/*
 * The server as `npm start` and `npm run serve` run it: bundled into dist/server/main.js and
 * started with plain node, no TypeScript loader. Its pages are found from dist/ there too.
 */

const dir = mkdtempSync(join(tmpdir(), 'crm-bundle-'));
const token = 'bundle-bootstrap-token-0123456789abcdef';
let child: ChildProcess | undefined;
let base = '';
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  await buildExcel({ ifMissing: true });
  const bundle = await buildServer();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [bundle], {
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: String(port),
      CRM_DATA_DIR: dir,
      CRM_BOOTSTRAP_ADMIN_TOKEN: token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const up = await fetch(`${base}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return;
    if (child.exitCode !== null) throw new Error(`the bundled server exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bundled server did not answer: ${output}`);
}, 60_000);

afterAll(async () => {
  if (child !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the bundled server (dist/server/main.js)', () => {
  it('starts on a fresh data directory and signs in its first admin', async () => {
    expect(output).toContain('listening on');
    // A token the operator chose is not echoed to the log.
    expect(output).not.toContain(token);
    const me = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { id: 'u-admin' } });
  });

  it('serves the Excel task pane and the playground from dist/', async () => {
    const pane = await fetch(`${base}/excel/taskpane.html`);
    expect(pane.status).toBe(200);
    expect(await pane.text()).toContain('id="crm-config"');
    const playground = await fetch(`${base}/playground`);
    expect(await playground.text()).toContain('id="crm-config"');
  });

  it('refuses to start on a bad setting, naming it, in Chinese and English', async () => {
    const refused = spawn(process.execPath, [serverBundle], {
      env: { PATH: process.env['PATH'] ?? '', PORT: 'eighty', CRM_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    refused.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => refused.once('exit', resolve));
    expect(code).toBe(1);
    expect(said).toContain('同步服务无法启动，请修改以下设置');
    expect(said).toContain('The server cannot start');
    expect(said).toMatch(/PORT: .*"eighty"/);
  });

  it('on a port in use says so naming PORT, without a stack, and still prints the first admin token', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'crm-bundle-port-'));
    try {
      const taken = await runBundle({ PORT: new URL(base).port, CRM_DATA_DIR: fresh });
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain('The server could not start: PORT:');
      expect(taken.stderr).toContain(`port ${new URL(base).port} is already in use`);
      expect(taken.stderr).toContain('已被占用');
      expect(taken.stderr).not.toMatch(/\n\s+at /);
      const token = /shown only now:\n\s+(\S+)/.exec(taken.stdout)?.[1];
      expect(token).toBeDefined();

      // The token printed by the failed start is the admin's on the next start.
      const next = spawn(process.execPath, [serverBundle], {
        env: { PATH: process.env['PATH'] ?? '', PORT: '0', CRM_DATA_DIR: fresh },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const nextBase = await new Promise<string>((resolve, reject) => {
          let said = '';
          next.stdout?.on('data', (chunk: Buffer) => {
            said += chunk.toString();
            const found = /listening on (http:\/\/\S+)/.exec(said);
            if (found?.[1] !== undefined) resolve(found[1]);
          });
          next.once('exit', () => reject(new Error(`exited: ${said}`)));
        });
        const me = await fetch(`${nextBase}/v1/me`, {
          headers: { authorization: `Bearer ${token ?? ''}` },
        });
        expect(me.status).toBe(200);
      } finally {
        const exited = new Promise((resolve) => next.once('exit', resolve));
        next.kill('SIGTERM');
        await exited;
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 30_000);

  it('on a HOST that is not an address of this machine says so naming HOST, without a stack', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'crm-bundle-host-'));
    try {
      const bad = await runBundle({ PORT: '0', HOST: '192.0.2.1', CRM_DATA_DIR: fresh });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('HOST: "192.0.2.1"');
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 30_000);
});

/** Runs the bundle with `env` until it exits. */
async function runBundle(env: Record<string, string>) {
  const run = spawn(process.execPath, [serverBundle], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  run.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  run.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
  return { code, stdout, stderr };
}
