import { customerField } from '../../core/fields/customer-fields';
import type { TemplateField } from '../../core/forms/form-template';
import { fieldLabel } from '../../core/i18n/translate';
import type { TagEntry } from '../../core/tags/tag-entry';
import { useSidebar } from '../app/sidebar-context';
import { choicesOf, type FormValue } from './form-value';
import { RegionCascade } from './region-cascade';
import { TagPicker } from './tag-picker';

/**
 * One field of the entry form: its label (starred when required), the input its type calls for,
 * and the validation message right under it.
 */
export function FieldInput({
  field,
  value,
  error,
  readOnly,
  vocabulary,
  onChange,
  onBlur,
}: {
  field: TemplateField;
  value: FormValue | undefined;
  error: string | undefined;
  readOnly: boolean;
  vocabulary: readonly TagEntry[];
  onChange: (value: FormValue) => void;
  onBlur: () => void;
}) {
  const { locale, t } = useSidebar();
  const def = customerField(field.key);
  const id = `crm-field-${field.key}`;
  const text = typeof value === 'string' ? value : '';
  const list = Array.isArray(value) ? value : [];
  const invalid = error !== undefined;
  const common = {
    id,
    name: field.key,
    class: invalid ? 'crm-input is-invalid' : 'crm-input',
    'aria-invalid': invalid,
    'aria-describedby': invalid ? `${id}-error` : undefined,
    disabled: readOnly,
    onBlur,
  };

  let input;
  switch (def?.type) {
    case 'single':
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{t('ui.choose')}</option>
          {choicesOf(field, locale).map((c) => (
            <option value={c.value}>{c.label}</option>
          ))}
        </select>
      );
      break;
    case 'multi':
      input = (
        <div class="crm-checks" id={id} role="group" aria-describedby={common['aria-describedby']}>
          {choicesOf(field, locale).map((c) => (
            <label class="crm-check">
              <input
                type="checkbox"
                name={field.key}
                value={c.value}
                disabled={readOnly}
                checked={list.includes(c.value)}
                onChange={(e) => {
                  onChange(
                    e.currentTarget.checked
                      ? [...list, c.value]
                      : list.filter((v) => v !== c.value),
                  );
                  onBlur();
                }}
              />
              {c.label}
            </label>
          ))}
        </div>
      );
      break;
    case 'boolean':
      input = (
        <label class="crm-check">
          <input
            type="checkbox"
            id={id}
            name={field.key}
            disabled={readOnly}
            checked={value === true}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />
          {t('ui.yes')}
        </label>
      );
      break;
    case 'region':
      input = (
        <RegionCascade
          id={id}
          value={text}
          disabled={readOnly}
          onChange={(code) => {
            onChange(code);
            onBlur();
          }}
        />
      );
      break;
    case 'tags':
      input = (
        <TagPicker
          id={id}
          value={list}
          vocabulary={vocabulary}
          disabled={readOnly}
          onChange={(tags) => onChange(tags)}
        />
      );
      break;
    case 'longText':
      input = (
        <textarea
          {...common}
          rows={3}
          value={text}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      );
      break;
    case 'date':
      input = (
        <input
          {...common}
          type="date"
          value={text}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      );
      break;
    default:
      input = (
        <input
          {...common}
          type="text"
          inputMode={field.key === 'mobile' ? 'tel' : undefined}
          value={text}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      );
  }

  return (
    <div class="crm-field" data-field={field.key}>
      <label class="crm-label" for={id}>
        {fieldLabel(field.key, locale)}
        {field.required && (
          <span class="crm-required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {input}
      {invalid && (
        <p class="crm-error" id={`${id}-error`} data-error-for={field.key}>
          {error}
        </p>
      )}
    </div>
  );
}
