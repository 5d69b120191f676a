import { z } from 'zod';
import { parseCreditCode } from '../validation/credit-code';
import { parseEmail } from '../validation/email';
import { parseIdNumber } from '../validation/id-number';
import { parseLandline } from '../validation/landline';
import { parseMobile } from '../validation/mobile';
import { parseWechat } from '../validation/wechat';
import {
  amountField,
  booleanField,
  dateField,
  dateTimeField,
  longTextField,
  multiOptionField,
  optionField,
  regionField,
  tagField,
  textField,
  splitList,
} from './field-schemas';
import {
  budgets,
  customerKinds,
  customerStatuses,
  industries,
  levels,
  sources,
  stages,
} from './options';
import { zodFromParser } from './zod-from-parser';
import { customerIdPattern } from '../ids/record-id';

/** An attached file as a record refers to it; the bytes live in the server's file store. */
export const attachmentSchema = z.object({
  fileId: z.string().min(1),
  name: z.string().min(1).max(255),
  mimeType: z.enum([
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/webp',
  ]),
  size: z
    .number()
    .int()
    .positive()
    .max(10 * 1024 * 1024),
});

export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * The value schema of every customer field that a user may type (SPEC 2.1), keyed by field.
 * Each one normalises what it accepts: a mobile typed as `+86 138-1234-5678` comes out as
 * `13812345678`. Required-ness is not here but in the field table and the form template.
 */
export const customerFieldSchemas = {
  name: textField(100),
  kind: optionField(customerKinds),
  creditCode: zodFromParser(parseCreditCode),
  idNumber: zodFromParser((s) => parseIdNumber(s)),
  idConsent: booleanField,
  marketingConsent: booleanField,
  industry: textField(50),
  size: textField(100),
  region: regionField,
  address: textField(200),
  stage: optionField(stages),
  level: textField(20),
  contactName: textField(50),
  contactTitle: textField(50),
  mobile: zodFromParser(parseMobile),
  email: zodFromParser(parseEmail),
  wechat: zodFromParser(parseWechat),
  landline: zodFromParser(parseLandline),
  demand: longTextField(2000),
  expectedDate: dateField,
  budget: optionField(budgets),
  sources: multiOptionField(sources),
  referrer: textField(50),
  firstContact: dateField,
  lastContact: dateField,
  totalAmount: amountField,
  businessType: textField(100),
  owner: textField(64),
  attachments: z.array(attachmentSchema).max(20),
  tags: z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (typeof v === 'string' ? splitList(v) : v))
    .pipe(z.array(tagField).max(50)),
  remarks: longTextField(2000),
} as const;

export type CustomerFieldKey = keyof typeof customerFieldSchemas;

/** Fields the server sets; never typed by users. */
export const systemFieldSchemas = {
  id: z.string().regex(customerIdPattern),
  status: z.enum(customerStatuses),
  version: z.number().int().nonnegative(),
  createdAt: dateTimeField,
  updatedAt: dateTimeField,
  updatedBy: z.string(),
} as const;

export type SystemFieldKey = keyof typeof systemFieldSchemas;

export type FieldType =
  | 'text'
  | 'longText'
  | 'single'
  | 'multi'
  | 'date'
  | 'region'
  | 'number'
  | 'boolean'
  | 'user'
  | 'files'
  | 'tags';

export type FieldGroup =
  'basic' | 'contact' | 'demand' | 'business' | 'attachments' | 'tags' | 'remarks';

/** What a form, a sheet column and the masking table need to know about a field. */
export interface FieldDef {
  readonly key: CustomerFieldKey;
  readonly group: FieldGroup;
  readonly type: FieldType;
  /** Required by SPEC 2.1; a form template may relax it except for the locked fields. */
  readonly required: boolean;
  /** Option codes for choice fields; labels are `option.<key>.<code>` in the message table. */
  readonly options?: readonly string[];
  /** Encrypted at rest and masked for roles without `view` (SPEC 5). */
  readonly sensitive: boolean;
}

const def = (
  key: CustomerFieldKey,
  group: FieldGroup,
  type: FieldType,
  required: boolean,
  extra: { options?: readonly string[]; sensitive?: boolean } = {},
): FieldDef => ({
  key,
  group,
  type,
  required,
  sensitive: extra.sensitive ?? false,
  ...(extra.options === undefined ? {} : { options: extra.options }),
});

/** Every user-typed customer field of SPEC 2.1, in form order. */
export const customerFields: readonly FieldDef[] = [
  def('name', 'basic', 'text', true),
  def('kind', 'basic', 'single', true, { options: customerKinds }),
  def('creditCode', 'basic', 'text', false),
  def('idNumber', 'basic', 'text', false, { sensitive: true }),
  def('idConsent', 'basic', 'boolean', false),
  def('marketingConsent', 'basic', 'boolean', false),
  def('industry', 'basic', 'single', true, { options: industries }),
  def('size', 'basic', 'text', false),
  def('region', 'basic', 'region', true),
  def('address', 'basic', 'text', false, { sensitive: true }),
  def('stage', 'basic', 'single', true, { options: stages }),
  def('level', 'basic', 'single', false, { options: levels }),
  def('contactName', 'contact', 'text', true),
  def('contactTitle', 'contact', 'text', false),
  def('mobile', 'contact', 'text', true, { sensitive: true }),
  def('email', 'contact', 'text', false, { sensitive: true }),
  def('wechat', 'contact', 'text', false),
  def('landline', 'contact', 'text', false),
  def('demand', 'demand', 'longText', true),
  def('expectedDate', 'demand', 'date', true),
  def('budget', 'demand', 'single', false, { options: budgets }),
  def('sources', 'demand', 'multi', true, { options: sources }),
  def('referrer', 'demand', 'text', false),
  def('firstContact', 'business', 'date', false),
  def('lastContact', 'business', 'date', false),
  def('totalAmount', 'business', 'number', false, { sensitive: true }),
  def('businessType', 'business', 'text', false),
  def('owner', 'business', 'user', true),
  def('attachments', 'attachments', 'files', false, { sensitive: true }),
  def('tags', 'tags', 'tags', false),
  def('remarks', 'remarks', 'longText', false),
];

const byKey = new Map(customerFields.map((f) => [f.key, f]));

/**
 * The definition of a customer field, or undefined for a key that is not one.
 * @example customerField('mobile')?.sensitive // true
 */
export function customerField(key: string): FieldDef | undefined {
  return byKey.get(key as CustomerFieldKey);
}

/** The contact fields that count towards "at least two valid contact methods". */
export const contactFieldKeys = ['mobile', 'email', 'wechat', 'landline'] as const;
