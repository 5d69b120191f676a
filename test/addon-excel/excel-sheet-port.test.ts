import { describe, expect, it } from 'vitest';
import {
  CellMessages,
  excelSheetPort,
  invalidFill,
  openCustomersSheet,
} from '../../addon-excel/src/excel-sheet-port';
import { ExcelHost, settingNames } from '../../addon-excel/src/excel-host';
import type { RowChange } from '../../shared/core/sync-client/index';
import { FakeExcel, FakeSettings, fakePayloadLimit } from '../fakes/excel/fake-excel';
import { FakeUserStore } from '../fakes/excel/fake-office';

async function customersSheet() {
  const excel = new FakeExcel();
  const layout = await openCustomersSheet(excel.run, 'zh-CN');
  return { excel, layout, sheet: excel.sheet(layout.sheetName) };
}

// A row whose sync state is ~600 bytes, so that 10,000 rows are ~7 MB: more than one request.
function appendOf(i: number): RowChange {
  return {
    kind: 'append',
    cells: { name: `客户${i}`, mobile: `138${String(i).padStart(8, '0')}` },
    meta: { recordId: '', checkpoint: '', state: JSON.stringify({ pad: 'x'.repeat(600), i }) },
  };
}

describe('the fake Excel is strict', () => {
  it('throws PropertyNotLoaded for a property read before load and sync', async () => {
    const { excel, layout } = await customersSheet();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets
        .getItem(layout.sheetName)
        .getRangeByIndexes(0, 0, 1, 3);
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      range.load('values');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(range.values[0]).toHaveLength(3);
    });
  });

  it('refuses a request over 5 MB like Excel', async () => {
    const { excel, layout } = await customersSheet();
    const big = Array.from({ length: 6_000 }, () => ['y'.repeat(1_000)]);
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets
          .getItem(layout.sheetName)
          .getRangeByIndexes(1, 0, big.length, 1).values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });
});

describe('the Excel sheet port', () => {
  it('makes the customers sheet with hidden columns and a dropdown on every option field', async () => {
    const { layout, sheet } = await customersSheet();
    expect([...sheet.hiddenColumns].sort((a, b) => a - b)).toEqual([
      layout.meta.recordId,
      layout.meta.checkpoint,
      layout.meta.state,
    ]);
    const kind = layout.fields.get('kind');
    const rule = sheet.validations.find((v) => v.column === kind);
    expect(rule?.rule?.list.source).toContain('企业');
    expect(rule?.errorAlert?.style).toBe('Stop');
    expect(sheet.validations.length).toBeGreaterThan(3);
  });

  it('writes and reads 10,000 rows with no request over 5 MB and few syncs', async () => {
    const { excel, layout } = await customersSheet();
    const port = excelSheetPort(excel.run, layout);
    const before = excel.syncs;
    await port.writeRows(Array.from({ length: 10_000 }, (_, i) => appendOf(i)));
    const rows = await port.readRows();
    expect(rows).toHaveLength(10_000);
    expect(rows[9_999]?.cells['name']).toBe('客户9999');
    expect(rows[9_999]?.row).toBe(10_001);
    expect(rows[0]?.cells['mobile']).toBe('13800000000');
    // Record IDs written back to every row: read the block, write it back, both chunked.
    await port.writeRows(
      rows.map((r) => ({ kind: 'update', row: r.row, meta: { recordId: `rec-${r.row}` } })),
    );
    const again = await port.readRows();
    expect(again.every((r) => r.meta.recordId === `rec-${r.row}`)).toBe(true);
    expect(again[5]?.meta.state).toBe(rows[5]?.meta.state);
    expect(excel.largestRequest).toBeLessThanOrEqual(fakePayloadLimit);
    expect(excel.largestAnswer).toBeLessThanOrEqual(fakePayloadLimit);
    expect(Math.max(...excel.requestBytes, ...excel.answerBytes)).toBeGreaterThan(1_000_000);
    // Together far over 5 MB each way, so both the reads and the writes came in chunks.
    const total = (list: number[]) => list.reduce((a, b) => a + b, 0);
    expect(total(excel.requestBytes)).toBeGreaterThan(fakePayloadLimit);
    expect(total(excel.answerBytes)).toBeGreaterThan(fakePayloadLimit);
    expect(excel.syncs - before).toBeLessThan(30);
  });

  it('reads again in halves a chunk whose answer Excel refused', async () => {
    const { excel, layout, sheet } = await customersSheet();
    const port = excelSheetPort(excel.run, layout);
    const nameColumn = layout.fields.get('name') as number;
    // 300 rows of 30 KB: far more per row than the first guess of the chunk size.
    for (let r = 1; r <= 300; r += 1) sheet.enter(r, nameColumn, 'z'.repeat(30_000));
    sheet.enter(300, layout.meta.recordId, 'rec');
    const rows = await port.readRows();
    expect(rows).toHaveLength(300);
    expect(excel.largestAnswer).toBeGreaterThan(fakePayloadLimit); // the refused one
    expect(rows[299]?.meta.recordId).toBe('rec');
  });

  it('reads an Excel date serial in a date column as YYYY-MM-DD', async () => {
    const { excel, layout, sheet } = await customersSheet();
    sheet.enter(1, layout.fields.get('expectedDate') as number, 45_292);
    sheet.enter(1, layout.fields.get('mobile') as number, 13_800_000_000);
    const [row] = await excelSheetPort(excel.run, layout).readRows();
    expect(row?.cells['expectedDate']).toBe('2024-01-01');
    expect(row?.cells['mobile']).toBe('13800000000');
  });

  it('neutralises formula-like values and keeps real formulas when rewriting', async () => {
    const { excel, layout, sheet } = await customersSheet();
    const port = excelSheetPort(excel.run, layout);
    const name = layout.fields.get('name') as number;
    const mobile = layout.fields.get('mobile') as number;
    await port.writeRows([
      {
        kind: 'append',
        cells: { name: '=HYPERLINK("http://evil","x")', mobile: '+8613800000000' },
        meta: { recordId: '', checkpoint: '', state: '' },
      },
    ]);
    expect(sheet.cell(1, name)).toEqual({ value: '=HYPERLINK("http://evil","x")' });
    expect(sheet.cell(1, mobile)).toEqual({ value: '+8613800000000' });
    sheet.enter(1, mobile, '=1+1'); // the user's own formula
    await port.writeRows([{ kind: 'update', row: 2, cells: { name: '@SUM(A1)' } }]);
    expect(sheet.cell(1, name)).toEqual({ value: '@SUM(A1)' });
    expect(sheet.cell(1, mobile)?.formula).toBe('=1+1');
  });

  it('removes rows, moving the rows below up, and appends after the last', async () => {
    const { excel, layout } = await customersSheet();
    const port = excelSheetPort(excel.run, layout);
    await port.writeRows(Array.from({ length: 5 }, (_, i) => appendOf(i)));
    await port.writeRows([{ kind: 'remove', row: 3 }, { kind: 'remove', row: 4 }, appendOf(99)]);
    const rows = await port.readRows();
    expect(rows.map((r) => r.cells['name'])).toEqual(['客户0', '客户3', '客户4', '客户99']);
  });

  it('highlights invalid cells and keeps their message; clears them with an empty message', async () => {
    const { excel, layout, sheet } = await customersSheet();
    const messages = new CellMessages();
    const port = excelSheetPort(excel.run, layout, messages);
    await port.writeRows([appendOf(1), appendOf(2)]);
    await port.writeRows([{ kind: 'update', row: 3, notes: { mobile: '手机号格式不正确' } }]);
    const mobile = layout.fields.get('mobile') as number;
    expect(sheet.fills.get(`2:${mobile}`)).toBe(invalidFill);
    expect(messages.get(3, 'mobile')).toBe('手机号格式不正确');
    await port.writeRows([{ kind: 'remove', row: 2 }]);
    expect(messages.get(2, 'mobile')).toBe('手机号格式不正确');
    expect(sheet.fills.get(`1:${mobile}`)).toBe(invalidFill);
  });
});

describe('the Excel host', () => {
  function host(excel: FakeExcel, settings = new FakeSettings()) {
    return new ExcelHost({
      run: excel.run,
      settings,
      userStore: new FakeUserStore(),
      locale: () => 'zh-CN',
    });
  }

  it('marks invalid cells, sets dropdowns and reads the selected row', async () => {
    const excel = new FakeExcel();
    const h = host(excel);
    await h.writeRows([appendOf(1), appendOf(2)]);
    await h.markInvalid([{ row: 2, field: 'name', message: '必填' }]);
    const sheet = excel.sheet('客户');
    const rows = await h.readRows();
    expect(rows).toHaveLength(2);
    expect(h.messages.get(2, 'name')).toBe('必填');
    expect([...sheet.fills.values()]).toEqual([invalidFill]);
    await h.markInvalid([{ row: 2, field: 'name', message: '' }]);
    expect(sheet.fills.size).toBe(0);

    await h.setDropdowns([{ field: 'industry', options: ['制造业', '零售, 批发'] }]);
    const industry = sheet.validations.filter((v) => v.rule?.list.source.includes('制造业'));
    expect(industry).toHaveLength(1);
    expect(industry[0]?.rule?.list.source).toBe('制造业,零售， 批发');

    excel.selection = { sheet: '客户', row: 2, column: 0 };
    expect((await h.getSelection())?.cells['name']).toBe('客户2');
    excel.selection = { sheet: '客户', row: 0, column: 0 };
    expect(await h.getSelection()).toBeNull();
    excel.selection = { sheet: '客户', row: 50, column: 0 };
    expect(await h.getSelection()).toBeNull();
  });

  it('keeps the server address in the document settings', async () => {
    const settings = new FakeSettings();
    const h = host(new FakeExcel(), settings);
    expect(await h.getServerUrl()).toBe('');
    await h.setServerUrl('https://crm.example.com/');
    expect(await h.getServerUrl()).toBe('https://crm.example.com');
    expect(settings.get(settingNames.serverUrl)).toBe('https://crm.example.com');
    expect(settings.saves).toBe(1);
  });
});
