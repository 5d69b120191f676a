import { roleAllows, type Role } from '../core/roles/role';

/** The sidebar's panels, in tab order. */
export const panelIds = ['entry', 'tags', 'sync', 'review', 'admin'] as const;

export type PanelId = (typeof panelIds)[number];

/**
 * The panels a role may use; the server checks every call again, this only hides what would be
 * refused anyway.
 * @example visiblePanels(entryClerkRole) // ['entry', 'tags', 'sync']
 */
export function visiblePanels(role: Role): PanelId[] {
  const can = (...actions: Parameters<typeof roleAllows>[1][]) =>
    actions.some((a) => roleAllows(role, a));
  const shown: Record<PanelId, boolean> = {
    entry: can('customer.create'),
    tags: can('tag.apply', 'admin.tags'),
    sync: can('customer.read') && role.rowScope !== 'none',
    review: can('customer.review', 'customer.approveSecond'),
    admin: can('admin.users', 'admin.roles'),
  };
  return panelIds.filter((id) => shown[id]);
}
