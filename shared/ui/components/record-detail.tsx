import { customerFields } from '../../core/fields/customer-fields';
import { fieldLabel, isMessageKey } from '../../core/i18n/translate';
import type { CustomerView } from '../../core/schemas/customer-view';
import { displayValue } from '../../core/sync-client/cell-codec';
import { useSidebar } from '../app/sidebar-context';

// The fields a reviewer compares first; the rest follow in form order.
const compactFields = [
  'name',
  'creditCode',
  'idNumber',
  'contactName',
  'mobile',
  'email',
  'region',
];

/** A record's name as lists show it. */
export function recordName(record: { values: Readonly<Record<string, unknown>> }): string {
  const name = record.values['name'];
  return typeof name === 'string' && name !== '' ? name : '—';
}

/** A customer status as a coloured chip. */
export function StatusChip({ status }: { status: string }) {
  const { t } = useSidebar();
  const key = `option.status.${status}`;
  return (
    <span class={`crm-status is-${status}`} data-role="status">
      {isMessageKey(key) ? t(key) : status}
    </span>
  );
}

/**
 * A record's fields as the server showed them to this user: masked values stay masked (and
 * say so), hidden ones are absent.
 */
export function RecordDetail({ record, compact }: { record: CustomerView; compact?: boolean }) {
  const { locale, t } = useSidebar();
  const keys = compact === true ? compactFields : customerFields.map((f) => f.key as string);
  const rows = keys.filter((key) => {
    const value = record.values[key];
    return value !== undefined && value !== null && value !== '';
  });
  return (
    <dl class={compact === true ? 'crm-detail is-compact' : 'crm-detail'}>
      {rows.map((key) => {
        const masked = record.masked.includes(key);
        return (
          <div class="crm-detail-row" data-field={key}>
            <dt>{fieldLabel(key, locale)}</dt>
            <dd>
              {String(displayValue(key, record.values[key], locale))}
              {masked && (
                <span class="crm-badge" title={t('ui.masked')}>
                  {t('ui.maskedBadge')}
                </span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
