import { customerField } from '../../../shared/core/fields/customer-fields';
import type { CustomerKind, CustomerStatus } from '../../../shared/core/fields/options';
import {
  maskKindForField,
  maskValue,
  type MaskKind,
} from '../../../shared/core/masking/mask-kinds';
import { companyNameKey } from '../../../shared/core/normalise/company-name';
import { blindIndex } from '../crypto/blind-index';
import { decryptField, encryptField } from '../crypto/field-cipher';
import type { KeyRing } from '../crypto/key-ring';
import type { SqlValue } from '../storage/database';

/** A customer as the server works with it: clear values, decrypted, plus bookkeeping. */
export interface StoredCustomer {
  id: string;
  checkpoint: number;
  version: number;
  status: CustomerStatus;
  kind: CustomerKind;
  owner: string;
  team: string | null;
  templateId: string | null;
  values: Record<string, unknown>;
  /** The checkpoint at which each field last changed: the base of per-field conflict checks. */
  fieldCheckpoints: Record<string, number>;
  possibleDuplicates: string[];
  rejections: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** The columns of the customers table, in insert order. */
export const customerColumns = [
  'id',
  'checkpoint',
  'version',
  'status',
  'kind',
  'name',
  'owner',
  'team',
  'industry',
  'stage',
  'level',
  'region',
  'last_contact',
  'template_id',
  'clear_data',
  'secret_data',
  'masked_data',
  'field_checkpoints',
  'mobile_hash',
  'email_hash',
  'credit_code_hash',
  'id_number_hash',
  'name_key',
  'trade_name',
  'trade_prefix',
  'city_code',
  'possible_duplicates',
  'rejections',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
] as const;

export type CustomerRow = Record<(typeof customerColumns)[number], string | number | null>;

/** The exact-duplicate keys of a record: keyed hashes of normalised values, never the values. */
export interface DedupeKeys {
  mobile: string | null;
  email: string | null;
  creditCode: string | null;
  idNumber: string | null;
  /** Company-name comparison key within a province; individuals share names, so they have none. */
  nameKey: string | null;
  /** The company-name comparison key alone: the trade name near duplicates are found by. */
  companyKey: string | null;
}

/** Computes the duplicate keys of a record's values. */
export function dedupeKeys(
  ring: KeyRing,
  kind: CustomerKind,
  values: Readonly<Record<string, unknown>>,
): DedupeKeys {
  const hash = (field: string, normalise: (s: string) => string = (s) => s) => {
    const value = values[field];
    return typeof value === 'string' && value !== ''
      ? blindIndex(ring, field, normalise(value))
      : null;
  };
  const region = typeof values['region'] === 'string' ? values['region'] : '';
  const companyKey = kind === 'enterprise' ? companyNameKey(str(values['name']) ?? '') : null;
  return {
    mobile: hash('mobile'),
    email: hash('email', (s) => s.toLowerCase()),
    creditCode: hash('creditCode'),
    idNumber: hash('idNumber'),
    nameKey:
      companyKey === null || typeof values['name'] !== 'string'
        ? null
        : `${companyKey}|${region.slice(0, 2)}`,
    companyKey,
  };
}

/** The value columns of a row: clear fields, sensitive fields encrypted, and their masks. */
export interface SealedValues {
  clear_data: string;
  secret_data: string;
  masked_data: string;
}

/**
 * What a record's sensitive values are sealed under, together: one AES-256-GCM ciphertext of
 * their JSON, with the key ID in front (`v1.<key id>.<iv>.<ciphertext>.<tag>`), so a rotation
 * rewrites the record's ciphertext as a whole. One cipher per record rather than one per field
 * halved the cost of encryption on the push path; the fields inside are authenticated
 * together, so none can be moved, dropped or swapped without failing to decrypt.
 */
const sealedFields = 'customer.sensitive';

/** A record without sensitive values: also how rows written one ciphertext per field begin. */
const nothingSealed = '{}';

/**
 * Splits a record's values into the row's value columns: sensitive fields encrypted, their masks
 * precomputed for pulls. `masks` may be passed when the caller has already computed them.
 */
export function sealValues(
  ring: KeyRing,
  kind: CustomerKind,
  values: Readonly<Record<string, unknown>>,
  masks?: Readonly<Record<string, unknown>>,
): SealedValues {
  const clear: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  const masked: Record<string, unknown> = {};
  let sealed = false;
  for (const field in values) {
    const value = values[field];
    if (value === undefined || value === null) continue;
    if (customerField(field)?.sensitive === true) {
      secret[field] = value;
      sealed = true;
      masked[field] = masks?.[field] ?? maskOf(field, kind, value);
    } else {
      clear[field] = value;
    }
  }
  return {
    clear_data: JSON.stringify(clear),
    secret_data: sealed ? encryptField(ring, sealedFields, JSON.stringify(secret)) : nothingSealed,
    masked_data: JSON.stringify(masked),
  };
}

/**
 * The sensitive values of a row, decrypted. Rows written before values were sealed together
 * hold a JSON object of one ciphertext per field, and are read as they are.
 */
function unsealValues(ring: KeyRing, stored: string): Record<string, unknown> {
  if (!stored.startsWith('{')) {
    return JSON.parse(decryptField(ring, sealedFields, stored)) as Record<string, unknown>;
  }
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(JSON.parse(stored) as Record<string, string>)) {
    values[field] = JSON.parse(decryptField(ring, `customer.${field}`, value));
  }
  return values;
}

/**
 * Turns a record into a row: sensitive fields encrypted, their masks precomputed for pulls.
 * `keys` and `sealed` may be passed when the caller has already computed them for these values.
 */
export function toRow(
  ring: KeyRing,
  c: StoredCustomer,
  keys: DedupeKeys = dedupeKeys(ring, c.kind, c.values),
  sealed: SealedValues = sealValues(ring, c.kind, c.values),
): CustomerRow {
  const tradeName = keys.companyKey;
  const name = str(c.values['name']) ?? '';
  const region = typeof c.values['region'] === 'string' ? c.values['region'] : null;
  return {
    id: c.id,
    checkpoint: c.checkpoint,
    version: c.version,
    status: c.status,
    kind: c.kind,
    name,
    owner: c.owner,
    team: c.team,
    industry: str(c.values['industry']),
    stage: str(c.values['stage']),
    level: str(c.values['level']),
    region,
    last_contact: str(c.values['lastContact']),
    template_id: c.templateId,
    clear_data: sealed.clear_data,
    secret_data: sealed.secret_data,
    masked_data: sealed.masked_data,
    field_checkpoints: JSON.stringify(c.fieldCheckpoints),
    mobile_hash: keys.mobile,
    email_hash: keys.email,
    credit_code_hash: keys.creditCode,
    id_number_hash: keys.idNumber,
    // Merged records leave the duplicate checks to their survivor.
    name_key: c.status === 'merged' ? `merged:${c.id}` : (keys.nameKey ?? `person:${c.id}`),
    // Trade name with its industry word: 华信科技 and 华新科技 are close, 华信 and 华新 too short to say.
    trade_name: tradeName,
    trade_prefix: tradeName === null ? null : [...tradeName].slice(0, 1).join(''),
    city_code: region === null ? null : region.slice(0, 4),
    possible_duplicates: JSON.stringify(c.possibleDuplicates),
    rejections: c.rejections,
    created_by: c.createdBy,
    created_at: c.createdAt,
    updated_by: c.updatedBy,
    updated_at: c.updatedAt,
  };
}

/** The columns `fromRow` reads: what a query that only builds customers need select. */
export const storedColumns = [
  'id',
  'checkpoint',
  'version',
  'status',
  'kind',
  'owner',
  'team',
  'template_id',
  'clear_data',
  'secret_data',
  'masked_data',
  'field_checkpoints',
  'possible_duplicates',
  'rejections',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
] as const satisfies readonly (typeof customerColumns)[number][];

export type StoredColumns = Pick<CustomerRow, (typeof storedColumns)[number]>;

/**
 * Reads a row back. With `clear` false the sensitive fields come back as their stored masks
 * and nothing is decrypted: what a pull for a masked view needs, and much cheaper.
 */
export function fromRow(ring: KeyRing, row: StoredColumns, clear = true): StoredCustomer {
  const values = JSON.parse(String(row.clear_data)) as Record<string, unknown>;
  if (clear) {
    const secret = unsealValues(ring, String(row.secret_data));
    for (const field in secret) values[field] = secret[field];
  } else {
    Object.assign(values, JSON.parse(String(row.masked_data)) as Record<string, unknown>);
  }
  return {
    id: String(row.id),
    checkpoint: Number(row.checkpoint),
    version: Number(row.version),
    status: row.status as CustomerStatus,
    kind: row.kind as CustomerKind,
    owner: String(row.owner),
    team: row.team === null ? null : String(row.team),
    templateId: row.template_id === null ? null : String(row.template_id),
    values,
    fieldCheckpoints: JSON.parse(String(row.field_checkpoints)) as Record<string, number>,
    possibleDuplicates: JSON.parse(String(row.possible_duplicates)) as string[],
    rejections: Number(row.rejections),
    createdBy: String(row.created_by),
    createdAt: String(row.created_at),
    updatedBy: String(row.updated_by),
    updatedAt: String(row.updated_at),
  };
}

/** The values of a row, in column order, for an insert. */
export function rowParams(row: CustomerRow): SqlValue[] {
  return customerColumns.map((column) => row[column]);
}

/** The mask of a value as every masked view shows it. */
export function maskOf(field: string, kind: CustomerKind, value: unknown): unknown {
  const maskKind = maskKindForField(field, kind);
  if (!Array.isArray(value)) return maskOne(maskKind, value);
  const out: string[] = [];
  for (const v of value as unknown[]) out.push(maskOne(maskKind, v));
  return out;
}

/** The mask of every value of a record, by field: what both its row and its audit entry show. */
export function masksOf(
  kind: CustomerKind,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const masks: Record<string, unknown> = {};
  for (const field in values) {
    const value = values[field];
    // Every key is kept, undefined or not, so the audit lists the same fields as the values.
    masks[field] = value === undefined ? undefined : maskOf(field, kind, value);
  }
  return masks;
}

// Not a closure inside maskOf: this runs for every value of every pushed row.
function maskOne(maskKind: MaskKind, v: unknown): string {
  return maskValue(
    maskKind,
    typeof v === 'number' ? v : typeof v === 'string' ? v : JSON.stringify(v),
  );
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The row-scope facts of a customer, for the policy. */
export function scopeOf(c: StoredCustomer): {
  owner: string;
  createdBy: string;
  team: string | null;
} {
  return { owner: c.owner, createdBy: c.createdBy, team: c.team };
}
