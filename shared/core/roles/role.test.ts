import { describe, expect, it } from 'vitest';
import { customerFields } from '../fields/customer-fields';
import { adminRole, auditorRole, defaultRoles, entryClerkRole, supportRole } from './default-roles';
import { fieldAccessOf, roleAllows, roleSchema, type Role } from './role';

describe('roles as data', () => {
  it('seeds the seven roles of SPEC 1, each a valid role', () => {
    expect(defaultRoles.map((r) => r.id)).toEqual([
      'entryClerk',
      'sales',
      'support',
      'reviewer',
      'supervisor',
      'admin',
      'auditor',
    ]);
    for (const role of defaultRoles) expect(roleSchema.safeParse(role).success, role.id).toBe(true);
  });

  it('denies what a role does not list', () => {
    const bare: Role = {
      id: 'bare',
      name: { 'zh-CN': '空', en: 'Bare' },
      actions: [],
      rowScope: 'own',
      defaultFieldAccess: 'hidden',
      fieldAccess: {},
    };
    expect(roleAllows(bare, 'customer.read')).toBe(false);
    expect(fieldAccessOf(bare, 'name')).toBe('hidden');
  });

  it('gives the auditor the log and no customer data', () => {
    expect(roleAllows(auditorRole, 'audit.read')).toBe(true);
    expect(roleAllows(auditorRole, 'customer.read')).toBe(false);
    expect(auditorRole.rowScope).toBe('none');
    for (const field of customerFields)
      expect(fieldAccessOf(auditorRole, field.key)).toBe('hidden');
  });

  it('shows support every customer with contact details masked, and no ID numbers', () => {
    expect(supportRole.rowScope).toBe('all');
    expect(fieldAccessOf(supportRole, 'mobile')).toBe('masked');
    expect(fieldAccessOf(supportRole, 'email')).toBe('masked');
    expect(fieldAccessOf(supportRole, 'idNumber')).toBe('hidden');
    expect(fieldAccessOf(supportRole, 'tags')).toBe('view');
  });

  it('keeps administration to the admin, and sensitive fields masked even for the admin', () => {
    for (const role of defaultRoles.filter((r) => r !== adminRole)) {
      expect(
        role.actions.some((a) => a.startsWith('admin.')),
        role.id,
      ).toBe(false);
    }
    for (const field of customerFields.filter((f) => f.sensitive)) {
      expect(fieldAccessOf(adminRole, field.key), field.key).toBe('masked');
    }
  });

  it('lets an entry clerk work on own records only', () => {
    expect(entryClerkRole.rowScope).toBe('own');
    expect(roleAllows(entryClerkRole, 'customer.review')).toBe(false);
    expect(roleAllows(entryClerkRole, 'customer.submit')).toBe(true);
  });
});
