import { z } from 'zod';
import { customerField, customerFieldSchemas } from '../fields/customer-fields';
import { addCustomerRules } from '../fields/customer-rules';
import { splitList } from '../fields/field-schemas';
import type { FormTemplate, TemplateField } from './form-template';

/** A submission as the template's schema returns it: field key to normalised value. */
export type Submission = Record<string, unknown>;

/**
 * The zod schema that validates a submission of a form template: the template's fields only,
 * its required flags and options, the template's customer kind, and the cross-field rules.
 * @example templateToSchema(enterpriseTemplate).safeParse(input).success
 */
export function templateToSchema(template: FormTemplate): z.ZodType<Submission> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of template.fields) {
    const schema = fieldSchema(field);
    shape[field.key] = field.required ? schema : schema.optional();
  }
  // The kind comes from the template: an enterprise form files enterprises.
  shape['kind'] = z.literal(template.customerKind).default(template.customerKind);
  return z
    .object(shape)
    .strict()
    .superRefine((value, ctx) => addCustomerRules(value, ctx, template.minContactMethods));
}

/**
 * The value schema of one template field, with the template's options where it gives them.
 * @example fieldSchema({ key: 'mobile', required: true }).parse('138 1234 5678') // '13812345678'
 */
export function fieldSchema(field: TemplateField): z.ZodType {
  const def = customerField(field.key);
  const base = customerFieldSchemas[field.key];
  const options = field.options?.map((o) => o.value) ?? def?.options;
  if (options === undefined || options.length === 0) return base;
  const allowed = z.enum(options as [string, ...string[]]);
  if (def?.type === 'multi') {
    return z
      .union([z.array(z.string()), z.string()])
      .transform((v) => (typeof v === 'string' ? splitList(v) : filledIn(v)))
      .pipe(z.array(allowed).min(1));
  }
  return z.string().trim().pipe(allowed);
}

// The items of a list that are filled in, trimmed; one pass, as this runs for every row.
function filledIn(items: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const trimmed = item.trim();
    if (trimmed !== '') out.push(trimmed);
  }
  return out;
}
