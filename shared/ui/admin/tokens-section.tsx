import { useState } from 'preact/hooks';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote, InfoNote } from '../components/notice';
import { useAsync } from '../components/use-async';

/**
 * A user's API tokens: listed by label and date (the server never answers a token twice),
 * created (shown once, here), revoked.
 */
export function TokensSection() {
  const { api, t } = useSidebar();
  const users = useAsync(() => api.users(), [api]);
  const [userId, setUserId] = useState('');
  const [reloads, setReloads] = useState(0);
  const chosen = userId !== '' ? userId : users.state === 'ready' ? (users.value[0]?.id ?? '') : '';
  const tokens = useAsync(
    () => (chosen === '' ? Promise.resolve([]) : api.tokens(chosen)),
    [api, chosen, reloads],
  );
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState('');
  const [error, setError] = useState('');

  if (users.state === 'loading') return <p class="crm-muted">{t('ui.loading')}</p>;
  if (users.state === 'failed') return <ErrorNote message={users.message} />;

  const run = async (work: () => Promise<void>) => {
    setError('');
    try {
      await work();
      setReloads((n) => n + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div class="crm-tokens">
      <label class="crm-field">
        <span class="crm-label">{t('ui.admin.tokenUser')}</span>
        <select
          class="crm-input"
          data-role="token-user"
          value={chosen}
          onChange={(e) => {
            setUserId(e.currentTarget.value);
            setCreated('');
          }}
        >
          {users.value.map((u) => (
            <option value={u.id}>
              {u.displayName} ({u.email})
            </option>
          ))}
        </select>
      </label>
      {tokens.state === 'failed' && <ErrorNote message={tokens.message} />}
      {tokens.state === 'ready' &&
        (tokens.value.length === 0 ? (
          <p class="crm-muted">{t('ui.admin.noTokens')}</p>
        ) : (
          <ul class="crm-list" data-role="tokens">
            {tokens.value.map((token) => (
              <li class="crm-list-row">
                <span>
                  {token.label}
                  <span class="crm-list-meta">
                    {' '}
                    {token.createdAt.slice(0, 10)}
                    {token.revokedAt !== null && ` · ${t('ui.admin.revoked')}`}
                  </span>
                </span>
                {token.revokedAt === null && (
                  <button
                    type="button"
                    class="crm-button is-small is-danger"
                    onClick={() => void run(async () => void (await api.revokeToken(token.id)))}
                  >
                    {t('ui.admin.revoke')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
      <form
        class="crm-row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const answer = await api.createToken(chosen, label.trim());
            setCreated(answer.token);
            setLabel('');
          });
        }}
      >
        <input
          class="crm-input"
          placeholder={t('ui.admin.tokenLabel')}
          value={label}
          onInput={(e) => setLabel(e.currentTarget.value)}
        />
        <button type="submit" class="crm-button" disabled={label.trim() === '' || chosen === ''}>
          {t('ui.admin.createToken')}
        </button>
      </form>
      {created !== '' && (
        <div class="crm-new-token">
          <InfoNote message={t('ui.admin.tokenOnce')} />
          <input class="crm-input is-mono" readOnly value={created} data-role="new-token" />
        </div>
      )}
      {error !== '' && <ErrorNote message={error} />}
    </div>
  );
}
