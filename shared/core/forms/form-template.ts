import { z } from 'zod';
import {
  customerField,
  customerFieldSchemas,
  type CustomerFieldKey,
} from '../fields/customer-fields';
import { customerKinds } from '../fields/options';

const fieldKeys = Object.keys(customerFieldSchemas) as [CustomerFieldKey, ...CustomerFieldKey[]];

/** A label in both interface languages, for what an admin names (templates, added options). */
export const localisedTextSchema = z.object({
  'zh-CN': z.string().trim().min(1).max(60),
  en: z.string().trim().min(1).max(60),
});

/** One option of a choice field; `value` is what is stored. */
export const templateOptionSchema = z.object({
  value: z.string().trim().min(1).max(40),
  label: localisedTextSchema,
});

/** One field as a template shows it. Options replace the built-in ones for choice fields. */
export const templateFieldSchema = z.object({
  key: z.enum(fieldKeys),
  required: z.boolean(),
  options: z.array(templateOptionSchema).min(1).optional(),
});

/** Fields every template must show and require: without them a record cannot be found again. */
export const lockedFields = ['name'] as const satisfies readonly CustomerFieldKey[];

/**
 * An admin-editable form: which fields it shows, in which order, required or not, with which
 * options. Enterprise and individual customers, domestic and overseas, each get their own.
 */
export const formTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/),
    version: z.number().int().positive(),
    name: localisedTextSchema,
    customerKind: z.enum(customerKinds),
    market: z.enum(['domestic', 'overseas']),
    /** How many valid contact methods a submission needs (SPEC: at least two). */
    minContactMethods: z.number().int().min(0).max(4),
    copiedFrom: z.string().optional(),
    fields: z.array(templateFieldSchema).min(1),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.fields.forEach((field, index) => {
      if (seen.has(field.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'key'],
          message: 'template.duplicateField',
          params: { code: 'template.duplicateField', key: field.key },
        });
      }
      seen.add(field.key);
      const type = customerField(field.key)?.type;
      if (field.options !== undefined && type !== 'single' && type !== 'multi') {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'options'],
          message: 'template.optionsNotAllowed',
          params: { code: 'template.optionsNotAllowed', key: field.key },
        });
      }
    });
    for (const key of lockedFields) {
      const index = template.fields.findIndex((f) => f.key === key);
      if (template.fields[index]?.required !== true) {
        ctx.addIssue({
          code: 'custom',
          path: index < 0 ? ['fields'] : ['fields', index, 'required'],
          message: 'template.fieldRequired',
          params: { code: 'template.fieldRequired', key },
        });
      }
    }
  });

/**
 * A form template as an admin may save it: besides `formTemplateSchema`, no choice field offers
 * the same option value twice (a stored value could not tell which option it was). Stored
 * templates are read with `formTemplateSchema`, so one saved before this rule still loads and
 * only its next save is refused.
 * @example editedTemplateSchema.safeParse(enterpriseTemplate).success // true
 */
export const editedTemplateSchema = formTemplateSchema.superRefine((template, ctx) => {
  template.fields.forEach((field, index) => {
    const seen = new Set<string>();
    field.options?.forEach((option, at) => {
      if (seen.has(option.value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'options', at, 'value'],
          message: 'template.duplicateOption',
          params: { code: 'template.duplicateOption', key: field.key, value: option.value },
        });
      }
      seen.add(option.value);
    });
  });
});

export type FormTemplate = z.infer<typeof formTemplateSchema>;
export type TemplateField = z.infer<typeof templateFieldSchema>;
export type TemplateOption = z.infer<typeof templateOptionSchema>;

/**
 * A new template copied from an earlier one, at version 1, remembering where it came from.
 * @example copyTemplate(enterpriseTemplate, 'enterprise-overseas', name).copiedFrom // 'enterprise-domestic'
 */
export function copyTemplate(
  from: FormTemplate,
  id: string,
  name: FormTemplate['name'],
): FormTemplate {
  return { ...structuredCloneFields(from), id, name, version: 1, copiedFrom: from.id };
}

// Copied by hand: the core uses nothing beyond ES2022, and structuredClone is not ES.
function structuredCloneFields(t: FormTemplate): FormTemplate {
  return {
    ...t,
    fields: t.fields.map((f) => ({
      ...f,
      ...(f.options === undefined
        ? {}
        : { options: f.options.map((o) => ({ ...o, label: { ...o.label } })) }),
    })),
  };
}
