import type { Actor } from '../http/context';
import { viewOf } from '../policy/policy';
import type { StoredCustomer } from './customer-row';

/**
 * A customer as this actor may see it: system fields and the actor's view of the rest.
 * `premasked` names fields whose values were read as their stored masks.
 */
export function present(
  actor: Actor,
  customer: StoredCustomer,
  premasked: ReadonlySet<string> = new Set(),
) {
  const values = withSystemFields(customer);
  const view = viewOf(actor, customer.kind, values, premasked);
  return {
    id: customer.id,
    checkpoint: customer.checkpoint,
    status: customer.status,
    possibleDuplicates: customer.possibleDuplicates,
    values: view.values,
    masked: view.masked,
  };
}

/**
 * The values with the system fields after them. Note: copied key by key, not spread: spreading
 * values of ever-changing shapes cost a pull 10 µs a row, a second per 100,000 rows.
 */
function withSystemFields(customer: StoredCustomer): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(customer.values)) {
    // Assigning __proto__ would set the prototype instead of copying a value.
    if (key === '__proto__') return { ...customer.values, ...systemFields(customer) };
    values[key] = customer.values[key];
  }
  return Object.assign(values, systemFields(customer));
}

function systemFields(customer: StoredCustomer) {
  return {
    id: customer.id,
    status: customer.status,
    version: customer.version,
    kind: customer.kind,
    updatedAt: customer.updatedAt,
    updatedBy: customer.updatedBy,
  };
}
