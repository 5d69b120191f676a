import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayValue } from '../../shared/core/sync-client/cell-codec';
import {
  runSync,
  type HttpPort,
  type StatePort,
  type SyncPorts,
} from '../../shared/core/sync-client/index';
import { parseRowState } from '../../shared/core/sync-client/row-state';
import { MemorySheet } from '../fakes/memory-sheet';
import { startRealServer, type RealServer } from '../support/real-server';
import { enterpriseRow } from '../support/test-server';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server.close();
});

/** The HTTP port as the playground makes it: fetch with the token; every request recorded. */
function httpFor(token: string) {
  const sent: { method: string; path: string; body?: string }[] = [];
  const answers: unknown[] = [];
  const http: HttpPort = {
    async request(method, path, body) {
      sent.push({ method, path, ...(body === undefined ? {} : { body }) });
      const res = await fetch(`${server.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-crm-client': 'sheets',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
      });
      const answer = { status: res.status, body: (await res.json()) as unknown };
      answers.push(answer.body);
      return answer;
    },
  };
  return { http, sent, answers };
}

function memoryState(): StatePort & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      if (value === null) values.delete(key);
      else values.set(key, value);
    },
  };
}

/** A row as a user types it into the sheet: labels, not codes. */
function typedRow(i: number): Record<string, string> {
  const row = enterpriseRow(i);
  const cells: Record<string, string> = {};
  for (const [field, value] of Object.entries(row)) {
    cells[field] = String(displayValue(field, value, 'zh-CN'));
  }
  return { ...cells, kind: '企业' };
}

function portsFor(token: string, sheet = new MemorySheet(), state = memoryState()) {
  const { http, sent, answers } = httpFor(token);
  const ports: SyncPorts = { sheet, http, state, clock: { now: () => Date.now() } };
  return { ports, sheet, state, sent, answers };
}

const pushes = (sent: { path: string; body?: string }[]) =>
  sent
    .filter((s) => s.path === '/v1/sync/push')
    .map(
      (s) =>
        JSON.parse(s.body ?? '{}') as {
          mutations: { mutationId: string; recordId?: string; fields: Record<string, unknown> }[];
        },
    );

describe('runSync against the real server', () => {
  it('creates new rows once, fills their hidden columns and status, then has nothing to send', async () => {
    const token = await server.addUser('clerk-a', 'entryClerk');
    const { ports, sheet, sent } = portsFor(token);
    for (let i = 0; i < 3; i++) sheet.addRow(typedRow(1000 + i));

    const report = await runSync(ports);
    expect(report).toMatchObject({ pendingReview: 3, complete: true, invalid: [], duplicates: [] });
    for (const line of sheet.lines) {
      expect(line.meta.recordId).toMatch(/^CUS\d{12}$/);
      expect(Number(line.meta.checkpoint)).toBeGreaterThan(0);
      expect(line.cells['status']).toBe('待审核');
      // The server filled the owner; the pull brought it into the sheet.
      expect(line.cells['owner']).toBe('clerk-a');
    }

    sent.length = 0;
    const again = await runSync(ports);
    expect(pushes(sent)).toEqual([]);
    expect(again).toMatchObject({ pendingReview: 0, applied: 0, pulled: 0, complete: true });
  });

  it('marks invalid cells with the message as a note, and clears it once fixed', async () => {
    const token = await server.addUser('clerk-b', 'entryClerk');
    const { ports, sheet } = portsFor(token);
    const row = sheet.addRow({ ...typedRow(2000), mobile: '1381234' });

    const report = await runSync(ports);
    expect(report.invalid).toHaveLength(1);
    expect(report.invalid[0]?.row).toBe(row);
    expect(sheet.at(row).notes['mobile']).toMatch(/手机号/);
    expect(sheet.at(row).meta.recordId).toBe('');

    sheet.at(row).cells['mobile'] = '13912340000';
    const fixed = await runSync(ports);
    expect(fixed.pendingReview).toBe(1);
    expect(sheet.at(row).notes).toEqual({});
  });

  it('keeps an edit the user makes while the sync runs, and pushes it next time', async () => {
    const token = await server.addUser('clerk-c', 'entryClerk');
    const { ports, sheet, sent } = portsFor(token);
    const row = sheet.addRow(typedRow(3000));
    await runSync(ports);
    const id = sheet.at(row).meta.recordId;

    // The user changes the demand and the contact while a sync pushes the demand change.
    sheet.at(row).cells['demand'] = '需要采购20台工业机器人';
    // Reads of a run: at the start, before writing the pending IDs, before writing outcomes.
    const before = sheet.reads;
    sheet.beforeRead = (read, s) => {
      if (read === before + 3) s.at(row).cells['contactName'] = '李娜';
    };
    const during = await runSync(ports);
    sheet.beforeRead = undefined;
    expect(during.applied).toBe(1);
    expect(during.editedDuringSync).toEqual([row]);
    expect(sheet.at(row).cells['contactName']).toBe('李娜');

    sent.length = 0;
    const next = await runSync(ports);
    expect(next.applied).toBe(1);
    expect(pushes(sent)[0]?.mutations[0]).toMatchObject({
      recordId: id,
      fields: { contactName: '李娜' },
    });
    const stored = await server.request(token, 'GET', `/v1/customers/${id}`);
    expect(stored.body['values']).toMatchObject({
      demand: '需要采购20台工业机器人',
      contactName: '李娜',
    });
  });

  it('resends the same mutation IDs after a dropped answer and creates nothing twice', async () => {
    const token = await server.addUser('clerk-d', 'entryClerk');
    const { ports, sheet, state, sent } = portsFor(token);
    for (let i = 0; i < 4; i++) sheet.addRow(typedRow(4000 + i));
    // The server acts on the push, but its answer never arrives.
    const real = ports.http;
    let drop = true;
    ports.http = {
      async request(method, path, body) {
        const answer = await real.request(method, path, body);
        if (drop && path === '/v1/sync/push') throw new TypeError('fetch failed');
        return answer;
      },
    };
    const cut = await runSync(ports, { maxAttempts: 1 });
    expect(cut.complete).toBe(false);
    expect(cut.failure?.code).toBe('network');
    expect(sheet.lines.every((l) => l.meta.recordId === '')).toBe(true);
    // The IDs in flight were saved before sending: the client ID once, then four IDs' own parts.
    expect(state.values.get('crm.sync.inflight')).toMatch(/^\w+:[0-9a-z]+(,[0-9a-z]+){3}$/);

    drop = false;
    const resumed = await runSync(ports);
    expect(resumed).toMatchObject({ resumed: true, complete: true, pendingReview: 4 });
    expect(state.values.has('crm.sync.inflight')).toBe(false);
    const [first, second] = pushes(sent);
    expect(second?.mutations.map((m) => m.mutationId)).toEqual(
      first?.mutations.map((m) => m.mutationId),
    );
    const ids = sheet.lines.map((l) => l.meta.recordId);
    expect(new Set(ids).size).toBe(4);
    const listed = await server.request(token, 'GET', '/v1/customers?limit=500');
    const customers = listed.body['customers'] as { id: string }[];
    expect(customers.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('shows a masked mobile as masked and never pushes it back', async () => {
    const clerk = await server.addUser('clerk-e', 'entryClerk');
    const support = await server.addUser('support-e', 'support');
    const { ports: clerkPorts, sheet: clerkSheet } = portsFor(clerk);
    clerkSheet.addRow({ ...typedRow(5000), mobile: '13955550000' });
    await runSync(clerkPorts);
    const id = clerkSheet.lines[0]?.meta.recordId ?? '';

    const { ports, sheet, sent } = portsFor(support);
    await runSync(ports);
    const line = sheet.lines.find((l) => l.meta.recordId === id);
    expect(line?.cells['mobile']).toBe('139****0000');
    expect(parseRowState(line?.meta.state ?? '').k).toContain('mobile');

    sent.length = 0;
    const again = await runSync(ports);
    expect(pushes(sent)).toEqual([]);
    expect(again.forbidden).toEqual([]);
    expect(sheet.lines.find((l) => l.meta.recordId === id)?.cells['mobile']).toBe('139****0000');
  });
});

describe('runSync after a permission change', () => {
  it('takes the reset: rows come back as now visible, and an unsynced edit survives', async () => {
    const token = await server.addUser('clerk-f', 'entryClerk');
    const { ports, sheet, answers } = portsFor(token);
    for (let i = 0; i < 3; i++) sheet.addRow({ ...typedRow(6000 + i), mobile: `1390000600${i}` });
    await runSync(ports);
    const ids = sheet.lines.map((l) => l.meta.recordId);
    // The admin masks mobiles for entry clerks; the user meanwhile edits a row, unsynced.
    const changed = await server.request(
      server.adminToken,
      'PATCH',
      '/v1/admin/roles/entryClerk/fields',
      {
        field: 'mobile',
        access: 'masked',
      },
    );
    expect(changed.status).toBe(200);
    (sheet.lines[1] as { cells: Record<string, string> }).cells['demand'] =
      '需要采购50台工业机器人';

    answers.length = 0;
    const report = await runSync(ports, { push: false });
    expect(report.complete).toBe(true);
    expect(answers.some((a) => (a as { reset?: boolean }).reset === true)).toBe(true);
    expect(sheet.lines.map((l) => l.meta.recordId)).toEqual(ids);
    expect(sheet.lines[0]?.cells['mobile']).toBe('139****6000');
    expect(sheet.lines[1]?.cells['demand']).toBe('需要采购50台工业机器人');
    expect(sheet.lines[1]?.cells['mobile']).toBe('139****6001');
    await server.request(server.adminToken, 'PATCH', '/v1/admin/roles/entryClerk/fields', {
      field: 'mobile',
      access: null,
    });
  });

  it('a second reset while paging through the first still drops the rows that left the view', async () => {
    const supervisor = await server.addUser('sup-g', 'supervisor', { team: 'north' });
    const north = await server.addUser('clerk-g-north', 'entryClerk', { team: 'north' });
    const south = await server.addUser('clerk-g-south', 'entryClerk', { team: 'south' });
    const created = async (token: string, from: number) => {
      const { ports, sheet } = portsFor(token);
      for (let i = 0; i < 3; i++) sheet.addRow(typedRow(from + i));
      await runSync(ports);
      return sheet.lines.map((l) => l.meta.recordId).sort();
    };
    const northIds = await created(north, 6100);
    const southIds = await created(south, 6200);
    const { ports, sheet } = portsFor(supervisor);
    await runSync(ports);
    expect(sheet.lines.map((l) => l.meta.recordId).sort()).toEqual(northIds);

    // Any change to users resets everyone's next pull; while the supervisor pages through that
    // reset, the admin moves them to the south team, which resets the pull once more.
    await server.addUser('clerk-g-other', 'entryClerk');
    let pulls = 0;
    const moving: HttpPort = {
      async request(method, path, body) {
        const answer = await ports.http.request(method, path, body);
        if (path.startsWith('/v1/sync/pull') && ++pulls === 1) {
          const moved = await server.request(server.adminToken, 'PUT', '/v1/admin/users/sup-g', {
            email: 'sup-g@example.com',
            displayName: 'sup-g',
            roleId: 'supervisor',
            team: 'south',
          });
          expect(moved.status).toBe(200);
        }
        return answer;
      },
    };
    const report = await runSync({ ...ports, http: moving }, { push: false, pullLimit: 1 });
    expect(report.complete).toBe(true);
    expect(pulls).toBeGreaterThan(2);
    expect(sheet.lines.map((l) => l.meta.recordId).sort()).toEqual(southIds);
  });
});
