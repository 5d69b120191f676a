import { describe, expect, it } from 'vitest';
import type { SheetRow } from './index';
import { RowLedger } from './row-ledger';

const row = (n: number, name: string, recordId = '', state = ''): SheetRow => ({
  row: n,
  cells: { name, mobile: '' },
  meta: { recordId, checkpoint: recordId === '' ? '' : '5', state },
});
const pending = (id: string) => JSON.stringify({ b: {}, p: { id, f: { name: 'x' } } });

describe('RowLedger', () => {
  it('follows rows moved by a row inserted above, by record ID and by pending mutation ID', () => {
    const ledger = new RowLedger(
      [row(2, '甲', 'CUS202405010001'), row(3, '乙', '', pending('c-1')), row(4, '丙')],
      2,
    );
    ledger.refresh([
      row(2, '新'),
      row(3, '甲', 'CUS202405010001'),
      row(4, '乙', '', pending('c-1')),
      row(5, '丙'),
    ]);
    expect(ledger.live().map((t) => [t.row, t.cells['name']])).toEqual([
      [3, '甲'],
      [4, '乙'],
      [5, '丙'],
    ]);
    expect(ledger.live().every((t) => t.edited.size === 0)).toBe(true);
  });

  it('notes a cell the user changed, and loses a row the user deleted', () => {
    const ledger = new RowLedger(
      [row(2, '甲', 'CUS202405010001'), row(3, '乙', 'CUS202405010002')],
      2,
    );
    ledger.refresh([row(2, '甲（改）', 'CUS202405010001')]);
    const [first, second] = ledger.rows;
    expect([...(first?.edited ?? [])]).toEqual(['name']);
    expect(second?.gone).toBe(true);
  });

  it('treats a copied row, hidden columns and all, as a new row', () => {
    const ledger = new RowLedger(
      [row(2, '甲', 'CUS202405010001'), row(3, '甲', 'CUS202405010001')],
      2,
    );
    expect(ledger.rows.map((t) => t.recordId)).toEqual(['CUS202405010001', '']);
    expect(ledger.rows[1]?.adopted).toBe(true);
  });

  it('numbers rows after removals close their gaps and appends follow the last row', () => {
    const ledger = new RowLedger(
      [
        row(2, 'a', 'CUS202405010001'),
        row(3, 'b', 'CUS202405010002'),
        row(4, 'c', 'CUS202405010003'),
      ],
      2,
    );
    const added = ledger.newRow(
      { name: 'd' },
      { recordId: 'CUS202405010004', checkpoint: '9', state: '' },
      { b: {} },
    );
    ledger.afterWrite(
      [
        { kind: 'remove', row: 3 },
        {
          kind: 'append',
          cells: { name: 'd' },
          meta: { recordId: 'CUS202405010004', checkpoint: '9', state: '' },
        },
      ],
      [added],
    );
    expect(ledger.live().map((t) => [t.row, t.cells['name']])).toEqual([
      [2, 'a'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });
});
