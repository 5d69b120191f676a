import { useEffect, useState } from 'preact/hooks';
import { fieldError } from '../../core/validation/field-error';
import { roleAllows } from '../../core/roles/role';
import type { SheetRow } from '../../core/sync-client/index';
import { displayValue, wireValue } from '../../core/sync-client/cell-codec';
import { validateTag } from '../../core/tags/tag-rules';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote, InfoNote, OkNote } from '../components/notice';
import { TagPicker } from '../components/tag-picker';
import { useAsync } from '../components/use-async';

/**
 * Tags of the selected row, picked from the governed vocabulary (`GET /v1/tags`); a typed tag
 * that the shared rules refuse is explained. Admins may add a well-formed tag to the vocabulary.
 */
export function TagsPanel() {
  const { api, host, me, locale, t } = useSidebar();
  const [reloads, setReloads] = useState(0);
  const vocabulary = useAsync(() => api.tags(), [api, reloads]);
  const [row, setRow] = useState<SheetRow | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const loadSelection = async () => {
    const selected = await host.getSelection();
    setRow(selected);
    setMessage(null);
    const wire = selected === null ? null : wireValue('tags', selected.cells['tags'] ?? '', locale);
    setTags(Array.isArray(wire) ? wire.map(String) : []);
  };
  useEffect(() => {
    loadSelection().catch(() => setRow(null));
    // Once, when the panel opens; the button reads the selection again.
  }, []);

  if (vocabulary.state === 'loading') return <p class="crm-muted">{t('ui.loading')}</p>;
  if (vocabulary.state === 'failed') return <ErrorNote message={vocabulary.message} />;

  const write = async () => {
    if (row === null) return;
    try {
      await host.writeRows([
        {
          kind: 'update',
          row: row.row,
          cells: { tags: tags.length === 0 ? '' : displayValue('tags', tags, locale) },
        },
      ]);
      setMessage({ ok: true, text: t('ui.tags.written', { row: row.row }) });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div class="crm-tags-panel">
      <div class="crm-row is-spread">
        <span class="crm-target" data-role="tags-target">
          {row === null
            ? t('ui.tags.noRow')
            : t('ui.entry.row', { row: row.row, id: row.meta.recordId || '—' })}
        </span>
        <button type="button" class="crm-button is-small" onClick={() => void loadSelection()}>
          {t('ui.entry.useSelection')}
        </button>
      </div>
      <TagPicker
        id="crm-tags-picker"
        value={tags}
        vocabulary={vocabulary.value}
        onChange={setTags}
      />
      {row !== null && (
        <button
          type="button"
          class="crm-button is-primary"
          data-role="write-tags"
          onClick={() => void write()}
        >
          {t('ui.tags.write')}
        </button>
      )}
      {row === null && <InfoNote message={t('ui.tags.hint')} />}
      {message !== null &&
        (message.ok ? <OkNote message={message.text} /> : <ErrorNote message={message.text} />)}
      {roleAllows(me.role, 'admin.tags') && (
        <AddToVocabulary onAdded={() => setReloads((n) => n + 1)} />
      )}
    </div>
  );
}

/** Admins only: adds a `维度-值` tag to the vocabulary, refusing what the shared rules refuse. */
function AddToVocabulary({ onAdded }: { onAdded: () => void }) {
  const { api, locale, t } = useSidebar();
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const add = async () => {
    const checked = validateTag(typed);
    if (!checked.ok) {
      const params = { value: typed, ...checked.params };
      setNote({ ok: false, text: fieldError('tags', checked.code, locale, params).message });
      return;
    }
    try {
      const { tag } = await api.addTag(checked.value);
      setNote({ ok: true, text: t('ui.tags.added', { tag }) });
      setTyped('');
      onAdded();
    } catch (e) {
      setNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <form
      class="crm-form is-boxed"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <span class="crm-label">{t('ui.tags.vocabularyAdd')}</span>
      <div class="crm-row">
        <input
          class="crm-input"
          placeholder="维度-值"
          value={typed}
          onInput={(e) => {
            setTyped(e.currentTarget.value);
            setNote(null);
          }}
        />
        <button type="submit" class="crm-button">
          {t('ui.tags.add')}
        </button>
      </div>
      {note !== null &&
        (note.ok ? <OkNote message={note.text} /> : <ErrorNote message={note.text} />)}
    </form>
  );
}
