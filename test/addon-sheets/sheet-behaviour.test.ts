import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowChange, SheetRow, SyncReport } from '../../shared/core/sync-client/index';
import { invalidCellFill } from '../../shared/core/sync-client/sheet-header';
import type { FakeSheet } from '../fakes/apps-script/fake-spreadsheet';
import { startRealServerProcess, type RealServerProcess } from '../support/real-server-process';
import { enterpriseRow } from '../support/test-server';
import { buildFor, columnOf, openSheet, typeRows, typedCustomer } from './sheet-helpers';

let server: RealServerProcess;
let projectDir: string;

beforeAll(async () => {
  server = await startRealServerProcess();
  projectDir = await buildFor(server.base);
}, 60_000);
afterAll(async () => {
  await server.close();
  rmSync(projectDir, { recursive: true, force: true });
});

async function clerk(id: string) {
  const email = `${id}@example.com`;
  // The sheet signs in with the Google ID token; the test reads the server with the API token.
  const restToken = await server.addUser(id, 'entryClerk', email);
  return { email, restToken, idToken: await server.signGoogleIdToken(email) };
}

const recordIdOf = (sheet: FakeSheet, row: number) =>
  String(sheet.cell(row, sheet.getLastColumn() - 2).value);
const pushes = (records: { url: string }[]) =>
  records.filter((r) => r.url.endsWith('/v1/sync/push'));

describe('the customers sheet the add-on makes', () => {
  it('has a header of labels, hidden columns, and a dropdown on every option field', async () => {
    const { env, sheet } = openSheet(projectDir, server.base, await clerk('layout-clerk'));
    expect(sheet.cell(1, 1).value).toBe('客户名称');
    const last = sheet.getLastColumn();
    expect([1, 2, 3].map((i) => sheet.cell(1, last - 3 + i).value)).toEqual([
      '记录编号（系统）',
      '同步检查点（系统）',
      '同步状态（系统）',
    ]);
    expect([...sheet.hidden].sort()).toEqual([last - 2, last - 1, last]);
    expect(sheet.frozenRows).toBe(1);

    expect(sheet.validationAt(500, columnOf(sheet, 'stage'))).toMatchObject({
      kind: 'list',
      values: ['潜在客户', '意向客户', '成交客户', '合作伙伴', '其他'],
      allowInvalid: false,
    });
    expect(sheet.validationAt(2, columnOf(sheet, 'kind'))).toMatchObject({
      values: ['企业', '个人'],
    });
    expect(sheet.validationAt(2, columnOf(sheet, 'industry'))).toMatchObject({
      kind: 'list',
      allowInvalid: true,
    });
    expect(sheet.validationAt(2, columnOf(sheet, 'budget'))).toMatchObject({ kind: 'list' });
    // Several sources in one cell (展会推荐、客户转介绍) must stay possible.
    expect(sheet.validationAt(2, columnOf(sheet, 'sources'))).toMatchObject({
      kind: 'list',
      allowInvalid: true,
    });
    expect(sheet.validationAt(2, columnOf(sheet, 'idConsent'))).toMatchObject({ kind: 'checkbox' });
    expect(sheet.validationAt(2, columnOf(sheet, 'name'))).toBeNull();
    expect(sheet.formatAt(2, columnOf(sheet, 'mobile'))).toBe('@');

    // The sidebar can put the options of an admin's template on a column.
    env.callFromSidebar('setDropdowns', [{ field: 'level', options: ['VIP', '普通', '潜力'] }]);
    expect(sheet.validationAt(3, columnOf(sheet, 'level'))).toMatchObject({
      values: ['VIP', '普通', '潜力'],
    });
  });

  it('marks an invalid cell with its message as a note and a red fill, and clears both once fixed', async () => {
    const { env, sheet } = openSheet(projectDir, server.base, await clerk('notes-clerk'));
    const row = typeRows(sheet, [{ ...typedCustomer(1), mobile: '1381234' }]);
    const name = columnOf(sheet, 'name');
    // The user's own colour on another cell of the row stays whatever happens.
    sheet.paint(row, name, '#fff2cc');
    const report = env.run<SyncReport>('syncNow');
    expect(report.invalid.map((r) => r.row)).toEqual([row]);
    const mobile = columnOf(sheet, 'mobile');
    expect(sheet.cell(row, mobile).note).toMatch(/^手机号/);
    expect(sheet.cell(row, mobile).background).toBe(invalidCellFill);
    expect(recordIdOf(sheet, row)).toBe('');

    sheet.type(row, mobile, '13900000001');
    const fixed = env.run<SyncReport>('syncNow');
    expect(fixed.pendingReview).toBe(1);
    expect(sheet.cell(row, mobile).note).toBe('');
    expect(sheet.cell(row, mobile).background).toBe('');
    expect(sheet.cell(row, name).background).toBe('#fff2cc');
    expect(recordIdOf(sheet, row)).toMatch(/^CUS/);
  });

  it('fills and clears cells the sidebar marks, leaving other fills alone', async () => {
    const { env, sheet } = openSheet(projectDir, server.base, await clerk('marks-clerk'));
    const row = typeRows(sheet, [{ ...typedCustomer(3), email: 'not-an-email' }]);
    const email = columnOf(sheet, 'email');
    const name = columnOf(sheet, 'name');
    sheet.paint(row, name, '#d9ead3');
    env.run('markInvalid', [
      { row, field: 'email', message: '邮箱格式错误' },
      { row, field: 'name', message: '' },
    ]);
    expect(sheet.cell(row, email)).toMatchObject({
      note: '邮箱格式错误',
      background: invalidCellFill,
    });
    expect(sheet.cell(row, name)).toMatchObject({ note: '', background: '#d9ead3' });
    env.run('markInvalid', [{ row, field: 'email', message: '' }]);
    expect(sheet.cell(row, email)).toMatchObject({ note: '', background: '' });
  });

  it('writes formula-like values as text, and does not push them back', async () => {
    const user = await clerk('formula-clerk');
    const evil = '=HYPERLINK("http://evil.example","点击")';
    const created = await server.request(user.restToken, 'POST', '/v1/sync/push', {
      clientId: 'other-sheet',
      mutations: [
        {
          mutationId: 'formula-test-1',
          fields: { ...enterpriseRow(2), remarks: evil, contactTitle: '+86 经理' },
        },
      ],
    });
    expect(created.status).toBe(200);

    const { env, sheet } = openSheet(projectDir, server.base, user);
    const report = env.run<SyncReport>('syncNow');
    expect(report.pulled).toBe(1);
    const remarks = sheet.cell(2, columnOf(sheet, 'remarks'));
    expect(remarks).toMatchObject({ value: evil, formula: '' });
    expect(sheet.cell(2, columnOf(sheet, 'contactTitle'))).toMatchObject({
      value: '+86 经理',
      formula: '',
    });
    for (let c = 1; c <= sheet.getLastColumn(); c++) expect(sheet.cell(2, c).formula).toBe('');

    const before = pushes(env.urlFetch.records).length;
    env.run('syncNow');
    expect(pushes(env.urlFetch.records).length).toBe(before);

    // What the sidebar writes is neutralised too, and a formula the user typed inside the
    // rewritten block stays a formula.
    sheet.typeFormula(2, columnOf(sheet, 'size'), '=1+1');
    const rows = env.callFromSidebar<SheetRow[]>('getSheetRows');
    const change: RowChange = {
      kind: 'update',
      row: rows[0]?.row ?? 2,
      cells: { name: rows[0]?.cells['name'] ?? '', referrer: '@SUM(A1:A9)' },
    };
    env.callFromSidebar('writeSheetRows', [change]);
    expect(sheet.cell(2, columnOf(sheet, 'referrer'))).toMatchObject({
      value: '@SUM(A1:A9)',
      formula: '',
    });
    expect(sheet.cell(2, columnOf(sheet, 'size')).formula).toBe('=1+1');
    expect(sheet.cell(2, columnOf(sheet, 'remarks'))).toMatchObject({ value: evil, formula: '' });
  });

  it('keeps a masked mobile masked in the sheet and never pushes it back', async () => {
    const owner = await clerk('masked-owner');
    const { env: ownerEnv } = openSheet(projectDir, server.base, owner);
    const ownerSheet = ownerEnv.spreadsheet.getSheetByName('客户') as FakeSheet;
    typeRows(ownerSheet, [{ ...typedCustomer(3), mobile: '13955550000' }]);
    expect(ownerEnv.run<SyncReport>('syncNow').pendingReview).toBe(1);
    const id = recordIdOf(ownerSheet, 2);

    // Support sees every customer, contact details masked; signs in with an API token.
    const supportToken = await server.addUser('masked-support', 'support');
    const { env, sheet } = openSheet(projectDir, server.base, {
      email: 'masked-support@example.com',
      apiToken: supportToken,
    });
    env.run('syncNow');
    const row = [...Array(sheet.getLastRow()).keys()]
      .map((i) => i + 1)
      .find((r) => recordIdOf(sheet, r) === id);
    expect(row).toBeDefined();
    const mobile = columnOf(sheet, 'mobile');
    expect(sheet.cell(row ?? 0, mobile).value).toBe('139****0000');
    expect(
      env.urlFetch.records.every((r) => r.headers['Authorization'] === `Bearer ${supportToken}`),
    ).toBe(true);

    const before = pushes(env.urlFetch.records).length;
    const again = env.run<SyncReport>('syncNow');
    expect(pushes(env.urlFetch.records).length).toBe(before);
    expect(again.forbidden).toEqual([]);
    expect(sheet.cell(row ?? 0, mobile).value).toBe('139****0000');
    // The server still holds the clear number.
    const stored = await server.request(owner.restToken, 'GET', `/v1/customers/${id}`);
    expect((stored.body['values'] as Record<string, unknown>)['mobile']).toBe('13955550000');
  });

  it('shows a conflict field by field and settles it the way the user chose', async () => {
    const user = await clerk('conflict-clerk');
    const a = openSheet(projectDir, server.base, user);
    typeRows(a.sheet, [typedCustomer(4)]);
    a.env.run('syncNow');
    const id = recordIdOf(a.sheet, 2);
    const b = openSheet(projectDir, server.base, user);
    b.env.run('syncNow');
    expect(recordIdOf(b.sheet, 2)).toBe(id);

    a.sheet.type(2, columnOf(a.sheet, 'contactName'), '王芳');
    a.env.run('syncNow');
    b.sheet.type(2, columnOf(b.sheet, 'contactName'), '赵磊');
    const clash = b.env.run<SyncReport>('syncNow');
    expect(clash.conflicts).toEqual([
      {
        row: 2,
        recordId: id,
        conflicts: [{ field: 'contactName', yours: '赵磊', theirs: '王芳' }],
      },
    ]);
    expect(b.sheet.cell(2, columnOf(b.sheet, 'contactName'))).toMatchObject({ value: '赵磊' });
    expect(b.sheet.cell(2, columnOf(b.sheet, 'contactName')).note).toContain('王芳');

    const settled = b.env.callFromSidebar<SyncReport>('resolveConflict', {
      row: 2,
      recordId: id,
      fields: { contactName: 'yours' },
    });
    expect(settled).toMatchObject({ applied: 1, conflicts: [] });
    expect(b.sheet.cell(2, columnOf(b.sheet, 'contactName')).note).toBe('');
    const stored = await server.request(user.restToken, 'GET', `/v1/customers/${id}`);
    expect((stored.body['values'] as Record<string, unknown>)['contactName']).toBe('赵磊');
  });

  it('gives the sidebar the row under the cursor and marks cells it found invalid', async () => {
    const { env, sheet } = openSheet(projectDir, server.base, await clerk('sidebar-clerk'));
    const row = typeRows(sheet, [typedCustomer(5)]);
    sheet.activeCell = { row, column: 3 };
    const selected = env.callFromSidebar<SheetRow | null>('getSelection');
    expect(selected?.row).toBe(row);
    expect(selected?.cells['name']).toBe(typedCustomer(5)['name']);
    sheet.activeCell = { row: 1, column: 1 };
    expect(env.callFromSidebar('getSelection')).toBeNull();

    env.callFromSidebar('markInvalid', [{ row, field: 'email', message: '邮箱格式错误' }]);
    expect(sheet.cell(row, columnOf(sheet, 'email')).note).toBe('邮箱格式错误');
    env.callFromSidebar('markInvalid', [{ row, field: 'email', message: '' }]);
    expect(sheet.cell(row, columnOf(sheet, 'email')).note).toBe('');

    expect(env.callFromSidebar('getIdentityToken')).toMatch(/^ey/);
    expect(env.callFromSidebar('getSettings')).toMatchObject({
      serverUrl: server.base,
      hasApiToken: false,
    });
  });
});
