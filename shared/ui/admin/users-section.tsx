import { useState } from 'preact/hooks';
import type { Role } from '../../core/roles/role';
import type { User } from '../../core/schemas/user';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote, OkNote } from '../components/notice';
import { useAsync } from '../components/use-async';

interface Draft {
  id: string;
  email: string;
  displayName: string;
  roleId: string;
  team: string;
  locale: User['locale'];
  active: boolean;
}

const blank: Draft = {
  id: '',
  email: '',
  displayName: '',
  roleId: '',
  team: '',
  locale: 'zh-CN',
  active: true,
};

/** The users: their role, team and whether they may sign in; a new user by ID and email. */
export function UsersSection() {
  const { api, locale, t } = useSidebar();
  const [reloads, setReloads] = useState(0);
  const loaded = useAsync(
    async () => ({ users: await api.users(), roles: await api.roles() }),
    [api, reloads],
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const [isNew, setIsNew] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  if (loaded.state === 'loading') return <p class="crm-muted">{t('ui.loading')}</p>;
  if (loaded.state === 'failed') return <ErrorNote message={loaded.message} />;
  const { users, roles } = loaded.value;
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name[locale] ?? id;

  const edit = (user: User) => {
    setIsNew(false);
    setError('');
    setDone('');
    setDraft({ ...user, team: user.team ?? '' });
  };
  const save = async () => {
    if (draft === null) return;
    setError('');
    try {
      const { user } = await api.saveUser(draft.id.trim(), {
        email: draft.email.trim(),
        displayName: draft.displayName.trim(),
        roleId: draft.roleId,
        team: draft.team.trim() === '' ? null : draft.team.trim(),
        locale: draft.locale,
        active: draft.active,
      });
      setDone(t('ui.admin.userSaved', { name: user.displayName }));
      setDraft(null);
      setReloads((n) => n + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div class="crm-users">
      {done !== '' && <OkNote message={done} />}
      {draft === null ? (
        <>
          <ul class="crm-list" data-role="users">
            {users.map((user) => (
              <li>
                <button
                  type="button"
                  class="crm-list-item"
                  data-user={user.id}
                  onClick={() => edit(user)}
                >
                  <span class="crm-list-title">
                    {user.displayName}
                    {!user.active && <span class="crm-badge">{t('ui.admin.inactive')}</span>}
                  </span>
                  <span class="crm-list-meta">
                    {user.email} · {roleName(user.roleId)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            class="crm-button"
            onClick={() => {
              setIsNew(true);
              setDone('');
              setDraft({ ...blank, roleId: roles[0]?.id ?? '' });
            }}
          >
            {t('ui.admin.newUser')}
          </button>
        </>
      ) : (
        <UserForm
          draft={draft}
          isNew={isNew}
          roles={roles}
          error={error}
          onChange={setDraft}
          onSave={() => void save()}
          onCancel={() => setDraft(null)}
        />
      )}
    </div>
  );
}

function UserForm({
  draft,
  isNew,
  roles,
  error,
  onChange,
  onSave,
  onCancel,
}: {
  draft: Draft;
  isNew: boolean;
  roles: readonly Role[];
  error: string;
  onChange: (draft: Draft) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { locale, t } = useSidebar();
  const text = (key: 'id' | 'email' | 'displayName' | 'team', label: string, disabled = false) => (
    <label class="crm-field">
      <span class="crm-label">{label}</span>
      <input
        class="crm-input"
        name={key}
        value={draft[key]}
        disabled={disabled}
        onInput={(e) => onChange({ ...draft, [key]: e.currentTarget.value })}
      />
    </label>
  );
  return (
    <form
      class="crm-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      {text('id', t('ui.admin.userId'), !isNew)}
      {text('email', t('field.email.user'))}
      {text('displayName', t('field.displayName'))}
      <label class="crm-field">
        <span class="crm-label">{t('field.role')}</span>
        <select
          class="crm-input"
          name="roleId"
          value={draft.roleId}
          onChange={(e) => onChange({ ...draft, roleId: e.currentTarget.value })}
        >
          {roles.map((r) => (
            <option value={r.id}>{r.name[locale]}</option>
          ))}
        </select>
      </label>
      {text('team', t('field.team'))}
      <label class="crm-check">
        <input
          type="checkbox"
          checked={draft.active}
          onChange={(e) => onChange({ ...draft, active: e.currentTarget.checked })}
        />
        {t('ui.admin.active')}
      </label>
      {error !== '' && <ErrorNote message={error} />}
      <div class="crm-actions">
        <button type="submit" class="crm-button is-primary">
          {t('ui.save')}
        </button>
        <button type="button" class="crm-button" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
      </div>
    </form>
  );
}
