import { useState } from 'preact/hooks';
import type { CustomerView } from '../../core/schemas/customer-view';
import type { StatusChange } from '../api/server-api';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote, InfoNote, OkNote } from '../components/notice';
import { RecordDetail, recordName, StatusChip } from '../components/record-detail';
import { useAsync } from '../components/use-async';

/**
 * The review queue: pending records, one record's detail with its possible duplicates side by
 * side, approve, or reject with a reason (required: the submitter needs to know what to fix).
 */
export function ReviewPanel() {
  const { api, t } = useSidebar();
  const [reloads, setReloads] = useState(0);
  const first = useAsync(() => api.reviewQueue(), [api, reloads]);
  // Pages after the first, kept until the queue is loaded afresh (`reloads` says which load).
  const [later, setLater] = useState<{ load: number; items: CustomerView[]; next: string | null }>({
    load: -1,
    items: [],
    next: null,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [decided, setDecided] = useState<StatusChange | null>(null);

  if (first.state === 'loading') return <p class="crm-muted">{t('ui.loading')}</p>;
  if (first.state === 'failed') return <ErrorNote message={first.message} />;
  const paged = later.load === reloads;
  const items = paged ? [...first.value.items, ...later.items] : first.value.items;
  const next = paged ? later.next : first.value.nextCursor;
  const open = items.find((item) => item.id === openId);
  const loadMore = async (cursor: string) => {
    setLoadingMore(true);
    setMoreError('');
    try {
      const page = await api.reviewQueue(cursor);
      setLater({
        load: reloads,
        items: [...(paged ? later.items : []), ...page.items],
        next: page.nextCursor,
      });
    } catch (e) {
      setMoreError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoadingMore(false);
    }
  };

  if (open !== undefined) {
    return (
      <ReviewDetail
        item={open}
        onBack={() => {
          // Others may have decided meanwhile (a refused decision says so): show the queue as it is now.
          setOpenId(null);
          setReloads((n) => n + 1);
        }}
        onDecided={(change) => {
          setDecided(change);
          setOpenId(null);
          setReloads((n) => n + 1);
        }}
      />
    );
  }
  return (
    <div class="crm-review">
      {decided !== null && (
        <OkNote
          message={t('ui.review.decided', {
            id: decided.id,
            status: t(`option.status.${decided.status}`),
          })}
        />
      )}
      <div class="crm-row is-spread">
        <strong>
          {t(next === null ? 'ui.review.queue' : 'ui.review.queueMore', { count: items.length })}
        </strong>
        <button type="button" class="crm-button is-small" onClick={() => setReloads((n) => n + 1)}>
          {t('ui.refresh')}
        </button>
      </div>
      {items.length === 0 ? (
        <InfoNote message={t('ui.review.empty')} />
      ) : (
        <ul class="crm-list" data-role="review-queue">
          {items.map((item) => (
            <li>
              <button
                type="button"
                class="crm-list-item"
                data-id={item.id}
                onClick={() => {
                  setDecided(null);
                  setOpenId(item.id);
                }}
              >
                <span class="crm-list-title">{recordName(item)}</span>
                <span class="crm-list-meta">
                  <code>{item.id}</code> <StatusChip status={item.status} />
                  {item.possibleDuplicates.length > 0 && (
                    <span class="crm-badge is-warn">
                      {t('ui.review.duplicatesBadge', { count: item.possibleDuplicates.length })}
                    </span>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {moreError !== '' && <ErrorNote message={moreError} />}
      {next !== null && (
        <button
          type="button"
          class="crm-button"
          data-role="review-more"
          disabled={loadingMore}
          onClick={() => void loadMore(next)}
        >
          {loadingMore ? t('ui.loading') : t('ui.review.more')}
        </button>
      )}
    </div>
  );
}

function ReviewDetail({
  item,
  onBack,
  onDecided,
}: {
  item: CustomerView;
  onBack: () => void;
  onDecided: (change: StatusChange) => void;
}) {
  const { api, t } = useSidebar();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && reason.trim() === '') {
      setError(t('review.reasonRequired'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      onDecided(await api.review(item.id, decision, reason.trim()));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="crm-review-detail" data-id={item.id}>
      <button type="button" class="crm-link" onClick={onBack}>
        ← {t('ui.back')}
      </button>
      <h2 class="crm-h2">{recordName(item)}</h2>
      <p>
        <code>{item.id}</code> <StatusChip status={item.status} />
      </p>
      <RecordDetail record={item} />
      <h3 class="crm-h3">{t('ui.review.possibleDuplicates')}</h3>
      {item.possibleDuplicates.length === 0 ? (
        <p class="crm-muted">{t('ui.review.noDuplicates')}</p>
      ) : (
        item.possibleDuplicates.map((id) => <DuplicateCandidate id={id} />)
      )}
      <label class="crm-field">
        <span class="crm-label">{t('ui.review.reason')}</span>
        <textarea
          class="crm-input"
          rows={2}
          data-role="reason"
          value={reason}
          onInput={(e) => {
            setReason(e.currentTarget.value);
            setError('');
          }}
        />
      </label>
      {error !== '' && <ErrorNote message={error} />}
      <div class="crm-actions">
        <button
          type="button"
          class="crm-button is-primary"
          data-role="approve"
          disabled={busy}
          onClick={() => void decide('approve')}
        >
          {t('ui.review.approve')}
        </button>
        <button
          type="button"
          class="crm-button is-danger"
          data-role="reject"
          disabled={busy}
          onClick={() => void decide('reject')}
        >
          {t('ui.review.reject')}
        </button>
      </div>
    </div>
  );
}

/** A possible duplicate, loaded on demand so the reviewer can compare it field by field. */
function DuplicateCandidate({ id }: { id: string }) {
  const { api, t } = useSidebar();
  const [shown, setShown] = useState(false);
  const record = useAsync(
    () => (shown ? api.customer(id) : Promise.resolve(null)),
    [api, id, shown],
  );
  return (
    <div class="crm-candidate" data-candidate={id}>
      <button type="button" class="crm-link" onClick={() => setShown(!shown)}>
        <code>{id}</code> {shown ? '▾' : '▸'}
      </button>
      {shown && record.state === 'loading' && <p class="crm-muted">{t('ui.loading')}</p>}
      {shown && record.state === 'failed' && <ErrorNote message={record.message} />}
      {shown && record.state === 'ready' && record.value !== null && (
        <RecordDetail record={record.value} compact />
      )}
    </div>
  );
}
