import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import { auditCsvColumns, auditCsvHeader, auditCsvRow } from './audit-csv';
import { csvCell } from '../http/csv';

const entry: AuditEntry = {
  seq: 42,
  at: '2025-03-01T08:00:00.000Z',
  actorId: 'u-zhang',
  actorRole: 'sales',
  ip: '10.0.0.7',
  userAgent: 'Mozilla/5.0 (KHTML, like Gecko)',
  client: 'excel',
  action: 'customer.update',
  recordId: 'C202503010001',
  fields: [{ field: 'mobile', oldValue: '138****5678', newValue: '139****4321' }],
  outcome: 'success',
  detail: null,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

describe('audit CSV', () => {
  it('starts with a byte-order mark and a header naming every column', () => {
    expect(auditCsvHeader()).toBe(`\uFEFF${auditCsvColumns.join(',')}\r\n`);
  });

  it('writes one CRLF line per entry, quoting cells with commas or quotes', () => {
    expect(auditCsvRow(entry)).toBe(
      `42,2025-03-01T08:00:00.000Z,u-zhang,sales,10.0.0.7,"Mozilla/5.0 (KHTML, like Gecko)",excel,customer.update,C202503010001,` +
        `"[{""field"":""mobile"",""oldValue"":""138****5678"",""newValue"":""139****4321""}]",success,,${'a'.repeat(64)},${'b'.repeat(64)}\r\n`,
    );
  });

  it('neutralises formula-like text before quoting it', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","点击")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""点击"")"`,
    );
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});
