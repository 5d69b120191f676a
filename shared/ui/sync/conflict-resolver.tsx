import { useState } from 'preact/hooks';
import { fieldLabel } from '../../core/i18n/translate';
import type { ConflictChoice, RowConflict } from '../../core/sync-client/index';
import { displayValue } from '../../core/sync-client/cell-codec';
import { useSidebar } from '../app/sidebar-context';

/**
 * One conflicting row, field by field: the value in the sheet (yours) beside the server's
 * (theirs); the user picks one per field and the host settles the row, then syncs again.
 */
export function ConflictResolver({
  conflict,
  disabled,
  onResolve,
}: {
  conflict: RowConflict;
  disabled: boolean;
  onResolve: (choice: ConflictChoice) => void;
}) {
  const { locale, t } = useSidebar();
  const [fields, setFields] = useState<Record<string, 'yours' | 'theirs'>>(
    Object.fromEntries(conflict.conflicts.map((c) => [c.field, 'yours'])),
  );
  const shown = (field: string, value: unknown) => {
    const cell = displayValue(field, value, locale);
    return cell === '' ? t('ui.sync.blank') : String(cell);
  };
  return (
    <section class="crm-conflict" data-record={conflict.recordId} data-row={conflict.row}>
      <h3 class="crm-h3">
        {t('ui.sync.conflictTitle', { row: conflict.row, id: conflict.recordId })}
      </h3>
      {conflict.conflicts.map((c) => (
        <fieldset class="crm-conflict-field" data-field={c.field}>
          <legend>{fieldLabel(c.field, locale)}</legend>
          {(['yours', 'theirs'] as const).map((side) => (
            <label class={fields[c.field] === side ? 'crm-choice is-on' : 'crm-choice'}>
              <input
                type="radio"
                name={`conflict-${conflict.row}-${c.field}`}
                value={side}
                checked={fields[c.field] === side}
                onChange={() => setFields({ ...fields, [c.field]: side })}
              />
              <span class="crm-choice-side">{t(`ui.sync.${side}`)}</span>
              <span class="crm-choice-value">{shown(c.field, c[side])}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <button
        type="button"
        class="crm-button is-primary"
        data-role="resolve"
        disabled={disabled}
        onClick={() => onResolve({ row: conflict.row, recordId: conflict.recordId, fields })}
      >
        {t('ui.sync.resolve')}
      </button>
    </section>
  );
}
