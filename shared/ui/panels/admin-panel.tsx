import { useState } from 'preact/hooks';
import type { MessageKey } from '../../core/i18n/messages';
import { roleAllows } from '../../core/roles/role';
import { FieldGrid } from '../admin/field-grid';
import { RolesSection } from '../admin/roles-section';
import { TokensSection } from '../admin/tokens-section';
import { UsersSection } from '../admin/users-section';
import { useSidebar } from '../app/sidebar-context';

type Section = 'users' | 'roles' | 'fields' | 'tokens';

const labels: Record<Section, MessageKey> = {
  users: 'ui.admin.users',
  roles: 'ui.admin.roles',
  fields: 'ui.admin.fields',
  tokens: 'ui.admin.tokens',
};

/** Admin: users and their roles, roles' actions and reach, per-field rules, API tokens. */
export function AdminPanel() {
  const { me, t } = useSidebar();
  const sections: Section[] = [
    ...(roleAllows(me.role, 'admin.users') ? (['users'] as const) : []),
    ...(roleAllows(me.role, 'admin.roles') ? (['roles', 'fields'] as const) : []),
    ...(roleAllows(me.role, 'admin.users') ? (['tokens'] as const) : []),
  ];
  const [chosen, setChosen] = useState<Section | undefined>(undefined);
  const current = chosen !== undefined && sections.includes(chosen) ? chosen : sections[0];
  return (
    <div class="crm-admin">
      <nav class="crm-subtabs">
        {sections.map((s) => (
          <button
            type="button"
            data-section={s}
            class={s === current ? 'crm-subtab is-active' : 'crm-subtab'}
            aria-pressed={s === current}
            onClick={() => setChosen(s)}
          >
            {t(labels[s])}
          </button>
        ))}
      </nav>
      {current === 'users' && <UsersSection />}
      {current === 'roles' && <RolesSection />}
      {current === 'fields' && <FieldGrid />}
      {current === 'tokens' && <TokensSection />}
    </div>
  );
}
