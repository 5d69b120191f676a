// The kinds of mask, how each one is applied, and which customer field gets which: the one
// table the server reads before any value leaves it (SPEC 5).
import { z } from 'zod';
import type { CustomerFieldKey, SystemFieldKey } from '../fields/customer-fields';
import type { CustomerKind } from '../fields/options';
import { maskAddress } from './mask-address';
import { maskAmount } from './mask-amount';
import { maskCompanyName } from './mask-company-name';
import { maskCreditCode } from './mask-credit-code';
import { maskEmail } from './mask-email';
import { maskFull } from './mask-full';
import { maskIdNumber } from './mask-id-number';
import { maskLandline } from './mask-landline';
import { maskMobile } from './mask-mobile';
import { maskPersonName } from './mask-person-name';

/** How a field's value is masked; `none` leaves it as it is even where a role sees masks. */
export const maskKindSchema = z.enum([
  'mobile',
  'email',
  'idNumber',
  'creditCode',
  'personName',
  'companyName',
  'address',
  'landline',
  'amount',
  'full',
  'none',
]);

export type MaskKind = z.infer<typeof maskKindSchema>;

/**
 * Masks a value by its kind.
 * @example maskValue('mobile', '13812345678') // '138****5678'
 */
export function maskValue(kind: MaskKind, value: string | number): string {
  if (kind === 'amount') return maskAmount(value);
  const text = String(value);
  switch (kind) {
    case 'mobile':
      return maskMobile(text);
    case 'email':
      return maskEmail(text);
    case 'idNumber':
      return maskIdNumber(text);
    case 'creditCode':
      return maskCreditCode(text);
    case 'personName':
      return maskPersonName(text);
    case 'companyName':
      return maskCompanyName(text);
    case 'address':
      return maskAddress(text);
    case 'landline':
      return maskLandline(text);
    case 'full':
      return maskFull(text);
    case 'none':
      return text;
  }
}

/**
 * How each customer field is masked for a role whose field rule is `masked` (SPEC 5).
 * Typed over every field so that a new field cannot be added without choosing its mask.
 * `name` depends on the customer's kind (see `maskKindForField`); on its own it is `full`.
 * `wechat` is `full`: a WeChat ID is often the owner's mobile or QQ number, so any part of
 * it may be part of another contact detail.
 * @example fieldMaskKinds.mobile // 'mobile'
 */
export const fieldMaskKinds: Readonly<Record<CustomerFieldKey | SystemFieldKey, MaskKind>> = {
  id: 'none',
  name: 'full',
  kind: 'none',
  creditCode: 'creditCode',
  idNumber: 'idNumber',
  idConsent: 'none',
  marketingConsent: 'none',
  industry: 'none',
  size: 'none',
  region: 'none',
  address: 'address',
  stage: 'none',
  level: 'none',
  contactName: 'personName',
  contactTitle: 'none',
  mobile: 'mobile',
  email: 'email',
  wechat: 'full',
  landline: 'landline',
  demand: 'none',
  expectedDate: 'none',
  budget: 'none',
  sources: 'none',
  referrer: 'personName',
  firstContact: 'none',
  lastContact: 'none',
  totalAmount: 'amount',
  businessType: 'none',
  owner: 'none',
  attachments: 'full',
  tags: 'none',
  remarks: 'none',
  status: 'none',
  version: 'none',
  createdAt: 'none',
  updatedAt: 'none',
  updatedBy: 'none',
};

// A Map rather than an index into the table, so that `toString` or `__proto__` are unknown
// fields and not inherited properties.
const kindByField: ReadonlyMap<string, MaskKind> = new Map(Object.entries(fieldMaskKinds));

/**
 * How a customer's name is masked: an enterprise's as a company name, a person's as a name.
 * @example maskKindForName('individual') // 'personName'
 */
export function maskKindForName(kind: CustomerKind): MaskKind {
  return kind === 'enterprise' ? 'companyName' : 'personName';
}

/**
 * How a field is masked, given the customer's kind when known. A field this table does not
 * know (one an admin added to a form template) is masked in full, never shown.
 * @example maskKindForField('name', 'enterprise') // 'companyName'
 */
export function maskKindForField(field: string, customerKind?: CustomerKind): MaskKind {
  if (field === 'name' && customerKind !== undefined) return maskKindForName(customerKind);
  return kindByField.get(field) ?? 'full';
}
