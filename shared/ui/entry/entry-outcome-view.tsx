import { isMessageKey } from '../../core/i18n/translate';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote, InfoNote, OkNote } from '../components/notice';
import type { EntryOutcome } from './entry-outcome';

/** What became of the submitted form, with the IDs a user needs to find the record. */
export function EntryOutcomeView({
  outcome,
  onNext,
}: {
  outcome: EntryOutcome;
  onNext: () => void;
}) {
  const { t } = useSidebar();
  const statusLabel = (status: string) => {
    const key = `option.status.${status}`;
    return isMessageKey(key) ? t(key) : status;
  };
  switch (outcome.kind) {
    case 'pending':
      return (
        <div class="crm-outcome is-ok" data-outcome="pending">
          <OkNote message={t('ui.entry.pending', { id: outcome.id })} />
          <p>
            <span class="crm-status is-pending" data-role="status">
              {statusLabel('pending')}
            </span>{' '}
            <code data-role="record-id">{outcome.id}</code>
          </p>
          {outcome.possibleDuplicates.length > 0 && (
            <InfoNote
              message={t('ui.entry.possibleDuplicates', {
                ids: outcome.possibleDuplicates.join(', '),
              })}
            />
          )}
          <button type="button" class="crm-button is-small" onClick={onNext}>
            {t('ui.entry.next')}
          </button>
        </div>
      );
    case 'saved':
      return (
        <div class="crm-outcome is-ok" data-outcome="saved">
          <OkNote message={t('ui.entry.saved', { id: outcome.id })} />
          {outcome.status !== undefined && (
            <span class={`crm-status is-${outcome.status}`} data-role="status">
              {statusLabel(outcome.status)}
            </span>
          )}
        </div>
      );
    case 'duplicate':
      return (
        <div class="crm-outcome is-error" data-outcome="duplicate">
          <ErrorNote message={outcome.message} />
          <p>
            {t('ui.entry.existing')} <code data-role="existing-id">{outcome.existingId}</code>
          </p>
        </div>
      );
    case 'invalid':
      return (
        <div class="crm-outcome is-error" data-outcome="invalid">
          <ErrorNote message={t('ui.entry.invalid', { count: outcome.errors.length })} />
        </div>
      );
    case 'conflict':
      return (
        <div class="crm-outcome is-error" data-outcome="conflict">
          <ErrorNote message={t('ui.entry.conflict', { id: outcome.id })} />
        </div>
      );
    case 'forbidden':
    case 'failed':
      return (
        <div class="crm-outcome is-error" data-outcome={outcome.kind}>
          <ErrorNote message={outcome.message === '' ? t('ui.failed') : outcome.message} />
        </div>
      );
  }
}
