import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../shared/core/sync/mutation-outcome';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;
let n = 0;

async function create(
  as: 'sales' | 'entryClerk' | 'otherSales',
  rows: Record<string, unknown>[],
): Promise<string[]> {
  const res = await server.call(as, 'POST', '/v1/sync/push', {
    clientId: 'sheet-1',
    mutations: rows.map((fields) => ({
      mutationId: `export-${String(n++).padStart(6, '0')}`,
      fields,
    })),
  });
  return (res.body as unknown as PushResponse).outcomes.map((o) => {
    if (o.status !== 'pending_review') throw new Error(JSON.stringify(o));
    return o.recordId;
  });
}

async function exportCsv(as: 'supervisor' | 'sales', query = '') {
  const res = await server.app.request(`/v1/customers/export${query}`, {
    headers: { authorization: `Bearer ${server.tokens[as]}` },
  });
  // Decoded keeping the byte-order mark, which Response.text() would drop.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), text };
}

/** The file's lines as cells; the cells in this test hold no commas or quotes. */
const cells = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));

beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('customer export', () => {
  it("gives a supervisor the team's customers as CSV, masked, with formulas made inert", async () => {
    const row: Record<string, unknown> = {
      ...enterpriseRow(),
      demand: '=HYPERLINK("http://evil.example")',
    };
    const [east] = await create('sales', [row]);
    const [clerk] = await create('entryClerk', [enterpriseRow()]);
    await create('otherSales', [enterpriseRow()]);

    const file = await exportCsv('supervisor');
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.text.slice(0, 11)).toBe('\uFEFF客户编号,客户名称,');
    const [header, ...lines] = cells(file.text);
    // Team east's two, not team west's.
    expect(lines.map((l) => l[0])).toEqual([east, clerk].sort());
    const mobile = String(row['mobile']);
    const at = header?.indexOf('手机号') ?? -1;
    expect(at).toBeGreaterThan(0);
    const exported = lines.find((l) => l[0] === east);
    // The supervisor reads mobiles in clear, but an export is masked (SPEC 5).
    expect(exported?.[at]).toBe(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
    expect(file.text).not.toContain(mobile);
    expect(file.text).not.toContain(String(row['email']));
    expect(file.text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('masks every contact detail, WeChat and landline too, for a caller who views them in clear', async () => {
    const row: Record<string, unknown> = {
      ...enterpriseRow(),
      mobile: '13912345678',
      wechat: '13912345678',
      landline: '021-62345678',
    };
    const [id] = await create('sales', [row]);
    const read = await server.call('supervisor', 'GET', `/v1/customers/${id}`);
    expect(read.body['values']).toMatchObject({ wechat: '13912345678' });
    const file = await exportCsv('supervisor');
    const [header, ...lines] = cells(file.text);
    const line = lines.find((l) => l[0] === id);
    expect(line?.[header?.indexOf('手机号') ?? -1]).toBe('139****5678');
    expect(line?.[header?.indexOf('座机') ?? -1]).toMatch(/^021-\*+78$/);
    expect(file.text).not.toContain('13912345678');
    expect(file.text).not.toContain('62345678');
    expect(line?.[header?.indexOf('联系人姓名') ?? -1]).toBe('张*');
    // The company's name is not personal data: it stays readable.
    expect(file.text).toContain(String(row.name));
  });

  it('leaves out the columns hidden from the caller and follows the filter', async () => {
    const rows = [enterpriseRow(), enterpriseRow()];
    const [first] = await create('sales', rows);
    const hidden = await server.call('admin', 'PATCH', '/v1/admin/roles/supervisor/fields', {
      field: 'email',
      access: 'hidden',
    });
    expect(hidden.status).toBe(200);
    const file = await exportCsv('supervisor', `?mobile=${String(rows[0]?.['mobile'])}`);
    const [header, ...lines] = cells(file.text);
    expect(header).not.toContain('邮箱');
    expect(header).toContain('手机号');
    expect(lines.map((l) => l[0])).toEqual([first]);
  });

  it('audits the export with its filters, but not what was typed about a customer', async () => {
    const [row] = [enterpriseRow()];
    await create('sales', [row]);
    const mobile = String(row['mobile']);
    await exportCsv('supervisor', `?mobile=${mobile}&industry=manufacturing`);
    const entries = await server.db.all<{ actor_id: string; detail: string }>(
      "SELECT actor_id, detail FROM audit_log WHERE action = 'customer.export'",
    );
    expect(entries).toEqual([
      { actor_id: 'u-supervisor', detail: '{"industry":"manufacturing","mobile":"(given)"}' },
    ]);
  });

  it('refuses roles that may not export, and a bad filter by name', async () => {
    await create('sales', [enterpriseRow()]);
    expect((await exportCsv('sales')).status).toBe(403);
    const bad = await exportCsv('supervisor', '?region=abc');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { fields: [{ field: 'region' }] } });
    // A day the calendar lacks, or a number that is no mobile, would quietly find nothing.
    const odd = await exportCsv('supervisor', '?lastContactFrom=2024-02-30&mobile=abc');
    expect(odd.status).toBe(400);
    expect(JSON.parse(odd.text)).toMatchObject({
      error: { fields: [{ field: 'mobile' }, { field: 'lastContactFrom' }] },
    });
  });

  it('streams past one page of rows, each customer once, in ID order', async () => {
    const ids = [
      ...(await create(
        'sales',
        Array.from({ length: 500 }, () => enterpriseRow()),
      )),
      ...(await create('sales', [enterpriseRow(), enterpriseRow()])),
    ];
    const [, ...lines] = cells((await exportCsv('supervisor')).text);
    expect(lines.map((l) => l[0])).toEqual([...ids].sort());
  });
});
