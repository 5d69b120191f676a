import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../crypto/crypto-error';
import { encryptField, needsReencryption, reencryptField } from '../crypto/field-cipher';
import { createKeyRing } from '../crypto/key-ring';
import { fromRow, sealValues, type StoredColumns } from './customer-row';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const index = randomBytes(32);
const ring = createKeyRing([{ id: 'k1', key: k1 }], 'k1', index);
const rotated = createKeyRing(
  [
    { id: 'k1', key: k1 },
    { id: 'k2', key: k2 },
  ],
  'k2',
  index,
);

const values = {
  name: '上海华信科技有限公司',
  contactName: '张伟',
  mobile: '13812345678',
  email: 'zhang.wei@example.com',
  address: '上海市浦东新区世纪大道100号',
  totalAmount: 120000,
  tags: ['区域-华东'],
};

function row(sealed: { clear_data: string; secret_data: string; masked_data: string }) {
  return {
    id: 'CUS2026112200001',
    checkpoint: 1,
    version: 1,
    status: 'draft',
    kind: 'enterprise',
    owner: 'u-1',
    team: null,
    template_id: 'enterprise-domestic',
    field_checkpoints: '{}',
    possible_duplicates: '[]',
    rejections: 0,
    created_by: 'u-1',
    created_at: '2026-11-22T00:00:00.000Z',
    updated_by: 'u-1',
    updated_at: '2026-11-22T00:00:00.000Z',
    ...sealed,
  } satisfies StoredColumns;
}

describe('a record sealed for storage', () => {
  it('keeps sensitive values out of every column in clear, and reads them back', () => {
    const sealed = sealValues(ring, 'enterprise', values);
    for (const column of Object.values(sealed)) {
      expect(column).not.toContain('13812345678');
      expect(column).not.toContain('zhang.wei');
      expect(column).not.toContain('世纪大道');
      expect(column).not.toContain('120000');
    }
    expect(JSON.parse(sealed.clear_data)).toEqual({
      name: values.name,
      contactName: values.contactName,
      tags: values.tags,
    });
    // One ciphertext for the record, under the active key.
    expect(sealed.secret_data).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(fromRow(ring, row(sealed)).values).toEqual(values);
  });

  it('reads the stored masks, not the ciphertext, for a masked view', () => {
    const sealed = sealValues(ring, 'enterprise', values);
    const masked = fromRow(ring, { ...row(sealed), secret_data: 'not read' }, false).values;
    expect(masked['mobile']).toBe('138****5678');
    expect(masked['name']).toBe(values.name);
  });

  it('writes no ciphertext for a record without sensitive values', () => {
    const sealed = sealValues(ring, 'enterprise', { name: values.name });
    expect(sealed.secret_data).toBe('{}');
    expect(fromRow(ring, row(sealed)).values).toEqual({ name: values.name });
  });

  it('still reads rows written with one ciphertext per field', () => {
    const perField = JSON.stringify({
      mobile: encryptField(ring, 'customer.mobile', JSON.stringify(values.mobile)),
      totalAmount: encryptField(ring, 'customer.totalAmount', JSON.stringify(values.totalAmount)),
    });
    const read = fromRow(
      ring,
      row({ clear_data: '{"name":"x"}', secret_data: perField, masked_data: '{}' }),
    );
    expect(read.values).toEqual({ name: 'x', mobile: values.mobile, totalAmount: 120000 });
  });

  it('refuses a ciphertext that was altered, or moved from a single field', () => {
    const sealed = sealValues(ring, 'enterprise', values);
    const parts = sealed.secret_data.split('.');
    const body = parts[3] ?? '';
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    expect(() => fromRow(ring, row({ ...sealed, secret_data: parts.join('.') }))).toThrow(
      CryptoError,
    );
    const oneField = encryptField(ring, 'customer.mobile', JSON.stringify({ mobile: '1' }));
    expect(() => fromRow(ring, row({ ...sealed, secret_data: oneField }))).toThrow(
      /failed authentication/,
    );
  });

  it('rotates as one value: rewritten under the new key, readable with the old one kept', () => {
    const sealed = sealValues(ring, 'enterprise', values);
    expect(needsReencryption(rotated, sealed.secret_data)).toBe(true);
    const again = reencryptField(rotated, 'customer.sensitive', sealed.secret_data);
    expect(again.startsWith('v1.k2.')).toBe(true);
    expect(fromRow(rotated, row({ ...sealed, secret_data: again })).values).toEqual(values);
    expect(fromRow(rotated, row(sealed)).values).toEqual(values);
  });
});
