import { describe, expect, it } from 'vitest';
import { customerFields } from '../fields/customer-fields';
import { customerInputSchema, customerSchema, requiredCustomerFields } from './customer';

const input = {
  name: '华信科技(上海)有限责任公司',
  kind: 'enterprise',
  industry: 'itServices',
  region: '310115',
  stage: 'interested',
  contactName: '欧阳娜娜',
  mobile: '138 1234 5678',
  landline: '021-62345678',
  demand: '年度运维外包',
  expectedDate: '2025-01-15',
  sources: ['referral', 'online'],
  owner: 'u-1',
  totalAmount: '1,200,000.50',
  tags: '区域-华东，来源-展会',
};

describe('customer schema', () => {
  it('requires exactly the fields the field table marks required', () => {
    expect([...requiredCustomerFields].sort()).toEqual(
      customerFields
        .filter((f) => f.required)
        .map((f) => f.key)
        .sort(),
    );
  });

  it('parses what a user typed into normalised values', () => {
    const parsed = customerInputSchema.parse(input);
    expect(parsed.mobile).toBe('13812345678');
    expect(parsed.totalAmount).toBe(1200000.5);
    expect(parsed.tags).toEqual(['区域-华东', '来源-展会']);
    expect(parsed.sources).toEqual(['referral', 'online']);
  });

  it('refuses a vague tag and a negative amount, naming the field', () => {
    const result = customerInputSchema.safeParse({ ...input, tags: ['重要'], totalAmount: -1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(
      expect.arrayContaining(['tags', 'totalAmount']),
    );
  });

  it('adds system fields for a stored record and refuses unknown fields', () => {
    const stored = {
      ...customerInputSchema.parse(input),
      id: 'CUS202405010001',
      status: 'pending',
      version: 3,
      createdAt: '2024-05-01 09:30:00',
      updatedAt: '2024-05-02 10:00:00',
      updatedBy: 'u-1',
    };
    expect(customerSchema.parse(stored).id).toBe('CUS202405010001');
    expect(customerSchema.safeParse({ ...stored, id: 'CUS2024050100001' }).success).toBe(false);
    expect(customerSchema.safeParse({ ...stored, shoeSize: 42 }).success).toBe(false);
  });
});
