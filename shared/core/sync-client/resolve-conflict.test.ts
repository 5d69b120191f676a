import { describe, expect, it } from 'vitest';
import type { SheetRow } from './index';
import { resolveConflict } from './resolve-conflict';
import { parseRowState } from './row-state';

const conflicted: SheetRow = {
  row: 7,
  cells: { contactName: '赵磊', remarks: '新备注' },
  meta: {
    recordId: 'CUS202405010001',
    checkpoint: '5',
    state: JSON.stringify({
      b: { contactName: '张伟', remarks: '旧备注' },
      s: 'conflict',
      x: { c: 9, t: { contactName: '王芳', remarks: '=HYPERLINK("x")' } },
      e: ['contactName', 'remarks'],
    }),
  },
};

describe('resolveConflict', () => {
  it('takes theirs into the cell, keeps yours to push, and rebases the row on their checkpoint', () => {
    const change = resolveConflict(
      conflicted,
      { row: 7, recordId: 'CUS202405010001', fields: { contactName: 'yours', remarks: 'theirs' } },
      'zh-CN',
    );
    expect(change).toMatchObject({
      kind: 'update',
      row: 7,
      cells: { remarks: '\'=HYPERLINK("x")' },
      notes: { contactName: '', remarks: '' },
      meta: { checkpoint: '9' },
    });
    const state = parseRowState(change?.kind === 'update' ? (change.meta?.state ?? '') : '');
    expect(state).toEqual({ b: { contactName: '王芳', remarks: '=HYPERLINK("x")' }, s: 'synced' });
  });

  it('does nothing to another row or to a row without a conflict', () => {
    expect(
      resolveConflict(conflicted, { row: 7, recordId: 'CUS202405010002', fields: {} }, 'zh-CN'),
    ).toBeUndefined();
    const calm = { ...conflicted, meta: { ...conflicted.meta, state: '{"b":{}}' } };
    expect(
      resolveConflict(calm, { row: 7, recordId: 'CUS202405010001', fields: {} }, 'zh-CN'),
    ).toBeUndefined();
  });
});
