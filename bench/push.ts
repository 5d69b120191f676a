import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditCodeCheckChar } from '../shared/core/validation/credit-code';
import { recordBenchmark } from './record';

// Generated customers pushed over HTTP on loopback in batches of 500 to a server in its
// own process, then pulled back masked; the server's peak memory is read from /proc.
// Past 9,999 customers in a day the ID serial takes a fifth digit (CUS2024050110000).
const total = Number(process.argv[2] ?? 100_000);
const batch = 500;
const inFlight = 2;
const port = 18_000 + Math.floor(Math.random() * 1000);
const token = 'bench-admin-token-0123456789abcdefghij';
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'));
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

const server = spawn(
  process.execPath,
  [
    ...(process.env['BENCH_PROFILE']
      ? ['--cpu-prof', '--cpu-prof-dir=' + process.env['BENCH_PROFILE']]
      : []),
    '--import',
    'tsx',
    'sync-server/src/main.ts',
  ],
  {
    env: {
      ...process.env,
      PORT: String(port),
      CRM_DATA_DIR: dir,
      CRM_BOOTSTRAP_ADMIN_TOKEN: token,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
process.on('exit', () => server.kill());
await new Promise<void>((resolve, reject) => {
  server.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('listening')) resolve();
  });
  server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const peakMb = () =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) /
  1024;

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
const started = performance.now();
async function worker(): Promise<void> {
  while (next < total) {
    const from = next;
    next += batch;
    const mutations = Array.from({ length: Math.min(batch, total - from) }, (_, k) => ({
      mutationId: `bench-${String(from + k).padStart(9, '0')}`,
      fields: row(from + k),
    }));
    const res = await fetch(`http://127.0.0.1:${port}/v1/sync/push`, {
      method: 'POST',
      headers: salesHeaders,
      body: JSON.stringify({ clientId: 'bench', mutations }),
    });
    const body = (await res.json()) as { outcomes: { status: string }[] };
    accepted += body.outcomes.filter((o) => o.status === 'pending_review').length;
  }
}
await Promise.all(Array.from({ length: inFlight }, worker));
const pushSeconds = (performance.now() - started) / 1000;
const pushPeak = peakMb();

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
    `http://127.0.0.1:${port}/v1/sync/pull?since=${since}&epoch=${epoch}&limit=5000`,
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
server.kill();
rmSync(dir, { recursive: true, force: true });

if (accepted !== total || pulled !== total || masked !== total) {
  throw new Error(
    `expected ${total} accepted, pulled and masked; got ${accepted}, ${pulled}, ${masked}`,
  );
}
const rate = Math.round(total / pushSeconds);
recordBenchmark(
  'Push and pull over HTTP (bench/push.ts)',
  `${total.toLocaleString('en')} generated customers pushed in batches of ${batch} (${inFlight} in flight) to the sync server on SQLite in its own process, with validation, dedupe (exact and near), AES-256-GCM encryption of sensitive fields and a hash-chained audit entry per row; then pulled back masked as support, in pages of 5,000.`,
  [
    [
      'rows pushed per second',
      `${rate.toLocaleString('en')} rows/s (${pushSeconds.toFixed(1)} s)`,
      '≥ 10,000 rows/s',
    ],
    ['full pull, masked', `${pullSeconds.toFixed(2)} s`, '< 5 s'],
    ['server peak memory (VmHWM) after push', `${Math.round(pushPeak)} MB`, '< 300 MB'],
    ['server peak memory (VmHWM) after pull', `${Math.round(peak)} MB`, '< 300 MB'],
  ],
);
console.log(
  `push ${rate} rows/s (${pushSeconds.toFixed(1)} s), pull ${pullSeconds.toFixed(2)} s, peak ${Math.round(peak)} MB`,
);
