import type { z } from 'zod';
import { checkIdConsent } from '../validation/consent';
import { countValidContacts } from '../validation/contact-methods';

/** The fields the cross-field rules read. */
interface RuleInput {
  kind?: string | undefined;
  idNumber?: string | undefined;
  idConsent?: boolean | undefined;
  creditCode?: string | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
  wechat?: string | undefined;
  landline?: string | undefined;
}

/**
 * Adds the rules that span fields (SPEC 2.1 and 5) to a zod refinement context: at least
 * `minContacts` valid contact methods, and an ID number only with recorded consent.
 * @example schema.superRefine((v, ctx) => addCustomerRules(v, ctx, 2))
 */
export function addCustomerRules(value: RuleInput, ctx: z.RefinementCtx, minContacts = 2): void {
  const count = countValidContacts(value);
  if (count < minContacts) {
    // Reported on mobile, the one contact field every form shows, so the sidebar can place it.
    ctx.addIssue({
      code: 'custom',
      path: ['mobile'],
      message: 'contacts.atLeastTwo',
      params: { code: 'contacts.atLeastTwo', count },
    });
  }
  const consent = checkIdConsent(value);
  if (!consent.ok) {
    ctx.addIssue({
      code: 'custom',
      path: ['idNumber'],
      message: consent.code,
      params: { code: consent.code },
    });
  }
}
