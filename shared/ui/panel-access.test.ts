import { describe, expect, it } from 'vitest';
import {
  adminRole,
  auditorRole,
  entryClerkRole,
  reviewerRole,
  salesRole,
  supervisorRole,
  supportRole,
} from '../core/roles/default-roles';
import type { Role } from '../core/roles/role';
import { visiblePanels } from './panel-access';

describe('visiblePanels', () => {
  it('shows each default role the panels SPEC 1 gives it', () => {
    expect(visiblePanels(entryClerkRole)).toEqual(['entry', 'tags', 'sync']);
    expect(visiblePanels(salesRole)).toEqual(['entry', 'tags', 'sync']);
    expect(visiblePanels(supportRole)).toEqual(['tags', 'sync']);
    expect(visiblePanels(reviewerRole)).toEqual(['sync', 'review']);
    expect(visiblePanels(supervisorRole)).toEqual(['sync', 'review']);
    expect(visiblePanels(adminRole)).toEqual(['tags', 'sync', 'admin']);
    expect(visiblePanels(auditorRole)).toEqual([]);
  });

  it('follows the role data, not the role name', () => {
    const clerkWhoAdmins: Role = { ...entryClerkRole, actions: ['admin.roles'] };
    expect(visiblePanels(clerkWhoAdmins)).toEqual(['admin']);
    const readsNothing: Role = { ...reviewerRole, rowScope: 'none' };
    expect(visiblePanels(readsNothing)).toEqual(['review']);
  });
});
