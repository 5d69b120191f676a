import { fail, ok, type Result } from '../result';
import type { ErrorCode } from './field-error';

/** The part of a customer record the ID-consent rule reads. */
export interface IdConsentInput {
  idNumber?: string | undefined;
  idConsent?: boolean | undefined;
}

/**
 * An ID number may be stored only with the customer's recorded consent (PIPL: ID numbers are
 * sensitive personal information).
 * @example checkIdConsent({ idNumber: '11010519491231002X' }) // { ok: false, code: 'idNumber.consent' }
 */
export function checkIdConsent(record: IdConsentInput): Result<true, ErrorCode> {
  const hasIdNumber = record.idNumber !== undefined && record.idNumber.trim() !== '';
  // Strictly true: a missing or unticked box is no consent.
  return hasIdNumber && record.idConsent !== true ? fail('idNumber.consent') : ok(true);
}
