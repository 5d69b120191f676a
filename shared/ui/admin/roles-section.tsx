import { useEffect, useState } from 'preact/hooks';
import { actions, fieldAccesses, rowScopes, type Action, type Role } from '../../core/roles/role';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote, OkNote } from '../components/notice';
import { useAsync } from '../components/use-async';

/** A role being made from another: its ID and names; the rest is copied. */
interface NewRole {
  id: string;
  zh: string;
  en: string;
}

/**
 * A role's actions, the customers it reaches and its rule for fields without their own (the
 * per-field rules are the grid's). Saved whole (`PUT /v1/admin/roles/:id`); the server refuses
 * a change that would leave nobody able to manage roles, and the refusal is shown as it comes.
 */
export function RolesSection() {
  const { api, locale, t } = useSidebar();
  const roles = useAsync(() => api.roles(), [api]);
  // The roles as saved since they were loaded: a save updates its role here, no reload.
  const [list, setList] = useState<Role[]>([]);
  const [roleId, setRoleId] = useState('');
  const [draft, setDraft] = useState<Role | undefined>(undefined);
  const [fresh, setFresh] = useState<NewRole | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (roles.state === 'ready') setList(roles.value);
  }, [roles]);

  useEffect(() => {
    const chosen = list.find((r) => r.id === roleId) ?? list[0];
    setDraft(chosen);
    if (chosen !== undefined && roleId === '') setRoleId(chosen.id);
  }, [list, roleId]);

  if (roles.state === 'loading') return <p class="crm-muted">{t('ui.loading')}</p>;
  if (roles.state === 'failed') return <ErrorNote message={roles.message} />;
  if (draft === undefined) return null;

  const toggle = (action: Action, on: boolean) =>
    setDraft({
      ...draft,
      actions: on
        ? actions.filter((a) => a === action || draft.actions.includes(a))
        : draft.actions.filter((a) => a !== action),
    });

  const save = async () => {
    setBusy(true);
    setError('');
    setDone('');
    const role: Role =
      fresh === null
        ? draft
        : {
            ...draft,
            id: fresh.id.trim(),
            name: { 'zh-CN': fresh.zh.trim(), en: fresh.en.trim() },
          };
    try {
      const saved = await api.saveRole(role);
      setDone(t('ui.admin.roleSaved', { name: saved.role.name[locale] }));
      setFresh(null);
      setList((before) => [...before.filter((r) => r.id !== saved.role.id), saved.role]);
      setRoleId(saved.role.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="crm-form"
      data-role="role-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label class="crm-field">
        <span class="crm-label">{t('field.role')}</span>
        <select
          class="crm-input"
          data-role="role-pick"
          value={roleId}
          disabled={fresh !== null}
          onChange={(e) => {
            setRoleId(e.currentTarget.value);
            setDone('');
            setError('');
          }}
        >
          {list.map((r) => (
            <option value={r.id}>{r.name[locale]}</option>
          ))}
        </select>
      </label>
      {fresh === null ? (
        <button
          type="button"
          class="crm-link"
          data-role="new-role"
          onClick={() => setFresh({ id: '', zh: '', en: '' })}
        >
          {t('ui.admin.newRole')}
        </button>
      ) : (
        <div data-role="new-role-names">
          {(
            [
              ['id', 'ui.admin.roleId'],
              ['zh', 'ui.admin.roleNameZh'],
              ['en', 'ui.admin.roleNameEn'],
            ] as const
          ).map(([key, label]) => (
            <label class="crm-field">
              <span class="crm-label">{t(label)}</span>
              <input
                class="crm-input"
                data-role={`new-role-${key}`}
                value={fresh[key]}
                onInput={(e) => setFresh({ ...fresh, [key]: e.currentTarget.value })}
              />
            </label>
          ))}
        </div>
      )}

      <fieldset class="crm-field">
        <legend class="crm-label">{t('ui.admin.rowScope')}</legend>
        <div class="crm-checks">
          {rowScopes.map((scope) => (
            <label class="crm-check">
              <input
                type="radio"
                name="row-scope"
                value={scope}
                checked={draft.rowScope === scope}
                onChange={() => setDraft({ ...draft, rowScope: scope })}
              />
              {t(`ui.scope.${scope}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <label class="crm-field">
        <span class="crm-label">{t('ui.admin.defaultRule')}</span>
        <select
          class="crm-input"
          data-role="default-access"
          value={draft.defaultFieldAccess}
          onChange={(e) =>
            setDraft({
              ...draft,
              defaultFieldAccess: e.currentTarget.value as Role['defaultFieldAccess'],
            })
          }
        >
          {fieldAccesses.map((a) => (
            <option value={a}>{t(`ui.access.${a}`)}</option>
          ))}
        </select>
      </label>

      <fieldset class="crm-field">
        <legend class="crm-label">{t('ui.admin.actions')}</legend>
        <div class="crm-checks is-column">
          {actions.map((action) => (
            <label class="crm-check">
              <input
                type="checkbox"
                name="actions"
                value={action}
                checked={draft.actions.includes(action)}
                onChange={(e) => toggle(action, e.currentTarget.checked)}
              />
              {t(`action.${action}`)}
            </label>
          ))}
        </div>
      </fieldset>

      {error !== '' && <ErrorNote message={error} />}
      {done !== '' && <OkNote message={done} />}
      <button type="submit" class="crm-button is-primary" data-role="save-role" disabled={busy}>
        {t('ui.admin.saveRole')}
      </button>
    </form>
  );
}
