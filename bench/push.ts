import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer } from '../scripts/build-server.js';
import { creditCodeCheckChar } from '../shared/core/validation/credit-code';
import { recordBenchmark } from './record';

// Generated customers pushed over HTTP on loopback in batches of 500 to the server in its own
// process (or to N server processes on one PostgreSQL database, clients spread over them), then
// pulled back masked; each server's peak memory is read from /proc.
// Past 9,999 customers in a day the ID serial takes a fifth digit (CUS2024050110000).
//   tsx bench/push.ts [rows] [--db sqlite|postgres] [--instances N]
// With --db postgres the servers use DATABASE_URL (else the test database of
// scripts/test-postgres-setup.sh) in a fresh schema, dropped afterwards.
const args = process.argv.slice(2);
// Pages of the size the shared sync client asks for.
const pageSize = 2000;
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const engine = option('--db') ?? 'sqlite';
const instances = Number(option('--instances') ?? 1);
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const total = Number(positional[0] ?? 100_000);
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--db is sqlite or postgres');
if (!Number.isInteger(instances) || instances < 1) throw new Error('--instances is 1 or more');
if (engine === 'sqlite' && instances > 1) {
  throw new Error('SQLite is one process: several instances need --db postgres');
}
if (!Number.isInteger(total) || total < 1) throw new Error('the row count is a positive number');
const batch = 500;
// Two requests in flight per instance, so every instance always has a batch to work on.
const inFlight = 2 * instances;
const basePort = 18_000 + Math.floor(Math.random() * 1000);
const token = 'bench-admin-token-0123456789abcdefghij';
const dirs = Array.from({ length: instances }, () => mkdtempSync(join(tmpdir(), 'crm-bench-')));
const districts = ['310115', '310104', '110105', '440305', '330106', '320102', '510107', '420106'];
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function row(i: number) {
  const org = String(i).padStart(8, '0') + alphabet[i % alphabet.length];
  const first17 = `91310115${org}`;
  return {
    name: `${['华信', '恒达', '远景', '新锐', '博通', '东方'][i % 6]}${i}${['科技', '贸易', '实业'][i % 3]}有限公司`,
    creditCode: first17 + creditCodeCheckChar(first17),
    industry: 'manufacturing',
    region: districts[i % districts.length],
    stage: 'prospect',
    contactName: '张伟',
    mobile: `13${String(900_000_000 + i)}`,
    email: `buyer${i}@example.com`,
    demand: '需要采购10台工业机器人',
    expectedDate: '2025-06-01',
    sources: ['tradeShow'],
    tags: ['区域-华东'],
  };
}

// PostgreSQL: a fresh schema per run; every instance shares it and the keys, as in production.
const databaseUrl =
  process.env['DATABASE_URL'] ??
  process.env['CRM_TEST_DATABASE_URL'] ??
  'postgres://crm_test:crm_test@127.0.0.1:5432/crm_test';
const schema = `crm_bench_${Date.now()}_${process.pid}`;
let postgresEnv: Record<string, string> = {};
if (engine === 'postgres') {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const key = () => randomBytes(32).toString('base64');
  postgresEnv = {
    DATABASE_URL: url.toString(),
    CRM_DATA_KEY: `active=k1;index=${key()};key.k1=${key()}`,
    CRM_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'der' })
      .toString('base64'),
  };
}

function startServer(n: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env['BENCH_PROFILE']
        ? ['--cpu-prof', '--cpu-prof-dir=' + process.env['BENCH_PROFILE']]
        : []),
      // Extra node flags for a look inside, e.g. BENCH_NODE_ARGS='--perf-basic-prof'.
      ...(process.env['BENCH_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
      // The server as `npm start` runs it: bundled, plain node.
      serverBundle,
    ],
    {
      env: {
        // The engine is what --db says, whatever DATABASE_URL this shell has.
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
        PORT: String(basePort + n),
        CRM_DATA_DIR: dirs[n] ?? '',
        CRM_BOOTSTRAP_ADMIN_TOKEN: token,
        ...postgresEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise<ChildProcess>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server ${n} exited with ${code}`)));
  });
}

// All at once: on PostgreSQL they migrate and bootstrap the fresh schema together.
const serverBundle = await buildServer();
const servers = await Promise.all(Array.from({ length: instances }, (_, n) => startServer(n)));
process.on('exit', () => {
  for (const server of servers) server.kill();
});
const urlOf = (n: number) => `http://127.0.0.1:${basePort + (n % instances)}`;
const port = basePort;
const peakMb = () =>
  Math.max(
    ...servers.map(
      (server) =>
        Number(
          /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0,
        ) / 1024,
    ),
  );

// User plus system CPU time of every server process so far, from /proc (clock ticks of 1/100 s).
const serverCpuSeconds = () =>
  servers.reduce((sum, server) => {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
    return sum + (Number(fields?.[11] ?? 0) + Number(fields?.[12] ?? 0)) / 100;
  }, 0);
// CPU seconds of the servers' main threads (JavaScript) and of all their other threads
// (SQLite's statements on the libuv pool, V8's compiler and GC helpers), from /proc.
const threadCpuSeconds = () => {
  const byName = new Map<string, number>();
  for (const server of servers) {
    for (const task of readdirSync(`/proc/${server.pid}/task`)) {
      const stat = readFileSync(`/proc/${server.pid}/task/${task}/stat`, 'utf8');
      const name = task === String(server.pid) ? 'main' : 'other';
      const fields = stat.split(') ')[1]?.split(' ');
      const seconds = (Number(fields?.[11] ?? 0) + Number(fields?.[12] ?? 0)) / 100;
      byName.set(name, (byName.get(name) ?? 0) + seconds);
    }
  }
  return byName;
};
const clientCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
const cpuAtStart = { server: 0, client: 0 };

const headers = {
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  'x-crm-client': 'api',
};
// The bootstrap admin may administer but not create customers; the bench signs in as a sales user.
await fetch(`http://127.0.0.1:${port}/v1/admin/users/u-bench`, {
  method: 'PUT',
  headers,
  body: JSON.stringify({
    email: 'bench@example.com',
    displayName: 'bench',
    roleId: 'sales',
    locale: 'zh-CN',
    active: true,
  }),
});
const tokenRes = await fetch(`http://127.0.0.1:${port}/v1/admin/users/u-bench/tokens`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ label: 'bench' }),
});
const { token: salesToken } = (await tokenRes.json()) as { token: string };
const salesHeaders = { ...headers, authorization: `Bearer ${salesToken}` };

let next = 0;
let accepted = 0;
const threadsAtStart = threadCpuSeconds();
cpuAtStart.server = serverCpuSeconds();
cpuAtStart.client = clientCpuSeconds();
const started = performance.now();
async function worker(n: number): Promise<void> {
  while (next < total) {
    const from = next;
    next += batch;
    const mutations = Array.from({ length: Math.min(batch, total - from) }, (_, k) => ({
      mutationId: `bench-${String(from + k).padStart(9, '0')}`,
      fields: row(from + k),
    }));
    const res = await fetch(`${urlOf(n)}/v1/sync/push`, {
      method: 'POST',
      headers: salesHeaders,
      body: JSON.stringify({ clientId: `bench-${n}`, mutations }),
    });
    const body = (await res.json()) as { outcomes: { status: string }[] };
    accepted += body.outcomes.filter((o) => o.status === 'pending_review').length;
  }
}
await Promise.all(Array.from({ length: inFlight }, (_, n) => worker(n)));
const pushSeconds = (performance.now() - started) / 1000;
const pushPeak = peakMb();
const pushCpu = serverCpuSeconds() - cpuAtStart.server;
const pushClientCpu = clientCpuSeconds() - cpuAtStart.client;
const threadCpu = threadCpuSeconds();

// Support sees every record with contact details masked.
await fetch(`http://127.0.0.1:${port}/v1/admin/users/u-support`, {
  method: 'PUT',
  headers,
  body: JSON.stringify({
    email: 'support@example.com',
    displayName: 'support',
    roleId: 'support',
    locale: 'zh-CN',
    active: true,
  }),
});
const supportToken = (
  (await (
    await fetch(`http://127.0.0.1:${port}/v1/admin/users/u-support/tokens`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ label: 'bench' }),
    })
  ).json()) as { token: string }
).token;
const pullStart = performance.now();
let since = 0;
let epoch = 0;
let pulled = 0;
let masked = 0;
for (;;) {
  const res = await fetch(
    `http://127.0.0.1:${port}/v1/sync/pull?since=${since}&epoch=${epoch}&limit=${pageSize}`,
    {
      headers: { ...headers, authorization: `Bearer ${supportToken}` },
    },
  );
  const body = (await res.json()) as {
    records: { values: Record<string, unknown> }[];
    checkpoint: number;
    epoch: number;
    hasMore: boolean;
  };
  pulled += body.records.length;
  masked += body.records.filter((r) => String(r.values['mobile']).includes('****')).length;
  since = body.checkpoint;
  epoch = body.epoch;
  if (!body.hasMore) break;
}
const pullSeconds = (performance.now() - pullStart) / 1000;
const peak = peakMb();
for (const server of servers) server.kill();
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
if (engine === 'postgres') {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}

if (accepted !== total || pulled !== total || masked !== total) {
  throw new Error(
    `expected ${total} accepted, pulled and masked; got ${accepted}, ${pulled}, ${masked}`,
  );
}
const rate = Math.round(total / pushSeconds);
const setup =
  engine === 'sqlite'
    ? 'the sync server on SQLite in its own process'
    : instances === 1
      ? 'one sync server process on PostgreSQL'
      : `${instances} sync server processes on one PostgreSQL database, clients spread evenly over them`;
const name =
  engine === 'sqlite'
    ? 'Push and pull over HTTP (bench/push.ts)'
    : `Push and pull over HTTP, PostgreSQL, ${instances === 1 ? 'one instance' : `${instances} instances`} (bench/push.ts --db postgres --instances ${instances})`;
recordBenchmark(
  name,
  `${total.toLocaleString('en')} generated customers pushed in batches of ${batch} (${inFlight} in flight) to ${setup}, with validation, dedupe (exact and near), AES-256-GCM encryption of sensitive fields and a hash-chained audit entry per row; then pulled back masked as support, in pages of ${pageSize.toLocaleString('en')} (the sync client's page size).${engine === 'postgres' ? ' Every write transaction, on whichever instance, first takes one advisory lock, so writes run one at a time across instances; more instances add room for requests and pulls, not for writes.' : ''}`,
  [
    [
      'rows pushed per second',
      `${rate.toLocaleString('en')} rows/s (${pushSeconds.toFixed(1)} s)`,
      '≥ 10,000 rows/s',
    ],
    ['full pull, masked', `${pullSeconds.toFixed(2)} s`, '< 5 s'],
    [
      `server peak memory (VmHWM) after push${instances > 1 ? ', largest instance' : ''}`,
      `${Math.round(pushPeak)} MB`,
      '< 300 MB',
    ],
    [
      `server peak memory (VmHWM) after pull${instances > 1 ? ', largest instance' : ''}`,
      `${Math.round(peak)} MB`,
      '< 300 MB',
    ],
  ],
);
console.log(
  `${engine} × ${instances}: push ${rate} rows/s (${pushSeconds.toFixed(1)} s), pull ${pullSeconds.toFixed(2)} s, peak ${Math.round(peak)} MB`,
);
// Where the push's CPU went: on 2 cores, the rate cannot pass 2 / (CPU seconds per row).
console.log(
  `push CPU per row: server ${((pushCpu / total) * 1e6).toFixed(0)} µs, bench client ${((pushClientCpu / total) * 1e6).toFixed(0)} µs`,
);
console.log(
  `push CPU per row by server thread: ${[...threadCpu].map(([name, s]) => `${name} ${(((s - (threadsAtStart.get(name) ?? 0)) / total) * 1e6).toFixed(0)} µs`).join(', ')}`,
);
