import { describe, expect, it } from 'vitest';
import { enterpriseTemplate, individualTemplate } from '../../core/forms/default-templates';
import type { SheetRow } from '../../core/sync-client/index';
import { cellsFromValues, rowStatus, templateForRow, valuesFromRow } from './row-values';

const row: SheetRow = {
  row: 7,
  cells: {
    name: '上海华信精密机械有限公司',
    kind: '企业',
    industry: '制造业',
    region: '上海市/上海市/浦东新区',
    stage: 'Prospect',
    sources: '展会推荐、客户转介绍',
    mobile: '13912345678',
    email: '',
    status: '待审核',
  },
  meta: { recordId: 'CUS202405010001', checkpoint: '3', state: '' },
};

describe('a sheet row in the entry form', () => {
  it('reads option labels (either language), region names and lists back as codes', () => {
    expect(valuesFromRow(row, enterpriseTemplate, 'zh-CN')).toEqual({
      name: '上海华信精密机械有限公司',
      industry: 'manufacturing',
      region: '310115',
      stage: 'prospect',
      sources: ['tradeShow', 'referral'],
      mobile: '13912345678',
    });
    expect(rowStatus(row, 'zh-CN')).toBe('pending');
  });

  it('writes the form back as the cells show it, clearing what the form left blank', () => {
    const values = valuesFromRow(row, enterpriseTemplate, 'zh-CN');
    const cells = cellsFromValues({ ...values, mobile: '' }, enterpriseTemplate, 'zh-CN');
    expect(cells).toMatchObject({
      industry: '制造业',
      region: '上海市/上海市/浦东新区',
      sources: '展会推荐、客户转介绍',
      mobile: '',
      email: '',
    });
    // Only the template's fields: never the server's status.
    expect(cells).not.toHaveProperty('status');
    expect(cellsFromValues(values, enterpriseTemplate, 'en')['stage']).toBe('Prospect');
  });

  it('picks the template by the row’s customer kind', () => {
    const templates = [enterpriseTemplate, individualTemplate];
    expect(templateForRow(row, templates, 'zh-CN')?.id).toBe('enterprise-domestic');
    const person = { ...row, cells: { ...row.cells, kind: 'Individual' } };
    expect(templateForRow(person, templates, 'zh-CN')?.id).toBe('individual-domestic');
  });
});
