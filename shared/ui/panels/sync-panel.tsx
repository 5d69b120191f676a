import { useState } from 'preact/hooks';
import type { MessageKey } from '../../core/i18n/messages';
import type { SyncReport } from '../../core/sync-client/index';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote, InfoNote, OkNote } from '../components/notice';
import { ConflictResolver } from '../sync/conflict-resolver';

const counts: [MessageKey, (r: SyncReport) => number, string][] = [
  ['ui.sync.applied', (r) => r.applied, 'applied'],
  ['ui.sync.merged', (r) => r.merged, 'merged'],
  ['ui.sync.conflicts', (r) => r.conflicts.length, 'conflicts'],
  ['ui.sync.invalid', (r) => r.invalid.length, 'invalid'],
  ['ui.sync.duplicates', (r) => r.duplicates.length, 'duplicates'],
  ['ui.sync.pendingReview', (r) => r.pendingReview, 'pendingReview'],
  ['ui.sync.forbidden', (r) => r.forbidden.length, 'forbidden'],
  ['ui.sync.pulled', (r) => r.pulled, 'pulled'],
];

/**
 * Sync: the host pushes the sheet's changed rows and pulls the server's changes; the panel
 * shows what came of it (applied, merged, conflicts, invalid, duplicates…), the rows that need
 * the user, and a field-by-field resolver for conflicts.
 */
export function SyncPanel() {
  const { host, t } = useSidebar();
  const [report, setReport] = useState<SyncReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (work: () => Promise<SyncReport>) => {
    setBusy(true);
    setError('');
    try {
      setReport(await work());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="crm-sync">
      <button
        type="button"
        class="crm-button is-primary is-wide"
        data-role="sync"
        disabled={busy}
        onClick={() => void run(() => host.sync())}
      >
        {busy ? t('ui.sync.running') : t('ui.sync.run')}
      </button>
      {error !== '' && <ErrorNote message={error} />}
      {report !== null && (
        <div class="crm-report" data-role="sync-report">
          {report.failure !== undefined ? (
            <ErrorNote message={t('ui.sync.failed', { detail: report.failure.message })} />
          ) : report.complete ? (
            <OkNote message={t('ui.sync.done', { checkpoint: report.checkpoint })} />
          ) : (
            <InfoNote message={t('ui.sync.incomplete')} />
          )}
          <dl class="crm-counts">
            {counts.map(([label, count, name]) => (
              <div class={count(report) > 0 ? 'crm-count is-some' : 'crm-count'} data-count={name}>
                <dt>{t(label)}</dt>
                <dd>{count(report)}</dd>
              </div>
            ))}
          </dl>
          {report.editedDuringSync.length > 0 && (
            <InfoNote
              message={t('ui.sync.editedDuring', { rows: report.editedDuringSync.join(', ') })}
            />
          )}
          <RowList
            title={t('ui.sync.invalidRows')}
            items={report.invalid.map((r) => ({
              row: r.row,
              text: r.errors.map((e) => e.message).join('；'),
            }))}
          />
          <RowList
            title={t('ui.sync.duplicateRows')}
            items={report.duplicates.map((r) => ({ row: r.row, text: r.message }))}
          />
          <RowList
            title={t('ui.sync.forbiddenRows')}
            items={report.forbidden.map((r) => ({ row: r.row, text: r.message }))}
          />
          {report.conflicts.map((conflict) => (
            // Note: keyed, so a resolver never keeps the choices made on another row.
            <ConflictResolver
              key={`${conflict.row}:${conflict.recordId}`}
              conflict={conflict}
              disabled={busy}
              onResolve={(choice) => void run(() => host.resolveConflict(choice))}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function RowList({ title, items }: { title: string; items: { row: number; text: string }[] }) {
  const { t } = useSidebar();
  if (items.length === 0) return null;
  return (
    <section class="crm-rows">
      <h3 class="crm-h3">{title}</h3>
      <ul class="crm-list">
        {items.map((item) => (
          <li class="crm-list-row" data-row={item.row}>
            <span class="crm-rownum">{t('ui.sync.rowNumber', { row: item.row })}</span> {item.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
