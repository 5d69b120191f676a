import { useState } from 'preact/hooks';
import { ErrorNote } from '../components/notice';
import type { SidebarHost } from '../host';
import type { SidebarContextValue } from './sidebar-context';

/**
 * Shown while the document has no server address: where the host can store one (the admin
 * sets it once per document), a field for it; otherwise a hint to ask the admin.
 */
export function ServerSetup({
  host,
  t,
  onSaved,
}: {
  host: SidebarHost;
  t: SidebarContextValue['t'];
  onSaved: () => void;
}) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  const setServerUrl = host.setServerUrl?.bind(host);
  if (setServerUrl === undefined) return <p class="crm-muted">{t('ui.server.askAdmin')}</p>;
  const save = async () => {
    if (!/^https?:\/\/\S+$/.test(url.trim())) {
      setError(t('ui.server.invalid'));
      return;
    }
    try {
      await setServerUrl(url.trim());
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form
      class="crm-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label class="crm-field">
        <span class="crm-label">{t('ui.server.label')}</span>
        <input
          class="crm-input"
          type="url"
          placeholder="https://crm.example.com"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      {error !== '' && <ErrorNote message={error} />}
      <button type="submit" class="crm-button is-primary">
        {t('ui.server.save')}
      </button>
    </form>
  );
}
