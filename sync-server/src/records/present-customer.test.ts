import { describe, expect, it } from 'vitest';
import { supportRole } from '../../../shared/core/roles/default-roles';
import type { Actor } from '../http/context';
import type { StoredCustomer } from './customer-row';
import { present } from './present-customer';

const actor = { user: { id: 'u-support', team: null }, role: supportRole } as unknown as Actor;

function customer(values: Record<string, unknown>): StoredCustomer {
  return {
    id: 'CUS202405010001',
    checkpoint: 7,
    version: 2,
    status: 'pending',
    kind: 'enterprise',
    owner: 'u-sales',
    team: null,
    templateId: null,
    values,
    fieldCheckpoints: {},
    possibleDuplicates: [],
    rejections: 0,
    createdBy: 'u-sales',
    createdAt: '2024-05-01 10:00:00',
    updatedBy: 'u-sales',
    updatedAt: '2024-05-01 10:00:00',
  };
}

describe('present', () => {
  it('shows the values, then the system fields, which win over stored ones of that name', () => {
    const shown = present(
      actor,
      customer({ name: '华信科技有限公司', id: 'stale', stage: 'lead' }),
    );
    expect(Object.keys(shown.values)).toEqual([
      'name',
      'id',
      'stage',
      'status',
      'version',
      'kind',
      'updatedAt',
      'updatedBy',
    ]);
    expect(shown.values['id']).toBe('CUS202405010001');
  });

  it('keeps a field named __proto__ a field, as a spread would', () => {
    const values = JSON.parse('{"__proto__": {"polluted": true}, "stage": "lead"}') as Record<
      string,
      unknown
    >;
    const shown = present(actor, customer(values));
    expect(Object.getPrototypeOf(shown.values)).toBe(Object.prototype);
    expect(Object.keys(shown.values).slice(0, 2)).toEqual(['stage', 'id']);
  });
});
