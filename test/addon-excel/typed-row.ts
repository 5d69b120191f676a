import { displayValue } from '../../shared/core/sync-client/cell-codec';
import { enterpriseRow } from '../support/test-server';

/** Customer `i` as a user types it into the sheet: labels, not codes. */
export function typedRow(i: number): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [field, value] of Object.entries(enterpriseRow(i))) {
    cells[field] = String(displayValue(field, value, 'zh-CN'));
  }
  return { ...cells, kind: '企业' };
}
