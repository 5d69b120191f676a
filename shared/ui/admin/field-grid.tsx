import { useState } from 'preact/hooks';
import { customerFields, type CustomerFieldKey } from '../../core/fields/customer-fields';
import { fieldLabel } from '../../core/i18n/translate';
import { fieldAccesses, type FieldAccess, type Role } from '../../core/roles/role';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote } from '../components/notice';
import { useAsync } from '../components/use-async';

/**
 * The per-field rule grid of one role: a row per customer field, a column per rule (edit, view,
 * masked, hidden). A click saves that one cell (`PATCH /v1/admin/roles/:id/fields`); fields
 * without their own rule show the role's default.
 */
export function FieldGrid() {
  const { api, locale, t } = useSidebar();
  const roles = useAsync(() => api.roles(), [api]);
  const [roleId, setRoleId] = useState('');
  // Roles as this panel last saved them, by ID; the rest as listed. The role shown is derived
  // while rendering, so a click right after choosing a role never lands on the one before.
  const [changed, setChanged] = useState<Record<string, Role>>({});
  const [saving, setSaving] = useState('');
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');
  const listed =
    roles.state === 'ready'
      ? (roles.value.find((r) => r.id === roleId) ?? roles.value[0])
      : undefined;
  const role = listed === undefined ? undefined : (changed[listed.id] ?? listed);
  const setRole = (next: Role) => setChanged((all) => ({ ...all, [next.id]: next }));

  if (roles.state === 'loading') return <p class="crm-muted">{t('ui.loading')}</p>;
  if (roles.state === 'failed') return <ErrorNote message={roles.message} />;

  const set = async (field: CustomerFieldKey, access: FieldAccess) => {
    if (role === undefined) return;
    setSaving(field);
    setError('');
    setSaved('');
    // Shown at once; the server's answer replaces it, a refusal puts the old rule back.
    const before = role;
    const rule = access === role.defaultFieldAccess ? null : access;
    const { [field]: _old, ...others } = role.fieldAccess;
    setRole({ ...role, fieldAccess: rule === null ? others : { ...others, [field]: rule } });
    try {
      // Choosing the role's default again drops the field's own rule.
      const answer = await api.setFieldRule(role.id, field, rule);
      setRole(answer.role);
      setSaved(field);
    } catch (e) {
      setRole(before);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving('');
    }
  };

  return (
    <div class="crm-grid-wrap">
      <label class="crm-field">
        <span class="crm-label">{t('field.role')}</span>
        <select
          class="crm-input"
          data-role="grid-role"
          value={role?.id ?? ''}
          onChange={(e) => {
            setRoleId(e.currentTarget.value);
            setSaved('');
          }}
        >
          {roles.value.map((r) => (
            <option value={r.id}>{r.name[locale]}</option>
          ))}
        </select>
      </label>
      {role !== undefined && (
        <p class="crm-muted">
          {t('ui.admin.defaultAccess', { access: t(`ui.access.${role.defaultFieldAccess}`) })}
        </p>
      )}
      {error !== '' && <ErrorNote message={error} />}
      {role !== undefined && (
        <table class="crm-grid" data-role="field-grid">
          <thead>
            <tr>
              <th>{t('ui.admin.field')}</th>
              {fieldAccesses.map((a) => (
                <th class="crm-grid-col">{t(`ui.access.${a}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {customerFields.map(({ key }) => {
              const own = role.fieldAccess[key];
              const current = own ?? role.defaultFieldAccess;
              return (
                <tr data-field={key} class={own === undefined ? 'is-default' : ''}>
                  <th scope="row">
                    {fieldLabel(key, locale)}
                    {saved === key && <span class="crm-saved"> ✓</span>}
                  </th>
                  {fieldAccesses.map((a) => (
                    <td class="crm-grid-col">
                      <input
                        type="radio"
                        name={`access-${role.id}-${key}`}
                        value={a}
                        aria-label={`${fieldLabel(key, locale)}: ${t(`ui.access.${a}`)}`}
                        checked={current === a}
                        disabled={saving !== ''}
                        onChange={() => void set(key, a)}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
