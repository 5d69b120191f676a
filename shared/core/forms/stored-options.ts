import { customerField } from '../fields/customer-fields';
import type { FormTemplate, TemplateField } from './form-template';

/**
 * The template with each choice field's options widened by the values a stored record already
 * holds, so that an option an admin has since removed does not block edits of the record's other
 * fields (the stored value is kept, as a retired tag is); the same template object when nothing
 * is missing, so its compiled validator is reused.
 * @example withStoredOptions(template, { sources: ['tradeShow'] }) // tradeShow accepted again
 */
export function withStoredOptions(
  template: FormTemplate,
  stored: Readonly<Record<string, unknown>>,
): FormTemplate {
  let fields: TemplateField[] | undefined;
  template.fields.forEach((field, index) => {
    const options = field.options?.map((o) => o.value) ?? customerField(field.key)?.options;
    if (options === undefined || options.length === 0) return;
    const value = stored[field.key];
    const held = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    const missing = held.filter((v) => !options.includes(v));
    if (missing.length === 0) return;
    fields ??= [...template.fields];
    fields[index] = {
      ...field,
      options: [...options, ...missing].map(
        (v) =>
          field.options?.find((o) => o.value === v) ?? { value: v, label: { 'zh-CN': v, en: v } },
      ),
    };
  });
  return fields === undefined ? template : { ...template, fields };
}
