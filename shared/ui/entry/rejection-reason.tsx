import type { ReviewDecision } from '../api/server-api';
import { useSidebar } from '../app/sidebar-context';
import { ErrorNote } from '../components/notice';
import { useAsync } from '../components/use-async';

/**
 * Why the reviewer rejected this customer, the latest rejection's reason, read from the server:
 * the sheet row only says "rejected", and the submitter must know what to fix.
 */
export function RejectionReason({ recordId }: { recordId: string }) {
  const { api, t } = useSidebar();
  const detail = useAsync(() => api.customer(recordId), [api, recordId]);
  if (detail.state !== 'ready') return null;
  const reason = latestRejection(detail.value.decisions)?.reason;
  if (reason === undefined || reason === null || reason === '') return null;
  return (
    <div data-role="rejection-reason">
      <ErrorNote message={t('ui.entry.rejectedBecause', { reason })} />
    </div>
  );
}

function latestRejection(decisions: readonly ReviewDecision[]): ReviewDecision | undefined {
  return decisions.filter((d) => d.decision === 'reject').at(-1);
}
