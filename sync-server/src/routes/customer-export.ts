import { Hono } from 'hono';
import type { CustomerKind } from '../../../shared/core/fields/options';
import type { Locale } from '../../../shared/core/i18n/locale';
import { fieldLabel } from '../../../shared/core/i18n/translate';
import { displayValue, sheetColumns } from '../../../shared/core/sync-client/cell-codec';
import { appendAudit } from '../audit/audit-log';
import { canonicalJson } from '../../../shared/core/audit/canonical-json';
import { actorAudit } from '../http/actor-audit';
import type { ApiOperation } from '../http/api-operation';
import type { Actor, AppEnv } from '../http/context';
import { csvHeader, csvLine } from '../http/csv';
import type { ServerDeps } from '../http/deps';
import { parseQuery } from '../http/parse-query';
import { textStream } from '../http/text-stream';
import { requireFilters, requirePermission } from '../http/require';
import { maskKindForField } from '../../../shared/core/masking/mask-kinds';
import { accessTo, maskAny } from '../policy/policy';
import {
  customerConditions,
  withTagsSpelled,
  customerFilterSchema,
  refusedFilters,
  type CustomerFilter,
} from '../records/customer-query';
import { fromRow, type CustomerRow } from '../records/customer-row';
import { present, sensitiveFields } from '../records/present-customer';

/** Rows read per query while the file streams. */
const pageSize = 500;

// Filters that may hold what a user typed about a customer (a name, a phone number): the audit
// entry says they were used, not what they were.
const typedFilters: ReadonlySet<string> = new Set(['q', 'mobile']);

/**
 * `GET /v1/customers/export`: the customers a filter finds, as a CSV file in the caller's
 * language. Exports are masked (SPEC 5): every field that has a mask shows it whatever the
 * caller may see in the sheet (sensitive fields their stored masks), and fields hidden from the caller are left out. Text a spreadsheet would
 * run as a formula is neutralised. The export is audited, with its filters, before it streams.
 */
export function customerExportRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/v1/customers/export', async (c) => {
    const actor = await requirePermission(deps, c, 'customer.export');
    const filter = parseQuery(c, customerFilterSchema);
    await requireFilters(deps, c, refusedFilters(actor, filter));
    await deps.db.write((tx) =>
      appendAudit(
        tx,
        [
          actorAudit(c, {
            action: 'customer.export',
            recordId: null,
            fields: [],
            outcome: 'success',
            detail: canonicalJson(auditedFilter(filter)),
          }),
        ],
        deps.now(),
      ),
    );
    const columns = ['id', ...sheetColumns().filter((f) => accessTo(actor, f) !== 'hidden')];
    const spelled = await withTagsSpelled(deps.db, filter);
    const lines = csvLines(deps, actor, spelled, columns, c.get('info').locale);
    return c.body(textStream(c, lines), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="customers.csv"',
      'Cache-Control': 'no-store',
    });
  });
  return app;
}

function auditedFilter(filter: CustomerFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    out[key] = typedFilters.has(key) ? '(given)' : value;
  }
  return out;
}

/** The header, then one line per customer, a page of rows read at a time as the client reads. */
async function* csvLines(
  deps: ServerDeps,
  actor: Actor,
  filter: CustomerFilter,
  columns: readonly string[],
  locale: Locale,
): AsyncGenerator<string> {
  yield csvHeader(columns.map((f) => fieldLabel(f, locale)));
  let after: string | undefined;
  for (;;) {
    const { where, params } = customerConditions(deps.keyRing, deps.db.dialect, actor, filter);
    if (after !== undefined) {
      where.push('id > ?');
      params.push(after);
    }
    const rows = await deps.db.all<CustomerRow>(
      `SELECT * FROM customers WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
      [...params, pageSize],
    );
    // The stored masks, never the ciphertexts: nothing is decrypted for an export.
    const lines = rows.map((row) => {
      const customer = fromRow(deps.keyRing, row, false);
      const view = present(actor, customer, sensitiveFields);
      return csvLine(
        columns.map((f) => {
          const shown = exported(f, customer.kind, view.values[f], view.masked);
          const value = f === 'id' ? String(row.id) : displayValue(f, shown, locale);
          return value === '' ? null : value;
        }),
      );
    });
    if (lines.length > 0) yield lines.join('');
    const last = rows.at(-1);
    if (rows.length < pageSize || last === undefined) return;
    after = String(last.id);
  }
}

/**
 * A value as an export shows it: every field that has a mask (contacts such as WeChat and
 * landline too, not only the encrypted fields) goes out masked, whatever the caller may view,
 * except a company's name.
 */
function exported(
  field: string,
  kind: CustomerKind,
  value: unknown,
  masked: readonly string[],
): unknown {
  if (value === undefined || value === null || sensitiveFields.has(field)) return value;
  if (masked.includes(field) || maskKindForField(field, kind) === 'none') return value;
  // A company's name is what the file is read by, and no person's data.
  if (field === 'name' && kind === 'enterprise') return value;
  return maskAny(field, kind, value);
}

/** The export route, for the API document. */
export const customerExportOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/customers/export',
    summary: 'api.customers.export',
    auth: ['customer.export'],
    query: customerFilterSchema,
    contentType: 'text/csv',
  },
];
