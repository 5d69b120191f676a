import { describe, expect, it } from 'vitest';
import {
  fieldMaskKinds,
  maskKindForField,
  maskKindForName,
  maskKindSchema,
  maskValue,
  type MaskKind,
} from './mask-kinds';

describe('maskValue', () => {
  it('dispatches every kind to its mask', () => {
    const examples: Record<MaskKind, [string | number, string]> = {
      mobile: ['13812345678', '138****5678'],
      email: ['zhangsan@example.com', 'z***@example.com'],
      idNumber: ['11010519900307002X', '110105********002X'],
      creditCode: ['91350100M000100Y43', '9135**********0Y43'],
      personName: ['欧阳娜娜', '欧阳**'],
      companyName: ['深圳市腾讯计算机系统有限公司', '深圳市****有限公司'],
      address: ['上海市浦东新区张江路88号3楼', '上海市浦东新区****'],
      landline: ['0755-86013388', '0755-******88'],
      amount: [123456, '****'],
      full: ['wxid_zhangsan88', '****'],
      none: ['制造业', '制造业'],
    };
    for (const kind of maskKindSchema.options) {
      const [clear, masked] = examples[kind];
      expect(maskValue(kind, clear), kind).toBe(masked);
    }
  });

  it('turns a number into text for kinds other than amount', () => {
    expect(maskValue('none', 42)).toBe('42');
    expect(maskValue('mobile', 13812345678)).toBe('138****5678');
  });

  it('rejects an unknown kind when parsed from configuration', () => {
    expect(maskKindSchema.safeParse('wechat').success).toBe(false);
    expect(maskKindSchema.safeParse('mobile').success).toBe(true);
  });
});

describe('fieldMaskKinds', () => {
  it('masks the sensitive and personal fields of SPEC 5', () => {
    expect(fieldMaskKinds).toMatchObject({
      creditCode: 'creditCode',
      idNumber: 'idNumber',
      address: 'address',
      contactName: 'personName',
      mobile: 'mobile',
      email: 'email',
      wechat: 'full',
      landline: 'landline',
      totalAmount: 'amount',
      attachments: 'full',
      referrer: 'personName',
    });
  });

  it('leaves classification and system fields readable', () => {
    for (const field of [
      'id',
      'kind',
      'industry',
      'region',
      'stage',
      'tags',
      'status',
      'updatedAt',
    ] as const) {
      expect(fieldMaskKinds[field], field).toBe('none');
    }
  });
});

describe('maskKindForName', () => {
  it('masks an enterprise name as a company and an individual as a person', () => {
    expect(maskKindForName('enterprise')).toBe('companyName');
    expect(maskKindForName('individual')).toBe('personName');
  });
});

describe('maskKindForField', () => {
  it('picks the name mask by the customer kind, and masks fully when the kind is unknown', () => {
    expect(maskKindForField('name', 'enterprise')).toBe('companyName');
    expect(maskKindForField('name', 'individual')).toBe('personName');
    expect(maskKindForField('name')).toBe('full');
  });

  it('reads other fields from the table', () => {
    expect(maskKindForField('mobile', 'individual')).toBe('mobile');
    expect(maskKindForField('industry')).toBe('none');
  });

  it('masks fully a field it does not know, including inherited property names', () => {
    expect(maskKindForField('bankAccount')).toBe('full');
    expect(maskKindForField('toString')).toBe('full');
    expect(maskKindForField('__proto__')).toBe('full');
  });
});
