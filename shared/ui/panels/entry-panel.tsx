import { useEffect, useRef, useState } from 'preact/hooks';
import type { FormTemplate } from '../../core/forms/form-template';
import { validateField, validateSubmission } from '../../core/forms/validate-submission';
import { fieldAccessOf } from '../../core/roles/role';
import type { CustomerFieldKey } from '../../core/fields/customer-fields';
import type { SheetRow } from '../../core/sync-client/index';
import type { FieldError } from '../../core/validation/field-error';
import { ApiFailure } from '../api/server-api';
import { useSidebar } from '../app/sidebar-context';
import { FieldInput } from '../components/field-input';
import { filledIn, type FormValue, type FormValues } from '../components/form-value';
import { ErrorNote, InfoNote } from '../components/notice';
import { useAsync } from '../components/use-async';
import { entryOutcome, rowOutcome, type EntryOutcome } from '../entry/entry-outcome';
import { EntryOutcomeView } from '../entry/entry-outcome-view';
import { RejectionReason } from '../entry/rejection-reason';
import { cellsFromValues, rowStatus, templateForRow, valuesFromRow } from '../entry/row-values';
import { randomId } from '../random-id';

// Fields a sheet row can be edited in while the record waits for (or failed) review.
const editableStatuses = ['pending', 'rejected', 'draft'];

/**
 * The entry form: the server's form template for the selected row or a new customer, validated
 * as the user types with the shared rules (the message under the field), submitted as one
 * mutation whose outcome (pending review, a duplicate's ID, field errors) is shown.
 */
export function EntryPanel() {
  const { api, host, me, t, locale } = useSidebar();
  const forms = useAsync(() => api.forms(), [api]);
  const vocabulary = useAsync(() => api.tags(), [api]);
  const [templateId, setTemplateId] = useState('');
  const [target, setTarget] = useState<SheetRow | null>(null);
  const [submitted, setSubmitted] = useState<{ id: string; status: string } | null>(null);
  const [values, setValuesState] = useState<FormValues>({});
  // Read by blur handlers that run before the next render (a cascade picks, then blurs).
  const valuesRef = useRef<FormValues>({});
  const setValues = (next: FormValues) => {
    valuesRef.current = next;
    setValuesState(next);
  };
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<EntryOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  // One mutation ID per version of the form: a retry after a dropped answer is the same push.
  const mutationId = useRef<string | null>(null);

  const templates = forms.state === 'ready' ? forms.value : [];
  const template: FormTemplate | undefined =
    templates.find((tpl) => tpl.id === templateId) ?? templates[0];

  const startNew = (tpl: FormTemplate | undefined = template) => {
    setTarget(null);
    setValues({ owner: me.user.id });
    setErrors({});
    setFormErrors([]);
    setOutcome(null);
    mutationId.current = null;
    if (tpl !== undefined) setTemplateId(tpl.id);
  };

  const loadSelection = async () => {
    const row = await host.getSelection();
    if (
      row === null ||
      (row.meta.recordId === '' && Object.values(row.cells).every((c) => c === ''))
    ) {
      startNew();
      return;
    }
    const tpl = templateForRow(row, templates, locale);
    if (tpl === undefined) return;
    const loaded = valuesFromRow(row, tpl, locale);
    setTemplateId(tpl.id);
    setTarget(row);
    setValues(loaded);
    setOutcome(null);
    mutationId.current = null;
    const checked = validateSubmission(tpl, loaded, locale);
    const shown = checked.ok ? [] : checked.errors;
    setErrors(byField(shown));
    setFormErrors([]);
    // The sheet shows the same problems as the form, on the cells themselves.
    await host.markInvalid(
      tpl.fields.map((f) => ({
        row: row.row,
        field: f.key,
        message: shown.find((e) => e.field === f.key)?.message ?? '',
      })),
    );
  };

  useEffect(() => {
    if (forms.state !== 'ready') return;
    loadSelection().catch(() => startNew(forms.value[0]));
    // Once the templates are in: the selected row, or a new customer.
  }, [forms.state]);

  if (forms.state === 'loading') return <p class="crm-muted">{t('ui.loading')}</p>;
  if (forms.state === 'failed') return <ErrorNote message={forms.message} />;
  if (template === undefined) return <InfoNote message={t('ui.entry.noTemplate')} />;

  // A resubmit changes the record's status before the sheet's row is pulled again.
  const status =
    target === null
      ? undefined
      : submitted?.id === target.meta.recordId
        ? submitted.status
        : rowStatus(target, locale);
  const locked = status !== undefined && !editableStatuses.includes(status);
  const shownFields = template.fields.filter(
    (f) =>
      f.key !== 'attachments' && fieldAccessOf(me.role, f.key as CustomerFieldKey) !== 'hidden',
  );
  const canEdit = (key: string) =>
    !locked && fieldAccessOf(me.role, key as CustomerFieldKey) === 'edit';

  const change = (key: string, value: FormValue) => {
    const next = { ...valuesRef.current, [key]: value };
    setValues(next);
    mutationId.current = null;
    setOutcome(null);
    const error = validateField(template, key, value, locale);
    setErrors((before) => {
      const { [key]: _gone, ...rest } = before;
      return error === undefined ? rest : { ...rest, [key]: error.message };
    });
  };
  const blur = (key: string) => {
    const error = validateField(template, key, valuesRef.current[key], locale);
    if (error !== undefined) setErrors((before) => ({ ...before, [key]: error.message }));
  };

  const showErrors = (list: readonly FieldError[]) => {
    const known = new Set(shownFields.map((f) => f.key as string));
    setErrors(byField(list.filter((e) => known.has(e.field))));
    setFormErrors(list.filter((e) => !known.has(e.field)).map((e) => e.message));
  };

  const submit = async () => {
    const checked = validateSubmission(template, values, locale);
    if (!checked.ok) {
      showErrors(checked.errors);
      setOutcome(null);
      return;
    }
    setBusy(true);
    setFormErrors([]);
    try {
      const result = target === null ? await pushNew() : await syncRow(target);
      setOutcome(result);
      if (result.kind === 'invalid') showErrors(result.errors);
    } catch (error) {
      setOutcome({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  };

  const pushNew = async (): Promise<EntryOutcome> => {
    mutationId.current ??= `ui-${randomId()}`;
    const answer = await api.push(`sidebar-${host.client}`, [
      { mutationId: mutationId.current, templateId: template.id, fields: filledIn(values) },
    ]);
    const first = answer.outcomes[0];
    if (first === undefined) return { kind: 'failed', message: '' };
    return entryOutcome(first);
  };

  // A sheet row goes through the sync engine, which keeps the row's base values and hidden
  // columns right; the sidebar then reads what became of that row.
  const syncRow = async (row: SheetRow): Promise<EntryOutcome> => {
    await host.writeRows([
      { kind: 'update', row: row.row, cells: cellsFromValues(values, template, locale) },
    ]);
    const report = await host.sync();
    const after = (await host.readRows()).find((r) => r.row === row.row);
    if (after !== undefined) setTarget(after);
    return rowOutcome(
      report,
      row.row,
      after,
      after === undefined ? undefined : rowStatus(after, locale),
    );
  };

  const resubmit = async (id: string) => {
    setBusy(true);
    try {
      const changed = await api.submit(id);
      setSubmitted({ id: changed.id, status: changed.status });
      setOutcome({ kind: 'saved', id: changed.id, status: changed.status });
    } catch (error) {
      setOutcome({
        kind: 'failed',
        message:
          error instanceof ApiFailure || error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="crm-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div class="crm-row is-spread">
        <span class="crm-target" data-role="entry-target">
          {target === null
            ? t('ui.entry.new')
            : t('ui.entry.row', { row: target.row, id: target.meta.recordId || '—' })}
        </span>
        <span class="crm-row">
          <button type="button" class="crm-button is-small" onClick={() => void loadSelection()}>
            {t('ui.entry.useSelection')}
          </button>
          <button type="button" class="crm-button is-small" onClick={() => startNew()}>
            {t('ui.entry.newButton')}
          </button>
        </span>
      </div>
      {target === null && templates.length > 1 && (
        <label class="crm-field">
          <span class="crm-label">{t('ui.entry.template')}</span>
          <select
            class="crm-input"
            data-role="template"
            value={template.id}
            onChange={(e) => {
              const next = templates.find((tpl) => tpl.id === e.currentTarget.value);
              startNew(next);
            }}
          >
            {templates.map((tpl) => (
              <option value={tpl.id}>{tpl.name[locale]}</option>
            ))}
          </select>
        </label>
      )}
      {locked && (
        <InfoNote
          message={t('ui.entry.locked', { status: t(`option.status.${status as 'approved'}`) })}
        />
      )}
      {target !== null && status === 'rejected' && target.meta.recordId !== '' && (
        <RejectionReason key={target.meta.recordId} recordId={target.meta.recordId} />
      )}
      {shownFields.map((field) => (
        <FieldInput
          key={`${template.id}-${field.key}`}
          field={field}
          value={values[field.key]}
          error={errors[field.key]}
          readOnly={!canEdit(field.key)}
          vocabulary={vocabulary.state === 'ready' ? vocabulary.value : []}
          onChange={(value) => change(field.key, value)}
          onBlur={() => blur(field.key)}
        />
      ))}
      {formErrors.map((message) => (
        <ErrorNote message={message} />
      ))}
      <div class="crm-actions">
        <button
          type="submit"
          class="crm-button is-primary"
          disabled={busy || locked}
          data-role="submit"
        >
          {busy ? t('ui.entry.submitting') : t('ui.entry.submit')}
        </button>
        {target !== null && status === 'rejected' && (
          <button
            type="button"
            class="crm-button"
            data-role="resubmit"
            disabled={busy}
            onClick={() => void resubmit(target.meta.recordId)}
          >
            {t('ui.entry.resubmit')}
          </button>
        )}
      </div>
      {outcome !== null && <EntryOutcomeView outcome={outcome} onNext={() => startNew()} />}
    </form>
  );
}

function byField(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}
