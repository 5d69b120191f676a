import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../../core/i18n/locale';
import { fieldLabel, t } from '../../core/i18n/translate';
import { readOnlyColumns, sheetColumns } from '../../core/sync-client/cell-codec';
import type { RowMeta } from '../../core/sync-client/index';
import type { PlaygroundHost } from './playground-host';

const metaColumns: (keyof RowMeta)[] = ['recordId', 'checkpoint', 'state'];

/**
 * The in-browser customers sheet: a header row of field labels, editable cells (dropdown
 * suggestions where the sidebar set them, notes on invalid cells), and the hidden columns the
 * sync engine keeps, shown greyed and read-only so a newcomer can watch them change.
 */
export function SheetGrid({ host, locale }: { host: PlaygroundHost; locale: Locale }) {
  const [sheet, setSheet] = useState(host.snapshot());
  useEffect(() => {
    setSheet(host.snapshot());
    return host.subscribe(() => setSheet({ ...host.snapshot() }));
  }, [host]);
  const columns = sheetColumns();

  return (
    <div class="pg-sheet">
      <div class="pg-toolbar">
        <button
          type="button"
          class="crm-button is-small"
          data-role="add-row"
          onClick={() => host.addRow()}
        >
          {t('playground.addRow', locale)}
        </button>
        <span class="crm-muted">{t('playground.gridHint', locale)}</span>
      </div>
      <div class="pg-scroll">
        <table class="pg-grid" data-role="sheet">
          <thead>
            <tr>
              <th class="pg-rownum">1</th>
              {columns.map((field) => (
                <th data-column={field}>{fieldLabel(field, locale)}</th>
              ))}
              {metaColumns.map((m) => (
                <th
                  class="pg-meta"
                  data-column={`_${m}`}
                  title={t('playground.hiddenColumn', locale)}
                >
                  {t(`playground.meta.${m}`, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row) => (
              <tr
                data-row={row.row}
                class={row.row === sheet.selected ? 'is-selected' : ''}
                onFocusIn={() => {
                  if (sheet.selected !== row.row) host.select(row.row);
                }}
              >
                <th class="pg-rownum" onClick={() => host.select(row.row)}>
                  {row.row}
                </th>
                {columns.map((field) => {
                  const note = sheet.notes.get(`${row.row}:${field}`);
                  const list = sheet.dropdowns.get(field);
                  const readOnly = readOnlyColumns.includes(field);
                  return (
                    <td
                      class={note === undefined ? '' : 'has-note'}
                      title={note}
                      data-field={field}
                    >
                      <input
                        class="pg-cell"
                        value={String(row.cells[field] ?? '')}
                        readOnly={readOnly}
                        list={list === undefined ? undefined : `pg-list-${field}`}
                        aria-label={`${fieldLabel(field, locale)} ${row.row}`}
                        onChange={(e) => host.editCell(row.row, field, e.currentTarget.value)}
                      />
                    </td>
                  );
                })}
                {metaColumns.map((m) => (
                  <td class="pg-meta" data-field={`_${m}`} title={row.meta[m]}>
                    {row.meta[m]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {sheet.rows.length === 0 && (
          <p class="crm-muted pg-empty">{t('playground.emptySheet', locale)}</p>
        )}
      </div>
      {[...sheet.dropdowns].map(([field, options]) => (
        <datalist id={`pg-list-${field}`}>
          {options.map((o) => (
            <option value={o} />
          ))}
        </datalist>
      ))}
    </div>
  );
}
