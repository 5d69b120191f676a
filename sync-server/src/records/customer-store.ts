import type { KeyRing } from '../crypto/key-ring';
import type { SqlExecutor } from '../storage/database';
import {
  customerColumns,
  fromRow,
  rowParams,
  type CustomerRow,
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

/** The next value of the server-wide sync sequence; never a client clock. */
export async function nextCheckpoint(tx: SqlExecutor): Promise<number> {
  const row = await tx.get<{ value: number }>(
    "UPDATE counters SET value = value + 1 WHERE name = 'checkpoint' RETURNING value",
  );
  return Number(row?.value);
}
