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
  const values = {
    ...customer.values,
    id: customer.id,
    status: customer.status,
    version: customer.version,
    kind: customer.kind,
    updatedAt: customer.updatedAt,
    updatedBy: customer.updatedBy,
  };
  const view = viewOf(actor, customer.kind, values, premasked);
  return {
    id: customer.id,
    checkpoint: customer.checkpoint,
    status: customer.status,
    possibleDuplicates: customer.possibleDuplicates,
    ...view,
  };
}
