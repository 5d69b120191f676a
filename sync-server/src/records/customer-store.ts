import { formatRecordId } from '../../../shared/core/ids/record-id';
import { keySimilarity, nearDuplicateThreshold } from '../../../shared/core/normalise/similarity';
import type { KeyRing } from '../crypto/key-ring';
import type { SqlExecutor } from '../storage/database';
import {
  customerColumns,
  fromRow,
  rowParams,
  type CustomerRow,
  type DedupeKeys,
  type StoredCustomer,
} from './customer-row';

/** The customer with this ID; `clear` false reads masks instead of decrypting. */
export async function loadCustomer(
  db: SqlExecutor,
  ring: KeyRing,
  id: string,
  clear = true,
): Promise<StoredCustomer | undefined> {
  const row = await db.get<CustomerRow>('SELECT * FROM customers WHERE id = ?', [id]);
  return row === undefined ? undefined : fromRow(ring, row, clear);
}

/** Inserts or replaces a customer row. */
export async function saveCustomerRow(tx: SqlExecutor, row: CustomerRow): Promise<void> {
  const updates = customerColumns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  await tx.run(
    `INSERT INTO customers (${customerColumns.join(', ')}) VALUES (${customerColumns.map(() => '?').join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
    rowParams(row),
  );
  await tx.run('DELETE FROM customer_tags WHERE customer_id = ?', [row.id]);
  const tags = (JSON.parse(String(row.clear_data)) as { tags?: string[] }).tags ?? [];
  for (const tag of tags)
    await tx.run('INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)', [row.id, tag]);
}

const keyColumns = [
  ['mobile', 'mobile_hash'],
  ['email', 'email_hash'],
  ['creditCode', 'credit_code_hash'],
  ['idNumber', 'id_number_hash'],
  ['name', 'name_key'],
] as const;

/**
 * An existing customer that shares a mobile, email, credit code, ID number or company name
 * key with these keys, and which of them matched. One indexed lookup per key: an OR across the
 * columns would make SQLite scan the table.
 */
export async function findExactDuplicate(
  tx: SqlExecutor,
  keys: DedupeKeys,
  excludeId: string | null,
): Promise<{ existingId: string; matchedOn: string[] } | undefined> {
  const matches = new Map<string, string[]>();
  for (const [field, column] of keyColumns) {
    const value = field === 'name' ? keys.nameKey : keys[field];
    if (value === null) continue;
    const extra = field === 'name' ? " AND kind = 'enterprise'" : '';
    const rows = await tx.all<{ id: string }>(
      `SELECT id FROM customers WHERE ${column} = ?${extra} AND status <> 'merged' LIMIT 2`,
      [value],
    );
    for (const { id } of rows)
      if (id !== excludeId) matches.set(id, [...(matches.get(id) ?? []), field]);
  }
  const [first] = [...matches.entries()].sort(([a], [b]) => a.localeCompare(b));
  return first === undefined ? undefined : { existingId: first[0], matchedOn: first[1] };
}

/**
 * Customers in the same city whose trade name is close to this one: possible duplicates.
 * Candidates share the first character of the name key and are the 300 most recent such names
 * in the city, which bounds the work per row; a typo in that first character, or an older
 * similar name in a crowded city, is left to the batch dedupe job (SPEC 3.8).
 */
export async function findNearDuplicates(
  tx: SqlExecutor,
  tradeName: string | null,
  cityCode: string | null,
  excludeId: string | null,
): Promise<string[]> {
  if (tradeName === null || tradeName === '' || cityCode === null) return [];
  const rows = await tx.all<{ id: string; trade_name: string }>(
    "SELECT id, trade_name FROM customers WHERE city_code = ? AND trade_prefix = ? AND status <> 'merged' AND trade_name IS NOT NULL ORDER BY checkpoint DESC LIMIT 300",
    [cityCode, [...tradeName].slice(0, 1).join('')],
  );
  return rows
    .filter(
      (r) => r.id !== excludeId && keySimilarity(r.trade_name, tradeName) >= nearDuplicateThreshold,
    )
    .map((r) => r.id)
    .slice(0, 10);
}

/** The next value of the server-wide sync sequence; never a client clock. */
export async function nextCheckpoint(tx: SqlExecutor): Promise<number> {
  const row = await tx.get<{ value: number }>(
    "UPDATE counters SET value = value + 1 WHERE name = 'checkpoint' RETURNING value",
  );
  return Number(row?.value);
}

/**
 * Allocates the next customer ID of the day (China time), in the caller's transaction: a
 * rolled-back transaction gives its serial back, so IDs have no gaps.
 */
export async function allocateCustomerId(tx: SqlExecutor, now: Date): Promise<string> {
  const china = new Date(now.getTime() + 8 * 60 * 60 * 1000);
  const date = {
    year: china.getUTCFullYear(),
    month: china.getUTCMonth() + 1,
    day: china.getUTCDate(),
  };
  const period = `CUS${date.year}${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')}`;
  const row = await tx.get<{ last_serial: number }>(
    'INSERT INTO id_counters (period, last_serial) VALUES (?, 1) ON CONFLICT (period) DO UPDATE SET last_serial = id_counters.last_serial + 1 RETURNING last_serial',
    [period],
  );
  return formatRecordId('customer', date, Number(row?.last_serial));
}
