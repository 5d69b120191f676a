import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../components/notice';
import type { SidebarSignIn, SignInMethod } from '../host';
import type { SidebarContextValue } from './sidebar-context';

/**
 * Shown where the host signs the user in from the sidebar (Excel) and nobody is signed in yet,
 * or the server refused the last sign-in: Microsoft sign-in when the server is set up for it,
 * and the API token the admin issued as the simple path.
 */
export function SignInForm({
  signIn,
  t,
  refusal,
  onSignedIn,
}: {
  signIn: SidebarSignIn;
  t: SidebarContextValue['t'];
  /** Why the server turned the last sign-in away, if it did. */
  refusal?: string;
  onSignedIn: () => void;
}) {
  const [methods, setMethods] = useState<SignInMethod[]>([]);
  const [token, setToken] = useState('');
  const [error, setError] = useState(
    refusal === undefined ? '' : t('ui.signIn.rejected', { detail: refusal }),
  );
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    signIn.methods().then(
      (found) => live && setMethods(found),
      () => live && setMethods(['apiToken']),
    );
    return () => {
      live = false;
    };
  }, [signIn]);

  const attempt = async (step: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await step();
      onSignedIn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="crm-sign-in" data-role="sign-in">
      <h2 class="crm-h2">{t('ui.signIn.title')}</h2>
      {methods.includes('microsoft') && (
        <button
          type="button"
          class="crm-button is-primary"
          data-role="sign-in-microsoft"
          disabled={busy}
          onClick={() => void attempt(() => signIn.signInWithMicrosoft())}
        >
          {t('ui.signIn.microsoft')}
        </button>
      )}
      {methods.includes('apiToken') && (
        <form
          class="crm-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (token.trim() === '') {
              setError(t('ui.signIn.tokenEmpty'));
              return;
            }
            void attempt(() => signIn.useApiToken(token.trim()));
          }}
        >
          {methods.includes('microsoft') && <p class="crm-muted">{t('ui.signIn.or')}</p>}
          <label class="crm-field">
            <span class="crm-label">{t('ui.signIn.tokenLabel')}</span>
            <input
              class="crm-input"
              type="password"
              autocomplete="off"
              data-role="api-token"
              value={token}
              onInput={(e) => setToken(e.currentTarget.value)}
            />
          </label>
          <p class="crm-muted">{t('ui.signIn.tokenHint')}</p>
          <button type="submit" class="crm-button" data-role="use-api-token" disabled={busy}>
            {t('ui.signIn.tokenSave')}
          </button>
        </form>
      )}
      {error !== '' && <ErrorNote message={error} />}
    </section>
  );
}
